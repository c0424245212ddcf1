//! The terminal states: Succeed and Fail.

use super::dynamic::Dynamic;
use super::path::{JsonPath, Nullable};
use super::payload::Payload;
use super::state::QueryLanguage;

/// `"Type": "Succeed"`: ends the machine, branch or iteration successfully.
///
/// Serialization order: `Type`, `Comment`, `QueryLanguage`, `InputPath`, `OutputPath`,
/// `Output`.
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
