//! Task `Resource` values: Lambda functions, service integrations, activities and any other
//! URI.

mod arn;
mod integration;
mod parse;
mod sdk;
mod write;

use std::borrow::Cow;

pub(crate) use arn::arn_parts;
pub use integration::{IntegrationFamily, IntegrationPattern, ServiceIntegration};
pub(crate) use sdk::{malformed_sdk_text, sdk_name_problem};

/// A Lambda function addressed by ARN: `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::Resource;
///
/// let resource = Resource::parse("arn:aws:lambda:eu-west-1:123456789012:function:charge:live");
/// let Resource::LambdaFunction(function) = &resource else { panic!("a Lambda ARN") };
/// assert_eq!((function.region.as_str(), function.name.as_str()), ("eu-west-1", "charge"));
/// assert_eq!(function.qualifier.as_deref(), Some("live"));
/// assert_eq!(resource.to_string(), "arn:aws:lambda:eu-west-1:123456789012:function:charge:live");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LambdaFunction {
    /// The ARN partition.
    pub partition: String,
    /// The region.
    pub region: String,
    /// The account id.
    pub account: String,
    /// The function name.
    pub name: String,
    /// A version or alias.
    pub qualifier: Option<String>,
}

/// An activity: `arn:<partition>:states:<region>:<account>:activity:<name>`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::Resource;
///
/// let resource = Resource::parse("arn:aws:states:us-east-1:123456789012:activity:review");
/// let Resource::Activity(activity) = &resource else { panic!("an activity ARN") };
/// assert_eq!((activity.account.as_str(), activity.name.as_str()), ("123456789012", "review"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Activity {
    /// The ARN partition.
    pub partition: String,
    /// The region.
    pub region: String,
    /// The account id.
    pub account: String,
    /// The activity name.
    pub name: String,
}

/// The `Resource` of a Task state, or of a Map `ItemReader`/`ResultWriter`.
///
/// Parsing classifies the string into the AWS forms and falls back to
/// [`Resource::Other`] for anything else (including placeholders such as
/// `"${ChargeFunctionArn}"`); printing gives back exactly the parsed string.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{IntegrationPattern, Resource};
///
/// let publish = Resource::integration("sns", "publish", IntegrationPattern::WaitForTaskToken);
/// assert_eq!(publish.to_string(), "arn:aws:states:::sns:publish.waitForTaskToken");
/// assert_eq!(Resource::parse("arn:aws:states:::sns:publish.waitForTaskToken"), publish);
///
/// let sdk = Resource::aws_sdk("s3", "listObjectsV2");
/// assert_eq!(sdk.to_string(), "arn:aws:states:::aws-sdk:s3:listObjectsV2");
///
/// let placeholder = Resource::parse("${ChargeFunctionArn}");
/// assert_eq!(placeholder, Resource::Other("${ChargeFunctionArn}".to_owned()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Resource {
    /// A service integration (optimized, AWS SDK or HTTP).
    Integration(ServiceIntegration),
    /// A Lambda function invoked by its ARN (the legacy form).
    LambdaFunction(LambdaFunction),
    /// An activity.
    Activity(Activity),
    /// Any other URI, including deployment placeholders.
    Other(String),
}

impl Resource {
    /// An optimized integration in the `aws` partition, such as `lambda:invoke`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{IntegrationPattern, Resource};
    ///
    /// let run = Resource::integration("ecs", "runTask", IntegrationPattern::Sync);
    /// assert_eq!(run.to_string(), "arn:aws:states:::ecs:runTask.sync");
    /// ```
    #[must_use]
    pub fn integration(
        service: impl Into<Cow<'static, str>>,
        action: impl Into<Cow<'static, str>>,
        pattern: IntegrationPattern,
    ) -> Self {
        Self::Integration(ServiceIntegration {
            partition: Cow::Borrowed("aws"),
            family: IntegrationFamily::Optimized,
            service: service.into(),
            action: action.into(),
            pattern,
        })
    }

    /// An AWS SDK integration in the `aws` partition, such as `aws-sdk:s3:getObject`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{IntegrationPattern, Resource};
    ///
    /// let get = Resource::aws_sdk("dynamodb", "getItem");
    /// assert_eq!(get.to_string(), "arn:aws:states:::aws-sdk:dynamodb:getItem");
    /// assert_eq!(get.pattern(), IntegrationPattern::RequestResponse);
    /// ```
    #[must_use]
    pub fn aws_sdk(
        service: impl Into<Cow<'static, str>>,
        action: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::Integration(ServiceIntegration {
            partition: Cow::Borrowed("aws"),
            family: IntegrationFamily::AwsSdk,
            service: service.into(),
            action: action.into(),
            pattern: IntegrationPattern::RequestResponse,
        })
    }

    /// The HTTP Task resource, `arn:aws:states:::http:invoke`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Resource;
    ///
    /// assert_eq!(Resource::http_invoke().to_string(), "arn:aws:states:::http:invoke");
    /// assert_eq!(Resource::parse("arn:aws:states:::http:invoke"), Resource::http_invoke());
    /// ```
    #[must_use]
    pub fn http_invoke() -> Self {
        Self::integration("http", "invoke", IntegrationPattern::RequestResponse)
    }

    /// The same resource with another integration pattern. Resources that are not service
    /// integrations are returned unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{IntegrationPattern, Resource};
    ///
    /// let callback = Resource::parse("arn:aws:states:::sqs:sendMessage").with_pattern(IntegrationPattern::WaitForTaskToken);
    /// assert_eq!(callback.to_string(), "arn:aws:states:::sqs:sendMessage.waitForTaskToken");
    /// let other = Resource::parse("${Arn}").with_pattern(IntegrationPattern::Sync);
    /// assert_eq!(other.to_string(), "${Arn}"); // not an integration: unchanged
    /// ```
    #[must_use]
    pub fn with_pattern(mut self, pattern: IntegrationPattern) -> Self {
        if let Self::Integration(integration) = &mut self {
            integration.pattern = pattern;
        }
        self
    }

    /// The service integration, if this is one.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Resource;
    ///
    /// let resource = Resource::parse("arn:aws:states:::lambda:invoke");
    /// assert_eq!(resource.as_integration().map(|call| (&*call.service, &*call.action)), Some(("lambda", "invoke")));
    /// assert!(Resource::parse("arn:aws:states:us-east-1:123456789012:activity:review").as_integration().is_none());
    /// ```
    #[must_use]
    pub fn as_integration(&self) -> Option<&ServiceIntegration> {
        match self {
            Self::Integration(integration) => Some(integration),
            _ => None,
        }
    }

    /// The integration pattern; resources other than service integrations are
    /// request-response.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{IntegrationPattern, Resource};
    ///
    /// assert_eq!(Resource::parse("arn:aws:states:::glue:startJobRun.sync").pattern(), IntegrationPattern::Sync);
    /// assert_eq!(Resource::parse("${Arn}").pattern(), IntegrationPattern::RequestResponse);
    /// ```
    #[must_use]
    pub fn pattern(&self) -> IntegrationPattern {
        self.as_integration()
            .map_or(IntegrationPattern::RequestResponse, |integration| {
                integration.pattern
            })
    }

    /// Whether the Task receives a task token (`.waitForTaskToken` or an activity).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Resource;
    ///
    /// assert!(Resource::parse("arn:aws:states:::sqs:sendMessage.waitForTaskToken").uses_task_token());
    /// assert!(Resource::parse("arn:aws:states:us-east-1:123456789012:activity:review").uses_task_token());
    /// assert!(!Resource::parse("arn:aws:states:::lambda:invoke").uses_task_token());
    /// ```
    #[must_use]
    pub fn uses_task_token(&self) -> bool {
        matches!(self, Self::Activity(_)) || self.pattern() == IntegrationPattern::WaitForTaskToken
    }

    /// Whether a Task calling this resource surely has no task token (`$$.Task.Token`): a
    /// request-response integration or a Lambda function ARN. A callback task and an
    /// activity have one, and so has a `.sync` task (AWS was recorded passing the token of
    /// a `states:startExecution.sync` task); any other text may be a placeholder for
    /// either, and so may an action with a misspelt suffix (`invoke.waitForTaskTokn`).
    pub(crate) fn lacks_task_token(&self) -> bool {
        match self {
            Self::Integration(call) => {
                call.pattern == IntegrationPattern::RequestResponse
                    && !call.action.contains(['.', '$'])
                    && !call.service.contains('$')
            }
            Self::LambdaFunction(_) => true,
            Self::Activity(_) | Self::Other(_) => false,
        }
    }

    /// Whether this is the HTTP Task resource.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Resource;
    ///
    /// assert!(Resource::parse("arn:aws:states:::http:invoke").is_http());
    /// assert!(!Resource::parse("arn:aws:states:::aws-sdk:http:invoke").is_http()); // an SDK call, not the HTTP Task
    /// ```
    #[must_use]
    pub fn is_http(&self) -> bool {
        self.as_integration().is_some_and(|integration| {
            integration.family == IntegrationFamily::Optimized
                && integration.service == "http"
                && integration.action == "invoke"
        })
    }
}
