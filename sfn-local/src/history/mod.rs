//! The execution history: every event of a run, in the shape of AWS's
//! `GetExecutionHistory`.

mod event;
mod event_type;
mod json_text;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

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

/// Collects the events of one run, up to its history limit.
#[derive(Debug)]
pub(crate) struct Recorder {
    mode: HistoryMode,
    events: RefCell<Vec<HistoryEvent>>,
    count: Cell<u64>,
    /// The most events the run itself may record: one less than the history limit, which
    /// leaves room for the event that closes the execution (but at least one, its start).
    /// `u64::MAX` once closing.
    cap: Cell<u64>,
    /// Set when an event was refused because the history is full.
    full: Cell<bool>,
    /// Woken when the history becomes full (see [`HistoryFull`]).
    waker: RefCell<Option<Waker>>,
}

impl Recorder {
    /// A recorder keeping at most `limit` events (`None`: no limit).
    pub(crate) fn new(mode: HistoryMode, limit: Option<u64>) -> Self {
        Self {
            mode,
            events: RefCell::new(Vec::new()),
            count: Cell::new(0),
            cap: Cell::new(limit.map_or(u64::MAX, |limit| limit.saturating_sub(1).max(1))),
            full: Cell::new(false),
            waker: RefCell::new(None),
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

    /// Whether an event was refused because the history is full.
    pub(crate) fn is_full(&self) -> bool {
        self.full.get()
    }

    /// Lifts the cap: for the event that closes the execution, and for runs without a
    /// history of their own (a state tested alone).
    pub(crate) fn close(&self) {
        self.cap.set(u64::MAX);
    }

    /// Records an event after `previous`; returns its id. Once the history is full the
    /// event is dropped (the run is failing: the executor stops it at its next pause) and
    /// the last id is returned.
    pub(crate) fn record(
        &self,
        previous: u64,
        timestamp: Timestamp,
        event_type: EventType,
        details: impl FnOnce() -> EventDetails,
    ) -> u64 {
        if self.count.get() >= self.cap.get() {
            if !self.full.replace(true)
                && let Some(waker) = self.waker.borrow_mut().take()
            {
                waker.wake();
            }
            return self.count.get();
        }
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

    /// A future that finishes when the history is full.
    pub(crate) fn full(&self) -> HistoryFull<'_> {
        HistoryFull(self)
    }

    pub(crate) fn into_events(self) -> Vec<HistoryEvent> {
        self.events.into_inner()
    }
}

/// See [`Recorder::full`].
#[derive(Debug)]
pub(crate) struct HistoryFull<'a>(&'a Recorder);

impl Future for HistoryFull<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0.is_full() {
            return Poll::Ready(());
        }
        *self.0.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}
