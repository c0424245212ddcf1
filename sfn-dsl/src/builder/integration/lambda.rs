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
    "invoke",
    "lambda::Invoke::function(\"worker\")"
);

impl Invoke {
    /// Invokes `function` (a name, ARN or placeholder) with the state input as payload.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = lambda::Invoke::function("worker");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::lambda:invoke");
    /// assert_eq!(task["Parameters"], json!({"FunctionName": "worker", "Payload.$": "$"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn function(function: impl Into<Arg>) -> Self {
        Self::from_request(
            crate::builder::Request::with_capacity(2)
                .field_static("FunctionName", function)
                .field_static("Payload", Arg::input()),
        )
    }

    /// The event passed to the function. Serialized as `Payload`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = lambda::Invoke::function("worker")
    ///     .payload(json!({"size": 128}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Payload"], json!({"size": 128}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn payload(self, payload: impl Into<Arg>) -> Self {
        self.with("Payload", payload)
    }

    /// A version or alias. Serialized as `Qualifier`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = lambda::Invoke::function("worker")
    ///     .qualifier("live");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Qualifier"], "live");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn qualifier(self, qualifier: impl Into<Arg>) -> Self {
        self.with("Qualifier", qualifier)
    }

    /// Data about the caller for the function's context object: base64-encoded JSON of at
    /// most 3,583 bytes, passed on synchronous invocations only. Serialized as
    /// `ClientContext`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// // `{"custom": {"source": "checkout"}}`, base64-encoded.
    /// let invoke = lambda::Invoke::function("${ScoreFunctionArn}")
    ///     .client_context("eyJjdXN0b20iOiB7InNvdXJjZSI6ICJjaGVja291dCJ9fQ==");
    /// let machine = StateMachine::builder().start(TaskState::call("Score", invoke)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Score"]["Parameters"],
    ///     json!({
    ///         "FunctionName": "${ScoreFunctionArn}",
    ///         "Payload.$": "$",
    ///         "ClientContext": "eyJjdXN0b20iOiB7InNvdXJjZSI6ICJjaGVja291dCJ9fQ=="
    ///     })
    /// );
    ///
    /// // Encoded from the input by the workflow itself.
    /// let invoke = lambda::Invoke::function("${ScoreFunctionArn}")
    ///     .client_context(Arg::intrinsic("States.Base64Encode(States.JsonToString($.caller))"));
    /// let machine = StateMachine::builder().start(TaskState::call("Score", invoke)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Score"]["Parameters"]["ClientContext.$"],
    ///     "States.Base64Encode(States.JsonToString($.caller))"
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn client_context(self, context: impl Into<Arg>) -> Self {
        self.with("ClientContext", context)
    }

    /// Invokes asynchronously: the task completes as soon as Lambda queued the event.
    /// Serialized as `"InvocationType": "Event"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = lambda::Invoke::function("worker")
    ///     .asynchronous();
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["InvocationType"], "Event");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn asynchronous(self) -> Self {
        self.with("InvocationType", "Event")
    }

    wait_for_task_token!("lambda::Invoke::function(\"worker\")");
}
