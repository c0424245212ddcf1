//! Amazon SQS: `sqs:sendMessage`.

use super::{request_type, wait_for_task_token};
use crate::builder::{Arg, Request};

request_type!(
    /// Sends a message to an SQS queue (`arn:aws:states:::sqs:sendMessage`), optionally
    /// waiting for a worker to return the task token.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let send = sqs::SendMessage::new(
    ///     "${WorkQueueUrl}",
    ///     Arg::object(Request::new().field("order", Arg::input()).field("token", Arg::task_token())),
    /// )
    /// .wait_for_task_token();
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::call("Hand off", send).heartbeat_seconds(60))
    ///     .build()?;
    /// let task = &machine.to_value()["States"]["Hand off"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::sqs:sendMessage.waitForTaskToken");
    /// assert_eq!(
    ///     task["Parameters"],
    ///     json!({"QueueUrl": "${WorkQueueUrl}", "MessageBody": {"order.$": "$", "token.$": "$$.Task.Token"}})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    SendMessage,
    "sqs",
    "sendMessage",
    "sqs::SendMessage::new(\"${Queue}\", \"hello\")"
);

impl SendMessage {
    /// Sends `body` to the queue at `queue_url`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sqs::SendMessage::new("${Queue}", Arg::input());
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::sqs:sendMessage");
    /// assert_eq!(task["Parameters"], json!({"QueueUrl": "${Queue}", "MessageBody.$": "$"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(queue_url: impl Into<Arg>, body: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("QueueUrl", queue_url)
                .field_static("MessageBody", body),
        )
    }

    /// Delays delivery by this many seconds, at most 900 (`build()` refuses more).
    /// Serialized as `DelaySeconds`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sqs::SendMessage::new("${Queue}", "hello")
    ///     .delay_seconds(60);
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["DelaySeconds"], 60);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn delay_seconds(self, seconds: u64) -> Self {
        self.with("DelaySeconds", seconds)
    }

    /// The message group of a FIFO queue. Serialized as `MessageGroupId`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sqs::SendMessage::new("${Queue}", "hello")
    ///     .message_group_id("orders");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["MessageGroupId"], "orders");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn message_group_id(self, group: impl Into<Arg>) -> Self {
        self.with("MessageGroupId", group)
    }

    /// The deduplication id of a FIFO queue. Serialized as `MessageDeduplicationId`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sqs::SendMessage::new("${Queue}", "hello")
    ///     .message_deduplication_id(Arg::context("Execution.Name"));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["MessageDeduplicationId.$"], "$$.Execution.Name");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn message_deduplication_id(self, id: impl Into<Arg>) -> Self {
        self.with("MessageDeduplicationId", id)
    }

    wait_for_task_token!("sqs::SendMessage::new(\"${Queue}\", \"hello\")");
}
