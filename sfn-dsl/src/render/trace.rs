//! [`Trace`]: what executions did, read from their histories, for drawing over a diagram.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

/// How often executions entered each state, which states an execution entered and never
/// left (where it failed, was aborted, or still is), and how they went from one state to
/// the next (normally, or through a catcher: the exited event follows the state's
/// `…Failed` or `…TimedOut` event, which names the error), read from execution histories
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
    /// How a run went from one state (left) straight to another (entered): by the state
    /// left, then by the state entered.
    transitions: BTreeMap<String, BTreeMap<String, Arrivals>>,
}

/// The ways runs went from one state straight to another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Arrivals {
    /// How often the state was left normally: by `Next`, a Choice rule or `Default`.
    transitioned: u64,
    /// How often a catcher took the run there, by the error the state failed with (`None`
    /// when the history does not name it).
    caught: BTreeMap<Option<String>, u64>,
}

impl Arrivals {
    fn total(&self) -> u64 {
        self.caught
            .values()
            .fold(self.transitioned, |total, count| {
                total.saturating_add(*count)
            })
    }

    fn add(&mut self, other: &Self) {
        self.transitioned = self.transitioned.saturating_add(other.transitioned);
        for (error, count) in &other.caught {
            let total = self.caught.entry(error.clone()).or_default();
            *total = total.saturating_add(*count);
        }
    }
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
        // The state each `…StateExited` event left, and the event before it, by event id: an
        // entered event whose `previousEventId` is one of them is the transition from that
        // state. Collected first, so that a history listed newest first (`--reverse-order`)
        // links the same.
        let mut exits: HashMap<u64, (&str, Option<u64>)> = HashMap::new();
        // The failures of states (`TaskFailed`, `MapStateFailed`, `TaskTimedOut`, …) by event
        // id, with the error they name and the event before them: an exit right after one
        // is a catcher's.
        let mut failures: HashMap<u64, (Option<&str>, Option<u64>)> = HashMap::new();
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
                if is_state_failure(event_type)
                    && let Some(id) = event.get("id").and_then(Value::as_u64)
                {
                    failures.insert(
                        id,
                        (
                            failure_error(event),
                            event.get("previousEventId").and_then(Value::as_u64),
                        ),
                    );
                }
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
                    exits.insert(
                        id,
                        (name, event.get("previousEventId").and_then(Value::as_u64)),
                    );
                }
            }
        }
        for (name, previous) in entries {
            let Some((from, before_exit)) = previous.and_then(|previous| exits.get(&previous))
            else {
                continue;
            };
            let arrivals = trace
                .transitions
                .entry((*from).to_owned())
                .or_default()
                .entry(name.to_owned())
                .or_default();
            // Right after the state's failure, the exit is a catcher's.
            match before_exit.and_then(|before| failures.get(&before)) {
                // `MapStateFailed` and `ParallelStateFailed` name no error; the failure
                // right before one does (`MapRunFailed`, `EvaluationFailed`), when there is.
                Some((None, Some(earlier))) => {
                    let error = failures.get(earlier).and_then(|(error, _)| *error);
                    *arrivals.caught.entry(error.map(str::to_owned)).or_default() += 1;
                }
                Some((error, _)) => {
                    *arrivals.caught.entry(error.map(str::to_owned)).or_default() += 1;
                }
                None => arrivals.transitioned += 1,
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
            for (to, arrivals) in targets {
                mine.entry(to.clone()).or_default().add(arrivals);
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
    /// `previousEventId` is the exited event's `id`), normally or through a catcher.
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
        self.arrivals(from, to).map_or(0, Arrivals::total)
    }

    /// How often an execution left the state named `from` normally (by `Next`, a Choice
    /// rule or `Default`: its exited event does not follow a failure of it) and went
    /// straight to the state named `to`.
    pub(super) fn transitioned(&self, from: &str, to: &str) -> u64 {
        self.arrivals(from, to)
            .map_or(0, |arrivals| arrivals.transitioned)
    }

    /// The errors a catcher of the state named `from` caught on the way to the state named
    /// `to` (`None` for a failure whose event names no error), each with how often.
    pub(super) fn caught(&self, from: &str, to: &str) -> impl Iterator<Item = (Option<&str>, u64)> {
        self.arrivals(from, to)
            .into_iter()
            .flat_map(|arrivals| &arrivals.caught)
            .map(|(error, count)| (error.as_deref(), *count))
    }

    /// The names of the states the executions entered or left, in name order.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::render::Trace;
    ///
    /// let trace = Trace::from_history(&json!({"events": [
    ///     {"id": 1, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "B"}},
    ///     {"id": 2, "type": "PassStateExited", "stateExitedEventDetails": {"name": "B"}},
    ///     {"id": 3, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}}]}))?;
    /// assert_eq!(trace.state_names().collect::<Vec<_>>(), ["A", "B"]);
    /// # Ok::<(), sfn_dsl::render::TraceError>(())
    /// ```
    pub fn state_names(&self) -> impl Iterator<Item = &str> {
        self.states.keys().map(String::as_str)
    }

    fn arrivals(&self, from: &str, to: &str) -> Option<&Arrivals> {
        self.transitions
            .get(from)
            .and_then(|targets| targets.get(to))
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

/// Whether an event of this type is a state failing: `TaskFailed`, `LambdaFunctionTimedOut`,
/// `MapStateFailed`, `EvaluationFailed`, … (not an execution's end, nor one Map iteration
/// failing, which the Map may tolerate).
fn is_state_failure(event_type: &str) -> bool {
    (event_type.ends_with("Failed") || event_type.ends_with("TimedOut"))
        && !event_type.starts_with("Execution")
        && event_type != "MapIterationFailed"
}

/// The error a failure event names: the `error` of its details object
/// (`taskFailedEventDetails`, …), whichever that is.
fn failure_error(event: &Value) -> Option<&str> {
    event.as_object()?.iter().find_map(|(key, value)| {
        key.ends_with("EventDetails")
            .then(|| value.get("error").and_then(Value::as_str))
            .flatten()
    })
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

    /// An exit right after the state's failure event is a catcher's, with the error the
    /// event names; any other exit is a normal one. Listed newest first, the same.
    #[test]
    fn an_exit_after_a_failure_is_caught_with_its_error() {
        let events = json!([
            {"id": 2, "previousEventId": 0, "type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "A"}},
            {"id": 3, "previousEventId": 2, "type": "LambdaFunctionFailed", "lambdaFunctionFailedEventDetails": {"error": "E"}},
            {"id": 4, "previousEventId": 3, "type": "TaskStateExited", "stateExitedEventDetails": {"name": "A"}},
            {"id": 5, "previousEventId": 4, "type": "MapStateEntered", "stateEnteredEventDetails": {"name": "B"}},
            {"id": 6, "previousEventId": 5, "type": "MapStateFailed"},
            {"id": 7, "previousEventId": 6, "type": "MapStateExited", "stateExitedEventDetails": {"name": "B"}},
            {"id": 8, "previousEventId": 7, "type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "A"}},
            {"id": 9, "previousEventId": 8, "type": "TaskSucceeded"},
            {"id": 10, "previousEventId": 9, "type": "TaskStateExited", "stateExitedEventDetails": {"name": "A"}},
            {"id": 11, "previousEventId": 10, "type": "MapStateEntered", "stateEnteredEventDetails": {"name": "B"}},
            {"id": 12, "previousEventId": 11, "type": "MapIterationFailed"},
            {"id": 13, "previousEventId": 12, "type": "MapStateExited", "stateExitedEventDetails": {"name": "B"}},
            {"id": 14, "previousEventId": 13, "type": "SucceedStateEntered", "stateEnteredEventDetails": {"name": "C"}}
        ]);
        let mut reversed = events.as_array().unwrap().clone();
        reversed.reverse();
        for events in [events, json!(reversed)] {
            let trace = Trace::from_history(&json!({ "events": events })).unwrap();
            assert_eq!(trace.transitions("A", "B"), 2);
            assert_eq!(trace.transitioned("A", "B"), 1);
            assert_eq!(trace.caught("A", "B").collect::<Vec<_>>(), [(Some("E"), 1)]);
            // `MapStateFailed` names no error.
            assert_eq!(trace.caught("B", "A").collect::<Vec<_>>(), [(None, 1)]);
            assert_eq!(trace.transitioned("B", "A"), 0);
            // One failed iteration, which the Map may tolerate, is not the Map failing.
            assert_eq!(trace.transitioned("B", "C"), 1);
            assert_eq!(trace.caught("B", "C").count(), 0);
            let mut twice = trace.clone();
            twice.add(&trace);
            assert_eq!(twice.caught("A", "B").collect::<Vec<_>>(), [(Some("E"), 2)]);
            assert_eq!(twice.transitioned("A", "B"), 2);
        }
    }

    /// A Map or Parallel state's failure event names no error; the failure right before it
    /// (the Map Run's, an evaluation's) does, and that is the error its catcher caught.
    #[test]
    fn a_map_failure_is_caught_with_the_error_of_the_failure_before_it() {
        let events = json!([
            {"id": 2, "previousEventId": 0, "type": "MapStateEntered", "stateEnteredEventDetails": {"name": "M"}},
            {"id": 3, "previousEventId": 2, "type": "MapRunFailed", "mapRunFailedEventDetails": {"error": "States.ExceedToleratedFailureThreshold"}},
            {"id": 4, "previousEventId": 3, "type": "MapStateFailed"},
            {"id": 5, "previousEventId": 4, "type": "MapStateExited", "stateExitedEventDetails": {"name": "M"}},
            {"id": 6, "previousEventId": 5, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "H"}}
        ]);
        let trace = Trace::from_history(&json!({ "events": events })).unwrap();
        assert_eq!(
            trace.caught("M", "H").collect::<Vec<_>>(),
            [(Some("States.ExceedToleratedFailureThreshold"), 1)]
        );
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
