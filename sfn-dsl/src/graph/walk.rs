//! The two passes of [`check_graph`](super::check_graph): index every name of the machine,
//! then check each state list in document order.

use std::collections::HashMap;

use crate::hash::FastHash;

use super::{GraphIssue, GraphIssueKind};
use crate::model::{ProcessorKey, State, StateMachine, StateName, States};
use crate::source::escape_pointer_segment;
use crate::suggest::closest;

/// One state list: the machine, a Parallel branch or a Map item processor.
struct List<'a> {
    /// JSON pointer of the object holding `StartAt` and `States` (`""` for the machine).
    pointer: String,
    /// The Parallel or Map state holding the list (`None` for the machine).
    owner: Option<&'a StateName>,
    start_at: &'a StateName,
    states: &'a States,
}

/// Where a state sits: its list and its index in that list.
type Place = (usize, usize);

struct Checker<'a> {
    lists: Vec<List<'a>>,
    /// The first place each name occurs at, in document order; only built when the
    /// machine has nested lists (a single `States` object cannot repeat a name).
    first: HashMap<&'a str, Place, FastHash>,
    flat: bool,
    issues: Vec<GraphIssue>,
    /// The list the second pass enters next (lists are numbered in pre-order).
    next_list: usize,
}

pub(super) fn check(machine: &StateMachine) -> Vec<GraphIssue> {
    let mut checker = Checker {
        lists: Vec::new(),
        first: HashMap::default(),
        flat: !machine
            .states
            .iter()
            .any(|(_, state)| matches!(state, State::Parallel(_) | State::Map(_))),
        issues: Vec::new(),
        next_list: 0,
    };
    checker.index(String::new(), None, &machine.start_at, &machine.states);
    checker.check_list();
    checker.issues
}

/// How a state reaches one of its targets, in document order of the serialized state.
#[derive(Clone, Copy)]
enum Field {
    Rule(usize),
    Default,
    Catch(usize),
    Next,
}

/// Calls `visit` for every outgoing transition of `state`, in the order the fields are
/// serialized: Choice rules, `Default`, catchers, `Next`.
fn for_each_target<'a>(state: &'a State, mut visit: impl FnMut(Field, &'a StateName)) {
    if let State::Choice(choice) = state {
        for (index, rule) in choice.choices.iter().enumerate() {
            visit(Field::Rule(index), &rule.next);
        }
        if let Some(default) = &choice.default {
            visit(Field::Default, default);
        }
    }
    for (index, catcher) in state.catch().iter().enumerate() {
        visit(Field::Catch(index), &catcher.next);
    }
    if let Some(next) = state.transition().and_then(|transition| transition.next()) {
        visit(Field::Next, next);
    }
}

fn state_pointer(list_pointer: &str, name: impl AsRef<str>) -> String {
    format!(
        "{list_pointer}/States/{}",
        escape_pointer_segment(name.as_ref())
    )
}

impl<'a> Checker<'a> {
    /// First pass: numbers the lists in pre-order and records where each name first occurs.
    fn index(
        &mut self,
        pointer: String,
        owner: Option<&'a StateName>,
        start_at: &'a StateName,
        states: &'a States,
    ) {
        let id = self.lists.len();
        self.lists.push(List {
            pointer,
            owner,
            start_at,
            states,
        });
        for (index, (name, state)) in states.iter().enumerate() {
            if !self.flat {
                self.first.entry(name.as_str()).or_insert((id, index));
            }
            for (pointer, nested_start, nested_states) in nested_lists(state) {
                let base = state_pointer(&self.lists[id].pointer, name);
                self.index(
                    format!("{base}{pointer}"),
                    Some(name),
                    nested_start,
                    nested_states,
                );
            }
        }
    }

    /// Where `name` first occurs in the machine.
    fn first_place(&self, name: &str) -> Option<Place> {
        if self.flat {
            self.lists
                .first()
                .and_then(|list| list.states.index_of(name))
                .map(|index| (0, index))
        } else {
            self.first.get(name).copied()
        }
    }

    fn place_pointer(&self, (list, index): Place) -> String {
        let list = &self.lists[list];
        let name = list
            .states
            .get_index(index)
            .map_or("", |(name, _)| name.as_str());
        state_pointer(&list.pointer, name)
    }

    fn push(
        &mut self,
        kind: GraphIssueKind,
        pointer: String,
        state: Option<&StateName>,
        message: String,
        hint: Option<String>,
    ) {
        self.issues.push(GraphIssue {
            kind,
            pointer,
            state: state.cloned(),
            message,
            hint,
        });
    }

    /// Second pass: checks the next list in pre-order, then (from inside) its nested lists.
    fn check_list(&mut self) {
        let id = self.next_list;
        self.next_list += 1;
        let Some(list) = self.lists.get(id) else {
            return;
        };
        let (owner, start_at, states) = (list.owner, list.start_at, list.states);
        let start_index = states.index_of(start_at.as_str());
        if start_index.is_none() {
            self.report_start_at(id);
        }
        let mut transitions = Transitions::resolve(states);
        self.guess_missing(states, &mut transitions);
        let reachable = start_index.map(|start| transitions.reachable_from(start, states.len()));
        if let Some(reachable) = &reachable {
            let ends = states
                .iter()
                .zip(reachable)
                .any(|((_, state), seen)| *seen && state.is_terminal());
            // A reachable transition to a missing state may be the way to the end: that
            // error alone is reported. Not so when the walk followed its typo's guess: the
            // list has no end even with the typo fixed.
            let broken = (0..states.len()).any(|index| {
                reachable.get(index).copied().unwrap_or(false) && transitions.leads_nowhere(index)
            });
            if !ends && !broken {
                self.push(
                    GraphIssueKind::NoReachableTerminal,
                    format!("{}/StartAt", self.lists[id].pointer),
                    owner,
                    format!(
                        "no terminal state is reachable from `{start_at}`, so executions of this list can never end"
                    ),
                    Some(
                        "end a path with `\"End\": true`, a Succeed state or a Fail state"
                            .to_owned(),
                    ),
                );
            }
        }
        // Which states some transition enters, counted only when a state is unreachable
        // (rare): AWS refuses a state nothing enters, not a loop that nothing enters.
        let entered = reachable
            .as_ref()
            .filter(|reachable| reachable.contains(&false))
            .map(|_| transitions.entered(states.len()));
        for (index, (name, state)) in states.iter().enumerate() {
            self.check_name(id, index, name);
            if reachable
                .as_ref()
                .is_some_and(|reachable| !reachable[index])
            {
                let pointer = state_pointer(&self.lists[id].pointer, name);
                if entered
                    .as_ref()
                    .is_some_and(|entered| entered.get(index).copied().unwrap_or(false))
                {
                    self.push(
                        GraphIssueKind::ReachedOnlyFromUnreachable,
                        pointer,
                        Some(name),
                        format!(
                            "state `{name}` cannot be reached from `StartAt` (`{start_at}`): only states that are never reached themselves lead to it"
                        ),
                        Some("a loop or path that no transition enters never runs; connect it, or remove it".to_owned()),
                    );
                } else {
                    self.push(
                        GraphIssueKind::Unreachable,
                        pointer,
                        Some(name),
                        format!(
                            "state `{name}` cannot be reached from `StartAt` (`{start_at}`): no transition leads to it"
                        ),
                        None,
                    );
                }
            }
            for _ in nested_lists(state) {
                self.check_list();
            }
            let mut resolved = transitions.of(index).iter();
            for_each_target(state, |field, target| {
                let found = match resolved.next() {
                    Some(found) => found.is_some(),
                    None => states.contains(target.as_str()),
                };
                if !found {
                    self.report_target(id, name, field, target);
                }
            });
        }
    }

    /// Guesses, for each transition to a state that no list has, the state of this list
    /// its "did you mean" hint names: reachability is judged as if the typo were fixed, so
    /// that the state meant (and the states after it) are not reported as unreachable too.
    fn guess_missing(&self, states: &States, transitions: &mut Transitions) {
        if !transitions.targets.contains(&None) {
            return;
        }
        let mut slot = 0;
        for (_, state) in states.iter() {
            for_each_target(state, |_, target| {
                if transitions.targets.get(slot) == Some(&None)
                    && self.first_place(target.as_str()).is_none()
                    && let Some(meant) =
                        closest(target.as_str(), states.names().map(StateName::as_str))
                    && let Some(guess) = transitions.guessed.get_mut(slot)
                {
                    *guess = states.index_of(meant);
                }
                slot += 1;
            });
        }
    }

    fn report_start_at(&mut self, id: usize) {
        let list = &self.lists[id];
        let pointer = format!("{}/StartAt", list.pointer);
        let start_at = list.start_at;
        let shown = crate::shorten::quoted(start_at.as_str());
        let (message, hint) = match self.first_place(start_at.as_str()) {
            Some(place) => (
                format!(
                    "`StartAt` names `{shown}`, which is a state of another list ({}); a list must start with one of its own states",
                    self.place_pointer(place)
                ),
                None,
            ),
            None if list.states.is_empty() => (
                format!("`StartAt` names `{shown}`, but the list has no states"),
                None,
            ),
            None => (
                format!("`StartAt` names `{shown}`, but no state of this list has that name"),
                closest(
                    start_at.as_str(),
                    list.states.names().map(StateName::as_str),
                )
                .map(|name| format!("did you mean `{name}`?")),
            ),
        };
        let owner = list.owner;
        self.push(
            GraphIssueKind::MissingStartAt,
            pointer,
            owner,
            message,
            hint,
        );
    }

    fn check_name(&mut self, id: usize, index: usize, name: &StateName) {
        let duplicate_of = if self.flat {
            None
        } else {
            self.first
                .get(name.as_str())
                .copied()
                .filter(|first| *first != (id, index))
        };
        // A name of at most 80 bytes has at most 80 characters: only longer ones are counted.
        let chars = if name.as_str().len() <= StateName::MAX_CHARS {
            0
        } else {
            name.char_count()
        };
        if !name.as_str().is_empty() && chars <= StateName::MAX_CHARS && duplicate_of.is_none() {
            return;
        }
        let pointer = state_pointer(&self.lists[id].pointer, name);
        if name.as_str().is_empty() {
            self.push(
                GraphIssueKind::EmptyName,
                pointer.clone(),
                Some(name),
                "a state name must not be empty".to_owned(),
                None,
            );
        }
        if chars > StateName::MAX_CHARS {
            self.push(
                GraphIssueKind::NameTooLong,
                pointer.clone(),
                Some(name),
                format!(
                    "state name `{name}` has {chars} characters, more than the limit of {}",
                    StateName::MAX_CHARS
                ),
                None,
            );
        }
        if let Some(first) = duplicate_of {
            let message = format!(
                "state name `{name}` is already used at {}",
                self.place_pointer(first)
            );
            self.push(
                GraphIssueKind::DuplicateName,
                pointer,
                Some(name),
                message,
                Some(
                    "state names must be unique across the whole machine, nested lists included"
                        .to_owned(),
                ),
            );
        }
    }

    /// Reports a transition to a state that is not in the list.
    fn report_target(&mut self, id: usize, holder: &StateName, field: Field, target: &StateName) {
        let list = &self.lists[id];
        let state = state_pointer(&list.pointer, holder);
        let (pointer, what) = match field {
            Field::Next => (
                format!("{state}/Next"),
                format!("`Next` of state `{holder}`"),
            ),
            Field::Default => (
                format!("{state}/Default"),
                format!("`Default` of Choice state `{holder}`"),
            ),
            Field::Rule(index) => (
                format!("{state}/Choices/{index}/Next"),
                format!("`Next` of rule {index} of Choice state `{holder}`"),
            ),
            Field::Catch(index) => (
                format!("{state}/Catch/{index}/Next"),
                format!("`Next` of catcher {index} of state `{holder}`"),
            ),
        };
        let shown = crate::shorten::quoted(target.as_str());
        let (kind, message, hint) = match self.first_place(target.as_str()) {
            Some(place) => (
                GraphIssueKind::TargetOutOfScope,
                format!(
                    "{what} names `{shown}`, which is a state of another list ({}); transitions cannot enter or leave a Parallel branch or Map item processor",
                    self.place_pointer(place)
                ),
                None,
            ),
            None => (
                GraphIssueKind::UnknownTarget,
                format!("{what} names `{shown}`, but no state has that name"),
                closest(target.as_str(), list.states.names().map(StateName::as_str))
                    .map(|name| format!("did you mean `{name}`?")),
            ),
        };
        self.push(kind, pointer, Some(holder), message, hint);
    }
}

/// The lists nested in a state, with the pointer suffix leading to each.
fn nested_lists(state: &State) -> Vec<(String, &StateName, &States)> {
    match state {
        State::Parallel(parallel) => parallel
            .branches
            .iter()
            .enumerate()
            .map(|(index, branch)| {
                (
                    format!("/Branches/{index}"),
                    &branch.start_at,
                    &branch.states,
                )
            })
            .collect(),
        State::Map(map) => {
            let key = match map.processor_key {
                ProcessorKey::ItemProcessor => "/ItemProcessor",
                ProcessorKey::Iterator => "/Iterator",
            };
            vec![(
                key.to_owned(),
                &map.item_processor.start_at,
                &map.item_processor.states,
            )]
        }
        _ => Vec::new(),
    }
}

/// Every transition of a state list, resolved to the index of its target in the list once,
/// for both the reachability walk and the target checks.
struct Transitions {
    /// The targets, state by state, each in the order of [`for_each_target`].
    targets: Vec<Option<usize>>,
    /// For each missing target, the state its name is likely a typo of (see
    /// `Checker::guess_missing`), which the reachability walk follows instead.
    guessed: Vec<Option<usize>>,
    /// The Choice states with no rules: where their rules would lead is unknown, so the
    /// reachability walk takes them to lead anywhere in the list (their `empty-array`
    /// error is the one to report, not the states only those rules would reach).
    open: Vec<usize>,
    /// Where the targets of each state begin in `targets`, and where the last ones end.
    starts: Vec<usize>,
}

impl Transitions {
    fn resolve(states: &States) -> Self {
        let mut targets = Vec::with_capacity(states.len() * 2);
        let mut starts = Vec::with_capacity(states.len() + 1);
        let mut open = Vec::new();
        for (index, (_, state)) in states.iter().enumerate() {
            starts.push(targets.len());
            for_each_target(state, |_, target| {
                targets.push(states.index_of(target.as_str()));
            });
            if let State::Choice(choice) = state
                && choice.choices.is_empty()
            {
                open.push(index);
            }
        }
        starts.push(targets.len());
        Self {
            guessed: vec![None; targets.len()],
            targets,
            starts,
            open,
        }
    }

    /// The resolved targets of the state at `index`.
    fn of(&self, index: usize) -> &[Option<usize>] {
        match (self.starts.get(index), self.starts.get(index + 1)) {
            (Some(&start), Some(&end)) => self.targets.get(start..end).unwrap_or_default(),
            _ => &[],
        }
    }

    /// Whether the state at `index` has a transition to a missing state with no guess for
    /// the state meant: where it leads is unknown.
    fn leads_nowhere(&self, index: usize) -> bool {
        let (start, end) = match (self.starts.get(index), self.starts.get(index + 1)) {
            (Some(&start), Some(&end)) => (start, end),
            _ => (0, 0),
        };
        (start..end).any(|slot| {
            self.targets.get(slot).copied().flatten().is_none()
                && self.guessed.get(slot).copied().flatten().is_none()
        })
    }

    /// Which of the `count` states are the target of some transition of the list (a
    /// state's transition to itself included).
    fn entered(&self, count: usize) -> Vec<bool> {
        let mut entered = vec![false; count];
        for &target in self.targets.iter().flatten() {
            if let Some(entered) = entered.get_mut(target) {
                *entered = true;
            }
        }
        entered
    }

    /// The targets of the state at `index` for the reachability walk: the resolved ones,
    /// and the guesses for missing ones.
    fn walked(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let (start, end) = match (self.starts.get(index), self.starts.get(index + 1)) {
            (Some(&start), Some(&end)) => (start, end),
            _ => (0, 0),
        };
        (start..end).filter_map(|slot| {
            self.targets
                .get(slot)
                .copied()
                .flatten()
                .or_else(|| self.guessed.get(slot).copied().flatten())
        })
    }

    /// Which of the `count` states some chain of transitions from `start` reaches (a
    /// reached Choice state with no rules reaching them all).
    fn reachable_from(&self, start: usize, count: usize) -> Vec<bool> {
        let mut seen = vec![false; count];
        let mut pending = Vec::new();
        if let Some(first) = seen.get_mut(start) {
            *first = true;
            pending.push(start);
        }
        while let Some(index) = pending.pop() {
            if self.open.contains(&index) {
                return vec![true; count];
            }
            for next in self.walked(index) {
                if let Some(visited) = seen.get_mut(next)
                    && !*visited
                {
                    *visited = true;
                    pending.push(next);
                }
            }
        }
        seen
    }
}
