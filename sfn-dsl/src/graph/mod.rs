//! Structural checks of a machine's state graph: `StartAt` and every transition resolve in
//! their own state list, every state is reachable, some terminal state is reachable, and
//! state names are unique and 1 to 80 characters long.
//!
//! [`check_graph`] is used by the builder (`build()`) and by the validator; it reports every
//! problem at once, in document order.

mod walk;

use std::fmt;

use crate::model::{StateMachine, StateName};

/// What kind of problem a [`GraphIssue`] describes.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::graph::{GraphIssueKind, check_graph};
///
/// let machine = StateMachine::from_json(r#"{
///     "StartAt": "Start",
///     "States": {
///         "Start": { "Type": "Succeed" },
///         "Orphan": { "Type": "Succeed" }
///     }
/// }"#)?;
/// let kinds: Vec<GraphIssueKind> = check_graph(&machine).iter().map(|issue| issue.kind).collect();
/// assert_eq!(kinds, [GraphIssueKind::Unreachable]);
/// assert_eq!(kinds[0].to_string(), "unreachable");
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GraphIssueKind {
    /// `StartAt` does not name a state of its own state list.
    MissingStartAt,
    /// A `Next`, `Default`, Choice-rule `Next` or catcher `Next` names no state at all.
    UnknownTarget,
    /// A transition names a state that exists, but in another state list (a Parallel branch
    /// or Map processor cannot be entered or left by a transition).
    TargetOutOfScope,
    /// No chain of transitions from `StartAt` reaches the state, and no transition of its
    /// list names it at all.
    Unreachable,
    /// No chain of transitions from `StartAt` reaches the state, but other states of its
    /// list transition to it: it belongs to a loop or path that nothing enters. AWS refuses
    /// only states that no transition names, so the validator warns here; `build()`
    /// refuses both.
    ReachedOnlyFromUnreachable,
    /// No terminal state (`"End": true`, Succeed or Fail) can be reached from `StartAt`, so
    /// every execution would loop forever.
    NoReachableTerminal,
    /// The name is already used by another state of the machine (names are unique across
    /// all state lists, nested ones included).
    DuplicateName,
    /// The name is longer than [`StateName::MAX_CHARS`] characters.
    NameTooLong,
    /// The name is the empty string.
    EmptyName,
}

impl GraphIssueKind {
    /// A stable identifier, used as the diagnostic code.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::graph::GraphIssueKind;
    ///
    /// assert_eq!(GraphIssueKind::UnknownTarget.code(), "unknown-target");
    /// ```
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::MissingStartAt => "missing-start-at",
            Self::UnknownTarget => "unknown-target",
            Self::TargetOutOfScope => "target-out-of-scope",
            Self::Unreachable => "unreachable",
            Self::ReachedOnlyFromUnreachable => "reached-only-from-unreachable",
            Self::NoReachableTerminal => "no-reachable-terminal",
            Self::DuplicateName => "duplicate-name",
            Self::NameTooLong => "name-too-long",
            Self::EmptyName => "empty-name",
        }
    }
}

impl fmt::Display for GraphIssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One problem of the state graph.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::graph::{GraphIssueKind, check_graph};
///
/// let machine = StateMachine::from_json(r#"{
///     "StartAt": "Fetch",
///     "States": {
///         "Fetch": { "Type": "Pass", "Next": "Done" },
///         "Done": { "Type": "Succeed" },
///         "Fan": {
///             "Type": "Parallel",
///             "Branches": [{ "StartAt": "Fetch", "States": { "Fetch": { "Type": "Succeed" } } }],
///             "End": true
///         }
///     }
/// }"#)?;
/// let issues = check_graph(&machine);
/// let Some(duplicate) = issues.iter().find(|issue| issue.kind == GraphIssueKind::DuplicateName) else {
///     panic!("a duplicate name")
/// };
/// assert_eq!(duplicate.pointer, "/States/Fan/Branches/0/States/Fetch");
/// assert_eq!(duplicate.state.as_ref().map(|name| name.as_str()), Some("Fetch"));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphIssue {
    /// What kind of problem it is.
    pub kind: GraphIssueKind,
    /// Where, as a JSON pointer such as `/States/Charge/Catch/0/Next`.
    pub pointer: String,
    /// The state the problem belongs to: the state holding the transition or carrying the
    /// name; for a nested `StartAt`, the Parallel or Map state holding the list; `None` for
    /// the machine's own `StartAt`.
    pub state: Option<StateName>,
    /// What is wrong, naming the state.
    pub message: String,
    /// A likely fix, such as "did you mean `ChargeCard`?".
    pub hint: Option<String>,
}

impl fmt::Display for GraphIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = crate::source::pointer_place(&self.pointer);
        write!(f, "at {pointer}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Checks the state graph of `machine` and returns every problem, in document order.
///
/// Every state list (the machine, each Parallel branch, each Map item processor) is checked
/// on its own: its `StartAt` and every `Next`, `Default`, Choice-rule `Next` and catcher
/// `Next` must name a state of the same list, every state must be reachable from
/// `StartAt`, and some terminal state must be reachable. State names must be unique across
/// the whole machine and 1 to 80 characters long.
///
/// One mistake gives one issue. Reachability is only judged in lists whose `StartAt`
/// resolves, so that one typo does not also mark every state unreachable; a transition to a
/// missing state is followed to the state its "did you mean" hint names, as if the typo
/// were fixed; a Choice state with no rules (an error the validator reports) is taken to
/// lead anywhere in its list; and a list with a reachable transition to a missing state is
/// not also reported as having no reachable terminal state.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::graph::{GraphIssueKind, check_graph};
///
/// let machine = StateMachine::from_json(r#"{
///     "StartAt": "Charge",
///     "States": {
///         "Charge": { "Type": "Pass", "Next": "Shipp" },
///         "Ship": { "Type": "Succeed" }
///     }
/// }"#)?;
/// let issues = check_graph(&machine);
/// let found: Vec<_> = issues.iter().map(|issue| (issue.kind, issue.pointer.as_str())).collect();
/// // `Ship` is judged reachable, as if the typo were fixed: one mistake, one issue.
/// assert_eq!(found, [(GraphIssueKind::UnknownTarget, "/States/Charge/Next")]);
/// assert_eq!(issues[0].hint.as_deref(), Some("did you mean `Ship`?"));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn check_graph(machine: &StateMachine) -> Vec<GraphIssue> {
    walk::check(machine)
}

#[cfg(test)]
mod tests;
