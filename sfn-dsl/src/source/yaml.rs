//! YAML definitions (SAM's `statemachine/*.asl.yaml`): read as the JSON they stand for,
//! keeping where every value and key was, so that problems found in that JSON are reported
//! at their place in the YAML.
//!
//! YAML 1.2's core schema decides what a plain scalar is (`true`, `12`, `1.5`, `null`, `~`;
//! `yes` and `on` are strings, as in YAML 1.2 and unlike YAML 1.1); quoted scalars are
//! strings. Anchors and aliases are expanded. What JSON cannot hold is refused with its
//! place: several documents, tags other than the core ones (`!Ref`, `!Sub`: CloudFormation
//! resolves those in templates, not in definitions), keys that are not scalars, `.inf` and
//! `.nan`, repeated keys.

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};

use super::{LineColumn, MAX_DEPTH, Span, escape_pointer_segment, line_starts};
use crate::error::{ParseError, ParseIssue, ParseIssueKind};
use crate::hash::FastMap;

/// A YAML definition with the JSON text it stands for and the place of every value in it.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::YamlDocument;
///
/// let yaml = "StartAt: Wait\nStates:\n  Wait:\n    Type: Wait\n    Seconds: 10\n    End: true\n";
/// let document = YamlDocument::parse(yaml)?;
/// assert_eq!(
///     document.json(),
///     r#"{"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":10,"End":true}}}"#
/// );
/// let span = document.locate("/States/Wait/Seconds").expect("present");
/// assert_eq!(&yaml[span.start..span.end], "10");
/// assert_eq!(document.line_column(span.start).line, 5);
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug)]
pub struct YamlDocument {
    text: String,
    json: String,
    places: FastMap<String, Place>,
    line_starts: Vec<usize>,
}

/// Where a value (and its key) is in the YAML text.
#[derive(Clone, Copy, Debug)]
struct Place {
    value: Span,
    key: Option<Span>,
    /// For a scalar whose source characters are exactly its value (plain, or quoted
    /// without escapes or line folding): where those characters start.
    verbatim: Option<usize>,
    /// Whether the value is a mapping or sequence (shown at its key: in block style its
    /// span starts at its first member, on the line after the key).
    collection: bool,
}

impl YamlDocument {
    /// Reads `text` as YAML and converts it to JSON text.
    ///
    /// # Errors
    ///
    /// A YAML syntax error, or YAML that has no JSON equivalent (several documents, a tag
    /// other than the core schema's, a key that is not a scalar, `.inf`/`.nan`), as
    /// [`ParseIssueKind::Yaml`]; a repeated key as [`ParseIssueKind::DuplicateKey`];
    /// nesting deeper than [`MAX_DEPTH`] as [`ParseIssueKind::TooDeep`]. Each with its
    /// place in `text`.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let offsets = CharOffsets::new(text);
        let mut converter = Converter::new(&offsets);
        for event in Parser::new_from_str(text) {
            let result = match event {
                Ok((event, span)) => converter.event(event, span),
                Err(error) => Err(scan_problem(&error, &offsets)),
            };
            if let Err(problem) = result {
                return Err(problem.into_error(text, &converter.pointer));
            }
        }
        converter
            .finish()
            .map_err(|problem| problem.into_error(text, ""))?;
        Ok(Self {
            text: text.to_owned(),
            json: converter.json,
            places: converter.places,
            line_starts: line_starts(text),
        })
    }

    /// The YAML text.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The JSON text the YAML stands for (compact, keys in YAML order).
    #[must_use]
    pub fn json(&self) -> &str {
        &self.json
    }

    /// The YAML span of the value at a JSON pointer, or `None` when nothing is there.
    /// Values brought in by an alias are located at the alias.
    #[must_use]
    pub fn locate(&self, pointer: &str) -> Option<Span> {
        self.places.get(pointer).map(|place| place.value)
    }

    /// The YAML span of the key of the member at `pointer`.
    #[must_use]
    pub fn locate_key(&self, pointer: &str) -> Option<Span> {
        self.places.get(pointer).and_then(|place| place.key)
    }

    /// The YAML span `offset` bytes into the string value at `pointer`, when the YAML
    /// writes that string character for character (plain, or quoted without escapes);
    /// otherwise the whole value.
    pub(crate) fn locate_inside(&self, pointer: &str, offset: usize) -> Option<Span> {
        let place = self.places.get(pointer)?;
        match place.verbatim {
            Some(start) if start + offset < place.value.end => {
                let end = if place.value.end > start && start > place.value.start {
                    // Quoted: stop before the closing quote.
                    place.value.end - 1
                } else {
                    place.value.end
                };
                Some(Span::new(start + offset, end.max(start + offset)))
            }
            _ => Some(place.value),
        }
    }

    /// The line and column (in characters) of a byte offset in the YAML text.
    #[must_use]
    pub fn line_column(&self, offset: usize) -> LineColumn {
        let offset = offset.min(self.text.len());
        let line_index = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = self.line_starts.get(line_index).copied().unwrap_or(0);
        let column = self
            .text
            .get(line_start..offset)
            .map_or(offset - line_start, |prefix| prefix.chars().count());
        LineColumn {
            line: line_index + 1,
            column: column + 1,
        }
    }

    /// Moves the issues of reading [`json`](Self::json) to their places in the YAML.
    #[must_use]
    pub fn relocate_error(&self, error: &ParseError) -> ParseError {
        let issues = error
            .issues()
            .iter()
            .cloned()
            .map(|mut issue| {
                issue.span =
                    self.nearest(&issue.pointer, issue.kind == ParseIssueKind::UnknownField);
                let position = self.line_column(issue.span.start);
                issue.line = position.line;
                issue.column = position.column;
                issue
            })
            .collect();
        ParseError::new(issues)
    }

    /// The span of the value (or, when `key`, the key) at `pointer`, or of its nearest
    /// ancestor that has a place; a mapping or sequence is shown at its key.
    pub(crate) fn nearest(&self, pointer: &str, key: bool) -> Span {
        if key && let Some(span) = self.locate_key(pointer) {
            return span;
        }
        let mut current = pointer;
        loop {
            if let Some(place) = self.places.get(current) {
                return match place.key {
                    Some(key) if place.collection => key,
                    _ => place.value,
                };
            }
            match current.rfind('/') {
                Some(cut) => current = current.get(..cut).unwrap_or_default(),
                None => return Span::new(0, 0),
            }
        }
    }
}

/// Byte offsets of the character indexes YAML markers count in.
struct CharOffsets<'a> {
    text: &'a str,
    /// The byte offset of every character, unless the text is ASCII (then they are equal).
    bytes: Option<Vec<usize>>,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(offset, _)| offset)
                .chain(std::iter::once(text.len()))
                .collect()
        });
        Self { text, bytes }
    }

    fn byte(&self, marker: Marker) -> usize {
        let index = marker.index();
        match &self.bytes {
            None => index.min(self.text.len()),
            Some(bytes) => bytes.get(index).copied().unwrap_or(self.text.len()),
        }
    }

    fn span(&self, span: saphyr_parser::Span) -> Span {
        Span::new(self.byte(span.start), self.byte(span.end))
    }

    fn span_at(&self, marker: Marker) -> Span {
        let start = self.byte(marker);
        let end = self
            .text
            .get(start..)
            .and_then(|rest| rest.chars().next())
            .map_or(start, |c| start + c.len_utf8());
        Span::new(start, end)
    }
}

/// A problem found while converting, before it has a pointer and a line.
struct Problem {
    kind: ParseIssueKind,
    span: Span,
    message: String,
    hint: Option<String>,
}

impl Problem {
    fn syntax(span: Span, message: impl Into<String>) -> Self {
        Self {
            kind: ParseIssueKind::Yaml,
            span,
            message: message.into(),
            hint: None,
        }
    }

    fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn into_error(self, text: &str, pointer: &str) -> ParseError {
        let line_starts = line_starts(text);
        let line_index = line_starts
            .partition_point(|&start| start <= self.span.start)
            .saturating_sub(1);
        let line_start = line_starts.get(line_index).copied().unwrap_or(0);
        let column = text
            .get(line_start..self.span.start)
            .map_or(0, |prefix| prefix.chars().count());
        let mut issue = ParseIssue::new(self.kind, pointer.to_owned(), self.span, self.message);
        issue.line = line_index + 1;
        issue.column = column + 1;
        if let Some(hint) = self.hint {
            issue = issue.with_hint(hint);
        }
        ParseError::new(vec![issue])
    }
}

/// An open mapping or sequence.
struct Frame {
    /// The pointer of the collection itself (the length of `Converter::pointer` for it).
    pointer_len: usize,
    /// Where the collection's value starts (for its place, completed at its end).
    start: usize,
    kind: FrameKind,
}

enum FrameKind {
    Mapping {
        /// The keys seen, to refuse a repeated one.
        keys: FastMap<String, Span>,
        /// Whether the next node is a key (else the value of the key before it).
        awaiting_key: bool,
        /// The key of the value being read, with its span.
        key: Option<Span>,
    },
    Sequence {
        next_index: usize,
    },
}

/// Walks the parser's events, writing JSON and recording places.
struct Converter<'o> {
    offsets: &'o CharOffsets<'o>,
    json: String,
    places: FastMap<String, Place>,
    /// The pointer of the node being read.
    pointer: String,
    frames: Vec<Frame>,
    /// The JSON text of every anchored node, by anchor id.
    anchors: FastMap<usize, String>,
    /// Anchored collections being read: (anchor id, where their JSON starts).
    open_anchors: Vec<(usize, usize, usize)>,
    documents: usize,
}

impl<'o> Converter<'o> {
    fn new(offsets: &'o CharOffsets<'o>) -> Self {
        Self {
            offsets,
            json: String::with_capacity(offsets.text.len()),
            places: FastMap::default(),
            pointer: String::new(),
            frames: Vec::new(),
            anchors: FastMap::default(),
            open_anchors: Vec::new(),
            documents: 0,
        }
    }

    fn event(&mut self, event: Event<'_>, span: saphyr_parser::Span) -> Result<(), Problem> {
        let span = self.offsets.span(span);
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => Ok(()),
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Problem::syntax(
                        span,
                        "the text holds several YAML documents; a definition is one",
                    ));
                }
                Ok(())
            }
            Event::Scalar(value, style, anchor, tag) => {
                if self.is_key_next() {
                    return self.key(&value, span);
                }
                self.begin_value(span)?;
                let literal = scalar(&value, style, tag.as_deref(), span)?;
                let start = self.json.len();
                self.json.push_str(&literal);
                if anchor > 0 {
                    self.anchors.insert(anchor, self.json[start..].to_owned());
                }
                let verbatim = verbatim_start(self.offsets.text, span, &value, style);
                self.record(span, verbatim, false);
                self.end_value();
                Ok(())
            }
            Event::Alias(anchor) => {
                if self.is_key_next() {
                    return Err(Problem::syntax(span, "an alias cannot be a key here"));
                }
                self.begin_value(span)?;
                let Some(text) = self.anchors.get(&anchor) else {
                    return Err(Problem::syntax(span, "the alias names no anchor before it"));
                };
                let text = text.clone();
                self.json.push_str(&text);
                self.record(span, None, false);
                self.end_value();
                Ok(())
            }
            Event::MappingStart(anchor, tag) => self.open(true, anchor, tag.as_deref(), span),
            Event::SequenceStart(anchor, tag) => self.open(false, anchor, tag.as_deref(), span),
            Event::MappingEnd | Event::SequenceEnd => self.close(span),
        }
    }

    /// A mapping (`mapping`) or sequence starts.
    fn open(
        &mut self,
        mapping: bool,
        anchor: usize,
        tag: Option<&Tag>,
        span: Span,
    ) -> Result<(), Problem> {
        if self.is_key_next() {
            return Err(Problem::syntax(
                span,
                "a key is a mapping or sequence; JSON keys are strings",
            ));
        }
        let core = if mapping { "map" } else { "seq" };
        if let Some(tag) = tag
            && !(tag.is_yaml_core_schema() && tag.suffix == core)
        {
            return Err(unsupported_tag(tag, span));
        }
        self.begin_value(span)?;
        if self.frames.len() >= MAX_DEPTH {
            return Err(Problem {
                kind: ParseIssueKind::TooDeep,
                span,
                message: format!("mappings and sequences nest more than {MAX_DEPTH} levels deep"),
                hint: None,
            });
        }
        self.record(span, None, true);
        if anchor > 0 {
            self.open_anchors
                .push((anchor, self.json.len(), self.frames.len()));
        }
        self.json.push(if mapping { '{' } else { '[' });
        let kind = if mapping {
            FrameKind::Mapping {
                keys: FastMap::default(),
                awaiting_key: true,
                key: None,
            }
        } else {
            FrameKind::Sequence { next_index: 0 }
        };
        self.frames.push(Frame {
            pointer_len: self.pointer.len(),
            start: span.start,
            kind,
        });
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Problem> {
        if self.documents == 0 || self.json.is_empty() {
            return Err(Problem::syntax(
                Span::new(0, 0),
                "the text holds no YAML document",
            ));
        }
        Ok(())
    }

    fn is_key_next(&self) -> bool {
        matches!(
            self.frames.last(),
            Some(Frame {
                kind: FrameKind::Mapping {
                    awaiting_key: true,
                    ..
                },
                ..
            })
        )
    }

    /// A mapping key: checked, written, and made the current pointer's last segment.
    fn key(&mut self, value: &str, span: Span) -> Result<(), Problem> {
        let Some(Frame {
            pointer_len,
            kind:
                FrameKind::Mapping {
                    keys,
                    awaiting_key,
                    key,
                },
            ..
        }) = self.frames.last_mut()
        else {
            return Ok(());
        };
        if keys.contains_key(value) {
            return Err(Problem {
                kind: ParseIssueKind::DuplicateKey,
                span,
                message: format!(
                    "the key `{}` appears twice in this mapping",
                    crate::shorten::shorten(value, 80)
                ),
                hint: Some("keep one (YAML readers disagree about which one wins)".to_owned()),
            });
        }
        if !keys.is_empty() {
            self.json.push(',');
        }
        keys.insert(value.to_owned(), span);
        *awaiting_key = false;
        *key = Some(span);
        self.pointer.truncate(*pointer_len);
        self.pointer.push('/');
        self.pointer.push_str(&escape_pointer_segment(value));
        self.json.push_str(&json_string(value));
        self.json.push(':');
        Ok(())
    }

    /// Prepares for a value inside the current collection (or at the root).
    fn begin_value(&mut self, span: Span) -> Result<(), Problem> {
        if self.frames.is_empty() && !self.json.is_empty() {
            return Err(Problem::syntax(
                span,
                "more than one value at the top level",
            ));
        }
        if let Some(Frame {
            pointer_len,
            kind: FrameKind::Sequence { next_index },
            ..
        }) = self.frames.last_mut()
        {
            if *next_index > 0 {
                self.json.push(',');
            }
            self.pointer.truncate(*pointer_len);
            self.pointer.push('/');
            self.pointer.push_str(&next_index.to_string());
            *next_index += 1;
        }
        Ok(())
    }

    /// Records the place of the value at the current pointer.
    fn record(&mut self, value: Span, verbatim: Option<usize>, collection: bool) {
        let key = match self.frames.last() {
            Some(Frame {
                kind: FrameKind::Mapping { key, .. },
                ..
            }) => *key,
            _ => None,
        };
        self.places.insert(
            self.pointer.clone(),
            Place {
                value,
                key,
                verbatim,
                collection,
            },
        );
    }

    /// After a value: the mapping it is in awaits its next key.
    fn end_value(&mut self) {
        if let Some(Frame {
            kind: FrameKind::Mapping {
                awaiting_key, key, ..
            },
            ..
        }) = self.frames.last_mut()
        {
            *awaiting_key = true;
            *key = None;
        }
    }

    fn close(&mut self, span: Span) -> Result<(), Problem> {
        let Some(frame) = self.frames.pop() else {
            return Err(Problem::syntax(
                span,
                "a collection ends that never started",
            ));
        };
        self.json.push(match frame.kind {
            FrameKind::Mapping { .. } => '}',
            FrameKind::Sequence { .. } => ']',
        });
        self.pointer.truncate(frame.pointer_len);
        if let Some(place) = self.places.get_mut(&self.pointer) {
            place.value = Span::new(frame.start, span.end.max(frame.start));
        }
        if let Some(&(_, json_start, depth)) = self.open_anchors.last()
            && depth == self.frames.len()
        {
            let (anchor, ..) = self.open_anchors.pop().unwrap_or_default();
            let text = self.json.get(json_start..).unwrap_or_default().to_owned();
            self.anchors.insert(anchor, text);
        }
        self.end_value();
        Ok(())
    }
}

/// A problem the YAML parser found.
fn scan_problem(error: &saphyr_parser::ScanError, offsets: &CharOffsets<'_>) -> Problem {
    let span = offsets.span_at(*error.marker());
    // The parser has a nesting limit of its own, a little below ours.
    if error.info().contains("recursion limit") {
        return Problem {
            kind: ParseIssueKind::TooDeep,
            span,
            message: "mappings and sequences nest too deeply to be read safely".to_owned(),
            hint: None,
        };
    }
    Problem::syntax(
        span,
        format!("the text is not valid YAML: {}", error.info()),
    )
}

/// The JSON literal a scalar stands for, after YAML 1.2's core schema.
fn scalar(
    value: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: Span,
) -> Result<String, Problem> {
    let resolved = match tag {
        Some(tag) if tag.is_yaml_core_schema() => match tag.suffix.as_str() {
            "str" => Resolved::String,
            "null" => Resolved::Null,
            "bool" => Resolved::Bool,
            "int" => Resolved::Int,
            "float" => Resolved::Float,
            _ => return Err(unsupported_tag(tag, span)),
        },
        // The non-specific tag `!` makes a plain scalar a string, as in the core schema
        // (the parser gives it an empty handle and the suffix `!`).
        Some(tag) if tag.handle.is_empty() && tag.suffix == "!" => Resolved::String,
        Some(tag) => return Err(unsupported_tag(tag, span)),
        None if style != ScalarStyle::Plain => Resolved::String,
        None => resolve_plain(value),
    };
    let not = |what: &str| {
        Problem::syntax(
            span,
            format!("`{}` is not {what}", crate::shorten::shorten(value, 80)),
        )
    };
    match resolved {
        Resolved::String => Ok(json_string(value)),
        Resolved::Null => match value {
            "" | "~" | "null" | "Null" | "NULL" => Ok("null".to_owned()),
            _ => Err(not("a null")),
        },
        Resolved::Bool => match value {
            "true" | "True" | "TRUE" => Ok("true".to_owned()),
            "false" | "False" | "FALSE" => Ok("false".to_owned()),
            _ => Err(not("a boolean")),
        },
        Resolved::Int => integer(value).ok_or_else(|| not("an integer")),
        Resolved::Float => float(value, span)?.ok_or_else(|| not("a number")),
    }
}

/// What a scalar is.
enum Resolved {
    String,
    Null,
    Bool,
    Int,
    Float,
}

/// The core schema's reading of a plain scalar.
fn resolve_plain(value: &str) -> Resolved {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return Resolved::Bool,
        _ => {}
    }
    if integer(value).is_some() {
        Resolved::Int
    } else if is_float(value) {
        Resolved::Float
    } else {
        Resolved::String
    }
}

/// A core-schema integer as JSON: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
fn integer(value: &str) -> Option<String> {
    if let Some(octal) = value.strip_prefix("0o") {
        return u128::from_str_radix(octal, 8).ok().map(|n| n.to_string());
    }
    if let Some(hex) = value.strip_prefix("0x") {
        return u128::from_str_radix(hex, 16).ok().map(|n| n.to_string());
    }
    let (sign, digits) = match value.as_bytes().first() {
        Some(b'-') => ("-", value.get(1..)?),
        Some(b'+') => ("", value.get(1..)?),
        _ => ("", value),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // JSON has no leading zeros; the digits are kept otherwise, however many.
    let trimmed = digits.trim_start_matches('0');
    let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
    let sign = if trimmed == "0" { "" } else { sign };
    Some(format!("{sign}{trimmed}"))
}

/// Whether a plain scalar is a core-schema float:
/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, or `.inf`/`.nan` forms.
fn is_float(value: &str) -> bool {
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(value, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        Some(fraction) => {
            digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty())
        }
        None => !whole.is_empty() && digits(whole),
    };
    let exponent_ok = exponent.is_none_or(|exponent| {
        let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        !exponent.is_empty() && digits(exponent)
    });
    mantissa_ok && exponent_ok
}

/// A core-schema float as a JSON number (`None` when it is not one); infinities and NaN,
/// which JSON cannot hold, are refused.
fn float(value: &str, span: Span) -> Result<Option<String>, Problem> {
    if !is_float(value) {
        return Ok(None);
    }
    let negative = value.starts_with('-');
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    if unsigned.starts_with('.') && unsigned.len() > 1 && !unsigned.as_bytes()[1].is_ascii_digit() {
        return Err(Problem::syntax(
            span,
            format!("`{value}` (infinity or not-a-number) has no JSON equivalent"),
        ));
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], &unsigned[at..]),
        None => (unsigned, ""),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction = if mantissa.contains('.') {
        if fraction.is_empty() {
            ".0".to_owned()
        } else {
            format!(".{fraction}")
        }
    } else {
        String::new()
    };
    let sign = if negative { "-" } else { "" };
    Ok(Some(format!("{sign}{whole}{fraction}{exponent}")))
}

/// A string as a JSON string literal.
fn json_string(value: &str) -> String {
    // Serializing a string cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// Where a scalar's characters start in the text when they are exactly its value.
fn verbatim_start(text: &str, span: Span, value: &str, style: ScalarStyle) -> Option<usize> {
    let source = text.get(span.start..span.end)?;
    match style {
        ScalarStyle::Plain => (source == value).then_some(span.start),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
            let inner = source.get(1..source.len().checked_sub(1)?)?;
            (inner == value).then_some(span.start + 1)
        }
        _ => None,
    }
}

fn unsupported_tag(tag: &Tag, span: Span) -> Problem {
    Problem::syntax(
        span,
        format!("the tag `{tag}` has no JSON equivalent"),
    )
    .with_hint(
        "CloudFormation tags such as `!Ref` and `!Sub` belong in the template; in the definition use `${Name}` placeholders and `DefinitionSubstitutions`",
    )
}

#[cfg(test)]
mod tests;
