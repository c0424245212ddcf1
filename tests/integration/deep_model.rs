//! Machines put together by hand from the model's public types, nested deeper than any
//! definition can be read: the serializer, the validator, the renderers and the local
//! executor stop at the parser's limit (63 Parallel or 84 Map states inside each other)
//! with a typed error, or draw less, instead of exhausting the stack.

use std::fmt::Write as _;

use serde_json::json;
use sfn_dsl::model::{Branch, MapState, ParallelState, PassState, State, States, Transition};
use sfn_dsl::validate::{Code, validate};
use sfn_dsl::{ParseIssueKind, StateMachine, StateName, render};
use sfn_local::{Executor, RunError};

use crate::on_a_small_stack;

#[derive(Clone, Copy, Debug)]
enum Kind {
    Parallel,
    Map,
}

impl Kind {
    /// The most states of this kind the parser reads inside each other (with a Pass state
    /// in the innermost list).
    fn parser_limit(self) -> usize {
        match self {
            Self::Parallel => 63,
            Self::Map => 84,
        }
    }
}

fn end_states(name: &StateName, state: State) -> States {
    let mut states = States::new();
    states.insert(name.clone(), state);
    states
}

/// `Leaf`, a Pass state, inside `levels` states of `kind` named `N0` (innermost) to
/// `N{levels - 1}`, built without the builder (which refuses so deep a machine).
fn model(kind: Kind, levels: usize) -> StateMachine {
    let mut start = StateName::new("Leaf");
    let leaf = PassState {
        transition: Transition::End,
        ..PassState::default()
    };
    let mut states = end_states(&start, State::Pass(Box::new(leaf)));
    for level in 0..levels {
        let name = StateName::new(format!("N{level}"));
        let state = match kind {
            Kind::Parallel => State::Parallel(Box::new(ParallelState {
                branches: vec![Branch {
                    start_at: start,
                    states,
                    ..Branch::default()
                }],
                transition: Transition::End,
                ..ParallelState::default()
            })),
            Kind::Map => {
                let mut map = MapState {
                    transition: Transition::End,
                    ..MapState::default()
                };
                map.item_processor.start_at = start;
                map.item_processor.states = states;
                State::Map(Box::new(map))
            }
        };
        states = end_states(&name, state);
        start = name;
    }
    StateMachine {
        start_at: start,
        states,
        ..StateMachine::default()
    }
}

/// The compact JSON of [`model`], written by hand.
fn text(kind: Kind, levels: usize) -> String {
    let mut open = String::new();
    let mut close = String::new();
    let name = |level: usize| match level {
        0 => "Leaf".to_owned(),
        level => format!("N{}", level - 1),
    };
    let _ = write!(open, r#"{{"StartAt":"{}","States":{{"#, name(levels));
    for level in (1..=levels).rev() {
        let (inner, outer) = (name(level - 1), name(level));
        match kind {
            Kind::Parallel => {
                let _ = write!(
                    open,
                    r#""{outer}":{{"Type":"Parallel","Branches":[{{"StartAt":"{inner}","States":{{"#
                );
                close.push_str(r#"}}],"End":true}"#);
            }
            Kind::Map => {
                let _ = write!(
                    open,
                    r#""{outer}":{{"Type":"Map","ItemProcessor":{{"StartAt":"{inner}","States":{{"#
                );
                close.push_str(r#"}},"End":true}"#);
            }
        }
    }
    open.push_str(r#""Leaf":{"Type":"Pass","End":true}"#);
    open + &close + "}}"
}

/// The pointer of the nested list of `N{level}` when it is the `depth`-th state from the
/// top of [`model`]`(kind, levels)`.
fn list_pointer(kind: Kind, levels: usize, depth: usize) -> String {
    let field = match kind {
        Kind::Parallel => "/Branches/0",
        Kind::Map => "/ItemProcessor",
    };
    let mut pointer = String::new();
    for from_top in 0..depth {
        let _ = write!(pointer, "/States/N{}{field}", levels - 1 - from_top);
    }
    pointer
}

#[test]
fn the_deepest_readable_machines_work_everywhere() {
    on_a_small_stack(|| {
        for kind in [Kind::Parallel, Kind::Map] {
            let levels = kind.parser_limit();
            let machine = model(kind, levels);
            let text = text(kind, levels);
            assert_eq!(machine.to_json(), text, "{kind:?}");
            assert_eq!(StateMachine::from_json(&text).as_ref(), Ok(&machine));
            let pretty = machine.to_json_pretty();
            assert_eq!(StateMachine::from_json(&pretty).as_ref(), Ok(&machine));
            assert_eq!(
                StateMachine::from_value(&machine.to_value()).as_ref(),
                Ok(&machine)
            );
            assert!(validate(&machine).is_clean(), "{kind:?}");
            assert!(render::mermaid(&machine).contains("Leaf"), "{kind:?}");
            assert!(render::dot(&machine).contains("Leaf"), "{kind:?}");
        }
        // The executor runs nested Parallel states 64 deep (its `max_nesting`).
        let execution = Executor::new(model(Kind::Parallel, 63))
            .run(json!({}))
            .expect("it runs");
        assert!(execution.succeeded());
        assert_eq!(execution.states.last().map(String::as_str), Some("Leaf"));
    });
}

#[test]
fn one_level_deeper_is_refused_or_drawn_without_it() {
    on_a_small_stack(|| {
        for kind in [Kind::Parallel, Kind::Map] {
            let levels = kind.parser_limit() + 1;
            let parsed = StateMachine::from_json(&text(kind, levels)).unwrap_err();
            assert_eq!(parsed.issues()[0].kind, ParseIssueKind::TooDeep, "{kind:?}");

            let machine = model(kind, levels);
            assert_eq!(machine.to_json(), "null", "{kind:?}");
            assert_eq!(machine.to_json_pretty(), "null", "{kind:?}");
            assert_eq!(machine.to_value(), serde_json::Value::Null, "{kind:?}");
            let error = serde_json::to_string(&machine).unwrap_err();
            assert_eq!(
                error.to_string(),
                "state lists nest deeper than the 256 JSON levels a definition can have"
            );

            let report = validate(&machine);
            let found: Vec<(Code, &str)> = report
                .diagnostics()
                .iter()
                .map(|diagnostic| (diagnostic.code, diagnostic.pointer.as_str()))
                .collect();
            // The innermost list, `N0`'s, is the one too deep.
            let pointer = list_pointer(kind, levels, levels);
            assert_eq!(found, [(Code::JsonTooDeep, pointer.as_str())], "{kind:?}");

            // `N0` is drawn, its list is not.
            let chart = render::mermaid(&machine);
            assert!(chart.contains("N0") && !chart.contains("Leaf"), "{kind:?}");
            let graph = render::dot(&machine);
            assert!(graph.contains("N0") && !graph.contains("Leaf"), "{kind:?}");

            let Err(RunError::InvalidDefinition { issues }) = Executor::new(machine).run(json!({}))
            else {
                panic!("{kind:?}: an invalid definition")
            };
            let [(at, message)] = issues.as_slice() else {
                panic!("{kind:?}: one issue: {issues:?}")
            };
            assert_eq!(
                *at,
                list_pointer(kind, levels, levels - 1) + "/States/N0",
                "{kind:?}"
            );
            assert!(message.contains("nest so deeply"), "{message}");
        }
    });
}

#[test]
fn two_thousand_levels_do_not_exhaust_the_stack() {
    // Before these entry points stopped at the parser's limit, the shallowest of them gave
    // out at about 340 nested Parallel states on this stack (`to_value`, in a debug build).
    on_a_small_stack(|| {
        for kind in [Kind::Parallel, Kind::Map] {
            let machine = model(kind, 2_000);
            assert_eq!(machine.to_json(), "null");
            assert_eq!(machine.to_json_pretty(), "null");
            assert_eq!(machine.to_value(), serde_json::Value::Null);
            assert!(serde_json::to_string(&machine).is_err());
            assert_eq!(validate(&machine).diagnostics()[0].code, Code::JsonTooDeep);
            assert!(render::mermaid(&machine).contains("N1999"));
            assert!(render::dot(&machine).contains("N1999"));
            assert!(matches!(
                Executor::new(machine).run(json!({})),
                Err(RunError::InvalidDefinition { .. })
            ));
        }
    });
}

/// A Pass state machine whose `Result` is `levels` arrays inside each other.
fn deep_result(levels: usize) -> serde_json::Value {
    let mut result = json!(1);
    for _ in 0..levels {
        result = serde_json::Value::Array(vec![result]);
    }
    let mut machine = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}});
    machine["States"]["A"]["Result"] = result;
    machine
}

#[test]
fn values_read_as_deep_as_text_and_no_deeper() {
    on_a_small_stack(|| {
        // The root is level 0 and `Result` level 3: 253 arrays end at level 255.
        for (levels, readable) in [(253, true), (254, false), (10_000, false)] {
            let value = deep_result(levels);
            let from_value = StateMachine::from_value(&value);
            assert_eq!(from_value.is_ok(), readable, "{levels}");
            // The same problem as in the text (a value has no positions).
            if levels < 1_000 {
                let text = serde_json::to_string(&value).expect("printed");
                let problem = |read: &Result<StateMachine, sfn_dsl::ParseError>| {
                    read.as_ref().err().map(|error| {
                        let issue = &error.issues()[0];
                        (issue.kind, issue.pointer.clone())
                    })
                };
                assert_eq!(
                    problem(&StateMachine::from_json(&text)),
                    problem(&from_value)
                );
            }
            if let Err(error) = from_value {
                let [issue] = error.issues() else {
                    panic!("one issue: {error}")
                };
                assert_eq!(issue.kind, ParseIssueKind::TooDeep);
                assert_eq!(
                    issue.message,
                    "arrays and objects nest deeper than 256 levels"
                );
            }
        }
    });
}
