//! The result of a run: status, output or error, states entered, history and cost.

use serde_json::{Map, Value, json};

use crate::cost::{Cost, Pricing};
use crate::history::{EventType, HistoryEvent};
use crate::map_run::{FailedChild, MapRun, MapRunStatus};
use crate::objects::Objects;
use crate::time::Timestamp;

/// How an execution ended.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::{ExecutionStatus, Executor};
///
/// let machine = StateMachine::from_json(r#"{"TimeoutSeconds": 60, "StartAt": "Wait", "States": {
///     "Wait": {"Type": "Wait", "Seconds": 3600, "End": true}}}"#)?;
/// let execution = Executor::new(machine).run(json!({}))?;
/// assert_eq!(execution.status, ExecutionStatus::TimedOut);
/// assert_eq!(execution.status.to_string(), "TIMED_OUT");
/// let finished_in_time = match execution.status {
///     ExecutionStatus::Succeeded | ExecutionStatus::Failed => true,
///     _ => false, // timed out (or a status added later)
/// };
/// assert!(!finished_in_time);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExecutionStatus {
    /// It reached a Succeed state or an `End`.
    Succeeded,
    /// An error was not caught.
    Failed,
    /// It ran longer than its `TimeoutSeconds` (or the workflow type's maximum).
    TimedOut,
}

impl ExecutionStatus {
    /// The spelling AWS uses (`SUCCEEDED`, `FAILED`, `TIMED_OUT`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::ExecutionStatus;
    ///
    /// assert_eq!(ExecutionStatus::TimedOut.as_str(), "TIMED_OUT");
    /// assert_eq!(ExecutionStatus::Succeeded.to_string(), ExecutionStatus::Succeeded.as_str());
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "SUCCEEDED",
            Self::Failed => "FAILED",
            Self::TimedOut => "TIMED_OUT",
        }
    }
}

impl std::fmt::Display for ExecutionStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Standard or Express: decides the maximum duration, the history limit and the cost
/// model.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::{ExecutionStatus, Executor, WorkflowType};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Cool down", "States": {
///     "Cool down": {"Type": "Wait", "Seconds": 600, "End": true}}}"#)?;
/// let standard = Executor::new(machine.clone()).run(json!({}))?;
/// assert_eq!(standard.status, ExecutionStatus::Succeeded);
/// // An Express execution may run for five minutes only.
/// let express = Executor::new(machine).workflow_type(WorkflowType::Express).run(json!({}))?;
/// assert_eq!(express.status, ExecutionStatus::TimedOut);
/// assert_eq!(express.workflow_type, WorkflowType::Express);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum WorkflowType {
    /// At most one year, 25,000 history events.
    #[default]
    Standard,
    /// At most five minutes.
    Express,
}

/// One finished execution.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::{ExecutionStatus, Executor};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "No", "States": {
///     "No": {"Type": "Fail", "Error": "Rejected", "Cause": "not today"}}}"#)?;
/// let execution = Executor::new(machine).run(json!({}))?;
/// assert_eq!(execution.status, ExecutionStatus::Failed);
/// assert_eq!(execution.error.as_deref(), Some("Rejected"));
/// assert_eq!(execution.states, ["No"]);
/// assert_eq!(
///     execution.summary().to_string(),
///     r#"{"status":"FAILED","output":null,"error":"Rejected","cause":"not today","states":["No"]}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Execution {
    /// How it ended.
    pub status: ExecutionStatus,
    /// The output, when it succeeded.
    pub output: Option<Value>,
    /// The error name, when it failed or timed out (a Fail state may leave it out).
    pub error: Option<String>,
    /// The cause, when there is one.
    pub cause: Option<String>,
    /// The names of the states entered, in order (nested ones included).
    pub states: Vec<String>,
    /// The history, in the shape of `GetExecutionHistory` (empty with
    /// [`HistoryMode::CountOnly`](crate::HistoryMode::CountOnly)).
    pub history: Vec<HistoryEvent>,
    /// The number of history events, kept or not.
    pub event_count: u64,
    /// State transitions: each state entered and each retry.
    pub state_transitions: u64,
    /// The execution's ARN, as `$$.Execution.Id` shows it:
    /// `arn:aws:states:<region>:<account>:execution:<machine>:<name>` for a Standard
    /// execution, `arn:aws:states:<region>:<account>:express:<machine>:<name>:<id>` for an
    /// Express one.
    pub execution_arn: String,
    /// The execution's name.
    pub name: String,
    /// When it started, in virtual time.
    pub start_time: Timestamp,
    /// When it stopped, in virtual time.
    pub stop_time: Timestamp,
    /// The workflow type it ran as.
    pub workflow_type: WorkflowType,
    /// Objects written by Distributed Map `ResultWriter`s.
    pub objects_written: Objects,
    /// The Distributed Map Runs it started, in the order they started, with the failures
    /// of their child executions, which its own history does not show (AWS keeps them in
    /// the children's histories); see [`MapRun`].
    pub map_runs: Vec<MapRun>,
}

impl Execution {
    /// Whether it succeeded.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let pass = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// assert!(pass.run(json!({}))?.succeeded());
    /// let fail = Executor::from_json(r#"{"StartAt": "F", "States": {"F": {"Type": "Fail"}}}"#)?;
    /// assert!(!fail.run(json!({}))?.succeeded());
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn succeeded(&self) -> bool {
        self.status == ExecutionStatus::Succeeded
    }

    /// The virtual time it took, in milliseconds.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"#)?;
    /// assert_eq!(executor.run(json!({}))?.duration_ms(), 3_600_000); // virtual: the run is instant
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn duration_ms(&self) -> u64 {
        u64::try_from(self.stop_time.as_millis() - self.start_time.as_millis()).unwrap_or(0)
    }

    /// The estimated cost with `pricing`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Pricing};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "A", "States": {
    ///     "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}"#)?;
    /// let cost = executor.run(json!({}))?.cost(&Pricing::default());
    /// assert_eq!(cost.state_transitions, 2);
    /// assert_eq!(cost.standard, 2.0 * Pricing::default().standard_per_transition);
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn cost(&self, pricing: &Pricing) -> Cost {
        Cost::estimate(pricing, self.state_transitions, self.duration_ms())
    }

    /// The event types of the history, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{EventType, Executor};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// assert_eq!(executor.run(json!({}))?.event_types(), [
    ///     EventType::ExecutionStarted,
    ///     EventType::PassStateEntered,
    ///     EventType::PassStateExited,
    ///     EventType::ExecutionSucceeded,
    /// ]);
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn event_types(&self) -> Vec<EventType> {
        self.history.iter().map(|event| event.event_type).collect()
    }

    /// Why a failed execution's Distributed Map failed, when its children did: the first
    /// child execution to fail in the Map Run that failed the execution (the last one that
    /// failed), with that Map Run. `None` when the execution did not fail with the Map's
    /// error (`States.ExceedToleratedFailureThreshold`: a Map failure a catcher handled
    /// does not count), or no failed Map Run had a failed child (a Map Run that tolerated
    /// its failures does not count).
    ///
    /// The parent's error is AWS's `States.ExceedToleratedFailureThreshold`; the child's
    /// error, cause and failing state are only in the child's own history on AWS.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "Each", "States": {"Each": {
    ///     "Type": "Map", "End": true,
    ///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
    ///         "StartAt": "Check", "States": {"Check": {"Type": "Fail", "Error": "Invalid", "Cause": "no id"}}}}}}"#)?;
    /// let execution = executor.run(json!([{}]))?;
    /// let (map_run, child) = execution.first_failed_child().expect("a child failed");
    /// assert_eq!(map_run.state_name, "Each");
    /// assert_eq!(child.state.as_deref(), Some("Check"));
    /// assert_eq!((child.error.as_deref(), child.cause.as_deref()), (Some("Invalid"), Some("no id")));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn first_failed_child(&self) -> Option<(&MapRun, &FailedChild)> {
        // A Map Run whose failure a catcher handled did not fail the execution: the
        // execution failed with the Map's error, from the last Map Run that failed.
        if self.status != ExecutionStatus::Failed
            || self.error.as_deref() != Some("States.ExceedToleratedFailureThreshold")
        {
            return None;
        }
        self.map_runs
            .iter()
            .rev()
            .filter(|map_run| map_run.status == MapRunStatus::Failed)
            .take(1)
            .find_map(|map_run| {
                map_run
                    .failed_children
                    .first()
                    .map(|child| (map_run, child))
            })
    }

    /// [`Execution::first_failed_child`] as the summary shows it: the Map state, the Map
    /// Run, the child's index and ARN, the state it failed in, its error and cause.
    #[must_use]
    pub(crate) fn failed_child_json(&self) -> Option<Value> {
        self.first_failed_child().map(|(map_run, child)| {
            json!({
                "map_state": map_run.state_name,
                "map_run_arn": map_run.map_run_arn,
                "index": child.index,
                "execution_arn": child.execution_arn,
                "state": child.state,
                "error": child.error,
                "cause": child.cause,
            })
        })
    }

    /// The one-line summary `sfn run --format json` prints:
    /// `{"status", "output", "error", "cause", "states"}`, and `"failed_child"` when the
    /// execution failed with a Distributed Map whose children failed (see
    /// [`Execution::first_failed_child`]; the object has `map_state`, `map_run_arn`,
    /// `index`, `execution_arn`, `state`, `error` and `cause`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "End": true}}}"#)?;
    /// assert_eq!(
    ///     executor.run(json!({}))?.summary(),
    ///     json!({"status": "SUCCEEDED", "output": 1, "error": null, "cause": null, "states": ["P"]})
    /// );
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn summary(&self) -> Value {
        let mut summary = json!({
            "status": self.status.as_str(),
            "output": self.output,
            "error": self.error,
            "cause": self.cause,
            "states": self.states,
        });
        if let (Value::Object(fields), Some(child)) = (&mut summary, self.failed_child_json()) {
            fields.insert("failed_child".into(), child);
        }
        summary
    }

    /// The history as `GetExecutionHistory` returns it: `{"events": [...]}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// let history = executor.run(json!({"id": 1}))?.history_json();
    /// let first = &history["events"][0];
    /// assert_eq!((first["type"].as_str(), first["id"].as_u64()), (Some("ExecutionStarted"), Some(1)));
    /// assert_eq!(first["executionStartedEventDetails"]["input"], json!(r#"{"id":1}"#)); // JSON text, as AWS
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn history_json(&self) -> Value {
        json!({"events": self.history.iter().map(HistoryEvent::to_aws_json).collect::<Vec<_>>()})
    }

    /// What the run did, for drawing over the machine's diagram with
    /// [`sfn_dsl::render::mermaid_traced`] or [`dot_traced`](sfn_dsl::render::dot_traced):
    /// the states entered and how often, where it stopped, the transitions it took. Add the
    /// traces of several runs (a test suite's) to see which states none of them reached.
    /// Empty for a run that only counted its events ([`HistoryMode::CountOnly`]).
    ///
    /// [`HistoryMode::CountOnly`]: crate::HistoryMode::CountOnly
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::{StateMachine, render};
    /// use sfn_local::Executor;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Big?", "States": {
    ///     "Big?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"}],
    ///              "Default": "Small"},
    ///     "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}}"#)?;
    /// let mut covered = render::Trace::new();
    /// for n in [1, 2] {
    ///     let execution = Executor::new(machine.clone()).run(json!({"n": n}))?;
    ///     covered.add(&execution.trace());
    /// }
    /// assert_eq!(covered.entered("Small"), 2);
    /// assert_eq!(covered.entered("Big"), 0); // no test takes that branch
    /// assert!(render::mermaid_traced(&machine, &covered).contains("class s1 never"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn trace(&self) -> sfn_dsl::render::Trace {
        // The history this crate writes always has the shape a trace reads.
        sfn_dsl::render::Trace::from_history(&self.history_json()).unwrap_or_default()
    }

    /// A deterministic view for snapshot tests (for example with `insta`): the summary,
    /// transitions, and every event with its type and details but without ids and
    /// timestamps. Runs are reproducible when the start time and seed are fixed, which
    /// they are unless set otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// // Two runs give the same snapshot: no ids or timestamps, fixed start time and seed.
    /// assert_eq!(executor.run(json!({"id": 1}))?.snapshot(), executor.run(json!({"id": 1}))?.snapshot());
    /// let snapshot = executor.run(json!({}))?.snapshot();
    /// assert_eq!(snapshot["status"], json!("SUCCEEDED"));
    /// assert_eq!(snapshot["events"][1]["type"], json!("PassStateEntered"));
    /// assert!(snapshot["events"][1].get("timestamp").is_none());
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn snapshot(&self) -> Value {
        let events: Vec<Value> = self
            .history
            .iter()
            .map(|event| {
                let mut compact = Map::new();
                compact.insert(
                    "type".into(),
                    Value::String(event.event_type.as_str().into()),
                );
                let details = event.details.to_json(false);
                if !details.is_empty() {
                    compact.insert("details".into(), Value::Object(details));
                }
                Value::Object(compact)
            })
            .collect();
        json!({
            "status": self.status.as_str(),
            "output": self.output,
            "error": self.error,
            "cause": self.cause,
            "states": self.states,
            "state_transitions": self.state_transitions,
            "duration_ms": self.duration_ms(),
            "events": events,
        })
    }
}
