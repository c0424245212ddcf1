//! YAML definitions (SAM's `statemachine/*.asl.yaml`): read as the JSON they stand for,
//! keeping where every value and key was, so that problems found in that JSON are reported
//! at their place in the YAML.
//!
//! YAML 1.2's core schema decides what a plain scalar is (`true`, `12`, `1.5`, `null`, `~`;
//! `yes` and `on` are strings, as in YAML 1.2 and unlike YAML 1.1); quoted scalars are
//! strings. Anchors and aliases are expanded. A merge key (`<<: *defaults`, YAML 1.1, which
//! the SAM transform's loader reads; plain, unquoted) copies the keys of the mapping it
//! names, or of each mapping of a list (earlier ones first), that the mapping does not set
//! itself; they are placed at the merge key's value. Aliases may expand the text to at most
//! 16 MiB of JSON (a few hundred bytes of nested aliases would otherwise stand for
//! gigabytes). What JSON cannot hold is refused with its
//! place: several documents, tags other than the core ones (`!Ref`, `!Sub`: CloudFormation
//! resolves those in templates, not in definitions), keys that are not scalars, `.inf` and
//! `.nan`, repeated keys. Templates are read in a mode of their own
//! ([`YamlDocument::parse_cloudformation`]) that reads CloudFormation's tags.

mod convert;
mod layout;
mod scalar;

use saphyr_parser::{Marker, Parser};

use super::{LineColumn, Span, line_column, line_starts};
use crate::error::{ParseError, ParseIssue, ParseIssueKind};
use crate::hash::FastMap;
use convert::{Converter, Tags, scan_problem};
use layout::{Layout, LineRun};

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
    /// The line tables of block scalars ([`Layout::Lines`]).
    lines: Vec<Vec<LineRun>>,
    line_starts: Vec<usize>,
    yaml_1_1: Vec<Yaml11Reading>,
    expansions: Vec<(String, Span)>,
}

/// A plain scalar that YAML 1.1 loaders read otherwise than YAML 1.2 (and this reader).
///
/// The SAM transform reads `DefinitionUri` files with PyYAML, a YAML 1.1 loader: there a
/// state named `No` is the boolean `false`, and `Seconds: 010` is 8.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::YamlDocument;
///
/// let document = YamlDocument::parse("States:\n  No: {Type: Succeed}\n")?;
/// let [reading] = document.yaml_1_1_readings() else { panic!("one") };
/// assert_eq!((reading.pointer.as_str(), reading.text.as_str()), ("/States/No", "No"));
/// assert_eq!(reading.read_as, r#"the string "No""#);
/// assert_eq!(reading.reading, "the boolean false");
/// assert!(reading.key);
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Yaml11Reading {
    /// The JSON pointer of the value, or of the member whose key it is.
    pub pointer: String,
    /// Where the scalar is in the YAML text.
    pub span: Span,
    /// The scalar as written.
    pub text: String,
    /// What YAML 1.2 (and this reader) reads it as (`the string "No"`, `the number 10`).
    pub read_as: String,
    /// What YAML 1.1 reads it as (`the boolean false`, `an octal number`).
    pub reading: &'static str,
    /// Whether the scalar is a mapping key.
    pub key: bool,
}

/// Where a value (and its key) is in the YAML text.
#[derive(Clone, Copy, Debug)]
pub(super) struct Place {
    value: Span,
    key: Option<Span>,
    /// How a scalar's characters write its value, to place a position inside it.
    layout: Layout,
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
    /// nesting deeper than [`MAX_DEPTH`](super::MAX_DEPTH) as [`ParseIssueKind::TooDeep`].
    /// Each with its place in `text`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::YamlDocument;
    ///
    /// let document = YamlDocument::parse("StartAt: A\nStates: {A: {Type: Succeed}}\n")?;
    /// assert_eq!(document.json(), r#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#);
    /// assert!(YamlDocument::parse("a: 1\na: 2\n").is_err()); // a repeated key
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        Self::parse_with(text, Tags::Core)
    }

    /// Reads a CloudFormation or SAM template: as [`parse`](Self::parse), except that the
    /// short forms of CloudFormation's functions are read as their long forms, the way
    /// CloudFormation reads them: `!Ref X` as `{"Ref": "X"}`, `!Condition C` as
    /// `{"Condition": "C"}`, and any other local tag `!Name value` as
    /// `{"Fn::Name": value}` (`!GetAtt A.B` as `{"Fn::GetAtt": "A.B"}`, `!Join [..]` as
    /// `{"Fn::Join": [..]}`). A tagged scalar is a string.
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse), except for local tags.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::YamlDocument;
    ///
    /// let yaml = "Arn: !GetAtt Charge.Arn\nName: !Join ['-', [!Ref Stage, orders]]\n";
    /// let document = YamlDocument::parse_cloudformation(yaml)?;
    /// assert_eq!(
    ///     document.json(),
    ///     r#"{"Arn":{"Fn::GetAtt":"Charge.Arn"},"Name":{"Fn::Join":["-",[{"Ref":"Stage"},"orders"]]}}"#
    /// );
    /// let span = document.locate("/Name/Fn::Join/1/0").expect("present");
    /// assert_eq!(&yaml[span.start..span.end], "!Ref Stage");
    ///
    /// // Definitions keep refusing them.
    /// assert!(YamlDocument::parse(yaml).is_err());
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    pub fn parse_cloudformation(text: &str) -> Result<Self, ParseError> {
        Self::parse_with(text, Tags::CloudFormation)
    }

    fn parse_with(text: &str, tags: Tags) -> Result<Self, ParseError> {
        let offsets = CharOffsets::new(text);
        let mut converter = Converter::new(&offsets, tags);
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
            lines: converter.lines,
            line_starts: line_starts(text),
            yaml_1_1: converter.yaml_1_1,
            expansions: converter.expansions,
        })
    }

    /// Where an alias (`*name`) or a merge key (`<<`) was expanded, in document order: the
    /// pointer of the value it gave (for a merge key, the mapping's) and its span in the
    /// YAML. CloudFormation accepts neither in templates.
    pub(crate) fn expansions(&self) -> &[(String, Span)] {
        &self.expansions
    }

    /// The plain scalars that YAML 1.1 loaders (such as the SAM transform) read otherwise,
    /// in document order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::YamlDocument;
    ///
    /// let document = YamlDocument::parse("Seconds: 010\nName: yes\n")?;
    /// let pointers: Vec<&str> = document.yaml_1_1_readings().iter().map(|reading| reading.pointer.as_str()).collect();
    /// assert_eq!(pointers, ["/Seconds", "/Name"]);
    /// assert!(YamlDocument::parse("Seconds: 10\n")?.yaml_1_1_readings().is_empty());
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn yaml_1_1_readings(&self) -> &[Yaml11Reading] {
        &self.yaml_1_1
    }

    /// The YAML text.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::YamlDocument;
    ///
    /// let yaml = "# a comment\nStartAt: A\n";
    /// assert_eq!(YamlDocument::parse(yaml)?.text(), yaml);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The JSON text the YAML stands for (compact, keys in YAML order).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::YamlDocument;
    ///
    /// let document = YamlDocument::parse("b: [1, two]\na: null\n")?;
    /// assert_eq!(document.json(), r#"{"b":[1,"two"],"a":null}"#); // YAML order kept
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn json(&self) -> &str {
        &self.json
    }

    /// The YAML span of the value at a JSON pointer, or `None` when nothing is there.
    /// Values brought in by an alias are located at the alias.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::YamlDocument;
    ///
    /// let yaml = "States:\n  A:\n    Type: Pass\n";
    /// let document = YamlDocument::parse(yaml)?;
    /// let span = document.locate("/States/A/Type").map(|span| &yaml[span.start..span.end]);
    /// assert_eq!(span, Some("Pass"));
    /// assert_eq!(document.locate("/States/B"), None);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn locate(&self, pointer: &str) -> Option<Span> {
        self.places.get(pointer).map(|place| place.value)
    }

    /// The YAML span of the key of the member at `pointer`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::YamlDocument;
    ///
    /// let yaml = "States:\n  A:\n    Nxt: B\n";
    /// let document = YamlDocument::parse(yaml)?;
    /// let key = document.locate_key("/States/A/Nxt").map(|span| &yaml[span.start..span.end]);
    /// assert_eq!(key, Some("Nxt"));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn locate_key(&self, pointer: &str) -> Option<Span> {
        self.places.get(pointer).and_then(|place| place.key)
    }

    /// Whether the scalar at `pointer` is written plain (`Seconds: ${Delay}`): not quoted,
    /// not a block scalar, not tagged. A deployment that replaces the text of a plain
    /// scalar's placeholder has the YAML read what it writes (`5`, a number).
    pub(crate) fn is_plain_scalar(&self, pointer: &str) -> bool {
        self.locate(pointer)
            .and_then(|span| self.text.get(span.start..span.end))
            .is_some_and(|written| !written.starts_with(['"', '\'', '|', '>', '!']))
    }

    /// The YAML span `offset` bytes into the string value at `pointer`, when the YAML
    /// writes that string character for character (plain, quoted without escapes, or a
    /// block scalar's lines); otherwise the whole value.
    pub(crate) fn locate_inside(&self, pointer: &str, offset: usize) -> Option<Span> {
        let place = self.places.get(pointer)?;
        Some(layout::inside(place.layout, place.value, &self.lines, offset).unwrap_or(place.value))
    }

    /// The line and column (in characters) of a byte offset in the YAML text.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::YamlDocument;
    ///
    /// let document = YamlDocument::parse("States:\n  A:\n    Type: Pass\n")?;
    /// let at = document.locate("/States/A/Type").map(|span| document.line_column(span.start));
    /// assert_eq!(at.map(|at| (at.line, at.column)), Some((3, 11)));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn line_column(&self, offset: usize) -> LineColumn {
        line_column(&self.text, &self.line_starts, offset)
    }

    /// Moves the issues of reading [`json`](Self::json) to their places in the YAML.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::source::YamlDocument;
    ///
    /// let document = YamlDocument::parse("StartAt: A\nStates:\n  A:\n    Type: Pass\n    Nxt: B\n    End: true\n")?;
    /// let error = StateMachine::from_json(document.json()).unwrap_err();
    /// let relocated = document.relocate_error(&error);
    /// let issue = &relocated.issues()[0];
    /// assert_eq!((issue.pointer.as_str(), issue.line), ("/States/A/Nxt", 5)); // a line of the YAML
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
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
pub(super) struct CharOffsets<'a> {
    pub(super) text: &'a str,
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
pub(super) struct Problem {
    kind: ParseIssueKind,
    span: Span,
    message: String,
    hint: Option<String>,
}

impl Problem {
    pub(super) fn syntax(span: Span, message: impl Into<String>) -> Self {
        Self {
            kind: ParseIssueKind::Yaml,
            span,
            message: message.into(),
            hint: None,
        }
    }

    pub(super) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn into_error(self, text: &str, pointer: &str) -> ParseError {
        let position = line_column(text, &line_starts(text), self.span.start);
        let mut issue = ParseIssue::new(self.kind, pointer.to_owned(), self.span, self.message);
        issue.line = position.line;
        issue.column = position.column;
        if let Some(hint) = self.hint {
            issue = issue.with_hint(hint);
        }
        ParseError::new(vec![issue])
    }
}

#[cfg(test)]
mod tests;
