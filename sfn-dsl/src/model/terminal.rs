//! The terminal states: Succeed and Fail.

use super::dynamic::Dynamic;
use super::path::{JsonPath, Nullable};
use super::payload::Payload;
use super::state::QueryLanguage;

/// `"Type": "Succeed"`: ends the machine, branch or iteration successfully.
///
/// Serialization order: `Type`, `Comment`, `QueryLanguage`, `InputPath`, `OutputPath`,
/// `Output`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::State;
///
/// let machine = StateMachine::from_json(
///     r#"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed", "OutputPath": "$.result"}}}"#,
/// )?;
/// let Some(State::Succeed(done)) = machine.states.get("Done") else { panic!("a Succeed state") };
/// assert_eq!(done.output_path.as_ref().and_then(|path| path.as_value()).map(|path| path.as_str()), Some("$.result"));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SucceedState {
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
    /// Overrides the machine's query language. Serialized as `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// Selects part of the input (JSONPath). Serialized as `InputPath`.
    pub input_path: Option<Nullable<JsonPath>>,
    /// Selects part of the output (JSONPath). Serialized as `OutputPath`.
    pub output_path: Option<Nullable<JsonPath>>,
    /// The state's output (JSONata). Serialized as `Output`.
    pub output: Option<Payload>,
}

/// `"Type": "Fail"`: ends the machine, branch or iteration with an error.
///
/// Serialization order: `Type`, `Comment`, `QueryLanguage`, `Error`/`ErrorPath`,
/// `Cause`/`CausePath`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{Dynamic, State};
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Rejected",
///   "States": {"Rejected": {"Type": "Fail", "Error": "Order.Rejected", "CausePath": "$.reason"}}
/// }"#)?;
/// let Some(State::Fail(fail)) = machine.states.get("Rejected") else { panic!("a Fail state") };
/// assert_eq!(fail.error.as_ref().and_then(Dynamic::as_literal).map(String::as_str), Some("Order.Rejected"));
/// assert!(matches!(&fail.cause, Some(Dynamic::Path(path)) if path.as_str() == "$.reason"));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct FailState {
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
    /// Overrides the machine's query language. Serialized as `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// The error name. Serialized as `Error` or `ErrorPath`.
    pub error: Option<Dynamic<String>>,
    /// A human-readable cause. Serialized as `Cause` or `CausePath`.
    pub cause: Option<Dynamic<String>>,
}
