//! Cycles of states that never pause: a loop with no Wait state (and no task that waits for
//! a job, a callback or an activity) can spin through thousands of transitions a second.

use super::code::Code;
use super::cx::Cx;
use super::diagnostic::Diagnostic;
use crate::model::{IntegrationPattern, Resource, State, StateName, States, Transition};
use crate::source::Pointer;

/// The indices of the states each state of a list can go to (`Next`, Choice rules,
/// `Default`, then catchers); transitions to missing states are left out. One flat array
/// for the whole list rather than a vector per state.
pub(super) struct Successors {
    /// Where the successors of each state start in `targets`, plus the end.
    offsets: Vec<usize>,
    targets: Vec<usize>,
    /// Whether some state goes to an earlier one (or itself) in document order: every
    /// cycle has such an edge, and most lists have none.
    back_edge: bool,
    /// Whether some transition names a state the list does not have (an error of its own).
    broken: bool,
}

impl Successors {
    /// The successors of the state at `index`.
    pub(super) fn of(&self, index: usize) -> &[usize] {
        match (self.offsets.get(index), self.offsets.get(index + 1)) {
            (Some(&start), Some(&end)) => self.targets.get(start..end).unwrap_or_default(),
            _ => &[],
        }
    }

    /// How many states there are.
    pub(super) fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Whether the list may hold a cycle.
    pub(super) fn may_have_cycle(&self) -> bool {
        self.back_edge
    }

    /// Whether some transition was left out because its target is missing.
    pub(super) fn is_broken(&self) -> bool {
        self.broken
    }

    #[cfg(test)]
    fn from_lists(lists: &[Vec<usize>]) -> Self {
        let mut offsets = vec![0];
        let mut targets = Vec::new();
        let mut back_edge = false;
        for (from, list) in lists.iter().enumerate() {
            back_edge |= list.iter().any(|&to| to <= from);
            targets.extend_from_slice(list);
            offsets.push(targets.len());
        }
        Self {
            offsets,
            targets,
            back_edge,
            broken: false,
        }
    }
}

pub(super) fn successors(states: &States) -> Successors {
    let mut offsets = Vec::with_capacity(states.len() + 1);
    let mut targets = Vec::with_capacity(states.len() * 2);
    offsets.push(0);
    let mut back_edge = false;
    let mut broken = false;
    for (from, (_, state)) in states.iter().enumerate() {
        let mut add = |targets: &mut Vec<usize>, name: &StateName| {
            if let Some(index) = states.index_of(name.as_str()) {
                back_edge |= index <= from;
                targets.push(index);
            } else {
                broken = true;
            }
        };
        // The order of `State::targets`, without building its vector.
        if let Some(name) = state.transition().and_then(Transition::next) {
            add(&mut targets, name);
        }
        if let State::Choice(choice) = state {
            for rule in &choice.choices {
                add(&mut targets, &rule.next);
            }
            if let Some(name) = &choice.default {
                add(&mut targets, name);
            }
        }
        for catcher in state.catch() {
            add(&mut targets, &catcher.next);
        }
        offsets.push(targets.len());
    }
    Successors {
        offsets,
        targets,
        back_edge,
        broken,
    }
}

pub(super) fn check_list(
    cx: &mut Cx<'_>,
    states: &States,
    successors: &Successors,
    pointer: &Pointer<'_>,
) {
    if !successors.may_have_cycle() {
        return;
    }
    for component in strongly_connected(successors) {
        let is_cycle = component.len() > 1
            || component
                .first()
                .is_some_and(|&node| successors.of(node).contains(&node));
        if !is_cycle {
            continue;
        }
        let members: Vec<(&StateName, &State)> = component
            .iter()
            .filter_map(|&index| states.get_index(index))
            .collect();
        if members.iter().any(|(_, state)| pauses(state)) {
            continue;
        }
        let Some((first, _)) = members.first() else {
            continue;
        };
        let mut names: Vec<String> = members
            .iter()
            .take(LOOP_NAMES_SHOWN)
            .map(|(name, _)| format!("`{name}`"))
            .collect();
        if members.len() > LOOP_NAMES_SHOWN {
            names.push(format!("and {} more", members.len() - LOOP_NAMES_SHOWN));
        }
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

/// How many states of a loop its message names (the others are counted).
const LOOP_NAMES_SHOWN: usize = 10;

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
fn strongly_connected(successors: &Successors) -> Vec<Vec<usize>> {
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
            if let Some(&next) = successors.of(node).get(top.1) {
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
    use super::{Successors, strongly_connected};

    #[test]
    fn finds_cycles_and_singletons() {
        // 0 -> 1 -> 2 -> 1, 2 -> 3, 3 -> 3
        let graph = vec![vec![1], vec![2], vec![1, 3], vec![3]];
        let mut components = strongly_connected(&Successors::from_lists(&graph));
        components.sort();
        assert_eq!(components, vec![vec![0], vec![1, 2], vec![3]]);
    }

    #[test]
    fn long_chains_do_not_recurse() {
        let graph: Vec<Vec<usize>> = (0..100_000)
            .map(|node| vec![node + 1])
            .chain([vec![]])
            .collect();
        assert_eq!(
            strongly_connected(&Successors::from_lists(&graph)).len(),
            100_001
        );
    }
}
