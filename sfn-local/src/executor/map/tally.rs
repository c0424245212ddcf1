//! How a Map's iterations fared, counted in items: what its tolerance is checked against
//! and what its Map Run reports.

use std::cell::{Cell, RefCell};

use super::children::Children;
use super::ledger::Ending;
use crate::executor::failure::Failure;
use crate::map_run::FailedChild;

/// The most failed children a Map Run's report keeps: their items are all counted, but a
/// Map Run of millions of items that tolerates their failure keeps only the first.
const FAILED_CHILDREN_KEPT: usize = 1000;

/// How many items each iteration's input carries.
#[derive(Debug, Default)]
pub(super) enum ItemCounts {
    /// One item each: no `ItemBatcher`.
    #[default]
    One,
    /// The number of items in each batch, in batch order.
    Batches(Vec<u64>),
}

/// The items of a Map's iterations that succeeded and failed so far.
///
/// AWS counts items, not child executions, against `ToleratedFailureCount` and
/// `ToleratedFailurePercentage` ("the total number of failed or timed out items divided by
/// the total number of items"): a failed batch counts all of its items.
#[derive(Debug)]
pub(super) struct Tally {
    counts: ItemCounts,
    total: u64,
    succeeded: Cell<u64>,
    failed: Cell<u64>,
    timed_out: Cell<u64>,
    failed_children: RefCell<Vec<FailedChild>>,
}

impl Tally {
    /// A tally of `iterations` iterations carrying `counts` items.
    pub(super) fn new(iterations: usize, counts: ItemCounts) -> Self {
        let total = match &counts {
            ItemCounts::One => iterations as u64,
            ItemCounts::Batches(sizes) => sizes.iter().sum(),
        };
        Self {
            counts,
            total,
            succeeded: Cell::new(0),
            failed: Cell::new(0),
            timed_out: Cell::new(0),
            failed_children: RefCell::new(Vec::new()),
        }
    }

    /// The items of iteration `index`.
    fn items_in(&self, index: usize) -> u64 {
        match &self.counts {
            ItemCounts::One => 1,
            ItemCounts::Batches(sizes) => sizes.get(index).copied().unwrap_or(1),
        }
    }

    /// All the items.
    pub(super) fn total(&self) -> u64 {
        self.total
    }

    /// The items that failed or timed out so far: what the tolerance is checked against.
    pub(super) fn failed(&self) -> u64 {
        self.failed.get() + self.timed_out.get()
    }

    /// The items whose child failed (not timed out) so far.
    pub(super) fn failed_only(&self) -> u64 {
        self.failed.get()
    }

    /// The items whose child execution timed out as a whole so far (`TIMED_OUT`, which
    /// `DescribeMapRun` counts apart from `FAILED`).
    pub(super) fn timed_out(&self) -> u64 {
        self.timed_out.get()
    }

    /// Iteration `index` succeeded.
    pub(super) fn succeeded(&self, index: usize) {
        self.succeeded
            .set(self.succeeded.get() + self.items_in(index));
    }

    /// Iteration `index` failed with `failure`, or timed out as a whole (`ending`); a
    /// Distributed Map's (one with `children`) failed children are kept for its report.
    pub(super) fn failed_with(
        &self,
        index: usize,
        failure: &Failure,
        ending: Ending,
        children: Option<&Children>,
    ) {
        let count = match ending {
            Ending::Ended => &self.failed,
            Ending::TimedOut => &self.timed_out,
        };
        count.set(count.get() + self.items_in(index));
        let mut failed_children = self.failed_children.borrow_mut();
        if let Some(children) = children.filter(|_| failed_children.len() < FAILED_CHILDREN_KEPT) {
            failed_children.push(FailedChild {
                index,
                execution_arn: children.execution_arn(&children.name(index)),
                error: failure.error.clone(),
                cause: failure.cause.clone(),
                state: failure.failed_state.clone(),
            });
        }
    }

    /// The items that succeeded so far.
    pub(super) fn succeeded_items(&self) -> u64 {
        self.succeeded.get()
    }

    /// The failed children kept so far, taken out.
    pub(super) fn take_failed_children(&self) -> Vec<FailedChild> {
        self.failed_children.take()
    }
}

#[cfg(test)]
mod tests {
    use super::{ItemCounts, Tally};
    use crate::executor::failure::Failure;
    use crate::executor::map::children::Children;
    use crate::executor::map::ledger::Ending;

    #[test]
    fn a_failed_batch_counts_all_its_items() {
        let tally = Tally::new(2, ItemCounts::Batches(vec![2, 1]));
        assert_eq!(tally.total(), 3);
        tally.failed_with(
            0,
            &Failure::passed(Some("E".into()), None),
            Ending::Ended,
            None,
        );
        tally.succeeded(1);
        assert_eq!((tally.failed(), tally.succeeded_items()), (2, 1));
        assert!(tally.take_failed_children().is_empty(), "inline: none kept");
    }

    #[test]
    fn without_batches_each_iteration_is_one_item() {
        let tally = Tally::new(3, ItemCounts::One);
        assert_eq!(tally.total(), 3);
        let failure = Failure::passed(Some("E".into()), Some("c".into())).raised_in("T");
        let children = Children::new("arn:aws:states:us-east-1:1:mapRun:M/L:run");
        tally.failed_with(2, &failure, Ending::Ended, Some(&children));
        assert_eq!(tally.failed(), 1);
        let failed = tally.take_failed_children();
        let [child] = failed.as_slice() else {
            panic!("one failed child: {failed:?}");
        };
        assert_eq!(
            (child.index, child.state.as_deref(), child.cause.as_deref()),
            (2, Some("T"), Some("c"))
        );
        assert!(
            child
                .execution_arn
                .starts_with("arn:aws:states:us-east-1:1:execution:M/L:"),
            "{}",
            child.execution_arn
        );
    }
}
