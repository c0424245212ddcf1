//! A saga as a chain of states: the steps' actions in order, then the one unwind chain
//! they share.

use super::Saga;
use super::catcher::Target;
use crate::builder::Chain;

impl From<Saga> for Chain {
    fn from(mut saga: Saga) -> Self {
        let steps = std::mem::take(&mut saga.steps);
        if steps.len == 0 {
            return Chain::new();
        }
        let undoable = steps.len.saturating_sub(1);

        let end = match saga.on_compensated.take() {
            Some(chain) => *chain,
            None => saga.failure(),
        };
        // The actions, in order, remembering which states belong to which step; each step's
        // chains are moved once, the action into the main path and the compensation aside.
        // Room for every state, the end's included, and one that follows the saga (the usual
        // `Chain::from(saga).next(..)`), so that the list is not copied as it grows.
        let total = steps
            .iter()
            .map(|(action, compensation)| {
                action.nodes.len() + compensation.as_ref().map_or(0, |chain| chain.nodes.len())
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

        // The shared unwind chain: compensations of every step but the last, in reverse,
        // then the end. `entry[i]` is where step i's compensation starts in it.
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
        // Without compensations to run and without `on_compensated`, a Fail state of a step
        // raises its error itself, as the end of the unwinding would.
        let fails_alike = saga.on_compensated.is_none();
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
            for node in nodes {
                let first =
                    saga.unwind_from(&mut chain, node, &target, fails_alike && target == end);
                if let Some(catcher) = first {
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
