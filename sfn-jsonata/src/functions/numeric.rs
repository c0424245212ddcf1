//! Numeric functions and aggregates.

use super::{arg, number_arg};
use crate::error::EvaluationError;
use crate::eval::{Evaluator, Res};
use crate::value::Value;
use crate::value::number::format_js;

fn numbers(args: &[Option<Value>]) -> Option<Vec<f64>> {
    arg(args, 0).map(|value| value.items().iter().filter_map(Value::as_number).collect())
}

pub(crate) fn sum(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(numbers(args).map(|numbers| Value::Number(numbers.iter().sum())))
}

pub(crate) fn count(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    #[expect(clippy::cast_precision_loss, reason = "lengths are far below 2^52")]
    Ok(Some(Value::Number(
        arg(args, 0).map_or(0, |value| value.items().len()) as f64,
    )))
}

pub(crate) fn max(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(numbers(args)
        .and_then(|numbers| numbers.into_iter().reduce(f64::max))
        .map(Value::Number))
}

pub(crate) fn min(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(numbers(args)
        .and_then(|numbers| numbers.into_iter().reduce(f64::min))
        .map(Value::Number))
}

pub(crate) fn average(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    #[expect(clippy::cast_precision_loss, reason = "lengths are far below 2^52")]
    Ok(numbers(args)
        .filter(|numbers| !numbers.is_empty())
        .map(|numbers| Value::Number(numbers.iter().sum::<f64>() / numbers.len() as f64)))
}

/// `$number`: numbers, numeric strings (also `0x`, `0o`, `0b`), and booleans.
pub(crate) fn number(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(value) = arg(args, 0) else {
        return Ok(None);
    };
    let result = match value {
        Value::Number(number) => Some(*number),
        Value::Bool(flag) => Some(if *flag { 1.0 } else { 0.0 }),
        Value::String(text) => parse_number(text),
        _ => None,
    };
    match result {
        Some(number) => Ok(Some(Value::Number(number))),
        None => Err(EvaluationError::new(
            "D3030",
            format!(
                "unable to cast value to a number: {}",
                crate::value::describe(value)
            ),
        )),
    }
}

fn parse_number(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let radix = match (bytes.first(), bytes.get(1)) {
        (Some(b'0'), Some(b'x' | b'X')) => Some(16),
        (Some(b'0'), Some(b'o' | b'O')) => Some(8),
        (Some(b'0'), Some(b'b' | b'B')) => Some(2),
        _ => None,
    };
    if let Some(radix) = radix {
        let digits = text.get(2..)?;
        if digits.is_empty() {
            return None;
        }
        #[expect(
            clippy::cast_precision_loss,
            reason = "JavaScript converts through doubles too"
        )]
        return u128::from_str_radix(digits, radix).ok().map(|n| n as f64);
    }
    // `^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$`
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let mantissa_end = unsigned.find(['e', 'E']).unwrap_or(unsigned.len());
    let (mantissa, exponent) = unsigned.split_at(mantissa_end);
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|fraction| !digits(fraction)) {
        return None;
    }
    if let Some(exponent) = exponent.get(1..) {
        let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if !digits(exponent) {
            return None;
        }
    }
    text.parse::<f64>().ok().filter(|number| number.is_finite())
}

pub(crate) fn floor(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(number_arg(args, 0).map(|n| Value::Number(n.floor())))
}

pub(crate) fn ceil(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(number_arg(args, 0).map(|n| Value::Number(n.ceil())))
}

pub(crate) fn abs(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(number_arg(args, 0).map(|n| Value::Number(n.abs())))
}

pub(crate) fn sqrt(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(number) = number_arg(args, 0) else {
        return Ok(None);
    };
    if number < 0.0 {
        return Err(EvaluationError::new(
            "D3060",
            format!(
                "the sqrt function cannot be applied to a negative number: {}",
                format_js(number)
            ),
        ));
    }
    Ok(Some(Value::Number(number.sqrt())))
}

pub(crate) fn power(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let (Some(base), Some(exponent)) = (number_arg(args, 0), number_arg(args, 1)) else {
        return Ok(None);
    };
    let result = base.powf(exponent);
    if !result.is_finite() {
        return Err(EvaluationError::new(
            "D3061",
            format!(
                "the power function has resulted in a value that cannot be represented as a JSON number: base={}, exponent={}",
                format_js(base),
                format_js(exponent)
            ),
        ));
    }
    Ok(Some(Value::Number(result)))
}

pub(crate) fn random(evaluator: &Evaluator<'_>, _: &[Option<Value>], _: Option<&Value>) -> Res {
    Ok(Some(Value::Number(evaluator.random())))
}

/// `Math.round`: halves round towards positive infinity.
fn js_round(value: f64) -> f64 {
    let floor = value.floor();
    if value - floor >= 0.5 {
        floor + 1.0
    } else {
        floor
    }
}

/// Shifts the decimal point of `value` by `places` through its decimal text, as JSONata
/// does to avoid binary rounding errors.
fn shift(value: f64, places: i64) -> f64 {
    let text = format_js(value);
    let (mantissa, exponent) = match text.split_once('e') {
        Some((mantissa, exponent)) => (mantissa.to_string(), exponent.parse::<i64>().unwrap_or(0)),
        None => (text.clone(), 0),
    };
    format!("{mantissa}e{}", exponent + places)
        .parse()
        .unwrap_or(value)
}

/// `$round`: half to even, at `precision` decimal places.
pub(crate) fn round(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(value) = number_arg(args, 0) else {
        return Ok(None);
    };
    #[expect(
        clippy::cast_possible_truncation,
        reason = "precision is a small integer in practice"
    )]
    let precision = number_arg(args, 1)
        .map_or(0, |p| p.trunc() as i64)
        .clamp(-400, 400);
    Ok(Some(Value::Number(round_to(value, precision))))
}

/// Rounds half to even at zero decimal places.
pub(crate) fn round_half_even(value: f64) -> f64 {
    round_to(value, 0)
}

/// Rounds half to even at `precision` decimal places, shifting through decimal text.
pub(crate) fn round_to(mut value: f64, precision: i64) -> f64 {
    if precision != 0 {
        value = shift(value, precision);
    }
    let mut result = js_round(value);
    let diff = result - value;
    #[expect(clippy::float_cmp, reason = "JSONata tests for an exact tie")]
    let tie = diff.abs() == 0.5 && (result % 2.0).abs() == 1.0;
    if tie {
        result -= 1.0;
    }
    if precision != 0 {
        result = shift(result, -precision);
    }
    if result == 0.0 {
        result = 0.0;
    }
    result
}
