//! Failures raised while a state runs, and how Retry/Catch match them.

use serde_json::{Map, Value};
use sfn_dsl::model::ErrorName;

/// `States.Runtime`.
pub(crate) const RUNTIME: &str = "States.Runtime";
/// `States.Timeout`.
pub(crate) const TIMEOUT: &str = "States.Timeout";
/// `States.QueryEvaluationError`.
pub(crate) const QUERY_EVALUATION: &str = "States.QueryEvaluationError";
/// `States.DataLimitExceeded`.
pub(crate) const DATA_LIMIT: &str = "States.DataLimitExceeded";

/// Where a failure came from, which decides its history events and cause prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Raised by the executor while processing the state's fields (paths, expressions,
    /// values); its cause is prefixed with the state name when it leaves the state.
    State,
    /// Raised by a task, a Fail state, or a nested branch or iteration: passed on as is.
    Passed,
}

/// Which limit a task ran into when the executor timed it out. Both raise
/// `States.Timeout`, but only a missed heartbeat matches `States.HeartbeatTimeout`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expiry {
    /// The task ran longer than its `TimeoutSeconds` (or its integration's limit).
    Run,
    /// The task sent no heartbeat within its `HeartbeatSeconds`.
    Heartbeat,
}

/// An error with its cause, as it travels up to a catcher or the execution.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Failure {
    pub(crate) error: Option<String>,
    pub(crate) cause: Option<String>,
    pub(crate) origin: Origin,
    /// The JSONata field that failed (`Output/result`), for `EvaluationFailed` events.
    pub(crate) location: Option<String>,
    /// Set when the executor timed a task out; a mock throwing `States.Timeout` leaves it
    /// unset, since only the error name is thrown.
    pub(crate) expiry: Option<Expiry>,
    /// The state it left uncaught first, set as it leaves its state list: the innermost
    /// state when it comes out of a Parallel branch or Map iteration. Reported for the
    /// failed children of a Distributed Map, whose own histories are not kept.
    pub(crate) failed_state: Option<String>,
}

impl Failure {
    /// A failure passed on unchanged (task errors, Fail states).
    pub(crate) fn passed(error: Option<String>, cause: Option<String>) -> Self {
        Self {
            error,
            cause,
            origin: Origin::Passed,
            location: None,
            expiry: None,
            failed_state: None,
        }
    }

    /// `States.Timeout` with no cause, for a task that ran into `expiry`.
    pub(crate) fn timed_out(expiry: Expiry) -> Self {
        Self {
            expiry: Some(expiry),
            ..Self::passed(Some(TIMEOUT.to_owned()), None)
        }
    }

    /// A failure raised while processing a state's fields.
    pub(crate) fn state(error: &str, cause: impl Into<String>) -> Self {
        Self {
            error: Some(error.to_owned()),
            cause: Some(cause.into()),
            origin: Origin::State,
            location: None,
            expiry: None,
            failed_state: None,
        }
    }

    /// `States.Runtime` raised while processing a state's fields.
    pub(crate) fn runtime(cause: impl Into<String>) -> Self {
        Self::state(RUNTIME, cause)
    }

    /// `States.QueryEvaluationError` for the JSONata field `location`.
    pub(crate) fn query(location: Option<String>, cause: impl Into<String>) -> Self {
        Self {
            location,
            ..Self::state(QUERY_EVALUATION, cause)
        }
    }

    /// Notes `state` as the state it failed in, unless a state nested in it was noted
    /// first.
    pub(crate) fn raised_in(mut self, state: &str) -> Self {
        if self.failed_state.is_none() {
            self.failed_state = Some(state.to_owned());
        }
        self
    }

    /// The error name, or an empty string.
    pub(crate) fn error_name(&self) -> &str {
        self.error.as_deref().unwrap_or_default()
    }

    /// Whether Retry and Catch may handle it: everything except `States.Runtime`.
    pub(crate) fn is_catchable(&self) -> bool {
        self.error_name() != RUNTIME
    }

    /// Whether `ErrorEquals` matches: exact names, `States.ALL` for anything catchable,
    /// `States.TaskFailed` as AWS's wildcard for anything but `States.Timeout`, and
    /// `States.HeartbeatTimeout` for a missed heartbeat, which AWS reports as
    /// `States.Timeout` (recorded: `test_heartbeat_no_timeout`).
    pub(crate) fn matches(&self, names: &[ErrorName]) -> bool {
        if !self.is_catchable() {
            return false;
        }
        let error = self.error_name();
        names.iter().any(|name| match name {
            ErrorName::All => true,
            ErrorName::TaskFailed => error != TIMEOUT,
            ErrorName::HeartbeatTimeout => {
                self.expiry == Some(Expiry::Heartbeat) || error == name.as_str()
            }
            other => other.as_str() == error,
        })
    }

    /// The error output `{"Error": …, "Cause": …}` a catcher receives.
    pub(crate) fn to_output(&self) -> Value {
        let mut map = Map::new();
        let Some(error) = &self.error else {
            // A callback failed without an error name: both fields are null (recorded:
            // `test_sqs_failure_in_wait_for_task_tok_no_error_field`).
            map.insert("Error".into(), Value::Null);
            map.insert(
                "Cause".into(),
                self.cause.clone().map_or(Value::Null, Value::String),
            );
            return Value::Object(map);
        };
        map.insert("Error".into(), Value::String(error.clone()));
        match &self.cause {
            Some(cause) => {
                map.insert("Cause".into(), Value::String(cause.clone()));
            }
            // A timed-out task reaches its catcher with an empty cause.
            None if self.error_name() == TIMEOUT => {
                map.insert("Cause".into(), Value::String(String::new()));
            }
            None => {}
        }
        Value::Object(map)
    }

    /// Adds AWS's prefix naming the state to causes the executor raised itself.
    pub(crate) fn in_state(mut self, state: &str, entered_event: u64) -> Self {
        if self.origin == Origin::State {
            let cause = self.cause.take().unwrap_or_default();
            self.cause = Some(format!(
                "An error occurred while executing the state '{state}' (entered at the event id #{entered_event}). {cause}"
            ));
            self.origin = Origin::Passed;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_errors_are_never_matched() {
        let failure = Failure::runtime("boom");
        assert!(!failure.matches(&[ErrorName::All]));
        assert!(!failure.matches(&[ErrorName::Runtime]));
    }

    #[test]
    fn task_failed_matches_everything_but_timeouts() {
        let custom = Failure::passed(Some("Lambda.Unknown".into()), None);
        assert!(custom.matches(&[ErrorName::TaskFailed]));
        for timeout in [
            Failure::passed(Some(TIMEOUT.into()), None),
            Failure::timed_out(Expiry::Run),
            Failure::timed_out(Expiry::Heartbeat),
        ] {
            assert!(!timeout.matches(&[ErrorName::TaskFailed]));
            assert!(timeout.matches(&[ErrorName::Timeout]));
            assert!(timeout.matches(&[ErrorName::All]));
        }
    }

    #[test]
    fn heartbeat_timeout_matches_only_missed_heartbeats() {
        assert!(Failure::timed_out(Expiry::Heartbeat).matches(&[ErrorName::HeartbeatTimeout]));
        assert!(!Failure::timed_out(Expiry::Run).matches(&[ErrorName::HeartbeatTimeout]));
        // A mock throws names only: `States.Timeout` is not a missed heartbeat, a thrown
        // `States.HeartbeatTimeout` matches its own name and not `States.Timeout`.
        let thrown_timeout = Failure::passed(Some(TIMEOUT.into()), None);
        assert!(!thrown_timeout.matches(&[ErrorName::HeartbeatTimeout]));
        let thrown_heartbeat = Failure::passed(Some("States.HeartbeatTimeout".into()), None);
        assert!(thrown_heartbeat.matches(&[ErrorName::HeartbeatTimeout]));
        assert!(!thrown_heartbeat.matches(&[ErrorName::Timeout]));
    }

    #[test]
    fn the_state_prefix_is_added_once_to_executor_errors_only() {
        let failure = Failure::runtime("Invalid path").in_state("pass", 2);
        assert_eq!(
            failure.cause.as_deref(),
            Some(
                "An error occurred while executing the state 'pass' (entered at the event id #2). Invalid path"
            )
        );
        let again = failure.clone().in_state("outer", 1);
        assert_eq!(again.cause, failure.cause);
        let task = Failure::passed(Some("E".into()), Some("c".into())).in_state("t", 3);
        assert_eq!(task.cause.as_deref(), Some("c"));
    }

    #[test]
    fn error_output_of_unnamed_and_causeless_failures() {
        // Recorded: test_sqs_failure_in_wait_for_task_tok_no_error_field.
        assert_eq!(
            Failure::passed(None, None).to_output(),
            serde_json::json!({"Error": null, "Cause": null})
        );
        assert_eq!(
            Failure::passed(None, Some("why".into())).to_output(),
            serde_json::json!({"Error": null, "Cause": "why"})
        );
        // Not recorded: a named error without a cause has no `Cause`.
        assert_eq!(
            Failure::passed(Some("E".into()), None).to_output(),
            serde_json::json!({"Error": "E"})
        );
    }
}
