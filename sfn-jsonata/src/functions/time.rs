//! Date and time: `$now`, `$millis`, `$fromMillis`, `$toMillis` with `XPath` picture strings.

use super::format_integer::{Case, IntegerFormat, Primary, analyse_integer_picture, format_with};
use super::{number_arg, string_arg};
use crate::error::EvaluationError;
use crate::eval::{Evaluator, Res};
use crate::value::Value;

const DAY_MILLIS: i64 = 86_400_000;
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

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// (year, month 1-12, day) of a day count since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `Date.UTC(year, month0, day, ...)` with JavaScript's overflow normalisation.
pub(crate) fn date_utc(
    year: i64,
    month0: i64,
    day: i64,
    hours: i64,
    minutes: i64,
    seconds: i64,
    millis: i64,
) -> i64 {
    // Inputs far outside JavaScript's date range are clamped so the arithmetic cannot overflow.
    let year = year.clamp(-10_000_000, 10_000_000);
    let month0 = month0.clamp(-100_000_000, 100_000_000);
    let year = if (0..=99).contains(&year) {
        1900 + year
    } else {
        year
    };
    let year = year + month0.div_euclid(12);
    let month = month0.rem_euclid(12) + 1;
    let days = i128::from(days_from_civil(year, month, 1)) + i128::from(day) - 1;
    let total = days * i128::from(DAY_MILLIS)
        + i128::from(hours) * 3_600_000
        + i128::from(minutes) * 60_000
        + i128::from(seconds) * 1000
        + i128::from(millis);
    i64::try_from(total.clamp(i128::from(i64::MIN), i128::from(i64::MAX))).unwrap_or(i64::MAX)
}

/// A broken-down UTC time.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DateTime {
    pub(crate) millis: i64,
    pub(crate) year: i64,
    pub(crate) month: i64,
    pub(crate) day: i64,
    pub(crate) hour: i64,
    pub(crate) minute: i64,
    pub(crate) second: i64,
    pub(crate) milli: i64,
}

impl DateTime {
    pub(crate) fn from_millis(millis: i64) -> Self {
        let days = millis.div_euclid(DAY_MILLIS);
        let in_day = millis.rem_euclid(DAY_MILLIS);
        let (year, month, day) = civil_from_days(days);
        DateTime {
            millis,
            year,
            month,
            day,
            hour: in_day / 3_600_000,
            minute: in_day / 60_000 % 60,
            second: in_day / 1000 % 60,
            milli: in_day % 1000,
        }
    }

    /// ISO day of week, Monday = 1 ... Sunday = 7.
    fn weekday(&self) -> i64 {
        (self.millis.div_euclid(DAY_MILLIS) + 3).rem_euclid(7) + 1
    }
}

/// Start (millis) of the first ISO week of the year/month `month0` of `year`.
fn start_of_first_week(year: i64, month0: i64) -> i64 {
    let first = date_utc(year, month0, 1, 0, 0, 0, 0);
    let weekday = DateTime::from_millis(first).weekday();
    if weekday > 4 {
        first + (8 - weekday) * DAY_MILLIS
    } else {
        first - (weekday - 1) * DAY_MILLIS
    }
}

#[expect(
    clippy::cast_precision_loss,
    reason = "millisecond differences are far below 2^52"
)]
fn delta_weeks(start: i64, end: i64) -> f64 {
    (end - start) as f64 / (DAY_MILLIS * 7) as f64 + 1.0
}

fn next_month(year: i64, month0: i64) -> (i64, i64) {
    if month0 == 11 {
        (year + 1, 0)
    } else {
        (year, month0 + 1)
    }
}

fn previous_month(year: i64, month0: i64) -> (i64, i64) {
    if month0 == 0 {
        (year - 1, 11)
    } else {
        (year, month0 - 1)
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Component {
    Number(i64),
    Text(&'static str),
}

#[expect(clippy::cast_possible_truncation, reason = "week numbers are small")]
pub(crate) fn fragment(date: &DateTime, component: char) -> Component {
    let today = date_utc(date.year, date.month - 1, date.day, 0, 0, 0, 0);
    Component::Number(match component {
        'Y' => date.year,
        'M' => date.month,
        'D' => date.day,
        'd' => (today - date_utc(date.year, 0, 1, 0, 0, 0, 0)) / DAY_MILLIS + 1,
        'F' => date.weekday(),
        'W' => {
            let start = start_of_first_week(date.year, 0);
            let mut week = delta_weeks(start, today);
            if week > 52.0 {
                if today >= start_of_first_week(date.year + 1, 0) {
                    week = 1.0;
                }
            } else if week < 1.0 {
                week = delta_weeks(start_of_first_week(date.year - 1, 0), today);
            }
            week.floor() as i64
        }
        'w' => {
            let start = start_of_first_week(date.year, date.month - 1);
            let mut week = delta_weeks(start, today);
            if week > 4.0 {
                let (year, month0) = next_month(date.year, date.month - 1);
                if today >= start_of_first_week(year, month0) {
                    week = 1.0;
                }
            } else if week < 1.0 {
                let (year, month0) = previous_month(date.year, date.month - 1);
                week = delta_weeks(start_of_first_week(year, month0), today);
            }
            week.floor() as i64
        }
        'X' => {
            if date.millis < start_of_first_week(date.year, 0) {
                date.year - 1
            } else if date.millis >= start_of_first_week(date.year + 1, 0) {
                date.year + 1
            } else {
                date.year
            }
        }
        'x' => {
            let month0 = date.month - 1;
            let (next_year, next_month0) = next_month(date.year, month0);
            if date.millis < start_of_first_week(date.year, month0) {
                previous_month(date.year, month0).1 + 1
            } else if date.millis >= start_of_first_week(next_year, next_month0) {
                next_month0 + 1
            } else {
                date.month
            }
        }
        'H' => date.hour,
        'h' => {
            let hour = date.hour % 12;
            if hour == 0 { 12 } else { hour }
        }
        'P' => return Component::Text(if date.hour >= 12 { "pm" } else { "am" }),
        'm' => date.minute,
        's' => date.second,
        'f' => date.milli,
        'C' | 'E' => return Component::Text("ISO"),
        _ => 0,
    })
}

#[derive(Clone, Debug)]
pub(crate) struct Marker {
    pub(crate) component: char,
    pub(crate) presentation2: Option<char>,
    pub(crate) names: Option<Case>,
    pub(crate) width_max: Option<usize>,
    pub(crate) integer: Option<IntegerFormat>,
    pub(crate) n: i64,
}

#[derive(Clone, Debug)]
pub(crate) enum PicturePart {
    Literal(String),
    Marker(Box<Marker>),
}

fn default_presentation(component: char) -> Option<&'static str> {
    Some(match component {
        'Y' | 'M' | 'D' | 'd' | 'W' | 'w' | 'X' | 'x' | 'H' | 'h' | 'f' => "1",
        'F' | 'P' | 'C' | 'E' => "n",
        'm' | 's' => "01",
        'Z' | 'z' => "01:01",
        _ => return None,
    })
}

pub(crate) fn analyse_picture(picture: &str) -> Result<Vec<PicturePart>, EvaluationError> {
    let mut parts = Vec::new();
    let chars: Vec<char> = picture.chars().collect();
    let literal = |from: usize, to: usize, parts: &mut Vec<PicturePart>| {
        if to > from {
            let text: String = chars.get(from..to).unwrap_or(&[]).iter().collect();
            parts.push(PicturePart::Literal(text.replace("]]", "]")));
        }
    };
    let mut start = 0;
    let mut position = 0;
    while position < chars.len() {
        if chars.get(position) == Some(&'[') {
            if chars.get(position + 1) == Some(&'[') {
                literal(start, position, &mut parts);
                parts.push(PicturePart::Literal("[".to_string()));
                position += 2;
                start = position;
                continue;
            }
            literal(start, position, &mut parts);
            start = position;
            let Some(close) = chars
                .get(start..)
                .and_then(|rest| rest.iter().position(|&c| c == ']'))
                .map(|i| i + start)
            else {
                return Err(EvaluationError::new(
                    "D3135",
                    "no matching closing bracket ']' in date/time picture string",
                ));
            };
            position = close;
            let marker: String = chars
                .get(start + 1..close)
                .unwrap_or(&[])
                .iter()
                .filter(|c| !c.is_whitespace())
                .collect();
            parts.push(PicturePart::Marker(Box::new(parse_marker(&marker)?)));
            start = position + 1;
        }
        position += 1;
    }
    literal(start, chars.len(), &mut parts);
    Ok(parts)
}

fn parse_marker(marker: &str) -> Result<Marker, EvaluationError> {
    let component = marker.chars().next().unwrap_or(' ');
    let rest: String = marker.chars().skip(1).collect();
    let (modifier, width) = match rest.rfind(',') {
        Some(comma) => (
            rest.get(..comma).unwrap_or("").to_string(),
            Some(rest.get(comma + 1..).unwrap_or("").to_string()),
        ),
        None => (rest.clone(), None),
    };
    let parse_width = |text: &str| -> Option<usize> {
        if text == "*" || text.is_empty() {
            None
        } else {
            let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        }
    };
    let (width_min, width_max) = match &width {
        Some(width) => match width.split_once('-') {
            Some((min, max)) => (parse_width(min), parse_width(max)),
            None => (parse_width(width), None),
        },
        None => (None, None),
    };
    let mut presentation2 = None;
    let presentation1 = if modifier.chars().count() > 1 {
        let last = modifier.chars().last().unwrap_or(' ');
        if "atco".contains(last) {
            presentation2 = Some(last);
            modifier
                .chars()
                .take(modifier.chars().count() - 1)
                .collect()
        } else {
            modifier
        }
    } else if modifier.is_empty() {
        default_presentation(component)
            .ok_or_else(|| {
                EvaluationError::new(
                    "D3132",
                    format!("unknown component specifier {component} in date/time picture string"),
                )
            })?
            .to_string()
    } else {
        modifier
    };
    let mut names = None;
    let mut integer = None;
    let mut n = -1;
    let mut first = presentation1.chars();
    match (first.next(), first.next()) {
        (Some('n'), _) => names = Some(Case::Lower),
        (Some('N'), Some('n')) => names = Some(Case::Title),
        (Some('N'), _) => names = Some(Case::Upper),
        _ if "YMDdFWwXxHhmsf".contains(component) => {
            let mut pattern = presentation1.clone();
            if let Some(p2) = presentation2 {
                pattern.push(';');
                pattern.push(p2);
            }
            let mut format = analyse_integer_picture(&pattern)?;
            if let Some(min) = width_min {
                format.mandatory_digits = format.mandatory_digits.max(min);
            }
            if "YMD".contains(component) {
                if let Some(max) = width_max {
                    n = i64::try_from(max).unwrap_or(-1);
                    format.mandatory_digits = max;
                } else {
                    let w = format.mandatory_digits + format.optional_digits;
                    if w >= 2 {
                        n = i64::try_from(w).unwrap_or(-1);
                    }
                }
            }
            integer = Some(format);
        }
        _ => {}
    }
    if component == 'Z' || component == 'z' {
        integer = Some(analyse_integer_picture(&presentation1)?);
    }
    Ok(Marker {
        component,
        presentation2,
        names,
        width_max,
        integer,
        n,
    })
}

fn format_date_time(
    millis: f64,
    picture: Option<&str>,
    timezone: Option<&str>,
) -> Result<String, EvaluationError> {
    let (offset_hours, offset_minutes) = match timezone {
        Some(zone) => {
            let offset = super::format_integer::parse_int(zone);
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
            let Some(millis) = parse_iso(text) else {
                return Err(EvaluationError::new(
                    "D3110",
                    format!(
                        "the argument of the toMillis function must be an ISO 8601 formatted timestamp; given {text:?}"
                    ),
                ));
            };
            Ok(Some(Value::Number(millis)))
        }
        Some(picture) => super::time_parse::parse_date_time(evaluator, text, picture),
    }
}

/// `Date.parse` for the ISO 8601 forms JSONata accepts; `NaN` for impossible dates.
#[expect(
    clippy::cast_precision_loss,
    reason = "epoch millis are far below 2^52"
)]
fn parse_iso(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let digits = |from: usize, count: usize| -> Option<i64> {
        let slice = bytes.get(from..from + count)?;
        if !slice.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(slice).ok()?.parse().ok()
    };
    let year = digits(0, 4)?;
    let mut position = 4;
    let mut month = 1;
    let mut day = 1;
    if bytes.get(position) == Some(&b'-') {
        month = digits(position + 1, 2)?;
        position += 3;
        if bytes.get(position) == Some(&b'-') {
            day = digits(position + 1, 2)?;
            position += 3;
        }
    }
    let (mut hour, mut minute, mut second, mut millis) = (0, 0, 0, 0);
    if bytes.get(position) == Some(&b'T') {
        hour = digits(position + 1, 2)?;
        if bytes.get(position + 3) != Some(&b':') || bytes.get(position + 6) != Some(&b':') {
            return None;
        }
        minute = digits(position + 4, 2)?;
        second = digits(position + 7, 2)?;
        position += 9;
        if bytes.get(position) == Some(&b'.') {
            let count = bytes
                .get(position + 1..)
                .unwrap_or(&[])
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if count == 0 {
                return None;
            }
            let fraction: String = text
                .get(position + 1..position + 1 + count)?
                .chars()
                .chain("000".chars())
                .take(3)
                .collect();
            millis = fraction.parse().ok()?;
            position += 1 + count;
        }
    }
    let mut offset = 0;
    match bytes.get(position) {
        None => {}
        Some(b'Z') => position += 1,
        Some(&sign @ (b'+' | b'-')) => {
            let hours = digits(position + 1, 2)?;
            let colon = usize::from(bytes.get(position + 3) == Some(&b':'));
            let minutes = digits(position + 3 + colon, 2)?;
            offset = (hours * 60 + minutes) * if sign == b'-' { -1 } else { 1 };
            position += 5 + colon;
        }
        Some(_) => return None,
    }
    if position != bytes.len() {
        return None;
    }
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    };
    if day < 1
        || day > days_in_month
        || hour > 24
        || minute > 59
        || second > 59
        || (hour == 24 && (minute + second + millis) > 0)
    {
        return Some(f64::NAN);
    }
    let days = days_from_civil(year, month, day);
    let total = days * DAY_MILLIS + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis
        - offset * 60_000;
    Some(total as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            parse_iso("2017-11-07T15:12:37.121Z"),
            Some(1_510_067_557_121.0)
        );
    }
}
