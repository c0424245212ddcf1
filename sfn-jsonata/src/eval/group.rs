//! Object construction and grouping (`{key: value}` and `path{...}`), and sorting (`^(...)`).

use std::cmp::Ordering;
use std::rc::Rc;

use indexmap::IndexMap;

use super::Evaluator;
use super::frame::FrameId;
use super::ops::{compare_utf16, describe};
use super::path::tuple_get;
use crate::error::EvaluationError;
use crate::functions::array::append;
use crate::syntax::ast::{Kind, Node};
use crate::value::{Object, Value};

impl Evaluator<'_> {
    pub(crate) fn evaluate_group(
        &self,
        pairs: &[(Node, Node)],
        pos: usize,
        input: Option<Value>,
        frame: FrameId,
    ) -> Result<Value, EvaluationError> {
        let reduce = input
            .as_ref()
            .is_some_and(|value| value.as_array().is_some_and(|a| a.tuple_stream));
        // An `undefined` item (a regex group that did not take part) joins its group as
        // nothing: jsonata-js builds each group with `$append`, which drops it.
        let mut items: Vec<Option<Value>> = match input {
            Some(Value::Array(array)) => array
                .items
                .iter()
                .map(|item| Value::defined(Some(item.clone())))
                .collect(),
            Some(other) => vec![Some(other)],
            None => Vec::new(),
        };
        if items.is_empty() {
            // An empty input still builds the literal object.
            items.push(None);
        }
        let mut groups: IndexMap<Rc<str>, (Option<Value>, usize)> = IndexMap::new();
        for item in &items {
            self.tick(1)?;
            let (context, scope) = match (reduce, item) {
                (true, Some(tuple)) => (tuple_get(tuple, "@"), self.frame_from_tuple(frame, tuple)),
                _ => (item.clone(), frame),
            };
            for (pair_index, (key_node, _)) in pairs.iter().enumerate() {
                let key = match self.evaluate(key_node, context.as_ref(), scope)? {
                    None => continue,
                    Some(Value::String(key)) => key,
                    Some(other) => {
                        return Err(EvaluationError::new(
                            "T1003",
                            format!(
                                "key in object structure must evaluate to a string; got: {}",
                                describe(&other)
                            ),
                        )
                        .at(pos));
                    }
                };
                match groups.get_mut(&key) {
                    Some((data, index)) => {
                        if *index != pair_index {
                            return Err(EvaluationError::new(
                                "D1009",
                                format!("multiple key definitions evaluate to same key: \"{key}\""),
                            )
                            .at(pos));
                        }
                        *data = append(data.take(), item.clone());
                    }
                    None => {
                        groups.insert(key, (item.clone(), pair_index));
                    }
                }
            }
        }
        let mut result = Object::new();
        for (key, (data, index)) in groups {
            let Some((_, value_node)) = pairs.get(index) else {
                continue;
            };
            let value = if reduce {
                let tuple = reduce_tuple_stream(data);
                let context = tuple.as_ref().and_then(|tuple| tuple_get(tuple, "@"));
                let scope = match &tuple {
                    Some(tuple) => self.frame_from_tuple(frame, tuple),
                    None => frame,
                };
                self.evaluate(value_node, context.as_ref(), scope)?
            } else {
                self.evaluate(value_node, data.as_ref(), frame)?
            };
            if let Some(value) = value {
                result.insert(key, value);
            }
        }
        Ok(Value::object(result))
    }

    /// Sorts `items` by the sort step's terms. Tuples are sorted by their `@` value with
    /// their bindings in scope.
    pub(crate) fn evaluate_sort(
        &self,
        step: &Node,
        items: Vec<Value>,
        tuples: bool,
        frame: FrameId,
    ) -> Result<Value, EvaluationError> {
        let Kind::Sort(terms) = &step.kind else {
            return Ok(Value::sequence(items));
        };
        // Like the reference merge sort, a single item is returned without evaluating the terms.
        if items.len() <= 1 {
            return Ok(Value::sequence(items));
        }
        let mut keyed = Vec::with_capacity(items.len());
        for item in items {
            self.tick(1)?;
            let (context, scope) = if tuples {
                (tuple_get(&item, "@"), self.frame_from_tuple(frame, &item))
            } else {
                (Some(item.clone()), frame)
            };
            let mut keys = Vec::with_capacity(terms.len());
            for term in terms {
                let key = self.evaluate(&term.expression, context.as_ref(), scope)?;
                if let Some(key) = &key {
                    if !matches!(key, Value::String(_) | Value::Number(_)) {
                        return Err(EvaluationError::new(
                            "T2008",
                            format!("the expressions within an order-by clause must evaluate to numeric or string values; got {}", describe(key)),
                        )
                        .at(step.pos));
                    }
                }
                keys.push(key);
            }
            keyed.push((keys, item));
        }
        let descending: Vec<bool> = terms.iter().map(|term| term.descending).collect();
        let compare =
            |a: &[Option<Value>], b: &[Option<Value>]| -> Result<Ordering, EvaluationError> {
                for ((left, right), &descending) in a.iter().zip(b).zip(&descending) {
                    let ordering = match (left, right) {
                        (None, None) => Ordering::Equal,
                        (None, Some(_)) => return Ok(Ordering::Greater),
                        (Some(_), None) => return Ok(Ordering::Less),
                        (Some(Value::Number(x)), Some(Value::Number(y))) => {
                            x.partial_cmp(y).unwrap_or(Ordering::Equal)
                        }
                        (Some(Value::String(x)), Some(Value::String(y))) => compare_utf16(x, y),
                        (Some(x), Some(y)) => {
                            return Err(EvaluationError::new(
                            "T2007",
                            format!(
                                "type mismatch when comparing values {} and {} in order-by clause",
                                describe(x),
                                describe(y)
                            ),
                        )
                        .at(step.pos));
                        }
                    };
                    if ordering != Ordering::Equal {
                        return Ok(if descending {
                            ordering.reverse()
                        } else {
                            ordering
                        });
                    }
                }
                Ok(Ordering::Equal)
            };
        let sorted = merge_sort(keyed, &|a, b| compare(&a.0, &b.0))?;
        Ok(Value::sequence(
            sorted.into_iter().map(|(_, item)| item).collect(),
        ))
    }
}

/// Stable merge sort with a comparator that may fail.
pub(crate) fn merge_sort<T>(
    items: Vec<T>,
    compare: &dyn Fn(&T, &T) -> Result<Ordering, EvaluationError>,
) -> Result<Vec<T>, EvaluationError> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let mut right = items;
    let left: Vec<T> = right.drain(..right.len() / 2).collect();
    let left = merge_sort(left, compare)?;
    let right = merge_sort(right, compare)?;
    let mut merged = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    loop {
        match (left.peek(), right.peek()) {
            (Some(a), Some(b)) => {
                if compare(a, b)? == Ordering::Greater {
                    merged.extend(right.next());
                } else {
                    merged.extend(left.next());
                }
            }
            (Some(_), None) => merged.extend(left.by_ref()),
            (None, Some(_)) => merged.extend(right.by_ref()),
            (None, None) => break,
        }
    }
    Ok(merged)
}

/// Merges the tuples of a group into one, each binding collecting all its values.
fn reduce_tuple_stream(data: Option<Value>) -> Option<Value> {
    let Some(Value::Array(array)) = data else {
        return data;
    };
    let mut tuples = array.items.iter();
    let Some(Value::Object(first)) = tuples.next() else {
        return Some(Value::Array(array));
    };
    // As in the group's data, an `undefined` binding is dropped when merged; a binding left
    // with no value stays bound, to `undefined`, and so still hides an outer one.
    let mut merged: IndexMap<Rc<str>, Option<Value>> = first
        .iter()
        .map(|(k, v)| (k.clone(), Value::defined(Some(v.clone()))))
        .collect();
    for tuple in tuples {
        if let Value::Object(map) = tuple {
            for (key, value) in map.iter() {
                let slot = merged.entry(key.clone()).or_insert(None);
                *slot = append(slot.take(), Value::defined(Some(value.clone())));
            }
        }
    }
    Some(Value::object(
        merged
            .into_iter()
            .map(|(k, v)| (k, v.unwrap_or(Value::Undefined)))
            .collect(),
    ))
}
