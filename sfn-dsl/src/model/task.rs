//! The Task state.

use super::dynamic::Dynamic;
use super::handler_list::HandlerList;
use super::path::{JsonPath, Nullable, ReferencePath};
use super::payload::{Payload, PayloadObject};
use super::resource::Resource;
use super::retry::{Catcher, Retrier};
use super::state::{QueryLanguage, Transition};

/// `"Type": "Task"`: calls a Lambda function, a service integration, an activity or an
/// HTTP endpoint.
///
/// Serialization order: `Type`, `Comment`, `QueryLanguage`, `Resource`, `Credentials`,
/// `InputPath`, `Parameters`, `Arguments`, `ResultSelector`, `ResultPath`, `OutputPath`,
/// `Output`, `Assign`, `TimeoutSeconds`/`TimeoutSecondsPath`,
/// `HeartbeatSeconds`/`HeartbeatSecondsPath`, `Retry`, `Catch`, then `Next` or `End`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{IntegrationPattern, State};
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Notify",
///   "States": {"Notify": {
///     "Type": "Task",
///     "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
///     "Parameters": {"QueueUrl": "${QueueUrl}", "MessageBody": {"token.$": "$$.Task.Token"}},
///     "TimeoutSeconds": 3600,
///     "End": true
///   }}
/// }"#)?;
/// let Some(State::Task(task)) = machine.states.get("Notify") else { panic!("a Task state") };
/// assert_eq!(task.resource.pattern(), IntegrationPattern::WaitForTaskToken);
/// assert_eq!(task.timeout_seconds.as_ref().and_then(|seconds| seconds.as_literal()), Some(&3600));
/// assert!(task.parameters.is_some() && task.arguments.is_none());
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TaskState {
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
    /// Overrides the machine's query language. Serialized as `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// What the task calls. Serialized as `Resource`.
    pub resource: Resource,
    /// The role to assume for the call: an object such as `{"RoleArn": "arn:…"}` or
    /// `{"RoleArn.$": "$.role"}`. Serialized as `Credentials`.
    pub credentials: Option<Payload>,
    /// Selects part of the input (JSONPath). Serialized as `InputPath`.
    pub input_path: Option<Nullable<JsonPath>>,
    /// Builds the task input (JSONPath). Serialized as `Parameters`.
    pub parameters: Option<Payload>,
    /// The task input (JSONata). Serialized as `Arguments`.
    pub arguments: Option<Payload>,
    /// Reshapes the raw result (JSONPath). Serialized as `ResultSelector`.
    pub result_selector: Option<Payload>,
    /// Where the result goes in the input (JSONPath). Serialized as `ResultPath`.
    pub result_path: Option<Nullable<ReferencePath>>,
    /// Selects part of the output (JSONPath). Serialized as `OutputPath`.
    pub output_path: Option<Nullable<JsonPath>>,
    /// The state's output (JSONata). Serialized as `Output`.
    pub output: Option<Payload>,
    /// Variables to set. Serialized as `Assign`.
    pub assign: Option<PayloadObject>,
    /// Maximum run time in seconds. Serialized as `TimeoutSeconds` or `TimeoutSecondsPath`.
    pub timeout_seconds: Option<Dynamic<u64>>,
    /// Maximum time between heartbeats in seconds. Serialized as `HeartbeatSeconds` or
    /// `HeartbeatSecondsPath`.
    pub heartbeat_seconds: Option<Dynamic<u64>>,
    /// Retry policy, in order. Serialized as `Retry` (an empty array is kept).
    pub retry: Option<HandlerList<Retrier>>,
    /// Fallback states, in order. Serialized as `Catch` (an empty array is kept).
    pub catch: Option<HandlerList<Catcher>>,
    /// `Next` or `End`.
    pub transition: Transition,
}

impl TaskState {
    /// A task calling `resource` that ends the machine; set the other fields as needed.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{TaskState, Transition};
    ///
    /// let task = TaskState::new("arn:aws:states:::lambda:invoke");
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::lambda:invoke");
    /// assert_eq!(task.transition, Transition::End);
    /// ```
    #[must_use]
    pub fn new(resource: impl Into<Resource>) -> Self {
        Self {
            comment: None,
            query_language: None,
            resource: resource.into(),
            credentials: None,
            input_path: None,
            parameters: None,
            arguments: None,
            result_selector: None,
            result_path: None,
            output_path: None,
            output: None,
            assign: None,
            timeout_seconds: None,
            heartbeat_seconds: None,
            retry: None,
            catch: None,
            transition: Transition::End,
        }
    }
}
