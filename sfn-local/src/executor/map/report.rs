//! The execution's list of its Distributed Map Runs ([`crate::MapRun`]): each one listed
//! when it starts, its counts and status filled in when it ends.

use super::tally::Tally;
use crate::executor::run::Run;
use crate::map_run::{MapRun, MapRunStatus};

/// Lists the Map Run `map_run_arn` of the state `state_name`, as aborted until it ends;
/// returns its place in the list.
pub(super) fn started(run: &Run<'_>, map_run_arn: &str, state_name: &str) -> usize {
    let mut map_runs = run.map_runs.borrow_mut();
    map_runs.push(MapRun {
        map_run_arn: map_run_arn.to_owned(),
        state_name: state_name.to_owned(),
        status: MapRunStatus::Aborted,
        items_total: 0,
        items_succeeded: 0,
        items_failed: 0,
        items_timed_out: 0,
        failed_children: Vec::new(),
    });
    map_runs.len() - 1
}

/// The Map Run at `slot` ran its children as `tally` counted them.
pub(super) fn counted(run: &Run<'_>, slot: usize, tally: &Tally) {
    if let Some(map_run) = run.map_runs.borrow_mut().get_mut(slot) {
        map_run.items_total = tally.total();
        map_run.items_succeeded = tally.succeeded_items();
        map_run.items_failed = tally.failed_only();
        map_run.items_timed_out = tally.timed_out();
        map_run.failed_children = tally.take_failed_children();
    }
}

/// The Map Run at `slot` ended, successfully or not.
pub(super) fn ended(run: &Run<'_>, slot: usize, succeeded: bool) {
    if let Some(map_run) = run.map_runs.borrow_mut().get_mut(slot) {
        map_run.status = if succeeded {
            MapRunStatus::Succeeded
        } else {
            MapRunStatus::Failed
        };
    }
}
