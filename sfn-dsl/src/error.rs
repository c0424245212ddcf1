//! Public error types.

use std::fmt;

use crate::graph::{GraphIssue, GraphIssueKind};
use crate::model::StateName;
use crate::source::Span;

/// What kind of problem a [`ParseIssue`] describes.
///
/// # Examples
///
/// ```
/// use sfn_dsl::{ParseIssueKind, StateMachine};
///
/// let error = StateMachine::from_json(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": "yes"}}}"#)
///     .unwrap_err();
/// let issue = &error.issues()[0];
/// assert_eq!(issue.kind, ParseIssueKind::WrongType);
/// assert_eq!(issue.kind.code(), "wrong-type");
/// let advice = match issue.kind {
///     ParseIssueKind::UnknownField | ParseIssueKind::MissingField => "check the field names",
///     ParseIssueKind::WrongType | ParseIssueKind::InvalidValue => "check the value",
///     _ => "fix the JSON",
/// };
/// assert_eq!(advice, "check the value");
/// ```
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
    /// The text is not YAML, or YAML with no JSON equivalent (read with the `yaml`
    /// feature).
    Yaml,
    /// A template state machine's `DefinitionSubstitutions` the deployment refuses: a value
    /// of a type other than string, integer and boolean, a value that makes the
    /// definition's text unreadable once written in, keys whose values name each other.
    /// Its pointer, span, line and column are the template's.
    Substitution,
}

impl ParseIssueKind {
    /// A stable identifier, used as the diagnostic code.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::{ParseIssueKind, StateMachine};
    ///
    /// let error = StateMachine::from_json(r#"{"StartAt": "A", "StartAt": "B", "States": {}}"#).unwrap_err();
    /// assert_eq!(error.issues()[0].kind, ParseIssueKind::DuplicateKey);
    /// assert_eq!(error.issues()[0].kind.code(), "duplicate-key");
    /// ```
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
            Self::Yaml => "yaml-syntax",
            Self::Substitution => "template-substitution",
        }
    }
}

/// One problem found while reading a definition.
///
/// # Examples
///
/// ```
/// use sfn_dsl::{ParseIssueKind, StateMachine};
///
/// let json = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true, \"Nxt\": \"B\"}\n  }\n}";
/// let error = StateMachine::from_json(json).unwrap_err();
/// let issue = &error.issues()[0];
/// assert_eq!(issue.kind, ParseIssueKind::UnknownField);
/// assert_eq!(issue.pointer, "/States/A/Nxt");
/// assert_eq!((issue.line, issue.column), (4, 40));
/// assert_eq!(&json[issue.span.start..issue.span.end], "\"Nxt\"");
/// assert_eq!(issue.hint.as_deref(), Some("did you mean `Next`?"));
/// ```
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
        let pointer = crate::source::pointer_place(&self.pointer);
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::{ParseIssueKind, StateMachine};
    ///
    /// let error = StateMachine::from_json(
    ///     r#"{"StartAt": 1, "States": {"A": {"Type": "Pass", "Nxt": "B", "End": true}}}"#,
    /// )
    /// .unwrap_err();
    /// let found: Vec<_> = error.issues().iter().map(|issue| (issue.pointer.as_str(), issue.kind)).collect();
    /// assert_eq!(
    ///     found,
    ///     [("/StartAt", ParseIssueKind::WrongType), ("/States/A/Nxt", ParseIssueKind::UnknownField)]
    /// );
    /// ```
    #[must_use]
    pub fn issues(&self) -> &[ParseIssue] {
        &self.issues
    }

    /// The same error with every issue passed through `relocate`: for text that was read
    /// as part of a larger document, so that its spans, lines, columns and pointers can be
    /// given relative to the part the user wrote.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// // A state read inside a machine written around it on the same line.
    /// let state = r#"{"Type": "Pass", "End": true, "Nxt": "B"}"#;
    /// let prefix = r#"{"StartAt": "A", "States": {"A": "#;
    /// let error = StateMachine::from_json(&format!("{prefix}{state}}}}}")).unwrap_err();
    /// let error = error.map_issues(|issue| {
    ///     issue.span.start -= prefix.len();
    ///     issue.span.end -= prefix.len();
    ///     issue.column -= prefix.len();
    ///     issue.pointer = issue.pointer.replacen("/States/A", "", 1);
    /// });
    /// let [issue] = error.issues() else { panic!("one issue") };
    /// assert_eq!((issue.pointer.as_str(), issue.column), ("/Nxt", 31));
    /// assert_eq!(&state[issue.span.start..issue.span.end], r#""Nxt""#);
    /// ```
    #[must_use]
    pub fn map_issues(mut self, mut relocate: impl FnMut(&mut ParseIssue)) -> Self {
        for issue in &mut self.issues {
            relocate(issue);
        }
        self.issues
            .sort_by_key(|issue| (issue.span.start, issue.span.end));
        self
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

/// What kind of problem a [`BuildIssue`] describes.
///
/// # Examples
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let error = StateMachine::builder()
///     .start(PassState::builder("Loop").next(Chain::goto("Loop")))
///     .build()
///     .unwrap_err();
/// let kind = error.issues()[0].kind;
/// assert_eq!(kind.code(), "no-reachable-terminal");
/// let graph_problem = match kind {
///     BuildIssueKind::Graph(graph) => Some(graph),
///     _ => None,
/// };
/// assert_eq!(graph_problem, Some(GraphIssueKind::NoReachableTerminal));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BuildIssueKind {
    /// A problem of the state graph (unknown target, unreachable state, …).
    Graph(GraphIssueKind),
    /// The machine, a Parallel branch or a Map item processor has no states.
    EmptyStateList,
    /// A Choice rule, `Default` or catcher was told to continue with the next state, but
    /// nothing follows it.
    DanglingTransition,
    /// A field that only the other query language has (such as `ResultPath` in a JSONata
    /// state, or a JSONata expression in a JSONPath state).
    QueryLanguageMismatch,
    /// Two fields that exclude each other are both set.
    ConflictingFields,
    /// A value the States Language does not allow (an empty `ErrorEquals`, a number that is
    /// not finite, …).
    InvalidValue,
    /// A value that reads data its field cannot see, such as the state's input in the
    /// JSONPath `Assign` of a Task (where `$` is the task's result).
    UnreadableValue,
    /// Parallel and Map states nest inside each other so deeply that the definition would
    /// nest deeper than the [`MAX_DEPTH`](crate::source::MAX_DEPTH) JSON levels
    /// [`StateMachine::from_json`](crate::StateMachine::from_json) reads, so it could not be
    /// read back: at most 62 Parallel or 83 Map states fit inside each other (each Parallel
    /// takes four JSON levels, each Map three, and the innermost state needs room for its
    /// own fields). Reported at the branch or item processor that goes too deep, which is
    /// left out of the machine: composing never builds deeper chains, so no deeply nested
    /// input can exhaust the stack. Also reported for a payload, `Assign` or Choice rule
    /// that nests deeper than the levels its state has left.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let mut chain: Chain = PassState::builder("Work").into();
    /// for level in 0..63 {
    ///     chain = ParallelState::builder(format!("Level {level}")).branch(chain).into();
    /// }
    /// let error = StateMachine::builder().start(chain).build().unwrap_err();
    /// assert_eq!(error.issues()[0].kind, BuildIssueKind::NestingTooDeep);
    /// assert_eq!(error.issues()[0].kind.code(), "nesting-too-deep");
    /// assert_eq!(error.issues()[0].state.as_ref().map(StateName::as_str), Some("Level 62"));
    /// assert!(error.issues()[0].pointer.ends_with("/States/Level 62/Branches/0"));
    /// ```
    NestingTooDeep,
    /// A rule of the validator ([`crate::validate`]) that the machine breaks: AWS would
    /// refuse the definition. `build()` reports the rules no other kind describes with the
    /// validator's code: a state that sets JSONPath in a JSONata machine
    /// (`query-language-downgrade`), and a branch or item processor that assigns a
    /// variable its enclosing scope assigns (`variable-shadowing`). The `definition()` of a
    /// `#[workflow]` reports any rule its run-time settings (a computed timeout,
    /// Distributed Map options) break.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// use sfn_dsl::validate::Code;
    ///
    /// let error = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(PassState::builder("Old").query_language(QueryLanguage::JsonPath))
    ///     .build()
    ///     .unwrap_err();
    /// let issue = &error.issues()[0];
    /// assert_eq!(issue.kind, BuildIssueKind::Rejected(Code::QueryLanguageDowngrade));
    /// assert_eq!(issue.kind.code(), "query-language-downgrade");
    /// assert_eq!(issue.pointer, "/States/Old/QueryLanguage");
    /// ```
    Rejected(crate::validate::Code),
}

impl BuildIssueKind {
    /// A stable identifier, used as the diagnostic code.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// // A graph problem keeps the graph's own code.
    /// let kind = BuildIssueKind::Graph(GraphIssueKind::UnknownTarget);
    /// assert_eq!(kind.code(), GraphIssueKind::UnknownTarget.code());
    /// let error = StateMachine::builder().start(Chain::new()).build().unwrap_err();
    /// assert_eq!(error.issues()[0].kind.code(), "empty-state-list");
    /// ```
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Graph(kind) => kind.code(),
            Self::EmptyStateList => "empty-state-list",
            Self::DanglingTransition => "dangling-transition",
            Self::QueryLanguageMismatch => "query-language-mismatch",
            Self::ConflictingFields => "conflicting-fields",
            Self::InvalidValue => "invalid-value",
            Self::UnreadableValue => "unreadable-value",
            Self::NestingTooDeep => "nesting-too-deep",
            Self::Rejected(code) => code.as_str(),
        }
    }
}

/// One problem found while building a machine.
///
/// # Examples
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let error = StateMachine::builder()
///     .start(PassState::builder("Start").next(Chain::goto("Finsh")))
///     .build()
///     .unwrap_err();
/// let unknown_target = BuildIssueKind::Graph(GraphIssueKind::UnknownTarget);
/// let Some(issue) = error.issues().iter().find(|issue| issue.kind == unknown_target) else {
///     panic!("an unknown target")
/// };
/// assert_eq!(issue.pointer, "/States/Start/Next");
/// assert_eq!(issue.state.as_ref().map(StateName::as_str), Some("Start"));
/// assert!(issue.to_string().starts_with("at /States/Start/Next: "));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BuildIssue {
    /// What kind of problem it is.
    pub kind: BuildIssueKind,
    /// Where, as a JSON pointer into the definition that would have been built, such as
    /// `/States/Charge/Retry/0/BackoffRate`.
    pub pointer: String,
    /// The state the problem belongs to, when there is one.
    pub state: Option<StateName>,
    /// What is wrong, in words.
    pub message: String,
    /// What to do about it, when there is a likely fix.
    pub hint: Option<String>,
}

impl BuildIssue {
    pub(crate) fn new(
        kind: BuildIssueKind,
        pointer: String,
        state: Option<StateName>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            pointer,
            state,
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl From<GraphIssue> for BuildIssue {
    fn from(issue: GraphIssue) -> Self {
        Self {
            kind: BuildIssueKind::Graph(issue.kind),
            pointer: issue.pointer,
            state: issue.state,
            message: issue.message,
            hint: issue.hint,
        }
    }
}

impl fmt::Display for BuildIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = crate::source::pointer_place(&self.pointer);
        write!(f, "at {pointer}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// A machine that could not be built: every problem found, field problems first, then
/// graph problems, each group in document order.
///
/// # Examples
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let error = StateMachine::builder()
///     .start(PassState::builder("Loop").next(Chain::goto("Loop")))
///     .build()
///     .unwrap_err();
/// assert_eq!(error.issues()[0].kind, BuildIssueKind::Graph(GraphIssueKind::NoReachableTerminal));
/// assert_eq!(error.issues()[0].pointer, "/StartAt");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    issues: Vec<BuildIssue>,
}

impl BuildError {
    pub(crate) fn new(issues: Vec<BuildIssue>) -> Self {
        Self { issues }
    }

    /// The problems (never empty).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// // An empty branch (a field problem) is reported before the loop that never ends (a
    /// // graph problem), although the loop's pointer comes first in the document.
    /// let error = StateMachine::builder()
    ///     .start(
    ///         PassState::builder("Loop")
    ///             .next(ParallelState::builder("Both").branch(Chain::new()))
    ///             .next(Chain::goto("Loop")),
    ///     )
    ///     .build()
    ///     .unwrap_err();
    /// let found: Vec<_> = error.issues().iter().map(|issue| (issue.kind.code(), issue.pointer.as_str())).collect();
    /// assert_eq!(
    ///     found,
    ///     [("empty-state-list", "/States/Both/Branches/0"), ("no-reachable-terminal", "/StartAt")]
    /// );
    /// ```
    #[must_use]
    pub fn issues(&self) -> &[BuildIssue] {
        &self.issues
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.issues.as_slice() {
            [single] => write!(f, "cannot build the state machine {single}"),
            issues => {
                write!(
                    f,
                    "cannot build the state machine: {} problems",
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

impl std::error::Error for BuildError {}

/// Any error of this crate.
///
/// # Examples
///
/// ```
/// use sfn_dsl::Error;
/// use sfn_dsl::prelude::*;
///
/// fn load(json: &str) -> sfn_dsl::Result<StateMachine> {
///     let machine = StateMachine::from_json(json)?; // a `ParseError` becomes `Error::Parse`
///     Ok(machine)
/// }
///
/// let Err(Error::Parse(error)) = load(r#"{"StartAt": "A"}"#) else { panic!("a parse error") };
/// assert_eq!(error.issues()[0].kind.code(), "missing-field");
///
/// let built: Result<StateMachine, Error> = StateMachine::builder()
///     .start(PassState::builder("Loop").next(Chain::goto("Loop")))
///     .build()
///     .map_err(Error::from);
/// assert!(matches!(built, Err(Error::Build(_))));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A definition could not be read.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A machine could not be built.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// A typed-path predicate was refused when it was made.
    #[error(transparent)]
    Predicate(#[from] crate::typed::PredicateError),
    /// A deployment placeholder was refused when it was made.
    #[error(transparent)]
    Placeholder(#[from] PlaceholderError),
}

/// Text that [`Dynamic::placeholder`](crate::model::Dynamic::placeholder) refuses, found
/// when the placeholder is made.
///
/// # Examples
///
/// ```
/// use sfn_dsl::error::PlaceholderError;
/// use sfn_dsl::model::Dynamic;
///
/// let error = Dynamic::<u64>::placeholder("30").unwrap_err();
/// assert_eq!(error, PlaceholderError::NotOnePlaceholder { text: "30".to_owned() });
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlaceholderError {
    /// The text is not exactly one `${Name}` (a brace missing, no `${…}` at all, an empty
    /// name, other text around it): the deployment would leave it as written.
    #[error(
        "`{text}` is not a deployment placeholder: write exactly one `${{Name}}`, such as `${{Timeout}}`"
    )]
    NotOnePlaceholder {
        /// The text as given.
        text: String,
    },
}

/// `Result` with this crate's [`Error`] as the default error.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
///
/// fn start_state(json: &str) -> sfn_dsl::Result<String> {
///     let machine = StateMachine::from_json(json)?;
///     Ok(machine.start_at.as_str().to_owned())
/// }
///
/// let start = start_state(r#"{"StartAt": "Hello", "States": {"Hello": {"Type": "Succeed"}}}"#)?;
/// assert_eq!(start, "Hello");
/// assert!(start_state("{").is_err());
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;
