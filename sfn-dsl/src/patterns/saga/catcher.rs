//! The saga's catchers: how each state of a step's action enters the unwinding.

use super::Saga;
use crate::builder::arg::field_path::string_literal;
use crate::builder::{Chain, Node, NodeState, Slot};
use crate::model::{
    Catcher, ErrorName, Jsonata, Nullable, Payload, QueryLanguage, ReferencePath, StateName,
    Transition,
};

/// Where a catcher of a failing step goes.
#[derive(Clone, PartialEq)]
pub(super) enum Target {
    /// The node at this index of the merged chain.
    Node(usize),
    /// A state outside the saga (the `on_compensated` chain was a jump).
    Name(StateName),
    /// Whatever follows the saga (the `on_compensated` chain was empty).
    Open,
}

impl Saga {
    /// Reports an error field the states could not agree on at the first catcher the saga
    /// added (`first_catcher`: node and catcher index), or at the first state when no step
    /// can fail (the end of the unwinding still reads it, though no state reaches it).
    pub(super) fn check_error_field(
        &self,
        chain: &mut Chain,
        first_catcher: Option<(usize, usize)>,
    ) {
        let field = match self.language {
            QueryLanguage::JsonPath => "/ResultPath",
            QueryLanguage::Jsonata => "/Output",
        };
        let (node, field) = match first_catcher {
            Some((node, catcher)) => (node, format!("/Catch/{catcher}{field}")),
            None => (0, String::new()),
        };
        if let (Some(problem), Some(state)) = (
            super::field_name_problem("Saga::error_field", "error", &self.error_field, &field),
            chain.nodes.get_mut(node),
        ) {
            state.problems.push(problem);
        }
    }

    /// Makes `node` of a step's action enter the unwinding at `target`: a Task, Parallel or
    /// Map state gets the saga's catcher (whose index is returned), a Fail state records
    /// its error and continues there, unless `fail_stays` (it raises the error alike).
    pub(super) fn unwind_from(
        &self,
        chain: &mut Chain,
        node: usize,
        target: &Target,
        fail_stays: bool,
    ) -> Option<usize> {
        // The step's Task, Parallel and Map states get the catcher, unless a catcher of
        // their own already takes every error; its Fail states unwind instead of ending the
        // execution.
        let kind = chain.nodes.get(node).and_then(unwinds)?;
        if kind == Unwind::Fail && fail_stays {
            return None;
        }
        let next = match target {
            Target::Node(index) => chain
                .nodes
                .get(*index)
                .map(|node| node.name.clone())
                .unwrap_or_default(),
            Target::Name(name) => name.clone(),
            Target::Open => StateName::default(),
        };
        let state = chain.nodes.get_mut(node)?;
        let open = matches!(target, Target::Open);
        if kind == Unwind::Fail {
            let transition = if open {
                Transition::End
            } else {
                Transition::Next(next)
            };
            self.record_failure(&mut state.state, transition);
            if open {
                chain.open.push(Slot::Next(node));
            }
            return None;
        }
        let catcher = state.push_catcher(self.catcher(next))?;
        if open {
            chain.open.push(Slot::Catch(node, catcher));
        }
        Some(catcher)
    }

    fn catcher(&self, next: StateName) -> Catcher {
        let mut catcher = Catcher::new(ErrorName::all_only(), next);
        let field = &self.error_field;
        match self.language {
            QueryLanguage::JsonPath => {
                // The default field's path is shared by every catcher, not copied.
                let path = if field == "error" {
                    ReferencePath::from_static("$.error")
                } else {
                    ReferencePath::new(["$.", field.as_str()].concat())
                };
                catcher.result_path = Some(Nullable::Value(path));
            }
            QueryLanguage::Jsonata => {
                catcher.output = Some(Payload::Jsonata(Jsonata::new(format!(
                    " $merge([$states.input, {{{}: $states.errorOutput}}]) ",
                    string_literal(field)
                ))));
            }
        }
        catcher
    }
}

/// How a state of a step's action takes part in the unwinding.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unwind {
    /// A Task, Parallel or Map state: it gets the saga's catcher.
    Catch,
    /// A Fail state: it records its error and enters the unwinding instead.
    Fail,
}

/// How `node` of a step's action takes part in the unwinding, if it does.
fn unwinds(node: &Node) -> Option<Unwind> {
    match &node.state {
        NodeState::Fail(_) => Some(Unwind::Fail),
        state if node.is_catchable() => {
            // A catcher of the step's own for every error takes the failure over; the
            // saga's would come after it, where AWS refuses one.
            let catches_all = state.catchers().is_some_and(|catchers| {
                catchers
                    .iter()
                    .any(|catcher| catcher.error_equals.contains(&ErrorName::All))
            });
            (!catches_all).then_some(Unwind::Catch)
        }
        _ => None,
    }
}
