//! Walking the YAML parser's events: JSON text out, the place of every value kept.

use saphyr_parser::{Event, ScalarStyle, Tag};

use super::layout::{Layout, LineRun, layout};
use super::scalar::{json_string, scalar, unsupported_tag, yaml_1_1_reading};
use super::{CharOffsets, Place, Problem, Yaml11Reading};
use crate::error::ParseIssueKind;
use crate::hash::FastMap;
use crate::source::{MAX_DEPTH, Span, escape_pointer_segment};

/// How much JSON aliases may expand the text to: well above the 1 MiB definition quota,
/// far below what would exhaust memory.
const MAX_EXPANDED_JSON: usize = 16 << 20;

/// An open mapping or sequence.
struct Frame {
    /// The pointer of the collection itself (the length of `Converter::pointer` for it).
    pointer_len: usize,
    /// Where the collection's value starts (for its place, completed at its end).
    start: usize,
    kind: FrameKind,
    /// For a tagged collection read as a CloudFormation function (`!Join [..]`): the
    /// pointer length of the `{"Fn::Join": ..}` object around it, closed with it.
    wrapper: Option<usize>,
}

/// What a tag other than the core schema's means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tags {
    /// Refused: a definition has no use for them.
    Core,
    /// CloudFormation short forms: `!Ref X` is `{"Ref": "X"}`, `!Name v` is
    /// `{"Fn::Name": v}`, as CloudFormation reads them.
    CloudFormation,
}

enum FrameKind {
    Mapping {
        /// The keys seen, to refuse a repeated one.
        keys: FastMap<String, Span>,
        /// Whether the next node is a key (else the value of the key before it).
        awaiting_key: bool,
        /// The key of the value being read, with its span.
        key: Option<Span>,
        /// The mapping's merge key (`<<`), once seen.
        merge: Option<Merge>,
    },
    Sequence {
        next_index: usize,
    },
}

/// A merge key (`<<: *defaults`, YAML 1.1) of a mapping: its value is written to the JSON
/// like any other, then taken back out, and the keys it holds that the mapping does not
/// set itself are written where the merge key stood when the mapping ends.
struct Merge {
    /// Where the merged keys go in the JSON (where the merge key would have been written).
    at: usize,
    /// How many keys of the mapping come before the merge key (a comma goes before the
    /// merged keys when there are some).
    after_keys: usize,
    /// The merge key's span, and its value's once read.
    key: Span,
    value: Option<Span>,
    /// The mappings to merge, as JSON objects, in order of precedence.
    sources: Vec<String>,
}

/// Walks the parser's events, writing JSON and recording places.
pub(super) struct Converter<'o> {
    pub(super) offsets: &'o CharOffsets<'o>,
    pub(super) json: String,
    pub(super) places: FastMap<String, Place>,
    /// The line tables of block scalars ([`Layout::Lines`]).
    pub(super) lines: Vec<Vec<LineRun>>,
    /// The pointer of the node being read.
    pub(super) pointer: String,
    frames: Vec<Frame>,
    /// The JSON text of every anchored node, by anchor id.
    anchors: FastMap<usize, String>,
    /// The length of all those texts together.
    anchor_bytes: usize,
    /// Anchored collections being read: (anchor id, where their JSON starts).
    open_anchors: Vec<(usize, usize, usize)>,
    documents: usize,
    /// Plain scalars YAML 1.1 loaders read otherwise.
    pub(super) yaml_1_1: Vec<Yaml11Reading>,
    /// Where an alias or a merge key was expanded: the pointer of the value it gave, and
    /// its span (CloudFormation accepts neither in templates).
    pub(super) expansions: Vec<(String, Span)>,
    tags: Tags,
}

impl<'o> Converter<'o> {
    pub(super) fn new(offsets: &'o CharOffsets<'o>, tags: Tags) -> Self {
        Self {
            offsets,
            json: String::with_capacity(offsets.text.len()),
            places: FastMap::default(),
            lines: Vec::new(),
            pointer: String::new(),
            frames: Vec::new(),
            anchors: FastMap::default(),
            anchor_bytes: 0,
            open_anchors: Vec::new(),
            documents: 0,
            yaml_1_1: Vec::new(),
            expansions: Vec::new(),
            tags,
        }
    }

    /// The key of the CloudFormation function a local tag (`!Sub`) stands for, when such
    /// tags are read.
    fn function(&self, tag: Option<&Tag>) -> Option<String> {
        let tag = tag?;
        let local = tag.handle == "!" && !tag.suffix.is_empty() && tag.suffix != "!";
        if self.tags != Tags::CloudFormation || !local {
            return None;
        }
        Some(match tag.suffix.as_str() {
            "Ref" | "Condition" => tag.suffix.clone(),
            name => format!("Fn::{name}"),
        })
    }

    /// Opens the `{"Fn::Name":` object a function tag stands for, at the current pointer
    /// (which then points at its argument); gives the pointer length to close it at.
    fn open_function(&mut self, function: &str, span: Span) -> usize {
        self.record(span, Layout::Unknown, false);
        self.json.push('{');
        self.json.push_str(&json_string(function));
        self.json.push(':');
        let length = self.pointer.len();
        self.pointer.push('/');
        self.pointer.push_str(&escape_pointer_segment(function));
        length
    }

    /// A tagged scalar read as a CloudFormation function: `!Ref X` is `{"Ref":"X"}`.
    fn function_scalar(
        &mut self,
        function: &str,
        value: &str,
        style: ScalarStyle,
        anchor: usize,
        span: Span,
    ) -> Result<(), Problem> {
        self.begin_value(span)?;
        let start = self.json.len();
        let length = self.open_function(function, span);
        self.json.push_str(&json_string(value));
        // The argument is the scalar after its tag and the blanks that follow it.
        let argument = self
            .offsets
            .text
            .get(span.start..span.end)
            .and_then(|source| {
                let tag_end = source.find(char::is_whitespace)?;
                let blanks = source.get(tag_end..)?;
                let skipped = blanks.len() - blanks.trim_start().len();
                Some(Span::new(span.start + tag_end + skipped, span.end))
            })
            .filter(|argument| argument.start < argument.end)
            .unwrap_or(span);
        let layout = layout(self.offsets.text, argument, value, style, &mut self.lines);
        self.places.insert(
            self.pointer.clone(),
            Place {
                value: argument,
                key: None,
                layout,
                collection: false,
            },
        );
        self.pointer.truncate(length);
        self.json.push('}');
        if anchor > 0 {
            self.keep_anchor(anchor, start, span)?;
        }
        self.end_value()
    }

    pub(super) fn event(
        &mut self,
        event: Event<'_>,
        span: saphyr_parser::Span,
    ) -> Result<(), Problem> {
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
                let yaml_1_1 = (style == ScalarStyle::Plain && tag.is_none())
                    .then(|| yaml_1_1_reading(&value))
                    .flatten();
                if self.is_key_next() {
                    if style == ScalarStyle::Plain && tag.is_none() && value == "<<" {
                        return self.merge_key(span);
                    }
                    self.key(&value, span)?;
                    self.note_yaml_1_1(yaml_1_1, &value, span, None);
                    return Ok(());
                }
                if let Some(function) = self.function(tag.as_deref()) {
                    return self.function_scalar(&function, &value, style, anchor, span);
                }
                self.begin_value(span)?;
                let literal = scalar(&value, style, tag.as_deref(), span)?;
                self.note_yaml_1_1(yaml_1_1, &value, span, Some(&literal));
                let start = self.json.len();
                self.json.push_str(&literal);
                if anchor > 0 {
                    self.keep_anchor(anchor, start, span)?;
                }
                let layout = layout(self.offsets.text, span, &value, style, &mut self.lines);
                self.record(span, layout, false);
                self.end_value()
            }
            Event::Alias(anchor) => {
                if self.is_key_next() {
                    return Err(Problem::syntax(span, "an alias cannot be a key here"));
                }
                self.begin_value(span)?;
                let Some(text) = self.anchors.get(&anchor) else {
                    // An anchor still open holds the alias itself: it would stand for
                    // a value containing itself, which JSON cannot write.
                    let message = if self.open_anchors.iter().any(|open| open.0 == anchor) {
                        "the alias stands for a value that contains the alias itself (a recursive alias), which JSON cannot hold"
                    } else {
                        "the alias names no anchor before it"
                    };
                    return Err(Problem::syntax(span, message));
                };
                // Aliases of aliases grow exponentially ("billion laughs": 430 bytes of YAML
                // can stand for gigabytes of JSON); a definition AWS accepts is 1 MiB.
                if self.json.len() + text.len() > MAX_EXPANDED_JSON {
                    return Err(Problem::syntax(
                        span,
                        format!(
                            "aliases expand the text to more than {} MiB of JSON; AWS accepts definitions of at most 1 MiB",
                            MAX_EXPANDED_JSON >> 20
                        ),
                    ));
                }
                let text = text.clone();
                self.json.push_str(&text);
                self.record(span, Layout::Unknown, false);
                // An alias that a merge key names is told with the merge key.
                if !self.pointer.ends_with("/<<") && !self.pointer.contains("/<</") {
                    self.expansions.push((self.pointer.clone(), span));
                }
                self.end_value()
            }
            Event::MappingStart(anchor, tag) => self.open(true, anchor, tag.as_deref(), span),
            Event::SequenceStart(anchor, tag) => self.open(false, anchor, tag.as_deref(), span),
            Event::MappingEnd | Event::SequenceEnd => self.close(span),
        }
    }

    /// Keeps a plain scalar that YAML 1.1 reads as `reading`: a key, or a value written
    /// as the JSON `literal`.
    fn note_yaml_1_1(
        &mut self,
        reading: Option<&'static str>,
        value: &str,
        span: Span,
        literal: Option<&str>,
    ) {
        let Some(reading) = reading else {
            return;
        };
        let read_as = match literal {
            Some(literal) if !literal.starts_with('"') => format!("the number {literal}"),
            _ => format!("the string \"{value}\""),
        };
        self.yaml_1_1.push(Yaml11Reading {
            pointer: self.pointer.clone(),
            span,
            text: value.to_owned(),
            read_as,
            reading,
            key: literal.is_none(),
        });
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
        let function = self.function(tag);
        if let Some(tag) = tag
            && function.is_none()
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
        if anchor > 0 {
            self.open_anchors
                .push((anchor, self.json.len(), self.frames.len()));
        }
        let wrapper = function.map(|function| self.open_function(&function, span));
        self.record(span, Layout::Unknown, true);
        self.json.push(if mapping { '{' } else { '[' });
        let kind = if mapping {
            FrameKind::Mapping {
                keys: FastMap::default(),
                awaiting_key: true,
                key: None,
                merge: None,
            }
        } else {
            FrameKind::Sequence { next_index: 0 }
        };
        self.frames.push(Frame {
            pointer_len: self.pointer.len(),
            start: span.start,
            kind,
            wrapper,
        });
        Ok(())
    }

    pub(super) fn finish(&mut self) -> Result<(), Problem> {
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
                    ..
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
    fn record(&mut self, value: Span, layout: Layout, collection: bool) {
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
                layout,
                collection,
            },
        );
    }

    /// After a value: the mapping it is in awaits its next key; the value of a merge key
    /// is taken back out of the JSON, to be merged when the mapping ends.
    fn end_value(&mut self) -> Result<(), Problem> {
        let Some(Frame {
            pointer_len,
            kind:
                FrameKind::Mapping {
                    awaiting_key,
                    key,
                    merge,
                    ..
                },
            ..
        }) = self.frames.last_mut()
        else {
            return Ok(());
        };
        *awaiting_key = true;
        *key = None;
        let Some(merge) = merge.as_mut().filter(|merge| merge.value.is_none()) else {
            return Ok(());
        };
        let text = self.json.split_off(merge.at);
        let value_pointer = format!("{}/<<", &self.pointer[..*pointer_len]);
        let value_span = self
            .places
            .get(&value_pointer)
            .map_or(merge.key, |place| place.value);
        merge.value = Some(value_span);
        // The merge key's own places go: its keys are placed where they are merged.
        self.places.retain(|pointer, _| {
            !(pointer.starts_with(&value_pointer)
                && matches!(
                    pointer.as_bytes().get(value_pointer.len()),
                    None | Some(b'/')
                ))
        });
        merge.sources = merge_sources(&text).ok_or_else(|| {
            Problem::syntax(
                value_span,
                "a merge key (`<<`) takes a mapping, or a list of mappings, whose keys it copies",
            )
        })?;
        Ok(())
    }

    /// A merge key (`<<`, YAML 1.1, which SAM's loader reads): the keys of the mapping (or
    /// mappings) it names are copied into this one, where it does not set them itself.
    fn merge_key(&mut self, span: Span) -> Result<(), Problem> {
        let at = self.json.len();
        let Some(Frame {
            pointer_len,
            kind:
                FrameKind::Mapping {
                    keys,
                    awaiting_key,
                    key,
                    merge,
                },
            ..
        }) = self.frames.last_mut()
        else {
            return Ok(());
        };
        if merge.is_some() {
            return Err(Problem {
                kind: ParseIssueKind::DuplicateKey,
                span,
                message: "the merge key `<<` appears twice in this mapping".to_owned(),
                hint: Some(
                    "merge several mappings with one key: `<<: [*first, *second]`".to_owned(),
                ),
            });
        }
        *merge = Some(Merge {
            at,
            after_keys: keys.len(),
            key: span,
            value: None,
            sources: Vec::new(),
        });
        *awaiting_key = false;
        *key = Some(span);
        self.pointer.truncate(*pointer_len);
        self.expansions.push((self.pointer.clone(), span));
        self.pointer.push_str("/<<");
        Ok(())
    }

    /// Writes the merged keys of the mapping that ends (the keys it sets itself win), at
    /// the place of its merge key.
    fn write_merge(&mut self, keys: &FastMap<String, Span>, merge: &Merge) {
        let mut merged: Vec<(String, &str)> = Vec::new();
        let mut texts = Vec::new();
        for source in &merge.sources {
            if let Ok(document) = crate::source::Document::parse(source) {
                texts.push((document, source));
            }
        }
        let mut seen = crate::hash::FastSet::default();
        for (document, source) in &texts {
            let Some(members) = document.root().as_object() else {
                continue;
            };
            for member in members.iter() {
                let name = member.key.into_owned();
                if keys.contains_key(&name) || seen.contains(&name) {
                    continue;
                }
                let span = member.value.span();
                let value = source.get(span.start..span.end).unwrap_or("null");
                seen.insert(name.clone());
                merged.push((name, value));
            }
        }
        if merged.is_empty() {
            return;
        }
        let mut text = String::new();
        if merge.after_keys > 0 {
            text.push(',');
        }
        let value_span = merge.value.unwrap_or(merge.key);
        for (index, (name, value)) in merged.iter().enumerate() {
            if index > 0 {
                text.push(',');
            }
            text.push_str(&json_string(name));
            text.push(':');
            text.push_str(value);
            let mut pointer = self.pointer.clone();
            pointer.push('/');
            pointer.push_str(&escape_pointer_segment(name));
            self.places.insert(
                pointer,
                Place {
                    value: value_span,
                    key: Some(merge.key),
                    layout: Layout::Unknown,
                    collection: value.starts_with(['{', '[']),
                },
            );
        }
        // A key after the merge key wrote its comma itself, unless none came before it.
        if merge.after_keys == 0 && !keys.is_empty() {
            text.push(',');
        }
        self.json.insert_str(merge.at, &text);
    }

    fn close(&mut self, span: Span) -> Result<(), Problem> {
        let Some(frame) = self.frames.pop() else {
            return Err(Problem::syntax(
                span,
                "a collection ends that never started",
            ));
        };
        self.pointer.truncate(frame.pointer_len);
        match frame.kind {
            FrameKind::Mapping { keys, merge, .. } => {
                if let Some(merge) = merge {
                    self.write_merge(&keys, &merge);
                }
                self.json.push('}');
            }
            FrameKind::Sequence { .. } => self.json.push(']'),
        }
        let whole = Span::new(frame.start, span.end.max(frame.start));
        if let Some(place) = self.places.get_mut(&self.pointer) {
            place.value = whole;
        }
        if let Some(length) = frame.wrapper {
            self.json.push('}');
            self.pointer.truncate(length);
            if let Some(place) = self.places.get_mut(&self.pointer) {
                place.value = whole;
            }
        }
        if let Some(&(_, json_start, depth)) = self.open_anchors.last()
            && depth == self.frames.len()
        {
            let (anchor, ..) = self.open_anchors.pop().unwrap_or_default();
            self.keep_anchor(anchor, json_start, span)?;
        }
        self.end_value()
    }

    /// Keeps the JSON written since `start` as the text of `anchor`. Nested anchors each
    /// keep a copy, so the copies count against the same bound as the expanded text.
    fn keep_anchor(&mut self, anchor: usize, start: usize, span: Span) -> Result<(), Problem> {
        let text = self.json.get(start..).unwrap_or_default();
        self.anchor_bytes += text.len();
        if self.anchor_bytes > MAX_EXPANDED_JSON {
            return Err(Problem::syntax(
                span,
                format!(
                    "the anchors hold more than {} MiB of JSON; AWS accepts definitions of at most 1 MiB",
                    MAX_EXPANDED_JSON >> 20
                ),
            ));
        }
        self.anchors.insert(anchor, text.to_owned());
        Ok(())
    }
}

/// The mappings a merge key's value names, in order of precedence: the mapping itself, or
/// each mapping of a list of them; `None` for anything else.
fn merge_sources(json: &str) -> Option<Vec<String>> {
    let document = crate::source::Document::parse(json).ok()?;
    let root = document.root();
    if root.as_object().is_some() {
        return Some(vec![json.to_owned()]);
    }
    let items = root.as_array()?;
    items
        .iter()
        .map(|item| {
            item.as_object()?;
            let span = item.span();
            json.get(span.start..span.end).map(str::to_owned)
        })
        .collect()
}

/// A problem the YAML parser found.
pub(super) fn scan_problem(error: &saphyr_parser::ScanError, offsets: &CharOffsets<'_>) -> Problem {
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
    let problem = Problem::syntax(
        span,
        format!("the text is not valid YAML: {}", error.info()),
    );
    // `{% … %}` unquoted: the `{` opened a flow mapping, and the `%` cannot follow it.
    let text = offsets.text;
    let jsonata = text
        .get(span.start..)
        .is_some_and(|rest| rest.starts_with('%'))
        && text
            .get(..span.start)
            .is_some_and(|before| before.ends_with('{'));
    if jsonata {
        problem.with_hint(
            "quote JSONata expressions in YAML (`Output: \"{% $states.input %}\"`): a bare `{` starts a mapping",
        )
    } else {
        problem
    }
}
