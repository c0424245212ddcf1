//! The executor: runs a state machine with mocked tasks in virtual time.

mod choice;
mod entropy;
pub(crate) mod eval;
mod execution;
pub(crate) mod failure;
mod fast_hash;
mod finish;
pub(crate) mod inspect;
mod integration;
mod join;
pub(crate) mod limits;
mod map;
mod parallel;
mod pass;
mod pipeline;
mod plan;
pub(crate) mod resource;
mod retry;
mod run;
pub(crate) use run::is_local_task_token;
pub(crate) mod runtime;
mod scan;
mod settings;
mod state_list;
mod step;
mod task;
mod terminal;
mod variables;
mod wait;

use std::rc::Rc;

use sfn_dsl::StateMachine;

use self::finish::{EXPRESS_LIMIT_SECONDS, EXPRESS_TIMEOUT_CAUSE};
use self::plan::{DefinitionIssue, Plan};
use self::settings::Settings;
use crate::history::HistoryMode;
use crate::mock::Mocks;
use crate::objects::Objects;
use crate::result::WorkflowType;
use crate::time::Timestamp;
pub use limits::Limits;

/// Why a run could not start.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::{Executor, RunError};
///
/// let Err(RunError::Parse(error)) = Executor::from_json(r#"{"StartAt": "A"}"#) else {
///     panic!("an unreadable definition")
/// };
/// assert_eq!(error.issues()[0].kind.code(), "missing-field"); // `States`
///
/// // It reads, but cannot run: `B` does not exist.
/// let executor = Executor::from_json(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#)?;
/// let Err(RunError::InvalidDefinition { issues }) = executor.run(json!({})) else {
///     panic!("a definition that cannot run")
/// };
/// assert_eq!(issues[0].0, "/States/A");
/// # Ok::<(), RunError>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// The definition is not valid JSON or ASL.
    #[error("the definition cannot be read: {0}")]
    Parse(#[from] sfn_dsl::ParseError),
    /// The definition cannot run: a `StartAt` or transition names a missing state, or
    /// (in a machine put together by hand) Parallel and Map states nest deeper than any
    /// definition can be read.
    #[error("the definition cannot run: {}", .issues.iter().map(|(pointer, message)| format!("{pointer}: {message}")).collect::<Vec<_>>().join("; "))]
    InvalidDefinition {
        /// Each problem: a JSON pointer and a message.
        issues: Vec<(String, String)>,
    },
    /// Every branch waits for something that can never happen.
    #[error("the execution stalled: nothing is left to wait for")]
    Stalled,
}

/// Runs a state machine locally: tasks answered by mocks, time virtual, results with the
/// states entered, the history and an estimated cost.
///
/// Runs are deterministic: unless set otherwise, each starts at
/// [`Timestamp::DEFAULT_START`] with seed 0, so ids, tokens and jitter repeat.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::{Executor, Mock, Mocks, Response};
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Charge",
///   "States": {
///     "Charge": {
///       "Type": "Task",
///       "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
///       "Retry": [{"ErrorEquals": ["Transient"], "IntervalSeconds": 60, "MaxAttempts": 2}],
///       "ResultPath": "$.charge",
///       "End": true
///     }
///   }
/// }"#)?;
/// let mocks = Mocks::new().state("Charge", Mock::sequence([
///     Response::throw("Transient", "gateway busy"),
///     Response::from(json!({"id": "ch_1"})),
/// ]));
/// let execution = Executor::new(machine).mocks(mocks).run(json!({"amount": 5}))?;
/// assert_eq!(execution.output, Some(json!({"amount": 5, "charge": {"id": "ch_1"}})));
/// assert_eq!(execution.duration_ms(), 60_000); // one retry interval, in virtual time
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Executor {
    machine: StateMachine,
    plan: Result<Plan, Vec<DefinitionIssue>>,
    settings: Settings,
    mocks: Mocks,
    entropy: Option<Rc<dyn crate::data::Entropy>>,
}

impl std::fmt::Debug for Executor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Executor")
            .field("machine", &self.machine)
            .field("settings", &self.settings)
            .field("mocks", &self.mocks)
            .finish_non_exhaustive()
    }
}

impl Executor {
    /// An executor for `machine`, with no mocks.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::StateMachine;
    /// use sfn_local::Executor;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "End": true}}}"#)?;
    /// let execution = Executor::new(machine).run(json!({}))?;
    /// assert_eq!(execution.output, Some(json!(1)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(machine: StateMachine) -> Self {
        let plan = Plan::new(&machine, None);
        Self {
            machine,
            plan,
            settings: Settings::default(),
            mocks: Mocks::new(),
            entropy: None,
        }
    }

    /// An executor for a definition's JSON text.
    ///
    /// # Errors
    ///
    /// [`RunError::Parse`] when the text is not a valid definition.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// assert_eq!(executor.run(json!({"id": 1}))?.output, Some(json!({"id": 1})));
    /// assert!(Executor::from_json("{").is_err());
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    pub fn from_json(definition: &str) -> Result<Self, RunError> {
        let machine = StateMachine::from_json(definition)?;
        let plan = Plan::new(&machine, Some(definition));
        Ok(Self {
            machine,
            plan,
            settings: Settings::default(),
            mocks: Mocks::new(),
            entropy: None,
        })
    }

    /// Replaces the machine, keeping the settings and mocks.
    pub(crate) fn with_machine(mut self, machine: StateMachine) -> Self {
        self.plan = Plan::new(&machine, None);
        self.machine = machine;
        self
    }

    /// The machine this executor runs.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// assert_eq!(executor.machine().start_at.as_str(), "P");
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn machine(&self) -> &StateMachine {
        &self.machine
    }

    /// Sets the mocks.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mocks};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
    /// let execution = executor.mocks(Mocks::new().state("T", json!({"ok": true}))).run(json!({}))?;
    /// assert_eq!(execution.output, Some(json!({"ok": true})));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn mocks(mut self, mocks: Mocks) -> Self {
        self.mocks = mocks;
        self
    }

    /// Sets when executions start, in virtual time.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Timestamp};
    ///
    /// let start = Timestamp::parse_rfc3339("2025-06-01T12:00:00Z").unwrap_or_default();
    /// let executor = Executor::from_json(r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}"#)?;
    /// let execution = executor.start_time(start).run(json!({}))?;
    /// assert_eq!(execution.start_time, start);
    /// assert_eq!(execution.stop_time.to_string(), "2025-06-01T12:01:00.000Z");
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn start_time(mut self, start: Timestamp) -> Self {
        self.settings.start_time = start;
        self
    }

    /// Seeds the random source (execution names, task tokens, jitter).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let machine = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#;
    /// let name = |seed| -> Result<String, sfn_local::RunError> {
    ///     Ok(Executor::from_json(machine)?.seed(seed).run(json!({}))?.name)
    /// };
    /// assert_eq!(name(7)?, name(7)?); // same seed, same generated execution name
    /// assert_ne!(name(7)?, name(8)?);
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.settings.seed = seed;
        self
    }

    /// Sets the random source of `States.UUID`, `States.MathRandom`, `$uuid()` and
    /// `$random()` (default: seeded from [`seed`](Self::seed)).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    /// use sfn_local::data::SeededEntropy;
    ///
    /// let machine = r#"{"StartAt": "Id", "States": {"Id": {
    ///     "Type": "Pass", "Parameters": {"id.$": "States.UUID()"}, "End": true}}}"#;
    /// let id = |seed| -> Result<_, sfn_local::RunError> {
    ///     Ok(Executor::from_json(machine)?.entropy(SeededEntropy::new(seed)).run(json!({}))?.output)
    /// };
    /// assert_eq!(id(1)?, id(1)?);
    /// assert_ne!(id(1)?, id(2)?);
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn entropy(mut self, entropy: impl crate::data::Entropy + 'static) -> Self {
        self.entropy = Some(Rc::new(entropy));
        self
    }

    /// Runs as a Standard (default) or Express workflow. The type decides the longest an
    /// execution runs (a `TimeoutSeconds` cannot lengthen it) and the form of its ARN
    /// (`…:execution:<machine>:<name>`, or `…:express:<machine>:<name>:<id>`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{ExecutionStatus, Executor, WorkflowType};
    ///
    /// let executor = Executor::from_json(r#"{"TimeoutSeconds": 600, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 400, "End": true}}}"#)?;
    /// let express = executor.workflow_type(WorkflowType::Express).run(json!({}))?;
    /// assert_eq!(express.status, ExecutionStatus::TimedOut); // Express runs five minutes at most
    /// assert_eq!(express.duration_ms(), 300_000);
    /// assert!(express.execution_arn.contains(":express:StateMachine:"));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn workflow_type(mut self, workflow_type: WorkflowType) -> Self {
        self.settings.workflow_type = workflow_type;
        if workflow_type == WorkflowType::Express {
            self.settings.limits.max_history_events = None;
        }
        self
    }

    /// Sets the quotas.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Limits};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// let limits = Limits { max_payload_bytes: 8, ..Limits::default() };
    /// let execution = executor.limits(limits).run(json!({"too": "big"}))?;
    /// assert_eq!(execution.error.as_deref(), Some("States.DataLimitExceeded"));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.settings.limits = limits;
        self
    }

    /// Keeps the full history (default) or only counts events.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, HistoryMode};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// let execution = executor.history(HistoryMode::CountOnly).run(json!({}))?;
    /// assert!(execution.history.is_empty());
    /// assert_eq!(execution.event_count, 4); // started, entered, exited, succeeded
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn history(mut self, mode: HistoryMode) -> Self {
        self.settings.history = mode;
        self
    }

    /// Sets the region shown in ARNs and task events (default `us-east-1`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// let execution = executor.region("eu-west-1").run(json!({}))?;
    /// assert!(execution.execution_arn.starts_with("arn:aws:states:eu-west-1:"));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.settings.region = region.into();
        self
    }

    /// Sets the account id shown in ARNs (default `123456789012`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// let execution = executor.account("111122223333").run(json!({}))?;
    /// assert!(execution.execution_arn.starts_with("arn:aws:states:us-east-1:111122223333:execution:"));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn account(mut self, account: impl Into<String>) -> Self {
        self.settings.account = account.into();
        self
    }

    /// Sets the state machine's name (default `StateMachine`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// let execution = executor.state_machine_name("Orders").execution_name("run-1").run(json!({}))?;
    /// assert!(execution.execution_arn.ends_with(":execution:Orders:run-1"));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn state_machine_name(mut self, name: impl Into<String>) -> Self {
        self.settings.machine_name = name.into();
        self
    }

    /// Sets the execution's name (default: a UUID from the seeded source).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "Name", "States": {"Name": {
    ///     "Type": "Pass", "Parameters": {"name.$": "$$.Execution.Name"}, "End": true}}}"#)?;
    /// let execution = executor.execution_name("nightly").run(json!({}))?;
    /// assert_eq!(execution.name, "nightly");
    /// assert_eq!(execution.output, Some(json!({"name": "nightly"})));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn execution_name(mut self, name: impl Into<String>) -> Self {
        self.settings.execution_name = Some(name.into());
        self
    }

    /// Sets the execution role shown in the context object and history.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let role = "arn:aws:iam::123456789012:role/orders";
    /// let executor = Executor::from_json(r#"{"StartAt": "Role", "States": {"Role": {
    ///     "Type": "Pass", "Parameters": {"role.$": "$$.Execution.RoleArn"}, "End": true}}}"#)?;
    /// assert_eq!(executor.role_arn(role).run(json!({}))?.output, Some(json!({"role": role})));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn role_arn(mut self, role_arn: impl Into<String>) -> Self {
        self.settings.role_arn = Some(role_arn.into());
        self
    }

    /// Sets the objects Distributed Map `ItemReader`s read.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Objects};
    ///
    /// let mut objects = Objects::new();
    /// objects.put("orders", "all.json", r#"[{"id": 1}, {"id": 2}]"#);
    /// let executor = Executor::from_json(r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map",
    ///     "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
    ///                    "Parameters": {"Bucket": "orders", "Key": "all.json"}},
    ///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
    ///                       "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}"#)?;
    /// assert_eq!(executor.objects(objects).run(json!({}))?.output, Some(json!([{"id": 1}, {"id": 2}])));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn objects(mut self, objects: Objects) -> Self {
        self.settings.objects = objects;
        self
    }

    /// Adds one object for `ItemReader`s.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map",
    ///     "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
    ///                    "Parameters": {"Bucket": "b", "Key": "rows.csv"}},
    ///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
    ///                       "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}"#)?;
    /// let execution = executor.s3_object("b", "rows.csv", "id,name\n1,Ada\n").run(json!({}))?;
    /// assert_eq!(execution.output, Some(json!([{"id": "1", "name": "Ada"}])));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn s3_object(
        mut self,
        bucket: impl Into<String>,
        key: impl Into<String>,
        body: impl Into<String>,
    ) -> Self {
        self.settings.objects.put(bucket, key, body);
        self
    }

    /// Adds one binary object for `ItemReader`s, such as a Parquet file read from a
    /// fixture with `std::fs::read` (see [`Objects::put_bytes`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map",
    ///     "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
    ///                    "Parameters": {"Bucket": "b", "Key": "rows.jsonl"}},
    ///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
    ///                       "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}"#)?;
    /// let execution = executor.s3_object_bytes("b", "rows.jsonl", b"{\"n\": 1}\n{\"n\": 2}\n".to_vec()).run(json!({}))?;
    /// assert_eq!(execution.output, Some(json!([{"n": 1}, {"n": 2}])));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn s3_object_bytes(
        mut self,
        bucket: impl Into<String>,
        key: impl Into<String>,
        body: impl Into<Vec<u8>>,
    ) -> Self {
        self.settings.objects.put_bytes(bucket, key, body);
        self
    }

    /// Whether a Map over an object iterates its key/value pairs (current AWS, the
    /// default) or fails as AWS did before 2025.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map",
    ///     "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}"#)?;
    /// let before_2025 = executor.map_object_items(false).run(json!({"a": 1}))?;
    /// assert_eq!(before_2025.error.as_deref(), Some("States.Runtime"));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn map_object_items(mut self, iterate: bool) -> Self {
        self.settings.map_object_items = iterate;
        self
    }
}
