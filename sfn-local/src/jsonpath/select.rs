//! The path walker: Jayway's evaluation rules, which AWS follows.
//!
//! A *definite* path (names and single indexes only) yields one value, and fails when it
//! finds nothing; a missing intermediate member or a step applied to the wrong kind of value
//! is an error with Jayway's message. An *indefinite* path yields the list of everything it
//! found and never fails for want of data: AWS returns `[]` for `$.items[*]`,
//! `$.items[1:5].itemValue` or `$.item.items[:1]` on `{}` (recorded:
//! `test_json_path_array_wildcard_or_slice_with_no_input`, eleven paths), where Jayway
//! itself would report the missing `items`.

use std::borrow::Cow;
use std::cell::Cell;

use serde_json::{Map, Value};
use sfn_dsl::expr::jsonpath::{Filter, Segment, Selector, Slice};

use super::PathError;
use super::filter;
use super::function;
use super::message::{self, Prefix};
use crate::data::java::{java_class, to_java_string};

/// How many nodes one evaluation may visit, filters included. Paths such as `$..*..*..*`
/// grow with a power of the document size; this bound turns them into an error instead of
/// an endless computation.
pub(crate) const MAX_VISITS: usize = 1_000_000;

/// The visits left to one evaluation.
pub(super) struct Budget(Cell<usize>);

impl Budget {
    pub(super) fn new() -> Self {
        Self(Cell::new(MAX_VISITS))
    }

    pub(super) fn spend(&self) -> Result<(), PathError> {
        match self.0.get().checked_sub(1) {
            Some(left) => {
                self.0.set(left);
                Ok(())
            }
            None => Err(PathError::new(format!(
                "The path visits more than {MAX_VISITS} nodes"
            ))),
        }
    }

    pub(super) fn is_exhausted(&self) -> bool {
        self.0.get() == 0
    }
}

/// One evaluation of a path's steps over a document.
pub(super) struct Walk<'s, 'a> {
    /// The visits left.
    budget: &'s Budget,
    /// The steps, without a trailing function.
    segments: &'s [Segment],
    /// The root of the document, for `$` inside filters.
    document: &'a Value,
    /// Whether failures are errors (top-level paths) or skipped (paths inside filters).
    strict: bool,
    /// Whether the path is definite. Jayway's "path not found" failures (missing member,
    /// `null` or wrong kind of value on the way) make an indefinite path find nothing.
    definite: bool,
    /// How the path's root is printed in messages.
    root_label: &'s str,
}

/// The values a path selected, and whether it was definite (a single value expected).
pub(super) struct Selection<'a> {
    pub(super) values: Vec<Cow<'a, Value>>,
    pub(super) definite: bool,
}

/// Walks `segments` from `start` (which is the document root).
pub(super) fn select<'a>(
    start: &'a Value,
    segments: &[Segment],
    root_label: &str,
) -> Result<Selection<'a>, PathError> {
    select_in(start, start, segments, root_label, true, &Budget::new())
}

/// Walks `segments` from `start`, with `document` as the root for `$` in filters.
pub(super) fn select_in<'a>(
    start: &'a Value,
    document: &'a Value,
    segments: &[Segment],
    root_label: &str,
    strict: bool,
    budget: &Budget,
) -> Result<Selection<'a>, PathError> {
    let (body, function) = match segments.split_last() {
        Some((Segment::Function(function), body)) => (body, Some(*function)),
        _ => (segments, None),
    };
    let definite = is_definite(body);
    let walk = Walk {
        budget,
        segments: body,
        document,
        strict,
        definite,
        root_label,
    };
    let mut values = Vec::new();
    walk.step(start, 0, true, &mut values)?;
    match function {
        None => Ok(Selection { values, definite }),
        Some(function) => {
            let argument = if definite {
                match values.pop() {
                    Some(value) => value,
                    None if strict => {
                        return Err(PathError::new(format!(
                            "No results for path: {}",
                            message::path_text(root_label, segments)
                        )));
                    }
                    None => {
                        return Ok(Selection {
                            values,
                            definite: true,
                        });
                    }
                }
            } else {
                Cow::Owned(Value::Array(
                    values.into_iter().map(Cow::into_owned).collect(),
                ))
            };
            match function::apply(function, &argument) {
                Ok(value) => Ok(Selection {
                    values: vec![Cow::Owned(value)],
                    definite: true,
                }),
                Err(error) if strict => Err(error),
                Err(_) => Ok(Selection {
                    values: Vec::new(),
                    definite: true,
                }),
            }
        }
    }
}

/// The value a path of names and single indexes finds when every step finds something:
/// what the full walk gives in that case, without its bookkeeping. `None` when a step is of
/// another kind or finds nothing; the full walk then decides (and words any failure).
pub(super) fn direct<'a>(start: &'a Value, segments: &[Segment]) -> Option<&'a Value> {
    segments
        .iter()
        .try_fold(start, |node, segment| match (segment, node) {
            (Segment::Child(Selector::Name(name)), Value::Object(map)) => map.get(name),
            (Segment::Child(Selector::Index(index)), Value::Array(items)) => {
                items.get(resolve_index(*index, items.len())?)
            }
            _ => None,
        })
}

/// [`direct`] on a value the caller may change.
pub(super) fn direct_mut<'a>(start: &'a mut Value, segments: &[Segment]) -> Option<&'a mut Value> {
    segments
        .iter()
        .try_fold(start, |node, segment| match (segment, node) {
            (Segment::Child(Selector::Name(name)), Value::Object(map)) => map.get_mut(name),
            (Segment::Child(Selector::Index(index)), Value::Array(items)) => {
                let position = resolve_index(*index, items.len())?;
                items.get_mut(position)
            }
            _ => None,
        })
}

fn is_definite(segments: &[Segment]) -> bool {
    let last = segments.len().saturating_sub(1);
    segments
        .iter()
        .enumerate()
        .all(|(index, segment)| match segment {
            Segment::Child(Selector::Name(_) | Selector::Index(_)) => true,
            Segment::Child(Selector::Names(_)) => index == last,
            _ => false,
        })
}

impl<'a> Walk<'_, 'a> {
    /// A "path not found" failure: an error for a top-level definite path.
    fn fail(&self, message: impl FnOnce() -> String) -> Result<(), PathError> {
        if self.strict && self.definite {
            Err(PathError::new(message()))
        } else {
            Ok(())
        }
    }

    /// An invalid step (a filter applied to a scalar): an error for any top-level path,
    /// as Jayway reports it as an invalid path rather than a path not found.
    fn fail_invalid(&self, message: impl FnOnce() -> String) -> Result<(), PathError> {
        if self.strict {
            Err(PathError::new(message()))
        } else {
            Ok(())
        }
    }

    fn prefix(&self, position: usize) -> Prefix<'_> {
        Prefix {
            root: self.root_label,
            segments: self.segments.get(..position).unwrap_or_default(),
        }
    }

    /// Applies step `position` (and the ones after it) to `node`.
    fn step(
        &self,
        node: &'a Value,
        position: usize,
        upstream_definite: bool,
        out: &mut Vec<Cow<'a, Value>>,
    ) -> Result<(), PathError> {
        self.budget.spend()?;
        let Some(segment) = self.segments.get(position) else {
            out.push(Cow::Borrowed(node));
            return Ok(());
        };
        let leaf = position + 1 == self.segments.len();
        match segment {
            Segment::Child(selector) => {
                self.child(node, selector, position, leaf, upstream_definite, out)
            }
            Segment::Descendant(selector) => {
                let mut matches = Vec::new();
                scan(node, selector, self.document, self.budget, &mut matches)?;
                for matched in matches {
                    self.step(matched, position + 1, false, out)?;
                }
                Ok(())
            }
            // Functions are split off by `select_in`; one in the middle selects nothing.
            Segment::Function(_) => Ok(()),
        }
    }

    fn child(
        &self,
        node: &'a Value,
        selector: &Selector,
        position: usize,
        leaf: bool,
        upstream_definite: bool,
        out: &mut Vec<Cow<'a, Value>>,
    ) -> Result<(), PathError> {
        let next = position + 1;
        match selector {
            Selector::Name(name) => {
                let Value::Object(map) = node else {
                    return self.not_an_object(node, selector, position, upstream_definite);
                };
                match map.get(name) {
                    Some(value) => self.step(value, next, upstream_definite, out),
                    None if leaf || !upstream_definite => Ok(()),
                    None => self.fail(|| {
                        format!(
                            "Missing property in path {}['{name}']",
                            self.prefix(position)
                        )
                    }),
                }
            }
            Selector::Names(names) => {
                let Value::Object(map) = node else {
                    return self.not_an_object(node, selector, position, upstream_definite);
                };
                if leaf {
                    // Jayway merges the members into one object.
                    let merged: Map<String, Value> = names
                        .iter()
                        .filter_map(|name| map.get(name).map(|v| (name.clone(), v.clone())))
                        .collect();
                    out.push(Cow::Owned(Value::Object(merged)));
                    return Ok(());
                }
                for name in names {
                    if let Some(value) = map.get(name) {
                        self.step(value, next, false, out)?;
                    }
                }
                Ok(())
            }
            Selector::Wildcard => {
                match node {
                    Value::Object(map) => {
                        for value in map.values() {
                            self.step(value, next, false, out)?;
                        }
                    }
                    Value::Array(items) => {
                        for item in items {
                            self.step(item, next, false, out)?;
                        }
                    }
                    _ => {}
                }
                Ok(())
            }
            Selector::Index(index) => {
                let Some(items) = self.array(node, selector, position, upstream_definite)? else {
                    return Ok(());
                };
                match resolve_index(*index, items.len()) {
                    Some(item) => self.step(&items[item], next, upstream_definite, out),
                    None => Ok(()),
                }
            }
            Selector::Indexes(indexes) => {
                let Some(items) = self.array(node, selector, position, upstream_definite)? else {
                    return Ok(());
                };
                for index in indexes {
                    if let Some(item) = resolve_index(*index, items.len()) {
                        self.step(&items[item], next, false, out)?;
                    }
                }
                Ok(())
            }
            Selector::Slice(slice) => {
                let Some(items) = self.array(node, selector, position, upstream_definite)? else {
                    return Ok(());
                };
                for item in &items[slice_range(*slice, items.len())] {
                    self.step(item, next, false, out)?;
                }
                Ok(())
            }
            Selector::Filter(predicate) => {
                self.filtered(node, predicate, next, upstream_definite, out)
            }
        }
    }

    /// `[?(…)]`: an object is kept when it satisfies the predicate, an array keeps the
    /// elements that do.
    fn filtered(
        &self,
        node: &'a Value,
        predicate: &Filter,
        next: usize,
        upstream_definite: bool,
        out: &mut Vec<Cow<'a, Value>>,
    ) -> Result<(), PathError> {
        match node {
            Value::Object(_) => {
                if filter::test(predicate, node, self.document, self.budget) {
                    self.step(node, next, false, out)?;
                }
                Ok(())
            }
            Value::Array(items) => {
                for item in items {
                    if filter::test(predicate, item, self.document, self.budget) {
                        self.step(item, next, false, out)?;
                    }
                }
                // A filter that ran out of visits tested false; report it here.
                if self.budget.is_exhausted() {
                    return self.budget.spend();
                }
                Ok(())
            }
            _ if upstream_definite => self.fail_invalid(|| {
                format!(
                    "Filter: [?] can not be applied to primitives. Current context is: {}",
                    to_java_string(node)
                )
            }),
            _ => Ok(()),
        }
    }

    fn not_an_object(
        &self,
        node: &Value,
        selector: &Selector,
        position: usize,
        upstream_definite: bool,
    ) -> Result<(), PathError> {
        if !upstream_definite {
            return Ok(());
        }
        self.fail(|| {
            format!(
                "Expected to find an object with property {} in path {} but found '{}'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.",
                message::selector_text(selector),
                self.prefix(position),
                java_class(node)
            )
        })
    }

    /// The elements of `node`, or `None` when an array step does not apply to it.
    fn array(
        &self,
        node: &'a Value,
        selector: &Selector,
        position: usize,
        upstream_definite: bool,
    ) -> Result<Option<&'a Vec<Value>>, PathError> {
        match node {
            Value::Array(items) => Ok(Some(items)),
            _ if !upstream_definite => Ok(None),
            Value::Null => self
                .fail(|| format!("The path {} is null", self.prefix(position)))
                .map(|()| None),
            _ => self
                .fail(|| {
                    format!(
                        "Filter: {} can only be applied to arrays. Current context is: {}",
                        message::selector_text(selector),
                        to_java_string(node)
                    )
                })
                .map(|()| None),
        }
    }
}

fn resolve_index(index: i64, length: usize) -> Option<usize> {
    let length = i64::try_from(length).ok()?;
    let resolved = if index < 0 { length + index } else { index };
    (0..length)
        .contains(&resolved)
        .then(|| usize::try_from(resolved).ok())
        .flatten()
}

/// Jayway's slice bounds: negative bounds count from the end; everything is clamped.
fn slice_range(slice: Slice, length: usize) -> std::ops::Range<usize> {
    let length_signed = i64::try_from(length).unwrap_or(i64::MAX);
    let clamp = |bound: i64| {
        let resolved = if bound < 0 {
            length_signed.saturating_add(bound)
        } else {
            bound
        };
        usize::try_from(resolved.clamp(0, length_signed)).unwrap_or(length)
    };
    let start = slice.start.map_or(0, clamp);
    let end = slice.end.map_or(length, clamp);
    if start >= end { 0..0 } else { start..end }
}

/// Applies `selector` to `node` and every node below it, in document order (`..`).
fn scan<'a>(
    node: &'a Value,
    selector: &Selector,
    document: &'a Value,
    budget: &Budget,
    out: &mut Vec<&'a Value>,
) -> Result<(), PathError> {
    budget.spend()?;
    match (selector, node) {
        (Selector::Name(name), Value::Object(map)) => {
            if let Some(value) = map.get(name) {
                out.push(value);
            }
        }
        (Selector::Names(names), Value::Object(map)) => {
            out.extend(names.iter().filter_map(|name| map.get(name)));
        }
        (Selector::Wildcard, Value::Object(map)) => out.extend(map.values()),
        (Selector::Wildcard, Value::Array(items)) => out.extend(items.iter()),
        (Selector::Index(index), Value::Array(items)) => {
            if let Some(item) = resolve_index(*index, items.len()) {
                out.push(&items[item]);
            }
        }
        (Selector::Indexes(indexes), Value::Array(items)) => out.extend(
            indexes
                .iter()
                .filter_map(|index| resolve_index(*index, items.len()))
                .map(|item| &items[item]),
        ),
        (Selector::Slice(slice), Value::Array(items)) => {
            out.extend(items[slice_range(*slice, items.len())].iter());
        }
        (Selector::Filter(predicate), Value::Object(_))
            if filter::test(predicate, node, document, budget) =>
        {
            out.push(node);
        }
        _ => {}
    }
    match node {
        Value::Object(map) => map
            .values()
            .try_for_each(|child| scan(child, selector, document, budget, out)),
        Value::Array(items) => items
            .iter()
            .try_for_each(|child| scan(child, selector, document, budget, out)),
        _ => Ok(()),
    }
}
