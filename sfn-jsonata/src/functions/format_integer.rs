//! `$formatInteger`, `$parseInteger` and `$formatBase`: `XPath` integer pictures (decimal
//! digits with grouping, letters, roman numerals, words, ordinals).

use super::{number_arg, string_arg};
use crate::error::EvaluationError;
use crate::eval::{Evaluator, Res};
use crate::value::Value;
use crate::value::number::format_js;

pub(crate) const FEW: [&str; 20] = [
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
];
pub(crate) const ORDINALS: [&str; 20] = [
    "Zeroth",
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
    "Seventeenth",
    "Eighteenth",
    "Nineteenth",
];
pub(crate) const DECADES: [&str; 9] = [
    "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred",
];
pub(crate) const MAGNITUDES: [&str; 4] = ["Thousand", "Million", "Billion", "Trillion"];

const DECIMAL_GROUPS: [u32; 37] = [
    0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10,
];

/// Most digits a decimal picture may ask for.
const MAX_DIGITS: usize = 1_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Primary {
    Decimal,
    Letters,
    Roman,
    Words,
    Sequence,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    Upper,
    Lower,
    Title,
}

#[derive(Clone, Debug)]
pub(crate) struct Separator {
    pub(crate) position: usize,
    pub(crate) character: char,
}

/// An analysed integer picture.
#[derive(Clone, Debug)]
pub(crate) struct IntegerFormat {
    pub(crate) primary: Primary,
    pub(crate) case: Case,
    pub(crate) ordinal: bool,
    pub(crate) zero_code: u32,
    pub(crate) mandatory_digits: usize,
    pub(crate) optional_digits: usize,
    /// Regular grouping: one separator every `position` digits.
    pub(crate) regular: Option<Separator>,
    pub(crate) separators: Vec<Separator>,
    pub(crate) token: String,
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The interval of regularly spaced grouping positions, or 0.
pub(crate) fn regular_interval(positions: &[usize]) -> usize {
    let Some(factor) = positions.iter().copied().reduce(gcd) else {
        return 0;
    };
    if factor == 0 {
        return 0;
    }
    for index in 1..=positions.len() {
        if !positions.contains(&(index * factor)) {
            return 0;
        }
    }
    factor
}

pub(crate) fn analyse_integer_picture(picture: &str) -> Result<IntegerFormat, EvaluationError> {
    let mut format = IntegerFormat {
        primary: Primary::Decimal,
        case: Case::Lower,
        ordinal: false,
        zero_code: 0x30,
        mandatory_digits: 0,
        optional_digits: 0,
        regular: None,
        separators: Vec::new(),
        token: String::new(),
    };
    let primary = match picture.rfind(';') {
        Some(semicolon) => {
            if picture
                .get(semicolon + 1..)
                .is_some_and(|modifier| modifier.starts_with('o'))
            {
                format.ordinal = true;
            }
            picture.get(..semicolon).unwrap_or("")
        }
        None => picture,
    };
    match primary {
        "A" => (format.case, format.primary) = (Case::Upper, Primary::Letters),
        "a" => format.primary = Primary::Letters,
        "I" => (format.case, format.primary) = (Case::Upper, Primary::Roman),
        "i" => format.primary = Primary::Roman,
        "W" => (format.case, format.primary) = (Case::Upper, Primary::Words),
        "Ww" => (format.case, format.primary) = (Case::Title, Primary::Words),
        "w" => format.primary = Primary::Words,
        _ => {
            let mut zero_code = None;
            let mut position = 0;
            let mut separators = Vec::new();
            for ch in primary.chars().rev() {
                let code = u32::from(ch);
                if let Some(&group) = DECIMAL_GROUPS
                    .iter()
                    .find(|&&group| code >= group && code <= group + 9)
                {
                    format.mandatory_digits += 1;
                    position += 1;
                    match zero_code {
                        None => zero_code = Some(group),
                        Some(existing) if existing != group => {
                            return Err(EvaluationError::new(
                                "D3131",
                                "in a decimal digit pattern, all digits must be from the same decimal group",
                            ));
                        }
                        Some(_) => {}
                    }
                } else if ch == '#' {
                    position += 1;
                    format.optional_digits += 1;
                } else {
                    separators.push(Separator {
                        position,
                        character: ch,
                    });
                }
            }
            if format.mandatory_digits > 0 {
                format.zero_code = zero_code.unwrap_or(0x30);
                let same_char = separators
                    .first()
                    .is_some_and(|first| separators.iter().all(|s| s.character == first.character));
                let positions: Vec<usize> = separators.iter().map(|s| s.position).collect();
                let interval = if same_char {
                    regular_interval(&positions)
                } else {
                    0
                };
                if interval > 0 {
                    format.regular = separators.first().map(|first| Separator {
                        position: interval,
                        character: first.character,
                    });
                } else {
                    format.separators = separators;
                }
            } else {
                format.primary = Primary::Sequence;
                format.token = primary.to_string();
            }
        }
    }
    Ok(format)
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "indexes of small non-negative integers"
)]
fn words(value: f64, ordinal: bool) -> String {
    fn lookup(number: f64, previous: bool, ordinal: bool) -> String {
        let index = |n: f64| n as usize;
        let and = if previous { " and " } else { "" };
        if number <= 19.0 {
            let table = if ordinal { &ORDINALS } else { &FEW };
            format!("{and}{}", table.get(index(number)).unwrap_or(&""))
        } else if number < 100.0 {
            let tens = (number / 10.0).floor();
            let remainder = number % 10.0;
            let mut words = format!("{and}{}", DECADES.get(index(tens - 2.0)).unwrap_or(&""));
            if remainder > 0.0 {
                words = format!("{words}-{}", lookup(remainder, false, ordinal));
            } else if ordinal {
                words.pop();
                words.push_str("ieth");
            }
            words
        } else if number < 1000.0 {
            let hundreds = (number / 100.0).floor();
            let remainder = number % 100.0;
            let comma = if previous { ", " } else { "" };
            let mut words = format!("{comma}{} Hundred", FEW.get(index(hundreds)).unwrap_or(&""));
            if remainder > 0.0 {
                words.push_str(&lookup(remainder, true, ordinal));
            } else if ordinal {
                words.push_str("th");
            }
            words
        } else {
            let magnitude = (number.log10() / 3.0).floor().min(4.0);
            let factor = 10_f64.powf(magnitude * 3.0);
            let mantissa = (number / factor).floor();
            let remainder = number - mantissa * factor;
            let comma = if previous { ", " } else { "" };
            let mut words = format!(
                "{comma}{} {}",
                lookup(mantissa, false, false),
                MAGNITUDES.get(index(magnitude - 1.0)).unwrap_or(&"")
            );
            if remainder > 0.0 {
                words.push_str(&lookup(remainder, true, ordinal));
            } else if ordinal {
                words.push_str("th");
            }
            words
        }
    }
    lookup(value, false, ordinal)
}

fn roman(mut value: u64) -> String {
    const NUMERALS: [(u64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (amount, numeral) in NUMERALS {
        while value >= amount {
            out.push_str(numeral);
            value -= amount;
        }
    }
    out
}

fn letters(mut value: u64, a: u8) -> String {
    let mut out = Vec::new();
    while value > 0 {
        out.push(a + u8::try_from((value - 1) % 26).unwrap_or(0));
        value = (value - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Formats an integer (already floored) with an analysed picture.
pub(crate) fn format_with(value: f64, format: &IntegerFormat) -> Result<String, EvaluationError> {
    let negative = value < 0.0;
    let magnitude = value.abs();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "saturating conversion of a non-negative integer"
    )]
    let integer = magnitude as u64;
    let mut text = match format.primary {
        Primary::Letters => letters(
            integer,
            if format.case == Case::Upper {
                b'A'
            } else {
                b'a'
            },
        ),
        Primary::Roman => {
            if integer > 100_000 {
                return Err(EvaluationError::new(
                    "D3130",
                    "number too large for roman numerals",
                ));
            }
            let text = roman(integer);
            if format.case == Case::Upper {
                text.to_uppercase()
            } else {
                text
            }
        }
        Primary::Words => {
            let text = words(magnitude, format.ordinal);
            match format.case {
                Case::Upper => text.to_uppercase(),
                Case::Lower => text.to_lowercase(),
                Case::Title => text,
            }
        }
        Primary::Decimal => {
            // A picture width is written by hand; a million digits is far beyond any real use.
            if format.mandatory_digits > MAX_DIGITS {
                return Err(EvaluationError::new(
                    "D2014",
                    format!(
                        "the picture asks for {} digits, more than {MAX_DIGITS}",
                        format.mandatory_digits
                    ),
                ));
            }
            decimal(magnitude, format)
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
    };
    if negative {
        text.insert(0, '-');
    }
    Ok(text)
}

fn decimal(magnitude: f64, format: &IntegerFormat) -> String {
    let mut digits: Vec<char> = format_js(magnitude).chars().collect();
    if format.mandatory_digits > digits.len() {
        let padding = format.mandatory_digits - digits.len();
        digits.splice(0..0, std::iter::repeat_n('0', padding));
    }
    if format.zero_code != 0x30 {
        digits = digits
            .into_iter()
            .map(|ch| {
                if ch.is_ascii_digit() {
                    char::from_u32(u32::from(ch) + format.zero_code - 0x30).unwrap_or(ch)
                } else {
                    ch
                }
            })
            .collect();
    }
    if let Some(separator) = &format.regular {
        let groups = (digits.len().saturating_sub(1)) / separator.position.max(1);
        for group in (1..=groups).rev() {
            let position = digits.len() - group * separator.position;
            digits.insert(position, separator.character);
        }
    } else {
        for separator in format.separators.iter().rev() {
            let position = digits.len().saturating_sub(separator.position);
            digits.insert(position, separator.character);
        }
    }
    let mut text: String = digits.into_iter().collect();
    if format.ordinal {
        let mut chars = text.chars().rev();
        let last = chars.next();
        let before = chars.next();
        let suffix = match last {
            _ if before == Some('1') => "th",
            Some('1') => "st",
            Some('2') => "nd",
            Some('3') => "rd",
            _ => "th",
        };
        text.push_str(suffix);
    }
    text
}

pub(crate) fn format_integer(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(value) = number_arg(args, 0) else {
        return Ok(None);
    };
    let picture = string_arg(args, 1).unwrap_or("");
    let format = analyse_integer_picture(picture)?;
    Ok(Some(Value::string(format_with(value.floor(), &format)?)))
}

pub(crate) fn format_base(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(value) = number_arg(args, 0) else {
        return Ok(None);
    };
    let value = crate::functions::numeric::round_half_even(value);
    let radix = number_arg(args, 1).unwrap_or(10.0);
    if !(2.0..=36.0).contains(&radix) {
        return Err(EvaluationError::new(
            "D3100",
            format!(
                "the radix of the formatBase function must be between 2 and 36; it was given {}",
                format_js(radix)
            ),
        ));
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "radix checked in 2..=36"
    )]
    let radix = radix.trunc() as u32;
    let negative = value < 0.0;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "saturating conversion of an integer magnitude"
    )]
    let mut magnitude = value.abs() as u128;
    let mut digits = Vec::new();
    loop {
        let digit = u32::try_from(magnitude % u128::from(radix)).unwrap_or(0);
        digits.push(char::from_digit(digit, radix).unwrap_or('0'));
        magnitude /= u128::from(radix);
        if magnitude == 0 {
            break;
        }
    }
    if negative {
        digits.push('-');
    }
    Ok(Some(Value::string(
        digits.into_iter().rev().collect::<String>(),
    )))
}
