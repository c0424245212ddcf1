//! Graph checks (`StartAt`, transitions, reachability, terminal states, names) from
//! [`crate::graph::check_graph`], as diagnostics.

use super::code::Code;
use super::cx::Cx;
use super::diagnostic::Diagnostic;
use crate::graph::{GraphIssueKind, check_graph};

pub(super) fn check(cx: &mut Cx<'_>) {
    for issue in check_graph(cx.machine) {
        let mut diagnostic = Diagnostic::new(code(issue.kind), issue.pointer, issue.message);
        if let Some(state) = issue.state {
            diagnostic = diagnostic.with_state(state.into_string());
        }
        if let Some(hint) = issue.hint {
            diagnostic = diagnostic.with_hint(hint);
        }
        if issue.kind == GraphIssueKind::DuplicateName {
            diagnostic = diagnostic.at_key();
        }
        cx.push(diagnostic);
    }
}

fn code(kind: GraphIssueKind) -> Code {
    match kind {
        GraphIssueKind::MissingStartAt => Code::MissingStartAt,
        GraphIssueKind::UnknownTarget => Code::UnknownTarget,
        GraphIssueKind::TargetOutOfScope => Code::TargetOutOfScope,
        GraphIssueKind::Unreachable => Code::Unreachable,
        GraphIssueKind::ReachedOnlyFromUnreachable => Code::ReachedOnlyFromUnreachable,
        GraphIssueKind::NoReachableTerminal => Code::NoReachableTerminal,
        GraphIssueKind::DuplicateName => Code::DuplicateName,
        GraphIssueKind::NameTooLong => Code::NameTooLong,
        GraphIssueKind::EmptyName => Code::EmptyName,
    }
}

#[cfg(test)]
mod tests {
    use super::code;
    use crate::graph::GraphIssueKind;

    #[test]
    fn graph_kinds_keep_their_spelling() {
        for kind in [
            GraphIssueKind::MissingStartAt,
            GraphIssueKind::UnknownTarget,
            GraphIssueKind::TargetOutOfScope,
            GraphIssueKind::Unreachable,
            GraphIssueKind::ReachedOnlyFromUnreachable,
            GraphIssueKind::NoReachableTerminal,
            GraphIssueKind::DuplicateName,
            GraphIssueKind::NameTooLong,
            GraphIssueKind::EmptyName,
        ] {
            assert_eq!(code(kind).as_str(), kind.code());
        }
    }
}
