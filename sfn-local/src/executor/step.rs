//! What running one state produces, and the per-state environment handlers share.

use std::rc::Rc;

use indexmap::IndexMap;
use serde_json::Value;
use sfn_dsl::model::{QueryLanguage, StateName};

use super::eval::{Scope, Tools};
use super::failure::{Failure, Origin, QUERY_EVALUATION};
use super::run::{Frame, Run, StateView};
use super::variables::Variables;
use crate::history::{EventDetails, EventType};
use crate::time::Timestamp;

/// The outcome of a state that did not fail.
#[derive(Debug)]
pub(crate) struct Step<'m> {
    /// The state's output.
    pub(crate) output: Value,
    /// Where to go next; `None` ends the list.
    pub(crate) next: Option<&'m StateName>,
    /// Variables to set once the state has exited.
    pub(crate) assigned: Option<IndexMap<String, Value>>,
}

/// Everything a state handler needs about the state being run.
pub(crate) struct Env<'r, 'm> {
    pub(crate) run: &'r Run<'m>,
    pub(crate) frame: &'r Frame,
    pub(crate) name: &'m str,
    pub(crate) entered: Timestamp,
    pub(crate) entered_id: u64,
    pub(crate) query_language: QueryLanguage,
    pub(crate) variables: &'r Rc<Variables>,
}

impl Env<'_, '_> {
    /// Whether the state is written in JSONata.
    pub(crate) fn is_jsonata(&self) -> bool {
        self.query_language == QueryLanguage::Jsonata
    }

    /// The context object seen by this state.
    pub(crate) fn context(&self, retry_count: Option<u32>, token: Option<&str>) -> Value {
        self.run.context(StateView {
            name: self.name,
            entered: self.entered,
            retry_count,
            token,
            map_item: None,
            execution: self.frame.execution.as_deref(),
        })
    }

    /// A JSONPath scope over `input`.
    pub(crate) fn scope<'a>(&'a self, input: &'a Value, context: &'a Value) -> Scope<'a> {
        Scope {
            input,
            context,
            variables: self.variables,
            tools: &self.run.tools,
        }
    }

    /// The watcher of a state test, when this state is the one under test.
    pub(crate) fn watch(&self) -> Option<&super::inspect::Watch> {
        self.run.watch.filter(|_| self.frame.depth == 0)
    }

    /// Records a stage of the state's data flow when a state test watches it.
    pub(crate) fn stage(&self, record: impl FnOnce(&mut super::inspect::Stages)) {
        if let Some(watch) = self.watch() {
            watch.stage(record);
        }
    }

    /// The evaluators' shared state (entropy, parsed-expression caches).
    pub(crate) fn tools(&self) -> &Tools {
        &self.run.tools
    }

    /// Records an event in this state's list.
    pub(crate) fn record(
        &self,
        event_type: EventType,
        details: impl FnOnce() -> EventDetails,
    ) -> u64 {
        self.run.record(self.frame, event_type, details)
    }

    /// Turns a failure raised here into one that leaves the state: AWS's cause prefix
    /// and, for JSONata errors, an `EvaluationFailed` event.
    pub(crate) fn leave(&self, failure: Failure) -> Failure {
        // A state test reports the error as the state raised it: AWS's TestState causes
        // have no "An error occurred while executing the state" prefix.
        if self.watch().is_some() {
            return failure;
        }
        if failure.origin == Origin::State {
            let failure = failure.in_state(self.name, self.entered_id);
            if failure.error.as_deref() == Some(QUERY_EVALUATION) {
                let location = failure.location.clone();
                self.record(EventType::EvaluationFailed, || EventDetails {
                    error: failure.error.clone(),
                    cause: failure.cause.clone(),
                    state: Some(self.name.to_owned()),
                    location,
                    ..EventDetails::default()
                });
            }
            return failure;
        }
        failure
    }
}
