//! Service integrations: the family an integration belongs to, how a Task waits for it,
//! and the parts of its ARN.

use std::borrow::Cow;

/// How a Task waits for a service integration.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{IntegrationPattern, Resource};
///
/// let run = Resource::parse("arn:aws:states:::ecs:runTask.sync");
/// assert_eq!(run.pattern(), IntegrationPattern::Sync);
/// assert_eq!(IntegrationPattern::WaitForTaskToken.suffix(), ".waitForTaskToken");
/// assert_eq!(Resource::parse("arn:aws:states:::sns:publish").pattern(), IntegrationPattern::RequestResponse);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum IntegrationPattern {
    /// Call the service and continue with its response (no suffix).
    #[default]
    RequestResponse,
    /// Run a job and wait for it to finish (`.sync`).
    Sync,
    /// Like [`Sync`](Self::Sync), with JSON output parsed (`.sync:2`).
    Sync2,
    /// Pause until a task token is returned by `SendTaskSuccess`/`SendTaskFailure`
    /// (`.waitForTaskToken`).
    WaitForTaskToken,
}

impl IntegrationPattern {
    /// The suffix appended to the action name.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::IntegrationPattern;
    ///
    /// assert_eq!(IntegrationPattern::Sync2.suffix(), ".sync:2");
    /// assert_eq!(IntegrationPattern::RequestResponse.suffix(), "");
    /// ```
    #[must_use]
    pub fn suffix(self) -> &'static str {
        match self {
            Self::RequestResponse => "",
            Self::Sync => ".sync",
            Self::Sync2 => ".sync:2",
            Self::WaitForTaskToken => ".waitForTaskToken",
        }
    }

    pub(super) fn split(action: &str) -> (&str, Self) {
        for pattern in [Self::Sync2, Self::Sync, Self::WaitForTaskToken] {
            if let Some(name) = action.strip_suffix(pattern.suffix()) {
                return (name, pattern);
            }
        }
        (action, Self::RequestResponse)
    }
}

/// Which family of service integration a resource uses.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{IntegrationFamily, Resource};
///
/// let sdk = Resource::parse("arn:aws:states:::aws-sdk:s3:listObjectsV2");
/// assert_eq!(sdk.as_integration().map(|call| call.family), Some(IntegrationFamily::AwsSdk));
/// let optimized = Resource::parse("arn:aws:states:::sqs:sendMessage");
/// assert_eq!(optimized.as_integration().map(|call| call.family), Some(IntegrationFamily::Optimized));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntegrationFamily {
    /// An optimized integration: `arn:aws:states:::sns:publish`.
    Optimized,
    /// An AWS SDK integration: `arn:aws:states:::aws-sdk:s3:listObjectsV2`.
    AwsSdk,
}

/// A service integration resource, `arn:<partition>:states:::[aws-sdk:]<service>:<action>[<pattern>]`.
///
/// The parts are [`Cow`]s so that the names of typed integrations (`lambda`, `invoke`) and
/// the usual partition are held without allocating; owned and borrowed parts compare and
/// hash alike.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{IntegrationPattern, Resource};
///
/// let resource = Resource::parse("arn:aws-cn:states:::aws-sdk:dynamodb:getItem");
/// let call = resource.as_integration().expect("a service integration");
/// assert_eq!((&*call.partition, &*call.service, &*call.action), ("aws-cn", "dynamodb", "getItem"));
/// assert_eq!(call.pattern, IntegrationPattern::RequestResponse);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServiceIntegration {
    /// The ARN partition (`aws`, `aws-cn`, `aws-us-gov`, or a placeholder such as
    /// `${AWS::Partition}`).
    pub partition: Cow<'static, str>,
    /// Optimized or AWS SDK integration.
    pub family: IntegrationFamily,
    /// The service, such as `lambda`, `sns` or (for the SDK) `s3`.
    pub service: Cow<'static, str>,
    /// The action, such as `invoke`, `publish` or `listObjectsV2`.
    pub action: Cow<'static, str>,
    /// How the Task waits for the service.
    pub pattern: IntegrationPattern,
}

impl ServiceIntegration {
    /// The longest a Task calling this integration runs, whatever its `TimeoutSeconds`,
    /// when the integration has such a limit: 900 seconds for Bedrock AgentCore
    /// `invokeHarness` (connect-bedrockagentcore.html: "a maximum execution time of 15
    /// minutes (900 seconds), even if the `TimeoutSeconds` value exceeds this limit").
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Resource;
    ///
    /// let harness = Resource::parse("arn:aws:states:::bedrockagentcore:invokeHarness");
    /// assert_eq!(harness.as_integration().and_then(|call| call.max_run_seconds()), Some(900));
    /// let publish = Resource::parse("arn:aws:states:::sns:publish");
    /// assert_eq!(publish.as_integration().and_then(|call| call.max_run_seconds()), None);
    /// ```
    #[must_use]
    pub fn max_run_seconds(&self) -> Option<u64> {
        let harness = self.family == IntegrationFamily::Optimized
            && self.service == "bedrockagentcore"
            && self.action == "invokeHarness";
        harness.then_some(900)
    }
}
