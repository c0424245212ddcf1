//! `JSON.stringify` as `$string` uses it: numbers to 15 significant digits, functions as `""`.

use std::fmt::Write as _;

use super::Value;
use super::convert::MAX_VALUE_DEPTH;
use super::number::{format_js, to_precision_15};
use crate::error::EvaluationError;
use crate::stack::value_level;

/// Serializes `value`; `pretty` indents by two spaces.
pub(crate) fn stringify(value: &Value, pretty: bool) -> Result<String, EvaluationError> {
    let mut out = String::new();
    write_value(&mut out, value, pretty, 0)?;
    Ok(out)
}

fn write_value(
    out: &mut String,
    value: &Value,
    pretty: bool,
    depth: usize,
) -> Result<(), EvaluationError> {
    if depth > MAX_VALUE_DEPTH {
        return Err(EvaluationError::new(
            "U1004",
            "value nested too deeply to serialize",
        ));
    }
    match value {
        Value::Null | Value::Undefined => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => {
            if !number.is_finite() {
                return Err(EvaluationError::new(
                    "D1001",
                    "number out of range: the value is not a finite number",
                ));
            }
            // Rounding to 15 digits can overflow (`1.7976931348623157e308`); JSONata then
            // stringifies `Infinity`, which `JSON.stringify` prints as null.
            let rounded = to_precision_15(*number);
            if rounded.is_finite() {
                out.push_str(&format_js(rounded));
            } else {
                out.push_str("null");
            }
        }
        Value::String(text) => write_string(out, text),
        Value::Function(_) => out.push_str("\"\""),
        Value::Array(array) => {
            if array.items.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (index, item) in array.items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                newline(out, pretty, depth + 1);
                value_level(|| write_value(out, item, pretty, depth + 1))?;
            }
            newline(out, pretty, depth);
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            out.push('{');
            for (index, (key, item)) in map.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                newline(out, pretty, depth + 1);
                write_string(out, key);
                out.push(':');
                if pretty {
                    out.push(' ');
                }
                value_level(|| write_value(out, item, pretty, depth + 1))?;
            }
            newline(out, pretty, depth);
            out.push('}');
        }
    }
    Ok(())
}

fn newline(out: &mut String, pretty: bool, depth: usize) {
    if pretty {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
}

/// A JSON string literal with `JSON.stringify`'s escapes.
pub(crate) fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ch if u32::from(ch) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(ch));
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
}
