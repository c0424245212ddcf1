//! Jayway's path functions (`$.items.length()`).

use serde_json::{Number, Value};
use sfn_dsl::expr::jsonpath::Function;

use super::PathError;

/// Applies `function` to what the path before it selected.
pub(super) fn apply(function: Function, argument: &Value) -> Result<Value, PathError> {
    match function {
        Function::Length => match argument {
            Value::Array(items) => Ok(Value::from(items.len())),
            Value::Object(map) => Ok(Value::from(map.len())),
            Value::String(text) => Ok(Value::from(text.chars().count())),
            _ => Err(PathError::new(format!(
                "Function length() can not be applied to {argument}"
            ))),
        },
        Function::Keys => match argument {
            Value::Object(map) => Ok(Value::Array(
                map.keys().cloned().map(Value::String).collect(),
            )),
            _ => Err(PathError::new(
                "Function keys() can only be applied to objects",
            )),
        },
        Function::First | Function::Last => match argument {
            Value::Array(items) => {
                let item = if function == Function::First {
                    items.first()
                } else {
                    items.last()
                };
                item.cloned().ok_or_else(|| {
                    PathError::new(format!(
                        "Function {}() was applied to an empty array",
                        function.name()
                    ))
                })
            }
            _ => Err(PathError::new(format!(
                "Function {}() can only be applied to arrays",
                function.name()
            ))),
        },
        Function::Min | Function::Max | Function::Avg | Function::Stddev | Function::Sum => {
            aggregate(function, argument)
        }
        _ => Err(PathError::new(format!(
            "Function {}() is not supported",
            function.name()
        ))),
    }
}

fn aggregate(function: Function, argument: &Value) -> Result<Value, PathError> {
    let numbers: Vec<f64> = match argument {
        Value::Array(items) => items.iter().filter_map(Value::as_f64).collect(),
        _ => Vec::new(),
    };
    if numbers.is_empty() {
        return Err(PathError::new(
            "Aggregation function attempted to calculate value using empty array",
        ));
    }
    #[expect(
        clippy::cast_precision_loss,
        reason = "array lengths are far below 2^52"
    )]
    let count = numbers.len() as f64;
    let sum: f64 = numbers.iter().sum();
    let result = match function {
        Function::Min => numbers.iter().copied().fold(f64::INFINITY, f64::min),
        Function::Max => numbers.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        Function::Avg => sum / count,
        Function::Stddev => {
            let mean = sum / count;
            (numbers.iter().map(|n| (n - mean).powi(2)).sum::<f64>() / count).sqrt()
        }
        _ => sum,
    };
    Number::from_f64(result)
        .map(Value::Number)
        .ok_or_else(|| PathError::new("Aggregation function produced a value that is not a number"))
}
