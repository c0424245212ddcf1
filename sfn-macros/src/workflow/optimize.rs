//! Clean-ups that make the machine read like hand-written ASL: nested Choices merged into
//! one, identical states shared, unused assignments and unreachable states dropped.

use std::collections::{BTreeSet, HashMap};

use super::graph::{Graph, Kind, Rule, StateId, Target};
use super::js::Js;
use super::render::fingerprint;

pub(crate) fn optimize(graph: &mut Graph) {
    loop {
        let mut changed = merge_choices(graph);
        changed |= share_identical(graph);
        changed |= drop_unreachable(graph);
        if !changed {
            break;
        }
    }
    drop_unused_assignments(graph);
}

fn predecessors(graph: &Graph) -> HashMap<StateId, usize> {
    let mut counts = HashMap::new();
    for state in graph.states.iter().filter(|state| !state.removed) {
        for target in state.targets() {
            if let Target::State(id) = target {
                *counts.entry(id).or_insert(0) += 1;
            }
        }
    }
    for scope in &graph.scopes {
        if let Some(Target::State(id)) = scope.start {
            *counts.entry(id).or_insert(0) += 1;
        }
    }
    counts
}

/// A Choice whose rule or default leads to another Choice reached from nowhere else takes
/// over that Choice's rules.
fn merge_choices(graph: &mut Graph) -> bool {
    let counts = predecessors(graph);
    for outer in 0..graph.states.len() {
        let Some(state) = graph.states.get(outer) else {
            continue;
        };
        if state.removed {
            continue;
        }
        let Kind::Choice { rules, default } = &state.kind else {
            continue;
        };
        let candidates: Vec<(Option<usize>, StateId)> = rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.assign.is_empty())
            .filter_map(|(index, rule)| match rule.next {
                Some(Target::State(id)) => Some((Some(index), id)),
                _ => None,
            })
            .chain(match default {
                Some(Target::State(id)) if state.assign.is_empty() => Some((None, *id)),
                _ => None,
            })
            .collect();
        let outer_scope = state.scope;
        for (position, inner) in candidates {
            if inner == outer || counts.get(&inner) != Some(&1) {
                continue;
            }
            let Some(inner_state) = graph.states.get(inner) else {
                continue;
            };
            if inner_state.removed
                || inner_state.fixed_name.is_some()
                || inner_state.scope != outer_scope
            {
                continue;
            }
            let Kind::Choice {
                rules: inner_rules,
                default: inner_default,
            } = inner_state.kind.clone()
            else {
                continue;
            };
            let inner_assign = inner_state.assign.clone();
            let Some(Kind::Choice { rules, default }) =
                graph.states.get_mut(outer).map(|state| &mut state.kind)
            else {
                continue;
            };
            if let Some(index) = position {
                let condition = rules[index].condition.clone();
                let mut replacement: Vec<Rule> = inner_rules
                    .into_iter()
                    .map(|rule| Rule {
                        condition: Js::and(condition.clone(), rule.condition).fold(),
                        ..rule
                    })
                    .collect();
                if let Some(inner_default) = inner_default {
                    replacement.push(Rule {
                        condition,
                        next: Some(inner_default),
                        assign: inner_assign,
                    });
                }
                rules.splice(index..=index, replacement);
            } else {
                rules.extend(inner_rules);
                *default = inner_default;
                if let Some(state) = graph.states.get_mut(outer) {
                    state.assign = inner_assign;
                }
            }
            if let Some(state) = graph.states.get_mut(inner) {
                state.removed = true;
            }
            return true;
        }
    }
    false
}

/// Two states of one list with the same content and transitions become one.
fn share_identical(graph: &mut Graph) -> bool {
    let mut seen: HashMap<(usize, String), StateId> = HashMap::new();
    let mut replace: Option<(StateId, StateId)> = None;
    for (id, state) in graph.states.iter().enumerate() {
        if state.removed
            || state.fixed_name.is_some()
            || matches!(state.kind, Kind::Parallel { .. } | Kind::Map { .. })
        {
            continue;
        }
        let key = (
            state.scope,
            format!("{}|{}", state.base_name, fingerprint(state)),
        );
        if let Some(&first) = seen.get(&key) {
            replace = Some((id, first));
            break;
        }
        seen.insert(key, id);
    }
    let Some((duplicate, keep)) = replace else {
        return false;
    };
    redirect(graph, duplicate, keep);
    if let Some(state) = graph.states.get_mut(duplicate) {
        state.removed = true;
    }
    true
}

fn redirect(graph: &mut Graph, from: StateId, to: StateId) {
    for state in &mut graph.states {
        for target in state.targets_mut() {
            if *target == Some(Target::State(from)) {
                *target = Some(Target::State(to));
            }
        }
    }
    for scope in &mut graph.scopes {
        if scope.start == Some(Target::State(from)) {
            scope.start = Some(Target::State(to));
        }
    }
}

fn drop_unreachable(graph: &mut Graph) -> bool {
    let mut reachable = BTreeSet::new();
    let mut stack: Vec<StateId> = graph
        .scopes
        .iter()
        .filter_map(|scope| match scope.start {
            Some(Target::State(id)) => Some(id),
            _ => None,
        })
        .collect();
    while let Some(id) = stack.pop() {
        if !reachable.insert(id) {
            continue;
        }
        if let Some(state) = graph.states.get(id) {
            for target in state.targets() {
                if let Target::State(next) = target {
                    stack.push(next);
                }
            }
        }
    }
    let mut changed = false;
    for (id, state) in graph.states.iter_mut().enumerate() {
        if !state.removed && !reachable.contains(&id) {
            state.removed = true;
            changed = true;
        }
    }
    changed
}

fn drop_unused_assignments(graph: &mut Graph) {
    loop {
        let mut reads = BTreeSet::new();
        for state in graph.states.iter().filter(|state| !state.removed) {
            state.each_js(&mut |js| js.vars(&mut reads));
        }
        let mut changed = false;
        for state in graph.states.iter_mut().filter(|state| !state.removed) {
            let before = state.assign.len();
            state.assign.retain(|(name, _)| reads.contains(name));
            changed |= state.assign.len() != before;
            for catcher in &mut state.catch {
                let before = catcher.assign.len();
                catcher.assign.retain(|(name, _)| reads.contains(name));
                changed |= catcher.assign.len() != before;
            }
            if let Kind::Choice { rules, .. } = &mut state.kind {
                for rule in rules {
                    let before = rule.assign.len();
                    rule.assign.retain(|(name, _)| reads.contains(name));
                    changed |= rule.assign.len() != before;
                }
            }
        }
        if !changed {
            break;
        }
    }
}
