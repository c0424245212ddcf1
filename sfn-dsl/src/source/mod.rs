//! JSON text with positions: a strict JSON parser that keeps the byte span of every value
//! and key, rejects duplicate keys, and maps byte offsets to lines and columns.
//!
//! The model parser and the validator read definitions through this module, so that every
//! problem can be reported with its JSON pointer and its place in the source text.

mod json;
mod pointer;

pub(crate) use json::same_bytes;
pub use json::{Member, Node, NodeValue};
pub use pointer::{Pointer, escape_pointer_segment};

use crate::error::{ParseError, ParseIssue};

/// A byte range in the source text, `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

/// A 1-based line and column (counted in Unicode characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineColumn {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// How deeply arrays and objects may nest; deeper input is rejected rather than risking
/// the stack.
pub const MAX_DEPTH: usize = 256;

/// A parsed JSON document with the spans of all its values.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::Document;
///
/// let document = Document::parse("{\n  \"StartAt\": \"A\"\n}")?;
/// let span = document.locate("/StartAt").expect("present");
/// let position = document.line_column(span.start);
/// assert_eq!((position.line, position.column), (2, 14));
///
/// let duplicate = Document::parse(r#"{"a": 1, "a": 2}"#).unwrap_err();
/// assert!(duplicate.to_string().contains("duplicate key `a`"));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Document {
    text: String,
    root: Node,
    /// Where each line starts, worked out when a position is first asked for (only
    /// problems are located, so most documents never need it).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl Document {
    /// Parses JSON text.
    ///
    /// # Errors
    ///
    /// A syntax error (with its position), nesting deeper than [`MAX_DEPTH`], or duplicate
    /// object keys (all of them are reported).
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let parsed = json::parse(text);
        let document = Self {
            text: text.to_owned(),
            root: parsed.root.unwrap_or(Node {
                span: Span::default(),
                value: NodeValue::Null,
            }),
            line_starts: std::sync::OnceLock::new(),
        };
        if parsed.issues.is_empty() {
            Ok(document)
        } else {
            Err(ParseError::new(
                parsed
                    .issues
                    .into_iter()
                    .map(|issue| document.locate_issue(issue))
                    .collect(),
            ))
        }
    }

    /// Wraps an already parsed JSON value; spans are empty.
    #[must_use]
    pub fn from_value(value: &serde_json::Value) -> Self {
        Self {
            text: String::new(),
            root: Node::from_value(value),
            line_starts: std::sync::OnceLock::from(vec![0]),
        }
    }

    /// The root value.
    #[must_use]
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// The source text.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The line and column of a byte offset.
    #[must_use]
    pub fn line_column(&self, offset: usize) -> LineColumn {
        let line_starts = self.line_starts.get_or_init(|| line_starts(&self.text));
        let line_index = line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = line_starts.get(line_index).copied().unwrap_or(0);
        let offset = offset.min(self.text.len());
        let column = self
            .text
            .get(line_start..offset)
            .map_or(offset - line_start, |prefix| prefix.chars().count());
        LineColumn {
            line: line_index + 1,
            column: column + 1,
        }
    }

    /// The span of the value at a JSON pointer (`/States/Charge/Retry/0`), or of the
    /// closest existing ancestor's value when the pointer names a missing member.
    #[must_use]
    pub fn locate(&self, pointer: &str) -> Option<Span> {
        self.node_at(pointer).map(|node| node.span)
    }

    /// The span of the key of the member at `pointer` (for "unknown field" reports).
    #[must_use]
    pub fn locate_key(&self, pointer: &str) -> Option<Span> {
        let (parent, last) = pointer.rsplit_once('/')?;
        let key = pointer::unescape_pointer_segment(last);
        match &self.node_at(parent)?.value {
            NodeValue::Object(members) => members
                .iter()
                .find(|member| member.key == key)
                .map(|member| member.key_span),
            _ => None,
        }
    }

    /// The node at a JSON pointer, if it exists.
    #[must_use]
    pub fn node_at(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(&self.root);
        }
        let mut node = &self.root;
        for segment in pointer.strip_prefix('/')?.split('/') {
            let key = pointer::unescape_pointer_segment(segment);
            node = match &node.value {
                NodeValue::Object(members) => {
                    &members.iter().find(|member| member.key == key)?.value
                }
                NodeValue::Array(items) => items.get(key.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Completes a raw issue with its line and column.
    pub(crate) fn locate_issue(&self, mut issue: ParseIssue) -> ParseIssue {
        let position = self.line_column(issue.span.start);
        issue.line = position.line;
        issue.column = position.column;
        issue
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    // memchr's vectorised search: a large definition on few long lines is skimmed, not
    // inspected byte by byte.
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|index| index + 1))
        .collect()
}
