//! Final state names: the ones fixed by `#[sfn(name = ..)]`/`.name(..)` as written, the
//! others derived from the code and made unique across the whole machine.

use std::collections::{BTreeSet, HashMap};

use super::graph::{Graph, Kind, ScopeId, StateId, Target};
use crate::ctxt::Ctxt;

/// The states of a list in document order, nested lists after their Parallel/Map state.
pub(crate) fn document_order(graph: &Graph, scope: ScopeId, out: &mut Vec<StateId>) {
    let Some(scope) = graph.scopes.get(scope) else {
        return;
    };
    for &id in &scope.states {
        let Some(state) = graph.states.get(id) else {
            continue;
        };
        if state.removed {
            continue;
        }
        out.push(id);
        match &state.kind {
            Kind::Parallel { branches } => {
                for &branch in branches {
                    document_order(graph, branch, out);
                }
            }
            Kind::Map { processor, .. } => document_order(graph, *processor, out),
            _ => {}
        }
    }
}

const MAX_CHARS: usize = 80;

pub(crate) fn assign(ctxt: &Ctxt, graph: &Graph) -> HashMap<StateId, String> {
    let mut order = Vec::new();
    document_order(graph, 0, &mut order);
    // Unwind-chain states live in scope 0 but are listed through it too.
    let mut names = HashMap::new();
    let mut taken = BTreeSet::new();
    for &id in &order {
        let Some((name, span)) = graph
            .states
            .get(id)
            .and_then(|state| state.fixed_name.clone())
        else {
            continue;
        };
        if name.is_empty() || name.chars().count() > MAX_CHARS {
            ctxt.error_at(
                span,
                format!("a state name has 1 to {MAX_CHARS} characters"),
            );
        }
        if !taken.insert(name.clone()) {
            ctxt.error_at(
                span,
                format!("state name `{name}` is used twice; state names are unique in a machine"),
            );
        }
        names.insert(id, name);
    }
    for &id in &order {
        if names.contains_key(&id) {
            continue;
        }
        let Some(state) = graph.states.get(id) else {
            continue;
        };
        let base: String = state.base_name.chars().take(MAX_CHARS - 4).collect();
        let mut name = base.clone();
        let mut suffix = 2;
        while !taken.insert(name.clone()) {
            name = format!("{base}{suffix}");
            suffix += 1;
        }
        names.insert(id, name);
    }
    names
}

/// The state a target names, if any.
pub(crate) fn target_name(names: &HashMap<StateId, String>, target: Target) -> Option<&str> {
    match target {
        Target::State(id) => names.get(&id).map(String::as_str),
        Target::End | Target::Unwind(_) | Target::Cleanups(_) => None,
    }
}
