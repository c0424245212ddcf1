//! String literals of intrinsic calls and their escapes.

use std::fmt;

/// A single-quoted string argument. Inside it `\'`, `\{`, `\}` and `\\` stand for the
/// character after the backslash; an unescaped `{}` pair in a `States.Format` template is a
/// placeholder.
///
/// # Examples
///
/// ```
/// use sfn_dsl::expr::intrinsic::{self, Arg};
///
/// let call = intrinsic::parse(r"States.Format('It\'s {} \{\}', 1)")?;
/// let Arg::String(template) = &call.args[0] else { unreachable!() };
/// assert_eq!(template.as_str(), "It's {} {}");
/// assert_eq!(template.raw(), r"It\'s {} \{\}");
/// assert_eq!(template.template_pieces(), ["It's ", " {}"]);
/// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct StringLiteral {
    value: String,
    raw: String,
}

impl StringLiteral {
    /// A literal from the text between the quotes, as written. The caller has checked the
    /// escapes.
    pub(crate) fn from_raw(raw: &str) -> Self {
        Self {
            value: unescape(raw),
            raw: raw.to_owned(),
        }
    }

    /// The string's value, escapes resolved.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::intrinsic::{self, Arg};
    ///
    /// let call = intrinsic::parse(r"States.StringSplit('a\\b', '\\')")?;
    /// let Arg::String(text) = &call.args[0] else { panic!("a string") };
    /// assert_eq!(text.as_str(), r"a\b");
    /// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The text between the quotes, as written.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::intrinsic::{self, Arg};
    ///
    /// let call = intrinsic::parse(r"States.StringSplit('a\\b', '\\')")?;
    /// let Arg::String(text) = &call.args[0] else { panic!("a string") };
    /// assert_eq!(text.raw(), r"a\\b");
    /// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The number of `{}` placeholders, as `States.Format` counts them (escaped braces do
    /// not count).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::intrinsic::{self, Arg};
    ///
    /// let call = intrinsic::parse(r"States.Format('{} of {} \{\}', $.n, $.total)")?;
    /// let Arg::String(template) = &call.args[0] else { panic!("a string") };
    /// assert_eq!(template.placeholder_count(), 2); // `\{\}` is not one
    /// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn placeholder_count(&self) -> usize {
        self.template_pieces().len() - 1
    }

    /// The text around the `{}` placeholders, escapes resolved: one piece more than there
    /// are placeholders.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::expr::intrinsic::{self, Arg};
    ///
    /// let call = intrinsic::parse("States.Format('Hello, {}!', $.name)")?;
    /// let Arg::String(template) = &call.args[0] else { panic!("a string") };
    /// assert_eq!(template.template_pieces(), ["Hello, ", "!"]);
    /// # Ok::<(), sfn_dsl::expr::SyntaxError>(())
    /// ```
    #[must_use]
    pub fn template_pieces(&self) -> Vec<String> {
        let mut pieces = vec![String::new()];
        let mut chars = self.raw.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(escaped) = chars.next() {
                        push(&mut pieces, escaped);
                    }
                }
                '{' if chars.peek() == Some(&'}') => {
                    chars.next();
                    pieces.push(String::new());
                }
                c => push(&mut pieces, c),
            }
        }
        pieces
    }
}

fn push(pieces: &mut [String], c: char) {
    if let Some(last) = pieces.last_mut() {
        last.push(c);
    }
}

fn unescape(raw: &str) -> String {
    let mut value = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(escaped) = chars.next() {
                value.push(escaped);
            }
        } else {
            value.push(c);
        }
    }
    value
}

impl fmt::Debug for StringLiteral {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.value, f)
    }
}

impl fmt::Display for StringLiteral {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl PartialEq<str> for StringLiteral {
    fn eq(&self, other: &str) -> bool {
        self.value == other
    }
}

impl PartialEq<&str> for StringLiteral {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other
    }
}
