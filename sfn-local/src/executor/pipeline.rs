//! The data-flow steps shared by the state types: `InputPath`, `Parameters`, `ResultPath`,
//! `OutputPath`, `Output` and `Assign`.

use std::borrow::Cow;

use indexmap::IndexMap;
use serde_json::{Map, Value};
use sfn_dsl::model::{
    JsonPath, MapState, Nullable, ParallelState, Payload, PayloadObject, ReferencePath, StateName,
    TaskState,
};

use super::eval::{self, States};
use super::failure::{DATA_LIMIT, Failure};
use super::limits::json_size;
use super::step::{Env, Step};

/// Applies `InputPath` or `OutputPath`: absent keeps the value, `null` gives `{}`.
pub(crate) fn filter<'v>(
    env: &Env<'_, '_>,
    value: &'v Value,
    path: Option<&Nullable<JsonPath>>,
    context: &Value,
) -> Result<Cow<'v, Value>, Failure> {
    match path {
        None => Ok(Cow::Borrowed(value)),
        Some(Nullable::Null) => Ok(Cow::Owned(Value::Object(Map::new()))),
        Some(Nullable::Value(path)) if path.as_str() == "$" => Ok(Cow::Borrowed(value)),
        Some(Nullable::Value(path)) => {
            eval::select(path.as_str(), &env.scope(value, context)).map(Cow::Owned)
        }
    }
}

/// Applies `OutputPath` to an owned value.
pub(crate) fn filter_owned(
    env: &Env<'_, '_>,
    value: Value,
    path: Option<&Nullable<JsonPath>>,
    context: &Value,
) -> Result<Value, Failure> {
    match path {
        None => Ok(value),
        Some(Nullable::Value(path)) if path.as_str() == "$" => Ok(value),
        _ => filter(env, &value, path, context).map(Cow::into_owned),
    }
}

/// Evaluates a JSONPath payload template over `input`, if present.
pub(crate) fn apply_template<'v>(
    env: &Env<'_, '_>,
    input: Cow<'v, Value>,
    template: Option<&Payload>,
    context: &Value,
) -> Result<Cow<'v, Value>, Failure> {
    match template {
        None => Ok(input),
        Some(template) => eval::template(template, &env.scope(&input, context)).map(Cow::Owned),
    }
}

/// Applies `ResultPath`: absent replaces the input, `null` keeps it.
pub(crate) fn place(
    env: &Env<'_, '_>,
    raw: &Value,
    path: Option<&Nullable<ReferencePath>>,
    result: Value,
) -> Result<Value, Failure> {
    match path {
        None => Ok(result),
        Some(Nullable::Value(path)) if path.as_str() == "$" => Ok(result),
        Some(Nullable::Null) => Ok(raw.clone()),
        Some(Nullable::Value(path)) => eval::set_reference(env.tools(), raw, path.as_str(), result),
    }
}

/// Evaluates a JSONPath `Assign` with `$` bound to `input`.
pub(crate) fn assign_jsonpath(
    env: &Env<'_, '_>,
    assign: Option<&PayloadObject>,
    input: &Value,
    context: &Value,
) -> Result<Option<IndexMap<String, Value>>, Failure> {
    assign
        .map(|assign| eval::assign_jsonpath(assign, &env.scope(input, context)))
        .transpose()
}

/// Evaluates a JSONata `Assign`.
pub(crate) fn assign_jsonata(
    env: &Env<'_, '_>,
    assign: Option<&PayloadObject>,
    states: &States<'_>,
) -> Result<Option<IndexMap<String, Value>>, Failure> {
    assign
        .map(|assign| eval::assign_jsonata(assign, states, env.variables, ""))
        .transpose()
}

/// Evaluates a JSONata `Output`, or returns `default` without one.
pub(crate) fn output_jsonata(
    env: &Env<'_, '_>,
    output: Option<&Payload>,
    states: &States<'_>,
    default: impl FnOnce() -> Value,
) -> Result<Value, Failure> {
    match output {
        None => Ok(default()),
        Some(output) => eval::jsonata_payload(output, states, env.variables, "Output"),
    }
}

/// Fails with `States.DataLimitExceeded` when `value` is larger than the payload quota.
pub(crate) fn check_size(env: &Env<'_, '_>, value: &Value, what: &str) -> Result<(), Failure> {
    let limit = env.run.settings.limits.max_payload_bytes;
    if json_size(value) > limit {
        return Err(Failure::passed(
            Some(DATA_LIMIT.to_owned()),
            Some(format!(
                "The state/task '{}' {what} with a size exceeding the maximum number of bytes service limit.",
                env.name
            )),
        ));
    }
    Ok(())
}

/// The fields that turn the result of a Task, Parallel or Map into its output.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ResultFields<'m> {
    pub(crate) result_selector: Option<&'m Payload>,
    pub(crate) result_path: Option<&'m Nullable<ReferencePath>>,
    pub(crate) output_path: Option<&'m Nullable<JsonPath>>,
    pub(crate) output: Option<&'m Payload>,
    pub(crate) assign: Option<&'m PayloadObject>,
    pub(crate) next: Option<&'m StateName>,
}

/// `From` a Task, Parallel or Map state, whose result fields have the same names.
macro_rules! result_fields_of {
    ($($state:ty),*) => {$(
        impl<'m> From<&'m $state> for ResultFields<'m> {
            fn from(state: &'m $state) -> Self {
                Self {
                    result_selector: state.result_selector.as_ref(),
                    result_path: state.result_path.as_ref(),
                    output_path: state.output_path.as_ref(),
                    output: state.output.as_ref(),
                    assign: state.assign.as_ref(),
                    next: state.transition.next(),
                }
            }
        }
    )*};
}
result_fields_of!(TaskState, ParallelState, MapState);

/// Reshapes a result: `ResultSelector`, `Assign`, `ResultPath` and `OutputPath` in
/// JSONPath, `Output` and `Assign` (with `$states.result`) in JSONata.
pub(crate) fn finish<'m>(
    env: &Env<'_, 'm>,
    fields: &ResultFields<'m>,
    input: &Value,
    result: Value,
    context: &Value,
) -> Result<Step<'m>, Failure> {
    let next = fields.next;
    if env.is_jsonata() {
        let states = States {
            result: Some(&result),
            ..States::new(input, context, env.tools())
        };
        let assigned = assign_jsonata(env, fields.assign, &states)?;
        let output = output_jsonata(env, fields.output, &states, || result.clone())?;
        return Ok(Step {
            output,
            next,
            assigned,
        });
    }
    let selected = match fields.result_selector {
        Some(selector) => eval::template(selector, &env.scope(&result, context))?,
        None => result,
    };
    env.stage(|stages| stages.after_result_selector = Some(selected.clone()));
    let assigned = assign_jsonpath(env, fields.assign, &selected, context)?;
    let output = place(env, input, fields.result_path, selected)?;
    env.stage(|stages| stages.after_result_path = Some(output.clone()));
    let output = filter_owned(env, output, fields.output_path, context)?;
    Ok(Step {
        output,
        next,
        assigned,
    })
}
