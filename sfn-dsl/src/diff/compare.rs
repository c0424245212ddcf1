//! Matching states of two definitions and comparing them field by field.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::Change;
use super::flatten::{Flat, flatten};
use crate::model::StateMachine;

pub(super) fn compare(old: &StateMachine, new: &StateMachine) -> Vec<Change> {
    let mut changes = Vec::new();
    let old_states = flatten(old);
    let new_states = flatten(new);
    // Names are unique in a valid machine; in an invalid one the n-th state of a name is
    // matched with the n-th state of that name.
    let old_keys = keys(&old_states);
    let new_keys = keys(&new_states);
    let old_by_key: BTreeMap<Key<'_>, &Flat<'_>> =
        old_keys.iter().copied().zip(&old_states).collect();
    let new_by_key: BTreeMap<Key<'_>, &Flat<'_>> =
        new_keys.iter().copied().zip(&new_states).collect();

    // Renames: a removed and an added state with the same body. The removed states are
    // grouped by their body's text (bodies are written in one field order), so each added
    // state looks at those with its body only, not at every removed state.
    let mut removed_by_body: HashMap<String, Vec<(Key<'_>, &Flat<'_>)>> = HashMap::new();
    for (key, flat) in old_keys.iter().zip(&old_states) {
        if !new_by_key.contains_key(key) {
            removed_by_body
                .entry(body_text(flat))
                .or_default()
                .push((*key, flat));
        }
    }
    let mut renamed: BTreeMap<&str, &str> = BTreeMap::new();
    let mut renamed_to: BTreeMap<Key<'_>, Key<'_>> = BTreeMap::new();
    for (added_key, added) in new_keys.iter().zip(&new_states) {
        if old_by_key.contains_key(added_key) {
            continue;
        }
        let Some(same_body) = removed_by_body.get(&body_text(added)) else {
            continue;
        };
        // Several alike (a chain of bare Pass states renamed): the one with the same
        // transitions, else the first in document order, so that the k-th renamed state
        // of a kind pairs with the k-th new one.
        let mut candidates = same_body
            .iter()
            .filter(|(_, flat)| !renamed.contains_key(flat.name) && flat.body == added.body);
        let first = candidates.clone().next();
        let chosen = candidates
            .find(|(_, flat)| flat.transitions == added.transitions)
            .or(first);
        if let Some((old_key, _)) = chosen {
            renamed.insert(old_key.0, added.name);
            renamed_to.insert(*added_key, *old_key);
        }
    }

    top_level(old, new, &renamed, &mut changes);
    for (key, flat) in new_keys.iter().zip(&new_states) {
        let old_key = renamed_to.get(key).copied().unwrap_or(*key);
        let Some(before) = old_by_key.get(&old_key) else {
            changes.push(Change::StateAdded {
                state: flat.name.to_owned(),
                r#type: flat.state.type_name().to_owned(),
                pointer: flat.pointer(),
            });
            continue;
        };
        if old_key.0 != flat.name {
            changes.push(Change::StateRenamed {
                from: old_key.0.to_owned(),
                to: flat.name.to_owned(),
            });
        }
        state(before, flat, &renamed, &mut changes);
    }
    let renamed_from: Vec<Key<'_>> = renamed_to.values().copied().collect();
    for (key, flat) in old_keys.iter().zip(&old_states) {
        if !new_by_key.contains_key(key) && !renamed_from.contains(key) {
            changes.push(Change::StateRemoved {
                state: flat.name.to_owned(),
                r#type: flat.state.type_name().to_owned(),
                pointer: flat.pointer(),
            });
        }
    }
    changes
}

/// A state's body as text, to group states whose bodies may be equal (equal bodies give
/// equal text; the bodies themselves are still compared).
fn body_text(flat: &Flat<'_>) -> String {
    serde_json::to_string(&flat.body).unwrap_or_default()
}

/// A state's name and how many states of that name come before it.
type Key<'m> = (&'m str, usize);

fn keys<'m>(states: &[Flat<'m>]) -> Vec<Key<'m>> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    states
        .iter()
        .map(|flat| {
            let count = seen.entry(flat.name).or_insert(0);
            let key = (flat.name, *count);
            *count += 1;
            key
        })
        .collect()
}

/// The machine's own fields; `StartAt` is seen through the renames, as transitions are.
fn top_level(
    old: &StateMachine,
    new: &StateMachine,
    renamed: &BTreeMap<&str, &str>,
    changes: &mut Vec<Change>,
) {
    let (Value::Object(mut before), Value::Object(mut after)) = (old.to_value(), new.to_value())
    else {
        return;
    };
    before.remove("States");
    after.remove("States");
    let start_before = before.remove("StartAt");
    let start_after = after.remove("StartAt");
    let renamed_start = start_before
        .as_ref()
        .and_then(Value::as_str)
        .and_then(|start| renamed.get(start));
    if start_before != start_after
        && renamed_start
            .is_none_or(|start| Some(*start) != start_after.as_ref().and_then(Value::as_str))
    {
        changes.push(Change::TransitionChanged {
            state: None,
            field: "StartAt".to_owned(),
            from: start_before.and_then(|value| value.as_str().map(str::to_owned)),
            to: start_after.and_then(|value| value.as_str().map(str::to_owned)),
        });
    }
    let field_changed = |field: String, from: Value, to: Value| Change::FieldChanged {
        state: None,
        field,
        from,
        to,
    };
    fields(&field_changed, "", &before, &after, changes);
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
        // Lists of the same length are compared entry by entry, field by field
        // (`Retry/0/MaxAttempts 3 -> 5`); a retrier or catcher added or removed shows the
        // lists whole.
        let error_handling = |field: String, from: Value, to: Value| Change::ErrorHandlingChanged {
            state: name.clone(),
            field,
            from,
            to,
        };
        match (&from, &to) {
            (Value::Array(old), Value::Array(new)) if old.len() == new.len() => {
                value(
                    &error_handling,
                    key.to_owned(),
                    Some(&from),
                    Some(&to),
                    changes,
                );
            }
            _ if from != to => changes.push(error_handling(key.to_owned(), from, to)),
            _ => {}
        }
    }
    let field_changed = |field: String, from: Value, to: Value| Change::FieldChanged {
        state: Some(name.clone()),
        field,
        from,
        to,
    };
    fields(&field_changed, "", &before_body, &after_body, changes);
}

/// Makes the change reported for a field that differs: `(field, old, new)`.
type MakeChange<'a> = dyn Fn(String, Value, Value) -> Change + 'a;

/// Reports changed members, descending into objects that exist on both sides.
fn fields(
    change: &MakeChange<'_>,
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
        value(change, field, before.get(key), after.get(key), changes);
    }
}

/// Reports a changed value, descending into objects, and into arrays of the same length.
fn value(
    change: &MakeChange<'_>,
    field: String,
    before: Option<&Value>,
    after: Option<&Value>,
    changes: &mut Vec<Change>,
) {
    match (before, after) {
        (Some(Value::Object(old)), Some(Value::Object(new))) => {
            fields(change, &field, old, new, changes);
        }
        (Some(Value::Array(old)), Some(Value::Array(new))) if old.len() == new.len() => {
            for (index, (old_item, new_item)) in old.iter().zip(new).enumerate() {
                value(
                    change,
                    format!("{field}/{index}"),
                    Some(old_item),
                    Some(new_item),
                    changes,
                );
            }
        }
        (old, new) if old != new => changes.push(change(
            field,
            old.cloned().unwrap_or(Value::Null),
            new.cloned().unwrap_or(Value::Null),
        )),
        _ => {}
    }
}
