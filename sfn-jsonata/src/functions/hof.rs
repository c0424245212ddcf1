//! Higher-order functions: `$map`, `$filter`, `$single`, `$reduce`, `$sift`, `$each`, `$sort`.

use std::cmp::Ordering;

use super::arg;
use super::boolean::truthy;
use crate::error::EvaluationError;
use crate::eval::{Evaluator, Res, merge_sort};
use crate::value::{Object, Value};

/// Arguments for a callback: the value, then the index/key and the whole collection
/// as far as the callback declares parameters for them.
fn callback_args(
    function: &Value,
    value: Value,
    index: Value,
    whole: &Value,
) -> Vec<Option<Value>> {
    let arity = match function {
        Value::Function(function) => function.arity(),
        _ => 1,
    };
    let mut args = vec![Some(value)];
    if arity >= 2 {
        args.push(Some(index));
    }
    if arity >= 3 {
        args.push(Some(whole.clone()));
    }
    args
}

#[expect(clippy::cast_precision_loss, reason = "indexes are far below 2^52")]
fn index_value(index: usize) -> Value {
    Value::Number(index as f64)
}

pub(crate) fn map(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let (Some(array), Some(function)) = (arg(args, 0), arg(args, 1)) else {
        return Ok(None);
    };
    let mut result = Vec::new();
    for (index, item) in array.items().iter().enumerate() {
        evaluator.tick(1)?;
        if let Some(value) = evaluator.apply(
            function,
            callback_args(function, item.clone(), index_value(index), array),
            None,
        )? {
            result.push(value);
        }
    }
    Ok(Some(Value::sequence(result)))
}

pub(crate) fn filter(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let (Some(array), Some(function)) = (arg(args, 0), arg(args, 1)) else {
        return Ok(None);
    };
    let mut result = Vec::new();
    for (index, item) in array.items().iter().enumerate() {
        evaluator.tick(1)?;
        let verdict = evaluator.apply(
            function,
            callback_args(function, item.clone(), index_value(index), array),
            None,
        )?;
        if truthy(verdict.as_ref()) {
            result.push(item.clone());
        }
    }
    Ok(Some(Value::sequence(result)))
}

pub(crate) fn single(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(array) = arg(args, 0) else {
        return Ok(None);
    };
    let function = arg(args, 1);
    let mut found = None;
    for (index, item) in array.items().iter().enumerate() {
        evaluator.tick(1)?;
        let matched = match function {
            Some(function) => truthy(
                evaluator
                    .apply(
                        function,
                        callback_args(function, item.clone(), index_value(index), array),
                        None,
                    )?
                    .as_ref(),
            ),
            None => true,
        };
        if matched {
            if found.is_some() {
                return Err(EvaluationError::new(
                    "D3138",
                    "the $single() function expected exactly 1 matching result; instead it matched more",
                ));
            }
            found = Some(item.clone());
        }
    }
    match found {
        Some(value) => Ok(Some(value)),
        None => Err(EvaluationError::new(
            "D3139",
            "the $single() function expected exactly 1 matching result; instead it matched 0",
        )),
    }
}

pub(crate) fn reduce(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let (Some(array), Some(function)) = (arg(args, 0), arg(args, 1)) else {
        return Ok(None);
    };
    let arity = match function {
        Value::Function(function) => function.arity(),
        _ => 0,
    };
    if arity < 2 {
        return Err(EvaluationError::new(
            "D3050",
            "the second argument of reduce function must be a function with at least two arguments",
        ));
    }
    let items = array.items();
    let (mut accumulator, start) = match arg(args, 2) {
        None if !items.is_empty() => (items.first().cloned(), 1),
        initial => (initial.cloned(), 0),
    };
    for (index, item) in items.iter().enumerate().skip(start) {
        evaluator.tick(1)?;
        let mut call = vec![accumulator, Some(item.clone())];
        if arity >= 3 {
            call.push(Some(index_value(index)));
        }
        if arity >= 4 {
            call.push(Some(array.clone()));
        }
        accumulator = evaluator.apply(function, call, None)?;
    }
    Ok(accumulator)
}

pub(crate) fn sift(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let (Some(object @ Value::Object(map)), Some(function)) = (arg(args, 0), arg(args, 1)) else {
        return Ok(None);
    };
    let mut result = Object::new();
    for (key, item) in map.iter() {
        evaluator.tick(1)?;
        let verdict = evaluator.apply(
            function,
            callback_args(function, item.clone(), Value::String(key.clone()), object),
            None,
        )?;
        if truthy(verdict.as_ref()) {
            result.insert(key.clone(), item.clone());
        }
    }
    Ok((!result.is_empty()).then(|| Value::object(result)))
}

pub(crate) fn each(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let (Some(object @ Value::Object(map)), Some(function)) = (arg(args, 0), arg(args, 1)) else {
        return Ok(None);
    };
    let mut result = Vec::new();
    for (key, item) in map.iter() {
        evaluator.tick(1)?;
        let call = callback_args(function, item.clone(), Value::String(key.clone()), object);
        if let Some(value) = evaluator.apply(function, call, None)? {
            result.push(value);
        }
    }
    Ok(Some(Value::sequence(result)))
}

pub(crate) fn sort(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(array) = arg(args, 0) else {
        return Ok(None);
    };
    let items = array.items().to_vec();
    if items.len() <= 1 {
        return Ok(Some(array.clone()));
    }
    let sorted = match arg(args, 1) {
        None => {
            let all_numbers = items.iter().all(|item| matches!(item, Value::Number(_)));
            let all_strings = items.iter().all(|item| matches!(item, Value::String(_)));
            if !all_numbers && !all_strings {
                return Err(EvaluationError::new(
                    "D3070",
                    "the single argument form of the sort function can only be applied to an array of strings or an array of numbers; use the second argument to specify a comparison function",
                ));
            }
            merge_sort(items, &|a, b| {
                Ok(match (a, b) {
                    (Value::Number(x), Value::Number(y)) => {
                        x.partial_cmp(y).unwrap_or(Ordering::Equal)
                    }
                    (Value::String(x), Value::String(y)) => crate::eval::compare_utf16(x, y),
                    _ => Ordering::Equal,
                })
            })?
        }
        Some(function) => merge_sort(items, &|a, b| {
            evaluator.tick(1)?;
            let swap = evaluator.apply(function, vec![Some(a.clone()), Some(b.clone())], None)?;
            Ok(if swaps(swap.as_ref()) {
                Ordering::Greater
            } else {
                Ordering::Less
            })
        })?,
    };
    Ok(Some(Value::array(sorted)))
}

/// Whether a `$sort` comparator's result puts its second argument first.
///
/// jsonata-js tests the result with JavaScript's `if`, not with `$boolean`: any array,
/// object or function is true, even `[]`, `{}` and `[0]`.
fn swaps(verdict: Option<&Value>) -> bool {
    match verdict {
        None | Some(Value::Null | Value::Undefined) => false,
        Some(Value::Bool(flag)) => *flag,
        Some(Value::Number(number)) => *number != 0.0 && !number.is_nan(),
        Some(Value::String(text)) => !text.is_empty(),
        Some(Value::Array(_) | Value::Object(_) | Value::Function(_)) => true,
    }
}
