//! Graph checks (reachability, transitions, names) from [`crate::graph`], as diagnostics.

use super::cx::Cx;

pub(super) fn check(_cx: &mut Cx<'_>) {}
