//! Cycles of states that never pause: a loop with no Wait state (and no task that waits for
//! a job, a callback or an activity) can spin through thousands of transitions a second.

use super::code::Code;
use super::cx::Cx;
use super::diagnostic::Diagnostic;
use crate::model::{IntegrationPattern, Resource, State, States};
use crate::source::Pointer;

/// The indices of the states each state of the list can go to (`Next`, `Default`, Choice
/// rules and catchers); transitions to missing states are left out.
pub(super) fn successors(states: &States) -> Vec<Vec<usize>> {
    states
        .iter()
        .map(|(_, state)| {
            state
                .targets()
                .iter()
                .filter_map(|target| states.index_of(target.name.as_str()))
                .collect()
        })
        .collect()
}

pub(super) fn check_list(cx: &mut Cx<'_>, states: &States, pointer: &Pointer<'_>) {
    let successors = successors(states);
    // Every cycle has an edge to an earlier (or the same) state in document order.
    let has_back_edge = successors
        .iter()
        .enumerate()
        .any(|(from, targets)| targets.iter().any(|&to| to <= from));
    if !has_back_edge {
        return;
    }
    for component in strongly_connected(&successors) {
        let is_cycle = component.len() > 1
            || component
                .first()
                .is_some_and(|&node| successors[node].contains(&node));
        if !is_cycle {
            continue;
        }
        let members: Vec<(&crate::model::StateName, &State)> = component
            .iter()
            .filter_map(|&index| states.get_index(index))
            .collect();
        if members.iter().any(|(_, state)| pauses(state)) {
            continue;
        }
        let Some((first, _)) = members.first() else {
            continue;
        };
        let names: Vec<String> = members
            .iter()
            .map(|(name, _)| format!("`{name}`"))
            .collect();
        cx.push(
            Diagnostic::new(
                Code::LoopWithoutWait,
                pointer.key(first.as_str()).to_string(),
                format!(
                    "the states {} form a loop with no Wait state; if it polls, it runs as fast as it can, using up state transitions and quotas",
                    names.join(", ")
                ),
            )
            .with_state(first.as_str())
            .with_hint("add a Wait state to the loop, or use a `.sync` or `.waitForTaskToken` integration"),
        );
    }
}

/// Whether entering the state takes time by design.
fn pauses(state: &State) -> bool {
    match state {
        State::Wait(_) => true,
        State::Task(task) => {
            matches!(task.resource, Resource::Activity(_))
                || task.resource.pattern() != IntegrationPattern::RequestResponse
        }
        _ => false,
    }
}

/// Tarjan's algorithm, iteratively; components come out with their members in
/// ascending (document) order, components in reverse topological order.
fn strongly_connected(successors: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNVISITED: usize = usize::MAX;
    let count = successors.len();
    let mut index = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut next_index = 0;
    for root in 0..count {
        if index[root] != UNVISITED {
            continue;
        }
        // (node, position of the next successor to visit)
        let mut work = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(top) = work.last_mut() {
            let node = top.0;
            if let Some(&next) = successors[node].get(top.1) {
                top.1 += 1;
                if index[next] == UNVISITED {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
        }
    }
    components
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn finds_cycles_and_singletons() {
        // 0 -> 1 -> 2 -> 1, 2 -> 3, 3 -> 3
        let graph = vec![vec![1], vec![2], vec![1, 3], vec![3]];
        let mut components = strongly_connected(&graph);
        components.sort();
        assert_eq!(components, vec![vec![0], vec![1, 2], vec![3]]);
    }

    #[test]
    fn long_chains_do_not_recurse() {
        let graph: Vec<Vec<usize>> = (0..100_000)
            .map(|node| vec![node + 1])
            .chain([vec![]])
            .collect();
        assert_eq!(strongly_connected(&graph).len(), 100_001);
    }
}
