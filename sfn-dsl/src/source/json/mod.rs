//! A strict RFC 8259 JSON parser that records spans and reports every duplicate key.

mod issue;
mod keys;
mod node;
mod number;
mod object;
mod scan;
mod string;
mod value;

pub(crate) use node::{Entry, FieldIndex, Kind, MemberIndexes};
pub use node::{Items, Member, Members, Node, NodeValue};
use node::{NEXT_BITS, signature};

use super::{Span, escape_pointer_segment};
use crate::error::{ParseIssue, ParseIssueKind};

/// The longest text the parser reads: 256 MiB, far beyond any definition AWS accepts (1 MB),
/// and small enough that spans fit a `u32` and tape indices the [`NEXT_BITS`] bits an
/// [`Entry`] keeps for them (a text of `n` bytes has at most `(n + 1) / 2` entries).
pub(crate) const MAX_TEXT_LEN: usize = 1 << (NEXT_BITS as usize);

pub(super) struct Parsed {
    /// The entries of the values and keys, in document order; the root is the first.
    pub(super) tape: Vec<Entry>,
    /// Whether the text was read to the end (the tape is complete).
    pub(super) complete: bool,
    pub(super) issues: Vec<ParseIssue>,
    /// Whether some number has an exponent or more digits than every 64-bit reading
    /// keeps exactly (more than 15 significant digits with a fraction, more than 18
    /// without): only then can a number be read inexactly.
    pub(super) long_numbers: bool,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    position: usize,
    /// Problems found so far. Their pointers are built on the way out: an issue starts
    /// with the pointer relative to the value being parsed, and every enclosing object or
    /// array puts its segment in front when its member is done. The common case (no
    /// problem) so pays nothing for pointers.
    issues: Vec<ParseIssue>,
    tape: Vec<Entry>,
    /// The tape indices of the keys of the objects being parsed, as one stack, for the
    /// duplicate check (a key's text is read from the source when its signature matches).
    open_keys: Vec<u32>,
    /// The [`signature`] of each key of `open_keys`, compared before the keys themselves.
    open_signatures: Vec<u32>,
    /// See [`Parsed::long_numbers`].
    long_numbers: bool,
}

/// A syntax error that stops the parse.
struct Fatal;

pub(super) fn parse(text: &str) -> Parsed {
    let mut parser = Parser::new(text);
    if text.len() > MAX_TEXT_LEN {
        parser.issues.push(ParseIssue::new(
            ParseIssueKind::Syntax,
            String::new(),
            Span::new(0, 0),
            "the document is larger than 256 MiB",
        ));
        return Parsed {
            tape: Vec::new(),
            complete: false,
            issues: parser.issues,
            long_numbers: false,
        };
    }
    // About one entry per 10 bytes of a typical definition: sized up front, so that the
    // tape rarely grows and copies itself.
    parser.tape.reserve(text.len() / 8 + 16);
    // Tolerate a UTF-8 byte order mark, as editors on some systems write one.
    if text.starts_with('\u{feff}') {
        parser.position = '\u{feff}'.len_utf8();
    }
    let complete = parser.document().is_ok();
    Parsed {
        tape: parser.tape,
        complete,
        issues: parser.issues,
        long_numbers: parser.long_numbers,
    }
}

/// The unescaped text of the string (or key) whose opening quote is at `start`, which the
/// parser has checked.
pub(crate) fn unescape(text: &str, start: usize) -> String {
    let mut parser = Parser::new(text);
    parser.position = start;
    parser.string().unwrap_or_default()
}

/// A position as stored on the tape (the text was checked to fit).
#[expect(
    clippy::cast_possible_truncation,
    reason = "`parse` rejects texts longer than `MAX_TEXT_LEN` bytes, below `u32::MAX`"
)]
fn offset(position: usize) -> u32 {
    position as u32
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            position: 0,
            issues: Vec::new(),
            tape: Vec::new(),
            open_keys: Vec::new(),
            open_signatures: Vec::new(),
            long_numbers: false,
        }
    }

    fn document(&mut self) -> Result<(), Fatal> {
        self.skip_whitespace();
        self.value(0)?;
        self.skip_whitespace();
        if self.position < self.bytes.len() {
            return Err(self.fail_here("the end of the document after the top-level value"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
