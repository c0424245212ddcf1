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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::model::QueryLanguage;
    ///
    /// let plain = StateMachine::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// assert_eq!(plain.default_query_language(), QueryLanguage::JsonPath);
    /// let jsonata = StateMachine::from_json(r#"{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// assert_eq!(jsonata.default_query_language(), QueryLanguage::Jsonata);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn default_query_language(&self) -> QueryLanguage {
        self.query_language.unwrap_or_default()
    }

    /// Every state of the machine, nested ones included, depth first in authoring order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Both", "States": {
    ///     "Both": {"Type": "Parallel", "Next": "Done",
    ///              "Branches": [{"StartAt": "L", "States": {"L": {"Type": "Pass", "End": true}}}]},
    ///     "Done": {"Type": "Succeed"}}}"#)?;
    /// let names: Vec<&str> = machine.all_states().iter().map(|(name, _)| name.as_str()).collect();
    /// assert_eq!(names, ["Both", "L", "Done"]); // depth first
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
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

    /// The pointer of the first state list (in document order) nested deeper than any
    /// definition can be read, if there is one: see
    /// [`MAX_READABLE_LIST_DEPTH`](crate::limits::MAX_READABLE_LIST_DEPTH). Only a machine
    /// put together by hand has one; the search stops there, so it recurses no deeper.
    pub(crate) fn too_deep_list(&self) -> Option<String> {
        use super::state::State;
        use crate::limits::{MAP_LEVELS, MAX_READABLE_LIST_DEPTH, PARALLEL_LEVELS};
        use crate::source::escape_pointer_segment;

        /// `path` is the pointer of the list `states`, `depth` its JSON levels below the
        /// machine's `States`; on a find, `path` is left at the list that is too deep.
        fn find(states: &States, depth: u16, path: &mut String) -> bool {
            for (name, state) in states {
                let (levels, lists): (u16, Vec<(String, &States)>) = match state {
                    State::Parallel(parallel) => (
                        PARALLEL_LEVELS,
                        parallel
                            .branches
                            .iter()
                            .enumerate()
                            .map(|(index, branch)| (format!("/Branches/{index}"), &branch.states))
                            .collect(),
                    ),
                    State::Map(map) => (
                        MAP_LEVELS,
                        vec![(
                            match map.processor_key {
                                super::map::ProcessorKey::ItemProcessor => "/ItemProcessor",
                                super::map::ProcessorKey::Iterator => "/Iterator",
                            }
                            .to_owned(),
                            &map.item_processor.states,
                        )],
                    ),
                    _ => continue,
                };
                let state_path = format!("{path}/States/{}", escape_pointer_segment(name.as_str()));
                for (field, nested) in lists {
                    let mut list_path = format!("{state_path}{field}");
                    if depth + levels > MAX_READABLE_LIST_DEPTH
                        || find(nested, depth + levels, &mut list_path)
                    {
                        *path = list_path;
                        return true;
                    }
                }
            }
            false
        }
        let mut path = String::new();
        find(&self.states, 0, &mut path).then_some(path)
    }
}
