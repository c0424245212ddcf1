//! The Pass state.

use serde_json::Value;

use super::path::{JsonPath, Nullable, ReferencePath};
use super::payload::{Payload, PayloadObject};
use super::state::{QueryLanguage, Transition};

/// `"Type": "Pass"`: passes its input on, optionally injecting a fixed `Result` or reshaping
/// the data.
///
/// Serialization order: `Type`, `Comment`, `QueryLanguage`, `InputPath`, `Parameters`,
/// `Result`, `ResultPath`, `OutputPath`, `Output`, `Assign`, then `Next` or `End`.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::State;
///
/// let machine = StateMachine::from_json(
///     r#"{"StartAt": "Seed", "States": {"Seed": {"Type": "Pass", "Result": {"tries": 0}, "ResultPath": "$.counter", "End": true}}}"#,
/// )?;
/// let Some(State::Pass(pass)) = machine.states.get("Seed") else { panic!("a Pass state") };
/// assert_eq!(pass.result, Some(json!({"tries": 0})));
/// assert_eq!(pass.result_path.as_ref().and_then(|path| path.as_value()).map(|path| path.as_str()), Some("$.counter"));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PassState {
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
    /// Overrides the machine's query language. Serialized as `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// Selects part of the input (JSONPath). Serialized as `InputPath`.
    pub input_path: Option<Nullable<JsonPath>>,
    /// Builds the effective input (JSONPath). Serialized as `Parameters`.
    pub parameters: Option<Payload>,
    /// A fixed result; nothing inside is evaluated (JSONPath). Serialized as `Result`.
    pub result: Option<Value>,
    /// Where the result goes in the input (JSONPath). Serialized as `ResultPath`.
    pub result_path: Option<Nullable<ReferencePath>>,
    /// Selects part of the output (JSONPath). Serialized as `OutputPath`.
    pub output_path: Option<Nullable<JsonPath>>,
    /// The state's output (JSONata). Serialized as `Output`.
    pub output: Option<Payload>,
    /// Variables to set. Serialized as `Assign`.
    pub assign: Option<PayloadObject>,
    /// `Next` or `End`.
    pub transition: Transition,
}
