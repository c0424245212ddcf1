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
    #[must_use]
    pub fn now(&self) -> Timestamp {
        Timestamp::from_millis(self.timers.now())
    }

    /// Waits `duration` of virtual time (no real time passes).
    pub fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + 'static {
        let millis = i64::try_from(duration.as_millis()).unwrap_or(i64::MAX);
        self.timers.sleep(millis)
    }

    /// Sends a heartbeat for this task's token.
    ///
    /// # Errors
    ///
    /// [`CallbackError::InvalidToken`] when the task has no token, or the token's errors.
    pub fn heartbeat(&self) -> Result<(), CallbackError> {
        match &self.token {
            Some(token) => self.callbacks.send_task_heartbeat(token),
            None => Err(CallbackError::InvalidToken(String::new())),
        }
    }

    /// The callback API of the run, to complete this or any other task token.
    #[must_use]
    pub fn callbacks(&self) -> &Callbacks {
        &self.callbacks
    }
}
