//! Public error types.

use std::fmt;

use crate::source::Span;

/// What kind of problem a [`ParseIssue`] describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseIssueKind {
    /// The text is not valid JSON.
    Syntax,
    /// Arrays and objects nest too deeply.
    TooDeep,
    /// An object repeats a key.
    DuplicateKey,
    /// A field the States Language does not define for this object.
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value has the wrong JSON type.
    WrongType,
    /// A value has the right type but a value the structure cannot hold (an unknown `Type`,
    /// a negative count).
    InvalidValue,
    /// Two fields that exclude each other are both present.
    ConflictingFields,
}

impl ParseIssueKind {
    /// A stable identifier, used as the diagnostic code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Syntax => "json-syntax",
            Self::TooDeep => "json-too-deep",
            Self::DuplicateKey => "duplicate-key",
            Self::UnknownField => "unknown-field",
            Self::MissingField => "missing-field",
            Self::WrongType => "wrong-type",
            Self::InvalidValue => "invalid-value",
            Self::ConflictingFields => "conflicting-fields",
        }
    }
}

/// One problem found while reading a definition.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseIssue {
    /// What kind of problem it is.
    pub kind: ParseIssueKind,
    /// Where, as a JSON pointer such as `/States/Charge/Retry/0`.
    pub pointer: String,
    /// Where, as bytes of the source text (empty when parsed from a value).
    pub span: Span,
    /// The 1-based line of `span.start` (0 when unknown).
    pub line: usize,
    /// The 1-based column of `span.start`, in characters (0 when unknown).
    pub column: usize,
    /// What is wrong, in words.
    pub message: String,
    /// What to do about it, when there is a likely fix.
    pub hint: Option<String>,
}

impl ParseIssue {
    pub(crate) fn new(
        kind: ParseIssueKind,
        pointer: String,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            pointer,
            span,
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for ParseIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "at {pointer}")?;
        if self.line > 0 {
            write!(f, " (line {}, column {})", self.line, self.column)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// A definition that could not be read: every problem found, in document order.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
///
/// let error = StateMachine::from_json(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Nxt": "B"}}}"#)
///     .unwrap_err();
/// let unknown = error.issues().iter().find(|issue| issue.pointer == "/States/A/Nxt").unwrap();
/// assert_eq!(unknown.hint.as_deref(), Some("did you mean `Next`?"));
/// assert!(error.to_string().contains("did you mean `Next`"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    issues: Vec<ParseIssue>,
}

impl ParseError {
    pub(crate) fn new(mut issues: Vec<ParseIssue>) -> Self {
        issues.sort_by_key(|issue| (issue.span.start, issue.span.end));
        Self { issues }
    }

    /// The problems, in document order (never empty).
    #[must_use]
    pub fn issues(&self) -> &[ParseIssue] {
        &self.issues
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.issues.as_slice() {
            [single] => write!(f, "invalid state machine definition {single}"),
            issues => {
                write!(
                    f,
                    "invalid state machine definition: {} problems",
                    issues.len()
                )?;
                for issue in issues {
                    write!(f, "\n  {issue}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// Any error of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A definition could not be read.
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// `Result` with this crate's [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
