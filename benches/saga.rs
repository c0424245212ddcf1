//! The saga of the `saga` benchmark: written as a user would write it, shared by the
//! benchmark and the `profile-saga` binary (for instruction counts under callgrind).

use serde_json::json;
use sfn_dsl::patterns::Saga;
use sfn_dsl::prelude::*;

/// A saga of `steps` Lambda steps, each with a compensation, retries and a result path,
/// and a Succeed state at the end: `2 * steps + 2` states (the last step's compensation is
/// never needed, and the unwind chain ends in a Pass state defaulting the cause and a Fail
/// state).
///
/// # Examples
///
/// ```
/// let chain = sfn_benches::saga::chain(3);
/// assert_eq!(chain.state_names().len(), 8);
/// ```
pub fn chain(steps: usize) -> Chain {
    let mut saga = Saga::new();
    for step in 0..steps {
        saga = saga.step(
            TaskState::lambda_invoke(
                format!("Step {step}"),
                format!("${{Step{step}FunctionArn}}"),
            )
            .result_selector(json!({"result.$": "$.Payload"}))
            .result_path(format!("$.results.step{step}"))
            .retry(Retrier::builder(ErrorName::lambda_transient()).max_attempts(3)),
            TaskState::lambda_invoke(
                format!("Undo {step}"),
                format!("${{Undo{step}FunctionArn}}"),
            ),
        );
    }
    Chain::from(saga).next(SucceedState::builder("Done"))
}

/// Reference, not part of the comparison: the inputs [`chain`] makes for the library (five
/// strings with `format!` and one `json!` value per step), made and dropped without the
/// library, to show how much of the pipeline is the caller's own code. Returns their
/// total length, so that the work cannot be skipped.
///
/// # Examples
///
/// ```
/// assert!(sfn_benches::saga::inputs_only(2) > 0);
/// ```
#[must_use]
pub fn inputs_only(steps: usize) -> usize {
    let mut total = 0;
    for step in 0..steps {
        let texts = [
            format!("Step {step}"),
            format!("${{Step{step}FunctionArn}}"),
            format!("$.results.step{step}"),
            format!("Undo {step}"),
            format!("${{Undo{step}FunctionArn}}"),
        ];
        let selector = json!({"result.$": "$.Payload"});
        total += texts.iter().map(String::len).sum::<usize>()
            + selector.as_object().map_or(0, serde_json::Map::len);
    }
    total
}

/// The whole pipeline: constructs the builders, builds the machine (with every check) and
/// serializes it as compact JSON.
///
/// # Errors
///
/// The build error, if the saga does not build (it always does).
///
/// # Examples
///
/// ```
/// let json = sfn_benches::saga::build_check_serialize(2)?;
/// assert!(json.starts_with(r#"{"Comment":"benchmark saga","StartAt":"Step 0""#));
/// # Ok::<(), sfn_dsl::error::BuildError>(())
/// ```
pub fn build_check_serialize(steps: usize) -> Result<String, BuildError> {
    Ok(build(steps)?.to_json())
}

/// Builds (and checks) the machine of [`chain`].
///
/// # Errors
///
/// The build error, if the saga does not build (it always does).
pub fn build(steps: usize) -> Result<StateMachine, BuildError> {
    StateMachine::builder()
        .comment("benchmark saga")
        .start(chain(steps))
        .build()
}
