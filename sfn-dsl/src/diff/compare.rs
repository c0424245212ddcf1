//! Matching states of two definitions and comparing them field by field.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::Change;
use super::flatten::{Flat, flatten};
use crate::model::StateMachine;

pub(super) fn compare(old: &StateMachine, new: &StateMachine) -> Vec<Change> {
    let mut changes = Vec::new();
    top_level(old, new, &mut changes);
    let old_states = flatten(old);
    let new_states = flatten(new);
    let old_by_name: BTreeMap<&str, &Flat<'_>> =
        old_states.iter().map(|flat| (flat.name, flat)).collect();
    let new_by_name: BTreeMap<&str, &Flat<'_>> =
        new_states.iter().map(|flat| (flat.name, flat)).collect();

    // Renames: a removed and an added state with the same body.
    let mut renamed: BTreeMap<&str, &str> = BTreeMap::new();
    let mut renamed_to: BTreeMap<&str, &str> = BTreeMap::new();
    for added in new_states
        .iter()
        .filter(|flat| !old_by_name.contains_key(flat.name))
    {
        let candidates: Vec<&Flat<'_>> = old_states
            .iter()
            .filter(|flat| {
                !new_by_name.contains_key(flat.name)
                    && !renamed.contains_key(flat.name)
                    && flat.body == added.body
            })
            .collect();
        if let [only] = candidates.as_slice() {
            renamed.insert(only.name, added.name);
            renamed_to.insert(added.name, only.name);
        }
    }

    for flat in &new_states {
        let old_name = renamed_to.get(flat.name).copied().unwrap_or(flat.name);
        let Some(before) = old_by_name.get(old_name) else {
            changes.push(Change::StateAdded {
                state: flat.name.to_owned(),
                r#type: flat.state.type_name().to_owned(),
                pointer: flat.pointer(),
            });
            continue;
        };
        if old_name != flat.name {
            changes.push(Change::StateRenamed {
                from: old_name.to_owned(),
                to: flat.name.to_owned(),
            });
        }
        state(before, flat, &renamed, &mut changes);
    }
    for flat in &old_states {
        if !new_by_name.contains_key(flat.name) && !renamed.contains_key(flat.name) {
            changes.push(Change::StateRemoved {
                state: flat.name.to_owned(),
                r#type: flat.state.type_name().to_owned(),
                pointer: flat.pointer(),
            });
        }
    }
    changes
}

fn top_level(old: &StateMachine, new: &StateMachine, changes: &mut Vec<Change>) {
    let (Value::Object(mut before), Value::Object(mut after)) = (old.to_value(), new.to_value())
    else {
        return;
    };
    before.remove("States");
    after.remove("States");
    let start_before = before.remove("StartAt");
    let start_after = after.remove("StartAt");
    if start_before != start_after {
        changes.push(Change::TransitionChanged {
            state: None,
            field: "StartAt".to_owned(),
            from: start_before.and_then(|value| value.as_str().map(str::to_owned)),
            to: start_after.and_then(|value| value.as_str().map(str::to_owned)),
        });
    }
    fields(None, "", &before, &after, changes);
}

fn state(
    before: &Flat<'_>,
    after: &Flat<'_>,
    renamed: &BTreeMap<&str, &str>,
    changes: &mut Vec<Change>,
) {
    let name = after.name.to_owned();
    if before.list != after.list {
        changes.push(Change::StateMoved {
            state: name.clone(),
            from: before.list.clone(),
            to: after.list.clone(),
        });
    }
    if before.state.type_name() != after.state.type_name() {
        changes.push(Change::TypeChanged {
            state: name,
            from: before.state.type_name().to_owned(),
            to: after.state.type_name().to_owned(),
        });
        return;
    }
    // Transitions, with old targets seen through the renames.
    let old_transitions: BTreeMap<&str, Option<&str>> = before
        .transitions
        .iter()
        .map(|(field, target)| {
            let target = target
                .as_deref()
                .map(|target| renamed.get(target).copied().unwrap_or(target));
            (field.as_str(), target)
        })
        .collect();
    let new_transitions: BTreeMap<&str, Option<&str>> = after
        .transitions
        .iter()
        .map(|(field, target)| (field.as_str(), target.as_deref()))
        .collect();
    let mut keys: Vec<&str> = after
        .transitions
        .iter()
        .map(|(field, _)| field.as_str())
        .chain(before.transitions.iter().map(|(field, _)| field.as_str()))
        .collect();
    keys.dedup();
    let mut seen = Vec::new();
    for key in keys {
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let from = old_transitions.get(key).copied().flatten();
        let to = new_transitions.get(key).copied().flatten();
        if old_transitions.get(key) != new_transitions.get(key) {
            changes.push(Change::TransitionChanged {
                state: Some(name.clone()),
                field: key.to_owned(),
                from: from.map(str::to_owned),
                to: to.map(str::to_owned),
            });
        }
    }
    let mut before_body = before.body.clone();
    let mut after_body = after.body.clone();
    for key in ["Retry", "Catch"] {
        let from = before_body.remove(key).unwrap_or(Value::Null);
        let to = after_body.remove(key).unwrap_or(Value::Null);
        if from != to {
            changes.push(Change::ErrorHandlingChanged {
                state: name.clone(),
                field: key.to_owned(),
                from,
                to,
            });
        }
    }
    fields(Some(&name), "", &before_body, &after_body, changes);
}

/// Reports changed members, descending into objects that exist on both sides.
fn fields(
    state: Option<&String>,
    prefix: &str,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    changes: &mut Vec<Change>,
) {
    let keys: Vec<&String> = after
        .keys()
        .chain(before.keys().filter(|key| !after.contains_key(*key)))
        .collect();
    for key in keys {
        let field = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}/{key}")
        };
        value(state, field, before.get(key), after.get(key), changes);
    }
}

/// Reports a changed value, descending into objects, and into arrays of the same length.
fn value(
    state: Option<&String>,
    field: String,
    before: Option<&Value>,
    after: Option<&Value>,
    changes: &mut Vec<Change>,
) {
    match (before, after) {
        (Some(Value::Object(old)), Some(Value::Object(new))) => {
            fields(state, &field, old, new, changes);
        }
        (Some(Value::Array(old)), Some(Value::Array(new))) if old.len() == new.len() => {
            for (index, (old_item, new_item)) in old.iter().zip(new).enumerate() {
                value(
                    state,
                    format!("{field}/{index}"),
                    Some(old_item),
                    Some(new_item),
                    changes,
                );
            }
        }
        (old, new) if old != new => changes.push(Change::FieldChanged {
            state: state.cloned(),
            field,
            from: old.cloned().unwrap_or(Value::Null),
            to: new.cloned().unwrap_or(Value::Null),
        }),
        _ => {}
    }
}
