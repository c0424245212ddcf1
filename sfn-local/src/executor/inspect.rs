//! What a state test ([`crate::test_state`]) watches while its one state runs: the data
//! between the steps of the state's data flow, and whether a retrier or catcher took its
//! error. Ordinary executions have no watcher and pay one `None` check per step.

use std::cell::{Cell, RefCell};

use serde_json::Value;

/// The data between the steps of one state's data flow, as the `TestState` API's
/// `inspectionData` names them.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Stages {
    pub(crate) after_input_path: Option<Value>,
    pub(crate) after_parameters: Option<Value>,
    pub(crate) after_arguments: Option<Value>,
    pub(crate) result: Option<Value>,
    pub(crate) after_result_selector: Option<Value>,
    pub(crate) after_result_path: Option<Value>,
    /// A Map state's items (JSONPath).
    pub(crate) after_items_path: Option<Value>,
    /// A Map state's resolved settings.
    pub(crate) map: Option<MapStages>,
}

/// A Map state's settings, as a state test reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct MapStages {
    pub(crate) max_concurrency: u64,
    pub(crate) tolerated_count: Option<u64>,
    pub(crate) tolerated_percentage: Option<f64>,
}

/// What the state's retriers and catchers did with its error (`TestState`'s `errorDetails`,
/// with the error itself).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ErrorDetails {
    /// The retrier that matched the error.
    pub(crate) retry_index: Option<usize>,
    /// The delay before the state would run again, when that retrier has attempts left
    /// (the test then ends as retriable instead of retrying).
    pub(crate) retry_delay_ms: Option<i64>,
    /// The catcher that caught the error.
    pub(crate) catch_index: Option<usize>,
    pub(crate) error: Option<String>,
    pub(crate) cause: Option<String>,
}

/// The watcher of a state test.
#[derive(Debug, Default)]
pub(crate) struct Watch {
    pub(crate) stages: RefCell<Stages>,
    pub(crate) error_details: RefCell<Option<ErrorDetails>>,
    /// The retries already made, as the test says (`TestState`'s `retrierRetryCount`).
    pub(crate) retries_made: Cell<u32>,
    /// The execution role the test names (`TestState`'s `roleArn`).
    pub(crate) role_arn: RefCell<Option<String>>,
    /// The context object the test gives, which the state sees instead of its own
    /// (`TestState`'s `context`).
    pub(crate) context: RefCell<Option<Value>>,
    /// What a tested Parallel or Map state's branches or iterations give together, in
    /// place of running them: the result, or an error and cause.
    pub(crate) state_mock: RefCell<Option<Result<Value, (String, String)>>>,
    /// How many of a tested Map's iterations failed (`TestState`'s
    /// `mapIterationFailureCount`), checked against its failure tolerance.
    pub(crate) map_failures: Cell<Option<u64>>,
}

impl Watch {
    /// Records one stage.
    pub(crate) fn stage(&self, record: impl FnOnce(&mut Stages)) {
        record(&mut self.stages.borrow_mut());
    }

    /// Records what a retrier or catcher did with the error `error` and `cause`.
    pub(crate) fn handled(
        &self,
        error: Option<&String>,
        cause: Option<&String>,
        record: impl FnOnce(&mut ErrorDetails),
    ) {
        let mut details = self.error_details.borrow_mut();
        let details = details.get_or_insert_with(ErrorDetails::default);
        details.error = error.cloned();
        details.cause = cause.cloned();
        record(details);
    }
}
