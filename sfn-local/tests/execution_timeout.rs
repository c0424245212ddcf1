//! The execution's `TimeoutSeconds` against states that end at the same virtual instant.
//!
//! The execution's timer is armed when the execution starts, before its first state is
//! entered; on AWS every state therefore ends strictly after a timer of the same length,
//! and the execution times out. The executor gives the timer precedence at a tie.

use std::time::Duration;

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{EventType, Execution, ExecutionStatus, Executor, Mock, Mocks, Response};

fn run(definition: &Value, mocks: Mocks) -> Execution {
    let machine = StateMachine::from_value(definition).expect("valid definition");
    Executor::new(machine)
        .mocks(mocks)
        .run(json!({}))
        .expect("runs")
}

fn wait_then_succeed(wait: u64) -> Value {
    json!({"TimeoutSeconds": 10, "StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": wait, "Next": "Done"},
        "Done": {"Type": "Succeed"}}})
}

#[test]
fn a_wait_ending_when_the_execution_times_out_loses() {
    let execution = run(&wait_then_succeed(10), Mocks::new());
    assert_eq!(execution.status, ExecutionStatus::TimedOut);
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    assert_eq!(
        execution.cause.as_deref(),
        Some("The execution ran longer than its TimeoutSeconds (10 s).")
    );
    assert_eq!(execution.duration_ms(), 10_000);
    assert_eq!(execution.states, ["W"]);
    assert_eq!(
        execution.event_types(),
        [
            EventType::ExecutionStarted,
            EventType::WaitStateEntered,
            EventType::ExecutionTimedOut,
        ]
    );
}

#[test]
fn a_wait_ending_a_moment_earlier_succeeds() {
    let execution = run(&wait_then_succeed(9), Mocks::new());
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    assert_eq!(execution.duration_ms(), 9_000);
}

#[test]
fn a_task_answering_when_the_execution_times_out_loses() {
    let execution = run(
        &json!({"TimeoutSeconds": 10, "StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}),
        Mocks::new().state(
            "T",
            Mock::sequence([Response::from(json!({"Payload": 1})).after(Duration::from_secs(10))]),
        ),
    );
    assert_eq!(execution.status, ExecutionStatus::TimedOut);
    assert!(!execution.event_types().contains(&EventType::TaskSucceeded));
}

/// A task whose own `TimeoutSeconds` equals the execution's: the execution's timer was
/// armed first, so the execution times out rather than the task failing.
#[test]
fn the_execution_timer_wins_over_a_task_timer_of_the_same_length() {
    let execution = run(
        &json!({"TimeoutSeconds": 10, "StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "TimeoutSeconds": 10, "End": true}}}),
        Mocks::new().state("T", Mock::no_response()),
    );
    assert_eq!(execution.status, ExecutionStatus::TimedOut);
    assert_eq!(
        execution.event_types().last(),
        Some(&EventType::ExecutionTimedOut)
    );
    assert!(!execution.event_types().contains(&EventType::TaskTimedOut));
}

/// Without `TimeoutSeconds`, an Express execution ends after five minutes, and its cause
/// says that limit, not a field the definition does not have.
#[test]
fn an_express_execution_times_out_at_five_minutes() {
    let machine = StateMachine::from_value(&json!({"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 400, "End": true}}}))
    .expect("valid definition");
    let execution = Executor::new(machine)
        .workflow_type(sfn_local::WorkflowType::Express)
        .run(json!({}))
        .expect("runs");
    assert_eq!(execution.status, ExecutionStatus::TimedOut);
    assert_eq!(execution.duration_ms(), 300_000);
    assert_eq!(
        execution.cause.as_deref(),
        Some("The execution ran longer than an Express workflow may (five minutes).")
    );
}

/// A `TimeoutSeconds` longer than the workflow type allows does not lift its limit: AWS
/// ends the execution at the smaller of the two, and the cause names the type's limit.
#[test]
fn a_timeout_longer_than_the_workflow_type_allows_is_bounded_by_it() {
    let run_as = |workflow_type, timeout: u64, wait: u64| {
        let machine = StateMachine::from_value(&json!({"TimeoutSeconds": timeout, "StartAt": "W",
            "States": {"W": {"Type": "Wait", "Seconds": wait, "End": true}}}))
        .expect("valid definition");
        Executor::new(machine)
            .workflow_type(workflow_type)
            .run(json!({}))
            .expect("runs")
    };
    let express = run_as(sfn_local::WorkflowType::Express, 600, 400);
    assert_eq!(express.status, ExecutionStatus::TimedOut);
    assert_eq!(express.duration_ms(), 300_000);
    assert_eq!(express.error.as_deref(), Some("States.Timeout"));
    assert_eq!(
        express.cause.as_deref(),
        Some("The execution ran longer than an Express workflow may (five minutes).")
    );
    let year_ms = 365 * 24 * 3600 * 1000;
    let standard = run_as(
        sfn_local::WorkflowType::Standard,
        99_999_999,
        463 * 24 * 3600,
    );
    assert_eq!(standard.status, ExecutionStatus::TimedOut);
    assert_eq!(standard.duration_ms(), year_ms);
    assert_eq!(
        standard.cause.as_deref(),
        Some("The execution ran longer than a Standard workflow may (one year).")
    );
    assert_eq!(
        standard.event_types(),
        [
            EventType::ExecutionStarted,
            EventType::WaitStateEntered,
            EventType::ExecutionTimedOut,
        ]
    );
    // A shorter `TimeoutSeconds` still applies, with its own cause; so does one equal to
    // the type's limit.
    let shorter = run_as(sfn_local::WorkflowType::Express, 60, 400);
    assert_eq!(shorter.duration_ms(), 60_000);
    assert_eq!(
        shorter.cause.as_deref(),
        Some("The execution ran longer than its TimeoutSeconds (60 s).")
    );
    let equal = run_as(sfn_local::WorkflowType::Express, 300, 400);
    assert_eq!(equal.duration_ms(), 300_000);
    assert_eq!(
        equal.cause.as_deref(),
        Some("The execution ran longer than its TimeoutSeconds (300 s).")
    );
}

/// A Distributed Map over `[400, 100]` whose children wait as long as their item says,
/// run as `execution_type` child executions; `extra` is merged into the Map state.
fn waiting_children(execution_type: &str, extra: &Value) -> Execution {
    let mut map = json!({
        "Type": "Map", "End": true,
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": execution_type},
            "StartAt": "W",
            "States": {"W": {"Type": "Wait", "SecondsPath": "$", "End": true}}}
    });
    if let (Some(map), Some(extra)) = (map.as_object_mut(), extra.as_object()) {
        map.extend(extra.clone());
    }
    let machine = StateMachine::from_value(&json!({"StartAt": "Map", "States": {"Map": map}}))
        .expect("valid definition");
    Executor::new(machine).run(json!([400, 100])).expect("runs")
}

const EXPRESS_CAUSE: &str = "The execution ran longer than an Express workflow may (five minutes).";

/// Express child executions of a Distributed Map run at most five minutes, as a top-level
/// Express execution does: the 400 s child times out at 300 s, failing the Map Run.
#[test]
fn an_express_child_execution_times_out_at_five_minutes() {
    let execution = waiting_children("EXPRESS", &json!({}));
    assert_eq!(execution.status, ExecutionStatus::Failed);
    assert_eq!(
        execution.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
    assert_eq!(execution.duration_ms(), 300_000);
    // Standard children may run a year.
    let standard = waiting_children("STANDARD", &json!({}));
    assert_eq!(standard.status, ExecutionStatus::Succeeded);
    assert_eq!(standard.duration_ms(), 400_000);
}

/// A tolerated timeout leaves the timed-out child's error in the Map's result, and a
/// `ResultWriter` lists the child as `TIMED_OUT` under `FAILED`.
#[test]
fn a_tolerated_express_child_timeout_is_recorded_with_its_error() {
    let execution = waiting_children("EXPRESS", &json!({"ToleratedFailureCount": 1}));
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    assert_eq!(
        execution.output,
        Some(json!([{"Error": "States.Timeout", "Cause": EXPRESS_CAUSE}, 100]))
    );
    let written = waiting_children(
        "EXPRESS",
        &json!({"ToleratedFailureCount": 1, "ResultWriter": {
            "Resource": "arn:aws:states:::s3:putObject",
            "Parameters": {"Bucket": "results", "Prefix": "runs"}}}),
    );
    assert_eq!(written.status, ExecutionStatus::Succeeded);
    let failed: Vec<Value> = written
        .objects_written
        .iter()
        .filter(|(_, key, _)| key.ends_with("/FAILED_0.json"))
        .flat_map(|(_, _, body)| serde_json::from_str::<Vec<Value>>(body).expect("JSON"))
        .collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(
        (
            &failed[0]["Status"],
            &failed[0]["Error"],
            &failed[0]["Cause"]
        ),
        (
            &json!("TIMED_OUT"),
            &json!("States.Timeout"),
            &json!(EXPRESS_CAUSE)
        )
    );
    assert_eq!(failed[0]["Input"], "400");
}
