//! What a failing Parallel or Map state records about the branches and iterations it tears
//! down, as AWS records it.

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::EventType::{
    ExecutionFailed, ExecutionSucceeded, FailStateEntered, MapIterationAborted, MapIterationFailed,
    MapStateFailed, ParallelStateExited, ParallelStateFailed, PassStateEntered, PassStateExited,
    TaskFailed, TaskStateAborted, TaskTimedOut, WaitStateAborted,
};
use sfn_local::{EventType, Execution, Executor, Mock, Mocks, Response};

fn run(definition: &Value, mocks: Mocks, input: Value) -> Execution {
    let machine = StateMachine::from_value(definition).expect("valid definition");
    Executor::new(machine)
        .mocks(mocks)
        .run(input)
        .expect("runs")
}

fn types_from(execution: &Execution, first: EventType) -> Vec<EventType> {
    let types = execution.event_types();
    let start = types
        .iter()
        .position(|kind| *kind == first)
        .expect("event present");
    types[start..].to_vec()
}

const INVOKE: &str = "arn:aws:states:::lambda:invoke";

/// Recorded: `test_service_lambda_map_timeout`. Four iterations whose tasks time out at
/// the same instant: every timeout is recorded, the first iteration fails, the others
/// are aborted, and each iteration's task state is aborted after its iteration event.
#[test]
fn map_iterations_timing_out_together() {
    let execution = run(
        &json!({"StartAt": "MapWait", "States": {"MapWait": {
            "Type": "Map", "End": true, "ItemsPath": "$.Inputs",
            "ItemProcessor": {"StartAt": "LambdaInvoke", "States": {"LambdaInvoke": {
                "Type": "Task", "Resource": INVOKE, "TimeoutSeconds": 5, "End": true}}}}}}),
        Mocks::new().state("LambdaInvoke", Mock::no_response()),
        json!({"Inputs": [1, 2, 3, 4]}),
    );
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    assert_eq!(execution.duration_ms(), 5_000);
    assert_eq!(
        types_from(&execution, TaskTimedOut),
        [
            TaskTimedOut,
            TaskTimedOut,
            TaskTimedOut,
            TaskTimedOut,
            MapIterationFailed,
            TaskStateAborted,
            MapIterationAborted,
            TaskStateAborted,
            MapIterationAborted,
            TaskStateAborted,
            MapIterationAborted,
            TaskStateAborted,
            MapStateFailed,
            ExecutionFailed,
        ]
    );
}

/// Recorded: `test_parallel_catch_error` (a branch's task fails, its task state is
/// aborted before the Parallel state fails and its catcher runs). The branch still
/// waiting is aborted too, after the failing one.
#[test]
fn a_failing_branch_aborts_its_task_and_the_other_branches() {
    let execution = run(
        &json!({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Next": "Done", "Branches": [
                {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 100, "End": true}}},
                {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": INVOKE, "End": true}}}
            ], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fallback"}]},
            "Fallback": {"Type": "Pass", "End": true},
            "Done": {"Type": "Succeed"}
        }}),
        Mocks::new().state(
            "Work",
            Mock::from(Response::throw("Exception", "Some exception was raised.")),
        ),
        json!({}),
    );
    assert_eq!(
        types_from(&execution, TaskFailed),
        [
            TaskFailed,
            TaskStateAborted,
            WaitStateAborted,
            ParallelStateFailed,
            ParallelStateExited,
            PassStateEntered,
            PassStateExited,
            ExecutionSucceeded,
        ]
    );
    assert_eq!(execution.duration_ms(), 0);
}

/// A branch that completed is not aborted, nor is a state that already exited.
#[test]
fn finished_branches_and_exited_states_are_not_aborted() {
    let execution = run(
        &json!({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Quick", "States": {"Quick": {"Type": "Task", "Resource": INVOKE, "End": true}}},
                {"StartAt": "Wait", "States": {
                    "Wait": {"Type": "Wait", "Seconds": 1, "Next": "Boom"},
                    "Boom": {"Type": "Fail", "Error": "Boom"}}}
            ]}
        }}),
        Mocks::new().state("Quick", Mock::returns(json!(1))),
        json!({}),
    );
    assert_eq!(
        types_from(&execution, FailStateEntered),
        [FailStateEntered, ParallelStateFailed, ExecutionFailed]
    );
}

/// At the top level a failing task fails the execution without an aborted event
/// (recorded in every failing Task test, such as `test_raise_exception`).
#[test]
fn a_top_level_task_failure_is_not_an_abort() {
    let execution = run(
        &json!({"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": INVOKE, "End": true}}}),
        Mocks::new().state("Work", Mock::throws("Exception", "boom")),
        json!({}),
    );
    assert_eq!(
        types_from(&execution, TaskFailed),
        [TaskFailed, ExecutionFailed]
    );
}
