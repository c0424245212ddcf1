//! Flows: the dangling transitions waiting for the next state, with the assignments that
//! will ride on it.
//!
//! A pending assignment is written in terms of the variable values at the start of the
//! flow, so it can be evaluated by the next state's `Assign` (which sees the values as of
//! state entry) or moved back onto the previous state's `Assign` after substituting what
//! that state itself assigns.

use super::super::graph::{Assign, Catcher, Kind, State, StateId, Target, set};
use super::super::js::Js;
use super::Lowerer;

/// A transition not yet pointed anywhere.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Slot {
    Next(StateId),
    Rule(StateId, usize),
    Default(StateId),
    Catch(StateId, usize),
    /// The start of a state list.
    Entry(usize),
}

#[derive(Clone)]
pub(crate) struct Flow {
    pub(crate) exits: Vec<Slot>,
    pub(crate) pending: Assign,
}

impl Flow {
    pub(crate) fn entry(scope: usize) -> Self {
        Self {
            exits: vec![Slot::Entry(scope)],
            pending: Vec::new(),
        }
    }

    pub(crate) fn from(slot: Slot) -> Self {
        Self {
            exits: vec![slot],
            pending: Vec::new(),
        }
    }

    pub(crate) fn dead() -> Self {
        Self {
            exits: Vec::new(),
            pending: Vec::new(),
        }
    }

    pub(crate) fn is_dead(&self) -> bool {
        self.exits.is_empty()
    }

    /// Adds an assignment, closing it over the earlier pending ones.
    pub(crate) fn assign(&mut self, name: &str, value: &Js) {
        let closed = value.subst(&self.pending);
        set(&mut self.pending, name, closed);
    }
}

impl Lowerer<'_> {
    /// The assignment list a slot's assignments belong to.
    fn slot_assign(&mut self, slot: Slot) -> Option<&mut Assign> {
        match slot {
            Slot::Next(id) | Slot::Default(id) => {
                self.graph.states.get_mut(id).map(|state| &mut state.assign)
            }
            Slot::Rule(id, index) => {
                match self.graph.states.get_mut(id).map(|state| &mut state.kind) {
                    Some(Kind::Choice { rules, .. }) => {
                        rules.get_mut(index).map(|rule| &mut rule.assign)
                    }
                    _ => None,
                }
            }
            Slot::Catch(id, index) => self
                .graph
                .states
                .get_mut(id)
                .and_then(|state| state.catch.get_mut(index))
                .map(|catcher| &mut catcher.assign),
            Slot::Entry(_) => None,
        }
    }

    pub(crate) fn point(&mut self, slot: Slot, target: Target) {
        match slot {
            Slot::Next(id) => {
                if let Some(state) = self.graph.states.get_mut(id) {
                    state.next = Some(target);
                }
            }
            Slot::Rule(id, index) => {
                if let Some(Kind::Choice { rules, .. }) =
                    self.graph.states.get_mut(id).map(|state| &mut state.kind)
                    && let Some(rule) = rules.get_mut(index)
                {
                    rule.next = Some(target);
                }
            }
            Slot::Default(id) => {
                if let Some(Kind::Choice { default, .. }) =
                    self.graph.states.get_mut(id).map(|state| &mut state.kind)
                {
                    *default = Some(target);
                }
            }
            Slot::Catch(id, index) => {
                if let Some(catcher) = self
                    .graph
                    .states
                    .get_mut(id)
                    .and_then(|state| state.catch.get_mut(index))
                {
                    catcher.next = Some(target);
                }
            }
            Slot::Entry(scope) => {
                if let Some(scope) = self.graph.scopes.get_mut(scope) {
                    scope.start = Some(target);
                }
            }
        }
    }

    /// Moves the pending assignments onto the states the flow leaves, so the flow can join
    /// others (a merge or a loop head). A flow starting its state list gets a Pass state.
    pub(crate) fn flush(&mut self, flow: Flow) -> Flow {
        if flow.pending.is_empty() || flow.is_dead() {
            return flow;
        }
        if flow.exits.iter().any(|slot| matches!(slot, Slot::Entry(_))) {
            let mut state = State::new(self.scope, "Init".to_owned(), Kind::Pass);
            state.assign.clone_from(&flow.pending);
            let id = self.graph.add(state);
            for slot in &flow.exits {
                self.point(*slot, Target::State(id));
            }
            return Flow::from(Slot::Next(id));
        }
        for slot in &flow.exits {
            if let Some(assign) = self.slot_assign(*slot) {
                let before = assign.clone();
                for (name, value) in &flow.pending {
                    let moved = value.subst(&before);
                    set(assign, name, moved);
                }
            }
        }
        Flow {
            exits: flow.exits,
            pending: Vec::new(),
        }
    }

    /// Joins flows that continue at the same place.
    pub(crate) fn merge(&mut self, flows: Vec<Flow>) -> Flow {
        let live: Vec<Flow> = flows.into_iter().filter(|flow| !flow.is_dead()).collect();
        let Some(first) = live.first() else {
            return Flow::dead();
        };
        let same = live.iter().all(|flow| flow.pending == first.pending);
        let pending = if same {
            first.pending.clone()
        } else {
            Vec::new()
        };
        let mut exits = Vec::new();
        for flow in live {
            let flow = if same { flow } else { self.flush(flow) };
            exits.extend(flow.exits);
        }
        Flow { exits, pending }
    }

    /// Points a flow at a state that other flows also reach.
    pub(crate) fn join(&mut self, flow: Flow, target: Target) {
        let flow = self.flush(flow);
        for slot in flow.exits {
            self.point(slot, target);
        }
    }

    /// Adds a state reached by `flow` only: the pending assignments are inlined into its
    /// fields and ride on its `Assign` (a Choice passes them on to its branches instead).
    pub(crate) fn push(&mut self, flow: Flow, mut state: State) -> (StateId, Assign) {
        let pending = flow.pending;
        state.map_fields(&|js| js.subst(&pending));
        let passes_through = matches!(state.kind, Kind::Choice { .. });
        if !passes_through {
            state.assign.clone_from(&pending);
        }
        let id = self.graph.add(state);
        for slot in flow.exits {
            self.point(slot, Target::State(id));
        }
        (id, pending)
    }

    /// Adds a catcher to a state; the state's entry assignments ride on it too.
    pub(crate) fn add_catcher(
        &mut self,
        id: StateId,
        errors: Vec<String>,
        entry: &Assign,
        extra: Assign,
    ) -> Slot {
        let mut assign = entry.clone();
        for (name, value) in extra {
            set(&mut assign, &name, value);
        }
        let Some(state) = self.graph.states.get_mut(id) else {
            return Slot::Catch(id, 0);
        };
        state.catch.push(Catcher {
            errors,
            next: None,
            assign,
        });
        Slot::Catch(id, state.catch.len() - 1)
    }
}

impl State {
    /// Applies `f` to the expressions evaluated by the state itself (not its assignments).
    pub(crate) fn map_fields(&mut self, f: &impl Fn(&Js) -> Js) {
        match &mut self.kind {
            Kind::Task { arguments, .. } => {
                if let Some(arguments) = arguments {
                    *arguments = arguments.map(f);
                }
            }
            Kind::Choice { rules, .. } => {
                for rule in rules {
                    rule.condition = f(&rule.condition);
                }
            }
            Kind::Wait(
                super::super::graph::WaitFor::Seconds(js)
                | super::super::graph::WaitFor::Timestamp(js),
            ) => *js = f(js),
            Kind::Map {
                items,
                max_concurrency,
                ..
            } => {
                if let Some(items) = items {
                    *items = f(items);
                }
                if let Some(max) = max_concurrency {
                    *max = f(max);
                }
            }
            Kind::Fail { error, cause } => {
                *error = f(error);
                *cause = f(cause);
            }
            Kind::Pass | Kind::Succeed | Kind::Parallel { .. } => {}
        }
        if let Some(output) = &mut self.output {
            *output = output.map(f);
        }
    }
}
