//! Mocked task resources: fixed answers, sequences, closures, and the AWS Step Functions
//! Local mock configuration format.

mod call;
mod callback;
mod config;
mod response;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use indexmap::IndexMap;
use serde_json::Value;

pub use call::TaskCall;
pub use callback::{CallbackError, Callbacks};
pub(crate) use callback::{Fault, TokenEvent};
pub use config::{MockConfig, MockConfigError};
pub use response::{Response, TaskError};

/// A future answering a task invocation.
pub(crate) type ResponseFuture = Pin<Box<dyn Future<Output = Response>>>;

/// What a Task state with no mock does.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::{Executor, Mocks, Unmocked};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Enrich", "States": {"Enrich": {
///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///     "Parameters": {"FunctionName": "enrich", "Payload": {"id.$": "$.id"}},
///     "ResultSelector": {"id.$": "$.Payload.id"}, "End": true}}}"#)?;
/// // Without a mock, the run fails by default…
/// let failed = Executor::new(machine.clone()).run(json!({"id": 7}))?;
/// assert_eq!(failed.error.as_deref(), Some("States.Runtime"));
/// // …or each task echoes its input: a dry run of the data flow.
/// let echoed = Executor::new(machine)
///     .mocks(Mocks::new().unmocked(Unmocked::Echo))
///     .run(json!({"id": 7}))?;
/// assert_eq!(echoed.output, Some(json!({"id": 7})));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Unmocked {
    /// Fail the execution with `States.Runtime`, naming the state (the default).
    #[default]
    Fail,
    /// Return the task input as the result: a dry run of the data flow.
    Echo,
}

#[derive(Clone)]
enum Kind {
    Sequence(Vec<Response>),
    Attempts(Vec<(u64, u64, Response)>),
    /// A mocked response of a mock configuration file: invocations outside its ranges
    /// fail the execution, as Step Functions Local documents.
    Configured(Rc<str>, Vec<(u64, u64, Response)>),
    Sync(Rc<dyn Fn(&TaskCall) -> Response>),
    Async(Rc<dyn Fn(TaskCall) -> ResponseFuture>),
}

/// How one task resource is answered.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::{Mock, Response};
///
/// let fixed = Mock::returns(json!({"ok": true}));
/// let flaky = Mock::sequence([
///     Response::throw("Transient", "try again"),
///     Response::throw("Transient", "try again"),
///     Response::from(json!("done")),
/// ]);
/// let computed = Mock::from_fn(|call| Response::from(call.input.clone()));
/// # let _ = (fixed, flaky, computed);
/// ```
#[derive(Clone)]
pub struct Mock(Kind);

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Sequence(responses) => f.debug_tuple("Mock::sequence").field(responses).finish(),
            Kind::Attempts(ranges) => f.debug_tuple("Mock::attempts").field(ranges).finish(),
            Kind::Configured(name, ranges) => f
                .debug_tuple("MockConfig::response")
                .field(name)
                .field(ranges)
                .finish(),
            Kind::Sync(_) => f.write_str("Mock::from_fn(..)"),
            Kind::Async(_) => f.write_str("Mock::from_async(..)"),
        }
    }
}

impl Mock {
    /// Always succeeds with `value`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mock, Mocks};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.r", "End": true}}}"#)?;
    /// let execution = executor.mocks(Mocks::new().state("T", Mock::returns(json!(42)))).run(json!({}))?;
    /// assert_eq!(execution.output, Some(json!({"r": 42})));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn returns(value: Value) -> Self {
        Self(Kind::Sequence(vec![Response::Return(value)]))
    }

    /// Always fails with `error` and `cause`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mock, Mocks};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
    /// let execution = executor.mocks(Mocks::new().state("T", Mock::throws("Boom", "it broke"))).run(json!({}))?;
    /// assert_eq!((execution.error.as_deref(), execution.cause.as_deref()), (Some("Boom"), Some("it broke")));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn throws(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Self(Kind::Sequence(vec![Response::throw(error, cause)]))
    }

    /// Never answers (the task times out, or waits for a callback).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mock, Mocks};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30, "End": true}}}"#)?;
    /// let execution = executor.mocks(Mocks::new().state("T", Mock::no_response())).run(json!({}))?;
    /// assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    /// assert_eq!(execution.duration_ms(), 30_000);
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn no_response() -> Self {
        Self(Kind::Sequence(vec![Response::NoResponse]))
    }

    /// Answers the n-th invocation with the n-th response; the last one repeats.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mock, Mocks, Response};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 1}], "End": true}}}"#)?;
    /// let flaky = Mock::sequence([Response::throw_error("Busy"), Response::from(json!("ok"))]);
    /// let execution = executor.mocks(Mocks::new().state("T", flaky)).run(json!({}))?;
    /// assert_eq!(execution.output, Some(json!("ok"))); // the second invocation answered
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn sequence(responses: impl IntoIterator<Item = Response>) -> Self {
        let mut responses: Vec<Response> = responses.into_iter().collect();
        if responses.is_empty() {
            responses.push(Response::NoResponse);
        }
        Self(Kind::Sequence(responses))
    }

    /// Answers invocations by index ranges (inclusive, 0-based), as the Step Functions
    /// Local mock configuration does (`"0"`, `"1-2"`). Past the last range the response
    /// of the highest range repeats.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mock, Mocks, Response};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 1, "MaxAttempts": 3}], "End": true}}}"#)?;
    /// let mock = Mock::attempts([(0, 1, Response::throw_error("Busy")), (2, 2, Response::from(json!("third")))]);
    /// let execution = executor.mocks(Mocks::new().state("T", mock)).run(json!({}))?;
    /// assert_eq!(execution.output, Some(json!("third")));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn attempts(ranges: impl IntoIterator<Item = (u64, u64, Response)>) -> Self {
        let mut ranges: Vec<_> = ranges.into_iter().collect();
        ranges.sort_by_key(|(start, _, _)| *start);
        Self(Kind::Attempts(ranges))
    }

    /// The mocked response `name` of a mock configuration file: like [`Mock::attempts`],
    /// but an invocation no range covers fails the execution.
    pub(crate) fn configured(name: &str, ranges: &[(u64, u64, Response)]) -> Self {
        let mut ranges = ranges.to_vec();
        ranges.sort_by_key(|(start, _, _)| *start);
        Self(Kind::Configured(Rc::from(name), ranges))
    }

    /// Computes each answer with a closure.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mock, Mocks, Response};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "Double", "States": {"Double": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
    /// let double = Mock::from_fn(|call| Response::from(json!(call.input["n"].as_i64().unwrap_or(0) * 2)));
    /// let execution = executor.mocks(Mocks::new().state("Double", double)).run(json!({"n": 21}))?;
    /// assert_eq!(execution.output, Some(json!(42)));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn from_fn<R: Into<Response>>(answer: impl Fn(&TaskCall) -> R + 'static) -> Self {
        Self(Kind::Sync(Rc::new(move |call| answer(call).into())))
    }

    /// Computes each answer with an async closure. The future may wait in virtual time
    /// with [`TaskCall::sleep`], send callbacks, or await anything outside the executor
    /// (the run then blocks until it completes).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mock, Mocks};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "Slow", "States": {"Slow": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
    /// let slow = Mock::from_async(|call| async move {
    ///     call.sleep(Duration::from_secs(90)).await; // virtual time: returns at once
    ///     json!("done")
    /// });
    /// let execution = executor.mocks(Mocks::new().state("Slow", slow)).run(json!({}))?;
    /// assert_eq!((execution.duration_ms(), execution.output), (90_000, Some(json!("done"))));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn from_async<F, R>(answer: impl Fn(TaskCall) -> F + 'static) -> Self
    where
        F: Future<Output = R> + 'static,
        R: Into<Response>,
    {
        Self(Kind::Async(Rc::new(move |call| {
            let future = answer(call);
            Box::pin(async move { future.await.into() })
        })))
    }

    /// The answer to an invocation, or why there is none (an invocation no range of a
    /// mock configuration's response covers).
    pub(crate) fn answer(&self, call: TaskCall) -> Result<Answer, Unanswered> {
        let index = call.invocation;
        Ok(match &self.0 {
            Kind::Sequence(responses) => {
                let position = usize::try_from(index)
                    .unwrap_or(usize::MAX)
                    .min(responses.len().saturating_sub(1));
                Answer::Ready(
                    responses
                        .get(position)
                        .cloned()
                        .unwrap_or(Response::NoResponse),
                )
            }
            Kind::Attempts(ranges) => {
                let found = ranges
                    .iter()
                    .find(|(start, end, _)| (*start..=*end).contains(&index))
                    .or_else(|| ranges.iter().max_by_key(|(_, end, _)| *end));
                Answer::Ready(
                    found.map_or(Response::NoResponse, |(_, _, response)| response.clone()),
                )
            }
            Kind::Configured(name, ranges) => {
                return ranges
                    .iter()
                    .find(|(start, end, _)| (*start..=*end).contains(&index))
                    .map(|(_, _, response)| Answer::Ready(response.clone()))
                    .ok_or_else(|| Unanswered::new(name, index, ranges));
            }
            Kind::Sync(answer) => Answer::Ready(answer(&call)),
            Kind::Async(answer) => Answer::Later(answer(call)),
        })
    }
}

/// An answer, available now or later.
pub(crate) enum Answer {
    Ready(Response),
    Later(ResponseFuture),
}

/// An invocation that a mock configuration's response has no answer for: Step Functions
/// Local fails the execution ("If you do not specify a mocked response, the state
/// machine execution will fail").
#[derive(Debug)]
pub(crate) struct Unanswered {
    /// The cause the execution fails with.
    pub(crate) cause: String,
}

impl Unanswered {
    fn new(name: &str, index: u64, ranges: &[(u64, u64, Response)]) -> Self {
        let covered = ranges
            .iter()
            .map(|(start, end, _)| {
                if start == end {
                    start.to_string()
                } else {
                    format!("{start}-{end}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        Self {
            cause: format!(
                "The mocked response '{name}' has no answer for invocation {index} of this state; it answers invocations {covered}"
            ),
        }
    }
}

impl From<Value> for Mock {
    fn from(value: Value) -> Self {
        Self::returns(value)
    }
}

impl From<Response> for Mock {
    fn from(response: Response) -> Self {
        Self::sequence([response])
    }
}

/// The mocks of a run: by Task state name, by resource, and what to do without one.
///
/// A mock registered for a state name wins over one registered for the state's
/// `Resource`.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::{Mock, Mocks, Unmocked};
///
/// let mocks = Mocks::new()
///     .state("Charge", Mock::returns(json!({"id": "ch_1"})))
///     .resource("arn:aws:states:::sns:publish", json!({"MessageId": "m-1"}))
///     .unmocked(Unmocked::Echo);
/// assert_eq!(mocks.len(), 2);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Mocks {
    by_state: IndexMap<String, Mock>,
    by_resource: IndexMap<String, Mock>,
    unmocked: Unmocked,
    /// What the services answered when `.sync` and `.waitForTaskToken` tasks were
    /// submitted, by state and invocation (the output of their `TaskSubmitted` events),
    /// as a replayed history records them.
    submissions: IndexMap<String, Vec<(u64, Value)>>,
}

impl Mocks {
    /// No mocks; unmocked tasks fail.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::{Mocks, Unmocked};
    ///
    /// let mocks = Mocks::new();
    /// assert!(mocks.is_empty());
    /// assert_eq!(mocks.unmocked_policy(), Unmocked::Fail);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Mocks the Task state named `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mocks};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "A", "States": {
    ///     "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.a", "Next": "B"},
    ///     "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.b", "End": true}}}"#)?;
    /// let mocks = Mocks::new().state("A", json!(1)).state("B", json!(2));
    /// assert_eq!(executor.mocks(mocks).run(json!({}))?.output, Some(json!({"a": 1, "b": 2})));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn state(mut self, name: impl Into<String>, mock: impl Into<Mock>) -> Self {
        self.by_state.insert(name.into(), mock.into());
        self
    }

    /// Mocks every Task state whose `Resource` is exactly `resource`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mocks};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "A", "States": {
    ///     "A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "ResultPath": "$.a", "Next": "B"},
    ///     "B": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "ResultPath": "$.b", "End": true}}}"#)?;
    /// let mocks = Mocks::new()
    ///     .resource("arn:aws:states:::sns:publish", json!("sent"))
    ///     .state("B", json!("by name")); // a state's own mock wins
    /// assert_eq!(executor.mocks(mocks).run(json!({}))?.output, Some(json!({"a": "sent", "b": "by name"})));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn resource(mut self, resource: impl Into<String>, mock: impl Into<Mock>) -> Self {
        self.by_resource.insert(resource.into(), mock.into());
        self
    }

    /// Sets what Task states without a mock do.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mocks, Unmocked};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
    /// let execution = executor.mocks(Mocks::new().unmocked(Unmocked::Echo)).run(json!({"id": 3}))?;
    /// assert_eq!(execution.output, Some(json!({"id": 3})));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn unmocked(mut self, policy: Unmocked) -> Self {
        self.unmocked = policy;
        self
    }

    /// The policy for Task states without a mock.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::{Mocks, Unmocked};
    ///
    /// assert_eq!(Mocks::new().unmocked_policy(), Unmocked::Fail);
    /// assert_eq!(Mocks::new().unmocked(Unmocked::Echo).unmocked_policy(), Unmocked::Echo);
    /// ```
    #[must_use]
    pub fn unmocked_policy(&self) -> Unmocked {
        self.unmocked
    }

    /// The number of registered mocks.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Mocks;
    ///
    /// let mocks = Mocks::new().state("A", json!(1)).state("A", json!(2)).resource("arn:aws:states:::sns:publish", json!({}));
    /// assert_eq!(mocks.len(), 2); // the second mock of `A` replaced the first
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.by_state.len() + self.by_resource.len()
    }

    /// Whether no mock is registered.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Mocks, Unmocked};
    ///
    /// assert!(Mocks::new().unmocked(Unmocked::Echo).is_empty());
    /// assert!(!Mocks::new().state("A", json!(1)).is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The mock for a state, by name first, then by resource.
    /// A state name mocks are registered for that looks like a misspelling of `state`.
    pub(crate) fn close_state_name(&self, state: &str) -> Option<&str> {
        sfn_dsl::__private::closest(state, self.by_state.keys().map(String::as_str))
    }

    /// Answers invocation `invocation` of the Task state `state` with `output` when it is
    /// submitted (the output of its `TaskSubmitted` event).
    pub(crate) fn submission(mut self, state: &str, invocation: u64, output: Value) -> Self {
        self.submissions
            .entry(state.to_owned())
            .or_default()
            .push((invocation, output));
        self
    }

    /// The submission response registered for an invocation of a Task state, if any.
    pub(crate) fn submitted(&self, state: &str, invocation: u64) -> Option<&Value> {
        self.submissions
            .get(state)?
            .iter()
            .find(|(registered, _)| *registered == invocation)
            .map(|(_, output)| output)
    }

    /// These mocks, with `fallback`'s for the states and resources these leave unmocked,
    /// and `fallback`'s policy for the rest: a replay's recorded results come first, the
    /// mocks given for what a history cannot hold (a Distributed Map's child workflows)
    /// after them.
    pub(crate) fn or_else(mut self, fallback: Mocks) -> Self {
        for (state, mock) in fallback.by_state {
            self.by_state.entry(state).or_insert(mock);
        }
        for (resource, mock) in fallback.by_resource {
            self.by_resource.entry(resource).or_insert(mock);
        }
        for (state, submissions) in fallback.submissions {
            self.submissions.entry(state).or_insert(submissions);
        }
        self.unmocked = fallback.unmocked;
        self
    }

    pub(crate) fn find(&self, state: &str, resource: &str) -> Option<&Mock> {
        self.by_state
            .get(state)
            .or_else(|| self.by_resource.get(resource))
    }
}
