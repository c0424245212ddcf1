//! Why a local run that diverges failed, and whether the history could not supply what it
//! lacked: a parent history holds neither the S3 objects a Distributed Map's `ItemReader`
//! reads nor the events (and so the task results) of its child workflows.

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;
use sfn_dsl::StateMachine;
use sfn_dsl::model::{State, States};

use crate::mock::{Mocks, Unmocked};
use crate::result::{Execution, ExecutionStatus};

/// How a local run that diverges from the recording failed (or timed out).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::replay::{self, Missing};
/// use sfn_local::Executor;
///
/// // Recorded with the CSV object at hand; replayed without it.
/// let executor = Executor::from_json(r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map",
///     "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
///         "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
///         "Parameters": {"Bucket": "b", "Key": "a.csv"}},
///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
///         "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}"#)?;
/// let history = json!({"events": [
///     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
///      "executionStartedEventDetails": {"input": "{}"}},
///     {"id": 2, "previousEventId": 1, "type": "MapStateEntered",
///      "stateEnteredEventDetails": {"name": "Each", "input": "{}"}},
///     {"id": 3, "previousEventId": 2, "type": "MapStateStarted", "mapStateStartedEventDetails": {"length": 0}},
///     {"id": 4, "previousEventId": 3, "type": "MapRunStarted", "mapRunStartedEventDetails": {}},
///     {"id": 5, "previousEventId": 4, "type": "MapRunSucceeded"},
///     {"id": 6, "previousEventId": 5, "type": "MapStateSucceeded"},
///     {"id": 7, "previousEventId": 6, "type": "MapStateExited",
///      "stateExitedEventDetails": {"name": "Each", "output": "[{\"id\":\"1\"}]"}},
///     {"id": 8, "previousEventId": 7, "type": "ExecutionSucceeded",
///      "executionSucceededEventDetails": {"output": "[{\"id\":\"1\"}]"}}
/// ]});
/// let report = replay::replay(executor, &history)?;
/// let Some(failure) = report.failure else { panic!("the local run failed") };
/// assert_eq!(failure.state.as_deref(), Some("Each"));
/// assert_eq!(failure.error, "States.ItemReaderFailed");
/// assert_eq!(failure.missing, Some(Missing::ItemReaderObjects));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalFailure {
    /// The state the failure came from (a Map state, for one of its Map Run), when the
    /// local history shows it.
    pub state: Option<String>,
    /// The error (`States.Timeout` for a run that timed out).
    pub error: String,
    /// The cause, when there is one.
    pub cause: Option<String>,
    /// What the history could not supply that the failed state needs, when that may be
    /// why it failed.
    pub missing: Option<Missing>,
}

/// What a parent execution's history cannot hold, yet a local replay of it needs.
///
/// # Examples
///
/// ```
/// use sfn_local::replay::Missing;
///
/// let missing = Missing::ChildTaskResults { tasks: vec!["Enrich".into()] };
/// assert!(missing.to_string().contains("`Enrich`"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Missing {
    /// The S3 objects the Map's `ItemReader` reads: a history records only the Map Run.
    ItemReaderObjects,
    /// Results for these Task states of the Distributed Map's child workflows, which have
    /// no mock: each child workflow is an execution of its own, whose events (and task
    /// results) are not in the parent's history.
    ChildTaskResults {
        /// The Task states without a mock, by name.
        tasks: Vec<String>,
    },
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ItemReaderObjects => f.write_str(
                "the objects its ItemReader reads are not in the history, which records only the Map Run",
            ),
            Self::ChildTaskResults { tasks } => {
                let names: Vec<String> = tasks.iter().map(|name| format!("`{name}`")).collect();
                write!(
                    f,
                    "its child workflows' Task state{} {} {} no mock, and no result in the history, which holds none of the child workflows' events",
                    if tasks.len() == 1 { "" } else { "s" },
                    names.join(", "),
                    if tasks.len() == 1 { "has" } else { "have" },
                )
            }
        }
    }
}

impl fmt::Display for LocalFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the local run failed")?;
        if let Some(state) = &self.state {
            write!(f, " in `{state}`")?;
        }
        write!(f, " with {}", self.error)?;
        if let Some(cause) = &self.cause {
            write!(f, ": {cause}")?;
        }
        if let Some(missing) = &self.missing {
            write!(f, "\n  {missing}")?;
        }
        Ok(())
    }
}

/// How `execution` failed, when it did: its error and cause, the state it came from, and
/// what of that state a history cannot hold and `fallback` does not supply.
pub(super) fn local_failure(
    execution: &Execution,
    local: &[Value],
    machine: &StateMachine,
    fallback: &Mocks,
) -> Option<LocalFailure> {
    let error = match execution.status {
        ExecutionStatus::Succeeded => return None,
        ExecutionStatus::TimedOut => execution
            .error
            .clone()
            .unwrap_or_else(|| "States.Timeout".to_owned()),
        _ => execution.error.clone()?,
    };
    let state = local.last().and_then(|last| entered_state(last, local));
    let missing = state
        .as_deref()
        .and_then(|name| missing(machine, name, &error, fallback));
    Some(LocalFailure {
        state,
        error,
        cause: execution.cause.clone(),
        missing,
    })
}

/// The state whose `…StateEntered` event `event` leads back to by `previousEventId`.
fn entered_state(event: &Value, events: &[Value]) -> Option<String> {
    let by_id: HashMap<u64, &Value> = events
        .iter()
        .filter_map(|event| Some((event.get("id")?.as_u64()?, event)))
        .collect();
    let mut current = event;
    // Each step goes to an earlier event, so the walk ends; the bound guards a malformed
    // chain all the same.
    for _ in 0..=events.len() {
        let kind = current.get("type").and_then(Value::as_str)?;
        if kind.ends_with("StateEntered") {
            return current
                .get("stateEnteredEventDetails")?
                .get("name")?
                .as_str()
                .map(str::to_owned);
        }
        let previous = current.get("previousEventId")?.as_u64()?;
        current = by_id.get(&previous)?;
    }
    None
}

/// What the failed Map state `name` needs that the history cannot hold: the objects of its
/// `ItemReader` (when that is what failed), or results for its child workflows' Task
/// states that `fallback` leaves unanswered.
fn missing(machine: &StateMachine, name: &str, error: &str, fallback: &Mocks) -> Option<Missing> {
    let map = machine
        .all_states()
        .into_iter()
        .find_map(|(state_name, state)| match state {
            State::Map(map) if state_name.as_str() == name => Some(map),
            _ => None,
        })?;
    if error == "States.ItemReaderFailed" && map.item_reader.is_some() {
        return Some(Missing::ItemReaderObjects);
    }
    if !map.is_distributed() || fallback.unmocked_policy() == Unmocked::Echo {
        return None;
    }
    let mut tasks = Vec::new();
    unmocked_tasks(&map.item_processor.states, fallback, &mut tasks);
    (!tasks.is_empty()).then_some(Missing::ChildTaskResults { tasks })
}

/// The Task states of `states`, nested ones included, that `fallback` has no mock for.
fn unmocked_tasks(states: &States, fallback: &Mocks, into: &mut Vec<String>) {
    for (name, state) in states {
        if let State::Task(task) = state
            && fallback
                .find(name.as_str(), &task.resource.to_string())
                .is_none()
            && !into.iter().any(|known| known == name.as_str())
        {
            into.push(name.as_str().to_owned());
        }
        for nested in state.nested() {
            unmocked_tasks(nested.states(), fallback, into);
        }
    }
}
