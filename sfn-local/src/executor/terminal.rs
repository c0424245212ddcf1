//! The Succeed and Fail states.

use serde_json::Value;
use sfn_dsl::model::{Dynamic, FailState, SucceedState};

use super::eval::{self, States};
use super::failure::Failure;
use super::pipeline::{filter, filter_owned, output_jsonata};
use super::step::{Env, Step};

/// Runs a Succeed state: its (reshaped) input ends the list.
pub(crate) fn succeed<'m>(
    env: &Env<'_, 'm>,
    state: &'m SucceedState,
    input: &Value,
) -> Result<Step<'m>, Failure> {
    let context = env.context(None, None);
    let output = if env.is_jsonata() {
        let states = States::new(input, &context, env.tools());
        output_jsonata(env, state.output.as_ref(), &states, || input.clone())?
    } else {
        let effective = filter(env, input, state.input_path.as_ref(), &context)?.into_owned();
        env.stage(|stages| stages.after_input_path = Some(effective.clone()));
        filter_owned(env, effective, state.output_path.as_ref(), &context)?
    };
    Ok(Step {
        output,
        next: None,
        assigned: None,
    })
}

/// Runs a Fail state: always a failure, with the evaluated error and cause.
pub(crate) fn fail(env: &Env<'_, '_>, state: &FailState, input: &Value) -> Failure {
    // A Fail state has no `InputPath`: a state test shows its input as it came.
    if !env.is_jsonata() {
        env.stage(|stages| stages.after_input_path = Some(input.clone()));
    }
    match fail_fields(env, state, input) {
        Ok((error, cause)) => Failure::passed(error, cause),
        Err(failure) => failure,
    }
}

fn fail_fields(
    env: &Env<'_, '_>,
    state: &FailState,
    input: &Value,
) -> Result<(Option<String>, Option<String>), Failure> {
    let context = env.context(None, None);
    let field = |value: Option<&Dynamic<String>>, name: &str| -> Result<Option<String>, Failure> {
        let Some(value) = value else { return Ok(None) };
        match value {
            Dynamic::Literal(text) => Ok(Some(text.clone())),
            Dynamic::Placeholder(placeholder) => Ok(Some(placeholder.as_str().to_owned())),
            Dynamic::Path(path) => {
                let field = format!("{name}Path");
                let value = eval::dynamic(path, &env.scope(input, &context), &field)?;
                match value {
                    Value::String(text) => Ok(Some(text)),
                    other => Err(Failure::runtime(format!(
                        "The JSONPath '{path}' specified for the field '{field}' must resolve to a string, but was: {other}",
                        path = path.as_str()
                    ))),
                }
            }
            Dynamic::Jsonata(expression) => {
                let states = States::new(input, &context, env.tools());
                match eval::jsonata(expression, &states, env.variables, name)? {
                    Value::String(text) => Ok(Some(text)),
                    other => Err(Failure::query(
                        Some(name.to_owned()),
                        format!(
                            "The JSONata expression '{}' specified for the field '{name}' returned an unexpected result type. Expected 'string', but was '{}' for value: {other}",
                            expression.trimmed(),
                            super::choice::type_name(&other)
                        ),
                    )),
                }
            }
        }
    };
    let error = field(state.error.as_ref(), "Error")?;
    let cause = field(state.cause.as_ref(), "Cause")?;
    Ok((error, cause))
}
