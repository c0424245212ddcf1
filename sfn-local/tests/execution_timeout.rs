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
