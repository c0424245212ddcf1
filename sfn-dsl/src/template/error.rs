//! What can be wrong with a template, as far as its state machines are concerned.

use crate::source::Span;

/// A template whose state machines cannot be read, or one state machine whose definition
/// cannot be: what is wrong and where.
///
/// # Examples
///
/// ```
/// use sfn_dsl::template::{Template, TemplateErrorKind};
///
/// let template = Template::from_json("{\"Resources\": []}")?;
/// let error = template.state_machines().unwrap_err();
/// assert_eq!(error.kind, TemplateErrorKind::WrongType);
/// assert_eq!((error.pointer.as_str(), error.line, error.column), ("/Resources", 1, 15));
/// assert_eq!(error.to_string(), "`Resources` must be an object, found an array");
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
#[non_exhaustive]
pub struct TemplateError {
    /// What kind of problem it is.
    pub kind: TemplateErrorKind,
    /// Where, as a JSON pointer into the template (`/Resources/Orders/Properties`).
    pub pointer: String,
    /// Where, as bytes of the template text.
    pub span: Span,
    /// The 1-based line of `span.start`.
    pub line: usize,
    /// The 1-based column of `span.start`, in characters.
    pub column: usize,
    /// What is wrong, in words.
    pub message: String,
}

/// The kinds of [`TemplateError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TemplateErrorKind {
    /// A section or property has the wrong JSON type (`Resources` an array, `Definition` a
    /// string).
    WrongType,
    /// A state machine resource names no definition.
    MissingDefinition,
    /// A state machine resource names its definition twice (`Definition` and
    /// `DefinitionUri`).
    ConflictingDefinitions,
    /// A `DefinitionString` built by a function whose result cannot be known before
    /// deployment (`Fn::ImportValue`), or by `Fn::Join` or `Fn::Sub` written in a form
    /// CloudFormation does not accept.
    UnreadableString,
}

impl TemplateError {
    pub(super) fn new(
        kind: TemplateErrorKind,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            pointer: pointer.into(),
            span: Span::default(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }
}
