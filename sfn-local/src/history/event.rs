//! One event of an execution history and its AWS JSON form.

use indexmap::IndexMap;
use serde_json::{Map, Value, json};

use super::event_type::EventType;
use super::json_text::JsonText;
use crate::time::Timestamp;

/// The details of a history event. Which fields are set depends on the event type, as in
/// AWS's `GetExecutionHistory` (`stateEnteredEventDetails` has `name` and `input`,
/// `taskFailedEventDetails` has `error`, `cause`, `resource` and `resourceType`, …).
///
/// Inputs, outputs, parameters and assigned variables are kept as compact JSON text
/// ([`JsonText`]), as AWS returns them; [`JsonText::value`] reads one back.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::{EventType, Executor, Mocks};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Charge", "States": {"Charge": {
///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///     "Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "End": true}}}"#)?;
/// let execution = Executor::new(machine)
///     .mocks(Mocks::new().state("Charge", sfn_local::Mock::throws("Card.Declined", "insufficient funds")))
///     .run(json!({"amount": 12}))?;
/// let Some(failed) = execution.history.iter().find(|event| event.event_type == EventType::TaskFailed) else {
///     panic!("the task failed")
/// };
/// let details = &failed.details;
/// assert_eq!(details.error.as_deref(), Some("Card.Declined"));
/// assert_eq!(details.cause.as_deref(), Some("insufficient funds"));
/// assert_eq!((details.resource_type.as_deref(), details.resource.as_deref()), (Some("lambda"), Some("invoke")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct EventDetails {
    /// The state's name (`name`).
    pub name: Option<String>,
    /// The input of a state, execution, Lambda function or activity (`input`).
    pub input: Option<JsonText>,
    /// The output of a state, execution or task (`output`).
    pub output: Option<JsonText>,
    /// The error name (`error`).
    pub error: Option<String>,
    /// The cause (`cause`).
    pub cause: Option<String>,
    /// The resource, such as `invoke` or a Lambda ARN (`resource`).
    pub resource: Option<String>,
    /// The service of an integration, such as `lambda` or `aws-sdk:s3` (`resourceType`).
    pub resource_type: Option<String>,
    /// The region of a scheduled task (`region`).
    pub region: Option<String>,
    /// The task parameters (`parameters`).
    pub parameters: Option<JsonText>,
    /// The task timeout (`timeoutInSeconds`).
    pub timeout_in_seconds: Option<u64>,
    /// The task heartbeat interval (`heartbeatInSeconds`).
    pub heartbeat_in_seconds: Option<u64>,
    /// The index of a Map iteration (`index`).
    pub index: Option<u64>,
    /// The number of Map iterations (`length`).
    pub length: Option<u64>,
    /// Variables assigned when a state exits (`assignedVariables`).
    pub assigned_variables: Option<IndexMap<String, JsonText>>,
    /// The role of the execution (`roleArn`).
    pub role_arn: Option<String>,
    /// The state in which an evaluation failed (`state`).
    pub state: Option<String>,
    /// The field in which an evaluation failed, such as `Output/result` (`location`).
    pub location: Option<String>,
    /// The Map Run of a Distributed Map (`mapRunArn`).
    pub map_run_arn: Option<String>,
}

impl EventDetails {
    /// Whether no field is set.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::EventDetails;
    ///
    /// let mut details = EventDetails::default();
    /// assert!(details.is_empty());
    /// details.name = Some("Charge".to_owned());
    /// assert!(!details.is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The details as JSON: with `encode`, inputs and outputs are JSON text as AWS
    /// returns them; without, they are read back as values (easier to read in snapshots),
    /// except one too deep to read back, which stays text.
    pub(crate) fn to_json(&self, encode: bool) -> Map<String, Value> {
        let mut map = Map::new();
        let text = |text: &JsonText| {
            let as_text = || Value::String(text.as_str().to_owned());
            if encode {
                as_text()
            } else {
                text.value().unwrap_or_else(|_| as_text())
            }
        };
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                map.insert(key.to_owned(), value);
            }
        };
        put("name", self.name.clone().map(Value::String));
        put("roleArn", self.role_arn.clone().map(Value::String));
        put(
            "resourceType",
            self.resource_type.clone().map(Value::String),
        );
        put("resource", self.resource.clone().map(Value::String));
        put("region", self.region.clone().map(Value::String));
        put("parameters", self.parameters.as_ref().map(text));
        put("timeoutInSeconds", self.timeout_in_seconds.map(Value::from));
        put(
            "heartbeatInSeconds",
            self.heartbeat_in_seconds.map(Value::from),
        );
        put("index", self.index.map(Value::from));
        put("length", self.length.map(Value::from));
        put("mapRunArn", self.map_run_arn.clone().map(Value::String));
        if let Some(input) = &self.input {
            put("input", Some(text(input)));
            put("inputDetails", Some(json!({"truncated": false})));
        }
        if let Some(output) = &self.output {
            put("output", Some(text(output)));
            put("outputDetails", Some(json!({"truncated": false})));
        }
        if let Some(variables) = &self.assigned_variables {
            let encoded: Map<String, Value> = variables
                .iter()
                .map(|(name, value)| (name.clone(), text(value)))
                .collect();
            put("assignedVariables", Some(Value::Object(encoded)));
            put(
                "assignedVariablesDetails",
                Some(json!({"truncated": false})),
            );
        }
        put("error", self.error.clone().map(Value::String));
        put("cause", self.cause.clone().map(Value::String));
        put("state", self.state.clone().map(Value::String));
        put("location", self.location.clone().map(Value::String));
        map
    }
}

/// One event of an execution history.
///
/// # Examples
///
/// ```
/// use sfn_local::{EventType, Executor};
/// use sfn_dsl::StateMachine;
///
/// let machine = StateMachine::from_json(
///     r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
/// )?;
/// let execution = Executor::new(machine).run(serde_json::json!({"a": 1}))?;
/// let types: Vec<EventType> = execution.history.iter().map(|event| event.event_type).collect();
/// assert_eq!(types, [
///     EventType::ExecutionStarted,
///     EventType::PassStateEntered,
///     EventType::PassStateExited,
///     EventType::ExecutionSucceeded,
/// ]);
/// assert_eq!(execution.history[1].to_aws_json()["stateEnteredEventDetails"]["input"], r#"{"a":1}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct HistoryEvent {
    /// The event's number, from 1 (`id`).
    pub id: u64,
    /// The event this one follows in its branch or iteration, 0 for none
    /// (`previousEventId`).
    pub previous_event_id: u64,
    /// When it happened, in virtual time (`timestamp`).
    pub timestamp: Timestamp,
    /// What happened (`type`).
    pub event_type: EventType,
    /// The details, under the key the type names.
    pub details: Box<EventDetails>,
}

impl HistoryEvent {
    /// The event as AWS's `GetExecutionHistory` returns it: `timestamp`, `type`, `id`,
    /// `previousEventId` and the details object, with inputs and outputs as JSON text.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::Executor;
    ///
    /// let executor = Executor::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
    /// let execution = executor.run(json!({"id": 1}))?;
    /// let entered = execution.history[1].to_aws_json();
    /// assert_eq!(entered["type"], json!("PassStateEntered"));
    /// assert_eq!((&entered["id"], &entered["previousEventId"]), (&json!(2), &json!(0))); // as AWS numbers them
    /// assert_eq!(entered["stateEnteredEventDetails"]["input"], json!("{\"id\":1}")); // JSON text, as AWS
    /// # Ok::<(), sfn_local::RunError>(())
    /// ```
    #[must_use]
    pub fn to_aws_json(&self) -> Value {
        let mut map = Map::new();
        map.insert(
            "timestamp".into(),
            Value::String(self.timestamp.to_string()),
        );
        map.insert(
            "type".into(),
            Value::String(self.event_type.as_str().into()),
        );
        map.insert("id".into(), Value::from(self.id));
        map.insert(
            "previousEventId".into(),
            Value::from(self.previous_event_id),
        );
        if let Some(key) = self.event_type.details_key() {
            map.insert(key.into(), Value::Object(self.details.to_json(true)));
        }
        Value::Object(map)
    }
}
