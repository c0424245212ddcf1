//! How an execution ends: its closing history event, the result it gives, and why it failed
//! or timed out.

use serde_json::Value;
use sfn_dsl::StateMachine;

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

/// The longest a Standard execution may run, in seconds: one year (AWS quota).
const STANDARD_LIMIT_SECONDS: u64 = 365 * 24 * 3600;

/// When an execution times out: at the smaller of its machine's `TimeoutSeconds` and the
/// longest its workflow type may run (AWS ends it at whichever comes first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Deadline {
    /// The machine's `TimeoutSeconds`, no longer than the workflow type allows.
    TimeoutSeconds(u64),
    /// The workflow type's maximum duration: no `TimeoutSeconds`, or a longer one.
    WorkflowType(WorkflowType),
}

impl Deadline {
    /// The deadline of an execution of `machine` run as `workflow_type`.
    pub(super) fn of(machine: &StateMachine, workflow_type: WorkflowType) -> Self {
        let limit = match workflow_type {
            WorkflowType::Standard => STANDARD_LIMIT_SECONDS,
            WorkflowType::Express => EXPRESS_LIMIT_SECONDS,
        };
        match machine
            .timeout_seconds
            .as_ref()
            .and_then(|timeout| timeout.as_literal().copied())
        {
            Some(seconds) if seconds <= limit => Self::TimeoutSeconds(seconds),
            _ => Self::WorkflowType(workflow_type),
        }
    }

    /// The deadline in milliseconds after the execution starts.
    pub(super) fn as_millis(self) -> i64 {
        let seconds = match self {
            Self::TimeoutSeconds(seconds) => seconds,
            Self::WorkflowType(WorkflowType::Standard) => STANDARD_LIMIT_SECONDS,
            Self::WorkflowType(WorkflowType::Express) => EXPRESS_LIMIT_SECONDS,
        };
        i64::try_from(seconds)
            .unwrap_or(i64::MAX / 1000)
            .saturating_mul(1000)
    }

    /// Why an execution that reached this deadline timed out.
    fn cause(self) -> String {
        match self {
            Self::TimeoutSeconds(seconds) => {
                format!("The execution ran longer than its TimeoutSeconds ({seconds} s).")
            }
            Self::WorkflowType(WorkflowType::Standard) => {
                "The execution ran longer than a Standard workflow may (one year).".to_owned()
            }
            Self::WorkflowType(WorkflowType::Express) => EXPRESS_TIMEOUT_CAUSE.to_owned(),
        }
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
            let cause = Deadline::of(run.machine, run.settings.workflow_type).cause();
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
        map_runs: run.map_runs.into_inner(),
    }
}
