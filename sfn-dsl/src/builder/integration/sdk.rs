//! Any AWS API through the AWS SDK integration: `aws-sdk:<service>:<action>`.

use crate::builder::{Arg, Integration, Request};
use crate::model::{IntegrationPattern, Resource};

/// Calls any AWS SDK action (`arn:aws:states:::aws-sdk:<service>:<action>`), with the
/// request fields named as in the service's API (`PascalCase`).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let copy = sdk::AwsSdk::new("s3", "copyObject")
///     .field("Bucket", "archive")
///     .field("CopySource", Arg::intrinsic("States.Format('inbox/{}', $.key)"))
///     .field("Key", Arg::input_field("key"));
/// let machine = StateMachine::builder().start(TaskState::call("Archive", copy)).build()?;
/// let task = &machine.to_value()["States"]["Archive"];
/// assert_eq!(task["Resource"], "arn:aws:states:::aws-sdk:s3:copyObject");
/// assert_eq!(
///     task["Parameters"],
///     json!({"Bucket": "archive", "CopySource.$": "States.Format('inbox/{}', $.key)", "Key.$": "$.key"})
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct AwsSdk {
    service: String,
    action: String,
    request: Request,
    pattern: IntegrationPattern,
}

impl AwsSdk {
    /// Calls `action` (camelCase, such as `listObjectsV2`) of `service` (such as `s3`).
    /// `build()` refuses names that cannot name an API: an empty one, a service other than
    /// letters, digits and `-`, an action other than letters and digits (`"s3:getObject"`,
    /// `"getObject.sync"`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sdk::AwsSdk::new("s3", "listObjectsV2").field("Bucket", "reports");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// assert_eq!(machine.to_value()["States"]["Call"]["Resource"], "arn:aws:states:::aws-sdk:s3:listObjectsV2");
    /// assert!(StateMachine::builder().start(TaskState::call("Bad", sdk::AwsSdk::new("s3", "get.sync"))).build().is_err());
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(service: impl Into<String>, action: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            action: action.into(),
            request: Request::new(),
            pattern: IntegrationPattern::RequestResponse,
        }
    }

    /// Adds or replaces a request field.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sdk::AwsSdk::new("s3", "getObject")
    ///     .field("Bucket", "reports")
    ///     .field("Key", Arg::input_field("key"))
    ///     .field("Bucket", "archive");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Bucket"], "archive");
    /// assert_eq!(parameters["Key.$"], "$.key");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn field(mut self, key: impl Into<String>, value: impl Into<Arg>) -> Self {
        self.request.set(key, value);
        self
    }

    /// Pauses until the task token is returned. Appends `.waitForTaskToken` to the
    /// resource.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = sdk::AwsSdk::new("sqs", "sendMessage")
    ///     .field("QueueUrl", "${Queue}")
    ///     .field("MessageBody", Arg::task_token())
    ///     .wait_for_task_token();
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let resource = &machine.to_value()["States"]["Call"]["Resource"];
    /// assert_eq!(resource, "arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn wait_for_task_token(mut self) -> Self {
        self.pattern = IntegrationPattern::WaitForTaskToken;
        self
    }
}

impl Integration for AwsSdk {
    fn resource(&self) -> Resource {
        Resource::aws_sdk(self.service.clone(), self.action.clone()).with_pattern(self.pattern)
    }

    fn into_request(self) -> Request {
        self.request
    }
}
