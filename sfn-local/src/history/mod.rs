//! The execution history: every event of a run, in the shape of AWS's
//! `GetExecutionHistory`.

mod event;
mod event_type;
mod json_text;

use std::cell::{Cell, RefCell};

pub use event::{EventDetails, HistoryEvent};
pub use event_type::EventType;
pub(crate) use event_type::state_events;
pub use json_text::JsonText;

use crate::time::Timestamp;

/// Whether a run keeps its history.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::{Executor, HistoryMode};
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)?;
/// let execution = Executor::new(machine).history(HistoryMode::CountOnly).run(json!({}))?;
/// // The events are counted, not kept; the states entered are still listed.
/// assert!(execution.history.is_empty());
/// assert_eq!(execution.event_count, 4);
/// assert_eq!(execution.states, ["P"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HistoryMode {
    /// Keep every event with its details (the default).
    #[default]
    Full,
    /// Count events (for the history limit) but keep none; the entered states are still
    /// listed in the result. Makes very large runs cheaper.
    CountOnly,
}

/// Collects the events of one run.
#[derive(Debug)]
pub(crate) struct Recorder {
    mode: HistoryMode,
    events: RefCell<Vec<HistoryEvent>>,
    count: Cell<u64>,
}

impl Recorder {
    pub(crate) fn new(mode: HistoryMode) -> Self {
        Self {
            mode,
            events: RefCell::new(Vec::new()),
            count: Cell::new(0),
        }
    }

    /// Whether details are kept (callers skip building them otherwise).
    pub(crate) fn keeps_details(&self) -> bool {
        self.mode == HistoryMode::Full
    }

    /// The number of events recorded so far.
    pub(crate) fn count(&self) -> u64 {
        self.count.get()
    }

    /// Records an event after `previous`; returns its id.
    pub(crate) fn record(
        &self,
        previous: u64,
        timestamp: Timestamp,
        event_type: EventType,
        details: impl FnOnce() -> EventDetails,
    ) -> u64 {
        let id = self.count.get() + 1;
        self.count.set(id);
        if self.mode == HistoryMode::Full {
            self.events.borrow_mut().push(HistoryEvent {
                id,
                previous_event_id: previous,
                timestamp,
                event_type,
                details: Box::new(details()),
            });
        }
        id
    }

    pub(crate) fn into_events(self) -> Vec<HistoryEvent> {
        self.events.into_inner()
    }
}
