//! Array functions.

use std::rc::Rc;

use super::arg;
use crate::eval::{Evaluator, Res};
use crate::value::{Array, Value, deep_equal};

/// `fn.append`: concatenates two values as arrays; `undefined` on either side is ignored.
pub(crate) fn append(left: Option<Value>, right: Option<Value>) -> Option<Value> {
    match (left, right) {
        (None, right) => right,
        (left, None) => left,
        (Some(left), Some(right)) => {
            let mut items = left.items().to_vec();
            items.extend(right.items().iter().cloned());
            Some(Value::array(items))
        }
    }
}

pub(crate) fn append_function(
    evaluator: &Evaluator<'_>,
    args: &[Option<Value>],
    _: Option<&Value>,
) -> Res {
    let result = append(arg(args, 0).cloned(), arg(args, 1).cloned());
    if let Some(value) = &result {
        evaluator.check_size(value.items().len())?;
    }
    Ok(result)
}

pub(crate) fn reverse(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(value) = arg(args, 0) else {
        return Ok(None);
    };
    if value.items().len() <= 1 {
        return Ok(Some(value.clone()));
    }
    Ok(Some(Value::array(
        value.items().iter().rev().cloned().collect(),
    )))
}

pub(crate) fn shuffle(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(value) = arg(args, 0) else {
        return Ok(None);
    };
    let items = value.items();
    if items.len() <= 1 {
        return Ok(Some(value.clone()));
    }
    // Inside-out Fisher-Yates.
    let mut result: Vec<Value> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        #[expect(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "index is small; random is in 0..1"
        )]
        let swap = ((evaluator.random() * (index + 1) as f64).floor() as usize).min(index);
        if swap == index {
            result.push(item.clone());
        } else if let Some(slot) = result.get_mut(swap) {
            let displaced = std::mem::replace(slot, item.clone());
            result.push(displaced);
        }
    }
    Ok(Some(Value::array(result)))
}

pub(crate) fn distinct(
    evaluator: &Evaluator<'_>,
    args: &[Option<Value>],
    _: Option<&Value>,
) -> Res {
    let Some(value) = arg(args, 0) else {
        return Ok(None);
    };
    let Value::Array(array) = value else {
        return Ok(Some(value.clone()));
    };
    if array.items.len() <= 1 {
        return Ok(Some(value.clone()));
    }
    let mut result: Vec<Value> = Vec::new();
    for item in &array.items {
        evaluator.tick(1 + result.len() as u64 / 64)?;
        if !result.iter().any(|existing| deep_equal(existing, item)) {
            result.push(item.clone());
        }
    }
    let mut distinct = Array::new(result);
    distinct.sequence = array.sequence;
    Ok(Some(Value::Array(Rc::new(distinct))))
}

pub(crate) fn zip(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let arrays: Vec<&[Value]> = args
        .iter()
        .map(|arg| arg.as_ref().map_or(&[][..], Value::items))
        .collect();
    let length = arrays.iter().map(|items| items.len()).min().unwrap_or(0);
    let result = (0..length)
        .map(|index| {
            Value::array(
                arrays
                    .iter()
                    .filter_map(|items| items.get(index).cloned())
                    .collect(),
            )
        })
        .collect();
    Ok(Some(Value::array(result)))
}
