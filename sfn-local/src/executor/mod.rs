//! The executor: runs a state machine with mocked tasks in virtual time.

mod choice;
mod entropy;
pub(crate) mod eval;
pub(crate) mod failure;
mod fast_hash;
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
mod state_list;
mod step;
mod task;
mod terminal;
mod variables;
mod wait;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde_json::Value;
use sfn_dsl::StateMachine;

use self::entropy::Seeded;
use self::failure::{DATA_LIMIT, Failure, RUNTIME, TIMEOUT};
use self::plan::{DefinitionIssue, Plan};
use self::run::{ExecutionInfo, Frame, Run};
use self::runtime::{Either, Timers, drive, race};
use self::variables::Variables;
use crate::history::{EventDetails, EventType, HistoryMode, JsonText, Recorder};
use crate::mock::{Callbacks, Mocks};
use crate::objects::Objects;
use crate::result::{Execution, ExecutionStatus, WorkflowType};
use crate::time::Timestamp;
pub use limits::Limits;

/// Mixed into the seed of the random source of expressions (`States.UUID()`, `$random()`,
/// `$uuid()`), so that it does not repeat the run's own (execution names, task tokens).
const EXPRESSION_STREAM: u64 = 0x6A09_E667_F3BC_C908;

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

/// The settings of runs.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub(crate) start_time: Timestamp,
    pub(crate) seed: u64,
    pub(crate) workflow_type: WorkflowType,
    pub(crate) limits: Limits,
    pub(crate) history: HistoryMode,
    pub(crate) region: String,
    pub(crate) account: String,
    pub(crate) machine_name: String,
    pub(crate) execution_name: Option<String>,
    pub(crate) role_arn: Option<String>,
    pub(crate) objects: Objects,
    pub(crate) map_object_items: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            start_time: Timestamp::DEFAULT_START,
            seed: 0,
            workflow_type: WorkflowType::Standard,
            limits: Limits::default(),
            history: HistoryMode::Full,
            region: "us-east-1".into(),
            account: "123456789012".into(),
            machine_name: "StateMachine".into(),
            execution_name: None,
            role_arn: None,
            objects: Objects::new(),
            map_object_items: true,
        }
    }
}

/// What running one state alone gave (see [`Executor::run_one`]).
#[derive(Debug)]
pub(crate) struct OneState {
    /// The output and next state, or the failure the state ended with.
    pub(crate) outcome: Result<(Value, Option<String>), Failure>,
    /// The variables in scope after the state, in the order they were set.
    pub(crate) variables: Vec<(String, Value)>,
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
    #[must_use]
    pub fn machine(&self) -> &StateMachine {
        &self.machine
    }

    /// Sets the mocks.
    #[must_use]
    pub fn mocks(mut self, mocks: Mocks) -> Self {
        self.mocks = mocks;
        self
    }

    /// Sets when executions start, in virtual time.
    #[must_use]
    pub fn start_time(mut self, start: Timestamp) -> Self {
        self.settings.start_time = start;
        self
    }

    /// Seeds the random source (execution names, task tokens, jitter).
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.settings.seed = seed;
        self
    }

    /// Sets the random source of `States.UUID`, `States.MathRandom`, `$uuid()` and
    /// `$random()` (default: seeded from [`seed`](Self::seed)).
    #[must_use]
    pub fn entropy(mut self, entropy: impl crate::data::Entropy + 'static) -> Self {
        self.entropy = Some(Rc::new(entropy));
        self
    }

    /// Runs as a Standard (default) or Express workflow.
    #[must_use]
    pub fn workflow_type(mut self, workflow_type: WorkflowType) -> Self {
        self.settings.workflow_type = workflow_type;
        if workflow_type == WorkflowType::Express {
            self.settings.limits.max_history_events = None;
        }
        self
    }

    /// Sets the quotas.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.settings.limits = limits;
        self
    }

    /// Keeps the full history (default) or only counts events.
    #[must_use]
    pub fn history(mut self, mode: HistoryMode) -> Self {
        self.settings.history = mode;
        self
    }

    /// Sets the region shown in ARNs and task events (default `us-east-1`).
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.settings.region = region.into();
        self
    }

    /// Sets the account id shown in ARNs (default `123456789012`).
    #[must_use]
    pub fn account(mut self, account: impl Into<String>) -> Self {
        self.settings.account = account.into();
        self
    }

    /// Sets the state machine's name (default `StateMachine`).
    #[must_use]
    pub fn state_machine_name(mut self, name: impl Into<String>) -> Self {
        self.settings.machine_name = name.into();
        self
    }

    /// Sets the execution's name (default: a UUID from the seeded source).
    #[must_use]
    pub fn execution_name(mut self, name: impl Into<String>) -> Self {
        self.settings.execution_name = Some(name.into());
        self
    }

    /// Sets the execution role shown in the context object and history.
    #[must_use]
    pub fn role_arn(mut self, role_arn: impl Into<String>) -> Self {
        self.settings.role_arn = Some(role_arn.into());
        self
    }

    /// Sets the objects Distributed Map `ItemReader`s read.
    #[must_use]
    pub fn objects(mut self, objects: Objects) -> Self {
        self.settings.objects = objects;
        self
    }

    /// Adds one object for `ItemReader`s.
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
    #[must_use]
    pub fn map_object_items(mut self, iterate: bool) -> Self {
        self.settings.map_object_items = iterate;
        self
    }

    /// Runs one execution to its end.
    ///
    /// # Errors
    ///
    /// [`RunError`] when the definition cannot run. A workflow that fails is not an
    /// error: the [`Execution`] says how it ended.
    pub fn run(&self, input: Value) -> Result<Execution, RunError> {
        let plan = self.runnable_plan()?;
        let run = self.start(plan, &input, None);
        let settings = &self.settings;
        let timers = Rc::clone(&run.timers);
        let top = Frame::new(0, 0, self.machine.default_query_language());
        let keep = run.keeps_details();
        run.record(&top, EventType::ExecutionStarted, || EventDetails {
            input: keep.then(|| JsonText::from(&input)),
            role_arn: Some(run.info.role_arn.clone()),
            ..EventDetails::default()
        });
        top.previous.set(0);
        let limit_ms = self.execution_timeout_ms();
        let outcome = if limits::json_size(&input) > settings.limits.max_payload_bytes {
            Outcome::Failed(Failure::passed(
                Some(DATA_LIMIT.to_owned()),
                Some("The execution input has a size exceeding the maximum number of bytes service limit.".to_owned()),
            ))
        } else {
            let body = async {
                let mut variables = Rc::new(Variables::default());
                state_list::run_list(
                    &run,
                    &self.machine.start_at,
                    &self.machine.states,
                    input,
                    &top,
                    &mut variables,
                )
                .await
            };
            // The execution's timer is armed when it starts, before any state runs, so it
            // is polled first: when a state finishes at the very instant the execution
            // times out, the timeout wins. On AWS every state starts some time after the
            // execution does, so a Wait or task as long as the execution's
            // `TimeoutSeconds` always ends after the execution's timer has fired.
            // A full history stops the run at its next pause; events it would record
            // before that pause are dropped, and whatever it finished with, it failed.
            let body = race(run.recorder.full(), body);
            match drive(&timers, race(timers.sleep(limit_ms), body)) {
                _ if run.recorder.is_full() => Outcome::Failed(history_full(&settings.limits)),
                Ok(Either::Right(Either::Right(Ok(output)))) => Outcome::Succeeded(output),
                Ok(Either::Right(Either::Right(Err(failure)))) => Outcome::Failed(failure),
                Ok(Either::Right(Either::Left(()))) => {
                    Outcome::Failed(history_full(&settings.limits))
                }
                Ok(Either::Left(())) => Outcome::TimedOut,
                Err(_) => return Err(RunError::Stalled),
            }
        };
        Ok(finish_run(run, &top, outcome))
    }

    /// Runs the state `name` alone with `input` and the variables `variables`, watched by
    /// `watch` (for [`crate::test_state`]): its outcome (output and next state, or its
    /// failure) and the variables in scope after it.
    pub(crate) fn run_one(
        &self,
        name: &str,
        input: Value,
        variables: indexmap::IndexMap<String, Value>,
        watch: &inspect::Watch,
    ) -> Result<OneState, RunError> {
        let plan = self.runnable_plan()?;
        let Some((name, state)) = self
            .machine
            .states
            .iter()
            .find(|(candidate, _)| candidate.as_str() == name)
        else {
            return Err(RunError::InvalidDefinition {
                issues: vec![(
                    "/States".to_owned(),
                    format!("the machine has no top-level state named `{name}`"),
                )],
            });
        };
        let mut run = self.start(plan, &input, Some(watch));
        // A state tested alone has no execution history, so no history limit.
        run.recorder.close();
        // AWS runs a state test as an Express execution of a machine of its own.
        run.info.id = format!(
            "arn:aws:states:{}:{}:express:{}:{}",
            self.settings.region, self.settings.account, run.info.machine_name, run.info.name
        );
        let top = Frame::new(0, 0, self.machine.default_query_language());
        let mut scope = Rc::new(Variables::default());
        if !variables.is_empty() {
            Variables::assign(&mut scope, variables);
        }
        let timers = Rc::clone(&run.timers);
        let outcome = drive(
            &timers,
            state_list::run_state(&run, name.as_str(), state, input, &top, &mut scope),
        )
        .map_err(|_| RunError::Stalled)?;
        let variables = scope
            .visible()
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value.clone()))
            .collect();
        Ok(OneState {
            outcome: outcome
                .map(|step| (step.output, step.next.map(|next| next.as_str().to_owned()))),
            variables,
        })
    }

    /// The plan of a machine that can run, or why it cannot.
    fn runnable_plan(&self) -> Result<&Plan, RunError> {
        self.plan
            .as_ref()
            .map_err(|issues| RunError::InvalidDefinition {
                issues: issues
                    .iter()
                    .map(|issue| (issue.pointer.clone(), issue.message.clone()))
                    .collect(),
            })
    }

    /// The shared state of one execution (or state test) of this machine with `input`.
    fn start<'a>(
        &'a self,
        plan: &'a Plan,
        input: &Value,
        watch: Option<&'a inspect::Watch>,
    ) -> Run<'a> {
        let settings = &self.settings;
        let timers = Rc::new(Timers::starting_at(settings.start_time.as_millis()));
        let mut entropy = Seeded::new(settings.seed);
        let name = settings
            .execution_name
            .clone()
            .unwrap_or_else(|| entropy.uuid());
        let prefix = format!("arn:aws:states:{}:{}", settings.region, settings.account);
        let info = ExecutionInfo {
            id: format!("{prefix}:execution:{}:{name}", settings.machine_name),
            name,
            // Kept for `$$.Execution.Input`; not copied when no state reads the context.
            input: if plan.reads_context() {
                input.clone()
            } else {
                Value::Null
            },
            start: settings.start_time,
            role_arn: settings.role_arn.clone().unwrap_or_else(|| {
                format!("arn:aws:iam::{}:role/StepFunctionsRole", settings.account)
            }),
            machine_id: format!("{prefix}:stateMachine:{}", settings.machine_name),
            machine_name: settings.machine_name.clone(),
        };
        Run {
            machine: &self.machine,
            plan,
            settings,
            mocks: &self.mocks,
            callbacks: Callbacks::new(Rc::clone(&timers)),
            timers: Rc::clone(&timers),
            recorder: Recorder::new(settings.history, settings.limits.max_history_events),
            entered: RefCell::new(Vec::new()),
            transitions: Cell::new(0),
            info,
            entropy: RefCell::new(entropy),
            invocations: RefCell::new(fast_hash::FastMap::default()),
            map_runs: Cell::new(0),
            written: RefCell::new(Objects::new()),
            tools: eval::Tools::new(
                match &self.entropy {
                    Some(entropy) => Rc::clone(entropy),
                    // A stream of its own: seeded like the run's, the first
                    // `States.UUID()` would repeat the execution name.
                    None => Rc::new(crate::data::SeededEntropy::new(
                        Seeded::new(settings.seed ^ EXPRESSION_STREAM).next_u64(),
                    )),
                },
                Rc::clone(&timers),
            ),
            watch,
        }
    }

    fn execution_timeout_ms(&self) -> i64 {
        let seconds = self
            .machine
            .timeout_seconds
            .as_ref()
            .and_then(|timeout| timeout.as_literal().copied())
            .unwrap_or(match self.settings.workflow_type {
                WorkflowType::Standard => 365 * 24 * 3600,
                WorkflowType::Express => EXPRESS_LIMIT_SECONDS,
            });
        i64::try_from(seconds)
            .unwrap_or(i64::MAX / 1000)
            .saturating_mul(1000)
    }
}

/// The longest an Express execution may run, in seconds: five minutes (AWS quota), for a
/// top-level execution and a Distributed Map's Express child executions alike.
pub(crate) const EXPRESS_LIMIT_SECONDS: u64 = 300;

/// Why an Express execution that ran [`EXPRESS_LIMIT_SECONDS`] timed out.
pub(crate) const EXPRESS_TIMEOUT_CAUSE: &str =
    "The execution ran longer than an Express workflow may (five minutes).";

enum Outcome {
    Succeeded(Value),
    Failed(Failure),
    TimedOut,
}

/// How a run whose history reached `limits.max_history_events` fails.
fn history_full(limits: &Limits) -> Failure {
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

fn finish_run(run: Run<'_>, top: &Frame, outcome: Outcome) -> Execution {
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
