//! String functions that take a pattern: `$match`, `$contains`, `$replace`, `$split`, with
//! regex literals or custom matcher functions.

use std::rc::Rc;

use super::regex::Found;
use super::string::to_string;
use super::{arg, number_arg, string_arg};
use crate::error::EvaluationError;
use crate::eval::call::Utf16Offsets;
use crate::eval::function::Function;
use crate::eval::{Evaluator, Res};
use crate::value::{Object, Value};

/// One match of a pattern: byte offsets into the text and the captured groups (`None` for
/// one that did not take part).
struct Match {
    start: usize,
    end: usize,
    groups: Vec<Option<String>>,
}

impl Match {
    fn from_found(found: Found) -> Self {
        Match {
            start: found.start,
            end: found.end,
            groups: found.groups,
        }
    }

    fn as_object(&self, text: &str, offsets: &mut Utf16Offsets) -> Value {
        let mut object = Object::new();
        object.insert(
            Rc::from("match"),
            Value::string(text.get(self.start..self.end).unwrap_or("")),
        );
        object.insert(Rc::from("start"), offsets.at(text, self.start));
        object.insert(Rc::from("end"), offsets.at(text, self.end));
        object.insert(Rc::from("groups"), groups_value(&self.groups));
        Value::object(object)
    }
}

/// The `groups` array of a match: as in jsonata-js, a group that did not take part is an
/// `undefined` item (JSON `null`, and `$exists(groups[0])` is false).
pub(crate) fn groups_value(groups: &[Option<String>]) -> Value {
    Value::array(
        groups
            .iter()
            .map(|group| group.as_deref().map_or(Value::Undefined, Value::string))
            .collect(),
    )
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
        let searcher = matcher.searcher(text);
        let mut next = searcher.find_at(0);
        while let Some(found) = next {
            evaluator.tick(1)?;
            let end = found.end;
            matches.push(Match::from_found(found));
            if limit.is_some_and(|limit| matches.len() >= limit) || end >= text.len() {
                break;
            }
            next = searcher.find_at(end);
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
                    .map(|g| Some(g.as_str().unwrap_or("").to_string()))
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
    let mut offsets = Utf16Offsets::default();
    for found in &matches {
        let mut object = Object::new();
        object.insert(
            Rc::from("match"),
            Value::string(text.get(found.start..found.end).unwrap_or("")),
        );
        object.insert(Rc::from("index"), offsets.at(text, found.start));
        object.insert(Rc::from("groups"), groups_value(&found.groups));
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
            if let Value::Function(_) = replacement {
                // jsonata-js pastes the function's JavaScript source in place of each match
                // (and leaves a text without one as it is); calling it here would work
                // locally and not on AWS.
                return Err(EvaluationError::new(
                    "D3012",
                    "attempted to replace a matched string with a function: a function \
                     replacement needs a regular expression pattern (/…/); jsonata-js pastes \
                     the function's source text for a string pattern",
                ));
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
    let mut offsets = Utf16Offsets::default();
    for found in &matches {
        result.push_str(text.get(position..found.start).unwrap_or(""));
        match replacement {
            Value::String(template) => result.push_str(&expand_template(
                template,
                text.get(found.start..found.end).unwrap_or(""),
                &found.groups,
            )),
            function => {
                let replaced = evaluator.apply(
                    function,
                    vec![Some(found.as_object(text, &mut offsets))],
                    None,
                )?;
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
fn expand_template(template: &str, matched: &str, groups: &[Option<String>]) -> String {
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
                        // A group that did not take part adds nothing, as in jsonata-js.
                        if let Some(Some(group)) = number.checked_sub(1).and_then(|i| groups.get(i))
                        {
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::functions::test_support::evaluate;

    /// With a string pattern, a function replacement is refused: jsonata-js pastes the
    /// function's source text, and this once deleted every match without calling it.
    #[test]
    fn a_function_replacement_needs_a_regular_expression() {
        for text in [
            "$replace('aaa', 'a', function($m){ $m.match & 'x' })",
            "$replace('aaa', 'a', $uppercase)",
            "$replace('aaa', 'a', $string(?), 1)",
        ] {
            let error = evaluate(text).expect_err("refused");
            assert_eq!(error.code(), "D3012", "{text}");
        }
        // Nothing to replace, nothing refused: jsonata-js gives the text as it is.
        for (text, expected) in [
            ("$replace('bbb', 'a', $uppercase)", "bbb"),
            ("$replace('aaa', 'a', function($m){ 'x' }, 0)", "aaa"),
            ("$replace('', 'a', $uppercase)", ""),
        ] {
            assert_eq!(evaluate(text).expect(text), Some(json!(expected)), "{text}");
        }
        // With a regular expression it is called with each match.
        assert_eq!(
            evaluate("$replace('aaa', /a/, function($m){ $m.match & 'x' })").expect("replaces"),
            Some(json!("axaxax"))
        );
    }
}
