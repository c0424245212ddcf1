//! The Parallel state and its branches.

use super::handler_list::HandlerList;
use super::name::StateName;
use super::path::{JsonPath, Nullable, ReferencePath};
use super::payload::{Payload, PayloadObject};
use super::retry::{Catcher, Retrier};
use super::state::{QueryLanguage, Transition};
use super::state_list::States;

/// One entry of `Branches`: a state list of its own.
///
/// Serialization order: `Comment`, `QueryLanguage`, `StartAt`, `States`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{Branch, PassState, State, Transition};
///
/// let mut branch = Branch::default();
/// branch.start_at = "Only".into();
/// branch.states.insert("Only", State::Pass(Box::new(PassState { transition: Transition::End, ..PassState::default() })));
/// assert!(branch.states.contains("Only"));
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Branch {
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
    /// The branch's query language. Serialized as `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// The first state. Serialized as `StartAt`.
    pub start_at: StateName,
    /// The states. Serialized as `States`.
    pub states: States,
}

/// `"Type": "Parallel"`: runs every branch on the same input; the result is the array of
/// branch outputs, in branch order.
///
/// Serialization order: `Type`, `Comment`, `QueryLanguage`, `InputPath`, `Parameters`,
/// `Arguments`, `Branches`, `ResultSelector`, `ResultPath`, `OutputPath`, `Output`, `Assign`,
/// `Retry`, `Catch`, then `Next` or `End`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::State;
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Both",
///   "States": {"Both": {
///     "Type": "Parallel",
///     "Branches": [
///       {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
///       {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "End": true}}}
///     ],
///     "ResultPath": "$.both",
///     "End": true
///   }}
/// }"#)?;
/// let Some(State::Parallel(parallel)) = machine.states.get("Both") else { panic!("a Parallel state") };
/// let starts: Vec<&str> = parallel.branches.iter().map(|branch| branch.start_at.as_str()).collect();
/// assert_eq!(starts, ["Left", "Right"]);
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ParallelState {
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
    /// Overrides the machine's query language. Serialized as `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// Selects part of the input (JSONPath). Serialized as `InputPath`.
    pub input_path: Option<Nullable<JsonPath>>,
    /// Builds each branch's input (JSONPath). Serialized as `Parameters`.
    pub parameters: Option<Payload>,
    /// Each branch's input (JSONata). Serialized as `Arguments`.
    pub arguments: Option<Payload>,
    /// The branches. Serialized as `Branches`.
    pub branches: Vec<Branch>,
    /// Reshapes the result array (JSONPath). Serialized as `ResultSelector`.
    pub result_selector: Option<Payload>,
    /// Where the result goes in the input (JSONPath). Serialized as `ResultPath`.
    pub result_path: Option<Nullable<ReferencePath>>,
    /// Selects part of the output (JSONPath). Serialized as `OutputPath`.
    pub output_path: Option<Nullable<JsonPath>>,
    /// The state's output (JSONata). Serialized as `Output`.
    pub output: Option<Payload>,
    /// Variables to set. Serialized as `Assign`.
    pub assign: Option<PayloadObject>,
    /// Retry policy. Serialized as `Retry`.
    pub retry: Option<HandlerList<Retrier>>,
    /// Fallback states. Serialized as `Catch`.
    pub catch: Option<HandlerList<Catcher>>,
    /// `Next` or `End`.
    pub transition: Transition,
}
