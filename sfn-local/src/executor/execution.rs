//! Running the machine: a whole execution, or one state alone for a state test, each with
//! the shared state of a run set up here.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde_json::Value;

use super::entropy::Seeded;
use super::failure::{DATA_LIMIT, Failure};
use super::finish::{Deadline, Outcome, finish_run, history_full};
use super::plan::Plan;
use super::run::{ExecutionInfo, Frame, Run};
use super::runtime::{Either, Timers, drive, race};
use super::variables::Variables;
use super::{Executor, RunError, eval, fast_hash, inspect, limits, state_list};
use crate::history::{EventDetails, EventType, JsonText, Recorder};
use crate::mock::Callbacks;
use crate::objects::Objects;
use crate::result::{Execution, WorkflowType};

/// Mixed into the seed of the random source of expressions (`States.UUID()`, `$random()`,
/// `$uuid()`), so that it does not repeat the run's own (execution names, task tokens).
const EXPRESSION_STREAM: u64 = 0x6A09_E667_F3BC_C908;

/// Mixed into the seed of the random id that ends an Express execution's ARN, so that
/// drawing it leaves the run's own random values as a Standard run has them.
const EXPRESS_ID_STREAM: u64 = 0xBB67_AE85_84CA_A73B;

/// What running one state alone gave (see [`Executor::run_one`]).
#[derive(Debug)]
pub(crate) struct OneState {
    /// The output and next state, or the failure the state ended with.
    pub(crate) outcome: Result<(Value, Option<String>), Failure>,
    /// The variables in scope after the state, in the order they were set.
    pub(crate) variables: Vec<(String, Value)>,
}

impl Executor {
    /// Runs one execution to its end.
    ///
    /// # Errors
    ///
    /// [`RunError`] when the definition cannot run. A workflow that fails is not an
    /// error: the [`Execution`] says how it ended.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{ExecutionStatus, Executor};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "No", "States": {"No": {"Type": "Fail", "Error": "Nope"}}}"#)?;
    /// let execution = executor.run(json!({}))?; // a failed workflow is an `Ok` execution
    /// assert_eq!(execution.status, ExecutionStatus::Failed);
    /// assert_eq!(execution.error.as_deref(), Some("Nope"));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
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
        let limit_ms = Deadline::of(&self.machine, settings.workflow_type).as_millis();
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
            id: match settings.workflow_type {
                WorkflowType::Standard => {
                    format!("{prefix}:execution:{}:{name}", settings.machine_name)
                }
                // Recorded (`test_express_sync`, `test_express_async`): an Express
                // execution's ARN is `…:express:<machine>:<name>:<id>`.
                WorkflowType::Express => format!(
                    "{prefix}:express:{}:{name}:{}",
                    settings.machine_name,
                    Seeded::new(settings.seed ^ EXPRESS_ID_STREAM).uuid()
                ),
            },
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
            map_runs: RefCell::new(Vec::new()),
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
}
