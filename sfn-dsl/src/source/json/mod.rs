//! A strict RFC 8259 JSON parser that records spans and reports every duplicate key.

mod keys;
mod node;

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

/// Segments of the path to the value being parsed, for the pointers of reported problems.
enum Step {
    Key(Cow<'static, str>),
    Index(usize),
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    position: usize,
    path: Vec<Step>,
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
        path: Vec::new(),
        issues: Vec::new(),
        open_members: Vec::new(),
        open_items: Vec::new(),
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

impl Parser<'_> {
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for step in &self.path {
            pointer.push('/');
            match step {
                Step::Key(key) => pointer.push_str(&super::escape_pointer_segment(key)),
                Step::Index(index) => pointer.push_str(&index.to_string()),
            }
        }
        pointer
    }

    fn fail(&mut self, start: usize, end: usize, message: String) -> Fatal {
        let issue = ParseIssue::new(
            ParseIssueKind::Syntax,
            self.pointer(),
            Span::new(start, end),
            message,
        );
        self.issues.push(issue);
        Fatal
    }

    fn fail_here(&mut self, expected: &str) -> Fatal {
        let start = self.position;
        match self.text[start..].chars().next() {
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
        if self.text[start..].starts_with(word) {
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
                self.pointer(),
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
            self.path.push(Step::Index(self.open_items.len() - first));
            let item = self.value(depth + 1)?;
            self.path.pop();
            self.open_items.push(item);
            self.skip_whitespace();
            match self.bytes.get(self.position) {
                Some(b',') => self.position += 1,
                Some(b']') => {
                    self.position += 1;
                    let items = self.open_items.drain(first..).collect();
                    return Ok(self.node(start, NodeValue::Array(items)));
                }
                _ => return Err(self.fail_here("`,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, Fatal> {
        self.enter(depth)?;
        let start = self.position;
        self.position += 1;
        // Small objects are checked for duplicates by scanning; big ones (a `States` object
        // of thousands of states) by hashing the keys seen so far (a hash hit is confirmed by
        // a scan, so collisions cost time, never correctness).
        let mut seen: Option<HashSet<u64, FastHash>> = None;
        self.skip_whitespace();
        if self.bytes.get(self.position) == Some(&b'}') {
            self.position += 1;
            return Ok(self.node(start, NodeValue::Object(Vec::new())));
        }
        let first = self.open_members.len();
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
            if duplicate {
                self.path.push(Step::Key(key.clone()));
                let pointer = self.pointer();
                self.path.pop();
                self.issues.push(
                    ParseIssue::new(
                        ParseIssueKind::DuplicateKey,
                        pointer,
                        key_span,
                        format!("duplicate key `{key}`: JSON parsers keep only one of the values"),
                    )
                    .with_hint("remove or rename one of the members"),
                );
            }
            // The key waits on the path (for the pointers of problems inside the value)
            // rather than being copied there.
            self.path.push(Step::Key(key));
            let value = self.value(depth + 1)?;
            let key = match self.path.pop() {
                Some(Step::Key(key)) => key,
                _ => Cow::Borrowed(""),
            };
            self.open_members.push(Member {
                key,
                key_span,
                value,
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
                    let members = self.open_members.drain(first..).collect();
                    return Ok(self.node(start, NodeValue::Object(members)));
                }
                _ => return Err(self.fail_here("`,` or `}`")),
            }
        }
    }

    /// An object key: field names of the States Language are shared static strings, so the
    /// common case allocates nothing.
    fn key(&mut self) -> Result<Cow<'static, str>, Fatal> {
        let body_start = self.position + 1;
        let plain_end = self.bytes[body_start.min(self.bytes.len())..]
            .iter()
            .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)
            .map(|offset| body_start + offset);
        if let Some(end) = plain_end
            && self.bytes[end] == b'"'
        {
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
        if self.bytes.get(self.position) == Some(&b'-') {
            self.position += 1;
        }
        match self.bytes.get(self.position) {
            Some(b'0') => self.position += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.fail_here("a digit")),
        }
        if self.bytes.get(self.position) == Some(&b'.') {
            self.position += 1;
            if digits(self) == 0 {
                return Err(self.fail_here("a digit after the decimal point"));
            }
        }
        if matches!(self.bytes.get(self.position), Some(b'e' | b'E')) {
            self.position += 1;
            if matches!(self.bytes.get(self.position), Some(b'+' | b'-')) {
                self.position += 1;
            }
            if digits(self) == 0 {
                return Err(self.fail_here("a digit in the exponent"));
            }
        }
        let literal = &self.text[start..self.position];
        match Number::from_str(literal) {
            Ok(number) => Ok(self.node(start, NodeValue::Number(number))),
            Err(_) => Err(self.fail(
                start,
                self.position,
                format!("number `{literal}` is out of range"),
            )),
        }
    }

    fn hex4(&mut self) -> Result<u32, Fatal> {
        let start = self.position;
        let Some(hex) = self.text.get(start..start + 4) else {
            return Err(self.fail(
                start,
                self.bytes.len(),
                "incomplete `\\u` escape".to_owned(),
            ));
        };
        match u32::from_str_radix(hex, 16) {
            Ok(code) if hex.bytes().all(|byte| byte.is_ascii_hexdigit()) => {
                self.position += 4;
                Ok(code)
            }
            _ => Err(self.fail(start, start + 4, format!("invalid `\\u` escape `\\u{hex}`"))),
        }
    }

    fn string(&mut self) -> Result<String, Fatal> {
        let start = self.position;
        self.position += 1;
        // Most strings have no escapes: copy them in one go.
        let plain_end = self.bytes[self.position.min(self.bytes.len())..]
            .iter()
            .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)
            .map(|offset| self.position + offset);
        if let Some(end) = plain_end
            && self.bytes[end] == b'"'
        {
            let text = self.text[self.position..end].to_owned();
            self.position = end + 1;
            return Ok(text);
        }
        let mut text = String::new();
        loop {
            let chunk_start = self.position;
            while let Some(&byte) = self.bytes.get(self.position) {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.position += 1;
            }
            text.push_str(&self.text[chunk_start..self.position]);
            match self.bytes.get(self.position) {
                Some(b'"') => {
                    self.position += 1;
                    return Ok(text);
                }
                Some(b'\\') => {
                    let escape_start = self.position;
                    self.position += 1;
                    let Some(&escape) = self.bytes.get(self.position) else {
                        return Err(self.fail(
                            start,
                            self.position,
                            "unterminated string".to_owned(),
                        ));
                    };
                    self.position += 1;
                    match escape {
                        b'"' => text.push('"'),
                        b'\\' => text.push('\\'),
                        b'/' => text.push('/'),
                        b'b' => text.push('\u{8}'),
                        b'f' => text.push('\u{c}'),
                        b'n' => text.push('\n'),
                        b'r' => text.push('\r'),
                        b't' => text.push('\t'),
                        b'u' => {
                            let code = self.unicode_escape(escape_start)?;
                            text.push(code);
                        }
                        _ => {
                            let shown = self.text[escape_start..]
                                .chars()
                                .take(2)
                                .collect::<String>();
                            return Err(self.fail(
                                escape_start,
                                escape_start + shown.len(),
                                format!("invalid escape `{shown}` in a string"),
                            ));
                        }
                    }
                }
                Some(_) => {
                    return Err(self.fail(
                        self.position,
                        self.position + 1,
                        "control character in a string: escape it (`\\n`, `\\t`, `\\u0000`)"
                            .to_owned(),
                    ));
                }
                None => {
                    return Err(self.fail(start, self.position, "unterminated string".to_owned()));
                }
            }
        }
    }

    fn unicode_escape(&mut self, escape_start: usize) -> Result<char, Fatal> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.text[self.position..].starts_with("\\u") {
                self.position += 2;
                let second = self.hex4()?;
                if (0xDC00..0xE000).contains(&second) {
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    return Err(self.fail(
                        escape_start,
                        self.position,
                        "a high surrogate must be followed by a low surrogate".to_owned(),
                    ));
                }
            } else {
                return Err(self.fail(
                    escape_start,
                    self.position,
                    "lone surrogate in a `\\u` escape".to_owned(),
                ));
            }
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| {
            self.fail(
                escape_start,
                self.position,
                "lone surrogate in a `\\u` escape".to_owned(),
            )
        })
    }
}

#[cfg(test)]
mod tests;
