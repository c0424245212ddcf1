//! Service quotas the executor enforces, and the size of JSON payloads.

use serde_json::Value;

/// The quotas a run enforces. The defaults are AWS's.
///
/// # Examples
///
/// ```
/// use sfn_local::Limits;
///
/// let limits = Limits { max_history_events: Some(1_000_000), ..Limits::default() };
/// assert_eq!(limits.max_payload_bytes, 262_144);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest input, output, result or variable, in bytes of JSON text (256 KiB).
    pub max_payload_bytes: usize,
    /// The most history events a Standard execution may have (25,000); `None` for no
    /// limit. Express workflows have none. A run that would record more fails with
    /// `States.Runtime`, its `ExecutionFailed` being the last event the limit allows.
    pub max_history_events: Option<u64>,
    /// The total size of all variables of an execution (10 MiB).
    pub max_variables_bytes: usize,
    /// How deeply Parallel and Map states may nest before the run fails.
    pub max_nesting: usize,
    /// The most state transitions one state list may make (1,000,000): the machine's own
    /// list, each Parallel branch, each Map iteration and Distributed Map child apart;
    /// `None` for no limit. Not an AWS quota but a guard of this executor: its time is
    /// virtual and does not pass while Pass and Choice states run, so a loop whose exit is
    /// never taken would run forever where AWS ends it (by the 25,000-event history of a
    /// Standard execution, which comes first, or by the five minutes of an Express one).
    /// The run fails with `States.Runtime` naming this limit.
    pub max_state_transitions: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_payload_bytes: 262_144,
            max_history_events: Some(25_000),
            max_variables_bytes: 10 * 1024 * 1024,
            max_nesting: 64,
            max_state_transitions: Some(1_000_000),
        }
    }
}

/// The length in bytes of `value` written as compact JSON, computed without writing it.
pub(crate) fn json_size(value: &Value) -> usize {
    match value {
        Value::Null | Value::Bool(true) => 4,
        Value::Bool(false) => 5,
        Value::Number(number) => number_size(number),
        Value::String(text) => string_size(text),
        Value::Array(items) => {
            2 + items.iter().map(json_size).sum::<usize>() + items.len().saturating_sub(1)
        }
        Value::Object(map) => {
            2 + map
                .iter()
                .map(|(key, value)| string_size(key) + 1 + json_size(value))
                .sum::<usize>()
                + map.len().saturating_sub(1)
        }
    }
}

fn number_size(number: &serde_json::Number) -> usize {
    if let Some(value) = number.as_u64() {
        digits(value)
    } else if let Some(value) = number.as_i64() {
        1 + digits(value.unsigned_abs())
    } else {
        number.to_string().len()
    }
}

fn digits(mut value: u64) -> usize {
    let mut count = 1;
    while value >= 10 {
        value /= 10;
        count += 1;
    }
    count
}

fn string_size(text: &str) -> usize {
    2 + text
        .bytes()
        .map(|byte| match byte {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::json_size;
    use serde_json::json;

    #[test]
    fn sizes_match_serialized_length() {
        for value in [
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(-1234),
            json!(1.5),
            json!(u64::MAX),
            json!("a\"b\\c\nd\u{1}é"),
            json!([]),
            json!({}),
            json!({"a": [1, 2, {"b": null}], "c": "d"}),
        ] {
            assert_eq!(json_size(&value), value.to_string().len(), "{value}");
        }
    }
}
