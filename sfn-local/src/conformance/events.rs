//! Comparing the sequence of history event types with a recording, after putting the local
//! history through the same transformation the recorder applied to AWS's.
//!
//! LocalStack's recorder (`SfnNoneRecursiveParallelTransformer`) makes the events of Parallel
//! branches order-independent before storing a history: it walks the events, collects those
//! after each `ParallelStateStarted`, and at every `ParallelState{Succeeded,Aborted,Exited,
//! Failed}` replaces the slice from the collection's start up to that event with the
//! collected events sorted by their JSON text (keys sorted, ids set to `[0]`). Because the
//! slice reaches the current event, a second end event after the first (`Exited` after
//! `Succeeded`) removes the first one, and in nested Parallels the inner `Exited` and the
//! outer `Succeeded` vanish. That is why no recording shows `ParallelStateSucceeded`
//! (`test_parallel_state`) and why `test_parallel_state_nested` lacks the inner
//! `ParallelStateExited`. Recordings made this way are recognised by their `[0]` ids.

use serde_json::{Map, Value};

use super::python_json::dumps_sorted;
use crate::history::{EventType, HistoryEvent};

/// A local event as the recorder sees it: its type and the text it sorts by.
#[derive(Clone, Debug)]
struct Item {
    kind: EventType,
    /// The event's index in the local history.
    index: usize,
    key: String,
}

/// The recorder's `_normalise_events`, applied to a local history: the event types that
/// remain, in the order the recorder leaves them.
pub(crate) fn recorder_view(history: &[HistoryEvent]) -> Vec<EventType> {
    let mut events: Vec<Item> = history
        .iter()
        .enumerate()
        .map(|(index, event)| Item {
            kind: event.event_type,
            index,
            key: String::new(),
        })
        .collect();
    let mut start = 0;
    let mut sublist: Vec<Item> = Vec::new();
    let mut collecting = false;
    let mut position = 0;
    // Python's `enumerate` over a list the loop shortens: the index just moves on.
    while position < events.len() {
        match events[position].kind {
            EventType::ParallelStateSucceeded
            | EventType::ParallelStateAborted
            | EventType::ParallelStateExited
            | EventType::ParallelStateFailed => {
                let mut sorted = sublist.clone();
                sorted.sort_by(|left, right| left.key.cmp(&right.key));
                let end = position.max(start);
                events.splice(start..end, sorted);
                collecting = false;
            }
            EventType::ParallelStateStarted => {
                collecting = true;
                sublist.clear();
                start = position + 1;
            }
            _ if collecting => {
                let mut item = events[position].clone();
                item.key = sort_key(&history[item.index]);
                sublist.push(item);
            }
            _ => {}
        }
        position += 1;
    }
    events.into_iter().map(|item| item.kind).collect()
}

/// The event's JSON text as the recorder sorts it: keys sorted, `id` `[0]`,
/// `previousEventId` 0, timestamps masked, inputs and outputs as the recorder stores them
/// (objects and arrays parsed, other values as JSON text).
fn sort_key(event: &HistoryEvent) -> String {
    let mut map = Map::new();
    map.insert("id".into(), Value::Array(vec![Value::from(0)]));
    map.insert("previousEventId".into(), Value::from(0));
    map.insert("timestamp".into(), Value::String("timestamp".into()));
    map.insert(
        "type".into(),
        Value::String(event.event_type.as_str().into()),
    );
    if let Some(key) = event.event_type.details_key() {
        let mut details = event.details.to_json(false);
        for field in ["input", "output", "parameters"] {
            if let Some(value) = details.get_mut(field)
                && !value.is_object()
                && !value.is_array()
            {
                *value = Value::String(value.to_string());
            }
        }
        map.insert(key.into(), Value::Object(details));
    }
    dumps_sorted(&Value::Object(map))
}

#[cfg(test)]
mod tests {
    use super::recorder_view;
    use crate::history::{EventDetails, EventType, HistoryEvent};
    use crate::time::Timestamp;

    fn history(kinds: &[(EventType, &str)]) -> Vec<HistoryEvent> {
        kinds
            .iter()
            .enumerate()
            .map(|(index, (kind, name))| HistoryEvent {
                id: index as u64 + 1,
                previous_event_id: index as u64,
                timestamp: Timestamp::DEFAULT_START,
                event_type: *kind,
                details: Box::new(EventDetails {
                    name: (!name.is_empty()).then(|| (*name).to_owned()),
                    ..EventDetails::default()
                }),
            })
            .collect()
    }

    /// Recorded: `test_parallel_state_nested` (the inner `ParallelStateExited` and both
    /// `ParallelStateSucceeded` events are gone).
    #[test]
    fn nested_parallel_loses_inner_exit() {
        use EventType::*;
        let local = history(&[
            (ExecutionStarted, ""),
            (ParallelStateEntered, "L1"),
            (ParallelStateStarted, ""),
            (ParallelStateEntered, "L2"),
            (ParallelStateStarted, ""),
            (PassStateEntered, "B"),
            (PassStateExited, "B"),
            (ParallelStateSucceeded, ""),
            (ParallelStateExited, "L2"),
            (ParallelStateSucceeded, ""),
            (ParallelStateExited, "L1"),
            (ExecutionSucceeded, ""),
        ]);
        assert_eq!(
            recorder_view(&local),
            [
                ExecutionStarted,
                ParallelStateEntered,
                ParallelStateStarted,
                ParallelStateEntered,
                ParallelStateStarted,
                PassStateEntered,
                PassStateExited,
                ParallelStateExited,
                ExecutionSucceeded,
            ]
        );
    }

    /// Recorded: `test_parallel_catch_error` (branch events sorted by their details key).
    #[test]
    fn branch_events_are_sorted_by_their_text() {
        use EventType::*;
        let local = history(&[
            (ParallelStateStarted, ""),
            (TaskStateEntered, "T"),
            (TaskScheduled, ""),
            (TaskStarted, ""),
            (TaskFailed, ""),
            (TaskStateAborted, ""),
            (ParallelStateFailed, ""),
            (ParallelStateExited, "P"),
        ]);
        assert_eq!(
            recorder_view(&local),
            [
                ParallelStateStarted,
                TaskStateEntered,
                TaskFailed,
                TaskScheduled,
                TaskStarted,
                TaskStateAborted,
                ParallelStateExited,
            ]
        );
    }
}
