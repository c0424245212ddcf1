//! Typed task integrations: each type describes one AWS API call, with the `Resource` it
//! uses and its request fields, written as `Parameters` (JSONPath) or `Arguments`
//! (JSONata) when the machine is built.
//!
//! Use them with [`TaskState::call`](crate::model::TaskState::call). Implement
//! [`Integration`] to add your own.

pub mod agentcore;
pub mod apigateway;
pub mod athena;
pub mod batch;
pub mod bedrock;
pub mod codebuild;
pub mod dynamodb;
pub mod ecs;
pub mod eks;
pub mod emr;
pub mod eventbridge;
pub mod glue;
pub mod http;
pub mod lambda;
pub mod sagemaker;
pub mod sdk;
pub mod sns;
pub mod sqs;
pub mod step_functions;

use super::arg::Request;
use crate::model::Resource;

/// A call a Task state makes: its `Resource` and its request.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
/// use sfn_dsl::model::{IntegrationPattern, Resource};
///
/// /// Runs a Glue DataBrew job and waits for it.
/// struct StartJobRun { job: String }
///
/// impl Integration for StartJobRun {
///     fn resource(&self) -> Resource {
///         Resource::integration("databrew", "startJobRun", IntegrationPattern::Sync)
///     }
///     fn into_request(self) -> Request {
///         Request::new().field("Name", self.job)
///     }
/// }
///
/// let clean = TaskState::call("Clean", StartJobRun { job: "dedupe-customers".into() });
/// let machine = StateMachine::builder().start(clean).build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Clean"]["Parameters"],
///     json!({"Name": "dedupe-customers"})
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
pub trait Integration {
    /// The task's `Resource`.
    fn resource(&self) -> Resource;

    /// The request, in field order.
    fn into_request(self) -> Request;
}

/// An integration whose service can pause for a callback (`.waitForTaskToken`): Lambda,
/// SNS, SQS, EventBridge, ECS, Step Functions, API Gateway and the AWS SDK integrations,
/// after AWS's table of optimized integrations and each service's page. Patterns that wait for a task token, such as
/// [`HumanApproval`](crate::patterns::HumanApproval), take only these; implement it for
/// an integration of your own whose service supports callbacks.
///
/// # Examples
///
/// ```
/// use sfn_dsl::patterns::HumanApproval;
/// use sfn_dsl::prelude::*;
///
/// let ask = sqs::SendMessage::new("${Queue}", Arg::object(Request::new().field("token", Arg::task_token())));
/// let approval = HumanApproval::new("Approve", ask);
/// # let _ = approval;
/// ```
///
/// DynamoDB cannot wait for a callback, so it cannot ask for an approval:
///
/// ```compile_fail
/// use sfn_dsl::patterns::HumanApproval;
/// use sfn_dsl::prelude::*;
///
/// let write = dynamodb::PutItem::new("Approvals", Arg::object(Request::new()));
/// let approval = HumanApproval::new("Approve", write);
/// ```
pub trait SupportsCallback: Integration {}

impl SupportsCallback for lambda::Invoke {}
impl SupportsCallback for sns::Publish {}
impl SupportsCallback for sqs::SendMessage {}
impl SupportsCallback for eventbridge::PutEvents {}
impl SupportsCallback for ecs::RunTask {}
impl SupportsCallback for step_functions::StartExecution {}
impl SupportsCallback for sdk::AwsSdk {}
impl SupportsCallback for apigateway::Invoke {}

/// Defines a request type for one optimized integration: the struct, its
/// [`Integration`] impl and a generic `field` setter. `$example` is the Rust source of a
/// minimal request, for the generated setters' doctests.
macro_rules! request_type {
    ($(#[$meta:meta])* $name:ident, $service:literal, $action:literal, $example:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        #[must_use]
        pub struct $name {
            request: $crate::builder::Request,
            pattern: $crate::model::IntegrationPattern,
        }

        impl $crate::builder::Integration for $name {
            fn resource(&self) -> $crate::model::Resource {
                $crate::model::Resource::integration($service, $action, self.pattern)
            }

            fn into_request(self) -> $crate::builder::Request {
                self.request
            }
        }

        impl $name {
            fn from_request(request: $crate::builder::Request) -> Self {
                Self {
                    request,
                    pattern: $crate::model::IntegrationPattern::RequestResponse,
                }
            }

            #[allow(
                dead_code,
                reason = "not every integration has a setter of its own"
            )]
            fn with(mut self, key: &'static str, value: impl Into<$crate::builder::Arg>) -> Self {
                self.request.set_static(key, value);
                self
            }

            /// Adds or replaces any request field, for fields without a setter of their
            /// own.
            ///
            #[doc = concat!(
                "# Examples\n\n```\nuse serde_json::json;\nuse sfn_dsl::prelude::*;\n\n",
                "let call = ", $example, "\n    .field(\"Extra\", Arg::input_field(\"extra\"));\n",
                "let machine = StateMachine::builder().start(TaskState::call(\"Call\", call)).build()?;\n",
                "assert_eq!(\n    machine.to_value()[\"States\"][\"Call\"][\"Parameters\"][\"Extra.$\"],\n    json!(\"$.extra\")\n);\n",
                "# Ok::<(), sfn_dsl::Error>(())\n```"
            )]
            pub fn field(
                mut self,
                key: impl Into<String>,
                value: impl Into<$crate::builder::Arg>,
            ) -> Self {
                self.request.set(key, value);
                self
            }
        }
    };
}

/// `.wait_for_task_token()` for integrations that support callbacks; `$example` as in
/// `request_type!`.
macro_rules! wait_for_task_token {
    ($example:literal) => {
        /// Pauses until `SendTaskSuccess` or `SendTaskFailure` is called with the task
        /// token (pass it on with [`Arg::task_token`](crate::builder::Arg::task_token)).
        /// Appends `.waitForTaskToken` to the resource.
        ///
        #[doc = $crate::builder::integration::pattern_example!($example, "wait_for_task_token", ".waitForTaskToken")]
        pub fn wait_for_task_token(mut self) -> Self {
            self.pattern = $crate::model::IntegrationPattern::WaitForTaskToken;
            self
        }
    };
}

/// `.wait_for_completion()` for integrations that can run a job synchronously; `$example`
/// as in `request_type!`.
macro_rules! wait_for_completion {
    ($pattern:ident, $suffix:literal, $example:literal) => {
        #[doc = concat!("Waits for the job to finish before the task completes. Appends `", $suffix, "` to the resource.")]
        ///
        #[doc = $crate::builder::integration::pattern_example!($example, "wait_for_completion", $suffix)]
        pub fn wait_for_completion(mut self) -> Self {
            self.pattern = $crate::model::IntegrationPattern::$pattern;
            self
        }
    };
}

/// The `# Examples` section of a pattern setter: `$example.$method()` gives a resource
/// ending in `$suffix`.
macro_rules! pattern_example {
    ($example:literal, $method:literal, $suffix:literal) => {
        concat!(
            "# Examples\n\n```\nuse serde_json::json;\nuse sfn_dsl::prelude::*;\n\n",
            "let call = ", $example, "\n    .", $method, "();\n",
            "let machine = StateMachine::builder().start(TaskState::call(\"Call\", call)).build()?;\n",
            "let resource = &machine.to_value()[\"States\"][\"Call\"][\"Resource\"];\n",
            "assert!(resource.as_str().is_some_and(|arn| arn.ends_with(\"", $suffix, "\")));\n",
            "# Ok::<(), sfn_dsl::Error>(())\n```"
        )
    };
}

/// The `# Examples` section of a request setter: `$example` followed by `$call` writes
/// `$expected` (the tokens of a `json!` value) under `$key` in `Parameters`.
macro_rules! parameter_example {
    ($example:literal, $call:literal, $key:literal, $expected:literal) => {
        concat!(
            "# Examples\n\n```\nuse serde_json::json;\nuse sfn_dsl::prelude::*;\n\n",
            "let call = ", $example, "\n    ", $call, ";\n",
            "let machine = StateMachine::builder().start(TaskState::call(\"Call\", call)).build()?;\n",
            "let parameters = &machine.to_value()[\"States\"][\"Call\"][\"Parameters\"];\n",
            "assert_eq!(parameters[\"", $key, "\"], json!(", $expected, "));\n",
            "# Ok::<(), sfn_dsl::Error>(())\n```"
        )
    };
}

pub(crate) use {
    parameter_example, pattern_example, request_type, wait_for_completion, wait_for_task_token,
};
