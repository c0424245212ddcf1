//! Reading a mock configuration value, field by field as AWS documents it: every problem
//! names its JSON pointer and says why.

use indexmap::IndexMap;
use serde_json::{Map, Value};
use sfn_dsl::source::escape_pointer_segment;
use sfn_dsl::{ParseError, ParseIssueKind};

use super::{MockConfigError, Responses, TestCases};
use crate::mock::response::Response;

const STATE_MACHINES: &str = "StateMachines";
const MOCKED_RESPONSES: &str = "MockedResponses";
const TEST_CASES: &str = "TestCases";
const RETURN: &str = "Return";
const THROW: &str = "Throw";
const ERROR: &str = "Error";
const CAUSE: &str = "Cause";

pub(super) fn invalid(pointer: impl Into<String>, message: impl Into<String>) -> MockConfigError {
    MockConfigError::Invalid {
        pointer: pointer.into(),
        message: message.into(),
    }
}

/// The first problem of text that did not parse: a repeated key is a shape problem at
/// its pointer (JSON parsers would silently keep one of the values), anything else is
/// not JSON.
pub(super) fn json_error(error: &ParseError) -> MockConfigError {
    let Some(issue) = error.issues().first() else {
        return MockConfigError::Json(error.to_string());
    };
    let place = format!("line {}, column {}", issue.line, issue.column);
    if issue.kind == ParseIssueKind::DuplicateKey {
        invalid(&issue.pointer, format!("{} ({place})", issue.message))
    } else {
        MockConfigError::Json(format!("{place}: {}", issue.message))
    }
}

fn child(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", escape_pointer_segment(key))
}

fn object<'v>(value: &'v Value, pointer: &str) -> Result<&'v Map<String, Value>, MockConfigError> {
    value.as_object().ok_or_else(|| {
        invalid(
            pointer,
            format!("expected an object, found {}", kind(value)),
        )
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Rejects keys other than `known`, suggesting the known key a misspelt one stands for.
fn known_keys(
    object: &Map<String, Value>,
    pointer: &str,
    known: &[&str],
) -> Result<(), MockConfigError> {
    let Some(key) = object.keys().find(|key| !known.contains(&key.as_str())) else {
        return Ok(());
    };
    let close = known.iter().find(|name| {
        name.eq_ignore_ascii_case(key) || key.starts_with(**name) || name.starts_with(key.as_str())
    });
    let hint = close.map_or_else(String::new, |name| format!("; did you mean `{name}`?"));
    Err(invalid(
        child(pointer, key),
        format!(
            "unknown field `{key}` (expected {}){hint}",
            known.join(" or ")
        ),
    ))
}

/// The whole file: `StateMachines` and `MockedResponses`, each optional (an absent one
/// reads as empty, so asking for a test case names what is missing).
pub(super) fn config(value: &Value) -> Result<(TestCases, Responses), MockConfigError> {
    let root = object(value, "")?;
    known_keys(root, "", &[STATE_MACHINES, MOCKED_RESPONSES])?;
    let mut test_cases = IndexMap::new();
    if let Some(machines) = root.get(STATE_MACHINES) {
        let pointer = child("", STATE_MACHINES);
        for (machine, body) in object(machines, &pointer)? {
            let pointer = child(&pointer, machine);
            test_cases.insert(machine.clone(), state_machine(body, &pointer)?);
        }
    }
    let mut responses = IndexMap::new();
    if let Some(named) = root.get(MOCKED_RESPONSES) {
        let pointer = child("", MOCKED_RESPONSES);
        for (name, invocations) in object(named, &pointer)? {
            let pointer = child(&pointer, name);
            responses.insert(name.clone(), parse_attempts(invocations, &pointer)?);
        }
    }
    Ok((test_cases, responses))
}

/// `{"TestCases": {case: {state: response name}}}`: AWS documents `TestCases` as the
/// single field of a state machine.
fn state_machine(
    value: &Value,
    pointer: &str,
) -> Result<IndexMap<String, IndexMap<String, String>>, MockConfigError> {
    let body = object(value, pointer)?;
    known_keys(body, pointer, &[TEST_CASES])?;
    let test_cases = body.get(TEST_CASES).ok_or_else(|| {
        invalid(
            pointer,
            format!("missing `{TEST_CASES}`: a state machine lists its test cases there"),
        )
    })?;
    let pointer = child(pointer, TEST_CASES);
    let mut cases = IndexMap::new();
    for (case, states) in object(test_cases, &pointer)? {
        let pointer = child(&pointer, case);
        let mut mapping = IndexMap::new();
        for (state, response) in object(states, &pointer)? {
            let name = response.as_str().ok_or_else(|| {
                invalid(
                    child(&pointer, state),
                    format!(
                        "expected the name of a mocked response (a string), found {}",
                        kind(response)
                    ),
                )
            })?;
            mapping.insert(state.clone(), name.to_owned());
        }
        cases.insert(case.clone(), mapping);
    }
    Ok(cases)
}

/// A mocked response, `{"0": {...}, "1-2": {...}}`: one answer per invocation key, a
/// number or an inclusive range, none overlapping. Gaps are allowed here: an invocation
/// no key covers fails the execution when (and only if) it happens.
pub(crate) fn parse_attempts(
    value: &Value,
    pointer: &str,
) -> Result<Vec<(u64, u64, Response)>, MockConfigError> {
    let keys = object(value, pointer)?;
    if keys.is_empty() {
        return Err(invalid(
            pointer,
            "expected at least one invocation key such as `0` or `0-2`",
        ));
    }
    let mut attempts: Vec<(&str, u64, u64, Response)> = Vec::with_capacity(keys.len());
    for (range, response) in keys {
        let pointer = child(pointer, range);
        let (start, end) = parse_range(range).ok_or_else(|| {
            invalid(
                &pointer,
                format!(
                    "`{range}` is not an invocation number or inclusive range such as `0` or `1-2`"
                ),
            )
        })?;
        if let Some((other, ..)) = attempts
            .iter()
            .find(|(_, other_start, other_end, _)| start <= *other_end && *other_start <= end)
        {
            return Err(invalid(
                &pointer,
                format!("`{range}` overlaps `{other}`: each invocation has one response"),
            ));
        }
        attempts.push((range, start, end, parse_response(response, &pointer)?));
    }
    attempts.sort_by_key(|(_, start, _, _)| *start);
    Ok(attempts
        .into_iter()
        .map(|(_, start, end, response)| (start, end, response))
        .collect())
}

/// `"3"` or `"0-2"`: decimal digits only, a range's end not before its start.
fn parse_range(text: &str) -> Option<(u64, u64)> {
    let number = |digits: &str| -> Option<u64> {
        if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    };
    match text.split_once('-') {
        Some((start, end)) => {
            let (start, end) = (number(start)?, number(end)?);
            (start <= end).then_some((start, end))
        }
        None => number(text).map(|index| (index, index)),
    }
}

/// `{"Return": any JSON}` or `{"Throw": {"Error": string, "Cause": string}}`.
fn parse_response(value: &Value, pointer: &str) -> Result<Response, MockConfigError> {
    let body = object(value, pointer)?;
    known_keys(body, pointer, &[RETURN, THROW])?;
    match (body.get(RETURN), body.get(THROW)) {
        (Some(result), None) => Ok(Response::Return(result.clone())),
        (None, Some(throw)) => {
            let pointer = child(pointer, THROW);
            let throw = object(throw, &pointer)?;
            known_keys(throw, &pointer, &[ERROR, CAUSE])?;
            let field = |name: &str| -> Result<String, MockConfigError> {
                match throw.get(name) {
                    Some(Value::String(text)) => Ok(text.clone()),
                    Some(other) => Err(invalid(
                        child(&pointer, name),
                        format!("expected a string, found {}", kind(other)),
                    )),
                    None => Err(invalid(
                        &pointer,
                        format!(
                            "missing `{name}`: `{THROW}` needs `{ERROR}` and `{CAUSE}` strings"
                        ),
                    )),
                }
            };
            Ok(Response::Throw {
                error: field(ERROR)?,
                cause: Some(field(CAUSE)?),
            })
        }
        (Some(_), Some(_)) => Err(invalid(
            pointer,
            format!("has both `{RETURN}` and `{THROW}`: a response is one or the other"),
        )),
        (None, None) => Err(invalid(
            pointer,
            format!("expected `{RETURN}` (a result) or `{THROW}` (an error)"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_decimal_numbers_or_inclusive_ranges() {
        assert_eq!(parse_range("0"), Some((0, 0)));
        assert_eq!(parse_range("12"), Some((12, 12)));
        assert_eq!(parse_range("1-2"), Some((1, 2)));
        assert_eq!(parse_range("3-3"), Some((3, 3)));
        for bad in [
            "", "-", "2-1", "1-", "-1", "+1", " 1", "1 - 2", "1-2-3", "a", "0x1",
        ] {
            assert_eq!(parse_range(bad), None, "{bad:?}");
        }
        assert_eq!(parse_range("18446744073709551616"), None);
    }

    #[test]
    fn responses_are_ordered_by_their_first_invocation() {
        let ranges = parse_attempts(
            &serde_json::json!({"3": {"Return": 3}, "0-2": {"Return": 0}}),
            "/R",
        )
        .unwrap();
        assert_eq!(
            ranges,
            [
                (0, 2, Response::Return(0.into())),
                (3, 3, Response::Return(3.into()))
            ]
        );
    }
}
