//! The Wait state.

use serde_json::Value;
use sfn_dsl::model::{Dynamic, DynamicValue, WaitDuration, WaitState};

use super::eval::{self, Scope, States};
use super::failure::Failure;
use super::pipeline::{assign_jsonata, assign_jsonpath, filter, filter_owned, output_jsonata};
use super::step::{Env, Step};
use crate::time::Timestamp;

/// The longest delay AWS accepts, in seconds (about 68 years).
const MAX_DELAY_SECONDS: i64 = 2_147_483_647;
/// The most seconds a JSONata `Seconds` may give (AWS's Wait page: "from 0 to 99999999").
const MAX_JSONATA_SECONDS: i64 = 99_999_999;

/// Runs a Wait state.
pub(crate) async fn run<'m>(
    env: &Env<'_, 'm>,
    state: &'m WaitState,
    input: Value,
) -> Result<Step<'m>, Failure> {
    let context = env.context(None, None);
    let next = state.transition.next();
    if env.is_jsonata() {
        let states = States::new(&input, &context, env.tools());
        let until = deadline(env, &state.duration, None, Some(&states))?;
        let assigned = assign_jsonata(env, state.assign.as_ref(), &states)?;
        let output = output_jsonata(env, state.output.as_ref(), &states, || input.clone())?;
        env.run.timers.sleep_until(until).await;
        return Ok(Step {
            output,
            next,
            assigned,
        });
    }
    let effective = filter(env, &input, state.input_path.as_ref(), &context)?;
    env.stage(|stages| stages.after_input_path = Some(effective.clone().into_owned()));
    let scope = env.scope(&effective, &context);
    let until = deadline(env, &state.duration, Some(&scope), None)?;
    let assigned = assign_jsonpath(env, state.assign.as_ref(), &effective, &context)?;
    let output = filter_owned(
        env,
        effective.into_owned(),
        state.output_path.as_ref(),
        &context,
    )?;
    env.run.timers.sleep_until(until).await;
    Ok(Step {
        output,
        next,
        assigned,
    })
}

/// When the wait ends, in virtual milliseconds.
fn deadline(
    env: &Env<'_, '_>,
    duration: &WaitDuration,
    scope: Option<&Scope<'_>>,
    states: Option<&States<'_>>,
) -> Result<i64, Failure> {
    let now = env.run.timers.now();
    match duration {
        WaitDuration::Seconds(seconds) => {
            let seconds = match seconds {
                Dynamic::Literal(seconds) => i64::try_from(*seconds).unwrap_or(i64::MAX),
                Dynamic::Path(path) => seconds_from_path(path, scope)?,
                Dynamic::Jsonata(expression) => {
                    let states = states.ok_or_else(|| {
                        Failure::runtime("Seconds is a JSONata expression in a JSONPath state")
                    })?;
                    let value = eval::jsonata(expression, states, env.variables, "Seconds")?;
                    match value.as_i64().or_else(|| {
                        value.as_f64().filter(|v| v.fract() == 0.0).map(|v| {
                            #[expect(
                                clippy::cast_possible_truncation,
                                reason = "checked to be integral"
                            )]
                            let whole = v as i64;
                            whole
                        })
                    }) {
                        Some(seconds) if (0..=MAX_JSONATA_SECONDS).contains(&seconds) => seconds,
                        // Out of range, not of the wrong type: AWS's Wait page says the
                        // expression "must evaluate to an integer in the stated range"
                        // (0 to 99999999; its wording for this is not recorded, the error is
                        // its `QueryEvaluationError`).
                        Some(_) => {
                            return Err(Failure::query(
                                Some("Seconds".into()),
                                format!(
                                    "The JSONata expression '{}' specified for the field 'Seconds' returned {value}, out of the range a Wait takes: 0 to {MAX_JSONATA_SECONDS} seconds",
                                    expression.trimmed()
                                ),
                            ));
                        }
                        None => {
                            return Err(Failure::query(
                                Some("Seconds".into()),
                                format!(
                                    "The JSONata expression '{}' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '{}' for value: {value}",
                                    expression.trimmed(),
                                    super::choice::type_name(&value)
                                ),
                            ));
                        }
                    }
                }
                Dynamic::Placeholder(placeholder) => {
                    return Err(Failure::runtime(format!(
                        "Seconds holds the unsubstituted placeholder {placeholder}"
                    )));
                }
            };
            if seconds > MAX_DELAY_SECONDS {
                return Err(Failure::runtime("Wait state delay is too long."));
            }
            Ok(now.saturating_add(seconds.saturating_mul(1000)))
        }
        WaitDuration::Timestamp(timestamp) => {
            let instant = match timestamp {
                Dynamic::Literal(text) => Timestamp::parse_rfc3339(text).ok_or_else(|| {
                    Failure::runtime(format!(
                        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {text}"
                    ))
                })?,
                Dynamic::Path(path) => timestamp_from_path(path, scope)?,
                Dynamic::Jsonata(expression) => {
                    let states = states.ok_or_else(|| Failure::runtime("Timestamp is a JSONata expression in a JSONPath state"))?;
                    let value = eval::jsonata(expression, states, env.variables, "Timestamp")?;
                    value
                        .as_str()
                        .and_then(Timestamp::parse_rfc3339)
                        .ok_or_else(|| {
                            let shown = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
                            Failure::query(
                                Some("Timestamp".into()),
                                format!(
                                    "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {shown}"
                                ),
                            )
                        })?
                }
                Dynamic::Placeholder(placeholder) => {
                    return Err(Failure::runtime(format!(
                        "Timestamp holds the unsubstituted placeholder {placeholder}"
                    )));
                }
            };
            // "Step Functions considers the time value up to seconds and truncates
            // milliseconds" (AWS's Wait page).
            let until = instant.as_millis().div_euclid(1000) * 1000;
            let delay_seconds = (until - now) / 1000;
            if delay_seconds > MAX_DELAY_SECONDS {
                return Err(Failure::runtime("Wait state delay is too long."));
            }
            Ok(until.max(now))
        }
    }
}

fn path_value(path: &DynamicValue, scope: Option<&Scope<'_>>) -> Result<Option<Value>, Failure> {
    let scope = scope.ok_or_else(|| Failure::runtime("a …Path field in a JSONata state"))?;
    eval::select_optional(path.as_str(), scope)
}

fn seconds_from_path(path: &DynamicValue, scope: Option<&Scope<'_>>) -> Result<i64, Failure> {
    let text = path.as_str();
    let value = path_value(path, scope)?.ok_or_else(|| {
        Failure::runtime(format!(
            "The SecondsPath parameter does not reference an input value: {text}"
        ))
    })?;
    if let Some(seconds) = value.as_i64() {
        if seconds < 0 {
            return Err(Failure::runtime(format!(
                "The SecondsPath parameter references a negative value: {text} == {seconds}"
            )));
        }
        return Ok(seconds);
    }
    if value.is_u64() {
        return Ok(i64::MAX);
    }
    if value.is_number() {
        return Err(Failure::runtime(format!(
            "The SecondsPath parameter cannot be parsed as a long value: {text} == {value}"
        )));
    }
    // A null reads as no value (inferred: AWS recorded only a missing one).
    if value.is_null() {
        return Err(Failure::runtime(format!(
            "The SecondsPath parameter does not reference an input value: {text}"
        )));
    }
    Err(Failure::runtime(not_a_number(text, &value)))
}

/// Why a `SecondsPath` that found a string, boolean, array or object is refused. AWS's
/// wording for this is not recorded (only that for a missing value is, in
/// `test_logs`); these words follow the Task's `TimeoutSecondsPath`, naming the value
/// found (as JSON, so that `"5"` shows as a string) rather than calling it missing.
fn not_a_number(path: &str, value: &Value) -> String {
    let found = match value {
        Value::String(_) => "a string",
        Value::Bool(_) => "a boolean",
        Value::Array(_) => "an array",
        // Numbers and null are refused before this is asked.
        _ => "an object",
    };
    format!(
        "The SecondsPath field refers to value {value} which is not a valid non-negative integer ({found}, not a number): {path}"
    )
}

fn timestamp_from_path(
    path: &DynamicValue,
    scope: Option<&Scope<'_>>,
) -> Result<Timestamp, Failure> {
    let text = path.as_str();
    let value = path_value(path, scope)?.ok_or_else(|| {
        Failure::runtime(format!(
            "The TimestampPath parameter does not reference an input value: {text}"
        ))
    })?;
    value
        .as_str()
        .and_then(Timestamp::parse_rfc3339)
        .ok_or_else(|| {
            let shown = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
            Failure::runtime(format!(
                "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {text} == {shown}"
            ))
        })
}
