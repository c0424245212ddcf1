//! The Wait state.

use super::dynamic::Dynamic;
use super::path::{JsonPath, Nullable};
use super::payload::{Payload, PayloadObject};
use super::state::{QueryLanguage, Transition};

/// How long a Wait state waits: exactly one of `Seconds`, `SecondsPath`, `Timestamp` or
/// `TimestampPath`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{Dynamic, State, WaitDuration};
///
/// let machine = StateMachine::from_json(
///     r#"{"StartAt": "Until", "States": {"Until": {"Type": "Wait", "TimestampPath": "$.due", "End": true}}}"#,
/// )?;
/// let Some(State::Wait(wait)) = machine.states.get("Until") else { panic!("a Wait state") };
/// let WaitDuration::Timestamp(Dynamic::Path(path)) = &wait.duration else { panic!("a timestamp path") };
/// assert_eq!(path.as_str(), "$.due");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitDuration {
    /// A number of seconds: `Seconds` (literal or JSONata) or `SecondsPath`.
    Seconds(Dynamic<u64>),
    /// An RFC 3339 instant: `Timestamp` (literal or JSONata) or `TimestampPath`.
    Timestamp(Dynamic<String>),
}

impl Default for WaitDuration {
    fn default() -> Self {
        Self::Seconds(Dynamic::Literal(0))
    }
}

/// `"Type": "Wait"`: pauses for a duration or until an instant.
///
/// Serialization order: `Type`, `Comment`, `QueryLanguage`, the duration field,
/// `InputPath`, `OutputPath`, `Output`, `Assign`, then `Next` or `End`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{State, WaitDuration};
///
/// let machine = StateMachine::from_json(
///     r#"{"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 30, "Next": "Done"}, "Done": {"Type": "Succeed"}}}"#,
/// )?;
/// let Some(State::Wait(wait)) = machine.states.get("Pause") else { panic!("a Wait state") };
/// assert!(matches!(&wait.duration, WaitDuration::Seconds(seconds) if seconds.as_literal() == Some(&30)));
/// assert_eq!(wait.transition.next().map(|name| name.as_str()), Some("Done"));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct WaitState {
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
    /// Overrides the machine's query language. Serialized as `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// How long to wait.
    pub duration: WaitDuration,
    /// Selects part of the input (JSONPath). Serialized as `InputPath`.
    pub input_path: Option<Nullable<JsonPath>>,
    /// Selects part of the output (JSONPath). Serialized as `OutputPath`.
    pub output_path: Option<Nullable<JsonPath>>,
    /// The state's output (JSONata). Serialized as `Output`.
    pub output: Option<Payload>,
    /// Variables to set. Serialized as `Assign`.
    pub assign: Option<PayloadObject>,
    /// `Next` or `End`.
    pub transition: Transition,
}
