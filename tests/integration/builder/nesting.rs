//! Deeply nested Parallel and Map states: every machine `build()` accepts reads back, and
//! composing chains of any depth never exhausts the stack (the branch or item processor
//! that would nest too deep is left out and reported).

use sfn_dsl::prelude::*;

use crate::on_a_small_stack;

#[derive(Clone, Copy, Debug)]
enum Kind {
    Parallel,
    Map,
}

/// A Task with a retrier and a catcher: the deepest fixed structure a state has
/// (`Retry` → retrier → `ErrorEquals`).
fn work() -> Chain {
    TaskState::call("Work", lambda::Invoke::function("work"))
        .retry(Retrier::builder(ErrorName::lambda_transient()).max_attempts(2))
        .catch(ErrorName::All, PassState::builder("Recover"))
        .into()
}

/// `inner` inside `levels` states of `kind`, each the only state of the next one's branch
/// or item processor; with `same_names`, every level is named `Level` (and renamed).
fn nest(inner: Chain, kind: Kind, levels: usize, same_names: bool) -> Chain {
    (0..levels).fold(inner, |chain, level| {
        let name = if same_names {
            "Level".to_owned()
        } else {
            format!("Level {level}")
        };
        match kind {
            Kind::Parallel => ParallelState::builder(name).branch(chain).into(),
            Kind::Map => MapState::builder(name).item_processor(chain).into(),
        }
    })
}

fn build(chain: Chain) -> Result<StateMachine, BuildError> {
    StateMachine::builder().start(chain).build()
}

#[track_caller]
fn assert_reads_back(machine: &StateMachine) {
    let compact = machine.to_json();
    let parsed = StateMachine::from_json(&compact).expect("the compact JSON reads back");
    assert_eq!(&parsed, machine);
    assert_eq!(parsed.to_json(), compact);
    let pretty = machine.to_json_pretty();
    let reparsed = StateMachine::from_json(&pretty).expect("the pretty JSON reads back");
    assert_eq!(&reparsed, machine);
    let value = StateMachine::from_value(&machine.to_value()).expect("the value reads back");
    assert_eq!(&value, machine);
    // Written as YAML by the `build.rs` emitter and read back by the YAML reader.
    let yaml = sfn_dsl::build::to_yaml(&machine.to_value());
    let from_yaml = StateMachine::from_yaml(&yaml).expect("the YAML reads back");
    assert_eq!(&from_yaml, machine);
}

#[test]
fn the_deepest_machines_build_accepts_read_back() {
    on_a_small_stack(|| {
        for (kind, levels) in [(Kind::Parallel, 62), (Kind::Map, 83)] {
            let machine = build(nest(work(), kind, levels, false))
                .unwrap_or_else(|error| panic!("{kind:?} x {levels}: {error}"));
            assert_reads_back(&machine);
        }
        // Mixed: 41 Maps in 31 Parallels take 123 + 124 = 247 of the 250 levels.
        let mixed = nest(nest(work(), Kind::Map, 41, false), Kind::Parallel, 31, true);
        assert_reads_back(&build(mixed).expect("mixed nesting builds"));
    });
}

#[test]
fn one_level_more_is_a_build_issue() {
    let parallel = build(nest(work(), Kind::Parallel, 63, false)).unwrap_err();
    assert_eq!(
        parallel.to_string(),
        "cannot build the state machine at /States/Level 62/Branches/0: branch 0 of Parallel state `Level 62` nests Parallel and Map states too deeply: the definition would nest deeper than the 256 JSON levels `StateMachine::from_json` reads (nest at most 62 Parallel or 83 Map states inside each other; move the inner part into a state machine of its own, started by a Task state)"
    );
    let [issue] = parallel.issues() else {
        panic!("one issue: {parallel}")
    };
    assert_eq!(issue.kind, BuildIssueKind::NestingTooDeep);
    assert_eq!(
        issue.state.as_ref().map(StateName::as_str),
        Some("Level 62")
    );

    let map = build(nest(work(), Kind::Map, 84, false)).unwrap_err();
    let [issue] = map.issues() else {
        panic!("one issue: {map}")
    };
    assert_eq!(issue.kind, BuildIssueKind::NestingTooDeep);
    assert_eq!(issue.pointer, "/States/Level 83/ItemProcessor");
    assert!(
        issue
            .message
            .starts_with("the item processor of Map state `Level 83` nests"),
        "{issue}"
    );

    // A second branch after the refused one keeps its own position in the pointer.
    let deep = nest(work(), Kind::Parallel, 62, false);
    let error = build(
        ParallelState::builder("Outer")
            .branch(PassState::builder("Shallow"))
            .branch(deep)
            .branch(PassState::builder("Also shallow"))
            .into(),
    )
    .unwrap_err();
    let pointers: Vec<&str> = error
        .issues()
        .iter()
        .map(|issue| issue.pointer.as_str())
        .collect();
    assert_eq!(pointers, ["/States/Outer/Branches/1"]);
}

#[test]
fn composing_ten_thousand_levels_does_not_exhaust_the_stack() {
    on_a_small_stack(|| {
        for kind in [Kind::Parallel, Kind::Map] {
            for same_names in [false, true] {
                let chain = nest(work(), kind, 10_000, same_names);
                let copy = chain.clone();
                let prefixed = copy.clone().prefixed("Again: ");
                // Reusing a fragment renames every state of the newcomer.
                let reused = chain.clone().next(chain);
                // Only the outermost refusal of each copy is left to report.
                for (chain, refusals) in [(copy, 1), (prefixed, 1), (reused, 2)] {
                    let error = build(chain).unwrap_err();
                    let kinds: Vec<BuildIssueKind> =
                        error.issues().iter().map(|issue| issue.kind).collect();
                    assert_eq!(
                        kinds,
                        vec![BuildIssueKind::NestingTooDeep; refusals],
                        "{kind:?}: {error}"
                    );
                }
            }
        }
    });
}
