//! [`TaskStateBuilder`]: the Task state.

use std::marker::PhantomData;

use super::chain::{Chain, Deferred, DeferredField, NodeState};
use super::common::{Common, setters};
use super::integration::Integration;
use super::lambda;
use super::marker::{Missing, Present, ResourceIsSet};
use crate::model::{Dynamic, Payload, Resource, StateName, TaskState};

/// Builds a Task state: calls a Lambda function, a service integration, an activity or an
/// HTTP endpoint.
///
/// The resource is required: set it with [`call`](Self::call) (a typed integration whose
/// request is written as `Parameters` in JSONPath states and `Arguments` in JSONata
/// states) or [`resource`](Self::resource) (any resource, with a payload set by hand).
/// [`TaskState::call`] does both steps at once.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let charge = TaskState::call(
///     "Charge card",
///     lambda::Invoke::function("${ChargeFunctionArn}").payload(Arg::input_field("payment")),
/// )
/// .result_selector(json!({"receipt.$": "$.Payload.receipt"}))
/// .result_path("$.charge")
/// .timeout_seconds(30)
/// .retry(Retrier::builder(ErrorName::lambda_transient()).max_attempts(2));
///
/// let machine = StateMachine::builder().start(charge).build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Charge card"],
///     json!({
///         "Type": "Task",
///         "Resource": "arn:aws:states:::lambda:invoke",
///         "Parameters": {"FunctionName": "${ChargeFunctionArn}", "Payload.$": "$.payment"},
///         "ResultSelector": {"receipt.$": "$.Payload.receipt"},
///         "ResultPath": "$.charge",
///         "TimeoutSeconds": 30,
///         "Retry": [{
///             "ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException",
///                             "Lambda.SdkClientException", "Lambda.TooManyRequestsException"],
///             "MaxAttempts": 2
///         }],
///         "End": true
///     })
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
///
/// A Task without a resource does not compile:
///
/// ```compile_fail
/// use sfn_dsl::prelude::*;
///
/// let chain = TaskState::builder("Nothing").next(SucceedState::builder("Done"));
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct TaskStateBuilder<R = Missing> {
    state: Box<TaskState>,
    common: Common,
    marker: PhantomData<R>,
}

impl TaskState {
    /// A builder for a Task state named `name`; set its resource next.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::builder("Review").resource("arn:aws:states:us-east-1:123456789012:activity:review"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Review"];
    /// assert_eq!(state["Type"], json!("Task"));
    /// assert_eq!(state["Resource"], json!("arn:aws:states:us-east-1:123456789012:activity:review"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder(name: impl Into<StateName>) -> TaskStateBuilder<Missing> {
        TaskStateBuilder {
            state: Box::new(TaskState::new(Resource::Other(String::new()))),
            common: Common::new(name),
            marker: PhantomData,
        }
    }

    /// A builder for a Task state named `name` calling `integration`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::call("Notify", sns::Publish::new("${Topic}", "done")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Notify"];
    /// assert_eq!(state["Resource"], json!("arn:aws:states:::sns:publish"));
    /// assert_eq!(state["Parameters"], json!({"TopicArn": "${Topic}", "Message": "done"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn call(
        name: impl Into<StateName>,
        integration: impl Integration,
    ) -> TaskStateBuilder<Present> {
        Self::builder(name).call(integration)
    }

    /// A builder for a Task state named `name` invoking a Lambda function (its name, ARN,
    /// or a placeholder such as `${FunctionArn}`) with the state input as payload, through
    /// `arn:aws:states:::lambda:invoke`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(TaskState::lambda_invoke("Work", "worker"))
    ///     .build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Work"]["Arguments"],
    ///     json!({"FunctionName": "worker", "Payload": "{% $states.input %}"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn lambda_invoke(
        name: impl Into<StateName>,
        function: impl Into<super::Arg>,
    ) -> TaskStateBuilder<Present> {
        Self::call(name, lambda::Invoke::function(function))
    }
}

impl<R> TaskStateBuilder<R> {
    setters!(
        example(
            "TaskState::builder(\"S\")\n    .resource(\"arn:aws:states:us-east-1:123456789012:activity:work\")",
            ""
        );
        comment,
        query_language,
        input_path,
        parameters,
        arguments,
        result_selector,
        result_path,
        output_path,
        output,
        assign,
        retry,
        catch,
        end
    );

    /// What the task calls, with any payload set by hand. Serialized as `Resource`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::builder("Review")
    ///         .resource("arn:aws:states:us-east-1:123456789012:activity:review")
    ///         .parameters(json!({"id.$": "$.id"})))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Review"];
    /// assert_eq!(state["Resource"], json!("arn:aws:states:us-east-1:123456789012:activity:review"));
    /// assert_eq!(state["Parameters"], json!({"id.$": "$.id"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn resource(self, resource: impl Into<Resource>) -> TaskStateBuilder<Present> {
        let mut state = self.state;
        state.resource = resource.into();
        TaskStateBuilder {
            state,
            common: self.common,
            marker: PhantomData,
        }
    }

    /// Calls a typed integration: sets `Resource`, and the request, which is written as
    /// `Parameters` in a JSONPath state or `Arguments` in a JSONata state (setting that
    /// field by hand as well is a build error).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::builder("Notify").call(sns::Publish::new("${Topic}", "done")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Notify"];
    /// assert_eq!(state["Resource"], json!("arn:aws:states:::sns:publish"));
    /// assert_eq!(state["Parameters"], json!({"TopicArn": "${Topic}", "Message": "done"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn call(mut self, integration: impl Integration) -> TaskStateBuilder<Present> {
        let resource = integration.resource();
        let request = integration.into_request();
        self.common
            .deferred
            .retain(|deferred| deferred.into != DeferredField::TaskInput);
        self.common.deferred.push(Deferred {
            into: DeferredField::TaskInput,
            request,
        });
        self.resource(resource)
    }

    /// The role to assume for the call, such as `{"RoleArn": "arn:aws:iam::…"}`.
    /// Serialized as `Credentials`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .credentials(json!({"RoleArn": "arn:aws:iam::123456789012:role/Worker"})))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Credentials"], json!({"RoleArn": "arn:aws:iam::123456789012:role/Worker"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn credentials(mut self, credentials: impl Into<Payload>) -> Self {
        self.state.credentials = Some(credentials.into());
        self
    }

    /// The longest the task may run before failing with `States.Timeout`: a number,
    /// [`Dynamic::path`], [`Dynamic::jsonata`] or [`Dynamic::placeholder`]. Serialized as
    /// `TimeoutSeconds` (or `TimeoutSecondsPath` for a path).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker").timeout_seconds(300))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["TimeoutSeconds"], json!(300));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn timeout_seconds(mut self, seconds: impl Into<Dynamic<u64>>) -> Self {
        self.state.timeout_seconds = Some(seconds.into());
        self
    }

    /// The longest the task may go without a heartbeat (`SendTaskHeartbeat`); it must be
    /// smaller than the timeout. Serialized as `HeartbeatSeconds` (or
    /// `HeartbeatSecondsPath`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .timeout_seconds(300)
    ///         .heartbeat_seconds(60))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["HeartbeatSeconds"], json!(60));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn heartbeat_seconds(mut self, seconds: impl Into<Dynamic<u64>>) -> Self {
        self.state.heartbeat_seconds = Some(seconds.into());
        self
    }

    /// Continues with `then`: a state builder or a [`Chain`].
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker").next(SucceedState::builder("Done")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Next"], json!("Done"));
    /// assert_eq!(value["States"]["Done"]["Type"], json!("Succeed"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn next(self, then: impl Into<Chain>) -> Chain
    where
        R: ResourceIsSet,
    {
        Chain::from(self).next(then)
    }
}

impl<R: ResourceIsSet> From<TaskStateBuilder<R>> for Chain {
    fn from(builder: TaskStateBuilder<R>) -> Self {
        builder.common.finish(NodeState::Task(builder.state))
    }
}
