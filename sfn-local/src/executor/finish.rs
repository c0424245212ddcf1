//! How an execution ends: its closing history event, the result it gives, and why it failed
//! or timed out.

use serde_json::Value;

use super::Limits;
use super::failure::{Failure, RUNTIME, TIMEOUT};
use super::run::{Frame, Run};
use crate::history::{EventDetails, EventType, JsonText};
use crate::result::{Execution, ExecutionStatus, WorkflowType};

/// The longest an Express execution may run, in seconds: five minutes (AWS quota), for a
/// top-level execution and a Distributed Map's Express child executions alike.
pub(crate) const EXPRESS_LIMIT_SECONDS: u64 = 300;

/// Why an Express execution that ran [`EXPRESS_LIMIT_SECONDS`] timed out.
pub(crate) const EXPRESS_TIMEOUT_CAUSE: &str =
    "The execution ran longer than an Express workflow may (five minutes).";

pub(super) enum Outcome {
    Succeeded(Value),
    Failed(Failure),
    TimedOut,
}

/// How a run whose history reached `limits.max_history_events` fails.
pub(super) fn history_full(limits: &Limits) -> Failure {
    let limit = limits.max_history_events.unwrap_or(u64::MAX);
    Failure::passed(
        Some(RUNTIME.to_owned()),
        Some(format!(
            "The execution reached the maximum number of history events ({limit})."
        )),
    )
}

/// Why a run timed out: the machine's `TimeoutSeconds`, or, without one, the longest an
/// execution of its type may run.
fn timeout_cause(run: &Run<'_>) -> String {
    match run
        .machine
        .timeout_seconds
        .as_ref()
        .and_then(|timeout| timeout.as_literal())
    {
        Some(seconds) => {
            format!("The execution ran longer than its TimeoutSeconds ({seconds} s).")
        }
        None => match run.settings.workflow_type {
            WorkflowType::Standard => {
                "The execution ran longer than a Standard workflow may (one year).".to_owned()
            }
            WorkflowType::Express => EXPRESS_TIMEOUT_CAUSE.to_owned(),
        },
    }
}

pub(super) fn finish_run(run: Run<'_>, top: &Frame, outcome: Outcome) -> Execution {
    let keep = run.keeps_details();
    run.recorder.close();
    let (status, output, error, cause) = match outcome {
        Outcome::Succeeded(output) => {
            run.record(top, EventType::ExecutionSucceeded, || EventDetails {
                output: keep.then(|| JsonText::from(&output)),
                ..EventDetails::default()
            });
            (ExecutionStatus::Succeeded, Some(output), None, None)
        }
        Outcome::Failed(failure) => {
            run.record(top, EventType::ExecutionFailed, || EventDetails {
                error: failure.error.clone(),
                cause: failure.cause.clone(),
                ..EventDetails::default()
            });
            (ExecutionStatus::Failed, None, failure.error, failure.cause)
        }
        Outcome::TimedOut => {
            let cause = timeout_cause(&run);
            run.record(top, EventType::ExecutionTimedOut, || EventDetails {
                error: Some(TIMEOUT.to_owned()),
                cause: Some(cause.clone()),
                ..EventDetails::default()
            });
            (
                ExecutionStatus::TimedOut,
                None,
                Some(TIMEOUT.to_owned()),
                Some(cause),
            )
        }
    };
    let stop_time = run.now();
    let event_count = run.recorder.count();
    Execution {
        status,
        output,
        error,
        cause,
        states: run.entered.into_inner(),
        history: run.recorder.into_events(),
        event_count,
        state_transitions: run.transitions.get(),
        execution_arn: run.info.id,
        name: run.info.name,
        start_time: run.info.start,
        stop_time,
        workflow_type: run.settings.workflow_type,
        objects_written: run.written.into_inner(),
    }
}
