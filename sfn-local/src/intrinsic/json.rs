//! `States.StringToJson`, `States.JsonToString` and `States.JsonMerge`.

use serde_json::Value;

use super::Invocation;
use crate::data::read_json;
use crate::error::RuntimeError;

/// Parses a JSON text. AWS gives `null` for an empty or blank string.
pub(super) fn string_to_json(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let text = call.string(0)?;
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    // As AWS reads it: `-0` is the integer 0 (recorded), `-0.0` the float.
    read_json(text).map_err(|error| call.fail(format!("the string is not valid JSON ({error})")))
}

/// The compact JSON text of a value.
pub(super) fn json_to_string(call: &Invocation<'_>) -> Value {
    Value::String(call.arg(0).to_string())
}

/// Merges two objects shallowly: the second one's members win and nested objects are
/// replaced whole. AWS supports only this mode and documents that the flag must be `false`,
/// so a `true` flag (written or read from a path) is refused rather than merged deeply.
pub(super) fn json_merge(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let mut merged = call.object(0)?.clone();
    let overrides = call.object(1)?;
    if call.boolean(2)? {
        return Err(call.fail(
            "argument 3 must be false: Step Functions supports only the shallow merging mode",
        ));
    }
    merged.extend(
        overrides
            .iter()
            .map(|(key, value)| (key.clone(), value.clone())),
    );
    Ok(Value::Object(merged))
}
