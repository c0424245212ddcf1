//! String functions.

use std::rc::Rc;

use super::regex::Found;
use super::{arg, number_arg, string_arg};
use crate::error::EvaluationError;
use crate::eval::function::Function;
use crate::eval::{Evaluator, Res};
use crate::value::json::stringify;
use crate::value::{Object, Value};

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
    let missing = width.abs().floor() - text.chars().count() as f64;
    if missing <= 0.0 || missing.is_nan() {
        return Ok(Some(Value::string(text)));
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

/// One match of a pattern: byte offsets into the text and the captured groups.
struct Match {
    start: usize,
    end: usize,
    groups: Vec<String>,
}

impl Match {
    fn from_found(found: Found) -> Self {
        Match {
            start: found.start,
            end: found.end,
            groups: found
                .groups
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect(),
        }
    }

    fn as_object(&self, text: &str) -> Value {
        let mut object = Object::new();
        object.insert(
            Rc::from("match"),
            Value::string(text.get(self.start..self.end).unwrap_or("")),
        );
        object.insert(
            Rc::from("start"),
            crate::eval::call::utf16_offset(text, self.start),
        );
        object.insert(
            Rc::from("end"),
            crate::eval::call::utf16_offset(text, self.end),
        );
        object.insert(
            Rc::from("groups"),
            Value::array(
                self.groups
                    .iter()
                    .map(|g| Value::string(g.as_str()))
                    .collect(),
            ),
        );
        Value::object(object)
    }
}

/// All matches of `pattern` (a regex or a custom matcher function), at most `limit`.
fn find_matches(
    evaluator: &Evaluator<'_>,
    pattern: &Value,
    text: &str,
    limit: Option<usize>,
) -> Result<Vec<Match>, EvaluationError> {
    let mut matches = Vec::new();
    if limit == Some(0) {
        return Ok(matches);
    }
    let Value::Function(function) = pattern else {
        return Ok(matches);
    };
    if let Function::Regex(matcher) = &**function {
        let mut next = matcher.find_at(text, 0);
        while let Some(found) = next {
            evaluator.tick(1)?;
            let end = found.end;
            matches.push(Match::from_found(found));
            if limit.is_some_and(|limit| matches.len() >= limit) || end >= text.len() {
                break;
            }
            next = matcher.find_at(text, end);
            if next.as_ref().is_some_and(|found| found.start == found.end) {
                return Err(EvaluationError::new(
                    "D1004",
                    format!(
                        "regular expression matches zero length string: /{}/",
                        matcher.source()
                    ),
                ));
            }
        }
        return Ok(matches);
    }
    // A custom matcher: a function returning {match, start, end, groups, next}.
    let mut result = evaluator.apply(pattern, vec![Some(Value::string(text))], None)?;
    if result.as_ref().is_some_and(|value| {
        !matches!(value, Value::Object(object) if object.contains_key("match") && object.contains_key("start"))
    }) {
        return Err(EvaluationError::new(
            "T1010",
            "the matcher function argument does not return the correct object structure",
        ));
    }
    while let Some(Value::Object(object)) = result {
        evaluator.tick(1)?;
        let start = object
            .get("start")
            .and_then(Value::as_number)
            .unwrap_or(0.0);
        let end = object
            .get("end")
            .and_then(Value::as_number)
            .unwrap_or(start);
        let groups = object
            .get("groups")
            .map(|groups| {
                groups
                    .items()
                    .iter()
                    .map(|g| g.as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default();
        matches.push(Match {
            start: byte_offset(text, start),
            end: byte_offset(text, end),
            groups,
        });
        if limit.is_some_and(|limit| matches.len() >= limit) {
            break;
        }
        result = match object.get("next") {
            Some(next @ Value::Function(_)) => evaluator.apply(next, Vec::new(), None)?,
            _ => None,
        };
    }
    Ok(matches)
}

/// A UTF-16 index as a byte offset in `text`.
fn byte_offset(text: &str, units: f64) -> usize {
    let mut count = 0.0;
    for (offset, ch) in text.char_indices() {
        if count >= units {
            return offset;
        }
        #[expect(clippy::cast_precision_loss, reason = "1 or 2")]
        let width = ch.len_utf16() as f64;
        count += width;
    }
    text.len()
}

fn limit_arg(
    args: &[Option<Value>],
    index: usize,
    code: &'static str,
    name: &str,
) -> Result<Option<usize>, EvaluationError> {
    match number_arg(args, index) {
        None => Ok(None),
        Some(limit) if limit < 0.0 => Err(EvaluationError::new(
            code,
            format!("third argument of {name} function must evaluate to a positive number"),
        )),
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "non-negative; saturating"
        )]
        Some(limit) => Ok(Some(limit.ceil() as usize)),
    }
}

pub(crate) fn match_regex(
    evaluator: &Evaluator<'_>,
    args: &[Option<Value>],
    _: Option<&Value>,
) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    let limit = limit_arg(args, 2, "D3040", "match")?;
    let Some(pattern) = arg(args, 1) else {
        return Ok(None);
    };
    let matches = find_matches(evaluator, pattern, text, limit)?;
    let mut result = Vec::with_capacity(matches.len());
    for found in &matches {
        let mut object = Object::new();
        object.insert(
            Rc::from("match"),
            Value::string(text.get(found.start..found.end).unwrap_or("")),
        );
        object.insert(
            Rc::from("index"),
            crate::eval::call::utf16_offset(text, found.start),
        );
        object.insert(
            Rc::from("groups"),
            Value::array(
                found
                    .groups
                    .iter()
                    .map(|g| Value::string(g.as_str()))
                    .collect(),
            ),
        );
        result.push(Value::object(object));
    }
    Ok(Some(Value::sequence(result)))
}

pub(crate) fn contains(
    evaluator: &Evaluator<'_>,
    args: &[Option<Value>],
    _: Option<&Value>,
) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    let found = match arg(args, 1) {
        Some(Value::String(token)) => text.contains(&**token),
        Some(pattern) => !find_matches(evaluator, pattern, text, Some(1))?.is_empty(),
        None => return Ok(None),
    };
    Ok(Some(Value::Bool(found)))
}

pub(crate) fn replace(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    let Some(pattern) = arg(args, 1) else {
        return Ok(None);
    };
    if matches!(pattern, Value::String(p) if p.is_empty()) {
        return Err(EvaluationError::new(
            "D3010",
            "second argument of replace function cannot be an empty string",
        ));
    }
    let limit = match number_arg(args, 3) {
        Some(limit) if limit < 0.0 => {
            return Err(EvaluationError::new(
                "D3011",
                "fourth argument of replace function must evaluate to a positive number",
            ));
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "non-negative; saturating"
        )]
        Some(limit) => Some(limit.ceil() as usize),
        None => None,
    };
    let Some(replacement) = arg(args, 2) else {
        return Ok(None);
    };
    let mut result = String::new();
    let mut position = 0;
    if let Value::String(pattern) = pattern {
        let mut count = 0;
        while let Some(found) = text.get(position..).and_then(|rest| rest.find(&**pattern)) {
            if limit.is_some_and(|limit| count >= limit) {
                break;
            }
            let index = position + found;
            result.push_str(text.get(position..index).unwrap_or(""));
            result.push_str(&to_string(replacement)?);
            position = index + pattern.len();
            count += 1;
            evaluator.check_size(result.len())?;
        }
        result.push_str(text.get(position..).unwrap_or(""));
        return Ok(Some(Value::string(result)));
    }
    let matches = find_matches(evaluator, pattern, text, limit)?;
    for found in &matches {
        result.push_str(text.get(position..found.start).unwrap_or(""));
        match replacement {
            Value::String(template) => result.push_str(&expand_template(
                template,
                text.get(found.start..found.end).unwrap_or(""),
                &found.groups,
            )),
            function => {
                let replaced =
                    evaluator.apply(function, vec![Some(found.as_object(text))], None)?;
                match replaced {
                    Some(Value::String(replaced)) => result.push_str(&replaced),
                    other => {
                        return Err(EvaluationError::new(
                            "D3012",
                            format!(
                                "attempted to replace a matched string with a non-string value: {}",
                                other.map_or_else(
                                    || "undefined".to_string(),
                                    |v| crate::value::describe(&v)
                                )
                            ),
                        ));
                    }
                }
            }
        }
        position = found.end;
        evaluator.check_size(result.len())?;
    }
    result.push_str(text.get(position..).unwrap_or(""));
    Ok(Some(Value::string(result)))
}

/// Expands `$0`, `$1`... and `$$` in a replacement string.
fn expand_template(template: &str, matched: &str, groups: &[String]) -> String {
    let mut out = String::new();
    let bytes = template.as_bytes();
    let mut position = 0;
    while let Some(offset) = template.get(position..).and_then(|rest| rest.find('$')) {
        let index = position + offset;
        out.push_str(template.get(position..index).unwrap_or(""));
        position = index + 1;
        match bytes.get(position) {
            Some(b'$') => {
                out.push('$');
                position += 1;
            }
            Some(b'0') => {
                out.push_str(matched);
                position += 1;
            }
            _ => {
                let max_digits = if groups.is_empty() {
                    1
                } else {
                    groups.len().to_string().len()
                };
                let digits: String = template
                    .get(position..)
                    .unwrap_or("")
                    .chars()
                    .take(max_digits)
                    .take_while(char::is_ascii_digit)
                    .collect();
                let mut number: Option<usize> = digits.parse().ok();
                if max_digits > 1 && number.is_some_and(|n| n > groups.len()) {
                    number = digits
                        .get(..digits.len().saturating_sub(1))
                        .and_then(|d| d.parse().ok());
                }
                match number {
                    Some(number) => {
                        if let Some(group) = number.checked_sub(1).and_then(|i| groups.get(i)) {
                            out.push_str(group);
                        }
                        position += number.to_string().len();
                    }
                    None => out.push('$'),
                }
            }
        }
    }
    out.push_str(template.get(position..).unwrap_or(""));
    out
}

pub(crate) fn split(evaluator: &Evaluator<'_>, args: &[Option<Value>], _: Option<&Value>) -> Res {
    let Some(text) = string_arg(args, 0) else {
        return Ok(None);
    };
    let limit = limit_arg(args, 2, "D3020", "split")?;
    // `String.prototype.split` truncates its limit; the regex form counts matches below it.
    let string_limit = number_arg(args, 2).map(|limit| {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "non-negative; saturating"
        )]
        let limit = limit.trunc() as usize;
        limit
    });
    let Some(separator) = arg(args, 1) else {
        return Ok(None);
    };
    let mut parts: Vec<Value> = Vec::new();
    if limit == Some(0) {
        return Ok(Some(Value::array(parts)));
    }
    match separator {
        Value::String(separator) => {
            if separator.is_empty() {
                parts = text
                    .chars()
                    .map(|ch| Value::string(ch.to_string()))
                    .collect();
            } else {
                parts = text.split(&**separator).map(Value::string).collect();
            }
            if let Some(limit) = string_limit {
                parts.truncate(limit);
            }
        }
        pattern => {
            let matches = find_matches(evaluator, pattern, text, limit)?;
            let mut start = 0;
            for found in &matches {
                parts.push(Value::string(text.get(start..found.start).unwrap_or("")));
                start = found.end;
            }
            if limit.is_none_or(|limit| matches.len() < limit) {
                parts.push(Value::string(text.get(start..).unwrap_or("")));
            }
        }
    }
    evaluator.check_size(parts.len())?;
    Ok(Some(Value::array(parts)))
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
