//! JSON text with positions: a strict JSON parser that keeps the byte span of every value
//! and key, rejects duplicate keys, and maps byte offsets to lines and columns.
//!
//! The model parser and the validator read definitions through this module, so that every
//! problem can be reported with its JSON pointer and its place in the source text. Bytes
//! read from a file become text through [`text_from_bytes`], which places the first byte
//! that is not UTF-8.

mod exact;
mod json;
mod pointer;
mod utf8;
#[cfg(feature = "yaml")]
mod yaml;

pub use exact::InexactNumber;
pub(crate) use json::FieldIndex;
use json::{Entry, Kind};
pub use json::{Items, Member, Members, Node, NodeValue};
pub use pointer::{Pointer, escape_pointer_segment};
pub(crate) use pointer::{pointer_place, unescape_pointer_segment};
pub use utf8::{NotUtf8, text_from_bytes};
#[cfg(feature = "yaml")]
pub use yaml::{Yaml11Reading, YamlDocument};

use std::borrow::Cow;

use crate::error::{ParseError, ParseIssue};

/// A byte range in the source text, `start..end`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::{Document, Span};
///
/// let text = r#"{"StartAt": "Charge"}"#;
/// let document = Document::parse(text)?;
/// let Some(span) = document.locate("/StartAt") else { panic!("present") };
/// assert_eq!(span, Span::new(12, 20));
/// assert_eq!(&text[span.start..span.end], r#""Charge""#);
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Span;
    ///
    /// let span = Span::new(4, 8);
    /// assert_eq!((span.start, span.end), (4, 8));
    /// assert_eq!(&"if (true) {}"[span.start..span.end], "true");
    /// ```
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

/// A 1-based line and column (counted in Unicode characters).
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::{Document, LineColumn};
///
/// let document = Document::parse("{\n  \"Comment\": \"café\", \"StartAt\": \"A\"\n}")?;
/// let Some(span) = document.locate("/StartAt") else { panic!("present") };
/// // Columns count characters: `é` is two bytes but one column.
/// assert_eq!(document.line_column(span.start), LineColumn { line: 2, column: 33 });
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineColumn {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// U+FEFF at the start of a text: a byte order mark, which the JSON parser skips.
const BYTE_ORDER_MARK: char = '\u{feff}';

/// How deeply arrays and objects may nest; deeper input is rejected rather than risking
/// the stack.
pub const MAX_DEPTH: usize = 256;

/// A JSON value printed only as deep as the parser reads: arrays and objects at level
/// [`MAX_DEPTH`] (the root at level 0), where [`json::parse`] stops, are printed empty.
struct Bounded<'a> {
    value: &'a serde_json::Value,
    depth: usize,
}

impl serde::Serialize for Bounded<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap as _, SerializeSeq as _};
        use serde_json::Value;

        let cut = self.depth >= MAX_DEPTH;
        match self.value {
            Value::Array(items) => {
                let items = if cut { &[][..] } else { items.as_slice() };
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for value in items {
                    seq.serialize_element(&Bounded {
                        value,
                        depth: self.depth + 1,
                    })?;
                }
                seq.end()
            }
            Value::Object(members) => {
                let mut map =
                    serializer.serialize_map(Some(if cut { 0 } else { members.len() }))?;
                for (key, value) in members.iter().take(if cut { 0 } else { usize::MAX }) {
                    map.serialize_entry(
                        key,
                        &Bounded {
                            value,
                            depth: self.depth + 1,
                        },
                    )?;
                }
                map.end()
            }
            scalar => scalar.serialize(serializer),
        }
    }
}

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
    /// One entry per value and key, in document order; the root is the first.
    tape: Vec<Entry>,
    /// Whether spans are positions in `text` (not for a document made from a value).
    positions: Positions,
    /// Where each line starts, worked out when a position is first asked for (only
    /// problems are located, so most documents never need it).
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// Whether some number literal is long enough to be read inexactly.
    long_numbers: bool,
    /// Large objects' members by key, indexed when first looked up by key.
    member_indexes: json::MemberIndexes,
}

/// Where the text of a [`Document`] comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Positions {
    /// The caller's text: spans, lines and columns are real.
    Source,
    /// A `serde_json` value printed: spans are empty, as the caller has no text.
    Printed,
}

/// A failed [`Document::parse_owned`]: the problems, and the text handed back.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::{Document, OwnedParseError};
///
/// let text = String::from("{\"StartAt\": \"A\",}");
/// let Err(OwnedParseError { error, text }) = Document::parse_owned(text) else {
///     panic!("a trailing comma")
/// };
/// let issue = &error.issues()[0];
/// assert_eq!(issue.kind.code(), "json-syntax");
/// // The text came back, to show the problem against it.
/// assert_eq!(&text[issue.span.start..], "}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnedParseError {
    /// What is wrong with the text.
    pub error: ParseError,
    /// The text that was given to [`Document::parse_owned`].
    pub text: String,
}

impl std::fmt::Display for OwnedParseError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(formatter)
    }
}

impl std::error::Error for OwnedParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl Document {
    /// Parses JSON text.
    ///
    /// # Errors
    ///
    /// A syntax error (with its position), nesting deeper than [`MAX_DEPTH`], duplicate
    /// object keys (all of them are reported), or a text longer than 256 MiB (far beyond
    /// the 1 MB AWS accepts; the tape keeps positions and indices in fewer bits).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::ParseIssueKind;
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse(r#"{"StartAt": "A", "States": {}}"#)?;
    /// assert_eq!(document.root().as_object().map(|members| members.len()), Some(2));
    /// // Every repeated key is reported, not only the first.
    /// let error = Document::parse(r#"{"a": 1, "a": 2, "b": 3, "b": 4}"#).unwrap_err();
    /// assert_eq!(error.issues().len(), 2);
    /// assert!(error.issues().iter().all(|issue| issue.kind == ParseIssueKind::DuplicateKey));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        Self::parse_as(text.to_owned(), Positions::Source).map_err(|(error, _)| error)
    }

    /// Parses JSON text, taking it over instead of copying it (for large files, where the
    /// copy costs memory and time). [`into_text`](Self::into_text) gives it back.
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse), with the text handed back for showing the problems
    /// against it.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse_owned(String::from(r#"{"StartAt": "A"}"#))?;
    /// let start = document.root().as_object().and_then(|members| members.get("StartAt"));
    /// assert_eq!(start.and_then(|node| node.as_str()).as_deref(), Some("A"));
    /// assert_eq!(document.into_text(), r#"{"StartAt": "A"}"#);
    ///
    /// let failed = Document::parse_owned(String::from("{,}")).unwrap_err();
    /// assert_eq!(failed.text, "{,}");
    /// assert_eq!(failed.error.issues().len(), 1);
    /// # Ok::<(), sfn_dsl::source::OwnedParseError>(())
    /// ```
    pub fn parse_owned(text: String) -> Result<Self, OwnedParseError> {
        match Self::parse_as(text, Positions::Source) {
            Ok(document) => Ok(document),
            Err((error, text)) => Err(OwnedParseError { error, text }),
        }
    }

    /// The text the document was parsed from, given back.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse("[1, 2]")?;
    /// assert_eq!(document.into_text(), "[1, 2]");
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn into_text(self) -> String {
        self.text
    }

    /// Parses `text`; a failure hands the text back with the problems.
    fn parse_as(text: String, positions: Positions) -> Result<Self, (ParseError, String)> {
        let parsed = json::parse(&text);
        let mut document = Self {
            text,
            tape: parsed.tape,
            positions,
            line_starts: std::sync::OnceLock::new(),
            long_numbers: parsed.long_numbers,
            member_indexes: json::MemberIndexes::default(),
        };
        if parsed.issues.is_empty() && parsed.complete {
            return Ok(document);
        }
        if positions == Positions::Printed {
            document.text.clear();
            document.line_starts = std::sync::OnceLock::from(vec![0]);
        }
        let error = ParseError::new(
            parsed
                .issues
                .into_iter()
                .map(|issue| document.locate_issue(issue))
                .collect(),
        );
        Err((error, document.text))
    }

    /// Wraps an already parsed JSON value; spans are empty.
    ///
    /// A value nested deeper than [`MAX_DEPTH`] (only possible when built by hand) gives a
    /// document holding `null`; [`StateMachine::from_value`](crate::StateMachine::from_value)
    /// reports the depth instead. Either way the value is read no deeper than that, so a
    /// value of any depth is safe to pass.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::source::{Document, Span};
    ///
    /// let document = Document::from_value(&json!({"StartAt": "A", "States": {}}));
    /// let start = document.node_at("/StartAt").and_then(|node| node.as_str());
    /// assert_eq!(start.as_deref(), Some("A"));
    /// // No source text, so no positions.
    /// assert_eq!(document.locate("/StartAt"), Some(Span::default()));
    /// assert_eq!(document.text(), "");
    /// ```
    #[must_use]
    pub fn from_value(value: &serde_json::Value) -> Self {
        Self::try_from_value(value).unwrap_or_else(|_| Self {
            text: "null".to_owned(),
            tape: vec![Entry::new(Kind::Null, false, 0, 4, 1, 0)],
            positions: Positions::Printed,
            line_starts: std::sync::OnceLock::from(vec![0]),
            long_numbers: false,
            member_indexes: json::MemberIndexes::default(),
        })
    }

    /// Wraps an already parsed JSON value, or says why it cannot be read (nesting deeper
    /// than [`MAX_DEPTH`]).
    pub(crate) fn try_from_value(value: &serde_json::Value) -> Result<Self, ParseError> {
        // Printed and read again: one tree for both kinds of input. Printing a value
        // cannot fail, and its text is valid JSON without duplicate keys, nested no deeper
        // than serde_json allows (128, below [`MAX_DEPTH`]) unless built by hand. Arrays
        // and objects at level [`MAX_DEPTH`] are printed empty: the parser stops at them
        // whatever they hold, and printing their contents would recurse as deep as the
        // value goes.
        let text = serde_json::to_string(&Bounded { value, depth: 0 }).unwrap_or_default();
        Self::parse_as(text, Positions::Printed).map_err(|(error, _)| error)
    }

    /// The root value.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::{Document, Span};
    ///
    /// let document = Document::parse(" [1, 2] ")?;
    /// let root = document.root();
    /// assert_eq!(root.describe(), "an array");
    /// assert_eq!(root.span(), Span::new(1, 7));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn root(&self) -> Node<'_> {
        Node::new(self, 0)
    }

    /// The source text (empty for a document made from a value).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let text = "{\n  \"StartAt\": \"A\"\n}";
    /// assert_eq!(Document::parse(text)?.text(), text);
    /// assert_eq!(Document::from_value(&serde_json::json!({"StartAt": "A"})).text(), "");
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> &str {
        match self.positions {
            Positions::Source => &self.text,
            Positions::Printed => "",
        }
    }

    /// Whether some number literal is long enough to be read inexactly.
    pub(crate) fn has_long_numbers(&self) -> bool {
        self.long_numbers
    }

    pub(crate) fn tape(&self) -> &[Entry] {
        &self.tape
    }

    #[inline]
    pub(crate) fn entry(&self, index: u32) -> Entry {
        self.tape
            .get(index as usize)
            .copied()
            .unwrap_or(Entry::MISSING)
    }

    #[inline]
    pub(crate) fn span_of(&self, entry: Entry) -> Span {
        match self.positions {
            Positions::Source => Span::new(entry.start as usize, entry.end as usize),
            Positions::Printed => Span::default(),
        }
    }

    /// The text of an entry as written.
    #[inline]
    pub(crate) fn source(&self, entry: Entry) -> &str {
        self.text
            .get(entry.start as usize..entry.end as usize)
            .unwrap_or_default()
    }

    /// The text between the quotes of a string or key entry, as written.
    #[inline]
    pub(crate) fn body(&self, entry: Entry) -> &str {
        self.text
            .get(entry.start as usize + 1..(entry.end as usize).saturating_sub(1))
            .unwrap_or_default()
    }

    /// The bytes between the quotes of a string or key entry, as written.
    #[inline]
    pub(crate) fn body_bytes(&self, entry: Entry) -> &[u8] {
        self.text
            .as_bytes()
            .get(entry.start as usize + 1..(entry.end as usize).saturating_sub(1))
            .unwrap_or_default()
    }

    /// The unescaped text of a string or key entry.
    #[inline]
    pub(crate) fn string(&self, entry: Entry) -> Cow<'_, str> {
        if entry.escaped() {
            Cow::Owned(json::unescape(&self.text, entry.start as usize))
        } else {
            Cow::Borrowed(self.body(entry))
        }
    }

    /// The line and column of a byte offset.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::{Document, LineColumn};
    ///
    /// let text = "{\n  \"StartAt\": \"A\"\n}";
    /// let document = Document::parse(text)?;
    /// let offset = text.find("\"A\"").unwrap();
    /// assert_eq!(document.line_column(offset), LineColumn { line: 2, column: 14 });
    /// assert_eq!(document.line_column(0), LineColumn { line: 1, column: 1 });
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn line_column(&self, offset: usize) -> LineColumn {
        let line_starts = self.line_starts.get_or_init(|| line_starts(&self.text));
        line_column(&self.text, line_starts, offset)
    }

    /// The line and column of `offset`, counted on from `previous` (an offset before it
    /// with its position) when both are on one line, so that placing many positions of one
    /// long line in increasing order reads the line once.
    pub(crate) fn line_column_from(
        &self,
        previous: Option<(usize, LineColumn)>,
        offset: usize,
    ) -> LineColumn {
        let line_starts = self.line_starts.get_or_init(|| line_starts(&self.text));
        let offset = offset.min(self.text.len());
        let line_index = line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        match previous {
            // On the first line, the byte order mark is not counted: start over there.
            Some((from, position))
                if from <= offset
                    && position.line == line_index + 1
                    && (line_index > 0 || from >= BYTE_ORDER_MARK.len_utf8()) =>
            {
                let counted = self
                    .text
                    .get(from..offset)
                    .map_or(offset - from, |part| part.chars().count());
                LineColumn {
                    line: position.line,
                    column: position.column + counted,
                }
            }
            _ => line_column(&self.text, line_starts, offset),
        }
    }

    /// The span of the value at a JSON pointer (`/States/Charge/Retry/0`), or `None` when
    /// nothing is there.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let text = r#"{"States": {"Charge": {"Retry": [{"MaxAttempts": 3}]}}}"#;
    /// let document = Document::parse(text)?;
    /// let span = document.locate("/States/Charge/Retry/0").unwrap();
    /// assert_eq!(&text[span.start..span.end], r#"{"MaxAttempts": 3}"#);
    /// assert_eq!(document.locate("/States/Charge/Retry/1"), None);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn locate(&self, pointer: &str) -> Option<Span> {
        self.node_at(pointer).map(Node::span)
    }

    /// The span of the key of the member at `pointer` (for "unknown field" reports).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let text = r#"{"States": {"A": {"Type": "Pass", "Nxt": "B"}}}"#;
    /// let document = Document::parse(text)?;
    /// let key = document.locate_key("/States/A/Nxt").unwrap();
    /// let value = document.locate("/States/A/Nxt").unwrap();
    /// assert_eq!((&text[key.start..key.end], &text[value.start..value.end]), (r#""Nxt""#, r#""B""#));
    /// // The root has no key.
    /// assert_eq!(document.locate_key(""), None);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn locate_key(&self, pointer: &str) -> Option<Span> {
        let (parent, last) = pointer.rsplit_once('/')?;
        let key = unescape_pointer_segment(last);
        self.node_at(parent)?
            .as_object()?
            .iter()
            .find(|member| member.key == key)
            .map(|member| member.key_span)
    }

    /// The node at a JSON pointer, if it exists.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse(r#"{"States": {"Charge/Card": {"Type": "Pass"}}, "Tags": ["a", "b"]}"#)?;
    /// // `/` in a key is written `~1` (RFC 6901).
    /// let state_type = document.node_at("/States/Charge~1Card/Type").and_then(|node| node.as_str());
    /// assert_eq!(state_type.as_deref(), Some("Pass"));
    /// assert_eq!(document.node_at("/Tags/1").and_then(|node| node.as_str()).as_deref(), Some("b"));
    /// assert_eq!(document.node_at("").map(|node| node.describe()), Some("an object"));
    /// assert!(document.node_at("/Tags/2").is_none());
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn node_at(&self, pointer: &str) -> Option<Node<'_>> {
        let mut node = self.root();
        if pointer.is_empty() {
            return Some(node);
        }
        for segment in pointer.strip_prefix('/')?.split('/') {
            let key = unescape_pointer_segment(segment);
            node = match node.value() {
                NodeValue::Object(members) => members.get(&key)?,
                NodeValue::Array(items) => items.get(key.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Completes a raw issue with its line and column (none for a printed value).
    pub(crate) fn locate_issue(&self, mut issue: ParseIssue) -> ParseIssue {
        if self.positions == Positions::Printed {
            // Not the caller's text: no span, and line and column stay 0 ("unknown"),
            // rather than positions in a text the caller never saw.
            issue.span = Span::default();
            return issue;
        }
        let position = self.line_column(issue.span.start);
        issue.line = position.line;
        issue.column = position.column;
        issue
    }
}

/// The line and column (in characters, both from 1) of a byte offset of `text`, whose
/// lines start at `line_starts`. A byte order mark opening the text is not counted:
/// editors and GitHub's annotations do not show it as a column.
fn line_column(text: &str, line_starts: &[usize], offset: usize) -> LineColumn {
    let line_index = line_starts
        .partition_point(|&start| start <= offset)
        .saturating_sub(1);
    let line_start = line_starts.get(line_index).copied().unwrap_or(0);
    let offset = offset.min(text.len());
    let column = text
        .get(line_start..offset)
        .map_or(offset.saturating_sub(line_start), |prefix| {
            let prefix = if line_start == 0 {
                prefix.strip_prefix(BYTE_ORDER_MARK).unwrap_or(prefix)
            } else {
                prefix
            };
            prefix.chars().count()
        });
    LineColumn {
        line: line_index + 1,
        column: column + 1,
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    // memchr's vectorised search: a large definition on few long lines is skimmed, not
    // inspected byte by byte. A line ends at `\n`, `\r\n` or a lone `\r`, as editors and
    // the text report count them.
    let bytes = text.as_bytes();
    std::iter::once(0)
        .chain(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&index| {
                    bytes.get(index) == Some(&b'\n') || bytes.get(index + 1) != Some(&b'\n')
                })
                .map(|index| index + 1),
        )
        .collect()
}

#[cfg(test)]
mod position_tests {
    use super::Document;

    /// Counted on from the position before, in increasing order, every position is the
    /// one counted from the start of its line (a byte order mark, multi-byte characters and
    /// several lines included).
    #[test]
    fn positions_counted_on_are_positions_counted_from_the_line_start() {
        let text = "\u{feff}{\"StartAt\": \"é😀\",\r\n \"States\":\r{\"A\":\n {}}}";
        let document = Document::parse(text).expect("a document");
        let mut previous = None;
        for (offset, _) in text.char_indices() {
            let position = document.line_column_from(previous, offset);
            assert_eq!(position, document.line_column(offset), "at byte {offset}");
            previous = Some((offset, position));
        }
    }
}
