//! AWS Lambda: `lambda:invoke`.

use super::{request_type, wait_for_task_token};
use crate::builder::Arg;

request_type!(
    /// Invokes a Lambda function (`arn:aws:states:::lambda:invoke`). The task result wraps
    /// the function's return value in `Payload`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let invoke = lambda::Invoke::function("${ResizeFunctionArn}")
    ///     .payload(json!({"image.$": "$.image", "size": 128}))
    ///     .qualifier("live");
    /// let machine = StateMachine::builder().start(TaskState::call("Resize", invoke)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Resize"]["Parameters"],
    ///     json!({"FunctionName": "${ResizeFunctionArn}", "Payload": {"image.$": "$.image", "size": 128}, "Qualifier": "live"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    Invoke,
    "lambda",
    "invoke"
);

impl Invoke {
    /// Invokes `function` (a name, ARN or placeholder) with the state input as payload.
    pub fn function(function: impl Into<Arg>) -> Self {
        Self::from_request(
            crate::builder::Request::with_capacity(2)
                .field_static("FunctionName", function)
                .field_static("Payload", Arg::input()),
        )
    }

    /// The event passed to the function. Serialized as `Payload`.
    pub fn payload(self, payload: impl Into<Arg>) -> Self {
        self.with("Payload", payload)
    }

    /// A version or alias. Serialized as `Qualifier`.
    pub fn qualifier(self, qualifier: impl Into<Arg>) -> Self {
        self.with("Qualifier", qualifier)
    }

    /// Invokes asynchronously: the task completes as soon as Lambda queued the event.
    /// Serialized as `"InvocationType": "Event"`.
    pub fn asynchronous(self) -> Self {
        self.with("InvocationType", "Event")
    }

    wait_for_task_token!();
}
