//! What the executor works out once per definition: structural checks and which states
//! need the context object.

use sfn_dsl::StateMachine;

use super::fast_hash::FastMap;
use sfn_dsl::model::{State, StateName, States};

/// A problem that keeps a definition from running.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DefinitionIssue {
    pub(crate) pointer: String,
    pub(crate) message: String,
}

/// Facts about one state.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct StateInfo {
    /// Whether any field can read the context object (`$$`, `$states.context`), so it
    /// must be built.
    pub(crate) needs_context: bool,
}

/// Facts about every state of a machine, by name.
#[derive(Clone, Debug, Default)]
pub(crate) struct Plan {
    states: FastMap<String, StateInfo>,
    /// Whether any state reads the context object.
    any_context: bool,
}

impl Plan {
    /// Checks the machine's structure and records per-state facts. `source`, the JSON text
    /// the machine was read from, lets it skip looking for context references when the
    /// text has none.
    pub(crate) fn new(
        machine: &StateMachine,
        source: Option<&str>,
    ) -> Result<Self, Vec<DefinitionIssue>> {
        let mut issues = Vec::new();
        check_list(&machine.start_at, &machine.states, "", 0, &mut issues);
        if !issues.is_empty() {
            return Err(issues);
        }
        // A `\u` escape could spell a `$` the text does not show.
        let none_in_source =
            source.is_some_and(|text| !text.contains("\\u") && !super::scan::reads_context(text));
        let mut states = FastMap::default();
        for (name, state) in machine.all_states() {
            let needs_context = !none_in_source && super::scan::mentions_context(state);
            states.insert(name.as_str().to_owned(), StateInfo { needs_context });
        }
        let any_context = states.values().any(|info| info.needs_context);
        Ok(Self {
            states,
            any_context,
        })
    }

    /// Whether any state reads the context object (and so the execution input).
    pub(crate) fn reads_context(&self) -> bool {
        self.any_context
    }

    /// The facts about a state.
    pub(crate) fn state(&self, name: &str) -> StateInfo {
        self.states.get(name).copied().unwrap_or(StateInfo {
            needs_context: true,
        })
    }
}

fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// JSON levels from a state list's `States` to those of a Parallel branch in it (the state,
/// `Branches`, the branch, its `States`) and of a Map item processor (the state,
/// `ItemProcessor`, its `States`).
const PARALLEL_LEVELS: usize = 4;
const MAP_LEVELS: usize = 3;

/// The deepest a nested list's `States` can lie below the machine's and still be within the
/// [`MAX_DEPTH`](sfn_dsl::source::MAX_DEPTH) levels a definition is read to (the root at
/// level 0, the machine's `States` at 1): 63 Parallel or 84 Map states inside each other.
/// Only a machine put together by hand goes deeper; it is refused here, before anything
/// recurses as deep as it goes.
const MAX_LIST_DEPTH: usize = sfn_dsl::source::MAX_DEPTH - 2;

/// Checks the list at `pointer`, `depth` JSON levels below the machine's `States`.
fn check_list(
    start_at: &StateName,
    states: &States,
    pointer: &str,
    depth: usize,
    issues: &mut Vec<DefinitionIssue>,
) {
    if !states.contains(start_at.as_str()) {
        issues.push(DefinitionIssue {
            pointer: format!("{pointer}/StartAt"),
            message: format!("`StartAt` names `{start_at}`, which is not a state of this list"),
        });
    }
    for (name, state) in states {
        let state_pointer = || format!("{pointer}/States/{}", escape(name.as_str()));
        for target in state.targets() {
            if !states.contains(target.name.as_str()) {
                issues.push(DefinitionIssue {
                    pointer: state_pointer(),
                    message: format!(
                        "state `{name}` transitions to `{}`, which is not a state of the same list",
                        target.name
                    ),
                });
            }
        }
        let levels = match state {
            State::Parallel(_) => PARALLEL_LEVELS,
            State::Map(_) => MAP_LEVELS,
            _ => continue,
        };
        if depth + levels > MAX_LIST_DEPTH {
            issues.push(DefinitionIssue {
                pointer: state_pointer(),
                message: format!(
                    "Parallel and Map states nest so deeply that the lists of state `{name}` lie past the {} JSON levels a definition can have (at most 63 Parallel or 84 Map states fit inside each other)",
                    sfn_dsl::source::MAX_DEPTH
                ),
            });
            continue;
        }
        match state {
            State::Parallel(parallel) => {
                for (index, branch) in parallel.branches.iter().enumerate() {
                    check_list(
                        &branch.start_at,
                        &branch.states,
                        &format!("{}/Branches/{index}", state_pointer()),
                        depth + levels,
                        issues,
                    );
                }
            }
            State::Map(map) => check_list(
                &map.item_processor.start_at,
                &map.item_processor.states,
                &format!("{}/ItemProcessor", state_pointer()),
                depth + levels,
                issues,
            ),
            _ => {}
        }
    }
}
