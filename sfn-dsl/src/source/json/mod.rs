//! A strict RFC 8259 JSON parser that records spans and reports every duplicate key.

mod keys;
mod node;
mod scan;
mod string;

pub(crate) use keys::same_bytes;
pub use node::{Member, Node, NodeValue};

use std::borrow::Cow;
use std::collections::HashSet;
use std::str::FromStr;

use serde_json::Number;

use keys::known_key;

use crate::hash::FastHash;

use super::{MAX_DEPTH, Span};
use crate::error::{ParseIssue, ParseIssueKind};

/// Key equality; shared keys are compared by address (each known key has one copy).
#[expect(
    clippy::ptr_arg,
    reason = "the `Cow` variant matters: two shared keys compare by address"
)]
fn same_key(left: &Cow<'static, str>, right: &Cow<'static, str>) -> bool {
    match (left, right) {
        (Cow::Borrowed(left), Cow::Borrowed(right)) => std::ptr::eq(*left, *right),
        _ => left == right,
    }
}

/// FNV-1a: a cheap hash for the duplicate-key check of big objects (a hit is confirmed by
/// comparing the keys, so collisions only cost time).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub(super) struct Parsed {
    pub(super) root: Option<Node>,
    pub(super) issues: Vec<ParseIssue>,
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
    /// Members and items of the objects and arrays being parsed, as one stack: each
    /// container moves its own run into an exactly sized vector when it closes, instead of
    /// growing a vector of its own step by step.
    open_members: Vec<Member>,
    open_items: Vec<Node>,
}

/// A syntax error that stops the parse.
struct Fatal;

pub(super) fn parse(text: &str) -> Parsed {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        position: 0,
        issues: Vec::new(),
        // Room for the members of a big `States` object (about one per 200 bytes of a
        // definition), so that the stack rarely grows and copies itself.
        open_members: Vec::with_capacity((text.len() / 200).max(64)),
        open_items: Vec::with_capacity(16),
    };
    // Tolerate a UTF-8 byte order mark, as editors on some systems write one.
    if text.starts_with('\u{feff}') {
        parser.position = '\u{feff}'.len_utf8();
    }
    let root = parser.document().ok();
    Parsed {
        root,
        issues: parser.issues,
    }
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

impl Parser<'_> {
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
                    "unexpected character `{}`, expected {expected}",
                    found.escape_debug()
                ),
            ),
        }
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(byte) = self.bytes.get(self.position) {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => self.position += 1,
                _ => break,
            }
        }
    }

    fn document(&mut self) -> Result<Node, Fatal> {
        self.skip_whitespace();
        let root = self.value(0)?;
        self.skip_whitespace();
        if self.position < self.bytes.len() {
            return Err(self.fail_here("the end of the document after the top-level value"));
        }
        Ok(root)
    }

    fn value(&mut self, depth: usize) -> Result<Node, Fatal> {
        let start = self.position;
        match self.bytes.get(start) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let text = self.string()?;
                Ok(self.node(start, NodeValue::String(text)))
            }
            Some(b't') => self.literal("true", NodeValue::Bool(true)),
            Some(b'f') => self.literal("false", NodeValue::Bool(false)),
            Some(b'n') => self.literal("null", NodeValue::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.fail_here("a JSON value")),
        }
    }

    fn node(&self, start: usize, value: NodeValue) -> Node {
        Node {
            span: Span::new(start, self.position),
            value,
        }
    }

    fn literal(&mut self, word: &str, value: NodeValue) -> Result<Node, Fatal> {
        let start = self.position;
        if self.bytes[start..].starts_with(word.as_bytes()) {
            self.position += word.len();
            Ok(self.node(start, value))
        } else {
            Err(self.fail_here("a JSON value"))
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

    fn array(&mut self, depth: usize) -> Result<Node, Fatal> {
        self.enter(depth)?;
        let start = self.position;
        self.position += 1;
        self.skip_whitespace();
        if self.bytes.get(self.position) == Some(&b']') {
            self.position += 1;
            return Ok(self.node(start, NodeValue::Array(Vec::new())));
        }
        let first = self.open_items.len();
        loop {
            self.skip_whitespace();
            let issues_before = self.issues.len();
            let item = self.value(depth + 1);
            if self.issues.len() > issues_before {
                let index = (self.open_items.len() - first).to_string();
                prefix_pointers(&mut self.issues, issues_before, &index);
            }
            let Ok(item) = item else {
                self.open_items.truncate(first);
                return Err(Fatal);
            };
            self.open_items.push(item);
            self.skip_whitespace();
            match self.bytes.get(self.position) {
                Some(b',') => self.position += 1,
                Some(b']') => {
                    self.position += 1;
                    // `split_off` moves the run with one copy into an exactly sized vector.
                    let items = self.open_items.split_off(first);
                    return Ok(self.node(start, NodeValue::Array(items)));
                }
                _ => {
                    self.open_items.truncate(first);
                    return Err(self.fail_here("`,` or `]`"));
                }
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, Fatal> {
        self.enter(depth)?;
        let first = self.open_members.len();
        if let Ok(span) = self.object_members(depth, first) {
            let members = self.open_members.split_off(first);
            Ok(Node {
                span,
                value: NodeValue::Object(members),
            })
        } else {
            self.open_members.truncate(first);
            Err(Fatal)
        }
    }

    /// The members of an object, pushed on `open_members` from `first` on; its span.
    fn object_members(&mut self, depth: usize, first: usize) -> Result<Span, Fatal> {
        let start = self.position;
        self.position += 1;
        // Small objects are checked for duplicates by scanning; big ones (a `States` object
        // of thousands of states) by hashing the keys seen so far (a hash hit is confirmed by
        // a scan, so collisions cost time, never correctness).
        let mut seen: Option<HashSet<u64, FastHash>> = None;
        self.skip_whitespace();
        if self.bytes.get(self.position) == Some(&b'}') {
            self.position += 1;
            return Ok(Span::new(start, self.position));
        }
        loop {
            self.skip_whitespace();
            if self.bytes.get(self.position) != Some(&b'"') {
                return Err(self.fail_here("a string key"));
            }
            let key_start = self.position;
            let key = self.key()?;
            let key_span = Span::new(key_start, self.position);
            self.skip_whitespace();
            if self.bytes.get(self.position) != Some(&b':') {
                return Err(self.fail_here("`:` after the key"));
            }
            self.position += 1;
            self.skip_whitespace();
            let members = &self.open_members[first..];
            let duplicate = match &mut seen {
                Some(hashes) => {
                    !hashes.insert(fnv1a(&key))
                        && members.iter().any(|member| same_key(&member.key, &key))
                }
                None => members.iter().any(|member| same_key(&member.key, &key)),
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
            self.open_members.push(Member {
                key,
                key_span,
                value: value?,
            });
            if seen.is_none() && self.open_members.len() - first > 16 {
                seen = Some(
                    self.open_members[first..]
                        .iter()
                        .map(|member| fnv1a(&member.key))
                        .collect(),
                );
            }
            self.skip_whitespace();
            match self.bytes.get(self.position) {
                Some(b',') => self.position += 1,
                Some(b'}') => {
                    self.position += 1;
                    return Ok(Span::new(start, self.position));
                }
                _ => return Err(self.fail_here("`,` or `}`")),
            }
        }
    }

    /// An object key: field names of the States Language are shared static strings, so the
    /// common case allocates nothing.
    fn key(&mut self) -> Result<Cow<'static, str>, Fatal> {
        let body_start = self.position + 1;
        let end = scan::plain_run_end(self.bytes, body_start);
        if self.bytes.get(end) == Some(&b'"') {
            let text = &self.text[body_start..end];
            self.position = end + 1;
            return Ok(match known_key(text) {
                Some(shared) => Cow::Borrowed(shared),
                None => Cow::Owned(text.to_owned()),
            });
        }
        self.string().map(Cow::Owned)
    }

    fn number(&mut self) -> Result<Node, Fatal> {
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
                1
            }
            Some(b'1'..=b'9') => digits(self),
            _ => return Err(self.fail_here("a digit")),
        };
        let mut integer = !negative;
        if self.bytes.get(self.position) == Some(&b'.') {
            integer = false;
            self.position += 1;
            if digits(self) == 0 {
                return Err(self.fail_here("a digit after the decimal point"));
            }
        }
        if matches!(self.bytes.get(self.position), Some(b'e' | b'E')) {
            integer = false;
            self.position += 1;
            if matches!(self.bytes.get(self.position), Some(b'+' | b'-')) {
                self.position += 1;
            }
            if digits(self) == 0 {
                return Err(self.fail_here("a digit in the exponent"));
            }
        }
        let literal = &self.text[start..self.position];
        // A non-negative integer of up to 19 digits fits a `u64`, which is what serde_json
        // makes of it too; anything else goes through serde_json's own reading, so that
        // every number is the same as serde_json's.
        if integer && integer_digits <= 19 {
            let value = literal
                .bytes()
                .fold(0_u64, |value, digit| value * 10 + u64::from(digit - b'0'));
            return Ok(self.node(start, NodeValue::Number(Number::from(value))));
        }
        match Number::from_str(literal) {
            Ok(number) => Ok(self.node(start, NodeValue::Number(number))),
            Err(_) => Err(self.fail(
                start,
                self.position,
                format!("number `{literal}` is out of range"),
            )),
        }
    }
}

#[cfg(test)]
mod tests;
