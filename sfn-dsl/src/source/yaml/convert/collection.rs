//! Mappings and sequences: opening and closing them, their keys, and where each value
//! inside them goes.

use saphyr_parser::Tag;

use super::merge::merge_sources;
use super::{Converter, Frame, FrameKind};
use crate::error::ParseIssueKind;
use crate::hash::FastMap;
use crate::source::yaml::Problem;
use crate::source::yaml::layout::Layout;
use crate::source::yaml::scalar::{json_string, unsupported_tag};
use crate::source::{MAX_DEPTH, Span, escape_pointer_segment};

impl Converter<'_> {
    /// A mapping (`mapping`) or sequence starts.
    pub(super) fn open(
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
        self.point_at_next();
        Ok(())
    }

    /// Points at the node the next event stands for: the next element of a sequence, or a
    /// mapping itself while its next key is unread. A syntax error the parser finds before
    /// that event is then reported at the node it is in, not at the one before it.
    fn point_at_next(&mut self) {
        match self.frames.last() {
            Some(Frame {
                pointer_len,
                kind: FrameKind::Sequence { next_index },
                ..
            }) => {
                self.pointer.truncate(*pointer_len);
                self.pointer.push('/');
                self.pointer.push_str(&next_index.to_string());
            }
            Some(Frame {
                pointer_len,
                kind: FrameKind::Mapping { .. },
                ..
            }) => self.pointer.truncate(*pointer_len),
            None => {}
        }
    }

    pub(super) fn is_key_next(&self) -> bool {
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
    pub(super) fn key(&mut self, value: &str, span: Span) -> Result<(), Problem> {
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
            // Reported at the member whose key is repeated, as in JSON.
            self.pointer.truncate(*pointer_len);
            self.pointer.push('/');
            self.pointer.push_str(&escape_pointer_segment(value));
            return Err(Problem {
                kind: ParseIssueKind::DuplicateKey,
                span,
                message: format!(
                    "the key `{}` appears twice in this mapping",
                    crate::shorten::quoted(value)
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
    pub(super) fn begin_value(&mut self, span: Span) -> Result<(), Problem> {
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

    /// After a value: the pointer moves to the node that comes next.
    pub(super) fn end_value(&mut self) -> Result<(), Problem> {
        self.take_merge_value()?;
        self.point_at_next();
        Ok(())
    }

    /// After a value in a mapping: the mapping awaits its next key; the value of a merge
    /// key is taken back out of the JSON, to be merged when the mapping ends.
    fn take_merge_value(&mut self) -> Result<(), Problem> {
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

    pub(super) fn close(&mut self, span: Span) -> Result<(), Problem> {
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
}
