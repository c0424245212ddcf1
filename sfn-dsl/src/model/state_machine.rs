//! The top-level object of a definition.

use super::dynamic::Dynamic;
use super::name::StateName;
use super::state::QueryLanguage;
use super::state_list::States;

/// A whole state machine definition.
///
/// Serialization order: `Comment`, `Version`, `QueryLanguage`, `TimeoutSeconds`, `StartAt`,
/// `States`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
///
/// let machine = StateMachine::from_json(r#"{
///     "StartAt": "Hello",
///     "States": { "Hello": { "Type": "Pass", "Result": "world", "End": true } }
/// }"#)?;
/// assert_eq!(machine.start_at, "Hello");
/// assert_eq!(
///     machine.to_json(),
///     r#"{"StartAt":"Hello","States":{"Hello":{"Type":"Pass","Result":"world","End":true}}}"#
/// );
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StateMachine {
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
    /// The States Language version (`"1.0"`). Serialized as `Version`.
    pub version: Option<String>,
    /// The default query language of every state. Serialized as `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// Maximum run time of an execution in seconds. Serialized as `TimeoutSeconds`.
    pub timeout_seconds: Option<Dynamic<u64>>,
    /// The first state. Serialized as `StartAt`.
    pub start_at: StateName,
    /// The states. Serialized as `States`.
    pub states: States,
}

impl StateMachine {
    /// The query language states use unless they override it: `QueryLanguage` or JSONPath.
    #[must_use]
    pub fn default_query_language(&self) -> QueryLanguage {
        self.query_language.unwrap_or_default()
    }

    /// Every state of the machine, nested ones included, depth first in authoring order.
    #[must_use]
    pub fn all_states(&self) -> Vec<(&StateName, &super::state::State)> {
        fn collect<'a>(
            states: &'a States,
            into: &mut Vec<(&'a StateName, &'a super::state::State)>,
        ) {
            for (name, state) in states {
                into.push((name, state));
                for nested in state.nested() {
                    collect(nested.states(), into);
                }
            }
        }
        let mut all = Vec::new();
        collect(&self.states, &mut all);
        all
    }
}
