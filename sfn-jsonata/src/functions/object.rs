//! Object functions, `$type`, `$error` and `$assert`.

use std::rc::Rc;

use super::{arg, string_arg};
use crate::error::EvaluationError;
use crate::eval::{Evaluator, Res};
use crate::stack::value_level;
use crate::value::{MAX_VALUE_DEPTH, Object, Value};

pub(crate) fn keys(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(value) = arg(args, 0) else {
        return Ok(Some(Value::sequence(Vec::new())));
    };
    let mut names: Vec<Rc<str>> = Vec::new();
    // The keys of an object, or of every object in an array, arrays within arrays included
    // (jsonata-js recurses into them). Walked with a stack of iterators rather than by
    // recursion, so deeply nested arrays cannot exhaust the stack.
    let mut pending = vec![std::slice::from_ref(value).iter()];
    while let Some(items) = pending.last_mut() {
        match items.next() {
            None => {
                pending.pop();
            }
            Some(Value::Object(map)) => {
                for key in map.keys() {
                    if !names.contains(key) {
                        names.push(key.clone());
                    }
                }
            }
            Some(Value::Array(array)) => pending.push(array.items.iter()),
            Some(_) => {}
        }
    }
    Ok(Some(Value::sequence(
        names.into_iter().map(Value::String).collect(),
    )))
}

pub(crate) fn lookup(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(key) = string_arg(args, 1) else {
        return Ok(None);
    };
    Ok(crate::eval::lookup(arg(args, 0), key))
}

pub(crate) fn spread(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(value) = arg(args, 0) else {
        return Ok(None);
    };
    Ok(Some(spread_value(value)))
}

fn spread_value(value: &Value) -> Value {
    match value {
        Value::Array(array) => {
            let mut result = Vec::new();
            for item in &array.items {
                match spread_value(item) {
                    Value::Array(inner) => result.extend(inner.items.iter().cloned()),
                    // `$append` drops an undefined item.
                    Value::Undefined => {}
                    other => result.push(other),
                }
            }
            // jsonata-js appends each item's spread with `Array.concat`, which gives a plain
            // array: `$spread([3])` is `[3]`. Only an empty array leaves the empty sequence.
            if array.items.is_empty() {
                Value::sequence(result)
            } else {
                Value::array(result)
            }
        }
        Value::Object(map) => Value::sequence(
            map.iter()
                .map(|(key, item)| {
                    let mut single = Object::new();
                    single.insert(key.clone(), item.clone());
                    Value::object(single)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

pub(crate) fn merge(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(value) = arg(args, 0) else {
        return Ok(None);
    };
    let mut result = Object::new();
    for item in value.items() {
        if let Value::Object(map) = item {
            for (key, field) in map.iter() {
                result.insert(key.clone(), field.clone());
            }
        }
    }
    Ok(Some(Value::object(result)))
}

pub(crate) fn error(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let message = string_arg(args, 0)
        .filter(|m| !m.is_empty())
        .unwrap_or("$error() function evaluated");
    Err(EvaluationError::new("D3137", message))
}

pub(crate) fn assert(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    if matches!(arg(args, 0), Some(Value::Bool(true))) {
        return Ok(None);
    }
    let message = string_arg(args, 1)
        .filter(|m| !m.is_empty())
        .unwrap_or("$assert() statement failed");
    Err(EvaluationError::new("D3141", message))
}

pub(crate) fn type_of(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(value) = arg(args, 0) else {
        return Ok(None);
    };
    let name = match value {
        Value::Null => "null",
        Value::Number(number) => {
            if !number.is_finite() {
                return Err(EvaluationError::new("D1001", "number out of range"));
            }
            "number"
        }
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Array(_) => "array",
        Value::Function(_) => "function",
        Value::Object(_) => "object",
        Value::Undefined => return Ok(None),
    };
    Ok(Some(Value::string(name)))
}

/// `$clone`: a deep copy, as `JSON.parse(JSON.stringify(value))`.
///
/// # Errors
///
/// `U1004` for a value nested more than [`MAX_VALUE_DEPTH`] levels deep, which
/// `JSON.stringify` could print but the output of an evaluation could not hold.
pub(crate) fn clone(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    match arg(args, 0) {
        Some(value) => json_copy(value, 0),
        None => Ok(None),
    }
}

/// A copy of `value` as JSON would hold it: `None` for a function, `null` for a number
/// that is not finite.
fn json_copy(value: &Value, depth: usize) -> Res {
    if depth > MAX_VALUE_DEPTH {
        return Err(EvaluationError::new(
            "U1004",
            format!("value nested more than {MAX_VALUE_DEPTH} levels deep cannot be cloned"),
        ));
    }
    Ok(Some(match value {
        Value::Function(_) => return Ok(None),
        Value::Number(number) if !number.is_finite() => Value::Null,
        Value::Array(array) => Value::array(
            array
                .items
                .iter()
                .map(|item| Ok(value_level(|| json_copy(item, depth + 1))?.unwrap_or(Value::Null)))
                .collect::<Result<_, EvaluationError>>()?,
        ),
        Value::Object(map) => {
            let mut copy = Object::new();
            for (key, item) in map.iter() {
                if let Some(item) = value_level(|| json_copy(item, depth + 1))? {
                    copy.insert(key.clone(), item);
                }
            }
            Value::object(copy)
        }
        other => other.clone(),
    }))
}
