//! Task tokens of `.waitForTaskToken` tasks and the callbacks that complete them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use serde_json::Value;

use super::response::TaskError;
use crate::executor::runtime::{Millis, Timers};

/// Why a callback was refused, as AWS refuses `SendTask*` calls.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::{CallbackError, Executor, Mock, Mocks, Response};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Approve", "States": {"Approve": {
///     "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
///     "Parameters": {"MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}}}"#)?;
/// let approver = Mock::from_async(|call| async move {
///     // A token no task was given is refused, as AWS refuses it.
///     let refused = call.callbacks().send_task_success("forged", json!({}));
///     assert_eq!(refused, Err(CallbackError::InvalidToken("forged".into())));
///     let token = call.input["MessageBody"]["token"].as_str().unwrap_or_default().to_owned();
///     call.callbacks().send_task_success(&token, json!({"approved": true})).ok();
///     Response::NoResponse
/// });
/// let execution = Executor::new(machine).mocks(Mocks::new().state("Approve", approver)).run(json!({}))?;
/// assert_eq!(execution.output, Some(json!({"approved": true})));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// No task of this run was given the token (`InvalidToken`).
    #[error("invalid token `{0}`: no task of this execution was given it")]
    InvalidToken(String),
    /// The task already finished, timed out or was cancelled (`TaskTimedOut`).
    #[error("task token `{0}` is closed: its task already finished or timed out")]
    TaskClosed(String),
}

/// A failure sent through a token: `SendTaskFailure` may leave out the error and the
/// cause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fault {
    pub(crate) error: Option<String>,
    pub(crate) cause: Option<String>,
}

#[derive(Debug)]
struct Entry {
    outcome: Option<Result<Value, Fault>>,
    last_heartbeat: Millis,
    closed: bool,
    waker: Option<Waker>,
}

#[derive(Debug, Default)]
struct Table {
    entries: HashMap<String, Entry>,
    order: Vec<String>,
}

/// Sends `SendTaskSuccess`, `SendTaskFailure` and `SendTaskHeartbeat` to the tasks of a
/// run that wait for a task token. Mocks get it from [`TaskCall::callbacks`](crate::TaskCall::callbacks).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::{Executor, Mock, Mocks, Response};
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Approve",
///   "States": {
///     "Approve": {
///       "Type": "Task",
///       "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
///       "Parameters": {"MessageBody": {"token.$": "$$.Task.Token"}},
///       "End": true
///     }
///   }
/// }"#)?;
/// // The mock plays the human: it answers the token it was sent, one hour later.
/// let approver = Mock::from_async(|call| async move {
///     call.sleep(std::time::Duration::from_secs(3600)).await;
///     let token = call.input["MessageBody"]["token"].as_str().unwrap_or_default().to_owned();
///     call.callbacks().send_task_success(&token, json!({"approved": true})).ok();
///     Response::NoResponse
/// });
/// let execution = Executor::new(machine)
///     .mocks(Mocks::new().state("Approve", approver))
///     .run(json!({}))?;
/// assert_eq!(execution.output, Some(json!({"approved": true})));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Callbacks {
    table: Rc<RefCell<Table>>,
    timers: Rc<Timers>,
}

impl fmt::Debug for Callbacks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Callbacks")
            .field("tokens", &self.table.borrow().order)
            .finish_non_exhaustive()
    }
}

impl Callbacks {
    pub(crate) fn new(timers: Rc<Timers>) -> Self {
        Self {
            table: Rc::default(),
            timers,
        }
    }

    /// Completes the task holding `token` with `output` (`SendTaskSuccess`).
    ///
    /// # Errors
    ///
    /// [`CallbackError`] when the token is unknown or its task is no longer waiting.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{CallbackError, Executor, Mock, Mocks, Response};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    ///     "Parameters": {"MessageBody.$": "$$.Task.Token"}, "End": true}}}"#)?;
    /// let answer = Mock::from_async(|call| async move {
    ///     let token = call.token.clone().unwrap_or_default();
    ///     assert_eq!(call.callbacks().send_task_success(&token, json!("yes")), Ok(()));
    ///     // A task answers only once.
    ///     assert!(matches!(call.callbacks().send_task_success(&token, json!("again")), Err(CallbackError::TaskClosed(_))));
    ///     Response::NoResponse
    /// });
    /// assert_eq!(executor.mocks(Mocks::new().state("T", answer)).run(json!({}))?.output, Some(json!("yes")));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    pub fn send_task_success(&self, token: &str, output: Value) -> Result<(), CallbackError> {
        self.complete(token, Ok(output))
    }

    /// Fails the task holding `token` (`SendTaskFailure`).
    ///
    /// # Errors
    ///
    /// [`CallbackError`] when the token is unknown or its task is no longer waiting.
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
    /// let reject = Mock::from_async(|call| async move {
    ///     let token = call.token.clone().unwrap_or_default();
    ///     call.callbacks().send_task_failure(&token, "Rejected", "not approved").ok();
    ///     Response::NoResponse
    /// });
    /// let execution = executor.mocks(Mocks::new().state("T", reject)).run(json!({}))?;
    /// assert_eq!((execution.error.as_deref(), execution.cause.as_deref()), (Some("Rejected"), Some("not approved")));
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    pub fn send_task_failure(
        &self,
        token: &str,
        error: impl Into<String>,
        cause: impl Into<String>,
    ) -> Result<(), CallbackError> {
        let error = TaskError::new(error, cause);
        self.complete(
            token,
            Err(Fault {
                error: Some(error.error),
                cause: error.cause,
            }),
        )
    }

    /// Records a heartbeat for the task holding `token` (`SendTaskHeartbeat`).
    ///
    /// # Errors
    ///
    /// [`CallbackError`] when the token is unknown or its task is no longer waiting.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{CallbackError, Executor, Mock, Mocks, Response};
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    ///     "Parameters": {"MessageBody.$": "$$.Task.Token"}, "End": true}}}"#)?;
    /// let check = Mock::from_async(|call| async move {
    ///     let callbacks = call.callbacks();
    ///     let token = call.token.clone().unwrap_or_default();
    ///     assert_eq!(callbacks.send_task_heartbeat(&token), Ok(()));
    ///     assert!(matches!(callbacks.send_task_heartbeat("no-such-token"), Err(CallbackError::InvalidToken(_))));
    ///     callbacks.send_task_success(&token, json!(1)).ok();
    ///     Response::NoResponse
    /// });
    /// assert!(executor.mocks(Mocks::new().state("T", check)).run(json!({}))?.succeeded());
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    pub fn send_task_heartbeat(&self, token: &str) -> Result<(), CallbackError> {
        let now = self.timers.now();
        let mut table = self.table.borrow_mut();
        let entry = Self::open_entry(&mut table, token)?;
        entry.last_heartbeat = now;
        if let Some(waker) = entry.waker.take() {
            waker.wake();
        }
        Ok(())
    }

    /// The tokens handed out so far whose tasks still wait, in the order they were issued.
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
    /// let check = Mock::from_async(|call| async move {
    ///     let token = call.token.clone().unwrap_or_default();
    ///     assert_eq!(call.callbacks().pending_tokens(), [token.clone()]);
    ///     call.callbacks().send_task_success(&token, json!(1)).ok();
    ///     assert!(call.callbacks().pending_tokens().is_empty());
    ///     Response::NoResponse
    /// });
    /// assert!(executor.mocks(Mocks::new().state("T", check)).run(json!({}))?.succeeded());
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn pending_tokens(&self) -> Vec<String> {
        let table = self.table.borrow();
        table
            .order
            .iter()
            .filter(|token| {
                table
                    .entries
                    .get(*token)
                    .is_some_and(|entry| !entry.closed && entry.outcome.is_none())
            })
            .cloned()
            .collect()
    }

    fn open_entry<'t>(table: &'t mut Table, token: &str) -> Result<&'t mut Entry, CallbackError> {
        let entry = table
            .entries
            .get_mut(token)
            .ok_or_else(|| CallbackError::InvalidToken(token.to_owned()))?;
        if entry.closed || entry.outcome.is_some() {
            return Err(CallbackError::TaskClosed(token.to_owned()));
        }
        Ok(entry)
    }

    /// Completes the task holding `token` with `outcome`.
    pub(crate) fn complete(
        &self,
        token: &str,
        outcome: Result<Value, Fault>,
    ) -> Result<(), CallbackError> {
        let mut table = self.table.borrow_mut();
        let entry = Self::open_entry(&mut table, token)?;
        entry.outcome = Some(outcome);
        if let Some(waker) = entry.waker.take() {
            waker.wake();
        }
        Ok(())
    }

    /// Registers a new token.
    pub(crate) fn issue(&self, token: &str) {
        let mut table = self.table.borrow_mut();
        table.order.push(token.to_owned());
        table.entries.insert(
            token.to_owned(),
            Entry {
                outcome: None,
                last_heartbeat: self.timers.now(),
                closed: false,
                waker: None,
            },
        );
    }

    /// Closes a token whose task finished or gave up.
    pub(crate) fn close(&self, token: &str) {
        if let Some(entry) = self.table.borrow_mut().entries.get_mut(token) {
            entry.closed = true;
            entry.waker = None;
        }
    }

    /// The time of the last heartbeat (or of issue).
    pub(crate) fn last_heartbeat(&self, token: &str) -> Millis {
        self.table
            .borrow()
            .entries
            .get(token)
            .map_or(0, |entry| entry.last_heartbeat)
    }

    /// Waits until the token is completed, or a heartbeat arrives (`Heartbeat`).
    pub(crate) fn wait(&self, token: &str) -> TokenWait {
        TokenWait {
            callbacks: self.clone(),
            token: token.to_owned(),
            heartbeat_seen: self.last_heartbeat(token),
        }
    }
}

/// What ended a [`TokenWait`].
#[derive(Debug)]
pub(crate) enum TokenEvent {
    /// The task was completed.
    Done(Result<Value, Fault>),
    /// A heartbeat arrived.
    Heartbeat,
}

/// A future that ends when a token is completed or heartbeats.
#[derive(Debug)]
pub(crate) struct TokenWait {
    callbacks: Callbacks,
    token: String,
    heartbeat_seen: Millis,
}

impl Future for TokenWait {
    type Output = TokenEvent;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<TokenEvent> {
        let mut table = self.callbacks.table.borrow_mut();
        let Some(entry) = table.entries.get_mut(&self.token) else {
            return Poll::Pending;
        };
        if let Some(outcome) = entry.outcome.take() {
            entry.closed = true;
            return Poll::Ready(TokenEvent::Done(outcome));
        }
        if entry.last_heartbeat != self.heartbeat_seen {
            return Poll::Ready(TokenEvent::Heartbeat);
        }
        entry.waker = Some(cx.waker().clone());
        self.callbacks.timers.note_virtual_wait();
        Poll::Pending
    }
}
