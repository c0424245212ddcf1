//! `$formatNumber`: `XPath` `format-number` pictures (F&O 3.1 §4.7).

use std::rc::Rc;

use super::numeric::round_to;
use super::{arg, number_arg, string_arg};
use crate::error::EvaluationError;
use crate::eval::{Evaluator, Res};
use crate::value::Value;

struct Properties {
    decimal: char,
    grouping: char,
    exponent: char,
    minus: String,
    percent: char,
    per_mille: char,
    zero: char,
    digit: char,
    pattern: char,
}

/// The one-character options, with the code jsonata-js raises when one is an empty
/// string: its checks look for the empty string, find it everywhere, and fail the check
/// that option takes part in (for most pictures; the last failed check wins there).
const ONE_CHARACTER_OPTIONS: [(&str, &str); 8] = [
    ("decimal-separator", "D3081"),
    ("grouping-separator", "D3089"),
    ("exponent-separator", "D3093"),
    ("percent", "D3082"),
    ("per-mille", "D3083"),
    ("zero-digit", "D3085"),
    ("digit", "D3086"),
    ("pattern-separator", "D3080"),
];

impl Properties {
    /// The default properties with `options` applied.
    ///
    /// # Errors
    ///
    /// An option of [`ONE_CHARACTER_OPTIONS`] given as an empty string, with its code.
    fn from_options(options: Option<&Value>) -> Result<Self, EvaluationError> {
        if let Some(Value::Object(map)) = options {
            for (key, code) in ONE_CHARACTER_OPTIONS {
                if map.get(key).and_then(Value::as_str) == Some("") {
                    return Err(error(
                        code,
                        &format!("the '{key}' option of $formatNumber must not be empty"),
                    ));
                }
            }
        }
        Ok(Self::with_options(options))
    }

    fn with_options(options: Option<&Value>) -> Self {
        let mut properties = Properties {
            decimal: '.',
            grouping: ',',
            exponent: 'e',
            minus: "-".to_string(),
            percent: '%',
            per_mille: '\u{2030}',
            zero: '0',
            digit: '#',
            pattern: ';',
        };
        if let Some(Value::Object(map)) = options {
            let get = |key: &str| {
                map.get(key)
                    .and_then(Value::as_str)
                    .and_then(|text| text.chars().next())
            };
            let pairs: [(&str, &mut char); 8] = [
                ("decimal-separator", &mut properties.decimal),
                ("grouping-separator", &mut properties.grouping),
                ("exponent-separator", &mut properties.exponent),
                ("percent", &mut properties.percent),
                ("per-mille", &mut properties.per_mille),
                ("zero-digit", &mut properties.zero),
                ("digit", &mut properties.digit),
                ("pattern-separator", &mut properties.pattern),
            ];
            for (key, slot) in pairs {
                if let Some(ch) = get(key) {
                    *slot = ch;
                }
            }
            if let Some(minus) = map.get("minus-sign").and_then(Value::as_str) {
                properties.minus = minus.to_string();
            }
        }
        properties
    }

    fn is_digit(&self, ch: char) -> bool {
        let zero = u32::from(self.zero);
        (zero..zero + 10).contains(&u32::from(ch))
    }

    fn is_active(&self, ch: char) -> bool {
        self.is_digit(ch)
            || [
                self.decimal,
                self.exponent,
                self.grouping,
                self.digit,
                self.pattern,
            ]
            .contains(&ch)
    }
}

struct Parts {
    prefix: Vec<char>,
    suffix: Vec<char>,
    active: Vec<char>,
    mantissa: Vec<char>,
    exponent: Option<Vec<char>>,
    integer: Vec<char>,
    fraction: Vec<char>,
    picture: Vec<char>,
}

fn find(haystack: &[char], needle: char) -> Option<usize> {
    haystack.iter().position(|&c| c == needle)
}

fn rfind(haystack: &[char], needle: char) -> Option<usize> {
    haystack.iter().rposition(|&c| c == needle)
}

fn split_parts(picture: &[char], p: &Properties) -> Parts {
    let start = picture
        .iter()
        .position(|&c| p.is_active(c) && c != p.exponent)
        .unwrap_or(picture.len());
    let end = picture
        .iter()
        .rposition(|&c| p.is_active(c) && c != p.exponent)
        .map_or(start, |i| i + 1)
        .max(start);
    let prefix = picture.get(..start).unwrap_or(&[]).to_vec();
    let suffix = picture.get(end..).unwrap_or(&[]).to_vec();
    let active = picture.get(start..end).unwrap_or(&[]).to_vec();
    let exponent_position = picture
        .get(start..)
        .and_then(|rest| find(rest, p.exponent))
        .map(|i| i + start);
    let (mantissa, exponent) = match exponent_position {
        Some(position) if position <= end => {
            let relative = position - start;
            (
                active.get(..relative).unwrap_or(&[]).to_vec(),
                Some(active.get(relative + 1..).unwrap_or(&[]).to_vec()),
            )
        }
        _ => (active.clone(), None),
    };
    let (integer, fraction) = match find(&mantissa, p.decimal) {
        Some(position) => (
            mantissa.get(..position).unwrap_or(&[]).to_vec(),
            mantissa.get(position + 1..).unwrap_or(&[]).to_vec(),
        ),
        None => (mantissa.clone(), suffix.clone()),
    };
    Parts {
        prefix,
        suffix,
        active,
        mantissa,
        exponent,
        integer,
        fraction,
        picture: picture.to_vec(),
    }
}

fn error(code: &'static str, message: &str) -> EvaluationError {
    EvaluationError::new(code, message)
}

#[allow(
    clippy::too_many_lines,
    reason = "one match over every case of the reference algorithm"
)]
fn validate(parts: &Parts, p: &Properties) -> Result<(), EvaluationError> {
    let picture = &parts.picture;
    let count = |ch: char| picture.iter().filter(|&&c| c == ch).count();
    let mut failure = None;
    if count(p.decimal) > 1 {
        failure = Some(error(
            "D3081",
            "the sub-picture must not contain more than one instance of the 'decimal-separator' character",
        ));
    }
    if count(p.percent) > 1 {
        failure = Some(error(
            "D3082",
            "the sub-picture must not contain more than one instance of the 'percent' character",
        ));
    }
    if count(p.per_mille) > 1 {
        failure = Some(error(
            "D3083",
            "the sub-picture must not contain more than one instance of the 'per-mille' character",
        ));
    }
    if count(p.percent) > 0 && count(p.per_mille) > 0 {
        failure = Some(error(
            "D3084",
            "the sub-picture must not contain both a 'percent' and a 'per-mille' character",
        ));
    }
    if !parts
        .mantissa
        .iter()
        .any(|&c| p.is_digit(c) || c == p.digit)
    {
        failure = Some(error(
            "D3085",
            "the mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'",
        ));
    }
    if parts.active.iter().any(|&c| !p.is_active(c)) {
        failure = Some(error(
            "D3086",
            "the sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character",
        ));
    }
    if let Some(position) = find(picture, p.decimal) {
        let before = position.checked_sub(1).and_then(|i| picture.get(i));
        if before == Some(&p.grouping) || picture.get(position + 1) == Some(&p.grouping) {
            failure = Some(error(
                "D3087",
                "the sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character",
            ));
        }
    } else if parts.integer.last() == Some(&p.grouping) {
        failure = Some(error(
            "D3088",
            "the sub-picture must not contain a 'grouping-separator' at the end of the integer part",
        ));
    }
    if picture
        .windows(2)
        .any(|pair| pair.first() == Some(&p.grouping) && pair.get(1) == Some(&p.grouping))
    {
        failure = Some(error(
            "D3089",
            "the sub-picture must not contain two adjacent instances of the 'grouping-separator' character",
        ));
    }
    if let Some(position) = find(&parts.integer, p.digit) {
        if parts
            .integer
            .get(..position)
            .unwrap_or(&[])
            .iter()
            .any(|&c| p.is_digit(c))
        {
            failure = Some(error(
                "D3090",
                "the integer part of the sub-picture must not contain a member of the 'decimal digit family' that is followed by an instance of the 'optional digit character'",
            ));
        }
    }
    if let Some(position) = rfind(&parts.fraction, p.digit) {
        if parts
            .fraction
            .get(position..)
            .unwrap_or(&[])
            .iter()
            .any(|&c| p.is_digit(c))
        {
            failure = Some(error(
                "D3091",
                "the fractional part of the sub-picture must not contain an instance of the 'optional digit character' that is followed by a member of the 'decimal digit family'",
            ));
        }
    }
    if let Some(exponent) = &parts.exponent {
        if !exponent.is_empty() && (count(p.percent) > 0 || count(p.per_mille) > 0) {
            failure = Some(error(
                "D3092",
                "a sub-picture that contains a 'percent' or 'per-mille' character must not contain a character treated as an 'exponent-separator'",
            ));
        }
        if exponent.is_empty() || exponent.iter().any(|&c| !p.is_digit(c)) {
            failure = Some(error(
                "D3093",
                "the exponent part of the sub-picture must comprise only of one or more characters that are members of the 'decimal digit family'",
            ));
        }
    }
    failure.map_or(Ok(()), Err)
}

#[derive(Clone)]
struct Analysis {
    integer_grouping: Vec<usize>,
    regular_grouping: usize,
    min_integer: usize,
    scaling: usize,
    prefix: String,
    fraction_grouping: Vec<usize>,
    min_fraction: usize,
    max_fraction: usize,
    min_exponent: usize,
    suffix: String,
    picture: Vec<char>,
}

fn grouping_positions(
    part: &[char],
    integer: &[char],
    to_left: bool,
    p: &Properties,
) -> Vec<usize> {
    let mut positions = Vec::new();
    let mut position = find(part, p.grouping);
    while let Some(at) = position {
        let side = if to_left {
            part.get(..at)
        } else {
            part.get(at..)
        }
        .unwrap_or(&[]);
        positions.push(
            side.iter()
                .filter(|&&c| p.is_digit(c) || c == p.digit)
                .count(),
        );
        // JSONata searches the integer part for the next separator, whatever `part` is.
        position = integer
            .get(at + 1..)
            .and_then(|rest| find(rest, p.grouping))
            .map(|i| i + at + 1);
        if positions.len() > part.len() {
            break;
        }
    }
    positions
}

fn analyse(parts: &Parts, p: &Properties) -> Analysis {
    let integer_grouping = grouping_positions(&parts.integer, &parts.integer, false, p);
    let regular_grouping = super::format_integer::regular_interval(&integer_grouping);
    let fraction_grouping = grouping_positions(&parts.fraction, &parts.integer, true, p);
    let mut min_integer = parts.integer.iter().filter(|&&c| p.is_digit(c)).count();
    let scaling = min_integer;
    let mut min_fraction = parts.fraction.iter().filter(|&&c| p.is_digit(c)).count();
    let mut max_fraction = parts
        .fraction
        .iter()
        .filter(|&&c| p.is_digit(c) || c == p.digit)
        .count();
    let exponent_present = parts.exponent.is_some();
    if min_integer == 0 && max_fraction == 0 {
        if exponent_present {
            min_fraction = 1;
            max_fraction = 1;
        } else {
            min_integer = 1;
        }
    }
    if exponent_present && min_integer == 0 && parts.integer.contains(&p.digit) {
        min_integer = 1;
    }
    if min_integer == 0 && min_fraction == 0 {
        min_fraction = 1;
    }
    let min_exponent = parts
        .exponent
        .as_ref()
        .map_or(0, |e| e.iter().filter(|&&c| p.is_digit(c)).count());
    Analysis {
        integer_grouping,
        regular_grouping,
        min_integer,
        scaling,
        prefix: parts.prefix.iter().collect(),
        fraction_grouping,
        min_fraction,
        max_fraction,
        min_exponent,
        suffix: parts.suffix.iter().collect(),
        picture: parts.picture.clone(),
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "one match over every case of the reference algorithm"
)]
pub(crate) fn format_number(
    evaluator: &Evaluator<'_>,
    args: &[Option<Value>],
    _: Option<&Value>,
) -> Res {
    let Some(value) = number_arg(args, 0) else {
        return Ok(None);
    };
    let picture = string_arg(args, 1).unwrap_or("");
    let p = Properties::from_options(arg(args, 2))?;
    let chars: Vec<char> = picture.chars().collect();
    let sub_pictures: Vec<&[char]> = chars.split(|&c| c == p.pattern).collect();
    if sub_pictures.len() > 2 {
        return Err(error(
            "D3080",
            "the picture string must only contain a maximum of two sub-pictures",
        ));
    }
    let parts: Vec<Parts> = sub_pictures
        .iter()
        .map(|sub| split_parts(sub, &p))
        .collect();
    for part in &parts {
        validate(part, &p)?;
    }
    if !value.is_finite() {
        // jsonata-js formats these as digits of the text `Infinity` or `NaN`: "Infinity"
        // for `0`, "In,fin,ity" for `#,##0`, "NaN.00" for `0.00`, and never returns for
        // `0e0`. Nothing to match: an error, as `$string` gives.
        let name = if value.is_nan() {
            "NaN"
        } else if value > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        };
        return Err(error(
            "D1001",
            &format!("number out of range: $formatNumber cannot format {name}"),
        ));
    }
    let mut variables: Vec<Analysis> = parts.iter().map(|part| analyse(part, &p)).collect();
    if variables.len() == 1 {
        if let Some(first) = variables.first() {
            let mut negative = first.clone();
            negative.prefix = format!("{}{}", p.minus, negative.prefix);
            variables.push(negative);
        }
    }
    let Some(pic) = variables.get(usize::from(value < 0.0)) else {
        return Ok(None);
    };
    let adjusted = if pic.picture.contains(&p.percent) {
        value * 100.0
    } else if pic.picture.contains(&p.per_mille) {
        value * 1000.0
    } else {
        value
    };
    let mut mantissa = adjusted.abs();
    let mut exponent = None;
    if pic.min_exponent > 0 {
        let scaling = i32::try_from(pic.scaling).unwrap_or(0);
        let max_mantissa = 10_f64.powi(scaling);
        let min_mantissa = 10_f64.powi(scaling - 1);
        let mut power = 0_i32;
        if mantissa != 0.0 && mantissa.is_finite() {
            while mantissa < min_mantissa && power > -400 {
                mantissa *= 10.0;
                power -= 1;
            }
            while mantissa > max_mantissa && power < 400 {
                mantissa /= 10.0;
                power += 1;
            }
        }
        exponent = Some(power);
    }
    let max_fraction = pic.max_fraction.min(100);
    let rounded = round_to(mantissa, i64::try_from(max_fraction).unwrap_or(0));
    let digit_map = |text: String| -> Vec<char> {
        text.chars()
            .map(|ch| match ch.to_digit(10) {
                Some(d) => char::from_u32(u32::from(p.zero) + d).unwrap_or(ch),
                None => ch,
            })
            .collect()
    };
    let mut text = digit_map(format!("{:.*}", max_fraction, rounded.abs()));
    match find(&text, '.') {
        Some(position) => {
            if let Some(slot) = text.get_mut(position) {
                *slot = p.decimal;
            }
        }
        None => text.push(p.decimal),
    }
    while text.first() == Some(&p.zero) {
        text.remove(0);
    }
    while text.last() == Some(&p.zero) {
        text.pop();
    }
    let decimal_position = find(&text, p.decimal).unwrap_or(text.len());
    let pad_left = pic.min_integer.saturating_sub(decimal_position);
    let fraction_len = text.len().saturating_sub(decimal_position + 1);
    let pad_right = pic.min_fraction.saturating_sub(fraction_len);
    evaluator.check_size(pad_left + pad_right + text.len())?;
    text.splice(0..0, std::iter::repeat_n(p.zero, pad_left));
    text.extend(std::iter::repeat_n(p.zero, pad_right));
    let mut decimal_position = find(&text, p.decimal).unwrap_or(text.len());
    if pic.regular_grouping > 0 {
        let groups = decimal_position
            .saturating_sub(1)
            .checked_div(pic.regular_grouping)
            .unwrap_or(0);
        for group in 1..=groups {
            let at = decimal_position - group * pic.regular_grouping;
            text.insert(at, p.grouping);
        }
    } else {
        for &position in &pic.integer_grouping {
            let at = decimal_position.saturating_sub(position);
            text.insert(at, p.grouping);
            decimal_position += 1;
        }
    }
    let decimal_position = find(&text, p.decimal).unwrap_or(text.len());
    for &position in &pic.fraction_grouping {
        let at = (position + decimal_position + 1).min(text.len());
        text.insert(at, p.grouping);
    }
    let decimal_position = find(&text, p.decimal).unwrap_or(text.len());
    if pic.min_fraction == 0 && decimal_position + 1 == text.len() {
        text.pop();
    }
    let mut result: String = text.into_iter().collect();
    if let Some(power) = exponent {
        let mut digits: Vec<char> = digit_map(power.unsigned_abs().to_string());
        if pic.min_exponent > digits.len() {
            let padding = pic.min_exponent - digits.len();
            digits.splice(0..0, std::iter::repeat_n(p.zero, padding));
        }
        result.push(p.exponent);
        if power < 0 {
            result.push_str(&p.minus);
        }
        result.extend(digits);
    }
    let result = format!("{}{result}{}", pic.prefix, pic.suffix);
    Ok(Some(Value::String(Rc::from(result))))
}

#[cfg(test)]
mod tests {
    use crate::functions::test_support::{error_code, evaluate};

    /// jsonata-js formats the digits of the text `Infinity` or `NaN` (`"In,fin,ity"` for
    /// `#,##0`, `"NaN.00"` for `1/0` and `0.00`) and never returns for `0e0`; Rust's float
    /// text gave `"inf"` here. Both are errors now, after the picture's own checks.
    #[test]
    fn numbers_that_are_not_finite_are_an_error() {
        for value in ["1/0", "-1/0", "0/0", "1e308 * 10"] {
            for picture in ["0", "#,##0.00", "0e0", "#0;(#0)"] {
                let text = format!("$formatNumber({value}, '{picture}')");
                assert_eq!(error_code(&text), "D1001", "{text}");
            }
        }
        let message = evaluate("$formatNumber(-1/0, '0')")
            .expect_err("refused")
            .message()
            .to_string();
        assert_eq!(
            message,
            "number out of range: $formatNumber cannot format -Infinity"
        );
        assert_eq!(error_code("$formatNumber(1/0, '0,,0')"), "D3089");
    }

    /// An empty one-character option fails the check it takes part in, as jsonata-js's
    /// checks fail for most pictures; it was ignored.
    #[test]
    fn empty_one_character_options_are_refused() {
        for (option, code) in super::ONE_CHARACTER_OPTIONS {
            let text = format!("$formatNumber(1234.5, '#0', {{'{option}': ''}})");
            assert_eq!(error_code(&text), code, "{text}");
        }
        // The strings may be empty.
        let text = "$formatNumber(-1234.5, '#0', {'minus-sign': '', 'NaN': '', 'infinity': ''})";
        assert_eq!(
            evaluate(text).expect("formats"),
            Some(serde_json::json!("1234"))
        );
    }
}
