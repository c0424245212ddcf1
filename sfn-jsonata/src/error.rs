//! Error types: one for parsing, one for evaluation.

use std::borrow::Cow;
use std::fmt;

/// A JSONata expression that does not parse.
///
/// `code` is the JSONata error code (`S0201`, `S0202`, ...), so tools can match on it;
/// `offset` is the byte offset in the expression text of the token at fault.
///
/// ```
/// let error = sfn_jsonata::parse("$x + ").unwrap_err();
/// assert_eq!(error.code, "S0207");
/// assert_eq!(error.offset, 5);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SyntaxError {
    /// Byte offset in the expression text where the problem is.
    pub offset: usize,
    /// JSONata error code, for example `S0202`.
    pub code: &'static str,
    /// What is wrong, in lowercase without a trailing period.
    pub message: String,
}

impl SyntaxError {
    pub(crate) fn new(code: &'static str, offset: usize, message: impl Into<String>) -> Self {
        SyntaxError {
            offset,
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (at byte {})",
            self.code, self.message, self.offset
        )
    }
}

impl std::error::Error for SyntaxError {}

/// An expression that failed while it was evaluated.
///
/// ```
/// use sfn_jsonata::{parse, Environment};
///
/// let error = parse("1 + 'a'")?.evaluate(None, &Environment::new()).unwrap_err();
/// assert_eq!(error.code(), "T2002");
/// assert_eq!(error.offset(), Some(2));
/// # Ok::<(), sfn_jsonata::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvaluationError(Box<Details>);

// Boxed so that results stay small on the evaluator's deeply recursive paths.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Details {
    code: Cow<'static, str>,
    message: String,
    offset: Option<usize>,
    /// Where in `message` the name of the function called goes (signature errors), until the
    /// innermost call site on the way out supplies it.
    name_at: Option<usize>,
}

impl EvaluationError {
    /// An error with a JSONata-style code (`D3137`, or your own) and a message.
    ///
    /// Native functions registered on an [`Environment`](crate::Environment) return these.
    ///
    /// ```
    /// let error = sfn_jsonata::EvaluationError::new("X0001", "no such customer");
    /// assert_eq!(error.to_string(), "X0001: no such customer");
    /// ```
    #[must_use]
    pub fn new(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        EvaluationError(Box::new(Details {
            code: code.into(),
            message: message.into(),
            offset: None,
            name_at: None,
        }))
    }

    /// An error whose message names the function called, which the call site supplies with
    /// [`in_function`](Self::in_function): the name goes between `before` and `after`.
    pub(crate) fn naming_function(code: &'static str, before: &str, after: &str) -> Self {
        let mut error = EvaluationError::new(code, format!("{before}{after}"));
        error.0.name_at = Some(before.len());
        error
    }

    /// Names the function a call site called (as written there: `uppercase` for
    /// `$uppercase(1)`), if the message awaits a name. JSONata names the innermost call
    /// the error passes through, so a lambda refusing what `$map` passes it is in `"map"`.
    pub(crate) fn in_function(mut self, name: Option<&str>) -> Self {
        if let (Some(at), Some(name)) = (self.0.name_at.take(), name) {
            if self.0.message.is_char_boundary(at) {
                self.0.message.insert_str(at, &format!(" \"{name}\""));
            }
        }
        self
    }

    /// The error code: JSONata's (`T2001`, `D3030`, ...), `U1001` for the depth limit,
    /// `U1002` for the step or time budget, or the code a native function chose.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::{Environment, parse};
    ///
    /// let error = parse("'a' + 1")?.evaluate(None, &Environment::new()).unwrap_err();
    /// assert_eq!(error.code(), "T2001");
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> &str {
        &self.0.code
    }

    /// What went wrong.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::EvaluationError;
    ///
    /// let error = EvaluationError::new("X0001", "no such customer");
    /// assert_eq!(error.message(), "no such customer");
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Byte offset in the expression text of the operator or function at fault, when known.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_jsonata::{Environment, EvaluationError, parse};
    ///
    /// let error = parse("1 + 'a'")?.evaluate(None, &Environment::new()).unwrap_err();
    /// assert_eq!(error.offset(), Some(2)); // the `+`
    /// assert_eq!(EvaluationError::new("X0001", "mine").offset(), None);
    /// # Ok::<(), sfn_jsonata::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn offset(&self) -> Option<usize> {
        self.0.offset
    }

    /// Sets the offset unless one is already known.
    pub(crate) fn at(mut self, offset: usize) -> Self {
        self.0.offset.get_or_insert(offset);
        self
    }
}

impl fmt::Display for EvaluationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.code, self.0.message)
    }
}

impl std::error::Error for EvaluationError {}
