//! Matching states of two definitions and comparing them field by field.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::Change;
use super::flatten::{Flat, flatten};
use crate::model::StateMachine;
use crate::source::escape_pointer_segment;

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
    let field_changed = |field: String, from, to| Change::FieldChanged {
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
            state: name.clone(),
            from: before.state.type_name().to_owned(),
            to: after.state.type_name().to_owned(),
        });
    }
    // A state of another type is compared as one of the same type is: a Pass state that
    // became a Task shows its new `Resource`, `Retry` and `Next` too, which a review must
    // see. `Type` itself was reported above.
    let mut before_body = before.body.clone();
    let mut after_body = after.body.clone();
    before_body.remove("Type");
    after_body.remove("Type");
    // A Choice rule or catcher added or removed shows its list whole, targets included: its
    // entries' `Next` are not compared index by index, where they would pair other entries.
    let reshaped: Vec<&str> = ["Choices", "Catch"]
        .into_iter()
        .filter(|key| list_len(&before_body, key) != list_len(&after_body, key))
        .collect();
    for key in &reshaped {
        restore_targets(&mut before_body, key, &before.transitions, renamed);
        restore_targets(&mut after_body, key, &after.transitions, &BTreeMap::new());
    }
    transitions(before, after, renamed, &reshaped, &name, changes);
    // The `StartAt` of a branch or item processor is seen through the renames too.
    rename_nested_starts(&mut before_body, renamed);
    for key in ["Retry", "Catch"] {
        let from = before_body.remove(key);
        let to = after_body.remove(key);
        // Lists of the same length are compared entry by entry, field by field
        // (`Retry/0/MaxAttempts 3 -> 5`); a retrier or catcher added or removed shows the
        // lists whole.
        let error_handling = |field: String, from, to| Change::ErrorHandlingChanged {
            state: name.clone(),
            field,
            from,
            to,
        };
        match (&from, &to) {
            (Some(Value::Array(old)), Some(Value::Array(new))) if old.len() == new.len() => {
                value(
                    &error_handling,
                    key.to_owned(),
                    from.as_ref(),
                    to.as_ref(),
                    changes,
                );
            }
            _ if from != to => changes.push(error_handling(key.to_owned(), from, to)),
            _ => {}
        }
    }
    let field_changed = |field: String, from, to| Change::FieldChanged {
        state: Some(name.clone()),
        field,
        from,
        to,
    };
    fields(&field_changed, "", &before_body, &after_body, changes);
}

/// Reports the transitions that changed, old targets seen through the renames; those of the
/// `reshaped` lists are left to the lists' own change.
fn transitions(
    before: &Flat<'_>,
    after: &Flat<'_>,
    renamed: &BTreeMap<&str, &str>,
    reshaped: &[&str],
    name: &str,
    changes: &mut Vec<Change>,
) {
    let retyped = before.state.type_name() != after.state.type_name();
    let compared = |field: &str| {
        !reshaped.iter().any(|key| {
            field
                .strip_prefix(key)
                .is_some_and(|rest| rest.starts_with('/'))
        })
    };
    // Transitions, with old targets seen through the renames.
    let mut old_transitions: BTreeMap<&str, Option<&str>> = before
        .transitions
        .iter()
        .filter(|(field, _)| compared(field))
        .map(|(field, target)| {
            let target = target
                .as_deref()
                .map(|target| renamed.get(target).copied().unwrap_or(target));
            (field.as_str(), target)
        })
        .collect();
    let mut new_transitions: BTreeMap<&str, Option<&str>> = after
        .transitions
        .iter()
        .filter(|(field, _)| compared(field))
        .map(|(field, target)| (field.as_str(), target.as_deref()))
        .collect();
    // A Succeed or Fail state ends as a state with `End` does: a retyped state that ended
    // and still ends did not change its transition, one that now goes on did.
    for (flat, transitions) in [
        (before, &mut old_transitions),
        (after, &mut new_transitions),
    ] {
        if matches!(flat.state.type_name(), "Succeed" | "Fail") {
            transitions.entry("Next").or_insert(None);
        }
    }
    let mut keys: Vec<&str> = after
        .transitions
        .iter()
        .map(|(field, _)| field.as_str())
        .chain(before.transitions.iter().map(|(field, _)| field.as_str()))
        .filter(|field| compared(field))
        .chain(["Next"].into_iter().filter(|next| {
            new_transitions.contains_key(next) || old_transitions.contains_key(next)
        }))
        .collect();
    keys.dedup();
    let mut seen = Vec::new();
    for key in keys {
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let (old, new) = (old_transitions.get(key), new_transitions.get(key));
        let from = old.copied().flatten();
        let to = new.copied().flatten();
        if retyped && (old.is_none() || new.is_none()) {
            // The field belongs to one of the two types only (a Pass state's `Next`, a
            // Choice state's `Default`): a target it names is a field added or removed, and
            // an `End` only says the state ended, as the other type (Succeed, Fail) does.
            if from.is_some() || to.is_some() {
                let target = |name: Option<&str>| name.map(|name| Value::String(name.to_owned()));
                changes.push(Change::FieldChanged {
                    state: Some(name.to_owned()),
                    field: key.to_owned(),
                    from: target(from),
                    to: target(to),
                });
            }
            continue;
        }
        if old != new {
            changes.push(Change::TransitionChanged {
                state: Some(name.to_owned()),
                field: key.to_owned(),
                from: from.map(str::to_owned),
                to: to.map(str::to_owned),
            });
        }
    }
}

/// Makes the change reported for a field that differs: `(field, old, new)`, each value
/// `None` when absent.
type MakeChange<'a> = dyn Fn(String, Option<Value>, Option<Value>) -> Change + 'a;

/// Reports changed members, descending into objects that exist on both sides; each key is
/// escaped as a JSON pointer segment, so that `{"a/b": 1}` and `{"a": {"b": 1}}` do not
/// give the same field.
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
        let segment = escape_pointer_segment(key);
        let field = if prefix.is_empty() {
            segment
        } else {
            format!("{prefix}/{segment}")
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
        (old, new) if old != new => changes.push(change(field, old.cloned(), new.cloned())),
        _ => {}
    }
}

/// How many entries the list `key` of a state's JSON has (0 without one).
fn list_len(body: &Map<String, Value>, key: &str) -> usize {
    body.get(key).and_then(Value::as_array).map_or(0, Vec::len)
}

/// Puts the targets split off by `flatten` back into the entries of the list `key`
/// (`Choices/1/Next` into `Choices[1]`), old names seen through `renamed`.
fn restore_targets(
    body: &mut Map<String, Value>,
    key: &str,
    transitions: &[(String, Option<String>)],
    renamed: &BTreeMap<&str, &str>,
) {
    let Some(Value::Array(entries)) = body.get_mut(key) else {
        return;
    };
    for (field, target) in transitions {
        let Some(index) = field
            .strip_prefix(key)
            .and_then(|rest| rest.strip_prefix('/'))
            .and_then(|rest| rest.strip_suffix("/Next"))
            .and_then(|index| index.parse::<usize>().ok())
        else {
            continue;
        };
        if let (Some(Value::Object(entry)), Some(target)) = (entries.get_mut(index), target) {
            let target = renamed.get(target.as_str()).copied().unwrap_or(target);
            entry.insert("Next".to_owned(), Value::String(target.to_owned()));
        }
    }
}

/// Writes the `StartAt` of every branch and item processor of an old state's JSON under the
/// name its target has in the new machine.
fn rename_nested_starts(body: &mut Map<String, Value>, renamed: &BTreeMap<&str, &str>) {
    let mut lists: Vec<&mut Value> = Vec::new();
    for (key, value) in body.iter_mut() {
        match (key.as_str(), value) {
            ("Branches", Value::Array(branches)) => lists.extend(branches.iter_mut()),
            ("ItemProcessor" | "Iterator", processor) => lists.push(processor),
            _ => {}
        }
    }
    for list in lists {
        if let Some(Value::String(start)) = list.get_mut("StartAt")
            && let Some(new) = renamed.get(start.as_str())
        {
            *start = (*new).to_owned();
        }
    }
}
