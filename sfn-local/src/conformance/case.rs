//! One recorded execution: its input, recorded outcome, the states it entered and what its
//! events show about the tasks.

use std::collections::HashMap;

use serde_json::Value;

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
    /// Each state entered, with the `Type` its entered event shows (`Pass` for
    /// `PassStateEntered`).
    pub(crate) entered_types: Vec<(String, String)>,
    pub(crate) events: Vec<Value>,
}

/// A task the recording scheduled: which state, and what its events say about the
/// resource.
#[derive(Clone, Debug)]
pub(crate) struct Scheduled {
    pub(crate) state: String,
    kind: ScheduledKind,
}

#[derive(Clone, Debug)]
enum ScheduledKind {
    Lambda,
    Activity,
    Task {
        resource_type: String,
        resource: String,
    },
}

impl Scheduled {
    /// Whether a template's `Resource` could have written this event: a placeholder the
    /// test filled in, or a resource of the same kind.
    pub(crate) fn could_come_from(&self, resource: &str) -> bool {
        if !resource.starts_with("arn:") {
            return true;
        }
        let classified = crate::executor::resource::TaskResource::classify(
            &sfn_dsl::model::Resource::parse(resource),
        );
        match &self.kind {
            ScheduledKind::Lambda => classified.family == crate::executor::resource::Family::Lambda,
            ScheduledKind::Activity => {
                classified.family == crate::executor::resource::Family::Activity
            }
            ScheduledKind::Task {
                resource_type,
                resource,
            } => {
                classified.family == crate::executor::resource::Family::Task
                    && classified.resource_type == *resource_type
                    && classified.resource == *resource
            }
        }
    }
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
                    crate::data::read_json(text).unwrap_or(input)
                }
                _ => input,
            });
        let event_types: Vec<String> = events
            .iter()
            .filter_map(|event| event.get("type").and_then(Value::as_str).map(str::to_owned))
            .collect();
        let entered_types: Vec<(String, String)> = events
            .iter()
            .filter_map(|event| {
                let state_type = event
                    .get("type")
                    .and_then(Value::as_str)?
                    .strip_suffix("StateEntered")?;
                let name = event
                    .get("stateEnteredEventDetails")?
                    .get("name")?
                    .as_str()?;
                Some((name.to_owned(), state_type.to_owned()))
            })
            .collect();
        let entered = entered_types.iter().map(|(name, _)| name.clone()).collect();
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
            entered_types,
            events,
        })
    }
}

/// The Task state an event belongs to: follow `previousEventId` back to the entered event.
pub(super) fn owning_state(event: &Value, by_id: &HashMap<u64, &Value>) -> Option<String> {
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
    /// The events owned by `state` (see [`owning_state`]), in order.
    fn events_of<'h>(&'h self, state: &'h str) -> impl Iterator<Item = &'h Value> + 'h {
        let by_id: HashMap<u64, &Value> = self
            .events
            .iter()
            .filter_map(|event| Some((event.get("id")?.as_u64()?, event)))
            .collect();
        self.events
            .iter()
            .filter(move |event| owning_state(event, &by_id).as_deref() == Some(state))
    }

    /// The errors of the recorded task failures of `state`, in order.
    pub(crate) fn task_errors(&self, state: &str) -> Vec<String> {
        self.events_of(state)
            .filter_map(|event| {
                let kind = event.get("type")?.as_str()?;
                if kind.ends_with("TimedOut") {
                    return Some("States.Timeout".to_owned());
                }
                if !kind.ends_with("Failed") || kind.ends_with("StateFailed") {
                    return None;
                }
                let details = event.get(format!("{}EventDetails", lower_first(kind)))?;
                Some(details.get("error")?.as_str()?.to_owned())
            })
            .collect()
    }

    /// The parameters recorded when `state` first scheduled its task.
    pub(crate) fn task_parameters(&self, state: &str) -> Option<Value> {
        self.events_of(state).find_map(|event| {
            event
                .get("taskScheduledEventDetails")?
                .get("parameters")
                .cloned()
        })
    }

    /// The value `state` assigned to `variable` when it exited, as recorded.
    pub(crate) fn assigned(&self, state: &str, variable: &str) -> Option<Value> {
        self.events.iter().find_map(|event| {
            let details = event.get("stateExitedEventDetails")?;
            if details.get("name")?.as_str()? != state {
                return None;
            }
            match details.get("assignedVariables")?.get(variable)? {
                // The recorder keeps scalars as the JSON text AWS returns.
                Value::String(text) => serde_json::from_str(text).ok(),
                other => Some(other.clone()),
            }
        })
    }

    /// The output recorded when `state` first exited.
    pub(crate) fn exit_output(&self, state: &str) -> Option<Value> {
        self.events.iter().find_map(|event| {
            let details = event.get("stateExitedEventDetails")?;
            if details.get("name")?.as_str()? != state {
                return None;
            }
            match details.get("output")? {
                // The recorder keeps scalars as the JSON text AWS returns.
                Value::String(text) => serde_json::from_str(text).ok(),
                other => Some(other.clone()),
            }
        })
    }

    /// Every recorded cause (of failure, evaluation and execution events).
    pub(crate) fn causes(&self) -> impl Iterator<Item = &str> {
        self.events.iter().filter_map(|event| {
            let details = event
                .as_object()?
                .iter()
                .find(|(key, _)| key.ends_with("EventDetails"))?
                .1;
            details.get("cause")?.as_str()
        })
    }

    /// The tasks the recording scheduled, with their states.
    pub(crate) fn scheduled(&self) -> Vec<Scheduled> {
        let by_id: HashMap<u64, &Value> = self
            .events
            .iter()
            .filter_map(|event| Some((event.get("id")?.as_u64()?, event)))
            .collect();
        self.events
            .iter()
            .filter_map(|event| {
                let kind = match event.get("type")?.as_str()? {
                    "LambdaFunctionScheduled" => ScheduledKind::Lambda,
                    "ActivityScheduled" => ScheduledKind::Activity,
                    "TaskScheduled" => {
                        let details = event.get("taskScheduledEventDetails")?;
                        ScheduledKind::Task {
                            resource_type: details.get("resourceType")?.as_str()?.to_owned(),
                            resource: details.get("resource")?.as_str()?.to_owned(),
                        }
                    }
                    _ => return None,
                };
                Some(Scheduled {
                    state: owning_state(event, &by_id)?,
                    kind,
                })
            })
            .collect()
    }

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

pub(super) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
