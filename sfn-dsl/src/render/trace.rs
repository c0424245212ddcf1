//! [`Trace`]: what executions did, read from their histories, for drawing over a diagram.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

/// How often executions entered each state, and which states an execution entered and
/// never left (where it failed, was aborted, or still is), read from execution histories
/// as `aws stepfunctions get-execution-history` prints them (or `sfn run --history`
/// writes them). Draw it with [`mermaid_traced`](super::mermaid_traced) or
/// [`dot_traced`](super::dot_traced).
///
/// Several histories add up: states no run entered are the ones the runs did not cover.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::render::Trace;
///
/// let history = json!({"events": [
///     {"id": 1, "type": "ExecutionStarted", "executionStartedEventDetails": {"input": "{}"}},
///     {"id": 2, "type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "Charge"}},
///     {"id": 3, "type": "TaskStateExited", "stateExitedEventDetails": {"name": "Charge"}},
///     {"id": 4, "previousEventId": 3, "type": "FailStateEntered", "stateEnteredEventDetails": {"name": "Declined"}},
///     {"id": 5, "type": "ExecutionFailed", "executionFailedEventDetails": {"error": "Declined"}}
/// ]});
/// let mut trace = Trace::from_history(&history)?;
/// assert_eq!(trace.entered("Charge"), 1);
/// assert_eq!(trace.exited("Charge"), 1);
/// assert!(!trace.is_unfinished("Charge"));
/// assert!(trace.is_unfinished("Declined"));
/// // Event 4 follows event 3: the run went from `Charge` to `Declined`.
/// assert_eq!(trace.transitions("Charge", "Declined"), 1);
///
/// trace.add(&Trace::from_history(&history)?);
/// assert_eq!(trace.entered("Charge"), 2);
/// assert_eq!(trace.entered("Ship"), 0);
/// # Ok::<(), sfn_dsl::render::TraceError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    /// By state name: how often it was entered and left, and whether a run entered it
    /// more often than it left it.
    states: BTreeMap<String, Visits>,
    /// How often a run went from one state (left) straight to another (entered): by the
    /// state left, then by the state entered.
    transitions: BTreeMap<String, BTreeMap<String, u64>>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Visits {
    entered: u64,
    exited: u64,
    unfinished: bool,
}

/// Why a history could not be read.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::render::{Trace, TraceError};
///
/// let error = Trace::from_history(&json!([1, 2])).unwrap_err();
/// assert!(matches!(error, TraceError::NotAHistory));
/// let error = Trace::from_history(&json!({"events": [{"type": "PassStateEntered"}]})).unwrap_err();
/// assert_eq!(error.to_string(), "event 0 (PassStateEntered) has no `stateEnteredEventDetails.name`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TraceError {
    /// The value is not an object with an `events` array.
    #[error(
        "not an execution history: expected an object with an `events` array, as `aws stepfunctions get-execution-history` prints it"
    )]
    NotAHistory,
    /// An event has no `type` string.
    #[error("event {index} has no `type`")]
    MissingType {
        /// The event's position in `events`.
        index: usize,
    },
    /// A state's entered or exited event does not name the state.
    #[error("event {index} ({event_type}) has no `{details}.name`")]
    MissingName {
        /// The event's position in `events`.
        index: usize,
        /// Its `type`.
        event_type: String,
        /// The details object that should name the state.
        details: &'static str,
    },
}

impl Trace {
    /// No executions: nothing entered.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::render::Trace;
    ///
    /// let trace = Trace::new();
    /// assert_eq!(trace.entered("Any"), 0);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The trace of one execution history: `{"events": [...]}` with AWS's event types
    /// (`TaskStateEntered`, `MapStateExited`, …). Other events are skipped.
    ///
    /// # Errors
    ///
    /// [`TraceError`] when the value is not a history, or an event of a state does not
    /// name it.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::render::Trace;
    ///
    /// let trace = Trace::from_history(&json!({"events": [
    ///     {"id": 1, "type": "ExecutionStarted"},
    ///     {"id": 2, "previousEventId": 1, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}},
    ///     {"id": 3, "previousEventId": 2, "type": "PassStateExited", "stateExitedEventDetails": {"name": "A"}},
    ///     {"id": 4, "previousEventId": 3, "type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "B"}}
    /// ]}))?;
    /// assert_eq!((trace.entered("A"), trace.transitions("A", "B")), (1, 1));
    /// assert!(trace.is_unfinished("B")); // entered, never left
    /// # Ok::<(), sfn_dsl::render::TraceError>(())
    /// ```
    pub fn from_history(history: &Value) -> Result<Self, TraceError> {
        let events = history
            .get("events")
            .and_then(Value::as_array)
            .ok_or(TraceError::NotAHistory)?;
        let mut open: BTreeMap<&str, i64> = BTreeMap::new();
        // The state each `…StateExited` event left, by event id: an entered event whose
        // `previousEventId` is one of them is the transition from that state. Collected
        // first, so that a history listed newest first (`--reverse-order`) links the same.
        let mut exits: HashMap<u64, &str> = HashMap::new();
        let mut entries: Vec<(&str, Option<u64>)> = Vec::new();
        let mut trace = Self::new();
        for (index, event) in events.iter().enumerate() {
            let event_type = event
                .get("type")
                .and_then(Value::as_str)
                .ok_or(TraceError::MissingType { index })?;
            let (details, change) = if event_type.ends_with("StateEntered") {
                ("stateEnteredEventDetails", 1)
            } else if event_type.ends_with("StateExited") {
                ("stateExitedEventDetails", -1)
            } else {
                continue;
            };
            let name = event
                .get(details)
                .and_then(|details| details.get("name"))
                .and_then(Value::as_str)
                .ok_or_else(|| TraceError::MissingName {
                    index,
                    event_type: event_type.to_owned(),
                    details,
                })?;
            *open.entry(name).or_default() += change;
            let visits = trace.states.entry(name.to_owned()).or_default();
            if change > 0 {
                visits.entered += 1;
                entries.push((name, event.get("previousEventId").and_then(Value::as_u64)));
            } else {
                visits.exited += 1;
                if let Some(id) = event.get("id").and_then(Value::as_u64) {
                    exits.insert(id, name);
                }
            }
        }
        for (name, previous) in entries {
            if let Some(from) = previous.and_then(|previous| exits.get(&previous)) {
                *trace
                    .transitions
                    .entry((*from).to_owned())
                    .or_default()
                    .entry(name.to_owned())
                    .or_default() += 1;
            }
        }
        for (name, balance) in open {
            if balance > 0 {
                trace.states.entry(name.to_owned()).or_default().unfinished = true;
            }
        }
        Ok(trace)
    }

    /// Adds the executions of `other` to this trace.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::render::Trace;
    ///
    /// let run = Trace::from_history(&json!({"events": [
    ///     {"id": 1, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}}]}))?;
    /// let mut all = Trace::new();
    /// all.add(&run);
    /// all.add(&run);
    /// assert_eq!(all.entered("A"), 2);
    /// # Ok::<(), sfn_dsl::render::TraceError>(())
    /// ```
    pub fn add(&mut self, other: &Trace) {
        for (name, visits) in &other.states {
            let mine = self.states.entry(name.clone()).or_default();
            mine.entered = mine.entered.saturating_add(visits.entered);
            mine.exited = mine.exited.saturating_add(visits.exited);
            mine.unfinished |= visits.unfinished;
        }
        for (from, targets) in &other.transitions {
            let mine = self.transitions.entry(from.clone()).or_default();
            for (to, count) in targets {
                let total = mine.entry(to.clone()).or_default();
                *total = total.saturating_add(*count);
            }
        }
    }

    /// How often the state named `name` was left.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::render::Trace;
    ///
    /// let trace = Trace::from_history(&json!({"events": [
    ///     {"id": 1, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}},
    ///     {"id": 2, "type": "PassStateExited", "stateExitedEventDetails": {"name": "A"}}]}))?;
    /// assert_eq!((trace.entered("A"), trace.exited("A")), (1, 1));
    /// # Ok::<(), sfn_dsl::render::TraceError>(())
    /// ```
    #[must_use]
    pub fn exited(&self, name: &str) -> u64 {
        self.states.get(name).map_or(0, |visits| visits.exited)
    }

    /// How often an execution left the state named `from` and went straight to the state
    /// named `to` (the history's events link them: the entered event's
    /// `previousEventId` is the exited event's `id`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::render::Trace;
    ///
    /// let trace = Trace::from_history(&json!({"events": [
    ///     {"id": 1, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}},
    ///     {"id": 2, "previousEventId": 1, "type": "PassStateExited", "stateExitedEventDetails": {"name": "A"}},
    ///     {"id": 3, "previousEventId": 2, "type": "SucceedStateEntered", "stateEnteredEventDetails": {"name": "Done"}}]}))?;
    /// assert_eq!(trace.transitions("A", "Done"), 1);
    /// assert_eq!(trace.transitions("Done", "A"), 0);
    /// # Ok::<(), sfn_dsl::render::TraceError>(())
    /// ```
    #[must_use]
    pub fn transitions(&self, from: &str, to: &str) -> u64 {
        self.transitions
            .get(from)
            .and_then(|targets| targets.get(to))
            .copied()
            .unwrap_or(0)
    }

    /// How often the state named `name` was entered.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::render::Trace;
    ///
    /// let trace = Trace::from_history(&json!({"events": [
    ///     {"id": 1, "type": "WaitStateEntered", "stateEnteredEventDetails": {"name": "Poll"}},
    ///     {"id": 2, "type": "WaitStateExited", "stateExitedEventDetails": {"name": "Poll"}},
    ///     {"id": 3, "type": "WaitStateEntered", "stateEnteredEventDetails": {"name": "Poll"}}]}))?;
    /// assert_eq!(trace.entered("Poll"), 2);
    /// assert_eq!(trace.entered("Never"), 0);
    /// # Ok::<(), sfn_dsl::render::TraceError>(())
    /// ```
    #[must_use]
    pub fn entered(&self, name: &str) -> u64 {
        self.states.get(name).map_or(0, |visits| visits.entered)
    }

    /// Whether an execution entered the state named `name` and never left it.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::render::Trace;
    ///
    /// let trace = Trace::from_history(&json!({"events": [
    ///     {"id": 1, "type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "Charge"}},
    ///     {"id": 2, "type": "ExecutionFailed"}]}))?;
    /// assert!(trace.is_unfinished("Charge"));
    /// assert!(!trace.is_unfinished("Other"));
    /// # Ok::<(), sfn_dsl::render::TraceError>(())
    /// ```
    #[must_use]
    pub fn is_unfinished(&self, name: &str) -> bool {
        self.states
            .get(name)
            .is_some_and(|visits| visits.unfinished)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Trace, TraceError};

    #[test]
    fn loops_count_every_entry_and_a_state_left_every_time_is_finished() {
        let entered = |name: &str| json!({"type": "PassStateEntered", "stateEnteredEventDetails": {"name": name}});
        let exited = |name: &str| json!({"type": "PassStateExited", "stateExitedEventDetails": {"name": name}});
        let history = json!({"events": [
            entered("Poll"), exited("Poll"), entered("Poll"), exited("Poll"),
            entered("Poll"), entered("Stuck")
        ]});
        let trace = Trace::from_history(&history).unwrap();
        assert_eq!(trace.entered("Poll"), 3);
        assert!(trace.is_unfinished("Poll"));
        assert!(trace.is_unfinished("Stuck"));
        assert_eq!(trace.entered("Never"), 0);
        assert!(!trace.is_unfinished("Never"));
    }

    /// `get-execution-history --reverse-order` lists the newest event first: the same
    /// transitions.
    #[test]
    fn a_history_listed_newest_first_links_the_same_transitions() {
        let events = serde_json::json!([
            {"id": 2, "previousEventId": 0, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}},
            {"id": 3, "previousEventId": 2, "type": "PassStateExited", "stateExitedEventDetails": {"name": "A"}},
            {"id": 4, "previousEventId": 3, "type": "SucceedStateEntered", "stateEnteredEventDetails": {"name": "B"}},
            {"id": 5, "previousEventId": 4, "type": "SucceedStateExited", "stateExitedEventDetails": {"name": "B"}}
        ]);
        let oldest_first = Trace::from_history(&json!({"events": events})).unwrap();
        let mut reversed = events.as_array().unwrap().clone();
        reversed.reverse();
        let newest_first = Trace::from_history(&json!({"events": reversed})).unwrap();
        assert_eq!(oldest_first.transitions("A", "B"), 1);
        assert_eq!(newest_first, oldest_first);
    }

    #[test]
    fn events_without_a_type_or_a_name_are_reported_by_position() {
        let error = Trace::from_history(&json!({"events": [{"id": 1}]})).unwrap_err();
        assert_eq!(error, TraceError::MissingType { index: 0 });
        let error = Trace::from_history(&json!({"events": [
            {"type": "ExecutionStarted"},
            {"type": "TaskStateExited", "stateExitedEventDetails": {"output": "{}"}}
        ]}))
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "event 1 (TaskStateExited) has no `stateExitedEventDetails.name`"
        );
        assert_eq!(
            Trace::from_history(&json!({"events": {}})).unwrap_err(),
            TraceError::NotAHistory
        );
    }
}
