//! One problem found in a definition, and the report that collects them.

use std::fmt;

use serde::Serialize;

use super::code::Code;
use crate::error::ParseIssue;
use crate::source::Span;

/// How serious a [`Diagnostic`] is.
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::{Code, Severity, validate_str};
///
/// let report = validate_str(r#"{"StartAt": "Check", "States": {
///     "Check": {"Type": "Choice", "Choices": [
///         {"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}]},
///     "Done": {"Type": "Succeed"}}}"#);
/// let Some(missing_default) = report.diagnostics().iter().find(|d| d.code == Code::MissingDefault) else {
///     panic!("a Choice state without Default")
/// };
/// assert_eq!(missing_default.severity, Severity::Warning);
/// assert_eq!(missing_default.severity.as_str(), "warning");
/// assert!(!report.has_errors());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS rejects the definition, or it cannot work as written.
    Error,
    /// The definition is accepted but probably not what was meant.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::Severity;
    ///
    /// assert_eq!(Severity::Error.as_str(), "error");
    /// assert!(Severity::Error < Severity::Warning); // errors sort first
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which part of the located member a diagnostic points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Anchor {
    /// The value at the pointer.
    #[default]
    Value,
    /// The key of the member at the pointer (for fields that should not be there).
    Key,
}

/// One problem in a definition.
///
/// Serialized (for `sfn validate --format json`) as an object with the fields `code`,
/// `severity`, `pointer`, `line`, `column`, `state`, `message` and `hint`; `line` and
/// `column` are `null` when the definition was not read from text, `state` and `hint`
/// are `null` when there is none.
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::{Code, Severity, validate_str};
///
/// let report = validate_str(
///     r#"{"StartAt": "Charge", "States": {"Charge": {"Type": "Pass", "Next": "Shipp"}, "Ship": {"Type": "Succeed"}}}"#,
/// );
/// let Some(diagnostic) = report.errors().find(|d| d.code == Code::UnknownTarget) else {
///     panic!("an unknown target")
/// };
/// assert_eq!(diagnostic.severity, Severity::Error);
/// assert_eq!(diagnostic.pointer, "/States/Charge/Next");
/// assert_eq!((diagnostic.line, diagnostic.column), (Some(1), Some(69)));
/// assert_eq!(diagnostic.state.as_deref(), Some("Charge"));
/// assert_eq!(diagnostic.hint.as_deref(), Some("did you mean `Ship`?"));
/// assert!(diagnostic.to_string().starts_with("error[unknown-target] at /States/Charge/Next (line 1, column 69)"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// What kind of problem it is.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// Where, as a JSON pointer such as `/States/Charge/Catch/0/Next` (`""` is the whole
    /// definition).
    pub pointer: String,
    /// Where, in bytes of the source text (`None` when not validated from text).
    #[serde(skip)]
    pub span: Option<Span>,
    /// The 1-based line of the problem in the source text.
    pub line: Option<usize>,
    /// The 1-based column (in characters) of the problem in the source text.
    pub column: Option<usize>,
    /// The state the problem is in (the innermost one), if any.
    pub state: Option<String>,
    /// What is wrong: which field, which state and why.
    pub message: String,
    /// What to do about it, when there is a likely fix ("did you mean `ChargeCard`?").
    pub hint: Option<String>,
    #[serde(skip)]
    pub(crate) anchor: Anchor,
    /// A byte offset inside the string value at the pointer, for problems inside a path or
    /// expression.
    #[serde(skip)]
    pub(crate) inner_offset: Option<usize>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity and no position yet.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{Code, Diagnostic, Severity};
    ///
    /// let diagnostic = Diagnostic::new(Code::LoopWithoutWait, "/States/Poll", "the loop never waits");
    /// assert_eq!(diagnostic.severity, Severity::Warning); // the code's own severity
    /// assert_eq!((diagnostic.line, diagnostic.state.as_deref()), (None, None));
    /// assert_eq!(diagnostic.to_string(), "warning[loop-without-wait] at /States/Poll: the loop never waits");
    /// ```
    #[must_use]
    pub fn new(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: code.severity(),
            pointer: pointer.into(),
            span: None,
            line: None,
            column: None,
            state: None,
            message: message.into(),
            hint: None,
            anchor: Anchor::Value,
            inner_offset: None,
        }
    }

    /// The same diagnostic with a hint.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{Code, Diagnostic};
    ///
    /// let diagnostic = Diagnostic::new(Code::UnknownTarget, "/States/A/Next", "no state `Shipp`").with_hint("did you mean `Ship`?");
    /// assert_eq!(diagnostic.hint.as_deref(), Some("did you mean `Ship`?"));
    /// assert!(diagnostic.to_string().ends_with("no state `Shipp` (did you mean `Ship`?)"));
    /// ```
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same diagnostic, attributed to a state.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{Code, Diagnostic};
    ///
    /// let diagnostic = Diagnostic::new(Code::UnknownTarget, "/States/A/Next", "no state `B`").with_state("A");
    /// assert_eq!(diagnostic.state.as_deref(), Some("A"));
    /// ```
    #[must_use]
    pub fn with_state(mut self, state: impl Into<String>) -> Self {
        self.state = Some(state.into());
        self
    }

    pub(crate) fn inside_value(mut self, offset: usize) -> Self {
        self.inner_offset = Some(offset);
        self
    }

    pub(crate) fn at_key(mut self) -> Self {
        self.anchor = Anchor::Key;
        self
    }

    pub(crate) fn from_parse_issue(issue: &ParseIssue) -> Self {
        let located = issue.line > 0;
        Self {
            code: Code::from_parse_kind(issue.kind),
            severity: Severity::Error,
            pointer: issue.pointer.clone(),
            span: located.then_some(issue.span),
            line: located.then_some(issue.line),
            column: located.then_some(issue.column),
            state: state_of_pointer(&issue.pointer),
            message: issue.message.clone(),
            hint: issue.hint.clone(),
            anchor: Anchor::Value,
            inner_offset: None,
        }
    }

    /// Whether this is an error (not a warning).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{Code, Diagnostic};
    ///
    /// assert!(Diagnostic::new(Code::UnknownTarget, "/States/A/Next", "no such state").is_error());
    /// assert!(!Diagnostic::new(Code::LoopWithoutWait, "/States/A", "a busy loop").is_error());
    /// ```
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The innermost state named by a pointer: the segment after the last `States`.
pub(super) fn state_of_pointer(pointer: &str) -> Option<String> {
    let segments: Vec<&str> = pointer.split('/').collect();
    let position = segments.iter().rposition(|segment| *segment == "States")?;
    segments
        .get(position + 1)
        .map(|name| name.replace("~1", "/").replace("~0", "~"))
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.severity, self.code)?;
        let pointer = crate::source::pointer_place(&self.pointer);
        write!(f, " at {pointer}")?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, " (line {line}, column {column})")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Every problem found in one definition: errors and warnings, in document order.
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::{validate_str, Code};
///
/// let report = validate_str(
///     r#"{"StartAt": "A", "States": {"A": {"Type": "Wait", "Timestamp": "tomorrow", "End": true}}}"#,
/// );
/// assert!(report.has_errors());
/// assert_eq!(report.errors().next().map(|d| d.code), Some(Code::InvalidTimestamp));
/// assert_eq!(report.warnings().count(), 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub(crate) fn new(diagnostics: Vec<Diagnostic>) -> Self {
        Self { diagnostics }
    }

    /// All diagnostics, errors and warnings, in document order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{Code, validate_str};
    ///
    /// let report = validate_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "C": {"Type": "Succeed"}}}"#);
    /// let codes: Vec<Code> = report.diagnostics().iter().map(|d| d.code).collect();
    /// assert!(codes.contains(&Code::UnknownTarget) && codes.contains(&Code::Unreachable));
    /// ```
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The errors.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::validate_str;
    ///
    /// let report = validate_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#);
    /// let pointers: Vec<&str> = report.errors().map(|d| d.pointer.as_str()).collect();
    /// assert!(pointers.contains(&"/States/A/Next"));
    /// ```
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
    }

    /// The warnings.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{Code, validate_str};
    ///
    /// let report = validate_str(r#"{"StartAt": "Check", "States": {
    ///     "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}]},
    ///     "Done": {"Type": "Succeed"}}}"#);
    /// assert_eq!(report.warnings().map(|d| d.code).collect::<Vec<_>>(), [Code::MissingDefault]);
    /// ```
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|diagnostic| !diagnostic.is_error())
    }

    /// Whether any diagnostic is an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::validate_str;
    ///
    /// assert!(validate_str(r#"{"StartAt": "Nowhere", "States": {"A": {"Type": "Succeed"}}}"#).has_errors());
    /// assert!(!validate_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#).has_errors());
    /// ```
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// Whether there is nothing to report at all.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::validate_str;
    ///
    /// assert!(validate_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#).is_clean());
    /// let warned = validate_str(r#"{"StartAt": "C", "States": {
    ///     "C": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "D"}]}, "D": {"Type": "Succeed"}}}"#);
    /// assert!(!warned.has_errors() && !warned.is_clean()); // a warning is not clean
    /// ```
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// Consumes the report, giving its diagnostics.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{Code, validate_str};
    ///
    /// let diagnostics = validate_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#).into_diagnostics();
    /// assert!(diagnostics.iter().any(|d| d.code == Code::UnknownTarget));
    /// ```
    #[must_use]
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.diagnostics.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::state_of_pointer;

    #[test]
    fn state_is_the_segment_after_the_last_states() {
        assert_eq!(
            state_of_pointer("/States/P/Branches/0/States/In~1ner/Next").as_deref(),
            Some("In/ner")
        );
        assert_eq!(state_of_pointer("/StartAt"), None);
        assert_eq!(state_of_pointer("/States"), None);
    }
}
