//! Conversion between `serde_json::Value` and runtime values.

use std::rc::Rc;

use serde_json::{Map, Number};

use super::{Array, Object, Value};
use crate::error::EvaluationError;
use crate::stack::value_level;

/// Deepest nesting of arrays and objects accepted in and produced by evaluation.
pub(crate) const MAX_VALUE_DEPTH: usize = 1000;

/// Converts JSON data into a runtime value.
pub(crate) fn from_json(value: &serde_json::Value) -> Result<Value, EvaluationError> {
    from_json_at(value, 0)
}

fn from_json_at(value: &serde_json::Value, depth: usize) -> Result<Value, EvaluationError> {
    if depth > MAX_VALUE_DEPTH {
        return Err(too_deep());
    }
    Ok(match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(flag) => Value::Bool(*flag),
        serde_json::Value::Number(number) => Value::Number(number.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(text) => Value::string(text.as_str()),
        serde_json::Value::Array(items) => Value::Array(Rc::new(Array::new(
            items
                .iter()
                .map(|item| value_level(|| from_json_at(item, depth + 1)))
                .collect::<Result<_, _>>()?,
        ))),
        serde_json::Value::Object(map) => Value::Object(Rc::new(
            map.iter()
                .map(|(key, item)| {
                    let item = value_level(|| from_json_at(item, depth + 1))?;
                    Ok((Rc::from(key.as_str()), item))
                })
                .collect::<Result<Object, EvaluationError>>()?,
        )),
    })
}

/// Converts a runtime value to JSON. Functions have no JSON form and are an error, which
/// says where the function is when it is inside an array or object.
pub(crate) fn to_json(value: &Value) -> Result<serde_json::Value, EvaluationError> {
    to_json_at(value, 0).map_err(|error| match (error.code(), value) {
        ("T0500", Value::Array(_) | Value::Object(_)) => {
            let mut pointer = String::new();
            function_pointer(value, &mut pointer, 0);
            EvaluationError::new(
                "T0500",
                format!(
                    "the result holds a function at {pointer}, which has no JSON representation"
                ),
            )
        }
        _ => error,
    })
}

/// Appends to `pointer` the JSON pointer of the first function inside `value` (in
/// document order); `false` when there is none. Only called after conversion met one, so
/// within the depth conversion allows.
fn function_pointer(value: &Value, pointer: &mut String, depth: usize) -> bool {
    if depth > MAX_VALUE_DEPTH {
        return false;
    }
    let length = pointer.len();
    let found = match value {
        Value::Function(_) => return true,
        Value::Array(array) => array.items.iter().enumerate().any(|(index, item)| {
            pointer.truncate(length);
            pointer.push('/');
            pointer.push_str(&index.to_string());
            value_level(|| function_pointer(item, pointer, depth + 1))
        }),
        Value::Object(map) => map.iter().any(|(key, item)| {
            pointer.truncate(length);
            pointer.push('/');
            pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            value_level(|| function_pointer(item, pointer, depth + 1))
        }),
        _ => false,
    };
    if !found {
        pointer.truncate(length);
    }
    found
}

fn to_json_at(value: &Value, depth: usize) -> Result<serde_json::Value, EvaluationError> {
    if depth > MAX_VALUE_DEPTH {
        return Err(too_deep());
    }
    Ok(match value {
        // `JSON.stringify` writes an `undefined` array item as null.
        Value::Null | Value::Undefined => serde_json::Value::Null,
        Value::Bool(flag) => serde_json::Value::Bool(*flag),
        // `JSON.stringify` prints non-finite numbers (from `1/0`) as null.
        Value::Number(number) => {
            json_number(*number).map_or(serde_json::Value::Null, serde_json::Value::Number)
        }
        Value::String(text) => serde_json::Value::String(text.to_string()),
        Value::Array(array) => {
            // A one-item sequence that survived to the output (kept as an array on purpose)
            // is still an array; sequences never hold tuples at this point.
            serde_json::Value::Array(
                array
                    .items
                    .iter()
                    .map(|item| value_level(|| to_json_at(item, depth + 1)))
                    .collect::<Result<_, _>>()?,
            )
        }
        Value::Object(map) => {
            let mut object = Map::with_capacity(map.len());
            for (key, item) in map.iter() {
                let item = value_level(|| to_json_at(item, depth + 1))?;
                object.insert(key.to_string(), item);
            }
            serde_json::Value::Object(object)
        }
        Value::Function(_) => {
            return Err(EvaluationError::new(
                "T0500",
                "the expression produced a function, which has no JSON representation",
            ));
        }
    })
}

/// A finite number as JSON, integers without a fraction.
pub(crate) fn json_number(number: f64) -> Result<Number, EvaluationError> {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "only integral values within the i64 range are converted"
    )]
    if number.fract() == 0.0 && number.abs() < 9.007_199_254_740_992e15 {
        return Ok(Number::from(number as i64));
    }
    Number::from_f64(number).ok_or_else(|| {
        EvaluationError::new(
            "D1001",
            "number out of range: the result is not a finite number",
        )
    })
}

fn too_deep() -> EvaluationError {
    EvaluationError::new(
        "U1004",
        format!("value nested more than {MAX_VALUE_DEPTH} levels deep"),
    )
}

#[cfg(test)]
mod tests {
    use crate::{Environment, parse};

    /// A function as the result is `T0500`; one inside an array or object is too, and the
    /// message says where it is.
    #[test]
    fn a_function_in_the_result_is_an_error_naming_where_it_is() {
        let env = Environment::new();
        let error = |text: &str| {
            parse(text)
                .expect("parses")
                .evaluate(None, &env)
                .expect_err("a function has no JSON form")
        };
        let top = error("$sum");
        assert_eq!(top.code(), "T0500");
        assert_eq!(
            top.message(),
            "the expression produced a function, which has no JSON representation"
        );
        let nested = error("[1, {'a/b': [2, $sum]}]");
        assert_eq!(nested.code(), "T0500");
        assert_eq!(
            nested.message(),
            "the result holds a function at /1/a~1b/1, which has no JSON representation"
        );
    }
}
