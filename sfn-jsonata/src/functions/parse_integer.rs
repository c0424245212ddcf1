//! `$parseInteger` and the parsing half of integer pictures (also used by `$toMillis`).

use super::format_integer::{
    Case, DECADES, FEW, IntegerFormat, MAGNITUDES, ORDINALS, Primary, analyse_integer_picture,
};
use super::string_arg;
use crate::error::EvaluationError;
use crate::eval::{Evaluator, Res};
use crate::value::Value;

/// Every number word, in the order the reference implementation lists them.
pub(crate) fn word_list() -> Vec<String> {
    let mut words: Vec<String> = FEW
        .iter()
        .chain(ORDINALS.iter())
        .map(|w| w.to_lowercase())
        .collect();
    for decade in DECADES {
        let lower = decade.to_lowercase();
        words.push(format!(
            "{}ieth",
            lower.get(..lower.len() - 1).unwrap_or(&lower)
        ));
        words.push(lower);
    }
    words.push("hundredth".to_string());
    for magnitude in MAGNITUDES {
        let lower = magnitude.to_lowercase();
        words.push(format!("{lower}th"));
        words.push(lower);
    }
    words
}

fn word_value(word: &str) -> Option<u64> {
    for (index, name) in FEW.iter().enumerate() {
        if name.eq_ignore_ascii_case(word)
            || ORDINALS
                .get(index)
                .is_some_and(|o| o.eq_ignore_ascii_case(word))
        {
            return u64::try_from(index).ok();
        }
    }
    for (index, name) in DECADES.iter().enumerate() {
        let value = u64::try_from(index + 2).ok()? * 10;
        let ordinal = format!("{}ieth", name.get(..name.len() - 1).unwrap_or(name));
        if name.eq_ignore_ascii_case(word) || ordinal.eq_ignore_ascii_case(word) {
            return Some(value);
        }
    }
    if word.eq_ignore_ascii_case("hundredth") {
        return Some(100);
    }
    for (index, name) in MAGNITUDES.iter().enumerate() {
        let value = 10_u64.pow(u32::try_from(index + 1).ok()? * 3);
        if name.eq_ignore_ascii_case(word) || format!("{name}th").eq_ignore_ascii_case(word) {
            return Some(value);
        }
    }
    None
}

fn words_to_number(text: &str) -> f64 {
    let normalised = text.to_lowercase().replace(", ", " ").replace(" and ", " ");
    let mut segments: Vec<f64> = vec![0.0];
    for part in normalised.split([' ', '-']).filter(|part| !part.is_empty()) {
        #[expect(
            clippy::cast_precision_loss,
            reason = "word values are small powers of ten"
        )]
        let Some(value) = word_value(part).map(|v| v as f64) else {
            return f64::NAN;
        };
        if value < 100.0 {
            let mut top = segments.pop().unwrap_or(0.0);
            if top >= 1000.0 {
                segments.push(top);
                top = 0.0;
            }
            segments.push(top + value);
        } else {
            let top = segments.pop().unwrap_or(0.0);
            segments.push(top * value);
        }
    }
    segments.iter().sum()
}

fn roman_to_decimal(text: &str) -> f64 {
    let mut decimal = 0.0;
    let mut max = 1.0;
    for ch in text.chars().rev() {
        let value = match ch.to_ascii_uppercase() {
            'M' => 1000.0,
            'D' => 500.0,
            'C' => 100.0,
            'L' => 50.0,
            'V' => 5.0,
            'X' => 10.0,
            'I' => 1.0,
            _ => return f64::NAN,
        };
        if value < max {
            decimal -= value;
        } else {
            max = value;
            decimal += value;
        }
    }
    decimal
}

fn letters_to_decimal(text: &str, a: char) -> f64 {
    let mut decimal = 0.0;
    for (index, ch) in text.chars().rev().enumerate() {
        let digit = f64::from(u32::from(ch)) - f64::from(u32::from(a)) + 1.0;
        decimal += digit * 26_f64.powi(i32::try_from(index).unwrap_or(i32::MAX));
    }
    decimal
}

/// Parses `text` with an analysed integer picture (`NaN` when it does not fit).
pub(crate) fn parse_with(text: &str, format: &IntegerFormat) -> Result<f64, EvaluationError> {
    Ok(match format.primary {
        Primary::Letters => {
            letters_to_decimal(text, if format.case == Case::Upper { 'A' } else { 'a' })
        }
        Primary::Roman => roman_to_decimal(text),
        Primary::Words => words_to_number(text),
        Primary::Decimal => {
            let mut digits = text.to_string();
            if format.ordinal {
                let keep = digits.chars().count().saturating_sub(2);
                digits = digits.chars().take(keep).collect();
            }
            if format.regular.is_some() {
                digits = digits.replace(',', "");
            } else {
                for separator in &format.separators {
                    digits = digits.replace(separator.character, "");
                }
            }
            if format.zero_code != 0x30 {
                digits = digits
                    .chars()
                    .map(|ch| {
                        let code = u32::from(ch);
                        if code >= format.zero_code && code <= format.zero_code + 9 {
                            char::from_u32(code - format.zero_code + 0x30).unwrap_or(ch)
                        } else {
                            ch
                        }
                    })
                    .collect();
            }
            parse_int(&digits)
        }
        Primary::Sequence => {
            return Err(EvaluationError::new(
                "D3130",
                format!(
                    "formatting or parsing an integer as a sequence starting with {} is not supported by this implementation",
                    format.token
                ),
            ));
        }
    })
}

/// JavaScript's `parseInt(text, 10)`: leading sign and digits, `NaN` when there are none.
pub(crate) fn parse_int(text: &str) -> f64 {
    let trimmed = text.trim_start();
    let (sign, rest) = match trimmed.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return f64::NAN;
    }
    sign * digits.parse::<f64>().unwrap_or(f64::NAN)
}

pub(crate) fn parse_integer(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    let picture = string_arg(args, 1).unwrap_or("");
    let format = analyse_integer_picture(picture)?;
    Ok(Some(Value::Number(parse_with(text, &format)?)))
}
