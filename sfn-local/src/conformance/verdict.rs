//! The verdict on one run: whether a recording can be replayed at all, and how the local
//! run compares with it (outcome, output or error and cause, and event types).

use serde_json::Value;
use sfn_dsl::StateMachine;

use super::case::{History, Recorded};
use super::{compare, events, order};
use crate::result::{Execution, ExecutionStatus};

/// Why a recording cannot be replayed, if it cannot.
pub(super) fn not_runnable(
    history: &History,
    input: &Value,
    machine: &StateMachine,
) -> Option<String> {
    if history.outcome == Recorded::Aborted {
        return Some("the test stopped the execution (ExecutionAborted)".to_owned());
    }
    if contains_mask(input) && machine.to_json().contains("Timestamp") {
        return Some(
            "the recorded input is masked: a placeholder stands for the timestamp the test used"
                .to_owned(),
        );
    }
    let text = machine.to_json();
    if let Some(placeholder) = leftover_placeholder(&text) {
        return Some(format!(
            "the test replaced the template's {placeholder} with a value of its own, which the recording does not show"
        ));
    }
    if let Some(reason) = replaced_items(history, machine) {
        return Some(reason);
    }
    if let Some(pointer) = tbd_pointer(&machine.to_value(), &mut String::new()) {
        return Some(format!(
            "the test filled in the template's `_tbd_` value at {pointer} from its own parameter table; the recording does not show it"
        ));
    }
    None
}

/// A Map state whose literal `Items` the recording contradicts: the test replaced them
/// (recorded: `test_base_map[ITEMS]` iterates three items where the template lists one),
/// and the recording shows the items but not whether an expression produced them.
fn replaced_items(history: &History, machine: &StateMachine) -> Option<String> {
    let mut entered: Option<&str> = None;
    for event in &history.events {
        let kind = event.get("type").and_then(Value::as_str);
        if kind == Some("MapStateEntered") {
            entered = event
                .get("stateEnteredEventDetails")
                .and_then(|details| details.get("name"))
                .and_then(Value::as_str);
        }
        if kind != Some("MapStateStarted") {
            continue;
        }
        let length = event
            .get("mapStateStartedEventDetails")
            .and_then(|details| details.get("length"))
            .and_then(Value::as_u64);
        let (Some(name), Some(length)) = (entered, length) else {
            continue;
        };
        let listed = machine
            .all_states()
            .into_iter()
            .find_map(|(state_name, state)| match state {
                sfn_dsl::State::Map(map)
                    if state_name.as_str() == name && !map.is_distributed() =>
                {
                    match &map.items {
                        Some(sfn_dsl::model::Payload::Array(items)) => Some(items.len()),
                        _ => None,
                    }
                }
                _ => None,
            });
        if let Some(listed) = listed
            && listed as u64 != length
        {
            return Some(format!(
                "the test replaced the Items of Map state `{name}` (the recording iterates {length}, the template lists {listed}); the recording does not show how they were written"
            ));
        }
    }
    None
}

/// The JSON pointer of a `_tbd_` value left in a definition, if any.
fn tbd_pointer(value: &Value, pointer: &mut String) -> Option<String> {
    match value {
        Value::String(_) if super::repair::is_tbd(value) => Some(pointer.clone()),
        Value::Array(items) => items.iter().enumerate().find_map(|(index, item)| {
            let length = pointer.len();
            pointer.push('/');
            pointer.push_str(&index.to_string());
            let found = tbd_pointer(item, pointer);
            pointer.truncate(length);
            found
        }),
        Value::Object(map) => map.iter().find_map(|(key, item)| {
            let length = pointer.len();
            pointer.push('/');
            pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            let found = tbd_pointer(item, pointer);
            pointer.truncate(length);
            found
        }),
        _ => None,
    }
}

/// A `%NAME%` placeholder left in a definition, if any.
fn leftover_placeholder(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(start) = rest.find('%') {
        let after = &rest[start + 1..];
        let end = after.find('%')?;
        let name = &after[..end];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            return Some(&rest[start..start + end + 2]);
        }
        rest = after;
    }
    None
}

/// Whether a recorded string is a mask the recorder put in place of a value.
pub(super) fn is_masked(text: &str) -> bool {
    text.starts_with('<') && text.ends_with('>') && text.len() > 2 || compare::is_whole_mask(text)
}

fn contains_mask(value: &Value) -> bool {
    match value {
        Value::String(text) => is_masked(text),
        Value::Array(items) => items.iter().any(contains_mask),
        Value::Object(map) => map.values().any(contains_mask),
        _ => false,
    }
}

/// Why the local run cannot be compared, if it read what the recording does not show:
/// the S3 objects a Distributed Map reads (the conformance runs give the executor an
/// opaque object store, so such a read fails with a cause of its own).
pub(super) fn needed_unknown_data(execution: &Execution) -> Option<String> {
    execution
        .history
        .iter()
        .any(|event| {
            event
                .details
                .cause
                .as_deref()
                .is_some_and(|cause| cause.contains(crate::objects::OPAQUE))
        })
        .then(|| {
            "the Map reads S3 objects the test created; their contents are not recorded".to_owned()
        })
}

/// Compares a local run with the recording.
pub(super) fn compare(
    history: &History,
    execution: &Execution,
    machine: &StateMachine,
) -> Result<(), String> {
    let local_status = execution.status;
    match &history.outcome {
        Recorded::Succeeded(output) => {
            if local_status != ExecutionStatus::Succeeded {
                return Err(format!(
                    "recorded SUCCEEDED, local {local_status} ({}: {})",
                    execution.error.as_deref().unwrap_or("-"),
                    execution.cause.as_deref().unwrap_or("-")
                ));
            }
            let local = execution.output.clone().unwrap_or(Value::Null);
            if !compare::matches(output, &local) {
                return Err(format!("output differs: recorded {output}, local {local}"));
            }
        }
        Recorded::Failed { error, cause } => {
            if local_status != ExecutionStatus::Failed {
                return Err(format!(
                    "recorded FAILED ({}), local {local_status}",
                    error.as_deref().unwrap_or("-")
                ));
            }
            if error != &execution.error {
                return Err(format!(
                    "error differs: recorded {error:?}, local {:?} ({})",
                    execution.error,
                    execution.cause.as_deref().unwrap_or("-")
                ));
            }
            let local_cause = execution.cause.clone().map_or(Value::Null, Value::String);
            let recorded_cause = cause.clone().unwrap_or(Value::Null);
            if !compare::matches(&recorded_cause, &local_cause) {
                return Err(format!(
                    "cause differs: recorded {recorded_cause}, local {local_cause}"
                ));
            }
        }
        Recorded::TimedOut => {
            if local_status != ExecutionStatus::TimedOut {
                return Err(format!("recorded TIMED_OUT, local {local_status}"));
            }
        }
        Recorded::Aborted | Recorded::Running => {}
    }
    let local: Vec<&str> = if history.parallel_sorted() {
        events::recorder_view(&execution.history)
            .into_iter()
            .map(crate::EventType::as_str)
            .collect()
    } else {
        execution
            .history
            .iter()
            .map(|event| event.event_type.as_str())
            .collect()
    };
    let recorded: Vec<&str> = history.event_types.iter().map(String::as_str).collect();
    let comparable = if history.outcome == Recorded::Running {
        local.get(..recorded.len()).unwrap_or(&local)
    } else {
        &local[..]
    };
    if comparable == recorded.as_slice() {
        return Ok(());
    }
    // The branches and iterations of Parallel and Map states run concurrently: the same
    // events in another order are accepted (see [`order`]).
    if order::runs_concurrently(machine)
        && order::pair_unordered(
            comparable,
            &recorded,
            |kind| *kind,
            |kind| *kind,
            |left, right| left == right,
        ) == order::Unpaired::None
    {
        return Ok(());
    }
    let position = comparable
        .iter()
        .zip(&recorded)
        .position(|(left, right)| left != right)
        .unwrap_or_else(|| comparable.len().min(recorded.len()));
    Err(format!(
        "event types differ at #{}: recorded {}, local {}",
        position + 1,
        recorded.get(position).copied().unwrap_or("(end)"),
        comparable.get(position).copied().unwrap_or("(end)")
    ))
}
