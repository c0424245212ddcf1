//! `replay`: recorded histories drive local runs, and divergences are located.

use serde_json::{Value, json};
use sfn_local::replay::replay;
use sfn_local::{Executor, Mock, Mocks, Timestamp};

const TEMPLATE: &str = include_str!(
    "../../tests/corpus/localstack/templates/scenarios/lambda_invoke_with_retry_base.json"
);
const RECORDING: &str = include_str!(
    "../../tests/corpus/localstack/snapshots/v2/scenarios/test_base_scenarios.snapshot.json"
);

fn recorded_history() -> Value {
    corpus_history(RECORDING, "::test_lambda_invoke_with_retry_base")
}

/// The history AWS recorded for the test whose id ends with `test` in `recording`.
fn corpus_history(recording: &str, test: &str) -> Value {
    let recordings: Value = serde_json::from_str(recording).unwrap();
    let (_, test) = recordings
        .as_object()
        .unwrap()
        .iter()
        .find(|(key, _)| key.ends_with(test))
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

/// A Task state calling `resource` with `parameters`.
fn task_machine(resource: &str, parameters: &Value) -> Executor {
    Executor::from_json(
        &json!({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": resource, "Parameters": parameters, "End": true}}})
        .to_string(),
    )
    .unwrap()
}

/// The history of `executor` run on `input`, its task answered with `{"ok": true}`.
fn local_history(executor: Executor, input: Value) -> Value {
    let mocks = Mocks::new().state("Call", Mock::returns(json!({"ok": true})));
    executor.mocks(mocks).run(input).unwrap().history_json()
}

/// What a task sends is part of the recording: other `Parameters`, another `Resource`, or
/// another Lambda function input diverge at the scheduled event, which shows both requests.
#[test]
fn a_changed_request_diverges_where_the_task_is_scheduled() {
    let parameters = json!({"FunctionName": "quote", "Payload": {"trip.$": "$.trip"}});
    let recorded = || task_machine("arn:aws:states:::lambda:invoke", &parameters);
    let history = local_history(recorded(), json!({"trip": "T"}));
    assert_eq!(replay(recorded(), &history).unwrap().divergence, None);

    let changed = task_machine(
        "arn:aws:states:::lambda:invoke",
        &json!({"FunctionName": "quote", "Payload": {"trip.$": "$.trip", "v": 2}}),
    );
    let divergence = replay(changed, &history).unwrap().divergence.unwrap();
    let (recorded_event, local_event) = (divergence.recorded.unwrap(), divergence.local.unwrap());
    assert_eq!(recorded_event.event_type, "TaskScheduled");
    assert_eq!(recorded_event.position, 3);
    assert_eq!(
        recorded_event.detail.as_deref(),
        Some(
            r#"resourceType=lambda resource=invoke region=us-east-1 parameters={"FunctionName":"quote","Payload":{"trip":"T"}}"#
        )
    );
    assert!(
        local_event
            .detail
            .as_deref()
            .unwrap()
            .ends_with(r#"parameters={"FunctionName":"quote","Payload":{"trip":"T","v":2}}"#)
    );

    let other_service = task_machine(
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        &parameters,
    );
    let divergence = replay(other_service, &history).unwrap().divergence.unwrap();
    assert_eq!(divergence.recorded.unwrap().event_type, "TaskScheduled");

    // A Lambda function called by its ARN records its input.
    let function = "arn:aws:lambda:us-east-1:123456789012:function:quote";
    let recorded = || task_machine(function, &json!({"trip.$": "$.trip"}));
    let history = local_history(recorded(), json!({"trip": "T"}));
    assert_eq!(replay(recorded(), &history).unwrap().divergence, None);
    let changed = task_machine(function, &json!({"trip.$": "$.trip", "v": 2}));
    let divergence = replay(changed, &history).unwrap().divergence.unwrap();
    let recorded_event = divergence.recorded.unwrap();
    assert_eq!(recorded_event.event_type, "LambdaFunctionScheduled");
    assert!(
        recorded_event
            .detail
            .unwrap()
            .ends_with(r#"input={"trip":"T"}"#)
    );
}

/// The AWS CLI prints `parameters` as JSON text: its key order and spacing do not matter.
#[test]
fn recorded_parameters_are_compared_as_json_values() {
    let parameters = json!({"FunctionName": "quote", "Payload": {"a": 1, "b": 2}});
    let executor = || task_machine("arn:aws:states:::lambda:invoke", &parameters);
    let mut history = local_history(executor(), json!({}));
    let scheduled = &mut history["events"][2]["taskScheduledEventDetails"]["parameters"];
    *scheduled = json!(r#"{ "Payload": {"b": 2, "a": 1}, "FunctionName": "quote" }"#);
    assert_eq!(replay(executor(), &history).unwrap().divergence, None);
}

/// A replay starts when the recorded execution started and with its role: the context
/// object shows them, and a Wait `Timestamp` after the executor's default start does not
/// wait over a year (the run would time out).
#[test]
fn a_replay_starts_when_and_as_whom_the_recording_did() {
    let definition = json!({"StartAt": "Stamp", "States": {
        "Stamp": {"Type": "Pass", "Parameters": {
            "started.$": "$$.Execution.StartTime", "role.$": "$$.Execution.RoleArn"},
            "Next": "Hold"},
        "Hold": {"Type": "Wait", "Timestamp": "2025-06-01T00:00:10Z", "End": true}}});
    let executor = || Executor::from_json(&definition.to_string()).unwrap();
    let role = "arn:aws:iam::210987654321:role/Orders";
    let started = Timestamp::parse_rfc3339("2025-06-01T00:00:00Z").unwrap();
    let recorded = executor()
        .start_time(started)
        .role_arn(role)
        .run(json!({}))
        .unwrap();
    let mut history = recorded.history_json();
    // As the AWS CLI prints it.
    history["events"][0]["timestamp"] = json!("2025-06-01T02:00:00.000000+02:00");
    let report = replay(executor(), &history).unwrap();
    assert_eq!(report.divergence, None);
    assert_eq!(
        report.execution.output,
        Some(json!({"started": "2025-06-01T00:00:00Z", "role": role}))
    );
    assert_eq!(report.execution.states, ["Stamp", "Hold"]);
}

/// The events of Parallel branches and Map iterations interleave differently from run to
/// run: the same events in another order match, a changed one is reported with the
/// Parallel state it lies in.
#[test]
fn concurrent_branches_may_be_recorded_in_another_order() {
    let definition = |right: &str| {
        json!({"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true,
            "Branches": [
                {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "Result": "l", "End": true}}},
                {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "Result": right, "End": true}}}
            ]}}})
        .to_string()
    };
    let executor = || Executor::from_json(&definition("r")).unwrap();
    let local = executor().run(json!({})).unwrap().history_json();
    let mut history = local.clone();
    let events = history["events"].as_array_mut().unwrap();
    // The branches' four events: the right branch's first, then the left's.
    let first_branch = events
        .iter()
        .position(|event| event["type"] == "PassStateEntered")
        .unwrap();
    let (left, right): (Vec<Value>, Vec<Value>) = events
        .drain(first_branch..first_branch + 4)
        .partition(|event| event.to_string().contains("\"Left\""));
    assert_eq!((left.len(), right.len()), (2, 2));
    for (offset, event) in right.into_iter().chain(left).enumerate() {
        events.insert(first_branch + offset, event);
    }
    assert_ne!(history, local);
    assert_eq!(replay(executor(), &history).unwrap().divergence, None);

    let changed = Executor::from_json(&definition("R")).unwrap();
    let divergence = replay(changed, &history).unwrap().divergence.unwrap();
    assert_eq!(divergence.concurrent_state.as_deref(), Some("Both"));
    let recorded = divergence.recorded.as_ref().unwrap();
    assert_eq!(
        (recorded.event_type.as_str(), recorded.state.as_deref()),
        ("PassStateExited", Some("Right"))
    );
    assert_eq!(
        divergence.local.as_ref().unwrap().detail.as_deref(),
        Some("output=R")
    );
    assert!(
        divergence
            .to_string()
            .ends_with("(among the events of `Both`, whose branches or iterations run concurrently and are compared in any order: the recorded event has no counterpart in the local run)"),
        "{divergence}"
    );
}

/// Each Map iteration gets the results recorded for its own request, in whatever order
/// the iterations were recorded.
#[test]
fn recorded_iteration_results_go_to_their_own_iterations() {
    let bare = || {
        Executor::from_json(
            &json!({"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "End": true,
                "ItemProcessor": {"StartAt": "Work", "States": {"Work": {
                    "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "work", "Payload.$": "$"},
                    "OutputPath": "$.Payload", "End": true}}}}}})
            .to_string(),
        )
        .unwrap()
    };
    let local = bare()
        .mocks(Mocks::new().state(
            "Work",
            Mock::from_fn(|call| json!({"Payload": {"w": call.input["Payload"]}})),
        ))
        .run(json!([1, 2, 3]))
        .unwrap()
        .history_json();
    let mut history = local.clone();
    let events = history["events"].as_array_mut().unwrap();
    // The last iteration's task, from its scheduling to the iteration's end, moved before
    // the first's; the ids renumbered in the new order and the links kept (a history is
    // read in id order).
    let scheduled: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, event)| event["type"] == "TaskScheduled")
        .map(|(index, _)| index)
        .collect();
    let last_end = events
        .iter()
        .rposition(|event| event["type"] == "MapIterationSucceeded")
        .unwrap();
    let last: Vec<Value> = events.drain(scheduled[2]..=last_end).collect();
    for (offset, event) in last.into_iter().enumerate() {
        events.insert(scheduled[0] + offset, event);
    }
    let renumbered: std::collections::HashMap<u64, u64> = events
        .iter()
        .zip(1..)
        .map(|(event, id)| (event["id"].as_u64().unwrap(), id))
        .collect();
    for event in events.iter_mut() {
        let id = renumbered[&event["id"].as_u64().unwrap()];
        let previous = event["previousEventId"].as_u64().unwrap();
        event["id"] = json!(id);
        event["previousEventId"] = json!(renumbered.get(&previous).copied().unwrap_or(0));
    }
    assert_ne!(history, local);
    // Replayed without the mocks: the results come from the history.
    let report = replay(bare(), &history).unwrap();
    assert_eq!(report.divergence, None);
    assert_eq!(
        report.execution.output,
        Some(json!([{"w": 1}, {"w": 2}, {"w": 3}]))
    );
}

/// AWS started all four iterations before scheduling any task; the local run schedules
/// each task as its iteration starts.
#[test]
fn a_recorded_map_whose_iterations_interleave_otherwise_replays() {
    let template = include_str!(
        "../../tests/corpus/localstack/templates/timeouts/service_lambda_map_function_invoke_with_timeout_seconds.json"
    );
    let recording = include_str!(
        "../../tests/corpus/localstack/snapshots/v2/timeouts/test_timeouts.snapshot.json"
    );
    let history = corpus_history(recording, "::test_service_lambda_map_timeout");
    let report = replay(Executor::from_json(template).unwrap(), &history).unwrap();
    assert_eq!(report.divergence, None);
    assert_eq!(report.execution.error.as_deref(), Some("States.Timeout"));
}

/// A `.waitForTaskToken` task's submission records what the service answered (the SQS
/// message id): the replay takes it from the recording, and the local task token stands
/// for the one AWS gave the task.
#[test]
fn recorded_callback_tasks_replay() {
    let recording = include_str!(
        "../../tests/corpus/localstack/snapshots/v2/callback/test_callback.snapshot.json"
    );
    for (template, test) in [
        (
            "sqs_wait_for_task_token.json",
            "::test_sqs_wait_for_task_token",
        ),
        (
            "sqs_wait_for_task_token.json",
            "::test_sqs_failure_in_wait_for_task_token",
        ),
        (
            "sns_publish_wait_for_task_token.json",
            "::test_sns_publish_wait_for_task_token",
        ),
        (
            "sqs_wait_for_task_token_call_chain.json",
            "::test_sqs_wait_for_task_token_call_chain",
        ),
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/corpus/localstack/templates/callbacks")
            .join(template);
        let definition = std::fs::read_to_string(path).unwrap();
        let history = corpus_history(recording, test);
        let report = replay(Executor::from_json(&definition).unwrap(), &history).unwrap();
        assert_eq!(report.divergence, None, "{test}");
    }
}
