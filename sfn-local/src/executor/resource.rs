//! How a Task's `Resource` shows in the history, and how the Task waits for it.

use sfn_dsl::model::{IntegrationFamily, IntegrationPattern, Resource};

use crate::history::{EventDetails, EventType};

/// The family of events a task resource writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// `Lambda*` events (a Lambda function ARN).
    Lambda,
    /// `Activity*` events.
    Activity,
    /// `Task*` events (service integrations and anything else).
    Task,
}

/// A task resource, classified.
#[derive(Clone, Debug)]
pub(crate) struct TaskResource {
    pub(crate) family: Family,
    /// The full resource string.
    pub(crate) arn: String,
    /// `resourceType` of `Task*` events (`lambda`, `aws-sdk:s3`).
    pub(crate) resource_type: String,
    /// `resource` of `Task*` events (`invoke`, `sendMessage.waitForTaskToken`).
    pub(crate) resource: String,
    /// Whether the task waits for a task token (callback or activity).
    pub(crate) uses_token: bool,
    /// Whether a `TaskSubmitted` event precedes the result (`.sync`, callbacks).
    pub(crate) submits: bool,
}

impl TaskResource {
    pub(crate) fn classify(resource: &Resource) -> Self {
        let arn = resource.to_string();
        match resource {
            Resource::LambdaFunction(_) => Self {
                family: Family::Lambda,
                resource_type: "lambda".into(),
                resource: arn.clone(),
                arn,
                uses_token: false,
                submits: false,
            },
            Resource::Activity(_) => Self {
                family: Family::Activity,
                resource_type: "activity".into(),
                resource: arn.clone(),
                arn,
                uses_token: true,
                submits: false,
            },
            Resource::Integration(integration) => {
                let resource_type = match integration.family {
                    IntegrationFamily::Optimized => integration.service.to_string(),
                    IntegrationFamily::AwsSdk => format!("aws-sdk:{}", integration.service),
                };
                let pattern = integration.pattern;
                Self {
                    family: Family::Task,
                    resource_type,
                    resource: format!("{}{}", integration.action, pattern.suffix()),
                    arn,
                    uses_token: pattern == IntegrationPattern::WaitForTaskToken,
                    submits: pattern != IntegrationPattern::RequestResponse,
                }
            }
            Resource::Other(text) => Self {
                family: Family::Task,
                resource_type: String::new(),
                resource: text.clone(),
                arn,
                uses_token: false,
                submits: false,
            },
        }
    }

    /// How a failure's cause names the task (`The state/task 'lambda' returned …`): a
    /// service integration by its `resourceType`, as AWS recorded for
    /// `arn:aws:states:::lambda:invoke`
    /// (`test_service_task_lambada_data_limit_exceeded_on_large_utf8_response`), anything
    /// else by its full ARN, as recorded for a Lambda function ARN
    /// (`test_task_lambda_data_limit_exceeded_on_large_utf8_response`).
    pub(crate) fn name_in_causes(&self) -> &str {
        match self.family {
            Family::Task if !self.resource_type.is_empty() => &self.resource_type,
            Family::Task | Family::Lambda | Family::Activity => &self.arn,
        }
    }

    /// The `resource`/`resourceType` details of `Task*` events.
    pub(crate) fn details(&self) -> EventDetails {
        match self.family {
            Family::Task => EventDetails {
                resource: Some(self.resource.clone()),
                resource_type: Some(self.resource_type.clone()),
                ..EventDetails::default()
            },
            Family::Lambda | Family::Activity => EventDetails::default(),
        }
    }

    pub(crate) fn scheduled(&self) -> EventType {
        match self.family {
            Family::Lambda => EventType::LambdaFunctionScheduled,
            Family::Activity => EventType::ActivityScheduled,
            Family::Task => EventType::TaskScheduled,
        }
    }

    pub(crate) fn started(&self) -> EventType {
        match self.family {
            Family::Lambda => EventType::LambdaFunctionStarted,
            Family::Activity => EventType::ActivityStarted,
            Family::Task => EventType::TaskStarted,
        }
    }

    pub(crate) fn succeeded(&self) -> EventType {
        match self.family {
            Family::Lambda => EventType::LambdaFunctionSucceeded,
            Family::Activity => EventType::ActivitySucceeded,
            Family::Task => EventType::TaskSucceeded,
        }
    }

    pub(crate) fn failed(&self) -> EventType {
        match self.family {
            Family::Lambda => EventType::LambdaFunctionFailed,
            Family::Activity => EventType::ActivityFailed,
            Family::Task => EventType::TaskFailed,
        }
    }

    pub(crate) fn timed_out(&self) -> EventType {
        match self.family {
            Family::Lambda => EventType::LambdaFunctionTimedOut,
            Family::Activity => EventType::ActivityTimedOut,
            Family::Task => EventType::TaskTimedOut,
        }
    }
}
