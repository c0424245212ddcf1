//! The state of one execution shared by every branch and iteration: clock, history,
//! mocks, callbacks and identifiers.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde_json::{Map, Value};
use sfn_dsl::StateMachine;
use sfn_dsl::model::QueryLanguage;

use super::Settings;
use super::entropy::Seeded;
use super::fast_hash::FastMap;
use super::join::AbortSignal;
use super::plan::Plan;
use super::runtime::Timers;
use crate::history::{EventDetails, EventType, Recorder};
use crate::mock::{Callbacks, Mocks};
use crate::time::Timestamp;

/// Identity of the execution, as the context object shows it.
#[derive(Clone, Debug)]
pub(crate) struct ExecutionInfo {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) input: Value,
    pub(crate) start: Timestamp,
    pub(crate) role_arn: String,
    pub(crate) machine_id: String,
    pub(crate) machine_name: String,
}

/// Everything one execution shares.
pub(crate) struct Run<'a> {
    pub(crate) machine: &'a StateMachine,
    pub(crate) plan: &'a Plan,
    pub(crate) settings: &'a Settings,
    pub(crate) mocks: &'a Mocks,
    pub(crate) timers: Rc<Timers>,
    pub(crate) callbacks: Callbacks,
    pub(crate) recorder: Recorder,
    pub(crate) entered: RefCell<Vec<String>>,
    pub(crate) transitions: Cell<u64>,
    pub(crate) info: ExecutionInfo,
    pub(crate) entropy: RefCell<Seeded>,
    pub(crate) invocations: RefCell<FastMap<String, u64>>,
    /// The Distributed Map Runs started so far, in the order they started.
    pub(crate) map_runs: RefCell<Vec<crate::map_run::MapRun>>,
    pub(crate) written: RefCell<crate::objects::Objects>,
    pub(crate) tools: super::eval::Tools,
    /// The watcher of a state test; `None` in executions.
    pub(crate) watch: Option<&'a super::inspect::Watch>,
}

/// Where a state list instance stands: the top level, a branch or an iteration.
#[derive(Debug)]
pub(crate) struct Frame {
    /// The last event recorded in this list instance.
    pub(crate) previous: Cell<u64>,
    /// How many Parallel/Map levels enclose it.
    pub(crate) depth: usize,
    /// The query language of states that do not set their own.
    pub(crate) query_language: QueryLanguage,
    /// Whether events go to the run's history (a Distributed Map child execution has a
    /// history of its own, which is not kept).
    pub(crate) recorded: bool,
    /// For the lists of a Distributed Map child execution, the last event id of the
    /// child's own history: its events are not kept but counted, so that a cause names
    /// the event id AWS's child history gives (its first state entered at #2, after
    /// `ExecutionStarted`). Shared with the child's branches and iterations.
    pub(crate) own_history: Option<Rc<Cell<u64>>>,
    /// The Task, Wait, Map or Parallel state of this list that has been entered and not
    /// exited: what is aborted when the enclosing branch or iteration is torn down.
    pub(crate) active: RefCell<Option<Rc<Active>>>,
    /// Set when the enclosing Parallel or Map has failed: this list stops at its next check.
    pub(crate) abort: Option<Rc<AbortSignal>>,
    /// Whether the list, once its first state is entered, lets its siblings enter theirs
    /// before that state runs (branches and iterations; see [`Frame::child`]).
    pub(crate) yield_on_first_entry: Cell<bool>,
    /// The execution the list runs in, when it is not the run's own: a Distributed Map
    /// child's (its id, name, input and start), inherited by its branches and iterations.
    pub(crate) execution: Option<Rc<ExecutionInfo>>,
}

/// The id of one more event of the child execution's own history `frame` belongs to, if
/// it belongs to one.
fn counted(frame: &Frame) -> Option<u64> {
    frame.own_history.as_ref().map(|last| {
        last.set(last.get().saturating_add(1));
        last.get()
    })
}

impl Frame {
    pub(crate) fn new(previous: u64, depth: usize, query_language: QueryLanguage) -> Self {
        Self {
            previous: Cell::new(previous),
            depth,
            query_language,
            recorded: true,
            own_history: None,
            active: RefCell::new(None),
            abort: None,
            yield_on_first_entry: Cell::new(false),
            execution: None,
        }
    }

    /// The frame of a Parallel branch or Map iteration whose join raises `abort`, counting
    /// its events in `own_history` when it belongs to a child execution (see
    /// [`Frame::child_history`]); only other frames record to the run's history.
    ///
    /// AWS starts every branch (and every iteration allowed by `MaxConcurrency`) before
    /// any of them gets on (recorded: `test_service_lambda_map_timeout` starts its four
    /// iterations, then enters the first state of each before any task starts). A child
    /// therefore yields once when it starts and once after entering its first state, so
    /// that at one virtual instant every sibling is started, then every sibling has
    /// entered its first state, before any runs it; a branch that fails on its first
    /// step no longer keeps the later ones from starting.
    pub(crate) fn child(
        previous: u64,
        depth: usize,
        query_language: QueryLanguage,
        own_history: Option<Rc<Cell<u64>>>,
        abort: Rc<AbortSignal>,
        execution: Option<Rc<ExecutionInfo>>,
    ) -> Self {
        let mut frame = Self::new(previous, depth, query_language);
        // Only a child execution's events go to a history of their own, which is not kept.
        frame.recorded = own_history.is_none();
        frame.own_history = own_history;
        frame.abort = Some(abort);
        frame.execution = execution;
        frame.yield_on_first_entry.set(true);
        frame
    }

    /// The child execution history a branch or iteration of this list counts its events
    /// in: a new one for a Distributed Map's child execution (`new_execution`; it starts
    /// with its `ExecutionStarted` event, #1), this list's otherwise.
    pub(crate) fn child_history(&self, new_execution: bool) -> Option<Rc<Cell<u64>>> {
        if new_execution {
            Some(Rc::new(Cell::new(1)))
        } else {
            self.own_history.clone()
        }
    }

    /// Whether the enclosing Parallel or Map has failed.
    pub(crate) fn aborting(&self) -> bool {
        self.abort.as_ref().is_some_and(|signal| signal.is_set())
    }

    /// Never returns once the enclosing Parallel or Map has failed: the branch or iteration
    /// stops here, and is dropped by its join.
    pub(crate) async fn halt_if_aborting(&self) {
        if self.aborting() {
            std::future::pending::<()>().await;
        }
    }
}

/// A running Task, Wait, Map or Parallel state, and for Map and Parallel the frames of its
/// iterations or branches still running.
///
/// AWS records `TaskStateAborted` (and `MapIterationAborted` for iterations) for what is
/// still running in the branches and iterations of a Parallel or Map state that fails,
/// the failing one included (recorded: `test_parallel_catch_error`,
/// `test_service_lambda_map_timeout`).
#[derive(Debug)]
pub(crate) struct Active {
    /// `TaskStateAborted`, `WaitStateAborted`, `MapStateAborted` or `ParallelStateAborted`.
    pub(crate) aborted: EventType,
    /// For a Map state, its name (iteration events carry it).
    pub(crate) map_name: Option<String>,
    /// The frames of the branches or iterations, by index, while they run.
    pub(crate) children: RefCell<Vec<Option<Rc<Frame>>>>,
}

impl Active {
    pub(crate) fn new(aborted: EventType, map_name: Option<String>) -> Self {
        Self {
            aborted,
            map_name,
            children: RefCell::new(Vec::new()),
        }
    }

    /// Remembers the frame of branch or iteration `index` while it runs.
    pub(crate) fn start_child(&self, index: usize, frame: Rc<Frame>) {
        let mut children = self.children.borrow_mut();
        if children.len() <= index {
            children.resize_with(index + 1, || None);
        }
        children[index] = Some(frame);
    }

    /// Forgets the frame of a finished branch or iteration.
    pub(crate) fn finish_child(&self, index: usize) {
        if let Some(slot) = self.children.borrow_mut().get_mut(index) {
            *slot = None;
        }
    }

    /// The frame of a branch or iteration that has not finished.
    pub(crate) fn child(&self, index: usize) -> Option<Rc<Frame>> {
        self.children.borrow().get(index).cloned().flatten()
    }
}

/// What the context object shows about the current state.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct StateView<'v> {
    pub(crate) name: &'v str,
    pub(crate) entered: Timestamp,
    pub(crate) retry_count: Option<u32>,
    pub(crate) token: Option<&'v str>,
    pub(crate) map_item: Option<MapItem<'v>>,
    /// The execution, when it is not the run's own (a Distributed Map child's).
    pub(crate) execution: Option<&'v ExecutionInfo>,
}

/// What the context object's `Map.Item` shows while a Map evaluates an item's selector.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MapItem<'v> {
    pub(crate) index: u64,
    /// The entry's key when the Map iterates an object (`Map.Item.Key`).
    pub(crate) key: Option<&'v str>,
    /// The item, or the entry's value when the Map iterates an object.
    pub(crate) value: &'v Value,
    /// `STATE_DATA`, or the `S3://bucket[/key]` the item reader read.
    pub(crate) source: &'v str,
}

impl Run<'_> {
    /// The current virtual time.
    pub(crate) fn now(&self) -> Timestamp {
        Timestamp::from_millis(self.timers.now())
    }

    /// Never returns once the history is full: the run stops here, and the executor,
    /// woken by the event that found it full, drops it and fails the execution. Called
    /// where a run may go on without ever pausing (a state list's next state, a task's
    /// next attempt), so that it does not record (and drop) events forever.
    pub(crate) async fn halt_if_history_full(&self) {
        if self.recorder.is_full() {
            std::future::pending::<()>().await;
        }
    }

    /// Records an event in `frame`; returns its id.
    pub(crate) fn record(
        &self,
        frame: &Frame,
        event_type: EventType,
        details: impl FnOnce() -> EventDetails,
    ) -> u64 {
        if !frame.recorded {
            return counted(frame).unwrap_or_else(|| frame.previous.get());
        }
        let id = self
            .recorder
            .record(frame.previous.get(), self.now(), event_type, details);
        frame.previous.set(id);
        id
    }

    /// Records the aborted events of what still runs in `frame` (a branch or iteration torn
    /// down by its failed Parallel or Map): nested iterations and branches first, then the
    /// state itself.
    pub(crate) fn abort(&self, frame: &Frame) {
        let Some(active) = frame.active.borrow_mut().take() else {
            return;
        };
        let children: Vec<(usize, Rc<Frame>)> = active
            .children
            .borrow_mut()
            .drain(..)
            .enumerate()
            .filter_map(|(index, child)| Some((index, child?)))
            .collect();
        for (index, child) in children {
            if let Some(name) = &active.map_name {
                self.record_iteration(frame, EventType::MapIterationAborted, name, index);
            }
            self.abort(&child);
        }
        self.record(frame, active.aborted, EventDetails::default);
    }

    /// Records the `MapIterationStarted` event of iteration `index` of the Map state `name`
    /// in `parent` (the Map's list), linked to its latest event without advancing it: AWS
    /// links every iteration's start to `MapStateStarted`, or to the last event of the
    /// iteration that ended before it started (recorded: `test_base_map[ITEMS]`,
    /// `test_service_lambda_map_timeout`).
    pub(crate) fn record_iteration_start(&self, parent: &Frame, name: &str, index: usize) -> u64 {
        let latest = parent.previous.get();
        self.record_iteration_after(parent, latest, EventType::MapIterationStarted, name, index)
    }

    /// Records the end (`event_type`) of iteration `index`, run in `iteration`, of the Map
    /// state `name` in `parent`: linked to the iteration's last event, which becomes the
    /// latest event the next iteration to start links to (recorded:
    /// `test_base_map[ITEMS]`). Returns the event's id.
    pub(crate) fn record_iteration_end(
        &self,
        parent: &Frame,
        iteration: &Frame,
        event_type: EventType,
        name: &str,
        index: usize,
    ) -> u64 {
        let last = iteration.previous.get();
        let id = self.record_iteration_after(parent, last, event_type, name, index);
        parent.previous.set(last);
        id
    }

    /// Records a `MapIteration*` event linked to event `previous`, leaving the last event of
    /// `frame` as it is.
    fn record_iteration_after(
        &self,
        frame: &Frame,
        previous: u64,
        event_type: EventType,
        name: &str,
        index: usize,
    ) -> u64 {
        if !frame.recorded {
            return counted(frame).unwrap_or(previous);
        }
        let keep = self.keeps_details();
        self.recorder
            .record(previous, self.now(), event_type, || EventDetails {
                name: keep.then(|| name.to_owned()),
                index: Some(index as u64),
                ..EventDetails::default()
            })
    }

    /// Records a `MapIteration*` event of iteration `index` of the Map state `name`.
    pub(crate) fn record_iteration(
        &self,
        frame: &Frame,
        event_type: EventType,
        name: &str,
        index: usize,
    ) -> u64 {
        let keep = self.keeps_details();
        self.record(frame, event_type, || EventDetails {
            name: keep.then(|| name.to_owned()),
            index: Some(index as u64),
            ..EventDetails::default()
        })
    }

    /// Whether event details are kept.
    pub(crate) fn keeps_details(&self) -> bool {
        self.recorder.keeps_details()
    }

    /// The context object (`$$`) for a state, or `null` when the state never reads it.
    pub(crate) fn context(&self, view: StateView<'_>) -> Value {
        if !self.plan.state(view.name).needs_context {
            return Value::Null;
        }
        if let Some(context) = self.watch.and_then(|watch| watch.context.borrow().clone()) {
            return context;
        }
        let info = view.execution.unwrap_or(&self.info);
        let mut execution = Map::new();
        execution.insert("Id".into(), Value::String(info.id.clone()));
        execution.insert("Input".into(), info.input.clone());
        execution.insert(
            "StartTime".into(),
            Value::String(info.start.to_context_string()),
        );
        execution.insert("Name".into(), Value::String(info.name.clone()));
        if let Some(watch) = self.watch {
            // A state test's execution has the role the test names, if any, and is never
            // redriven (AWS's TestState context has no `RedriveCount`).
            let role = watch.role_arn.borrow().clone();
            execution.insert("RoleArn".into(), role.map_or(Value::Null, Value::String));
        } else {
            execution.insert("RoleArn".into(), Value::String(info.role_arn.clone()));
            execution.insert("RedriveCount".into(), Value::from(0));
        }
        let mut machine = Map::new();
        machine.insert("Id".into(), Value::String(info.machine_id.clone()));
        machine.insert("Name".into(), Value::String(info.machine_name.clone()));
        let mut state = Map::new();
        // AWS's TestState names the tested state `StateName` whatever its name.
        let name = if self.watch.is_some() {
            crate::test_state::STATE_NAME
        } else {
            view.name
        };
        state.insert("Name".into(), Value::String(name.to_owned()));
        state.insert(
            "EnteredTime".into(),
            Value::String(view.entered.to_context_string()),
        );
        if let Some(count) = view.retry_count {
            state.insert("RetryCount".into(), Value::from(count));
        }
        let mut context = Map::new();
        context.insert("Execution".into(), Value::Object(execution));
        context.insert("StateMachine".into(), Value::Object(machine));
        context.insert("State".into(), Value::Object(state));
        if let Some(token) = view.token {
            let mut task = Map::new();
            task.insert("Token".into(), Value::String(token.to_owned()));
            context.insert("Task".into(), Value::Object(task));
        }
        if let Some(map_item) = view.map_item {
            let mut item = Map::new();
            item.insert("Index".into(), Value::from(map_item.index));
            if let Some(key) = map_item.key {
                item.insert("Key".into(), Value::String(key.to_owned()));
            }
            item.insert("Value".into(), map_item.value.clone());
            item.insert("Source".into(), Value::String(map_item.source.to_owned()));
            let mut map = Map::new();
            map.insert("Item".into(), Value::Object(item));
            context.insert("Map".into(), Value::Object(map));
        }
        Value::Object(context)
    }

    /// Counts an invocation of a state's mock; returns how many came before.
    pub(crate) fn next_invocation(&self, state: &str) -> u64 {
        let mut invocations = self.invocations.borrow_mut();
        if let Some(count) = invocations.get_mut(state) {
            let before = *count;
            *count += 1;
            return before;
        }
        invocations.insert(state.to_owned(), 1);
        0
    }

    /// A fresh task token.
    pub(crate) fn new_token(&self) -> String {
        let uuid = self.entropy.borrow_mut().uuid();
        format!("{TOKEN_PREFIX}{}", uuid.replace('-', ""))
    }
}

/// How the task tokens a local run issues begin.
const TOKEN_PREFIX: &str = "AQCEAAAAKgAAAAMAAAAAAAAAA";

/// Whether `text` is a task token a local run issued ([`Run::new_token`]): a replay
/// cannot give the task the token AWS gave it, so it accepts any recorded token there.
pub(crate) fn is_local_task_token(text: &str) -> bool {
    text.strip_prefix(TOKEN_PREFIX)
        .is_some_and(|uuid| uuid.len() == 32 && uuid.bytes().all(|byte| byte.is_ascii_hexdigit()))
}
