//! Events of concurrent branches and iterations, which may be recorded in any order.
//!
//! AWS runs the branches of a Parallel state and the iterations of a Map state on separate
//! workers, so the interleaving of their events varies from run to run
//! (`test_service_lambda_map_timeout` starts all four iterations before scheduling any
//! task; a local run schedules each task as its iteration starts). Both the conformance
//! runner and `replay` therefore accept the same events in another order there.

use std::collections::HashMap;
use std::hash::Hash;

use sfn_dsl::StateMachine;

/// Whether `machine` has states whose branches or iterations run concurrently (Parallel
/// or Map states), so that its events may be recorded in another order than a local run
/// writes them.
pub(crate) fn runs_concurrently(machine: &StateMachine) -> bool {
    machine
        .all_states()
        .iter()
        .any(|(_, state)| matches!(state, sfn_dsl::State::Parallel(_) | sfn_dsl::State::Map(_)))
}

/// The event types that open a run of concurrent events.
pub(crate) const CONCURRENCY_STARTS: &[&str] = &["ParallelStateStarted", "MapStateStarted"];

/// The event types that close a run of concurrent events.
pub(crate) const CONCURRENCY_ENDS: &[&str] = &[
    "ParallelStateSucceeded",
    "ParallelStateFailed",
    "ParallelStateAborted",
    "MapStateSucceeded",
    "MapStateFailed",
    "MapStateAborted",
];

/// What is left after pairing two event lists regardless of order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unpaired {
    /// Every event has a partner.
    None,
    /// The first recorded event (by index) without a partner, with the first local event
    /// of its group left without one (its likely counterpart), if any.
    Recorded(usize, Option<usize>),
    /// Every recorded event has a partner; the first local one left over.
    Local(usize),
}

/// Pairs each recorded event with a local one that is `same`, regardless of order.
/// Events are only compared within the group `key` puts them in (their type, say), which
/// keeps long histories cheap; within a group the first unpaired local event that is
/// `same` is taken.
pub(crate) fn pair_unordered<R, L, K: Hash + Eq>(
    recorded: &[R],
    local: &[L],
    recorded_key: impl Fn(&R) -> K,
    local_key: impl Fn(&L) -> K,
    same: impl Fn(&R, &L) -> bool,
) -> Unpaired {
    let mut groups: HashMap<K, Vec<usize>> = HashMap::new();
    for (index, event) in local.iter().enumerate() {
        groups.entry(local_key(event)).or_default().push(index);
    }
    let mut paired = vec![false; local.len()];
    for (index, event) in recorded.iter().enumerate() {
        let partner = groups.get(&recorded_key(event)).and_then(|candidates| {
            candidates
                .iter()
                .copied()
                .find(|&candidate| !paired[candidate] && same(event, &local[candidate]))
        });
        if let Some(candidate) = partner {
            paired[candidate] = true;
            continue;
        }
        let counterpart = groups.get(&recorded_key(event)).and_then(|candidates| {
            candidates
                .iter()
                .copied()
                .find(|&candidate| !paired[candidate])
        });
        return Unpaired::Recorded(index, counterpart);
    }
    paired
        .iter()
        .position(|taken| !taken)
        .map_or(Unpaired::None, Unpaired::Local)
}

#[cfg(test)]
mod tests {
    use super::{Unpaired, pair_unordered};

    fn pair(recorded: &[&str], local: &[&str]) -> Unpaired {
        pair_unordered(recorded, local, |_| (), |_| (), |left, right| left == right)
    }

    #[test]
    fn the_same_events_in_another_order_pair_up() {
        assert_eq!(pair(&["a", "b", "b"], &["b", "a", "b"]), Unpaired::None);
        assert_eq!(
            pair(&["a", "c"], &["a", "b"]),
            Unpaired::Recorded(1, Some(1))
        );
        assert_eq!(pair(&["a"], &["a", "b"]), Unpaired::Local(1));
    }
}
