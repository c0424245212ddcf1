//! String functions (the pattern-based ones are in `pattern`).

use super::{arg, number_arg, string_arg};
use crate::error::EvaluationError;
use crate::eval::{Evaluator, Res};
use crate::value::Value;
use crate::value::json::stringify;

/// `$string` without prettifying: strings unchanged, functions as `""`, others as JSON.
pub(crate) fn to_string(value: &Value) -> Result<String, EvaluationError> {
    match value {
        Value::String(text) => Ok(text.to_string()),
        Value::Function(_) => Ok(String::new()),
        Value::Number(number) if !number.is_finite() => Err(EvaluationError::new(
            "D3001",
            "attempting to invoke string function on Infinity or NaN",
        )),
        Value::Array(array) if array.outer_wrapper => match array.items.first() {
            Some(first) => stringify(first, false),
            None => Ok("[]".to_string()),
        },
        other => stringify(other, false),
    }
}

pub(crate) fn string(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(value) = arg(args, 0) else {
        return Ok(None);
    };
    let pretty = matches!(arg(args, 1), Some(Value::Bool(true)));
    let text = match value {
        Value::String(_) | Value::Function(_) | Value::Number(_) => to_string(value)?,
        Value::Array(array) if array.outer_wrapper => match array.items.first() {
            Some(first) => stringify(first, pretty)?,
            None => "[]".to_string(),
        },
        other => stringify(other, pretty)?,
    };
    Ok(Some(Value::string(text)))
}

/// `Array.prototype.slice` bounds over `len` items.
fn slice_bounds(start: f64, end: Option<f64>, len: usize) -> (usize, usize) {
    #[expect(
        clippy::cast_precision_loss,
        reason = "string lengths are far below 2^52"
    )]
    let length = len as f64;
    let clamp = |position: f64| -> usize {
        let position = if position.is_nan() {
            0.0
        } else {
            position.trunc()
        };
        let position = if position < 0.0 {
            (length + position).max(0.0)
        } else {
            position.min(length)
        };
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to 0..=len"
        )]
        let index = position as usize;
        index
    };
    let from = clamp(start);
    let to = end.map_or(len, clamp);
    (from, to.max(from))
}

pub(crate) fn substring(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    let chars: Vec<char> = text.chars().collect();
    #[expect(
        clippy::cast_precision_loss,
        reason = "string lengths are far below 2^52"
    )]
    let length = chars.len() as f64;
    // An undefined start with a length selects nothing, as `slice(undefined, NaN)` does.
    if arg(args, 1).is_none() && arg(args, 2).is_some() {
        return Ok(Some(Value::string("")));
    }
    let mut start = number_arg(args, 1).unwrap_or(0.0);
    if length + start < 0.0 {
        start = 0.0;
    }
    let end = match number_arg(args, 2) {
        Some(count) if count <= 0.0 => return Ok(Some(Value::string(""))),
        Some(count) => Some(if start >= 0.0 {
            start + count
        } else {
            length + start + count
        }),
        None => None,
    };
    let (from, to) = slice_bounds(start, end, chars.len());
    Ok(Some(Value::string(
        chars
            .get(from..to)
            .unwrap_or(&[])
            .iter()
            .collect::<String>(),
    )))
}

pub(crate) fn substring_before(
    _: &Evaluator<'_>,
    args: &[Option<Value>],
    _: Option<&Value>,
) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    let Some(chars) = string_arg(args, 1) else {
        return Ok(Some(Value::string(text)));
    };
    Ok(Some(Value::string(match text.find(chars) {
        Some(position) => text.get(..position).unwrap_or(text),
        None => text,
    })))
}

pub(crate) fn substring_after(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    let Some(chars) = string_arg(args, 1) else {
        return Ok(Some(Value::string(text)));
    };
    Ok(Some(Value::string(match text.find(chars) {
        Some(position) => text.get(position + chars.len()..).unwrap_or(""),
        None => text,
    })))
}

pub(crate) fn lowercase(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(string_arg(args, 0).map(|text| Value::string(text.to_lowercase())))
}

pub(crate) fn uppercase(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(string_arg(args, 0).map(|text| Value::string(text.to_uppercase())))
}

pub(crate) fn length(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    #[expect(
        clippy::cast_precision_loss,
        reason = "string lengths are far below 2^52"
    )]
    Ok(string_arg(args, 0).map(|text| Value::Number(text.chars().count() as f64)))
}

pub(crate) fn trim(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    let mut result = String::with_capacity(text.len());
    let mut in_space = false;
    for ch in text.chars() {
        if matches!(ch, ' ' | '\t' | '\n' | '\r') {
            if !in_space {
                result.push(' ');
            }
            in_space = true;
        } else {
            result.push(ch);
            in_space = false;
        }
    }
    let result = result.strip_prefix(' ').unwrap_or(&result);
    let result = result.strip_suffix(' ').unwrap_or(result);
    Ok(Some(Value::string(result)))
}

pub(crate) fn pad(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    let width = number_arg(args, 1).unwrap_or(0.0);
    let padding_chars: Vec<char> = string_arg(args, 2)
        .filter(|p| !p.is_empty())
        .unwrap_or(" ")
        .chars()
        .collect();
    #[expect(
        clippy::cast_precision_loss,
        reason = "string lengths are far below 2^52"
    )]
    let missing = width.abs() - text.chars().count() as f64;
    if missing <= 0.0 || missing.is_nan() {
        return Ok(Some(Value::string(text)));
    }
    if missing.fract() != 0.0 && missing.is_finite() {
        // jsonata-js makes an array of that length, which JavaScript refuses.
        return Err(EvaluationError::new(
            "D3002",
            format!(
                "the width of $pad must be an integer; jsonata-js fails with \
                 \"Invalid array length\" (got {})",
                crate::value::describe(&Value::Number(width))
            ),
        ));
    }
    #[expect(clippy::cast_precision_loss, reason = "limits are far below 2^52")]
    if missing > evaluator.limits.max_items as f64 {
        return Err(EvaluationError::new(
            "D2014",
            "the padded string would exceed the size limit",
        ));
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked positive and bounded"
    )]
    let missing = missing as usize;
    let padding: String = padding_chars.iter().cycle().take(missing).collect();
    Ok(Some(Value::string(if width > 0.0 {
        format!("{text}{padding}")
    } else {
        format!("{padding}{text}")
    })))
}

pub(crate) fn join(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(strings) = arg(args, 0) else {
        return Ok(None);
    };
    let separator = string_arg(args, 1).unwrap_or("");
    let parts: Vec<&str> = strings.items().iter().filter_map(Value::as_str).collect();
    let result = parts.join(separator);
    evaluator.check_size(result.len())?;
    Ok(Some(Value::string(result)))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::functions::test_support::evaluate;

    /// jsonata-js 2.0.6 makes an array as long as the padding, and JavaScript refuses a
    /// length that is not an integer ("Invalid array length"); the width was rounded down.
    #[test]
    fn pad_refuses_a_width_that_leaves_fractional_padding() {
        for text in [
            "$pad('a', 4.7)",
            "$pad('a', -4.7)",
            "$pad('foo', 5.7, ' ')",
            "$pad('a', 1.5)",
        ] {
            let error = evaluate(text).expect_err("refused");
            assert_eq!(error.code(), "D3002", "{text}");
        }
        // No padding to make, or a whole number of characters: as before.
        assert_eq!(
            evaluate("$pad('abc', 1.5)").expect("pads"),
            Some(json!("abc"))
        );
        assert_eq!(
            evaluate("$pad('a', 3.0, 'xy')").expect("pads"),
            Some(json!("axy"))
        );
        assert_eq!(evaluate("$pad('a', -3)").expect("pads"), Some(json!("  a")));
    }
}
