//! The Wait state.

use super::dynamic::Dynamic;
use super::path::{JsonPath, Nullable};
use super::payload::{Payload, PayloadObject};
use super::state::{QueryLanguage, Transition};

/// How long a Wait state waits: exactly one of `Seconds`, `SecondsPath`, `Timestamp` or
/// `TimestampPath`.
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
