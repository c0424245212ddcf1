//! The Pass state.

use std::borrow::Cow;

use serde_json::Value;
use sfn_dsl::model::PassState;

use super::eval::States;
use super::failure::Failure;
use super::pipeline::{
    apply_template, assign_jsonata, assign_jsonpath, filter, filter_owned, output_jsonata, place,
};
use super::step::{Env, Step};

/// Runs a Pass state.
pub(crate) fn run<'m>(
    env: &Env<'_, 'm>,
    state: &'m PassState,
    input: &Value,
) -> Result<Step<'m>, Failure> {
    let context = env.context(None, None);
    let next = state.transition.next();
    if env.is_jsonata() {
        let states = States::new(input, &context, env.tools());
        let assigned = assign_jsonata(env, state.assign.as_ref(), &states)?;
        let output = output_jsonata(env, state.output.as_ref(), &states, || input.clone())?;
        return Ok(Step {
            output,
            next,
            assigned,
        });
    }
    let result = if let Some(result) = &state.result {
        env.stage(|stages| stages.result = Some(result.clone()));
        Cow::Borrowed(result)
    } else {
        let effective = filter(env, input, state.input_path.as_ref(), &context)?;
        env.stage(|stages| stages.after_input_path = Some(effective.clone().into_owned()));
        let parameters = apply_template(env, effective, state.parameters.as_ref(), &context)?;
        env.stage(|stages| stages.after_parameters = Some(parameters.clone().into_owned()));
        parameters
    };
    let assigned = assign_jsonpath(env, state.assign.as_ref(), &result, &context)?;
    let result = result.into_owned();
    env.stage(|stages| stages.after_result_selector = Some(result.clone()));
    let output = place(env, input, state.result_path.as_ref(), result)?;
    env.stage(|stages| stages.after_result_path = Some(output.clone()));
    let output = filter_owned(env, output, state.output_path.as_ref(), &context)?;
    Ok(Step {
        output,
        next,
        assigned,
    })
}
