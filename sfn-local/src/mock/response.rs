//! What a mocked task answers.

use std::time::Duration;

use serde_json::Value;

/// The answer of a mocked task to one invocation.
///
/// For a `.waitForTaskToken` task the answer is the callback: [`Response::Return`] as if
/// `SendTaskSuccess` had been called with the value, [`Response::Throw`] as if
/// `SendTaskFailure` had, and [`Response::NoResponse`] leaves the task waiting for a
/// callback sent through [`Callbacks`](crate::Callbacks) (or for its timeout).
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use serde_json::json;
/// use sfn_local::Response;
///
/// let ok = Response::from(json!({"charged": true}));
/// let declined = Response::throw("Payment.Declined", "card expired");
/// let slow = Response::from(json!(1)).after(Duration::from_secs(90));
/// assert!(matches!(ok, Response::Return(_)));
/// assert!(matches!(declined, Response::Throw { .. }));
/// assert!(matches!(slow, Response::Delayed(_, _)));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Response {
    /// The task succeeds with this result.
    Return(Value),
    /// The task fails with this error and cause.
    Throw {
        /// The error name, such as `Lambda.ServiceException`.
        error: String,
        /// The cause, if any.
        cause: Option<String>,
    },
    /// The task fails with an error and a cause that may both be absent, as a
    /// `SendTaskFailure` call may leave them out; a catcher then sees
    /// `{"Error": null, "Cause": null}` (recorded:
    /// `test_sqs_failure_in_wait_for_task_tok_no_error_field`).
    Fail {
        /// The error name, if any.
        error: Option<String>,
        /// The cause, if any.
        cause: Option<String>,
    },
    /// The task never answers: it runs into its `TimeoutSeconds` or `HeartbeatSeconds`,
    /// or (for `.waitForTaskToken`) waits for a callback.
    NoResponse,
    /// The inner answer, given after this much virtual time.
    Delayed(Duration, Box<Response>),
}

impl Response {
    /// A failure with a cause.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Response;
    ///
    /// let response = Response::throw("Card.Declined", "insufficient funds");
    /// assert_eq!(response, Response::Throw { error: "Card.Declined".into(), cause: Some("insufficient funds".into()) });
    /// ```
    #[must_use]
    pub fn throw(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Self::Throw {
            error: error.into(),
            cause: Some(cause.into()),
        }
    }

    /// A failure without a cause.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::Response;
    ///
    /// assert_eq!(Response::throw_error("Busy"), Response::Throw { error: "Busy".into(), cause: None });
    /// ```
    #[must_use]
    pub fn throw_error(error: impl Into<String>) -> Self {
        Self::Throw {
            error: error.into(),
            cause: None,
        }
    }

    /// This answer, given after `delay` of virtual time.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use serde_json::json;
    /// use sfn_local::{Executor, Mocks, Response};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
    /// let late = Response::from(json!("late")).after(Duration::from_secs(5));
    /// let execution = executor.mocks(Mocks::new().state("T", late)).run(json!({}))?;
    /// assert_eq!((execution.duration_ms(), execution.output), (5_000, Some(json!("late"))));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn after(self, delay: Duration) -> Self {
        Self::Delayed(delay, Box::new(self))
    }
}

impl From<Value> for Response {
    fn from(value: Value) -> Self {
        Self::Return(value)
    }
}

impl<E: Into<Response>> From<Result<Value, E>> for Response {
    fn from(result: Result<Value, E>) -> Self {
        match result {
            Ok(value) => Self::Return(value),
            Err(error) => error.into(),
        }
    }
}

/// An error a mock raises, convertible into [`Response::Throw`].
///
/// # Examples
///
/// ```
/// use sfn_local::{Response, TaskError};
///
/// let response: Response = Err::<serde_json::Value, _>(TaskError::new("Timeout", "upstream")).into();
/// assert_eq!(response, Response::throw("Timeout", "upstream"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskError {
    /// The error name.
    pub error: String,
    /// The cause.
    pub cause: Option<String>,
}

impl TaskError {
    /// An error with a cause.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::TaskError;
    ///
    /// let error = TaskError::new("Timeout", "upstream");
    /// assert_eq!((error.error.as_str(), error.cause.as_deref()), ("Timeout", Some("upstream")));
    /// ```
    #[must_use]
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Self {
            error: error.into(),
            cause: Some(cause.into()),
        }
    }
}

impl From<TaskError> for Response {
    fn from(error: TaskError) -> Self {
        Self::Throw {
            error: error.error,
            cause: error.cause,
        }
    }
}
