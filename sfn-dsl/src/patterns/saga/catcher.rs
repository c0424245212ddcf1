//! The saga's catchers: how each state of a step's action enters the unwinding.

use super::Saga;
use crate::builder::arg::field_path::string_literal;
use crate::builder::{Chain, Node, NodeState, Problem, Slot};
use crate::error::BuildIssueKind;
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
    /// added (`first_catcher`: node and catcher index), or at the first state when there is
    /// none (a step's Fail state or the end of the unwinding reads it, or no step can enter
    /// the unwinding and nothing does: it is still not a field a saga can use).
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
    /// its error and continues there, unless `fail` says it stays (it raises the error
    /// alike).
    pub(super) fn unwind_from(
        &self,
        chain: &mut Chain,
        node: usize,
        target: &Target,
        fail: FailEnd,
    ) -> Option<usize> {
        // The step's Task, Parallel and Map states get the catcher, unless a catcher of
        // their own already takes every error; its Fail states unwind instead of ending the
        // execution.
        let kind = chain.nodes.get(node).and_then(unwinds)?;
        if kind == Unwind::Fail {
            match fail {
                FailEnd::Stays => return None,
                FailEnd::Reraised => {
                    if let Some(state) = chain.nodes.get_mut(node)
                        && let Some(problem) = without_error(&state.state)
                    {
                        state.problems.push(problem);
                    }
                }
                FailEnd::Handled => {}
            }
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

/// What becomes of a step's Fail state.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FailEnd {
    /// It stays a Fail state: nothing needs undoing yet, and the unwinding would only
    /// raise its error again.
    Stays,
    /// It enters the unwinding, whose end re-raises its error by name.
    Reraised,
    /// It enters the unwinding, which ends in the `on_compensated` chain.
    Handled,
}

/// The problem of a step's Fail state without an `Error` whose error the saga re-raises:
/// the end of the unwinding raises the recorded `Error` by name (`ErrorPath`, or a JSONata
/// `Error`), and reading it where there is none fails the execution with `States.Runtime`
/// (`States.QueryEvaluationError` in JSONata) instead, while AWS ends the execution of a
/// Fail state without one with no error at all, which no Fail state reading the saga's data
/// can do.
fn without_error(state: &NodeState) -> Option<Problem> {
    let NodeState::Fail(fail) = state else {
        return None;
    };
    fail.error.is_none().then(|| {
        Problem::new(
            BuildIssueKind::InvalidValue,
            "",
            "this Fail state of a saga step has no `Error`: it enters the unwinding, whose end re-raises the error by name, and a Fail state cannot raise a missing one",
        )
        .with_hint("give it an `Error` (`.error(…)` or `.error_path(…)`), or end the unwinding with `.on_compensated(…)`")
    })
}

/// Whether a step's `action` can enter the unwinding: whether one of its states gets the
/// saga's catcher, or is a Fail state and `fail_unwinds`.
pub(super) fn can_enter(action: &Chain, fail_unwinds: bool) -> bool {
    action.nodes.iter().any(|node| match unwinds(node) {
        Some(Unwind::Catch) => true,
        Some(Unwind::Fail) => fail_unwinds,
        None => false,
    })
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
