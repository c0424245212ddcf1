//! Path evaluation: steps over sequences, tuple streams (`@`, `#`, `%`), filters,
//! field lookup, wildcards and descendants.

use std::rc::Rc;

use super::frame::FrameId;
use super::{Evaluator, Res};
use crate::error::EvaluationError;
use crate::syntax::ast::{Kind, Node, Stage};
use crate::value::{Array, Object, Value};

const FOCUS: &str = "@";

impl Evaluator<'_> {
    pub(super) fn evaluate_path(
        &self,
        node: &Node,
        steps: &[Node],
        input: Option<&Value>,
        frame: FrameId,
    ) -> Res {
        let first_is_variable = matches!(
            steps.first().map(|step| &step.kind),
            Some(Kind::Variable(_))
        );
        let mut undefined_input = input.is_none();
        let mut input_sequence = match input {
            Some(value @ Value::Array(_)) if !first_is_variable => value.clone(),
            Some(value) => Value::sequence(vec![value.clone()]),
            None => Value::sequence(Vec::new()),
        };
        let mut result: Option<Value> = None;
        let mut tuples: Option<Vec<Value>> = None;
        let mut is_tuple_stream = false;
        let last = steps.len().saturating_sub(1);
        for (index, step) in steps.iter().enumerate() {
            if step.tuple {
                is_tuple_stream = true;
            }
            if index == 0 && step.consarray {
                result = self.evaluate(step, Some(&input_sequence), frame)?;
            } else if is_tuple_stream {
                tuples = Some(self.evaluate_tuple_step(
                    step,
                    &input_sequence,
                    undefined_input,
                    tuples,
                    frame,
                )?);
            } else {
                result = Some(self.evaluate_step(
                    step,
                    &input_sequence,
                    undefined_input,
                    frame,
                    index == last,
                )?);
            }
            undefined_input = false;
            if !is_tuple_stream
                && result
                    .as_ref()
                    .is_none_or(|value| value.as_array().is_some_and(|a| a.items.is_empty()))
            {
                break;
            }
            if step.focus.is_none() {
                input_sequence = match &result {
                    Some(value @ Value::Array(_)) => value.clone(),
                    Some(value) => Value::sequence(vec![value.clone()]),
                    None => Value::sequence(Vec::new()),
                };
            }
        }
        let mut stream_value = None;
        if is_tuple_stream {
            let tuples = tuples.unwrap_or_default();
            let focus = Value::sequence(
                tuples
                    .iter()
                    .filter_map(|tuple| tuple_get(tuple, FOCUS))
                    .collect(),
            );
            let mut stream = Array::sequence(tuples);
            stream.tuple_stream = true;
            let stream = Value::Array(Rc::new(stream));
            result = Some(if node.tuple { stream.clone() } else { focus });
            stream_value = Some(stream);
        }
        if node.keep_singleton_array {
            if let Some(value) = &mut result {
                if matches!(value, Value::Array(array) if array.cons && !array.sequence) {
                    *value = Value::sequence(vec![value.clone()]);
                }
                if let Some(array) = value.array_mut() {
                    array.keep_singleton = true;
                }
            }
        }
        if let Some(group) = &node.group {
            let grouped = if is_tuple_stream {
                stream_value
            } else {
                result
            };
            result = Some(self.evaluate_group(&group.pairs, group.pos, grouped, frame)?);
        }
        Ok(result)
    }

    fn evaluate_step(
        &self,
        step: &Node,
        input: &Value,
        undefined_input: bool,
        frame: FrameId,
        last_step: bool,
    ) -> Result<Value, EvaluationError> {
        if matches!(step.kind, Kind::Sort(_)) {
            let mut result = self.evaluate_sort(step, input.items().to_vec(), false, frame)?;
            for stage in &step.stages {
                if let Stage::Filter(predicate) = stage {
                    result = self.evaluate_filter(predicate, Some(result), frame)?;
                }
            }
            return Ok(result);
        }
        let mut results = Vec::new();
        let mut run = |item: Option<&Value>| -> Result<(), EvaluationError> {
            let mut value = self.evaluate(step, item, frame)?;
            for stage in &step.stages {
                if let Stage::Filter(predicate) = stage {
                    value = Some(self.evaluate_filter(predicate, value, frame)?);
                }
            }
            if let Some(value) = value {
                results.push(value);
            }
            Ok(())
        };
        if undefined_input {
            run(None)?;
        } else {
            for item in input.items() {
                run(Some(item))?;
            }
        }
        if last_step && results.len() == 1 {
            if let Some(Value::Array(array)) = results.first() {
                if !array.sequence {
                    return Ok(Value::Array(array.clone()));
                }
            }
        }
        let mut flattened = Vec::with_capacity(results.len());
        for value in results {
            match value {
                Value::Array(array) if !array.cons => flattened.extend(array.items.iter().cloned()),
                other => flattened.push(other),
            }
        }
        self.check_size(flattened.len())?;
        Ok(Value::sequence(flattened))
    }

    fn evaluate_tuple_step(
        &self,
        step: &Node,
        input: &Value,
        undefined_input: bool,
        tuples: Option<Vec<Value>>,
        frame: FrameId,
    ) -> Result<Vec<Value>, EvaluationError> {
        if matches!(step.kind, Kind::Sort(_)) {
            let result = if let Some(tuples) = tuples {
                self.evaluate_sort(step, tuples, true, frame)?
            } else {
                let sorted = self.evaluate_sort(step, input.items().to_vec(), false, frame)?;
                let tuples = sorted
                    .items()
                    .iter()
                    .enumerate()
                    .map(|(position, item)| {
                        let mut tuple = Object::new();
                        tuple.insert(Rc::from(FOCUS), item.clone());
                        if let Some(index) = &step.index {
                            tuple.insert(Rc::from(&**index), position_value(position));
                        }
                        Value::object(tuple)
                    })
                    .collect();
                let mut stream = Array::sequence(tuples);
                stream.tuple_stream = true;
                Value::Array(Rc::new(stream))
            };
            return self.evaluate_stages(&step.stages, result.items().to_vec(), frame);
        }
        let tuples = tuples.unwrap_or_else(|| {
            if undefined_input {
                return Vec::new();
            }
            input
                .items()
                .iter()
                .map(|item| {
                    let mut tuple = Object::new();
                    tuple.insert(Rc::from(FOCUS), item.clone());
                    Value::object(tuple)
                })
                .collect()
        });
        let mut result = Vec::new();
        for tuple in &tuples {
            self.tick(1)?;
            let step_frame = self.frame_from_tuple(frame, tuple);
            let context = tuple_get(tuple, FOCUS);
            let Some(value) = self.evaluate(step, context.as_ref(), step_frame)? else {
                continue;
            };
            let (items, from_stream) = match &value {
                Value::Array(array) => (array.items.as_slice(), array.tuple_stream),
                other => (std::slice::from_ref(other), false),
            };
            let Value::Object(base) = tuple else { continue };
            for (position, item) in items.iter().enumerate() {
                let mut next: Object = (**base).clone();
                if from_stream {
                    if let Value::Object(bindings) = item {
                        for (key, bound) in bindings.iter() {
                            next.insert(key.clone(), bound.clone());
                        }
                    }
                } else {
                    if let Some(focus) = &step.focus {
                        next.insert(Rc::from(&**focus), item.clone());
                    } else {
                        next.insert(Rc::from(FOCUS), item.clone());
                    }
                    if let Some(index) = &step.index {
                        next.insert(Rc::from(&**index), position_value(position));
                    }
                    if let Some(slot) = step.ancestor {
                        if let (Some(label), Some(parent)) =
                            (self.labels.get(slot), base.get(FOCUS))
                        {
                            next.insert(Rc::from(&**label), parent.clone());
                        }
                    }
                }
                result.push(Value::object(next));
            }
            self.check_size(result.len())?;
        }
        self.evaluate_stages(&step.stages, result, frame)
    }

    fn evaluate_stages(
        &self,
        stages: &[Stage],
        mut tuples: Vec<Value>,
        frame: FrameId,
    ) -> Result<Vec<Value>, EvaluationError> {
        for stage in stages {
            match stage {
                Stage::Filter(predicate) => {
                    let mut stream = Array::sequence(tuples);
                    stream.tuple_stream = true;
                    let filtered = self.evaluate_filter(
                        predicate,
                        Some(Value::Array(Rc::new(stream))),
                        frame,
                    )?;
                    tuples = filtered.items().to_vec();
                }
                Stage::Index(name) => {
                    for (position, tuple) in tuples.iter_mut().enumerate() {
                        if let Value::Object(map) = tuple {
                            Rc::make_mut(map).insert(Rc::from(&**name), position_value(position));
                        }
                    }
                }
            }
        }
        Ok(tuples)
    }

    /// A scope binding every variable of a tuple (all keys except `@`).
    pub(crate) fn frame_from_tuple(&self, parent: FrameId, tuple: &Value) -> FrameId {
        let frame = self.new_frame(parent);
        if let Value::Object(map) = tuple {
            for (key, value) in map.iter() {
                if &**key != FOCUS {
                    self.bind(frame, std::sync::Arc::from(&**key), Some(value.clone()));
                }
            }
        }
        frame
    }

    #[allow(
        clippy::needless_pass_by_value,
        reason = "callers hand over results they no longer need"
    )]
    pub(crate) fn evaluate_filter(
        &self,
        predicate: &Node,
        input: Option<Value>,
        frame: FrameId,
    ) -> Result<Value, EvaluationError> {
        let tuple_stream = input
            .as_ref()
            .is_some_and(|value| value.as_array().is_some_and(|a| a.tuple_stream));
        let items: Vec<Value> = match &input {
            Some(Value::Array(array)) => array.items.clone(),
            Some(other) => vec![other.clone()],
            None => Vec::new(),
        };
        let mut results = Vec::new();
        if let Kind::Number(number) = predicate.kind {
            let index = position_of(number, items.len());
            match index.and_then(|index| items.get(index)) {
                Some(Value::Array(array)) => return Ok(Value::Array(array.clone())),
                // jsonata-js selects an item only if it is not undefined.
                None | Some(Value::Undefined) => {}
                Some(item) => results.push(item.clone()),
            }
        } else {
            for (index, item) in items.iter().enumerate() {
                self.tick(1)?;
                let value = if tuple_stream {
                    let item_frame = self.frame_from_tuple(frame, item);
                    self.evaluate(predicate, tuple_get(item, FOCUS).as_ref(), item_frame)?
                } else {
                    self.evaluate(predicate, Some(item), frame)?
                };
                // An index array selects an item once per index naming it (`a[[0, 0]]` has
                // the first item twice), in item order.
                let copies = match &value {
                    Some(Value::Number(number)) => {
                        usize::from(position_of(*number, items.len()) == Some(index))
                    }
                    Some(Value::Array(array))
                        if array.items.iter().all(|v| matches!(v, Value::Number(_))) =>
                    {
                        array
                            .items
                            .iter()
                            .filter(|v| {
                                position_of(v.as_number().unwrap_or(f64::NAN), items.len())
                                    == Some(index)
                            })
                            .count()
                    }
                    other => usize::from(crate::functions::boolean::truthy(other.as_ref())),
                };
                if copies > 0 {
                    self.check_size(results.len().saturating_add(copies))?;
                    results.extend(std::iter::repeat_n(item, copies).cloned());
                }
            }
        }
        let mut sequence = Array::sequence(results);
        sequence.tuple_stream = tuple_stream;
        Ok(Value::Array(Rc::new(sequence)))
    }
}

/// `floor(number)`, counted from the end when negative, as an index into `len` items.
fn position_of(number: f64, len: usize) -> Option<usize> {
    let index = number.floor();
    #[expect(
        clippy::cast_precision_loss,
        reason = "sequence lengths are far below 2^52"
    )]
    let index = if index < 0.0 {
        index + len as f64
    } else {
        index
    };
    if index >= 0.0 && index.is_finite() {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked non-negative and finite"
        )]
        Some(index as usize)
    } else {
        None
    }
}

#[expect(clippy::cast_precision_loss, reason = "positions are far below 2^52")]
fn position_value(position: usize) -> Value {
    Value::Number(position as f64)
}

pub(crate) fn tuple_get(tuple: &Value, key: &str) -> Option<Value> {
    match tuple {
        Value::Object(map) => map.get(key).cloned(),
        _ => None,
    }
}

/// `fn.lookup`: a field of an object, or of every object in an array (flattened one level).
pub(crate) fn lookup(input: Option<&Value>, key: &str) -> Option<Value> {
    match input? {
        Value::Array(array) => {
            let mut result = Vec::new();
            for item in &array.items {
                match lookup(Some(item), key) {
                    Some(Value::Array(inner)) => result.extend(inner.items.iter().cloned()),
                    Some(value) => result.push(value),
                    None => {}
                }
            }
            Some(Value::sequence(result))
        }
        Value::Object(map) => map.get(key).cloned(),
        _ => None,
    }
}

/// `*`: the values of an object's fields, arrays flattened.
pub(crate) fn wildcard(input: Option<&Value>) -> Option<Value> {
    let mut input = input?;
    if let Value::Array(array) = input {
        if array.outer_wrapper {
            if let Some(first) = array.items.first() {
                input = first;
            }
        }
    }
    let mut results = Vec::new();
    let mut plain = false;
    let mut visit = |value: &Value| match value {
        Value::Array(_) => {
            flatten_into(value, &mut results);
            plain = true;
        }
        other => results.push(other.clone()),
    };
    match input {
        Value::Object(map) => map.values().for_each(&mut visit),
        Value::Array(array) => array.items.iter().for_each(&mut visit),
        _ => {}
    }
    Some(if plain {
        Value::array(results)
    } else {
        Value::sequence(results)
    })
}

/// Pushes the items of `value` and of the arrays within it, however deep, in order.
///
/// Walked with a stack of iterators rather than by recursion: a value built in the
/// expression (by `$reduce`, say) may nest deeper than a recursion should go, and a walk
/// that stopped partway would give a wrong result.
fn flatten_into(value: &Value, out: &mut Vec<Value>) {
    let mut pending = vec![std::slice::from_ref(value).iter()];
    while let Some(items) = pending.last_mut() {
        match items.next() {
            Some(Value::Array(array)) => pending.push(array.items.iter()),
            Some(other) => out.push(other.clone()),
            None => {
                pending.pop();
            }
        }
    }
}

/// `**`: the input and everything below it.
pub(crate) fn descendants(input: Option<&Value>) -> Option<Value> {
    let input = input?;
    let mut results = Vec::new();
    collect_descendants(input, &mut results);
    Some(if results.len() == 1 {
        results.pop().unwrap_or(Value::Null)
    } else {
        Value::sequence(results)
    })
}

/// Pushes `value` and everything below it, objects before their fields' values, arrays
/// flattened; walked with a stack of iterators for the reason `flatten_into` is.
fn collect_descendants<'v>(value: &'v Value, out: &mut Vec<Value>) {
    let mut pending: Vec<Box<dyn Iterator<Item = &'v Value> + 'v>> =
        vec![Box::new(std::iter::once(value))];
    while let Some(items) = pending.last_mut() {
        match items.next() {
            Some(Value::Array(array)) => pending.push(Box::new(array.items.iter())),
            Some(object @ Value::Object(map)) => {
                out.push(object.clone());
                pending.push(Box::new(map.values()));
            }
            Some(other) => out.push(other.clone()),
            None => {
                pending.pop();
            }
        }
    }
}
