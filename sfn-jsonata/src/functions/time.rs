//! Date and time: `$now`, `$millis`, `$fromMillis`, `$toMillis` with `XPath` picture strings.

use super::calendar::{Component, DateTime, fragment};
use super::date_parse::{date_parse, is_iso_shaped};
use super::format_integer::{Case, IntegerFormat, Primary, analyse_integer_picture, format_with};
use super::time_picture::{Marker, PicturePart, analyse_picture};
use super::{number_arg, string_arg};
use crate::error::EvaluationError;
use crate::eval::{Evaluator, Res};
use crate::value::Value;

pub(crate) const DAYS: [&str; 8] = [
    "",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// JavaScript's `Date` range: ±100,000,000 days around the epoch.
const MAX_MILLIS: f64 = 8.64e15;

fn format_date_time(
    millis: f64,
    picture: Option<&str>,
    timezone: Option<&str>,
) -> Result<String, EvaluationError> {
    let (offset_hours, offset_minutes) = match timezone {
        Some(zone) => {
            let offset = super::parse_integer::parse_int(zone);
            if offset.is_nan() {
                (0, 0)
            } else {
                // Clamped: a far larger offset is out of the date range anyway.
                #[expect(clippy::cast_possible_truncation, reason = "clamped to a small range")]
                let offset = offset.clamp(-1e12, 1e12) as i64;
                (offset.div_euclid(100), offset % 100)
            }
        }
        None => (0, 0),
    };
    let parts = analyse_picture(
        picture.unwrap_or("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"),
    )?;
    #[expect(
        clippy::cast_precision_loss,
        reason = "offsets are at most a few days of milliseconds"
    )]
    let shifted = millis + ((offset_hours * 60 + offset_minutes) * 60_000) as f64;
    if !shifted.is_finite() || shifted.abs() > MAX_MILLIS {
        return Err(EvaluationError::new(
            "D3110",
            "the timestamp is out of range",
        ));
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "checked within the JavaScript date range"
    )]
    let date = DateTime::from_millis(shifted.floor() as i64);
    let mut out = String::new();
    for part in &parts {
        match part {
            PicturePart::Literal(text) => out.push_str(text),
            PicturePart::Marker(marker) => out.push_str(&format_component(
                &date,
                marker,
                offset_hours,
                offset_minutes,
            )?),
        }
    }
    Ok(out)
}

fn apply_case(text: &str, case: Option<Case>) -> String {
    match case {
        Some(Case::Upper) => text.to_uppercase(),
        Some(Case::Lower) => text.to_lowercase(),
        _ => text.to_string(),
    }
}

#[expect(clippy::cast_precision_loss, reason = "date components are small")]
fn format_component(
    date: &DateTime,
    marker: &Marker,
    offset_hours: i64,
    offset_minutes: i64,
) -> Result<String, EvaluationError> {
    let value = fragment(date, marker.component);
    let integer = |number: i64| -> Result<String, EvaluationError> {
        match &marker.integer {
            Some(format) => format_with(number as f64, format),
            None => Ok(number.to_string()),
        }
    };
    if "YMDdFWwXxHhms".contains(marker.component) {
        let Component::Number(mut number) = value else {
            return Ok(String::new());
        };
        if marker.component == 'Y' && marker.n != -1 {
            number %= 10_i64.pow(u32::try_from(marker.n).unwrap_or(0).min(18));
        }
        if let Some(case) = marker.names {
            let name = match marker.component {
                'M' | 'x' => MONTHS
                    .get(usize::try_from(number - 1).unwrap_or(0))
                    .copied()
                    .unwrap_or(""),
                'F' => DAYS
                    .get(usize::try_from(number).unwrap_or(0))
                    .copied()
                    .unwrap_or(""),
                other => {
                    return Err(EvaluationError::new(
                        "D3133",
                        format!(
                            "the 'name' modifier can only be applied to months and days in the date/time picture string, not {other}"
                        ),
                    ));
                }
            };
            let mut name = apply_case(name, Some(case));
            if let Some(max) = marker.width_max {
                name = name.chars().take(max).collect();
            }
            return Ok(name);
        }
        return integer(number);
    }
    match marker.component {
        'f' => match value {
            Component::Number(number) => integer(number),
            Component::Text(text) => Ok(text.to_string()),
        },
        'Z' | 'z' => {
            let offset = offset_hours * 100 + offset_minutes;
            let format = marker.integer.clone().unwrap_or_else(|| {
                analyse_integer_picture("01:01").unwrap_or_else(|_| default_integer())
            });
            let mut text = if format.regular.is_some() {
                format_with(offset as f64, &format)?
            } else {
                match format.mandatory_digits {
                    1 | 2 => {
                        let mut text = format_with(offset_hours as f64, &format)?;
                        if offset_minutes != 0 {
                            let two = analyse_integer_picture("00")?;
                            text.push(':');
                            text.push_str(&format_with(offset_minutes as f64, &two)?);
                        }
                        text
                    }
                    3 | 4 => format_with(offset as f64, &format)?,
                    digits => {
                        return Err(EvaluationError::new(
                            "D3134",
                            format!(
                                "the timezone integer format specifier cannot have more than four digits: {digits}"
                            ),
                        ));
                    }
                }
            };
            if offset >= 0 {
                text.insert(0, '+');
            }
            if marker.component == 'z' {
                text.insert_str(0, "GMT");
            }
            if offset == 0 && marker.presentation2 == Some('t') {
                text = "Z".to_string();
            }
            Ok(text)
        }
        'P' => match value {
            Component::Text(text) => Ok(if marker.names == Some(Case::Upper) {
                text.to_uppercase()
            } else {
                text.to_string()
            }),
            Component::Number(number) => Ok(number.to_string()),
        },
        _ => match value {
            Component::Text(text) => Ok(text.to_string()),
            Component::Number(number) => Ok(number.to_string()),
        },
    }
}

/// `$toMillis` of a timestamp that is no date: JavaScript's `Date` gives `NaN`.
pub(crate) fn invalid_date(text: &str) -> EvaluationError {
    EvaluationError::new(
        "D3110",
        format!("the timestamp {text:?} does not denote a valid date (JavaScript gives NaN)"),
    )
}

fn default_integer() -> IntegerFormat {
    IntegerFormat {
        primary: Primary::Decimal,
        case: Case::Lower,
        ordinal: false,
        zero_code: 0x30,
        mandatory_digits: 1,
        optional_digits: 0,
        regular: None,
        separators: Vec::new(),
        token: String::new(),
    }
}

pub(crate) fn now(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    #[expect(
        clippy::cast_precision_loss,
        reason = "epoch millis are far below 2^52"
    )]
    let millis = evaluator.now_millis as f64;
    Ok(Some(Value::string(format_date_time(
        millis,
        string_arg(args, 0),
        string_arg(args, 1),
    )?)))
}

pub(crate) fn millis(evaluator: &Evaluator<'_>, _: &[Option<Value>], _: Option<&Value>) -> Res {
    #[expect(
        clippy::cast_precision_loss,
        reason = "epoch millis are far below 2^52"
    )]
    Ok(Some(Value::Number(evaluator.now_millis as f64)))
}

pub(crate) fn from_millis(_: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(millis) = number_arg(args, 0) else {
        return Ok(None);
    };
    Ok(Some(Value::string(format_date_time(
        millis,
        string_arg(args, 1),
        string_arg(args, 2),
    )?)))
}

pub(crate) fn to_millis(
    evaluator: &Evaluator<'_>,
    args: &[Option<Value>],
    _: Option<&Value>,
) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    match string_arg(args, 1) {
        None => {
            if !is_iso_shaped(text) {
                return Err(EvaluationError::new(
                    "D3110",
                    format!(
                        "the argument of the toMillis function must be an ISO 8601 formatted timestamp; given {text:?}"
                    ),
                ));
            }
            // JavaScript gives `NaN` here (printed as null); a number that is not one must
            // not flow on into arithmetic or JSON, so it is an error.
            let Some(millis) = date_parse(text) else {
                return Err(invalid_date(text));
            };
            #[expect(
                clippy::cast_precision_loss,
                reason = "within the JavaScript date range, far below 2^53"
            )]
            Ok(Some(Value::Number(millis as f64)))
        }
        Some(picture) => super::time_parse::parse_date_time(evaluator, text, picture),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::calendar::{civil_from_days, days_from_civil};

    #[test]
    fn civil_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(
            format_date_time(1_510_067_557_121.0, None, None).unwrap(),
            "2017-11-07T15:12:37.121Z"
        );
        assert_eq!(
            date_parse("2017-11-07T15:12:37.121Z"),
            Some(1_510_067_557_121)
        );
    }
}
