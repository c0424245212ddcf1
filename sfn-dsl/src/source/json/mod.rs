//! A strict RFC 8259 JSON parser that records spans and reports every duplicate key.

mod keys;
mod node;
mod scan;
mod string;

pub(crate) use node::{Entry, FieldIndex, Kind};
pub use node::{Items, Member, Members, Node, NodeValue};
use node::{NEXT_BITS, signature};

use std::borrow::Cow;
use std::collections::HashSet;
use std::str::FromStr;

use serde_json::Number;

use crate::hash::FastHash;
use keys::same_bytes;

use super::{MAX_DEPTH, Span};
use crate::error::{ParseIssue, ParseIssueKind};

/// FNV-1a: a cheap hash for the duplicate-key check of big objects (a hit is confirmed by
/// comparing the keys, so collisions only cost time).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

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

/// Puts `/segment` in front of the pointers of the issues from `first` on.
fn prefix_pointers(issues: &mut [ParseIssue], first: usize, segment: &str) {
    for issue in issues.iter_mut().skip(first) {
        let mut pointer = String::with_capacity(segment.len() + 1 + issue.pointer.len());
        pointer.push('/');
        pointer.push_str(segment);
        pointer.push_str(&issue.pointer);
        issue.pointer = pointer;
    }
}

/// A character as a syntax error shows it: in backticks as it is when it can be seen,
/// else by its code point (`U+00A0 (a no-break space)`), since a control or invisible
/// character in backticks looks like nothing or like a plain space.
fn describe_character(character: char) -> String {
    let name = match character {
        '\t' => Some("a tab"),
        '\n' => Some("a line feed"),
        '\r' => Some("a carriage return"),
        ' ' => Some("a space"),
        '\u{a0}' => Some("a no-break space"),
        '\u{ad}' => Some("a soft hyphen"),
        '\u{200b}' => Some("a zero-width space"),
        '\u{200c}' => Some("a zero-width non-joiner"),
        '\u{200d}' => Some("a zero-width joiner"),
        '\u{2028}' => Some("a line separator"),
        '\u{2029}' => Some("a paragraph separator"),
        '\u{feff}' => Some("a byte order mark"),
        _ => None,
    };
    let invisible = character.is_control()
        || character.is_whitespace()
        || matches!(
            character,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e0fff}'
        );
    match (invisible, name) {
        (false, _) => format!("`{character}`"),
        (true, Some(name)) => format!("U+{:04X} ({name})", u32::from(character)),
        (true, None) => format!("U+{:04X}", u32::from(character)),
    }
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

    fn fail(&mut self, start: usize, end: usize, message: String) -> Fatal {
        let issue = ParseIssue::new(
            ParseIssueKind::Syntax,
            String::new(),
            Span::new(start, end),
            message,
        );
        self.issues.push(issue);
        Fatal
    }

    fn fail_here(&mut self, expected: &str) -> Fatal {
        let start = self.position;
        match self.text.get(start..).and_then(|rest| rest.chars().next()) {
            None => self.fail(
                start,
                start,
                format!("unexpected end of input, expected {expected}"),
            ),
            Some(found) => self.fail(
                start,
                start + found.len_utf8(),
                format!(
                    "unexpected character {}, expected {expected}",
                    describe_character(found)
                ),
            ),
        }
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        // Most calls find no whitespace, or one space: every whitespace byte is at most
        // `b' '`, so one comparison settles the common case.
        match self.bytes.get(self.position) {
            Some(&byte) if byte > b' ' => return,
            Some(b' ')
                if self
                    .bytes
                    .get(self.position + 1)
                    .is_some_and(|&next| next > b' ') =>
            {
                self.position += 1;
                return;
            }
            _ => {}
        }
        while let Some(byte) = self.bytes.get(self.position) {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => self.position += 1,
                _ => break,
            }
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

    /// Appends the entry of a value that ends at the current position.
    fn push(&mut self, kind: Kind, start: usize, escaped: bool) {
        let next = offset(self.tape.len() + 1);
        self.tape.push(Entry::new(
            kind,
            escaped,
            offset(start),
            offset(self.position),
            next,
            0,
        ));
    }

    fn value(&mut self, depth: usize) -> Result<(), Fatal> {
        let start = self.position;
        match self.bytes.get(start) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let escaped = self.skip_string()?.is_some();
                self.push(Kind::String, start, escaped);
                Ok(())
            }
            Some(b't') => self.literal("true", Kind::True),
            Some(b'f') => self.literal("false", Kind::False),
            Some(b'n') => self.literal("null", Kind::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.fail_here("a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Result<(), Fatal> {
        let start = self.position;
        let rest = self.bytes.get(start..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.position += word.len();
            self.push(kind, start, false);
            Ok(())
        } else {
            // Point at the first byte that differs (or the end of a truncated text).
            let matched = rest
                .iter()
                .zip(word.as_bytes())
                .take_while(|(found, expected)| found == expected)
                .count();
            self.position = start + matched;
            Err(self.fail_here(&format!("`{word}`")))
        }
    }

    fn enter(&mut self, depth: usize) -> Result<(), Fatal> {
        if depth >= MAX_DEPTH {
            let start = self.position;
            self.issues.push(ParseIssue::new(
                ParseIssueKind::TooDeep,
                String::new(),
                Span::new(start, start + 1),
                format!("arrays and objects nest deeper than {MAX_DEPTH} levels"),
            ));
            return Err(Fatal);
        }
        Ok(())
    }

    /// Opens the entry of a container; [`close`](Self::close) completes it.
    fn open(&mut self, kind: Kind) -> usize {
        let index = self.tape.len();
        self.tape
            .push(Entry::new(kind, false, offset(self.position), 0, 0, 0));
        index
    }

    fn close(&mut self, index: usize, count: usize) {
        let next = offset(self.tape.len());
        let end = offset(self.position);
        if let Some(entry) = self.tape.get_mut(index) {
            entry.end = end;
            entry.set_next(next);
            entry.count = offset(count);
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), Fatal> {
        self.enter(depth)?;
        let index = self.open(Kind::Array);
        self.position += 1;
        self.skip_whitespace();
        if self.bytes.get(self.position) == Some(&b']') {
            self.position += 1;
            self.close(index, 0);
            return Ok(());
        }
        let mut count = 0;
        loop {
            self.skip_whitespace();
            let issues_before = self.issues.len();
            let item = self.value(depth + 1);
            if self.issues.len() > issues_before {
                prefix_pointers(&mut self.issues, issues_before, &count.to_string());
            }
            item?;
            count += 1;
            self.skip_whitespace();
            match self.bytes.get(self.position) {
                Some(b',') => self.position += 1,
                Some(b']') => {
                    self.position += 1;
                    self.close(index, count);
                    return Ok(());
                }
                _ => return Err(self.fail_here("`,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<(), Fatal> {
        self.enter(depth)?;
        let first = self.open_keys.len();
        let result = self.object_members(depth, first);
        self.open_keys.truncate(first);
        self.open_signatures.truncate(first);
        result
    }

    /// The members of an object, their keys pushed on `open_keys` from `first` on.
    fn object_members(&mut self, depth: usize, first: usize) -> Result<(), Fatal> {
        let index = self.open(Kind::Object);
        self.position += 1;
        // Small objects are checked for duplicates by scanning; big ones (a `States` object
        // of thousands of states) by hashing the keys seen so far (a hash hit is confirmed by
        // a scan, so collisions cost time, never correctness).
        let mut seen: Option<HashSet<u64, FastHash>> = None;
        self.skip_whitespace();
        if self.bytes.get(self.position) == Some(&b'}') {
            self.position += 1;
            self.close(index, 0);
            return Ok(());
        }
        loop {
            self.skip_whitespace();
            if self.bytes.get(self.position) != Some(&b'"') {
                return Err(self.fail_here("a string key"));
            }
            let key_start = self.position;
            let unescaped = self.skip_string()?;
            let escaped = unescaped.is_some();
            let key = match unescaped {
                Some(owned) => Cow::Owned(owned),
                None => Cow::Borrowed(
                    self.text
                        .get(key_start + 1..self.position - 1)
                        .unwrap_or_default(),
                ),
            };
            let key_index = offset(self.tape.len());
            self.push(Kind::Key, key_start, escaped);
            let key_signature = signature(key.as_bytes());
            if let Some(entry) = self.tape.last_mut() {
                entry.count = key_signature;
            }
            let key_span = Span::new(key_start, self.position);
            self.skip_whitespace();
            if self.bytes.get(self.position) != Some(&b':') {
                return Err(self.fail_here("`:` after the key"));
            }
            self.position += 1;
            self.skip_whitespace();
            let duplicate = match &mut seen {
                Some(hashes) => {
                    !hashes.insert(fnv1a(&key)) && self.has_key(first, key_signature, &key)
                }
                None => self.has_key(first, key_signature, &key),
            };
            let issues_before = self.issues.len();
            if duplicate {
                // The pointer (the member's) is completed below, with the value's.
                self.issues.push(
                    ParseIssue::new(
                        ParseIssueKind::DuplicateKey,
                        String::new(),
                        key_span,
                        format!("duplicate key `{key}`: JSON parsers keep only one of the values"),
                    )
                    .with_hint("remove or rename one of the members"),
                );
            }
            let value = self.value(depth + 1);
            if self.issues.len() > issues_before {
                prefix_pointers(
                    &mut self.issues,
                    issues_before,
                    &super::escape_pointer_segment(&key),
                );
            }
            value?;
            self.open_keys.push(key_index);
            self.open_signatures.push(key_signature);
            if seen.is_none() && self.open_keys.len() - first > 16 {
                seen = Some(
                    self.open_keys[first..]
                        .iter()
                        .map(|&key| fnv1a(&self.key_text(key)))
                        .collect(),
                );
            }
            self.skip_whitespace();
            match self.bytes.get(self.position) {
                Some(b',') => self.position += 1,
                Some(b'}') => {
                    self.position += 1;
                    let count = self.open_keys.len() - first;
                    self.close(index, count);
                    return Ok(());
                }
                _ => return Err(self.fail_here("`,` or `}`")),
            }
        }
    }

    /// Whether the object whose keys are on `open_keys` from `first` on has the key `key`,
    /// of signature `signature`.
    #[expect(
        clippy::inline_always,
        reason = "measured: out of line, the scan costs 2M instructions at 5,000 states (callgrind)"
    )]
    #[inline(always)]
    fn has_key(&self, first: usize, signature: u32, key: &str) -> bool {
        let signatures = self.open_signatures.get(first..).unwrap_or_default();
        let keys = self.open_keys.get(first..).unwrap_or_default();
        signatures
            .iter()
            .zip(keys)
            .any(|(&seen_signature, &seen_key)| {
                seen_signature == signature && self.is_key(seen_key, key)
            })
    }

    /// Whether the key at `index` on the tape is `key` (asked only when the signatures
    /// match).
    #[inline(never)]
    fn is_key(&self, index: u32, key: &str) -> bool {
        same_bytes(self.key_text(index).as_bytes(), key.as_bytes())
    }

    /// The unescaped text of the key at `index` on the tape (borrowed from the source when
    /// it has no escapes).
    fn key_text(&self, index: u32) -> Cow<'a, str> {
        let Some(entry) = self.tape.get(index as usize) else {
            return Cow::Borrowed("");
        };
        if entry.escaped() {
            Cow::Owned(unescape(self.text, entry.start as usize))
        } else {
            Cow::Borrowed(
                self.text
                    .get(entry.start as usize + 1..(entry.end as usize).saturating_sub(1))
                    .unwrap_or_default(),
            )
        }
    }

    /// Checks a string (or key) and moves past it; its unescaped text when it has escapes
    /// (`None` for a plain string, which the text holds as it is).
    #[expect(
        clippy::inline_always,
        reason = "measured: out of line, the call costs 3M instructions at 5,000 states (callgrind)"
    )]
    #[inline(always)]
    fn skip_string(&mut self) -> Result<Option<String>, Fatal> {
        let body_start = self.position + 1;
        let end = scan::plain_run_end(self.bytes, body_start);
        if self.bytes.get(end) == Some(&b'"') {
            self.position = end + 1;
            return Ok(None);
        }
        self.string().map(Some)
    }

    fn number(&mut self) -> Result<(), Fatal> {
        let start = self.position;
        let digits = |parser: &mut Self| {
            let from = parser.position;
            while parser
                .bytes
                .get(parser.position)
                .is_some_and(u8::is_ascii_digit)
            {
                parser.position += 1;
            }
            parser.position - from
        };
        let negative = self.bytes.get(self.position) == Some(&b'-');
        if negative {
            self.position += 1;
        }
        let integer_digits = match self.bytes.get(self.position) {
            Some(b'0') => {
                self.position += 1;
                if self
                    .bytes
                    .get(self.position)
                    .is_some_and(u8::is_ascii_digit)
                {
                    digits(self);
                    let literal = self.text.get(start..self.position).unwrap_or_default();
                    return Err(self.fail(
                        start,
                        self.position,
                        format!("number `{literal}` has a leading zero, which JSON does not allow"),
                    ));
                }
                1
            }
            Some(b'1'..=b'9') => digits(self),
            _ => return Err(self.fail_here("a digit")),
        };
        let mut integer = !negative;
        let mut fraction_digits = 0;
        if self.bytes.get(self.position) == Some(&b'.') {
            integer = false;
            self.position += 1;
            fraction_digits = digits(self);
            if fraction_digits == 0 {
                return Err(self.fail_here("a digit after the decimal point"));
            }
        }
        let exponent = matches!(self.bytes.get(self.position), Some(b'e' | b'E'));
        if exponent
            || integer_digits > 18
            || (fraction_digits > 0 && integer_digits + fraction_digits > 15)
        {
            self.long_numbers = true;
        }
        if exponent {
            integer = false;
            self.position += 1;
            if matches!(self.bytes.get(self.position), Some(b'+' | b'-')) {
                self.position += 1;
            }
            if digits(self) == 0 {
                return Err(self.fail_here("a digit in the exponent"));
            }
        }
        // A non-negative integer of up to 19 digits fits a `u64`, which is what serde_json
        // makes of it too. Without an exponent, a number is out of range only with more than
        // 308 integer digits (its value is read again, the same way, when asked for).
        // Anything else is checked by serde_json's own reading.
        if (integer && integer_digits <= 19) || (!exponent && integer_digits <= 300) {
            self.push(Kind::Number, start, false);
            return Ok(());
        }
        let literal = &self.text[start..self.position];
        match Number::from_str(literal) {
            Ok(_) => {
                self.push(Kind::Number, start, false);
                Ok(())
            }
            Err(_) => Err(self.fail(
                start,
                self.position,
                format!(
                    "number `{literal}` is beyond the range of a 64-bit float (about 1.8e308), which a definition cannot hold"
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests;
