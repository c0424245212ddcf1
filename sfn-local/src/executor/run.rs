//! The state of one execution shared by every branch and iteration: clock, history,
//! mocks, callbacks and identifiers.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{Map, Value};
use sfn_dsl::StateMachine;
use sfn_dsl::model::QueryLanguage;

use super::Settings;
use super::entropy::Seeded;
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
    pub(crate) invocations: RefCell<HashMap<String, u64>>,
    pub(crate) map_runs: Cell<u64>,
    pub(crate) written: RefCell<crate::objects::Objects>,
    pub(crate) tools: super::eval::Tools,
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
}

impl Frame {
    pub(crate) fn new(previous: u64, depth: usize, query_language: QueryLanguage) -> Self {
        Self {
            previous: Cell::new(previous),
            depth,
            query_language,
            recorded: true,
        }
    }
}

/// What the context object shows about the current state.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct StateView<'v> {
    pub(crate) name: &'v str,
    pub(crate) entered: Timestamp,
    pub(crate) retry_count: Option<u32>,
    pub(crate) token: Option<&'v str>,
    pub(crate) map_item: Option<(u64, &'v Value)>,
}

impl Run<'_> {
    /// The current virtual time.
    pub(crate) fn now(&self) -> Timestamp {
        Timestamp::from_millis(self.timers.now())
    }

    /// Records an event in `frame`; returns its id.
    pub(crate) fn record(
        &self,
        frame: &Frame,
        event_type: EventType,
        details: impl FnOnce() -> EventDetails,
    ) -> u64 {
        if !frame.recorded {
            return frame.previous.get();
        }
        let id = self
            .recorder
            .record(frame.previous.get(), self.now(), event_type, details);
        frame.previous.set(id);
        id
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
        let info = &self.info;
        let mut execution = Map::new();
        execution.insert("Id".into(), Value::String(info.id.clone()));
        execution.insert("Input".into(), info.input.clone());
        execution.insert("StartTime".into(), Value::String(info.start.to_string()));
        execution.insert("Name".into(), Value::String(info.name.clone()));
        execution.insert("RoleArn".into(), Value::String(info.role_arn.clone()));
        execution.insert("RedriveCount".into(), Value::from(0));
        let mut machine = Map::new();
        machine.insert("Id".into(), Value::String(info.machine_id.clone()));
        machine.insert("Name".into(), Value::String(info.machine_name.clone()));
        let mut state = Map::new();
        state.insert("Name".into(), Value::String(view.name.to_owned()));
        state.insert(
            "EnteredTime".into(),
            Value::String(view.entered.to_string()),
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
        if let Some((index, value)) = view.map_item {
            let mut item = Map::new();
            item.insert("Index".into(), Value::from(index));
            item.insert("Value".into(), value.clone());
            let mut map = Map::new();
            map.insert("Item".into(), Value::Object(item));
            context.insert("Map".into(), Value::Object(map));
        }
        Value::Object(context)
    }

    /// Counts an invocation of a state's mock; returns how many came before.
    pub(crate) fn next_invocation(&self, state: &str) -> u64 {
        let mut invocations = self.invocations.borrow_mut();
        let count = invocations.entry(state.to_owned()).or_insert(0);
        let before = *count;
        *count += 1;
        before
    }

    /// A fresh task token.
    pub(crate) fn new_token(&self) -> String {
        let uuid = self.entropy.borrow_mut().uuid();
        format!("AQCEAAAAKgAAAAMAAAAAAAAAA{}", uuid.replace('-', ""))
    }
}
