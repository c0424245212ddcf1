//! `$toMillis` with a picture string: parses a timestamp by the picture's components.

use std::collections::HashMap;

use super::calendar::{
    Component as FragmentValue, DateTime as BrokenDown, date_utc as utc, fragment as date_fragment,
};
use super::format_integer::Primary;
use super::parse_integer::parse_with;
use super::time::{DAYS as DAY_NAMES, MONTHS as MONTH_NAMES};
use super::time_picture::{
    Marker as PictureMarker, PicturePart as Part, analyse_picture as picture_parts,
};
use crate::error::EvaluationError;
use crate::eval::{Evaluator, Res};
use crate::value::Value;

enum Piece<'a> {
    Literal(String),
    Component(&'a PictureMarker),
}

fn literal_regex(text: &str) -> String {
    regex::escape(text)
}

/// The regex for one component, and whether it captures a name.
fn component_regex(marker: &PictureMarker) -> Result<String, EvaluationError> {
    if marker.component == 'Z' || marker.component == 'z' {
        let separator = marker
            .integer
            .as_ref()
            .and_then(|format| format.regular.as_ref())
            .map(|s| s.character);
        let mut regex = String::new();
        if marker.component == 'z' {
            regex.push_str("GMT");
        }
        regex.push_str("[-+][0-9]+");
        if let Some(separator) = separator {
            regex.push_str(&regex::escape(&separator.to_string()));
            regex.push_str("[0-9]+");
        }
        return Ok(regex);
    }
    if let Some(format) = &marker.integer {
        return Ok(match format.primary {
            Primary::Letters => if format.case == super::format_integer::Case::Upper {
                "[A-Z]+"
            } else {
                "[a-z]+"
            }
            .to_string(),
            Primary::Roman => "[MDCLXVImdclxvi]+".to_string(),
            Primary::Words => format!(
                "(?:{}|and|[\\-, ])+",
                super::parse_integer::word_list().join("|")
            ),
            Primary::Decimal => {
                // As jsonata-js: only a year, month or day of a fixed width `n` (two digits
                // or more, or a maximum width) has a bounded digit count; everything else
                // takes as many digits as the rest of the pattern leaves (leftmost-first,
                // as JavaScript's backtracking regex).
                let mut regex = match usize::try_from(marker.n) {
                    Ok(n) if n > 0 && format.optional_digits == 0 => format!("[0-9]{{{n}}}"),
                    Ok(n) if n > 0 => {
                        format!("[0-9]{{{},{n}}}", n.saturating_sub(format.optional_digits))
                    }
                    _ => "[0-9]+".to_string(),
                };
                if format.ordinal {
                    regex.push_str("(?:th|st|nd|rd)");
                }
                regex
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
        });
    }
    match marker.component {
        'M' | 'x' | 'F' | 'P' => Ok("[a-zA-Z]+".to_string()),
        other => Err(EvaluationError::new(
            "D3133",
            format!(
                "the 'name' modifier can only be applied to months and days in the date/time picture string, not {other}"
            ),
        )),
    }
}

fn name_value(marker: &PictureMarker, text: &str) -> Option<i64> {
    let matches = |name: &str| match marker.width_max {
        Some(max) => name
            .chars()
            .take(max)
            .collect::<String>()
            .eq_ignore_ascii_case(text),
        None => name.eq_ignore_ascii_case(text),
    };
    match marker.component {
        'M' | 'x' => MONTH_NAMES
            .iter()
            .position(|name| matches(name))
            .and_then(|i| i64::try_from(i + 1).ok()),
        'F' => DAY_NAMES
            .iter()
            .skip(1)
            .position(|name| matches(name))
            .and_then(|i| i64::try_from(i + 1).ok()),
        'P' => match text.to_ascii_lowercase().as_str() {
            "am" => Some(0),
            "pm" => Some(1),
            _ => None,
        },
        _ => None,
    }
}

fn timezone_minutes(marker: &PictureMarker, text: &str) -> f64 {
    let text = if marker.component == 'z' {
        text.get(3..).unwrap_or("")
    } else {
        text
    };
    let separator = marker
        .integer
        .as_ref()
        .and_then(|format| format.regular.as_ref())
        .map(|s| s.character);
    let parse = super::parse_integer::parse_int;
    let (hours, minutes) =
        if let Some((hours, minutes)) = separator.and_then(|sep| text.split_once(sep)) {
            (parse(hours), parse(minutes))
        } else {
            {
                let digits = text.chars().count().saturating_sub(1);
                if digits <= 2 {
                    (parse(text), 0.0)
                } else {
                    (
                        parse(text.get(..3).unwrap_or("")),
                        parse(text.get(3..).unwrap_or("")),
                    )
                }
            }
        };
    hours * 60.0 + minutes
}

#[expect(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    reason = "date components are small integers"
)]
#[allow(
    clippy::too_many_lines,
    reason = "one match over every case of the reference algorithm"
)]
pub(crate) fn parse_date_time(evaluator: &Evaluator<'_>, text: &str, picture: &str) -> Res {
    let parts = picture_parts(picture)?;
    let pieces: Vec<Piece<'_>> = parts
        .iter()
        .map(|part| match part {
            Part::Literal(text) => Piece::Literal(text.clone()),
            Part::Marker(marker) => Piece::Component(marker),
        })
        .collect();
    let mut pattern = String::from("(?i)^");
    for piece in &pieces {
        pattern.push('(');
        match piece {
            Piece::Literal(text) => pattern.push_str(&literal_regex(text.as_str())),
            Piece::Component(marker) => pattern.push_str(&component_regex(marker)?),
        }
        pattern.push(')');
    }
    pattern.push('$');
    let regex = regex::Regex::new(&pattern).map_err(|error| {
        EvaluationError::new(
            "D3136",
            format!("the date/time picture cannot be used for parsing: {error}"),
        )
    })?;
    let Some(captures) = regex.captures(text) else {
        return Ok(None);
    };
    let mut components: HashMap<char, f64> = HashMap::new();
    for (index, piece) in pieces.iter().enumerate() {
        let Piece::Component(marker) = piece else {
            continue;
        };
        let Some(matched) = captures.get(index + 1).map(|m| m.as_str()) else {
            continue;
        };
        let value = if marker.component == 'Z' || marker.component == 'z' {
            timezone_minutes(marker, matched)
        } else if let Some(format) = &marker.integer {
            parse_with(matched, format)?
        } else {
            name_value(marker, matched).map_or(f64::NAN, |v| v as f64)
        };
        components.insert(marker.component, value);
    }
    if components.is_empty() {
        return Ok(None);
    }
    let mask_of = |letters: &str| -> u32 {
        letters.chars().fold(0, |mask, letter| {
            (mask << 1) | u32::from(components.contains_key(&letter))
        })
    };
    let is_type = |kind: u32, mask: u32| (!kind & mask) == 0 && (kind & mask) != 0;
    let date_mask = mask_of("YXMxWwdD");
    let date_a = is_type(161, date_mask);
    let date_b = !date_a && is_type(130, date_mask);
    let date_c = is_type(84, date_mask);
    let date_d = !date_c && is_type(72, date_mask);
    let time_mask = mask_of("PHhmsf");
    let time_a = is_type(23, time_mask);
    let time_b = !time_a && is_type(47, time_mask);
    let date_components = if date_b {
        "YD"
    } else if date_c {
        "XxwF"
    } else if date_d {
        "XWF"
    } else {
        "YMD"
    };
    let time_components = if time_b { "Phmsf" } else { "Hmsf" };
    let now = BrokenDown::from_millis(evaluator.now_millis);
    let mut start_specified = false;
    let mut end_specified = false;
    #[allow(
        clippy::map_entry,
        reason = "the branches do different work before inserting"
    )]
    for part in date_components.chars().chain(time_components.chars()) {
        if components.contains_key(&part) {
            start_specified = true;
            if end_specified {
                return Err(EvaluationError::new(
                    "D3136",
                    "the date/time picture string is missing specifiers required to parse the timestamp",
                ));
            }
        } else if start_specified {
            components.insert(part, if "MDd".contains(part) { 1.0 } else { 0.0 });
            end_specified = true;
        } else {
            let value = match date_fragment(&now, part) {
                FragmentValue::Number(number) => number as f64,
                FragmentValue::Text(text) => {
                    if text == "pm" {
                        1.0
                    } else {
                        0.0
                    }
                }
            };
            components.insert(part, value);
        }
    }
    let get = |key: char| components.get(&key).copied().unwrap_or(0.0);
    let mut month0 = if get('M') > 0.0 { get('M') - 1.0 } else { 0.0 };
    let mut day = get('D');
    if date_b {
        let first = utc(get('Y') as i64, 0, 1, 0, 0, 0, 0);
        let derived =
            BrokenDown::from_millis(first + (get('d').clamp(-1e9, 1e9) as i64 - 1) * 86_400_000);
        month0 = (derived.month - 1) as f64;
        day = derived.day as f64;
    }
    if date_c || date_d {
        return Err(EvaluationError::new(
            "D3136",
            "the date/time picture string is missing specifiers required to parse the timestamp",
        ));
    }
    let mut hour = get('H');
    if time_b {
        hour = if (get('h') - 12.0).abs() < f64::EPSILON {
            0.0
        } else {
            get('h')
        };
        if (get('P') - 1.0).abs() < f64::EPSILON {
            hour += 12.0;
        }
    }
    let values = [get('Y'), month0, day, hour, get('m'), get('s'), get('f')];
    if values.iter().any(|value| !value.is_finite()) {
        return Err(super::time::invalid_date(text));
    }
    let mut millis = utc(
        values[0] as i64,
        values[1] as i64,
        values[2] as i64,
        values[3] as i64,
        values[4] as i64,
        values[5] as i64,
        values[6] as i64,
    ) as f64;
    // JavaScript's Date covers ±8.64e15 ms; anything beyond is an invalid date (NaN).
    if millis.abs() > 8.64e15 {
        return Err(super::time::invalid_date(text));
    }
    let zone = components
        .get(&'Z')
        .or_else(|| components.get(&'z'))
        .copied()
        .unwrap_or(0.0);
    if zone != 0.0 {
        millis -= zone * 60_000.0;
    }
    if !millis.is_finite() {
        return Err(super::time::invalid_date(text));
    }
    Ok(Some(Value::Number(millis)))
}
