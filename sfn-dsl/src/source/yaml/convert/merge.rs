//! Merge keys (`<<: *defaults`, YAML 1.1): the keys a mapping copies from the mappings its
//! merge key names.

use super::{Converter, Frame, FrameKind, Merge};
use crate::error::ParseIssueKind;
use crate::hash::FastMap;
use crate::source::yaml::layout::Layout;
use crate::source::yaml::scalar::json_string;
use crate::source::yaml::{Place, Problem};
use crate::source::{Span, escape_pointer_segment};

impl Converter<'_> {
    /// A merge key (`<<`, YAML 1.1, which SAM's loader reads): the keys of the mapping (or
    /// mappings) it names are copied into this one, where it does not set them itself.
    pub(super) fn merge_key(&mut self, span: Span) -> Result<(), Problem> {
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
            self.pointer.truncate(*pointer_len);
            self.pointer.push_str("/<<");
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
    pub(super) fn write_merge(&mut self, keys: &FastMap<String, Span>, merge: &Merge) {
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
}

/// The mappings a merge key's value names, in order of precedence: the mapping itself, or
/// each mapping of a list of them; `None` for anything else.
pub(super) fn merge_sources(json: &str) -> Option<Vec<String>> {
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
