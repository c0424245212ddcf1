//! The array functions.

use serde_json::Value;

use super::{Invocation, counted};
use crate::error::RuntimeError;

/// The most elements `States.ArrayRange` may produce.
const MAX_RANGE: usize = 1000;

/// Chunks of `size` elements; the last may be shorter.
pub(super) fn partition(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let items = call.array(0)?;
    let size = call.integer(1)?;
    let size = usize::try_from(size)
        .ok()
        .filter(|size| *size > 0)
        .ok_or_else(|| call.fail(format!("the chunk size must be positive, but was {size}")))?;
    Ok(Value::Array(
        items
            .chunks(size)
            .map(|chunk| Value::Array(chunk.to_vec()))
            .collect(),
    ))
}

/// Membership by JSON equality (nested arrays and objects compare by value).
pub(super) fn contains(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let items = call.array(0)?;
    let wanted = call.arg(1);
    Ok(Value::Bool(items.contains(wanted)))
}

/// From `start` to `end` inclusive by `step`; at most 1000 elements.
pub(super) fn range(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let start = call.integer(0)?;
    let end = call.integer(1)?;
    let step = call.integer(2)?;
    if step == 0 {
        return Err(call.fail("the step cannot be 0"));
    }
    let mut items = Vec::new();
    let mut current = i128::from(start);
    let (end, step) = (i128::from(end), i128::from(step));
    while (step > 0 && current <= end) || (step < 0 && current >= end) {
        if items.len() == MAX_RANGE {
            return Err(call.fail(format!(
                "the range would have more than {MAX_RANGE} elements"
            )));
        }
        items.push(Value::from(i64::try_from(current).unwrap_or_default()));
        current += step;
    }
    Ok(Value::Array(items))
}

/// The element at a zero-based index.
pub(super) fn get_item(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let items = call.array(0)?;
    let index = call.integer(1)?;
    usize::try_from(index)
        .ok()
        .and_then(|index| items.get(index))
        .cloned()
        .ok_or_else(|| {
            call.fail(format!(
                "the index {index} is out of bounds for an array of {}",
                counted(items.len(), "element")
            ))
        })
}

/// The number of elements.
pub(super) fn length(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    Ok(Value::from(call.array(0)?.len()))
}

/// The elements without repeats, first occurrences in order.
pub(super) fn unique(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let mut seen: Vec<Value> = Vec::new();
    for item in call.array(0)? {
        if !seen.contains(item) {
            seen.push(item.clone());
        }
    }
    Ok(Value::Array(seen))
}
