//! JSON text as Python's `json.dumps` writes it (`", "` and `": "` separators, non-ASCII
//! escaped): the form of Lambda error causes in the recordings.

use std::fmt::Write;

use serde_json::Value;

/// `json.dumps(value)`.
pub(crate) fn dumps(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, false);
    out
}

/// `json.dumps(value, sort_keys=True)`.
pub(crate) fn dumps_sorted(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, true);
    out
}

fn write_value(out: &mut String, value: &Value, sort_keys: bool) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => out.push_str(&number.to_string()),
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_value(out, item, sort_keys);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            if sort_keys {
                // Python compares code points; UTF-8 byte order is the same order.
                members.sort_by(|left, right| left.0.cmp(right.0));
            }
            for (index, (key, item)) in members.into_iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_string(out, key);
                out.push_str(": ");
                write_value(out, item, sort_keys);
            }
            out.push('}');
        }
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buffer = [0u16; 2];
                for unit in c.encode_utf16(&mut buffer) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::{dumps, dumps_sorted};
    use serde_json::json;

    #[test]
    fn sorts_keys_on_request() {
        assert_eq!(
            dumps_sorted(&json!({"b": {"z": 1, "a": [{"y": 2, "x": 3}]}, "a": null})),
            r#"{"a": null, "b": {"a": [{"x": 3, "y": 2}], "z": 1}}"#
        );
    }

    #[test]
    fn matches_python_formatting() {
        assert_eq!(
            dumps(&json!({"errorMessage": "é", "stackTrace": ["a\n", 1]})),
            r#"{"errorMessage": "\u00e9", "stackTrace": ["a\n", 1]}"#
        );
    }
}
