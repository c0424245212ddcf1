//! Replaying an execution history exported from AWS (`GetExecutionHistory`): the input,
//! start time, role and task results come from the history, and the local run is compared
//! event by event.

mod compare;
mod failure;
mod start;

pub use failure::{LocalFailure, Missing};

use std::fmt;

use serde_json::Value;

use crate::conformance::case::History;
use crate::executor::{Executor, RunError};
use crate::mock::Mocks;
use crate::result::Execution;

/// Why a history cannot be replayed.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::replay::{ReplayError, replay};
/// use sfn_local::{Executor, RunError};
///
/// let definition = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
/// let error = replay(Executor::from_json(definition)?, &json!({"events": []})).unwrap_err();
/// assert!(matches!(error, ReplayError::NotAHistory));
///
/// // A definition that cannot run cannot be replayed either.
/// let broken = Executor::from_json(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#)?;
/// let history = json!({"events": [{"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
///     "executionStartedEventDetails": {"input": "{}"}}]});
/// let error = replay(broken, &history).unwrap_err();
/// assert!(matches!(error, ReplayError::Run(RunError::InvalidDefinition { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// The value is not `{"events": [...]}` starting with `ExecutionStarted`.
    #[error(
        "not an execution history: expected {{\"events\": [...]}} starting with ExecutionStarted"
    )]
    NotAHistory,
    /// The local run could not start.
    #[error(transparent)]
    Run(#[from] RunError),
    /// Some recorded task results cannot be tied to their Task states (a history whose
    /// branch events were reordered, as test recorders do).
    #[error("the recorded task results cannot be replayed: {0}")]
    Unattributable(String),
}

/// One side of a divergence: an event's type and the state it concerns.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::{Executor, replay};
///
/// let executor = Executor::from_json(r#"{"StartAt": "Quote", "States": {
///     "Quote": {"Type": "Pass", "Result": {"price": 12}, "End": true}}}"#)?;
/// let history = json!({"events": [
///     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
///      "executionStartedEventDetails": {"input": "{}"}},
///     {"id": 2, "previousEventId": 1, "type": "PassStateEntered",
///      "stateEnteredEventDetails": {"name": "Quote", "input": "{}"}},
///     {"id": 3, "previousEventId": 2, "type": "PassStateExited",
///      "stateExitedEventDetails": {"name": "Quote", "output": "{\"price\":10}"}},
///     {"id": 4, "previousEventId": 3, "type": "ExecutionSucceeded",
///      "executionSucceededEventDetails": {"output": "{\"price\":10}"}}
/// ]});
/// let report = replay::replay(executor, &history)?;
/// let Some(local) = report.divergence.and_then(|divergence| divergence.local) else {
///     panic!("the runs differ")
/// };
/// assert_eq!(local.event_type, "PassStateExited");
/// assert_eq!(local.state.as_deref(), Some("Quote"));
/// assert!(local.detail.is_some_and(|detail| detail.contains("12")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventSummary {
    /// The event's position, from 1.
    pub position: usize,
    /// The event type.
    pub event_type: String,
    /// The state's name, for state events.
    pub state: Option<String>,
    /// What the event carried (input, output, error and cause), compactly.
    pub detail: Option<String>,
}

impl fmt::Display for EventSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{} {}", self.position, self.event_type)?;
        if let Some(state) = &self.state {
            write!(f, " `{state}`")?;
        }
        if let Some(detail) = &self.detail {
            write!(f, " {detail}")?;
        }
        Ok(())
    }
}

/// Where the local run first differs from the recording.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::{Executor, replay};
///
/// // The recorded run quoted 10; the definition now quotes 12.
/// let executor = Executor::from_json(r#"{"StartAt": "Quote", "States": {
///     "Quote": {"Type": "Pass", "Result": {"price": 12}, "End": true}}}"#)?;
/// let history = json!({"events": [
///     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
///      "executionStartedEventDetails": {"input": "{}"}},
///     {"id": 2, "previousEventId": 1, "type": "PassStateEntered",
///      "stateEnteredEventDetails": {"name": "Quote", "input": "{}"}},
///     {"id": 3, "previousEventId": 2, "type": "PassStateExited",
///      "stateExitedEventDetails": {"name": "Quote", "output": "{\"price\":10}"}},
///     {"id": 4, "previousEventId": 3, "type": "ExecutionSucceeded",
///      "executionSucceededEventDetails": {"output": "{\"price\":10}"}}
/// ]});
/// let report = replay::replay(executor, &history)?;
/// let Some(divergence) = report.divergence else { panic!("the runs differ") };
/// let (Some(recorded), Some(local)) = (&divergence.recorded, &divergence.local) else {
///     panic!("both runs have a third event")
/// };
/// assert_eq!((recorded.position, local.position), (3, 3));
/// assert_eq!(recorded.state.as_deref(), Some("Quote"));
/// assert!(divergence.to_string().starts_with("recorded #3 PassStateExited `Quote`"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// The recorded event (none when the recording ended first).
    pub recorded: Option<EventSummary>,
    /// The local event (none when the local run ended first).
    pub local: Option<EventSummary>,
    /// The Parallel or Map state the difference lies in, when it lies among the events of
    /// its branches or iterations. They run concurrently, so AWS may record their events
    /// in another order than the local run: they are compared in any order, and `recorded`
    /// is the first recorded event the local run has no counterpart for (with `local` a
    /// local event of the same type and state left unmatched, if any), or, when every
    /// recorded event has one, `recorded` is `None` and `local` is the first local event
    /// the recording lacks.
    pub concurrent_state: Option<String>,
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = |event: &Option<EventSummary>| {
            event
                .as_ref()
                .map_or_else(|| "(no more events)".to_owned(), ToString::to_string)
        };
        write!(
            f,
            "recorded {}\n   local {}",
            side(&self.recorded),
            side(&self.local)
        )?;
        if let Some(state) = &self.concurrent_state {
            let missing = if self.recorded.is_some() {
                "the recorded event has no counterpart in the local run"
            } else {
                "the local event has no counterpart in the recording"
            };
            write!(
                f,
                "\n  (among the events of `{state}`, whose branches or iterations run concurrently and are compared in any order: {missing})"
            )?;
        }
        Ok(())
    }
}

/// The local run and where it diverges, if it does.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::{Executor, replay};
///
/// let executor = Executor::from_json(r#"{"StartAt": "Quote", "States": {
///     "Quote": {"Type": "Pass", "Result": {"price": 10}, "End": true}}}"#)?;
/// let history = json!({"events": [
///     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
///      "executionStartedEventDetails": {"input": "{}"}},
///     {"id": 2, "previousEventId": 1, "type": "PassStateEntered",
///      "stateEnteredEventDetails": {"name": "Quote", "input": "{}"}},
///     {"id": 3, "previousEventId": 2, "type": "PassStateExited",
///      "stateExitedEventDetails": {"name": "Quote", "output": "{\"price\":10}"}},
///     {"id": 4, "previousEventId": 3, "type": "ExecutionSucceeded",
///      "executionSucceededEventDetails": {"output": "{\"price\":10}"}}
/// ]});
/// let report = replay::replay(executor, &history)?;
/// assert!(report.divergence.is_none()); // the definition still does what the recording shows
/// assert!(report.execution.succeeded());
/// assert_eq!(report.execution.states, ["Quote"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct ReplayReport {
    /// The local execution.
    pub execution: Execution,
    /// The first difference, `None` when the run matches the recording.
    pub divergence: Option<Divergence>,
    /// How the local run failed, when it diverges and failed: the first place to look
    /// when the recording does not fail there, and when the failure may come from what
    /// the history cannot hold ([`Missing`]).
    pub failure: Option<LocalFailure>,
}

/// Replays `history` (`{"events": [...]}` as `aws stepfunctions get-execution-history`
/// prints it) on `executor`: the input, the task results (and the responses of tasks that
/// wait for a callback or a job) are the recorded ones, and the run starts when the
/// recorded one started, with its role, account and region (as the `ExecutionStarted`
/// event's `timestamp` and `roleArn`, and the tasks' `region`, show them).
///
/// The local history is compared with the recorded one event by event: type, state,
/// output, error and cause, and what scheduled tasks send (`parameters` or `input`,
/// `resource`, `resourceType`, `region`). Among the events of a Parallel or Map state,
/// whose branches and iterations run concurrently, the order is not compared.
///
/// A Task the history holds no result for (one of a Distributed Map's child workflows,
/// whose events are not in the parent's history) fails as unmocked;
/// [`replay_with_fallback`] answers it.
///
/// # Errors
///
/// [`ReplayError`] when the value is not a history or the definition cannot run.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::{Executor, replay};
///
/// let executor = Executor::from_json(r#"{"StartAt": "Add", "States": {"Add": {
///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
/// let history = json!({"events": [
///     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
///      "executionStartedEventDetails": {"input": "{\"a\":1}"}},
///     {"id": 2, "previousEventId": 0, "type": "TaskStateEntered",
///      "stateEnteredEventDetails": {"name": "Add", "input": "{\"a\":1}"}},
///     {"id": 3, "previousEventId": 2, "type": "TaskScheduled", "taskScheduledEventDetails": {}},
///     {"id": 4, "previousEventId": 3, "type": "TaskStarted", "taskStartedEventDetails": {}},
///     {"id": 5, "previousEventId": 4, "type": "TaskSucceeded",
///      "taskSucceededEventDetails": {"output": "{\"sum\":2}"}},
///     {"id": 6, "previousEventId": 5, "type": "TaskStateExited",
///      "stateExitedEventDetails": {"name": "Add", "output": "{\"sum\":2}"}},
///     {"id": 7, "previousEventId": 6, "type": "ExecutionSucceeded",
///      "executionSucceededEventDetails": {"output": "{\"sum\":2}"}}
/// ]});
/// let report = replay::replay(executor, &history)?;
/// assert_eq!(report.execution.output, Some(json!({"sum": 2})));
/// assert_eq!(report.divergence, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn replay(executor: Executor, history: &Value) -> Result<ReplayReport, ReplayError> {
    replay_with_fallback(executor, history, Mocks::new())
}

/// [`replay()`], with `fallback` answering the Task calls the history holds no result for:
/// those of a Distributed Map's child workflows, each an execution of its own whose
/// events are not in the parent's history. The recorded results come first; `fallback`'s
/// mocks answer the states and resources they leave unanswered, and its
/// [`Unmocked`](crate::Unmocked) policy the rest. (The executor's own mocks are not used.)
///
/// What else a history cannot hold, the executor supplies: the S3 objects a Distributed
/// Map's `ItemReader` reads ([`Executor::objects`]).
///
/// # Errors
///
/// [`ReplayError`] when the value is not a history or the definition cannot run.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::{Executor, Mocks, Unmocked, replay};
///
/// // Each item ran in a child workflow, whose task results are not in this history.
/// let definition = r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
///         "StartAt": "Enrich", "States": {"Enrich": {"Type": "Task",
///             "Resource": "arn:aws:lambda:us-east-1:123456789012:function:enrich", "End": true}}}}}}"#;
/// let history = json!({"events": [
///     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
///      "executionStartedEventDetails": {"input": "[{\"id\":1}]"}},
///     {"id": 2, "previousEventId": 1, "type": "MapStateEntered",
///      "stateEnteredEventDetails": {"name": "Each", "input": "[{\"id\":1}]"}},
///     {"id": 3, "previousEventId": 2, "type": "MapStateStarted", "mapStateStartedEventDetails": {"length": 1}},
///     {"id": 4, "previousEventId": 3, "type": "MapRunStarted", "mapRunStartedEventDetails": {}},
///     {"id": 5, "previousEventId": 4, "type": "MapRunSucceeded"},
///     {"id": 6, "previousEventId": 5, "type": "MapStateSucceeded"},
///     {"id": 7, "previousEventId": 6, "type": "MapStateExited",
///      "stateExitedEventDetails": {"name": "Each", "output": "[{\"id\":1}]"}},
///     {"id": 8, "previousEventId": 7, "type": "ExecutionSucceeded",
///      "executionSucceededEventDetails": {"output": "[{\"id\":1}]"}}
/// ]});
/// let without = replay::replay(Executor::from_json(definition)?, &history)?;
/// assert!(without.divergence.is_some());
/// let fallback = Mocks::new().unmocked(Unmocked::Echo);
/// let with = replay::replay_with_fallback(Executor::from_json(definition)?, &history, fallback)?;
/// assert_eq!(with.divergence, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn replay_with_fallback(
    executor: Executor,
    history: &Value,
    fallback: Mocks,
) -> Result<ReplayReport, ReplayError> {
    let normalized = normalize(history);
    let recorded = History::from_value(&normalized).ok_or(ReplayError::NotAHistory)?;
    if recorded.event_types.first().map(String::as_str) != Some("ExecutionStarted") {
        return Err(ReplayError::NotAHistory);
    }
    let mut machine = executor.machine().clone();
    crate::conformance::restore_resources(&mut machine.states, &recorded);
    // AWS's own histories link every event to its state; only a test recorder's sorted
    // branches lose the links.
    let mocks = recorded
        .mocks(Some(&machine))
        .map_err(ReplayError::Unattributable)?
        .or_else(fallback);
    // Kept to tell, should the run fail, which child Task states went unanswered.
    let answered = mocks.clone();
    let execution = start::as_recorded(executor.with_machine(machine.clone()), &recorded.events)
        .mocks(mocks)
        .run(recorded.input.clone())?;
    // The local events carry JSON text as AWS's do; read it as the recorded events were.
    let mut local: Vec<Value> = execution
        .history
        .iter()
        .map(crate::HistoryEvent::to_aws_json)
        .collect();
    parse_texts(&mut local);
    let divergence = compare::diverge(&recorded.events, &local);
    let failure = divergence
        .as_ref()
        .and_then(|_| failure::local_failure(&execution, &local, &machine, &answered));
    Ok(ReplayReport {
        execution,
        divergence,
        failure,
    })
}

/// Parses the JSON text AWS puts in `input`, `output` and `cause` fields.
fn normalize(history: &Value) -> Value {
    let mut history = history.clone();
    if let Some(Value::Array(events)) = history.get_mut("events") {
        parse_texts(events);
    }
    history
}

/// Parses the JSON text of the `input`, `output`, `parameters` and (object) `cause` fields
/// of `events`' details in place.
fn parse_texts(events: &mut [Value]) {
    for event in events {
        let Value::Object(fields) = event else {
            continue;
        };
        for (key, details) in fields.iter_mut() {
            if !key.ends_with("EventDetails") {
                continue;
            }
            let Value::Object(details) = details else {
                continue;
            };
            for field in ["input", "output", "cause", "parameters"] {
                if let Some(Value::String(text)) = details.get(field)
                    && let Ok(parsed) = serde_json::from_str::<Value>(text)
                {
                    if field == "cause" && !parsed.is_object() {
                        continue;
                    }
                    details.insert(field.to_owned(), parsed);
                }
            }
        }
    }
}
