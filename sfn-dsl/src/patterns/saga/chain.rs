//! A saga as a chain of states: the steps' actions in order, then the one unwind chain
//! they share.

use super::catcher::{FailEnd, Target};
use super::{Saga, Steps};
use crate::builder::Chain;

impl From<Saga> for Chain {
    fn from(mut saga: Saga) -> Self {
        let steps = std::mem::take(&mut saga.steps);
        if steps.len == 0 {
            return Chain::new();
        }
        // With an `on_compensated` chain, a step's Fail state always enters the unwinding;
        // without one, it raises its error itself while nothing is undone yet, as the end
        // of the unwinding would. (Read before the chain is taken below.)
        let handled = saga.on_compensated.is_some();

        let last_entering = last_entering(&steps, handled);
        // The steps whose compensation may run: those before the last entering one.
        let undoable = last_entering.unwrap_or(0);
        let end = match (last_entering, saga.on_compensated.take()) {
            (None, _) => Chain::new(),
            (Some(_), Some(chain)) => *chain,
            (Some(_), None) => saga.failure(),
        };
        // The actions, in order, remembering which states belong to which step; each step's
        // chains are moved once, the action into the main path and the compensation aside.
        // Room for every state, the end's included, and one that follows the saga (the usual
        // `Chain::from(saga).next(..)`), so that the list is not copied as it grows.
        let total = steps
            .iter()
            .enumerate()
            .map(|(index, (action, compensation))| {
                let compensation = compensation
                    .as_ref()
                    .filter(|_| index < undoable)
                    .map_or(0, |chain| chain.nodes.len());
                action.nodes.len() + compensation
            })
            .sum::<usize>()
            + end.nodes.len()
            + 1;
        let mut chain = Chain::new();
        let mut step_nodes = Vec::with_capacity(steps.len);
        let mut compensations = Vec::with_capacity(steps.len);
        // Block by block: a flattening iterator would move each step once more.
        for block in steps.blocks {
            for (action, compensation) in block {
                let offset = chain.nodes.len();
                chain.append(action);
                chain.reserve(total);
                step_nodes.push(offset..chain.nodes.len());
                compensations.push(compensation);
            }
        }
        if last_entering.is_none() {
            // Nothing can fail into the unwinding: the saga is its actions.
            saga.check_error_field(&mut chain, None);
            return chain;
        }

        // The shared unwind chain: compensations of the steps before the last one that can
        // enter it, in reverse, then the end. `entry[i]` is where step i's compensation
        // starts in it.
        let mut unwind = Chain::new();
        let mut entry = vec![None; compensations.len()];
        compensations.truncate(undoable);
        // Room for every compensation and the end, so that the list is not copied as it
        // grows.
        let unwind_total = compensations
            .iter()
            .flatten()
            .map(|compensation| compensation.nodes.len())
            .sum::<usize>()
            + end.nodes.len();
        for (index, compensation) in compensations.into_iter().enumerate().rev() {
            if let Some(compensation) = compensation {
                let offset = unwind.nodes.len();
                unwind.append(saga.prepare(compensation));
                unwind.reserve(unwind_total);
                if unwind.nodes.len() > offset {
                    entry[index] = Some(offset);
                }
            }
        }
        let end_target = match (&end.jump, end.nodes.is_empty()) {
            (_, false) => Target::Node(unwind.nodes.len()),
            (Some(name), true) => Target::Name(name.clone()),
            (None, true) => Target::Open,
        };
        unwind.append(end);

        // Merged after the main path; indexes shift by `offset`, names may be renamed.
        let offset = chain.nodes.len();
        chain.absorb(unwind, true);
        let shift = |target: Target| match target {
            Target::Node(index) => Target::Node(index + offset),
            other => other,
        };

        let mut target = shift(end_target);
        let end = target.clone();
        let mut first_catcher = None;
        for (step, nodes) in step_nodes.into_iter().enumerate() {
            let fail = match (handled, target == end) {
                (true, _) => FailEnd::Handled,
                (false, true) => FailEnd::Stays,
                (false, false) => FailEnd::Reraised,
            };
            for node in nodes {
                if let Some(catcher) = saga.unwind_from(&mut chain, node, &target, fail) {
                    first_catcher.get_or_insert((node, catcher));
                }
            }
            if let Some(Some(start)) = entry.get(step) {
                target = Target::Node(start + offset);
            }
        }
        saga.check_error_field(&mut chain, first_catcher);
        chain
    }
}

/// The last step that can enter the unwinding, if any: only such a step needs the
/// compensations before it, and only a saga with one needs the end, since AWS refuses a
/// state nothing enters. A state enters it through the saga's catcher or as a Fail state
/// (which unwinds once something before it is undone, or when the saga is `handled` by an
/// `on_compensated` chain); Pass, Wait, Choice and Succeed states cannot have a catcher,
/// so their errors (a Choice without a match, a path that is not found) end the execution
/// without unwinding, as they would outside a saga.
fn last_entering(steps: &Steps, handled: bool) -> Option<usize> {
    let mut undone_before = false;
    let mut last = None;
    for (index, (action, compensation)) in steps.iter().enumerate() {
        if super::catcher::can_enter(action, handled || undone_before) {
            last = Some(index);
        }
        undone_before |= compensation
            .as_ref()
            .is_some_and(|chain| !chain.nodes.is_empty());
    }
    last
}
