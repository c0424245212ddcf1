//! Walking the YAML parser's events: JSON text out, the place of every value kept.

mod collection;
mod function;
mod merge;
mod scan_error;

use saphyr_parser::{Event, ScalarStyle};

use super::layout::{Layout, LineRun, layout};
use super::scalar::{scalar, yaml_1_1_reading};
use super::{CharOffsets, Place, Problem, Yaml11Reading};
use crate::hash::FastMap;
use crate::source::Span;

pub(super) use scan_error::scan_problem;

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

    pub(super) fn finish(&mut self) -> Result<(), Problem> {
        if self.documents == 0 || self.json.is_empty() {
            return Err(Problem::syntax(
                Span::new(0, 0),
                "the text holds no YAML document",
            ));
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
