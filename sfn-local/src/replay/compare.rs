//! Comparing the local history with the recorded one: event by event, except among the
//! events of Parallel and Map states, whose branches and iterations run concurrently and
//! are compared in any order.

use serde_json::Value;

use super::{Divergence, EventSummary};
use crate::conformance::compare::matches;
use crate::conformance::order::{self, CONCURRENCY_ENDS, CONCURRENCY_STARTS, Unpaired};

/// The first event where the two histories differ: type, state, carried data or request.
pub(super) fn diverge(recorded: &[Value], local: &[Value]) -> Option<Divergence> {
    let mut position = 0;
    loop {
        let left = recorded.get(position);
        let right = local.get(position);
        match (left, right) {
            (None, None) => return None,
            (Some(left), Some(right)) if same_event(left, right) => {
                position += 1;
                continue;
            }
            _ => {}
        }
        // The histories agree up to `position`; if it lies among the events of a Parallel
        // or Map state, compare that state's events regardless of order.
        let Some(start) = concurrent_start(recorded, position) else {
            return Some(Divergence {
                recorded: left.map(|event| summarize(position, event)),
                local: right.map(|event| summarize(position, event)),
                concurrent_state: None,
            });
        };
        let recorded_end = concurrent_end(recorded, start);
        let local_end = concurrent_end(local, start);
        let recorded_run = recorded.get(start..recorded_end).unwrap_or_default();
        let local_run = local.get(start..local_end).unwrap_or_default();
        let unpaired = order::pair_unordered(recorded_run, local_run, key, key, same_event);
        let concurrent_state = recorded
            .get(..start)
            .and_then(|before| {
                before.iter().rev().find(|event| {
                    matches!(
                        event_type(event),
                        "ParallelStateEntered" | "MapStateEntered"
                    )
                })
            })
            .and_then(state_name);
        match unpaired {
            Unpaired::None => position = recorded_end,
            Unpaired::Recorded(index, counterpart) => {
                return Some(Divergence {
                    recorded: recorded_run
                        .get(index)
                        .map(|event| summarize(start + index, event)),
                    local: counterpart.and_then(|local_index| {
                        local_run
                            .get(local_index)
                            .map(|event| summarize(start + local_index, event))
                    }),
                    concurrent_state,
                });
            }
            Unpaired::Local(index) => {
                return Some(Divergence {
                    recorded: None,
                    local: local_run
                        .get(index)
                        .map(|event| summarize(start + index, event)),
                    concurrent_state,
                });
            }
        }
    }
}

/// The index of the first event of the outermost Parallel or Map run of concurrent events
/// that event `position` lies in (the event after its `…StateStarted`).
fn concurrent_start(events: &[Value], position: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut start = None;
    for (index, event) in events.iter().enumerate().take(position) {
        let kind = event_type(event);
        if CONCURRENCY_STARTS.contains(&kind) {
            if depth == 0 {
                start = Some(index + 1);
            }
            depth += 1;
        } else if CONCURRENCY_ENDS.contains(&kind) && depth > 0 {
            depth -= 1;
        }
    }
    start.filter(|_| depth > 0)
}

/// The index just after the event that closes the run of concurrent events starting at
/// `start` (the end of the history when the run never closes).
fn concurrent_end(events: &[Value], start: usize) -> usize {
    let mut depth = 1usize;
    for (index, event) in events.iter().enumerate().skip(start) {
        let kind = event_type(event);
        if CONCURRENCY_STARTS.contains(&kind) {
            depth += 1;
        } else if CONCURRENCY_ENDS.contains(&kind) {
            depth -= 1;
            if depth == 0 {
                return index + 1;
            }
        }
    }
    events.len()
}

fn event_type(event: &Value) -> &str {
    event
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// What events are grouped by when paired regardless of order: type and state.
fn key(event: &Value) -> (String, Option<String>) {
    (event_type(event).to_owned(), state_name(event))
}

fn details(event: &Value) -> Option<&Value> {
    event
        .as_object()?
        .iter()
        .find(|(key, _)| key.ends_with("EventDetails"))
        .map(|(_, details)| details)
}

fn state_name(event: &Value) -> Option<String> {
    details(event)?.get("name")?.as_str().map(str::to_owned)
}

/// Whether two events are the same: type, and what they carry (state, output, error,
/// cause), and for scheduled tasks what was sent (parameters or input, resource, region).
fn same_event(recorded: &Value, local: &Value) -> bool {
    if recorded.get("type") != local.get("type") {
        return false;
    }
    let (Some(left), Some(right)) = (details(recorded), details(local)) else {
        return true;
    };
    let carried = ["name", "output", "error", "cause"].iter().all(|field| {
        match (left.get(*field), right.get(*field)) {
            (Some(left), Some(right)) => matches(left, right),
            (None, _) => true,
            (Some(_), None) => false,
        }
    });
    // Only what both sides record: an exported history may lack fields a local one has.
    let scheduled = event_type(recorded).ends_with("Scheduled");
    let sent = !scheduled
        || REQUEST_FIELDS
            .iter()
            .all(|field| match (left.get(*field), right.get(*field)) {
                (Some(left), Some(right)) => same_request(left, right),
                _ => true,
            });
    carried && sent
}

/// The fields of a scheduled event (`TaskScheduled`, `LambdaFunctionScheduled`,
/// `ActivityScheduled`) that describe what the task sends.
const REQUEST_FIELDS: &[&str] = &["parameters", "input", "resource", "resourceType", "region"];

/// Whether the local request is the recorded one. A task token the local run issued stands
/// for the one AWS issued: a replay cannot know it in advance.
fn same_request(recorded: &Value, local: &Value) -> bool {
    match (recorded, local) {
        (Value::String(_), Value::String(token)) if crate::executor::is_local_task_token(token) => {
            true
        }
        (Value::Object(left), Value::Object(right)) => {
            left.len() == right.len()
                && left.iter().all(|(key, value)| {
                    right
                        .get(key)
                        .is_some_and(|other| same_request(value, other))
                })
        }
        (Value::Array(left), Value::Array(right)) => {
            left.len() == right.len()
                && left
                    .iter()
                    .zip(right)
                    .all(|(left, right)| same_request(left, right))
        }
        _ => matches(recorded, local),
    }
}

/// The event at `index` (from 0) for a report.
pub(super) fn summarize(index: usize, event: &Value) -> EventSummary {
    let event_type = event_type(event).to_owned();
    let details = details(event);
    let state = details
        .and_then(|details| details.get("name"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let shown: &[&str] = if event_type.ends_with("Scheduled") {
        &["resourceType", "resource", "region", "parameters", "input"]
    } else {
        &["input", "output", "error", "cause"]
    };
    let detail = details.and_then(|details| {
        let parts: Vec<String> = shown
            .iter()
            .filter_map(|field| {
                details
                    .get(*field)
                    .map(|value| format!("{field}={}", compact(value)))
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    EventSummary {
        position: index + 1,
        event_type,
        state,
        detail,
    }
}

/// How many characters of a value a report shows.
const SHOWN_CHARACTERS: usize = 200;

fn compact(value: &Value) -> String {
    let text = match value {
        Value::String(text) => serde_json::from_str::<Value>(text)
            .map_or_else(|_| text.clone(), |parsed| parsed.to_string()),
        other => other.to_string(),
    };
    if text.chars().count() > SHOWN_CHARACTERS {
        text.chars().take(SHOWN_CHARACTERS).collect::<String>() + "…"
    } else {
        text
    }
}
