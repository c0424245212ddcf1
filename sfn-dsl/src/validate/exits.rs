//! States with no way out: reachable from `StartAt`, but with no path of transitions to a
//! Succeed, Fail or `"End": true` state (ASL reference W-REACH-2). An execution that
//! enters them loops until it fails or times out.
//!
//! Errors are not counted as a way out: any Task can fail, and counting that would excuse
//! every loop. Catchers are transitions like any other, so a loop that leaves through a
//! catcher to the end is fine.

use super::code::Code;
use super::cx::Cx;
use super::diagnostic::Diagnostic;
use super::loops::Successors;
use crate::model::{StateName, States};
use crate::source::Pointer;

/// How many trapped states a message names before it counts the rest.
const NAMED: usize = 5;

pub(super) fn check_list(
    cx: &mut Cx<'_>,
    states: &States,
    start_at: &StateName,
    successors: &Successors,
    pointer: &Pointer<'_>,
) {
    // Without a cycle every path ends. A transition to a missing state is an error of its
    // own, and the states before it would only repeat it.
    if !successors.may_have_cycle() || successors.is_broken() {
        return;
    }
    let Some(start) = states.index_of(start_at.as_str()) else {
        return;
    };
    let reachable = reachable_from(start, successors);
    let ends = can_end(states, successors);
    // No end at all is the `no-reachable-terminal` error, reported by the graph rules.
    if !reachable
        .iter()
        .zip(&ends)
        .any(|(&seen, &ends)| seen && ends)
    {
        return;
    }
    let trapped: Vec<&StateName> = states
        .names()
        .zip(reachable.iter().zip(&ends))
        .filter(|(_, (seen, ends))| **seen && !**ends)
        .map(|(name, _)| name)
        .collect();
    let Some(first) = trapped.first() else {
        return;
    };
    let mut names: Vec<String> = trapped
        .iter()
        .take(NAMED)
        .map(|name| format!("`{name}`"))
        .collect();
    if trapped.len() > NAMED {
        names.push(format!("{} more", trapped.len() - NAMED));
    }
    let subject = if trapped.len() == 1 {
        format!("state {}", names.join(", "))
    } else {
        format!("the states {}", names.join(", "))
    };
    cx.push(
        Diagnostic::new(
            Code::NoPathToEnd,
            pointer.key(first.as_str()).to_string(),
            format!(
                "from {subject}, no transition leads to a Succeed, Fail or `End` state: an execution that gets there runs until it fails or times out"
            ),
        )
        .with_state(first.as_str())
        .with_hint("give the loop a way out, such as a Choice rule or `Default` that leads to the end"),
    );
}

/// Which states a walk from `start` can reach.
fn reachable_from(start: usize, successors: &Successors) -> Vec<bool> {
    let mut seen = vec![false; successors.len()];
    let mut pending = vec![start];
    while let Some(index) = pending.pop() {
        match seen.get_mut(index) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        pending.extend_from_slice(successors.of(index));
    }
    seen
}

/// Which states have a path to a terminal state: the terminal states, then, backwards,
/// every state with a transition to one already found.
fn can_end(states: &States, successors: &Successors) -> Vec<bool> {
    let count = successors.len();
    // The predecessors of each state, as one flat array (as `Successors` holds successors).
    let mut starts = vec![0usize; count + 1];
    for from in 0..count {
        for &to in successors.of(from) {
            if let Some(slot) = starts.get_mut(to + 1) {
                *slot += 1;
            }
        }
    }
    for index in 1..starts.len() {
        let before = starts.get(index - 1).copied().unwrap_or_default();
        if let Some(slot) = starts.get_mut(index) {
            *slot += before;
        }
    }
    let mut filled = starts.clone();
    let mut predecessors = vec![0usize; starts.last().copied().unwrap_or_default()];
    for from in 0..count {
        for &to in successors.of(from) {
            if let Some(at) = filled.get_mut(to)
                && let Some(slot) = predecessors.get_mut(*at)
            {
                *slot = from;
                *at += 1;
            }
        }
    }
    let mut ends: Vec<bool> = states
        .iter()
        .map(|(_, state)| state.is_terminal())
        .collect();
    let mut pending: Vec<usize> = (0..count)
        .filter(|&index| ends.get(index).copied().unwrap_or_default())
        .collect();
    while let Some(index) = pending.pop() {
        let (Some(&from), Some(&to)) = (starts.get(index), starts.get(index + 1)) else {
            continue;
        };
        for &before in predecessors.get(from..to).unwrap_or_default() {
            if let Some(end) = ends.get_mut(before)
                && !*end
            {
                *end = true;
                pending.push(before);
            }
        }
    }
    ends
}
