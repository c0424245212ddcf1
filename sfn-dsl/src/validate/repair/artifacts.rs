//! What the rules report only because the repair left fields out, indexed by where it is
//! reported, so that filtering every diagnostic costs a few look-ups.
//!
//! A field left out counts as missing only when the field its author meant is missing from
//! the repaired copy: a misspelt `Text` next to a real `Next` takes nothing away (a
//! transition its state type refuses means the transition it stands for). What a
//! missing field can make the rules report is bounded by what it could have changed:
//! - a state field: the rules about that field's absence, at that state;
//! - a transition (`Next`, `Default`, `Catch`): in the state list of its state, the states it
//!   led to and those after them (now unreachable, and their variable reads, whose
//!   assignments may have come that way), and the states that reach its state (a loop, or
//!   states with no way to the end, that it was the exit of);
//! - an `End` left out for the `Next` it conflicts with: the `Next` is kept, so the graph is
//!   the author's own; only the exit the `End` was is lost, for the states that reach it;
//! - an `Assign`: the reads of the variables it assigned (of any variable of its state
//!   list when its value is not an object).

use std::collections::{HashMap, HashSet, VecDeque};

use super::Change;
use super::place::{state_place, states_of};
use crate::source::{Document, Node, NodeValue, escape_pointer_segment};
use crate::validate::code::Code;
use crate::validate::diagnostic::Diagnostic;

/// Rules that report the absence of an optional field at the state that lacks it, by the
/// fields whose absence they report.
const STATE_ABSENCE_RULES: &[(&[&str], &[Code])] = &[
    (
        &[
            "TimeoutSeconds",
            "TimeoutSecondsPath",
            "HeartbeatSeconds",
            "HeartbeatSecondsPath",
        ],
        &[Code::TaskWithoutTimeout],
    ),
    (&["Default"], &[Code::MissingDefault]),
    (
        &["ResultWriter", "ResultPath", "Output"],
        &[Code::PayloadTooLarge],
    ),
    (&["ProcessorConfig", "Mode"], &[Code::DistributedOnlyField]),
    (
        &["Parameters", "Arguments"],
        &[Code::CallbackWithoutToken, Code::MissingRequestField],
    ),
];

/// The fields that lead from a state to others.
const TRANSITIONS: &[&str] = &["Next", "Default", "Catch"];

/// The diagnostics the repair causes, by where they are reported.
#[derive(Default)]
pub(super) struct Artifacts {
    /// The fields left out or rewritten: anything at or inside them.
    changed: HashSet<String>,
    /// The objects a meant field is missing from: their `missing-field`.
    emptied: HashSet<String>,
    /// Codes reported at or inside a state, by the state's pointer.
    at_state: HashMap<String, Vec<Code>>,
    /// Graph codes, by the exact pointer they are reported at.
    graph: HashMap<String, Vec<Code>>,
    /// Variables whose reads at or inside a pointer are unassigned because of the repair.
    variables: HashMap<String, Names>,
}

/// Which variables.
enum Names {
    All,
    Only(HashSet<String>),
}

/// The transitions and exits a state list lost.
#[derive(Default)]
struct ListLoss {
    /// The states the lost transitions led to (escaped as pointer segments).
    targets: Vec<String>,
    /// Some lost transition's targets could not be read: any state may have been one.
    unknown_targets: bool,
    /// The states that lost a transition or their `End`.
    exits: Vec<String>,
}

impl Artifacts {
    /// The artifacts of `changes`, made to `original` to give `copy`.
    pub(super) fn new(changes: &[Change], original: &Document, copy: &Document) -> Self {
        let mut artifacts = Self::default();
        let mut losses: HashMap<String, ListLoss> = HashMap::new();
        for change in changes {
            artifacts.changed.insert(change.pointer.clone());
            let Some(meant) = &change.meant else {
                continue;
            };
            let parent = change
                .pointer
                .rsplit_once('/')
                .map_or("", |(parent, _)| parent);
            if copy
                .node_at(&format!("{parent}/{}", escape_pointer_segment(meant)))
                .is_some()
            {
                continue;
            }
            artifacts.emptied.insert(parent.to_owned());
            let Some(place) = state_place(&change.pointer) else {
                continue;
            };
            for (fields, codes) in STATE_ABSENCE_RULES {
                if fields.contains(&meant.as_str()) {
                    artifacts
                        .at_state
                        .entry(place.state.to_owned())
                        .or_default()
                        .extend_from_slice(codes);
                }
            }
            let state = place
                .state
                .rsplit_once('/')
                .map_or("", |(_, name)| name)
                .to_owned();
            if TRANSITIONS.contains(&meant.as_str()) {
                let loss = losses.entry(place.list.to_owned()).or_default();
                match original.node_at(&change.pointer).map(targets) {
                    Some(Some(names)) => loss.targets.extend(names),
                    _ => loss.unknown_targets = true,
                }
                loss.exits.push(state);
            } else if meant == "End" {
                losses
                    .entry(place.list.to_owned())
                    .or_default()
                    .exits
                    .push(state);
            } else if meant == "Assign" {
                artifacts.add_assign(original, &change.pointer, place.list);
            }
        }
        for (list, loss) in losses {
            artifacts.add_loss(copy, &list, &loss);
        }
        artifacts
    }

    /// Whether the rules report `diagnostic` only because of the repair.
    pub(super) fn contains(&self, diagnostic: &Diagnostic) -> bool {
        let pointer = diagnostic.pointer.as_str();
        let code = diagnostic.code;
        if ancestors(pointer).any(|field| self.changed.contains(field)) {
            return true;
        }
        if code == Code::MissingField && self.emptied.contains(pointer) {
            return true;
        }
        let has = |codes: Option<&Vec<Code>>| codes.is_some_and(|codes| codes.contains(&code));
        if state_place(pointer).is_some_and(|place| has(self.at_state.get(place.state))) {
            return true;
        }
        if has(self.graph.get(pointer)) {
            return true;
        }
        code == Code::UnassignedVariable
            && ancestors(pointer).any(|scope| {
                self.variables.get(scope).is_some_and(|names| match names {
                    Names::All => true,
                    Names::Only(names) => {
                        variable_read(&diagnostic.message).is_some_and(|name| names.contains(name))
                    }
                })
            })
    }

    /// An `Assign` at `pointer` of a state of `list`, left out.
    fn add_assign(&mut self, original: &Document, pointer: &str, list: &str) {
        let assigned = original.node_at(pointer).and_then(Node::as_object);
        let (scope, names) = match assigned {
            Some(members) => (
                String::new(),
                Names::Only(
                    members
                        .iter()
                        .map(|member| member.key.into_owned())
                        .collect(),
                ),
            ),
            None => (states_of(list), Names::All),
        };
        self.add_variables(scope, names);
    }

    fn add_variables(&mut self, scope: String, names: Names) {
        match (self.variables.get_mut(&scope), names) {
            (Some(Names::Only(known)), Names::Only(more)) => known.extend(more),
            (Some(known), Names::All) => *known = Names::All,
            (Some(Names::All), Names::Only(_)) => {}
            (None, names) => {
                self.variables.insert(scope, names);
            }
        }
    }

    /// What the lost transitions and exits of `list` can make the graph rules report, in
    /// the list as the copy has it.
    fn add_loss(&mut self, copy: &Document, list: &str, loss: &ListLoss) {
        let states = states_of(list);
        let Some(graph) = ListGraph::read(copy, &states) else {
            return;
        };
        let pointer = |index: usize| {
            graph
                .names
                .get(index)
                .map(|name| format!("{states}/{name}"))
        };
        let downstream = if loss.unknown_targets {
            vec![true; graph.names.len()]
        } else {
            graph.reached(graph.indexes(&loss.targets), &graph.successors)
        };
        let predecessors = graph.predecessors();
        let upstream = graph.reached(graph.indexes(&loss.exits), &predecessors);
        for (index, (&after, &before)) in downstream.iter().zip(&upstream).enumerate() {
            let Some(state) = pointer(index) else {
                continue;
            };
            let mut codes = Vec::new();
            if after {
                codes.extend([Code::Unreachable, Code::ReachedOnlyFromUnreachable]);
                self.add_variables(state.clone(), Names::All);
            }
            if before {
                codes.extend([Code::LoopWithoutWait, Code::NoPathToEnd]);
            }
            if !codes.is_empty() {
                self.graph.entry(state).or_default().extend(codes);
            }
        }
        if !loss.exits.is_empty() {
            self.graph
                .entry(format!("{list}/StartAt"))
                .or_default()
                .push(Code::NoReachableTerminal);
        }
    }
}

/// The transitions of a state list as written in a document.
struct ListGraph {
    /// The states' names, escaped as pointer segments, in order.
    names: Vec<String>,
    /// The position of each name.
    index: HashMap<String, usize>,
    successors: Vec<Vec<usize>>,
}

impl ListGraph {
    /// The list whose `States` object is at `states`.
    fn read(document: &Document, states: &str) -> Option<Self> {
        let members = document.node_at(states)?.as_object()?;
        let names: Vec<String> = members
            .iter()
            .map(|member| escape_pointer_segment(&member.key))
            .collect();
        let index: HashMap<String, usize> = names
            .iter()
            .enumerate()
            .map(|(at, name)| (name.clone(), at))
            .collect();
        let successors = members
            .iter()
            .map(|member| {
                let mut to = Vec::new();
                if let Some(state) = member.value.as_object() {
                    for field in ["Next", "Default", "Choices", "Catch"] {
                        let names = state.get(field).and_then(targets).unwrap_or_default();
                        to.extend(names.iter().filter_map(|name| index.get(name)));
                    }
                }
                to
            })
            .collect();
        Some(Self {
            names,
            index,
            successors,
        })
    }

    fn indexes(&self, names: &[String]) -> Vec<usize> {
        names
            .iter()
            .filter_map(|name| self.index.get(name).copied())
            .collect()
    }

    /// Which states the edges `next` lead to from `starts`, starts included.
    fn reached(&self, starts: Vec<usize>, next: &[Vec<usize>]) -> Vec<bool> {
        let mut seen = vec![false; self.names.len()];
        let mut queue: VecDeque<usize> = starts.into();
        while let Some(at) = queue.pop_front() {
            if seen.get(at).copied().unwrap_or(true) {
                continue;
            }
            if let Some(slot) = seen.get_mut(at) {
                *slot = true;
            }
            queue.extend(next.get(at).into_iter().flatten());
        }
        seen
    }

    fn predecessors(&self) -> Vec<Vec<usize>> {
        let mut predecessors = vec![Vec::new(); self.names.len()];
        for (from, to) in self.successors.iter().enumerate() {
            for &to in to {
                if let Some(list) = predecessors.get_mut(to) {
                    list.push(from);
                }
            }
        }
        predecessors
    }
}

/// The state names a transition field's value names (escaped as pointer segments): a
/// `Next` or `Default` string, or the `Next` of each catcher or Choice rule; `None` when it
/// names none that way.
fn targets(node: Node<'_>) -> Option<Vec<String>> {
    let next = |node: Node<'_>| {
        node.as_object()
            .and_then(|members| members.get("Next"))
            .and_then(Node::as_str)
            .map(|name| escape_pointer_segment(&name))
    };
    match node.value() {
        NodeValue::String(name) => Some(vec![escape_pointer_segment(&name)]),
        NodeValue::Object(_) => next(node).map(|name| vec![name]),
        NodeValue::Array(items) => Some(items.iter().filter_map(next).collect()),
        _ => None,
    }
}

/// `pointer` and every pointer it is inside, the root first.
fn ancestors(pointer: &str) -> impl Iterator<Item = &str> {
    pointer
        .match_indices('/')
        .filter_map(|(at, _)| pointer.get(..at))
        .chain(std::iter::once(pointer))
}

/// The variable an `unassigned-variable` message is about (its messages say "reads
/// `$name`").
fn variable_read(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once("reads `$")?;
    rest.split_once('`').map(|(name, _)| name)
}
