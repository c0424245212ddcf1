//! Reading a [`Document`] into the model: structural and lossless.
//!
//! Every field is checked for its JSON type and every object for unknown and missing
//! fields, and all problems are collected before giving up, each with its JSON pointer.
//! What a value *means* (is this a valid ARN, path, expression, label?) is left to the
//! validator, so placeholders and test scaffolding parse.

mod choice;
mod fields;
mod machine;
mod map;
mod payload;
mod state;

use crate::error::{ParseError, ParseIssue, ParseIssueKind};
use crate::model::StateMachine;
use crate::source::{Document, Node, Pointer, Span};

/// Collects the problems found while reading.
pub(crate) struct Cx {
    issues: Vec<ParseIssue>,
}

impl Cx {
    fn new() -> Self {
        Self { issues: Vec::new() }
    }

    /// A marker to ask later whether anything went wrong since.
    fn mark(&self) -> usize {
        self.issues.len()
    }

    fn failed_since(&self, mark: usize) -> bool {
        self.issues.len() > mark
    }

    fn report(&mut self, kind: ParseIssueKind, pointer: &Pointer<'_>, span: Span, message: String) {
        self.issues
            .push(ParseIssue::new(kind, pointer.to_string(), span, message));
    }

    fn report_with_hint(
        &mut self,
        kind: ParseIssueKind,
        pointer: &Pointer<'_>,
        span: Span,
        message: String,
        hint: String,
    ) {
        self.issues
            .push(ParseIssue::new(kind, pointer.to_string(), span, message).with_hint(hint));
    }

    fn wrong_type(&mut self, pointer: &Pointer<'_>, node: Node<'_>, expected: &str) {
        let field = pointer
            .last_key()
            .map_or_else(String::new, |key| format!("`{key}` "));
        self.report(
            ParseIssueKind::WrongType,
            pointer,
            node.span(),
            format!("{field}must be {expected}, found {}", node.describe()),
        );
    }
}

/// Reads a whole state machine from a parsed document.
pub(crate) fn state_machine(document: &Document) -> Result<StateMachine, ParseError> {
    let mut cx = Cx::new();
    let machine = machine::state_machine(&mut cx, document.root(), &Pointer::root());
    match machine {
        Some(machine) if cx.issues.is_empty() => Ok(machine),
        _ => {
            if cx.issues.is_empty() {
                // Every failure path reports; this keeps the error non-empty regardless.
                cx.report(
                    ParseIssueKind::InvalidValue,
                    &Pointer::root(),
                    document.root().span(),
                    "the definition could not be read".to_owned(),
                );
            }
            Err(ParseError::new(
                cx.issues
                    .into_iter()
                    .map(|issue| document.locate_issue(issue))
                    .collect(),
            ))
        }
    }
}

impl StateMachine {
    /// Parses an ASL definition from JSON text.
    ///
    /// Parsing is structural and lossless: [`to_json`](Self::to_json) of the result gives
    /// back the same JSON value. Placeholders such as `${FunctionArn}` parse; whether paths,
    /// ARNs and expressions are valid is the validator's job.
    ///
    /// # Errors
    ///
    /// Invalid JSON, duplicate keys, unknown or missing fields and values of the wrong type,
    /// all of them at once, each with its JSON pointer, line and column.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{
    ///     "StartAt": "Wait",
    ///     "States": { "Wait": { "Type": "Wait", "Seconds": 10, "End": true } }
    /// }"#)?;
    /// assert_eq!(machine.states.len(), 1);
    ///
    /// let error = StateMachine::from_json(r#"{"StartAt": "A", "States": {"A": {"Type": "Wait"}}}"#)
    ///     .unwrap_err();
    /// assert_eq!(error.issues().len(), 2); // no duration, no Next/End
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, ParseError> {
        let document = Document::parse(text)?;
        state_machine(&document)
    }

    /// Reads a definition from a parsed [`Document`], keeping its spans for error
    /// positions.
    ///
    /// # Errors
    ///
    /// As [`from_json`](Self::from_json), minus the JSON syntax errors.
    pub fn from_document(document: &Document) -> Result<Self, ParseError> {
        state_machine(document)
    }

    /// Reads a definition from a `serde_json` value (problems have pointers but no
    /// positions; duplicate keys cannot be detected, as the value has none).
    ///
    /// # Errors
    ///
    /// As [`from_json`](Self::from_json), minus the JSON syntax errors.
    pub fn from_value(value: &serde_json::Value) -> Result<Self, ParseError> {
        state_machine(&Document::try_from_value(value)?)
    }
}

impl<'de> serde::Deserialize<'de> for StateMachine {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Self::from_value(&value).map_err(serde::de::Error::custom)
    }
}
