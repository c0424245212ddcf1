//! What a mock is told about the task invocation it answers.

use std::fmt;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use serde_json::Value;

use super::callback::{CallbackError, Callbacks};
use crate::executor::runtime::Timers;
use crate::time::Timestamp;

/// One invocation of a mocked task.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::{Executor, Mock, Mocks, Response};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Add", "States": {"Add": {
///     "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:add", "End": true}}}"#)?;
/// let add = Mock::from_fn(|call| {
///     let sum = call.input["a"].as_i64().unwrap_or(0) + call.input["b"].as_i64().unwrap_or(0);
///     Response::from(json!({"sum": sum, "state": call.state_name, "attempt": call.attempt}))
/// });
/// let execution = Executor::new(machine).mocks(Mocks::new().state("Add", add)).run(json!({"a": 2, "b": 3}))?;
/// assert_eq!(execution.output, Some(json!({"sum": 5, "state": "Add", "attempt": 0})));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct TaskCall {
    /// The Task state's name.
    pub state_name: String,
    /// The `Resource` as written.
    pub resource: String,
    /// The task input: `Parameters` (JSONPath) or `Arguments` (JSONata) evaluated, or the
    /// effective input.
    pub input: Value,
    /// The retry count: 0 on the first attempt of the state, 1 on the first retry, ….
    pub attempt: u32,
    /// How many times this state's mock was invoked before in this run (retries,
    /// loops and Map iterations included).
    pub invocation: u64,
    /// The task token of a `.waitForTaskToken` task.
    pub token: Option<String>,
    pub(crate) callbacks: Callbacks,
    pub(crate) timers: Rc<Timers>,
}

impl fmt::Debug for TaskCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskCall")
            .field("state_name", &self.state_name)
            .field("resource", &self.resource)
            .field("input", &self.input)
            .field("attempt", &self.attempt)
            .field("invocation", &self.invocation)
            .field("token", &self.token)
            .finish_non_exhaustive()
    }
}

impl TaskCall {
    /// The current virtual time.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mock, Mocks, Response};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "W", "States": {
    ///     "W": {"Type": "Wait", "Seconds": 10, "Next": "T"},
    ///     "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
    /// let clock = Mock::from_fn(|call| Response::from(json!(call.now().to_string())));
    /// let execution = executor.mocks(Mocks::new().state("T", clock)).run(json!({}))?;
    /// assert_eq!(execution.output, Some(json!("2024-01-01T00:00:10.000Z")));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn now(&self) -> Timestamp {
        Timestamp::from_millis(self.timers.now())
    }

    /// Waits `duration` of virtual time (no real time passes).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mock, Mocks};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 60, "End": true}}}"#)?;
    /// let too_slow = Mock::from_async(|call| async move {
    ///     call.sleep(Duration::from_secs(120)).await;
    ///     json!("never seen")
    /// });
    /// let execution = executor.mocks(Mocks::new().state("T", too_slow)).run(json!({}))?;
    /// assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    pub fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + 'static {
        let millis = i64::try_from(duration.as_millis()).unwrap_or(i64::MAX);
        self.timers.sleep(millis)
    }

    /// Sends a heartbeat for this task's token.
    ///
    /// # Errors
    ///
    /// [`CallbackError::InvalidToken`] when the task has no token, or the token's errors.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mock, Mocks, Response};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "HeartbeatSeconds": 60,
    ///     "Parameters": {"MessageBody.$": "$$.Task.Token"}, "End": true}}}"#)?;
    /// let worker = Mock::from_async(|call| async move {
    ///     for _ in 0..3 {
    ///         call.sleep(Duration::from_secs(50)).await;
    ///         call.heartbeat().ok(); // keeps the task alive past its 60 s heartbeat
    ///     }
    ///     call.callbacks().send_task_success(call.token.as_deref().unwrap_or_default(), json!("done")).ok();
    ///     Response::NoResponse
    /// });
    /// let execution = executor.mocks(Mocks::new().state("T", worker)).run(json!({}))?;
    /// assert_eq!((execution.duration_ms(), execution.output), (150_000, Some(json!("done"))));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    pub fn heartbeat(&self) -> Result<(), CallbackError> {
        match &self.token {
            Some(token) => self.callbacks.send_task_heartbeat(token),
            None => Err(CallbackError::InvalidToken(String::new())),
        }
    }

    /// The callback API of the run, to complete this or any other task token.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mock, Mocks, Response};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    ///     "Parameters": {"MessageBody.$": "$$.Task.Token"}, "End": true}}}"#)?;
    /// let rejecter = Mock::from_async(|call| async move {
    ///     let token = call.input["MessageBody"].as_str().unwrap_or_default();
    ///     call.callbacks().send_task_failure(token, "Rejected", "by a reviewer").ok();
    ///     Response::NoResponse
    /// });
    /// let execution = executor.mocks(Mocks::new().state("T", rejecter)).run(json!({}))?;
    /// assert_eq!(execution.error.as_deref(), Some("Rejected"));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn callbacks(&self) -> &Callbacks {
        &self.callbacks
    }
}
