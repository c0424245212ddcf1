//! Amazon SNS: `sns:publish`.

use super::{request_type, wait_for_task_token};
use crate::builder::{Arg, Request};

request_type!(
    /// Publishes a message to an SNS topic (`arn:aws:states:::sns:publish`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let publish = sns::Publish::new("${AlertsTopicArn}", Arg::input_field("alert"))
    ///     .subject("Order alert");
    /// let machine = StateMachine::builder().start(TaskState::call("Alert", publish)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Alert"]["Parameters"],
    ///     json!({"TopicArn": "${AlertsTopicArn}", "Message.$": "$.alert", "Subject": "Order alert"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    Publish,
    "sns",
    "publish",
    "sns::Publish::new(\"${Topic}\", \"done\")"
);

impl Publish {
    /// Publishes `message` to the topic `topic_arn`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sns::Publish::new("${Topic}", Arg::input_field("message"));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::sns:publish");
    /// assert_eq!(task["Parameters"], json!({"TopicArn": "${Topic}", "Message.$": "$.message"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(topic_arn: impl Into<Arg>, message: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("TopicArn", topic_arn)
                .field_static("Message", message),
        )
    }

    /// The subject of email notifications. Serialized as `Subject`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sns::Publish::new("${Topic}", "done")
    ///     .subject("Order shipped");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Subject"], "Order shipped");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn subject(self, subject: impl Into<Arg>) -> Self {
        self.with("Subject", subject)
    }

    /// The message group of a FIFO topic. Serialized as `MessageGroupId`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sns::Publish::new("${Topic}", "done")
    ///     .message_group_id(Arg::input_field("customerId"));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["MessageGroupId.$"], "$.customerId");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn message_group_id(self, group: impl Into<Arg>) -> Self {
        self.with("MessageGroupId", group)
    }

    /// The deduplication id of a FIFO topic (needed unless the topic derives it from the
    /// message content). Serialized as `MessageDeduplicationId`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let publish = sns::Publish::new("${OrdersTopicArn}", Arg::input_field("order"))
    ///     .message_group_id(Arg::input_field("order.customerId"))
    ///     .message_deduplication_id(Arg::context("Execution.Name"));
    /// let machine = StateMachine::builder().start(TaskState::call("Announce", publish)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Announce"]["Parameters"],
    ///     json!({
    ///         "TopicArn": "${OrdersTopicArn}",
    ///         "Message.$": "$.order",
    ///         "MessageGroupId.$": "$.order.customerId",
    ///         "MessageDeduplicationId.$": "$$.Execution.Name"
    ///     })
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn message_deduplication_id(self, id: impl Into<Arg>) -> Self {
        self.with("MessageDeduplicationId", id)
    }

    /// Message attributes, as the SNS API spells them. Serialized as `MessageAttributes`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sns::Publish::new("${Topic}", "done")
    ///     .message_attributes(json!({"kind": {"DataType": "String", "StringValue": "order"}}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["MessageAttributes"], json!({"kind": {"DataType": "String", "StringValue": "order"}}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn message_attributes(self, attributes: impl Into<Arg>) -> Self {
        self.with("MessageAttributes", attributes)
    }

    wait_for_task_token!("sns::Publish::new(\"${Topic}\", \"done\")");
}
