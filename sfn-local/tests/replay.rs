//! `replay`: recorded histories drive local runs, and divergences are located.

use serde_json::Value;
use sfn_local::Executor;
use sfn_local::replay::replay;

const TEMPLATE: &str = include_str!(
    "../../tests/corpus/localstack/templates/scenarios/lambda_invoke_with_retry_base.json"
);
const RECORDING: &str = include_str!(
    "../../tests/corpus/localstack/snapshots/v2/scenarios/test_base_scenarios.snapshot.json"
);

fn recorded_history() -> Value {
    let recordings: Value = serde_json::from_str(RECORDING).unwrap();
    let (_, test) = recordings
        .as_object()
        .unwrap()
        .iter()
        .find(|(key, _)| key.ends_with("::test_lambda_invoke_with_retry_base"))
        .unwrap();
    test["recorded-content"]["get_execution_history"].clone()
}

#[test]
fn a_recorded_history_replays_without_divergence() {
    let report = replay(Executor::from_json(TEMPLATE).unwrap(), &recorded_history()).unwrap();
    assert_eq!(report.divergence, None);
    assert_eq!(
        report.execution.states,
        ["InvokeLambdaWithRetry", "HandleError"]
    );
    assert_eq!(
        report.execution.output.as_ref().unwrap()["Error"],
        "Exception"
    );
}

#[test]
fn a_changed_definition_is_reported_where_it_diverges() {
    let changed = TEMPLATE.replace("\"MaxAttempts\": 3", "\"MaxAttempts\": 1");
    assert_ne!(changed, TEMPLATE);
    let report = replay(Executor::from_json(&changed).unwrap(), &recorded_history()).unwrap();
    let divergence = report.divergence.expect("diverges");
    let recorded = divergence.recorded.unwrap();
    let local = divergence.local.unwrap();
    assert_eq!(recorded.position, 9);
    assert_eq!(recorded.event_type, "LambdaFunctionScheduled");
    assert_eq!(local.event_type, "TaskStateExited");
    assert_eq!(local.state.as_deref(), Some("InvokeLambdaWithRetry"));
}

#[test]
fn aws_cli_histories_with_json_text_fields_replay() {
    // The AWS CLI prints inputs and outputs as JSON text.
    let history: Value = serde_json::json!({"events": [
        {"id": 1, "previousEventId": 0, "type": "ExecutionStarted", "executionStartedEventDetails": {"input": "{\"n\":1}"}},
        {"id": 2, "previousEventId": 0, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "P", "input": "{\"n\":1}"}},
        {"id": 3, "previousEventId": 2, "type": "PassStateExited", "stateExitedEventDetails": {"name": "P", "output": "{\"n\":1}"}},
        {"id": 4, "previousEventId": 3, "type": "ExecutionSucceeded", "executionSucceededEventDetails": {"output": "{\"n\":1}"}}
    ]});
    let executor =
        Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
            .unwrap();
    assert_eq!(replay(executor, &history).unwrap().divergence, None);
    let executor = Executor::from_json(
        r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 2, "End": true}}}"#,
    )
    .unwrap();
    let divergence = replay(executor, &history).unwrap().divergence.unwrap();
    assert_eq!(divergence.recorded.unwrap().position, 3);
    assert_eq!(
        divergence.local.unwrap().detail.as_deref(),
        Some("output=2")
    );
}

#[test]
fn string_outputs_replay_like_any_other_value() {
    let history: Value = serde_json::json!({"events": [
        {"id": 1, "previousEventId": 0, "type": "ExecutionStarted", "executionStartedEventDetails": {"input": "{}"}},
        {"id": 2, "previousEventId": 0, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "P", "input": "{}"}},
        {"id": 3, "previousEventId": 2, "type": "PassStateExited", "stateExitedEventDetails": {"name": "P", "output": "\"hello\""}},
        {"id": 4, "previousEventId": 3, "type": "ExecutionSucceeded", "executionSucceededEventDetails": {"output": "\"hello\""}}
    ]});
    let machine = |result: &str| {
        Executor::from_json(&format!(
            r#"{{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "Result": "{result}", "End": true}}}}}}"#
        ))
        .unwrap()
    };
    assert_eq!(replay(machine("hello"), &history).unwrap().divergence, None);
    let divergence = replay(machine("bye"), &history)
        .unwrap()
        .divergence
        .unwrap();
    assert_eq!(
        divergence.recorded.unwrap().detail.as_deref(),
        Some("output=hello")
    );
    assert_eq!(
        divergence.local.unwrap().detail.as_deref(),
        Some("output=bye")
    );
}
