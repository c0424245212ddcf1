//! One recorded execution: its template, input, recorded outcome and the task results
//! that serve as mocks.

use std::collections::HashMap;

use serde_json::Value;
use sfn_dsl::StateMachine;

use super::python_json;
use crate::mock::{Mock, Mocks, Response};

/// How a recorded execution ended.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Recorded {
    Succeeded(Value),
    Failed {
        error: Option<String>,
        cause: Option<Value>,
    },
    TimedOut,
    Aborted,
    /// The history was captured before the execution ended.
    Running,
}

/// A recorded execution history.
#[derive(Clone, Debug)]
pub(crate) struct History {
    pub(crate) input: Value,
    pub(crate) event_types: Vec<String>,
    pub(crate) outcome: Recorded,
    pub(crate) entered: Vec<String>,
    pub(crate) events: Vec<Value>,
}

fn details<'e>(event: &'e Value, key: &str) -> Option<&'e Value> {
    event.get(key)
}

impl History {
    /// Reads `{"events": [...]}`.
    pub(crate) fn from_value(value: &Value) -> Option<Self> {
        let mut events = value.get("events")?.as_array()?.clone();
        // `reverseOrder` histories list the newest event first.
        let id = |event: &Value| event.get("id").and_then(Value::as_u64);
        if events.len() > 1 && id(&events[0]) > id(&events[events.len() - 1]) {
            events.reverse();
        }
        let first = events.first()?;
        let input = details(first, "executionStartedEventDetails")
            .and_then(|details| details.get("input"))
            .cloned()
            .map_or(Value::Null, |input| match &input {
                // The recorder kept some inputs as the JSON text AWS returns.
                Value::String(text) if text.starts_with(['[', '{']) => {
                    serde_json::from_str(text).unwrap_or(input)
                }
                _ => input,
            });
        let event_types: Vec<String> = events
            .iter()
            .filter_map(|event| event.get("type").and_then(Value::as_str).map(str::to_owned))
            .collect();
        let entered = events
            .iter()
            .filter(|event| {
                event
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|kind| kind.ends_with("StateEntered"))
            })
            .filter_map(|event| {
                event
                    .get("stateEnteredEventDetails")
                    .and_then(|details| details.get("name"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .collect();
        let last = events.last()?;
        let outcome = match last.get("type").and_then(Value::as_str) {
            Some("ExecutionSucceeded") => Recorded::Succeeded(
                details(last, "executionSucceededEventDetails")
                    .and_then(|details| details.get("output"))
                    .cloned()
                    .unwrap_or(Value::Null),
            ),
            Some("ExecutionFailed") => {
                let failed = details(last, "executionFailedEventDetails");
                Recorded::Failed {
                    error: failed
                        .and_then(|details| details.get("error"))
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    cause: failed.and_then(|details| details.get("cause")).cloned(),
                }
            }
            Some("ExecutionTimedOut") => Recorded::TimedOut,
            Some("ExecutionAborted") => Recorded::Aborted,
            _ => Recorded::Running,
        };
        Some(Self {
            input,
            event_types,
            outcome,
            entered,
            events,
        })
    }

    /// The recorded task results, per Task state, in order: the mocks that replay them.
    pub(crate) fn mocks(&self) -> Mocks {
        let by_id: HashMap<u64, &Value> = self
            .events
            .iter()
            .filter_map(|event| Some((event.get("id")?.as_u64()?, event)))
            .collect();
        let mut responses: Vec<(String, Vec<Response>)> = Vec::new();
        for event in &self.events {
            let Some(kind) = event.get("type").and_then(Value::as_str) else {
                continue;
            };
            let Some(response) = response_of(kind, event) else {
                continue;
            };
            let Some(state) = owning_state(event, &by_id) else {
                continue;
            };
            match responses.iter_mut().find(|(name, _)| *name == state) {
                Some((_, list)) => list.push(response),
                None => responses.push((state, vec![response])),
            }
        }
        responses
            .into_iter()
            .fold(Mocks::new(), |mocks, (state, list)| {
                mocks.state(state, Mock::sequence(list))
            })
    }
}

/// The response a task event records, if it is a task outcome.
fn response_of(kind: &str, event: &Value) -> Option<Response> {
    let key = |name: &str| -> Option<&Value> { event.get(name) };
    match kind {
        "LambdaFunctionSucceeded" | "TaskSucceeded" | "ActivitySucceeded" => {
            let details_key = format!("{}EventDetails", lower_first(kind));
            Some(Response::Return(
                key(&details_key)?
                    .get("output")
                    .cloned()
                    .unwrap_or(Value::Null),
            ))
        }
        "LambdaFunctionFailed" | "TaskFailed" | "ActivityFailed" => {
            let details_key = format!("{}EventDetails", lower_first(kind));
            let details = key(&details_key)?;
            let error = details
                .get("error")
                .and_then(Value::as_str)
                .unwrap_or_default();
            // Lambda functions called by ARN report their error payload as Python
            // writes JSON; service integrations re-encode it compactly.
            let cause = details.get("cause").map(|cause| match cause {
                Value::String(text) => text.clone(),
                other if kind == "LambdaFunctionFailed" => python_json::dumps(other),
                other => other.to_string(),
            });
            Some(Response::Throw {
                error: error.to_owned(),
                cause,
            })
        }
        "LambdaFunctionTimedOut" | "TaskTimedOut" | "ActivityTimedOut" => {
            Some(Response::NoResponse)
        }
        _ => None,
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The Task state an event belongs to: follow `previousEventId` back to the entered event.
fn owning_state(event: &Value, by_id: &HashMap<u64, &Value>) -> Option<String> {
    let mut current = event;
    for _ in 0..10_000 {
        if current.get("type").and_then(Value::as_str) == Some("TaskStateEntered") {
            return current
                .get("stateEnteredEventDetails")?
                .get("name")?
                .as_str()
                .map(str::to_owned);
        }
        let previous = current.get("previousEventId")?.as_u64()?;
        current = by_id.get(&previous)?;
    }
    None
}

impl History {
    /// The resource a recorded Task state called, rebuilt from its scheduled event
    /// (masks replaced by plausible values), for templates whose `Resource` the test
    /// filled in before running.
    pub(crate) fn recorded_resource(&self, state: &str) -> Option<String> {
        let by_id: HashMap<u64, &Value> = self
            .events
            .iter()
            .filter_map(|event| Some((event.get("id")?.as_u64()?, event)))
            .collect();
        self.events.iter().find_map(|event| {
            let kind = event.get("type")?.as_str()?;
            let resource = match kind {
                "ActivityScheduled" => {
                    "arn:aws:states:us-east-1:111111111111:activity:recorded".to_owned()
                }
                "LambdaFunctionScheduled" => {
                    let resource = event
                        .get("lambdaFunctionScheduledEventDetails")?
                        .get("resource")?
                        .as_str()?;
                    if resource.starts_with("arn:") {
                        resource.to_owned()
                    } else {
                        "arn:aws:lambda:us-east-1:111111111111:function:recorded".to_owned()
                    }
                }
                "TaskScheduled" => {
                    let details = event.get("taskScheduledEventDetails")?;
                    format!(
                        "arn:aws:states:::{}:{}",
                        details.get("resourceType")?.as_str()?,
                        details.get("resource")?.as_str()?
                    )
                }
                _ => return None,
            };
            (owning_state(event, &by_id).as_deref() == Some(state)).then(|| unmask(&resource))
        })
    }
}

/// Replaces `<partition>`, `<region>` and other masks in an ARN with plausible values.
fn unmask(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(match &rest[start + 1..start + end] {
            "partition" => "aws",
            "region" => "us-east-1",
            _ => "masked",
        });
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Picks the template the recording ran: the one defining every state it entered, with
/// its `StartAt` entered first.
pub(crate) fn choose_template<'t>(
    candidates: &'t [(String, StateMachine)],
    history: &History,
) -> Option<&'t (String, StateMachine)> {
    if candidates.len() == 1 {
        return candidates.first();
    }
    candidates.iter().find(|(_, machine)| {
        let names: Vec<&str> = machine
            .all_states()
            .into_iter()
            .map(|(name, _)| name.as_str())
            .collect();
        history.entered.first().map(String::as_str) == Some(machine.start_at.as_str())
            && history
                .entered
                .iter()
                .all(|name| names.contains(&name.as_str()))
    })
}
