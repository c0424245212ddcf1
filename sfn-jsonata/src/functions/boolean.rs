//! `$boolean`, `$not`, `$exists` and JSONata's truthiness rules.

use super::arg;
use crate::eval::{Evaluator, Res};
use crate::value::Value;

/// JSONata's effective boolean value; `undefined` is false.
pub(crate) fn truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null | Value::Function(_) | Value::Undefined) => false,
        Some(Value::Bool(flag)) => *flag,
        Some(Value::String(text)) => !text.is_empty(),
        Some(Value::Number(number)) => *number != 0.0 && !number.is_nan(),
        Some(Value::Object(map)) => !map.is_empty(),
        Some(Value::Array(array)) => match array.items.as_slice() {
            [] => false,
            [single] => truthy(Some(single)),
            items => items.iter().any(|item| truthy(Some(item))),
        },
    }
}

pub(crate) fn boolean(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(arg(args, 0)
        .filter(|value| !is_lone_undefined(value))
        .map(|value| Value::Bool(truthy(Some(value)))))
}

/// jsonata-js's `$boolean` of a one-item array is that of its item, so for an `undefined`
/// item (`$boolean($match("b", /(x)?b/).groups)`) it is undefined.
fn is_lone_undefined(value: &Value) -> bool {
    match value {
        Value::Undefined => true,
        Value::Array(array) => {
            matches!(array.items.as_slice(), [single] if is_lone_undefined(single))
        }
        _ => false,
    }
}

pub(crate) fn not(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(arg(args, 0).map(|value| Value::Bool(!truthy(Some(value)))))
}

pub(crate) fn exists(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(Some(Value::Bool(arg(args, 0).is_some())))
}
