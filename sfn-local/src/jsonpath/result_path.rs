//! `ResultPath`: placing a result into a copy of the state's raw input.

use serde_json::{Map, Value};
use sfn_dsl::expr::jsonpath::{self, Path, Root, Segment, Selector};

use super::PathError;
use crate::error::RuntimeError;

/// Places `result` at `path` in a copy of `input`, creating missing intermediate objects.
/// `$` replaces the input entirely.
///
/// # Errors
///
/// The input (or an intermediate value) cannot hold the path: a member step on something
/// that is not an object, an index step on something that is not an array or past its end,
/// or a path that is not a reference path from `$`.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::expr::jsonpath::parse;
/// use sfn_local::jsonpath::set;
///
/// let output = set(&json!({"a": 1}), &parse("$.b.c").unwrap(), json!(2)).unwrap();
/// assert_eq!(output, json!({"a": 1, "b": {"c": 2}}));
/// assert!(set(&json!("foo"), &parse("$.x").unwrap(), json!(1)).is_err());
/// ```
pub fn set(input: &Value, path: &Path, result: Value) -> Result<Value, PathError> {
    if path.root != Root::Input {
        return Err(PathError::new("a result path must start with `$`"));
    }
    let Some((last, steps)) = path.segments.split_last() else {
        return Ok(result);
    };
    let mut output = input.clone();
    let mut node = &mut output;
    for (position, segment) in steps.iter().enumerate() {
        node = match (segment, node) {
            (Segment::Child(Selector::Name(name)), Value::Object(map)) => map
                .entry(name.clone())
                .or_insert_with(|| Value::Object(Map::new())),
            (Segment::Child(Selector::Index(index)), Value::Array(items)) => {
                let length = items.len();
                resolve(*index, length)
                    .and_then(|item| items.get_mut(item))
                    .ok_or_else(|| {
                        PathError::new(format!("index {index} is outside an array of {length}"))
                    })?
            }
            (segment, node) => return Err(mismatch(segment, node, position)),
        };
    }
    match (last, node) {
        (Segment::Child(Selector::Name(name)), Value::Object(map)) => {
            map.insert(name.clone(), result);
        }
        (Segment::Child(Selector::Index(index)), Value::Array(items)) => {
            let length = items.len();
            let slot = resolve(*index, length)
                .and_then(|item| items.get_mut(item))
                .ok_or_else(|| {
                    PathError::new(format!("index {index} is outside an array of {length}"))
                })?;
            *slot = result;
        }
        (segment, node) => return Err(mismatch(segment, node, steps.len())),
    }
    Ok(output)
}

fn mismatch(segment: &Segment, node: &Value, position: usize) -> PathError {
    PathError::new(match segment {
        Segment::Child(Selector::Name(_) | Selector::Index(_)) => format!(
            "step {} ({segment}) cannot be applied to {}",
            position + 1,
            kind(node)
        ),
        _ => format!("{segment} can select several nodes"),
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn resolve(index: i64, length: usize) -> Option<usize> {
    let length = i64::try_from(length).ok()?;
    let resolved = if index < 0 { length + index } else { index };
    usize::try_from(resolved).ok().filter(|_| resolved < length)
}

/// Applies a `ResultPath` (as text) to the state's raw input.
///
/// # Errors
///
/// `States.ResultPathMatchFailure` with the cause
/// `Unable to apply ReferencePath <path> to input <input>` when the path cannot be placed in
/// the input (for example the input is the string `"foo"` and the path `$.x`).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::jsonpath::apply_result_path;
///
/// let output = apply_result_path(&json!({"x": 1}), "$.result", json!([1, 2]))?;
/// assert_eq!(output, json!({"x": 1, "result": [1, 2]}));
/// let error = apply_result_path(&json!("foo"), "$.x", json!(1)).unwrap_err();
/// assert_eq!(error.error, "States.ResultPathMatchFailure");
/// assert_eq!(error.cause, "Unable to apply ReferencePath $.x to input \"foo\"");
/// # Ok::<(), sfn_local::error::RuntimeError>(())
/// ```
pub fn apply_result_path(
    input: &Value,
    result_path: &str,
    result: Value,
) -> Result<Value, RuntimeError> {
    let failure = || {
        RuntimeError::new(
            RuntimeError::RESULT_PATH_MATCH_FAILURE,
            format!("Unable to apply ReferencePath {result_path} to input {input}"),
        )
    };
    let path = jsonpath::parse(result_path).map_err(|_| failure())?;
    set(input, &path, result).map_err(|_| failure())
}
