//! Intrinsic function calls of JSONPath states, such as
//! `States.Format('Hello, {}!', $.name)`: syntax, the catalogue of the 18 `States.*`
//! functions, and static checks.
//!
//! ```
//! use sfn_dsl::expr::intrinsic::{self, Arg};
//!
//! let call = intrinsic::parse(r"States.Format('\{literal\} {}', States.UUID())")?;
//! assert_eq!(call.name, "States.Format");
//! let Arg::String(template) = &call.args[0] else { unreachable!() };
//! assert_eq!(template.as_str(), "{literal} {}");
//! assert_eq!(template.placeholder_count(), 1);
//! assert!(intrinsic::check(&call).is_empty());
//! # Ok::<(), sfn_dsl::expr::SyntaxError>(())
//! ```

mod catalogue;
mod check;
mod parser;
mod string;

use std::fmt;
use std::ops::Range;

use serde_json::Number;

pub use catalogue::{FUNCTIONS, Function, ValueKind, function};
pub(crate) use check::likely_name;
pub use check::{MAX_NESTING, check};
pub use string::StringLiteral;

use super::SyntaxError;
use super::jsonpath::Path;
use crate::model::IntrinsicCall;

/// Parses an intrinsic function call.
///
/// Only the syntax is checked here; [`check`] judges names, arity and argument kinds.
///
/// # Errors
///
/// A [`SyntaxError`] at the first character that does not fit the grammar, including any
/// backslash escape other than `\'`, `\{`, `\}` and `\\` inside a string (AWS rejects those
/// when the state machine is created).
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::intrinsic::{self, Arg};
///
/// let call = intrinsic::parse("States.ArrayGetItem(States.Array(1, 'two', null), 1)")?;
/// assert!(matches!(call.args[0], Arg::Call(_)));
/// let error = intrinsic::parse(r#"States.StringToJson('{\"a\": 1}')"#).unwrap_err();
/// assert_eq!(error.offset, 22);
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
pub fn parse(text: &str) -> Result<Call, SyntaxError> {
    parser::parse_call(text)
}

/// A parsed intrinsic function call.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::intrinsic;
///
/// let text = "States.Format('{}-{}',$.id,States.UUID())";
/// let call = intrinsic::parse(text)?;
/// assert_eq!(call.name, "States.Format");
/// assert_eq!(call.args.len(), 3);
/// assert_eq!(&text[call.arg_spans[1].clone()], "$.id");
/// assert_eq!(call.depth(), 2);
/// // Printed in canonical form.
/// assert_eq!(call.to_string(), "States.Format('{}-{}', $['id'], States.UUID())");
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The function name as written, such as `States.Format`.
    pub name: String,
    /// The arguments, in order.
    pub args: Vec<Arg>,
    /// Where the call is: from the first character of the name to the closing parenthesis,
    /// as byte offsets into the parsed text.
    pub span: Range<usize>,
    /// Where each argument is, as byte offsets into the parsed text (one per argument).
    pub arg_spans: Vec<Range<usize>>,
}

/// An argument of an intrinsic function call.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::intrinsic::{self, Arg};
///
/// let call = intrinsic::parse("States.Array('a', 2, true, null, $.items, States.UUID())")?;
/// let described: Vec<&str> = call
///     .args
///     .iter()
///     .map(|arg| match arg {
///         Arg::String(_) => "string",
///         Arg::Number(_) => "number",
///         Arg::Bool(_) => "boolean",
///         Arg::Null => "null",
///         Arg::Path(_) => "path",
///         Arg::Call(_) => "call",
///     })
///     .collect();
/// assert_eq!(described, ["string", "number", "boolean", "null", "path", "call"]);
/// let Arg::Number(two) = &call.args[1] else { panic!("a number") };
/// assert_eq!(two.as_u64(), Some(2));
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A single-quoted string, `'text'`.
    String(StringLiteral),
    /// A number, such as `3`, `-1` or `1.5`.
    Number(Number),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A path: `$.x`, `$$.Execution.Id` or `$name`.
    Path(Path),
    /// A nested call.
    Call(Call),
}

impl Call {
    /// The catalogue entry of the function, if the name is known.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::intrinsic;
    ///
    /// let call = intrinsic::parse("States.StringSplit($.csv, ',')")?;
    /// assert_eq!(call.function().map(|function| function.name), Some("States.StringSplit"));
    /// // An unknown name still parses; it just has no catalogue entry.
    /// assert!(intrinsic::parse("States.Split($.csv, ',')")?.function().is_none());
    /// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn function(&self) -> Option<&'static Function> {
        function(&self.name)
    }

    /// How deeply calls nest in this one (1 for a call without nested calls).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::intrinsic;
    ///
    /// assert_eq!(intrinsic::parse("States.UUID()")?.depth(), 1);
    /// let nested = intrinsic::parse("States.Format('{}', States.ArrayLength(States.Array(1, 2)))")?;
    /// assert_eq!(nested.depth(), 3);
    /// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn depth(&self) -> usize {
        1 + self
            .args
            .iter()
            .map(|arg| match arg {
                Arg::Call(call) => call.depth(),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
}

impl fmt::Display for Call {
    /// The call in canonical form (single spaces after commas, paths in bracket notation).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.name)?;
        for (position, arg) in self.args.iter().enumerate() {
            if position > 0 {
                f.write_str(", ")?;
            }
            arg.fmt(f)?;
        }
        f.write_str(")")
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::String(literal) => write!(f, "'{}'", literal.raw()),
            Self::Number(number) => number.fmt(f),
            Self::Bool(value) => value.fmt(f),
            Self::Null => f.write_str("null"),
            Self::Path(path) => path.fmt(f),
            Self::Call(call) => call.fmt(f),
        }
    }
}

impl IntrinsicCall {
    /// Parses the text as an intrinsic function call.
    ///
    /// # Errors
    ///
    /// A [`SyntaxError`] when the text is not a well-formed call.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::IntrinsicCall;
    ///
    /// let call = IntrinsicCall::new("States.UUID()").parse()?;
    /// assert_eq!(call.name, "States.UUID");
    /// assert!(call.args.is_empty());
    /// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
    /// ```
    pub fn parse(&self) -> Result<Call, SyntaxError> {
        parse(self.as_str())
    }
}

#[cfg(test)]
mod tests;
