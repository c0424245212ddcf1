//! Every state of a machine with where it is and its definition as JSON, transitions split
//! off.

use serde_json::{Map, Value};

use crate::model::{ProcessorKey, State, StateMachine, States};
use crate::source::escape_pointer_segment;

/// One state of a machine.
pub(super) struct Flat<'m> {
    pub(super) name: &'m str,
    pub(super) state: &'m State,
    /// The pointer of the state list holding it (`/States`, `/States/P/Branches/0/States`).
    pub(super) list: String,
    /// The state's JSON without nested state lists (those are compared as states).
    pub(super) body: Map<String, Value>,
    /// `(field, target)` for every transition, such as `("Catch/0/Next", "Failed")`; `End`
    /// appears as `("Next", None)`.
    pub(super) transitions: Vec<(String, Option<String>)>,
}

impl Flat<'_> {
    pub(super) fn pointer(&self) -> String {
        format!("{}/{}", self.list, escape_pointer_segment(self.name))
    }
}

pub(super) fn flatten(machine: &StateMachine) -> Vec<Flat<'_>> {
    let mut all = Vec::new();
    list(&machine.states, "/States", &mut all);
    all
}

fn list<'m>(states: &'m States, pointer: &str, into: &mut Vec<Flat<'m>>) {
    for (name, state) in states {
        let state_pointer = format!("{pointer}/{}", escape_pointer_segment(name.as_str()));
        let mut body = match serde_json::to_value(state) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        let transitions = transitions(&mut body);
        strip_nested(&mut body);
        into.push(Flat {
            name: name.as_str(),
            state,
            list: pointer.to_owned(),
            body,
            transitions,
        });
        match state {
            State::Parallel(parallel) => {
                for (index, branch) in parallel.branches.iter().enumerate() {
                    list(
                        &branch.states,
                        &format!("{state_pointer}/Branches/{index}/States"),
                        into,
                    );
                }
            }
            State::Map(map) => {
                let key = match map.processor_key {
                    ProcessorKey::ItemProcessor => "ItemProcessor",
                    ProcessorKey::Iterator => "Iterator",
                };
                list(
                    &map.item_processor.states,
                    &format!("{state_pointer}/{key}/States"),
                    into,
                );
            }
            _ => {}
        }
    }
}

/// Removes the transitions from a state's JSON and returns them.
fn transitions(body: &mut Map<String, Value>) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    let next = body
        .remove("Next")
        .and_then(|value| value.as_str().map(str::to_owned));
    let end = body.remove("End").is_some();
    if next.is_some() || end {
        found.push(("Next".to_owned(), next));
    }
    for (key, member) in [("Choices", "Next"), ("Catch", "Next")] {
        if let Some(Value::Array(items)) = body.get_mut(key) {
            for (index, item) in items.iter_mut().enumerate() {
                if let Value::Object(fields) = item {
                    let target = fields
                        .remove(member)
                        .and_then(|value| value.as_str().map(str::to_owned));
                    found.push((format!("{key}/{index}/{member}"), target));
                }
            }
        }
    }
    if let Some(default) = body.remove("Default") {
        found.push(("Default".to_owned(), default.as_str().map(str::to_owned)));
    }
    found
}

/// Replaces nested state lists by their `StartAt` only.
fn strip_nested(body: &mut Map<String, Value>) {
    if let Some(Value::Array(branches)) = body.get_mut("Branches") {
        for branch in branches {
            if let Value::Object(fields) = branch {
                fields.remove("States");
            }
        }
    }
    for key in ["ItemProcessor", "Iterator"] {
        if let Some(Value::Object(fields)) = body.get_mut(key) {
            fields.remove("States");
        }
    }
}
