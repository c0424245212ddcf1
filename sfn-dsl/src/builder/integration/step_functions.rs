//! AWS Step Functions: `states:startExecution`.

use super::{request_type, wait_for_task_token};
use crate::builder::{Arg, Request};

request_type!(
    /// Starts an execution of another state machine
    /// (`arn:aws:states:::states:startExecution`), by default passing the state input on.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let child = step_functions::StartExecution::new("${FulfilmentStateMachineArn}").wait_for_completion();
    /// let machine = StateMachine::builder().start(TaskState::call("Fulfil", child)).build()?;
    /// let task = &machine.to_value()["States"]["Fulfil"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::states:startExecution.sync:2");
    /// assert_eq!(task["Parameters"], json!({"StateMachineArn": "${FulfilmentStateMachineArn}", "Input.$": "$"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    StartExecution,
    "states",
    "startExecution",
    "step_functions::StartExecution::new(\"${ChildArn}\")"
);

impl StartExecution {
    /// Starts the machine `state_machine_arn` with the state input.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = step_functions::StartExecution::new("${ChildArn}");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::states:startExecution");
    /// assert_eq!(task["Parameters"], json!({"StateMachineArn": "${ChildArn}", "Input.$": "$"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(state_machine_arn: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("StateMachineArn", state_machine_arn)
                .field_static("Input", Arg::input()),
        )
    }

    /// The child execution's input. Serialized as `Input`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = step_functions::StartExecution::new("${ChildArn}")
    ///     .input(json!({"orderId.$": "$.id"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Input"], json!({"orderId.$": "$.id"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn input(self, input: impl Into<Arg>) -> Self {
        self.with("Input", input)
    }

    /// The child execution's name. Serialized as `Name`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = step_functions::StartExecution::new("${ChildArn}")
    ///     .name(Arg::context("Execution.Name"));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Name.$"], "$$.Execution.Name");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn name(self, name: impl Into<Arg>) -> Self {
        self.with("Name", name)
    }

    /// Waits for the child execution to finish, with its output parsed as JSON. Appends
    /// `.sync:2` to the resource.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = step_functions::StartExecution::new("${ChildArn}").wait_for_completion();
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let resource = &machine.to_value()["States"]["Call"]["Resource"];
    /// assert_eq!(resource, "arn:aws:states:::states:startExecution.sync:2");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn wait_for_completion(mut self) -> Self {
        self.pattern = crate::model::IntegrationPattern::Sync2;
        self
    }

    wait_for_task_token!("step_functions::StartExecution::new(\"${ChildArn}\")");
}
