//! The languages embedded in JSONPath-mode strings: paths (`$.order.items[0]`, `$$.Execution.Id`,
//! `$total`) and intrinsic function calls (`States.Format('Hi {}', $.name)`).
//!
//! This module checks syntax only. Evaluation lives in the `sfn-local` crate.
//!
//! ```
//! use sfn_dsl::expr::{intrinsic, jsonpath};
//!
//! let path = jsonpath::parse("$.orders[0].id")?;
//! assert!(path.is_reference());
//! let call = intrinsic::parse("States.Format('Order {}', $.id)")?;
//! assert_eq!(call.name, "States.Format");
//! assert!(intrinsic::check(&call).is_empty());
//! # Ok::<(), sfn_dsl::expr::SyntaxError>(())
//! ```

pub mod intrinsic;
pub mod jsonpath;

use std::fmt;

/// A syntax error in a path or intrinsic function call.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::jsonpath;
///
/// let error = jsonpath::parse("$.a b").unwrap_err();
/// assert_eq!(error.offset, 3);
/// assert_eq!(error.to_string(), "at byte 3: a property name cannot contain whitespace (use bracket notation: ['a b'])");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the problem is, as a byte offset into the text.
    pub offset: usize,
    /// What is wrong, in words.
    pub message: String,
    /// What to do about it, when there is a likely fix.
    pub hint: Option<String>,
}

impl SyntaxError {
    pub(crate) fn new(offset: usize, message: impl Into<String>) -> Self {
        Self {
            offset,
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same error, moved `by` bytes further into an enclosing text.
    pub(crate) fn shifted(mut self, by: usize) -> Self {
        self.offset += by;
        self
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for SyntaxError {}

/// Characters of `text` with their byte offsets, with one character of look-ahead; shared by
/// the path and intrinsic parsers.
#[derive(Clone, Debug)]
pub(crate) struct Cursor<'a> {
    text: &'a str,
    position: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text, position: 0 }
    }

    pub(crate) fn position(&self) -> usize {
        self.position
    }

    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    pub(crate) fn rest(&self) -> &'a str {
        self.text.get(self.position..).unwrap_or_default()
    }

    /// Moves back (or forward) to a byte offset the cursor has been at before.
    pub(crate) fn set_position(&mut self, position: usize) {
        self.position = position;
    }

    pub(crate) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(crate) fn peek_second(&self) -> Option<char> {
        let mut chars = self.rest().chars();
        chars.next();
        chars.next()
    }

    pub(crate) fn is_at_end(&self) -> bool {
        self.position >= self.text.len()
    }

    pub(crate) fn bump(&mut self) -> Option<char> {
        let next = self.peek()?;
        self.position += next.len_utf8();
        Some(next)
    }

    pub(crate) fn eat(&mut self, expected: char) -> bool {
        if self.peek() == Some(expected) {
            self.position += expected.len_utf8();
            true
        } else {
            false
        }
    }

    pub(crate) fn eat_str(&mut self, expected: &str) -> bool {
        if self.rest().starts_with(expected) {
            self.position += expected.len();
            true
        } else {
            false
        }
    }

    pub(crate) fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    /// Consumes characters while `accept` holds and returns them.
    pub(crate) fn take_while(&mut self, mut accept: impl FnMut(char) -> bool) -> &'a str {
        let start = self.position;
        while self.peek().is_some_and(&mut accept) {
            self.bump();
        }
        self.text.get(start..self.position).unwrap_or_default()
    }
}

/// Describes the character at the cursor for error messages: `` `x` `` or "the end".
pub(crate) fn describe(next: Option<char>) -> String {
    match next {
        Some(c) => format!("`{}`", c.escape_debug()),
        None => "the end of the text".to_owned(),
    }
}
