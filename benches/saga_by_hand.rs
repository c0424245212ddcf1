//! The document of the `saga` benchmark written directly with the model types, without the
//! builder: how fast the pipeline could be if composing and lowering cost nothing. It is
//! the same document, byte for byte (a test checks it), so the difference between the two
//! benchmarks is what the builder costs, and what remains is the model's own cost (its heap
//! blocks, the graph check, serializing, dropping).

use std::borrow::Cow;

use serde_json::json;
use sfn_dsl::StateMachine;
use sfn_dsl::model::{
    Catcher, DynamicValue, ErrorName, FailState, IntegrationPattern, IntrinsicCall, JsonPath,
    Nullable, PassState, Payload, PayloadObject, ReferencePath, Resource, Retrier, State,
    StateName, States, TaskState, Transition,
};

/// The transient Lambda errors, shared as the builder shares them.
static LAMBDA_TRANSIENT: [ErrorName; 4] = [
    ErrorName::Custom(Cow::Borrowed("Lambda.ServiceException")),
    ErrorName::Custom(Cow::Borrowed("Lambda.AWSLambdaException")),
    ErrorName::Custom(Cow::Borrowed("Lambda.SdkClientException")),
    ErrorName::Custom(Cow::Borrowed("Lambda.TooManyRequestsException")),
];
static ALL: [ErrorName; 1] = [ErrorName::All];

/// The machine [`crate::saga::build`] makes, put together field by field: the same `format!`
/// and `json!` inputs, names shared as the builder shares them, each state written once.
///
/// # Examples
///
/// ```
/// let by_hand = sfn_benches::saga_by_hand::machine(3);
/// assert_eq!(by_hand.to_json(), sfn_benches::saga::build_check_serialize(3)?);
/// # Ok::<(), sfn_dsl::error::BuildError>(())
/// ```
#[must_use]
pub fn machine(steps: usize) -> StateMachine {
    let step_names: Vec<StateName> = (0..steps)
        .map(|step| StateName::from(format!("Step {step}")))
        .collect();
    let undo_names: Vec<StateName> = (0..steps.saturating_sub(1))
        .map(|step| StateName::from(format!("Undo {step}")))
        .collect();
    let cause = StateName::from("Saga failed: cause");
    let failed = StateName::from("Saga failed");
    let done = StateName::from("Done");
    // Where a failure of step `step` goes: the compensation of the step before it.
    let unwind_from = |step: usize| {
        step.checked_sub(1)
            .and_then(|before| undo_names.get(before))
            .unwrap_or(&cause)
            .clone()
    };
    let mut states = States::new();
    for (step, name) in step_names.iter().enumerate() {
        let mut task = lambda_invoke(format!("${{Step{step}FunctionArn}}"));
        task.result_selector = Some(Payload::from(json!({"result.$": "$.Payload"})));
        task.result_path = Some(Nullable::Value(ReferencePath::new(format!(
            "$.results.step{step}"
        ))));
        task.retry = Some(
            [Retrier {
                error_equals: Cow::Borrowed(&LAMBDA_TRANSIENT),
                max_attempts: Some(3),
                ..Retrier::default()
            }]
            .into(),
        );
        let mut catcher = Catcher::new(Cow::Borrowed(&ALL[..]), unwind_from(step));
        catcher.result_path = Some(Nullable::Value(ReferencePath::from_static("$.error")));
        task.catch = Some([catcher].into());
        task.transition = Transition::Next(step_names.get(step + 1).unwrap_or(&done).clone());
        states.insert(name.clone(), State::Task(Box::new(task)));
    }
    states.insert(done, State::Succeed(Box::default()));
    for (step, name) in undo_names.iter().enumerate().rev() {
        let mut task = lambda_invoke(format!("${{Undo{step}FunctionArn}}"));
        task.retry = Some(
            [Retrier {
                error_equals: Cow::Borrowed(&ALL),
                interval_seconds: Some(1),
                max_attempts: Some(3),
                backoff_rate: Some(2.into()),
                ..Retrier::default()
            }]
            .into(),
        );
        task.result_path = Some(Nullable::Null);
        task.transition = Transition::Next(unwind_from(step));
        states.insert(name.clone(), State::Task(Box::new(task)));
    }
    let mut default_cause = PayloadObject::new();
    default_cause.insert_dynamic(
        "error",
        DynamicValue::Intrinsic(IntrinsicCall::new(
            r#"States.JsonMerge(States.StringToJson('\{"Cause": ""\}'), $.error, false)"#,
        )),
    );
    let pass = PassState {
        parameters: Some(Payload::Object(default_cause)),
        transition: Transition::Next(failed.clone()),
        ..PassState::default()
    };
    states.insert(cause, State::Pass(Box::new(pass)));
    let fail = FailState {
        error: Some(sfn_dsl::model::Dynamic::Path(DynamicValue::Path(
            JsonPath::new("$.error.Error"),
        ))),
        cause: Some(sfn_dsl::model::Dynamic::Path(DynamicValue::Path(
            JsonPath::new("$.error.Cause"),
        ))),
        ..FailState::default()
    };
    states.insert(failed, State::Fail(Box::new(fail)));
    StateMachine {
        comment: Some("benchmark saga".to_owned()),
        start_at: step_names.first().cloned().unwrap_or_default(),
        states,
        ..StateMachine::default()
    }
}

/// A Task invoking `function` through `lambda:invoke` with the state input as payload.
fn lambda_invoke(function: String) -> TaskState {
    let mut parameters = PayloadObject::new();
    parameters.insert("FunctionName", function);
    parameters.insert_dynamic("Payload", DynamicValue::Path(JsonPath::from_static("$")));
    let mut task = TaskState::new(Resource::integration(
        "lambda",
        "invoke",
        IntegrationPattern::RequestResponse,
    ));
    task.parameters = Some(Payload::Object(parameters));
    task
}

/// [`machine`], its graph checked (`check_graph`, the structural part of what `build()`
/// checks) and serialized: the pipeline without the builder.
///
/// # Examples
///
/// ```
/// let json = sfn_benches::saga_by_hand::check_serialize(2);
/// assert!(json.starts_with(r#"{"Comment":"benchmark saga","StartAt":"Step 0""#));
/// ```
#[must_use]
pub fn check_serialize(steps: usize) -> String {
    let machine = machine(steps);
    let issues = sfn_dsl::graph::check_graph(&machine);
    if issues.is_empty() {
        machine.to_json()
    } else {
        String::new()
    }
}
