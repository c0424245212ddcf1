//! Structural differences between two definitions, for reviewing a change to a deployed
//! workflow: states added, removed and renamed, transitions and error handling changed, and
//! every other field changed, each with where it is.
//!
//! ```
//! use sfn_dsl::{StateMachine, diff};
//!
//! let old = StateMachine::from_json(r#"{"StartAt": "A", "States": {
//!     "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#)?;
//! let new = StateMachine::from_json(r#"{"StartAt": "A", "States": {
//!     "A": {"Type": "Pass", "Next": "Done"}, "Done": {"Type": "Succeed"}}}"#)?;
//! let changes = diff::diff(&old, &new);
//! assert_eq!(changes.to_string(), "~ state `B` renamed to `Done`\n");
//! # Ok::<(), sfn_dsl::ParseError>(())
//! ```

mod compare;
mod flatten;
mod render;

use serde::Serialize;

use crate::model::StateMachine;

/// What changed.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::diff::{Change, diff};
/// use sfn_dsl::StateMachine;
///
/// let old = StateMachine::from_json(r#"{"StartAt": "Cool down", "States": {
///     "Cool down": {"Type": "Wait", "Seconds": 30, "End": true}}}"#)?;
/// let new = StateMachine::from_json(r#"{"StartAt": "Cool down", "States": {
///     "Cool down": {"Type": "Wait", "Seconds": 60, "End": true}}}"#)?;
/// let changes = diff(&old, &new).changes;
/// let [Change::FieldChanged { state, field, from, to }] = changes.as_slice() else {
///     panic!("one changed field")
/// };
/// assert_eq!((state.as_deref(), field.as_str()), (Some("Cool down"), "Seconds"));
/// assert_eq!((from, to), (&Some(json!(30)), &Some(json!(60))));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Change {
    /// A state exists only in the new definition.
    StateAdded {
        /// The new state's name.
        state: String,
        /// Its `Type`.
        r#type: String,
        /// Where it is in the new definition.
        pointer: String,
    },
    /// A state exists only in the old definition.
    StateRemoved {
        /// The old state's name.
        state: String,
        /// Its `Type`.
        r#type: String,
        /// Where it was in the old definition.
        pointer: String,
    },
    /// A state kept its definition but changed its name.
    StateRenamed {
        /// The old name.
        from: String,
        /// The new name.
        to: String,
    },
    /// A state moved to another state list (into or out of a branch or processor).
    StateMoved {
        /// The state's name.
        state: String,
        /// Where it was.
        from: String,
        /// Where it is.
        to: String,
    },
    /// A state changed its `Type`. Its other changes follow as for any state: transitions,
    /// error handling and every field added, removed or changed.
    TypeChanged {
        /// The state.
        state: String,
        /// The old type.
        from: String,
        /// The new type.
        to: String,
    },
    /// Where a state goes changed: `Next`, `End`, a Choice rule's or catcher's `Next`,
    /// `Default`, or a `StartAt`.
    TransitionChanged {
        /// The state (`None` for the machine's `StartAt`).
        state: Option<String>,
        /// The field, such as `Next`, `Choices/1/Next`, `Catch/0/Next` or `StartAt`.
        field: String,
        /// The old target (`None` when there was none, or the state ended).
        from: Option<String>,
        /// The new target.
        to: Option<String>,
    },
    /// `Retry` or `Catch` changed (beyond the catchers' targets).
    ErrorHandlingChanged {
        /// The state.
        state: String,
        /// `Retry` or `Catch` when a retrier or catcher was added or removed; otherwise the
        /// field that changed in one of them, such as `Retry/0/MaxAttempts` or
        /// `Catch/1/ErrorEquals/0` (a JSON pointer relative to the state, without its
        /// leading `/`).
        field: String,
        /// The old value (`None` when absent, `Some(Value::Null)` when `null`); left out
        /// of the JSON when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        from: Option<serde_json::Value>,
        /// The new value, likewise.
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<serde_json::Value>,
    },
    /// Any other field changed.
    ///
    /// An absent field and one set to `null` differ (in ASL, `"ResultPath": null` discards
    /// the result where an absent `ResultPath` means `$`), so each side is an `Option`:
    /// `None` when the field is absent, `Some(Value::Null)` when it is `null`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::diff::{Change, diff};
    /// use sfn_dsl::StateMachine;
    ///
    /// let old = StateMachine::from_json(r#"{"StartAt": "A", "States": {
    ///     "A": {"Type": "Pass", "ResultPath": "$.r", "End": true}}}"#)?;
    /// let new = StateMachine::from_json(r#"{"StartAt": "A", "States": {
    ///     "A": {"Type": "Pass", "ResultPath": null, "End": true}}}"#)?;
    /// let changes = diff(&old, &new);
    /// let [Change::FieldChanged { from, to, .. }] = changes.changes.as_slice() else {
    ///     panic!("one changed field")
    /// };
    /// assert_eq!((from, to), (&Some(json!("$.r")), &Some(json!(null))));
    /// assert_eq!(changes.to_string(), "~ state `A`: ResultPath set to null (was \"$.r\")\n");
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    FieldChanged {
        /// The state (`None` for a top-level field).
        state: Option<String>,
        /// The field, as a JSON pointer relative to the state without its leading `/`
        /// (`Parameters`, `Choices/0/Variable`); `~` and `/` in a key are escaped as
        /// `~0` and `~1` (RFC 6901), so the key `a/b` of `Parameters` is `Parameters/a~1b`.
        field: String,
        /// The old value (`None` when absent, `Some(Value::Null)` when `null`); left out
        /// of the JSON when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        from: Option<serde_json::Value>,
        /// The new value, likewise.
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<serde_json::Value>,
    },
}

/// All the changes from one definition to another, in the order of the new definition
/// (removed states last).
///
/// # Examples
///
/// ```
/// use sfn_dsl::diff::{Change, diff};
/// use sfn_dsl::StateMachine;
///
/// let old = StateMachine::from_json(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#)?;
/// let new = StateMachine::from_json(r#"{"StartAt": "A", "States": {
///     "A": {"Type": "Pass", "Next": "Audit"}, "Audit": {"Type": "Succeed"}}}"#)?;
/// assert!(diff(&old, &old).is_empty());
/// let changes = diff(&old, &new);
/// assert!(matches!(&changes.changes[2], Change::StateAdded { state, .. } if state == "Audit"));
/// // The report for a review, one change a line.
/// assert_eq!(
///     changes.to_string(),
///     "~ state `A`: Type Succeed -> Pass\n\
///      ~ state `A`: Next (end) -> `Audit`\n\
///      + state `Audit` (Succeed) added\n"
/// );
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Diff {
    /// Whether the two definitions are the same.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::{StateMachine, diff::diff};
    ///
    /// // The same definition with its keys in another order: nothing to review.
    /// let old = StateMachine::from_json(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#)?;
    /// let new = StateMachine::from_json(r#"{"States": {"A": {"End": true, "Type": "Pass"}}, "StartAt": "A"}"#)?;
    /// assert!(diff(&old, &new).is_empty());
    /// let commented = StateMachine::from_json(r#"{"Comment": "v2", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#)?;
    /// assert!(!diff(&old, &commented).is_empty());
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Compares two definitions.
///
/// States are matched by name; a state that disappeared and one that appeared with the same
/// definition (apart from its transitions) count as a rename (several alike pair up in
/// document order), and transitions to a renamed state, `StartAt` included, are not
/// reported as changed. A state whose `Type` changed is still compared field by field.
///
/// # Examples
///
/// ```
/// use sfn_dsl::diff::{Change, diff};
/// use sfn_dsl::StateMachine;
///
/// let old = StateMachine::from_json(r#"{"StartAt": "Charge", "States": {
///     "Charge": {"Type": "Pass", "Next": "Done"}, "Done": {"Type": "Succeed"}}}"#)?;
/// let new = StateMachine::from_json(r#"{"StartAt": "Charge card", "States": {
///     "Charge card": {"Type": "Pass", "Next": "Done"}, "Done": {"Type": "Succeed"}}}"#)?;
/// // One rename; the `StartAt` that follows it is not a change of its own.
/// let changes = diff(&old, &new).changes;
/// let [Change::StateRenamed { from, to, .. }] = changes.as_slice() else { panic!("one rename") };
/// assert_eq!((from.as_str(), to.as_str()), ("Charge", "Charge card"));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn diff(old: &StateMachine, new: &StateMachine) -> Diff {
    Diff {
        changes: compare::compare(old, new),
    }
}

#[cfg(test)]
mod tests;
