//! What the executor works out once per definition: structural checks and which states
//! need the context object.

use std::collections::HashMap;

use sfn_dsl::StateMachine;
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
    /// Whether any field mentions `$$` or `$states`, so the context object must be built.
    pub(crate) needs_context: bool,
}

/// Facts about every state of a machine, by name.
#[derive(Clone, Debug, Default)]
pub(crate) struct Plan {
    states: HashMap<String, StateInfo>,
}

impl Plan {
    /// Checks the machine's structure and records per-state facts.
    pub(crate) fn new(machine: &StateMachine) -> Result<Self, Vec<DefinitionIssue>> {
        let mut issues = Vec::new();
        check_list(&machine.start_at, &machine.states, "", &mut issues);
        if !issues.is_empty() {
            return Err(issues);
        }
        let mut states = HashMap::new();
        for (name, state) in machine.all_states() {
            let text = serde_json::to_string(state).unwrap_or_default();
            let needs_context = text.contains("$$") || text.contains("$states");
            states.insert(name.as_str().to_owned(), StateInfo { needs_context });
        }
        Ok(Self { states })
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

fn check_list(
    start_at: &StateName,
    states: &States,
    pointer: &str,
    issues: &mut Vec<DefinitionIssue>,
) {
    if !states.contains(start_at.as_str()) {
        issues.push(DefinitionIssue {
            pointer: format!("{pointer}/StartAt"),
            message: format!("`StartAt` names `{start_at}`, which is not a state of this list"),
        });
    }
    for (name, state) in states {
        let state_pointer = format!("{pointer}/States/{}", escape(name.as_str()));
        for target in state.targets() {
            if !states.contains(target.name.as_str()) {
                issues.push(DefinitionIssue {
                    pointer: state_pointer.clone(),
                    message: format!(
                        "state `{name}` transitions to `{}`, which is not a state of the same list",
                        target.name
                    ),
                });
            }
        }
        match state {
            State::Parallel(parallel) => {
                for (index, branch) in parallel.branches.iter().enumerate() {
                    check_list(
                        &branch.start_at,
                        &branch.states,
                        &format!("{state_pointer}/Branches/{index}"),
                        issues,
                    );
                }
            }
            State::Map(map) => check_list(
                &map.item_processor.start_at,
                &map.item_processor.states,
                &format!("{state_pointer}/ItemProcessor"),
                issues,
            ),
            _ => {}
        }
    }
}
