//! Tests one state alone, as AWS's `TestState` API does: give a state (or a machine and the
//! name of one of its states), an input, and what its task returns; get back the state's
//! output, the state it would go to next, and the data between the steps of its data flow.
//!
//! Nothing else runs: a retrier that would run the state again ends the test as
//! [`TestStatus::Retriable`], and a catcher's target is reported, not entered. The outcome
//! follows AWS's: [`TestStateResult::to_json`] is shaped like the API's response, and the
//! conformance tests compare it with responses AWS recorded.
//!
//! # Examples
//!
//! ```
//! use serde_json::json;
//! use sfn_local::test_state::{InspectionLevel, StateTest, TestStatus};
//!
//! let charge = StateTest::state(r#"{
//!     "Type": "Task",
//!     "Resource": "arn:aws:states:::lambda:invoke",
//!     "Parameters": {"FunctionName": "charge", "Payload.$": "$.order"},
//!     "ResultSelector": {"receipt.$": "$.Payload.id"},
//!     "ResultPath": "$.charge",
//!     "Next": "Ship"
//! }"#)?
//! .input(json!({"order": {"total": 42}}))
//! .mock_result(json!({"Payload": {"id": "ch_1"}, "StatusCode": 200}))
//! .inspection_level(InspectionLevel::Debug)
//! .run()?;
//!
//! assert_eq!(charge.status, TestStatus::Succeeded);
//! assert_eq!(charge.next_state.as_deref(), Some("Ship"));
//! assert_eq!(charge.output, Some(json!({"order": {"total": 42}, "charge": {"receipt": "ch_1"}})));
//! let inspection = charge.inspection.expect("asked for");
//! assert_eq!(inspection.after_parameters, Some(json!({"FunctionName": "charge", "Payload": {"total": 42}})));
//! # Ok::<(), sfn_local::test_state::TestStateError>(())
//! ```

mod checks;
mod error;
mod outcome;
mod shapes;

use indexmap::IndexMap;
use serde_json::{Map, Value};
use sfn_dsl::model::State;
use sfn_dsl::source::Span;
use sfn_dsl::{ParseError, StateMachine};

pub use error::TestStateError;
pub use outcome::{Inspection, TestErrorDetails, TestStateResult, TestStatus};
pub use shapes::FieldValidation;

use crate::executor::inspect::Watch;
use crate::{Executor, Mock, Mocks};
use checks::{check_context, check_result_shape, containing_list};

/// The name a state tested on its own is given (AWS's: it shows in the context object's
/// `State.Name`).
pub const STATE_NAME: &str = "StateName";

/// How much a test reports besides the outcome, as the `TestState` API's
/// `inspectionLevel`.
///
/// # Examples
///
/// ```
/// use sfn_local::test_state::InspectionLevel;
///
/// assert_eq!(InspectionLevel::parse("debug"), Some(InspectionLevel::Debug));
/// assert_eq!(InspectionLevel::default(), InspectionLevel::Info);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InspectionLevel {
    /// The outcome only.
    #[default]
    Info,
    /// The outcome and the data between the steps of the state's data flow.
    Debug,
    /// As `Debug` (AWS adds the HTTP request and response of HTTP Tasks, which a mocked
    /// task does not make).
    Trace,
}

impl InspectionLevel {
    /// Reads `info`, `debug` or `trace` (any case).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::test_state::InspectionLevel;
    ///
    /// assert_eq!(InspectionLevel::parse("TrAcE"), Some(InspectionLevel::Trace));
    /// assert_eq!(InspectionLevel::parse("verbose"), None);
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_uppercase().as_str() {
            "INFO" => Some(Self::Info),
            "DEBUG" => Some(Self::Debug),
            "TRACE" => Some(Self::Trace),
            _ => None,
        }
    }
}

/// What the tested task returns.
#[derive(Clone, Debug, PartialEq)]
enum TaskMock {
    Result(Value),
    Error { error: String, cause: String },
}

/// One state to test, with its input and mock; see the [module documentation](self).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::test_state::{StateTest, TestStatus};
///
/// let machine = r#"{"StartAt": "Route", "States": {
///     "Route": {"Type": "Choice", "Choices": [
///         {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review"}],
///         "Default": "Approve"},
///     "Review": {"Type": "Succeed"}, "Approve": {"Type": "Succeed"}}}"#;
/// let big = StateTest::in_machine(machine, "Route")?.input(json!({"total": 250})).run()?;
/// assert_eq!((big.status, big.next_state.as_deref()), (TestStatus::Succeeded, Some("Review")));
/// # Ok::<(), sfn_local::test_state::TestStateError>(())
/// ```
#[derive(Clone, Debug)]
pub struct StateTest {
    machine: StateMachine,
    state: String,
    /// Given on its own ([`StateTest::state`]): problems are located within the state's
    /// own text, not the machine it is placed in.
    alone: bool,
    input: Value,
    level: InspectionLevel,
    mock: Option<TaskMock>,
    variables: IndexMap<String, Value>,
    retries_made: u32,
    role_arn: Option<String>,
    account: Option<String>,
    context: Option<Value>,
    map_failures: Option<u64>,
    error_caused_by: Option<String>,
    reader_data: Option<Value>,
    field_validation: FieldValidation,
    reveal_secrets: bool,
}

impl StateTest {
    /// Tests a state given on its own, as JSON; it is named [`STATE_NAME`], and the
    /// states it transitions to need not exist.
    ///
    /// # Errors
    ///
    /// [`TestStateError::Parse`] when the text is not a state, [`TestStateError::NotAState`]
    /// when it is JSON but not one object.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::{StateTest, TestStateError};
    ///
    /// // `Next` names a state that does not exist: only this one runs.
    /// let pick = StateTest::state(r#"{"Type": "Pass", "InputPath": "$.order", "Next": "Ship"}"#)?
    ///     .input(json!({"order": {"id": 7}}))
    ///     .run()?;
    /// assert_eq!((pick.output, pick.next_state.as_deref()), (Some(json!({"id": 7})), Some("Ship")));
    /// assert!(matches!(StateTest::state("[1]"), Err(TestStateError::NotAState)));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    pub fn state(definition: &str) -> Result<Self, TestStateError> {
        // The text goes into a machine's text (which keeps positions and refuses duplicate
        // keys), so it must be exactly one JSON object; a syntax error is reported against
        // the text as given.
        match serde_json::from_str::<Value>(definition) {
            Ok(Value::Object(_)) => {}
            Ok(_) => return Err(TestStateError::NotAState),
            Err(_) => {
                return Err(match StateMachine::from_json(definition) {
                    Err(error) => TestStateError::Parse(error),
                    Ok(_) => TestStateError::NotAState,
                });
            }
        }
        let prefix = format!(r#"{{"StartAt": "{STATE_NAME}", "States": {{"{STATE_NAME}": "#);
        let wrap = |stubs: &str| format!("{prefix}{definition}{stubs}}}}}");
        let alone = StateMachine::from_json(&wrap(""))
            .map_err(|error| relocate(error, prefix.len(), definition.len()))?;
        // The states it transitions to stand in as Succeed states, so that the machine
        // is complete; only the tested state runs.
        let mut stubs = String::new();
        if let Some(state) = alone.states.get(STATE_NAME) {
            let mut names: Vec<&str> = state
                .targets()
                .into_iter()
                .map(|target| target.name.as_str())
                .filter(|name| *name != STATE_NAME)
                .collect();
            names.sort_unstable();
            names.dedup();
            for name in names {
                let name = Value::String(name.to_owned());
                stubs.push_str(", ");
                stubs.push_str(&name.to_string());
                stubs.push_str(r#": {"Type": "Succeed"}"#);
            }
        }
        let machine = if stubs.is_empty() {
            alone
        } else {
            StateMachine::from_json(&wrap(&stubs))
                .map_err(|error| relocate(error, prefix.len(), definition.len()))?
        };
        let mut test = Self::of(machine, STATE_NAME.to_owned());
        test.alone = true;
        Ok(test)
    }

    /// Tests the state `state` of the machine `definition` (JSON), as the API does with
    /// `stateName`; a state inside a Parallel branch or Map item processor is tested as
    /// part of its own state list, with the machine's query language.
    ///
    /// # Errors
    ///
    /// [`TestStateError::Parse`] when the text is not a state machine,
    /// [`TestStateError::UnknownState`] when it has no state of that name.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::{StateTest, TestStateError};
    ///
    /// let machine = r#"{"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "Branches": [
    ///     {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "Result": 1, "Next": "Right"},
    ///                                    "Right": {"Type": "Succeed"}}}], "End": true}}}"#;
    /// // A state inside a branch can be tested too.
    /// let left = StateTest::in_machine(machine, "Left")?.run()?;
    /// assert_eq!((left.output, left.next_state.as_deref()), (Some(json!(1)), Some("Right")));
    /// assert!(matches!(StateTest::in_machine(machine, "Up"), Err(TestStateError::UnknownState(name)) if name == "Up"));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    pub fn in_machine(definition: &str, state: &str) -> Result<Self, TestStateError> {
        Self::for_machine(StateMachine::from_json(definition)?, state)
    }

    /// Tests the state `state` of `machine`, such as one made with the builder, as
    /// [`in_machine`](Self::in_machine) does.
    ///
    /// # Errors
    ///
    /// [`TestStateError::UnknownState`] when the machine has no state of that name.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    /// use sfn_local::test_state::StateTest;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(PassState::builder("Greet").parameters(json!({"greeting": "hi"})))
    ///     .build()?;
    /// let greet = StateTest::for_machine(machine, "Greet")?.run()?;
    /// assert_eq!(greet.output, Some(json!({"greeting": "hi"})));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_machine(mut machine: StateMachine, state: &str) -> Result<Self, TestStateError> {
        if machine.states.get(state).is_none() {
            let list = containing_list(&machine.states, state)
                .ok_or_else(|| TestStateError::UnknownState(state.to_owned()))?;
            // The whole list, with its own start: the states before the tested one stay
            // reachable, so the list checks as it does inside its Parallel or Map state.
            let (start_at, states) = (list.start_at().clone(), list.states().clone());
            machine.query_language = Some(machine.default_query_language());
            machine.start_at = start_at;
            machine.states = states;
        }
        Ok(Self::of(machine, state.to_owned()))
    }

    fn of(machine: StateMachine, state: String) -> Self {
        Self {
            machine,
            state,
            alone: false,
            input: Value::Object(Map::new()),
            level: InspectionLevel::Info,
            mock: None,
            variables: IndexMap::new(),
            retries_made: 0,
            role_arn: None,
            account: None,
            context: None,
            map_failures: None,
            error_caused_by: None,
            reader_data: None,
            field_validation: FieldValidation::Strict,
            reveal_secrets: false,
        }
    }

    /// The account the test runs in, shown in the context object's ARNs (default
    /// `123456789012`, or the account of [`role_arn`](Self::role_arn)).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::StateTest;
    ///
    /// let test = StateTest::state(r#"{"Type": "Pass", "Parameters": {"id.$": "$$.Execution.Id"}, "End": true}"#)?;
    /// let output = test.account("111122223333").run()?.output.unwrap();
    /// assert!(output["id"].as_str().unwrap().starts_with("arn:aws:states:us-east-1:111122223333:"));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn account(mut self, account: impl Into<String>) -> Self {
        self.account = Some(account.into());
        self
    }

    /// How many of a tested Map state's iterations failed (the API's
    /// `stateConfiguration.mapIterationFailureCount`), at most the number of results in
    /// the mock: the Map fails with `States.ExceedToleratedFailureThreshold` when that is
    /// more than its `ToleratedFailureCount` or `ToleratedFailurePercentage` allow.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::{StateTest, TestStatus};
    ///
    /// let map = StateTest::state(r#"{"Type": "Map", "ToleratedFailureCount": 1, "End": true,
    ///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
    ///                       "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}"#)?
    /// .input(json!([1, 2, 3]))
    /// .mock_result(json!([1, 2, 3]));
    /// assert_eq!(map.clone().map_iteration_failures(1).run()?.status, TestStatus::Succeeded);
    /// let over = map.map_iteration_failures(2).run()?;
    /// assert_eq!(over.status, TestStatus::Failed);
    /// assert_eq!(over.error.as_deref(), Some("States.ExceedToleratedFailureThreshold"));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn map_iteration_failures(mut self, count: u64) -> Self {
        self.map_failures = Some(count);
        self
    }

    /// What a tested Map state's `ItemReader` reads (the API's
    /// `stateConfiguration.mapItemReaderData`), in place of reading it: a list of items.
    /// With a mock the Map's result is the mock's; the items count its iterations.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::StateTest;
    ///
    /// let map = StateTest::state(r#"{"Type": "Map", "End": true,
    ///     "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
    ///                    "Parameters": {"Bucket": "orders", "Key": "lines.json"}},
    ///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
    ///                       "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}"#)?;
    /// // Nothing is read from S3: the items are given, and the mock is the Map's result.
    /// let result = map.map_item_reader_data(json!([{"sku": "a"}, {"sku": "b"}])).mock_result(json!([10, 20])).run()?;
    /// assert_eq!(result.output, Some(json!([10, 20])));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn map_item_reader_data(mut self, items: Value) -> Self {
        self.reader_data = Some(items);
        self
    }

    /// The state inside the tested Parallel or Map state that raised the mocked error
    /// (the API's `stateConfiguration.errorCausedByState`); it must exist there.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::test_state::{StateTest, TestStatus};
    ///
    /// let both = StateTest::state(r#"{"Type": "Parallel", "End": true,
    ///     "Branches": [{"StartAt": "Charge", "States": {"Charge": {"Type": "Pass", "End": true}}}],
    ///     "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Refund"}]}"#)?
    /// .mock_error("Card.Declined", "no funds");
    /// let caught = both.clone().error_caused_by_state("Charge").run()?;
    /// assert_eq!((caught.status, caught.next_state.as_deref()), (TestStatus::CaughtError, Some("Refund")));
    /// // The state must be one of the branches' states.
    /// assert!(both.error_caused_by_state("Nope").run().is_err());
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn error_caused_by_state(mut self, name: impl Into<String>) -> Self {
        self.error_caused_by = Some(name.into());
        self
    }

    /// The context object the state sees (`$$`, `$states.context`) instead of the one the
    /// test would make (the API's `context`); it is taken whole, not merged.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::StateTest;
    ///
    /// let id = "arn:aws:states:us-east-1:123456789012:execution:orders:run-7";
    /// let test = StateTest::state(r#"{"Type": "Pass", "Parameters": {"id.$": "$$.Execution.Id"}, "End": true}"#)?;
    /// let result = test.context(json!({"Execution": {"Id": id}})).run()?;
    /// assert_eq!(result.output, Some(json!({"id": id})));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn context(mut self, context: Value) -> Self {
        self.context = Some(context);
        self
    }

    /// The execution role (the API's `roleArn`): the context object's
    /// `Execution.RoleArn` (`null` without one), and the account of the execution's ARN.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::StateTest;
    ///
    /// let test = StateTest::state(
    ///     r#"{"Type": "Pass", "Parameters": {"role.$": "$$.Execution.RoleArn", "id.$": "$$.Execution.Id"}, "End": true}"#,
    /// )?;
    /// let output = test.role_arn("arn:aws:iam::444455556666:role/orders").run()?.output.unwrap();
    /// assert_eq!(output["role"], "arn:aws:iam::444455556666:role/orders");
    /// assert!(output["id"].as_str().unwrap().contains(":444455556666:"));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn role_arn(mut self, role_arn: impl Into<String>) -> Self {
        self.role_arn = Some(role_arn.into());
        self
    }

    /// The state's input (default `{}`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::StateTest;
    ///
    /// let test = StateTest::state(r#"{"Type": "Pass", "OutputPath": "$.order.id", "End": true}"#)?;
    /// assert_eq!(test.input(json!({"order": {"id": 7}})).run()?.output, Some(json!(7)));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn input(mut self, input: Value) -> Self {
        self.input = input;
        self
    }

    /// How much to report (default [`InspectionLevel::Info`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::{InspectionLevel, StateTest};
    ///
    /// let test = StateTest::state(r#"{"Type": "Pass", "InputPath": "$.order", "End": true}"#)?.input(json!({"order": 1}));
    /// assert!(test.clone().run()?.inspection.is_none());
    /// let inspection = test.inspection_level(InspectionLevel::Debug).run()?.inspection.unwrap();
    /// assert_eq!(inspection.after_input_path, Some(json!(1)));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn inspection_level(mut self, level: InspectionLevel) -> Self {
        self.level = level;
        self
    }

    /// What the tested Task's call returns, or a tested Parallel or Map state's branches or
    /// iterations give (the list of their results; for a Map with a `ResultWriter`, the
    /// object it returns) in place of running them (the `TestState` API's `mock.result`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::StateTest;
    ///
    /// let charge = StateTest::state(r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Parameters": {"FunctionName": "charge"}, "OutputPath": "$.Payload", "End": true}"#)?;
    /// let result = charge.mock_result(json!({"Payload": {"receipt": "r-1"}, "StatusCode": 200})).run()?;
    /// assert_eq!(result.output, Some(json!({"receipt": "r-1"})));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn mock_result(mut self, result: Value) -> Self {
        self.mock = Some(TaskMock::Result(result));
        self
    }

    /// How a mocked Task result is checked against the service API's response shape (the
    /// `TestState` API's `mock.fieldValidationMode`; default [`FieldValidation::Strict`],
    /// as AWS's).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::{FieldValidation, StateTest};
    ///
    /// let invoke = StateTest::state(r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Parameters": {"FunctionName": "f"}, "End": true}"#)?
    /// .mock_result(json!({"Payload": 1, "StatusCode": "200"}));
    /// // Lambda's `StatusCode` is a number: refused as AWS refuses it, unless checks are off.
    /// let refused = invoke.clone().run().unwrap_err();
    /// assert_eq!(refused.to_string(), "Mock result schema validation error: Field 'StatusCode' must be a number");
    /// let taken = invoke.field_validation(FieldValidation::None).run()?;
    /// assert_eq!(taken.output, Some(json!({"Payload": 1, "StatusCode": "200"})));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn field_validation(mut self, mode: FieldValidation) -> Self {
        self.field_validation = mode;
        self
    }

    /// The error the tested Task's call, or Parallel or Map state, fails with (the
    /// `TestState` API's `mock.errorOutput`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::test_state::{StateTest, TestStatus};
    ///
    /// let charge = StateTest::state(r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Parameters": {"FunctionName": "charge"}, "End": true}"#)?;
    /// let failed = charge.mock_error("Card.Declined", "no funds").run()?;
    /// assert_eq!(failed.status, TestStatus::Failed);
    /// assert_eq!((failed.error.as_deref(), failed.cause.as_deref()), (Some("Card.Declined"), Some("no funds")));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn mock_error(mut self, error: impl Into<String>, cause: impl Into<String>) -> Self {
        self.mock = Some(TaskMock::Error {
            error: error.into(),
            cause: cause.into(),
        });
        self
    }

    /// The workflow variables in scope when the state runs (the API's `variables`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::StateTest;
    ///
    /// let double = StateTest::state(r#"{"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $total * 2 %}", "End": true}"#)?;
    /// let variables = serde_json::Map::from_iter([("total".to_owned(), json!(21))]);
    /// assert_eq!(double.variables(variables).run()?.output, Some(json!(42)));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn variables(mut self, variables: Map<String, Value>) -> Self {
        self.variables = variables.into_iter().collect();
        self
    }

    /// How many times the state's retriers have already retried (the API's
    /// `stateConfiguration.retrierRetryCount`): a retrier with no attempts left lets the
    /// error through to the catchers.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::test_state::{StateTest, TestStatus};
    ///
    /// let charge = StateTest::state(r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Parameters": {"FunctionName": "charge"}, "End": true,
    ///     "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
    ///     "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}]}"#)?
    /// .mock_error("Boom", "flaky");
    /// // The retrier has attempts left, so the state would run again…
    /// assert_eq!(charge.clone().run()?.status, TestStatus::Retriable);
    /// // …until both are used: then the catcher takes the error.
    /// let caught = charge.retries_made(2).run()?;
    /// assert_eq!((caught.status, caught.next_state.as_deref()), (TestStatus::CaughtError, Some("Recover")));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn retries_made(mut self, count: u32) -> Self {
        self.retries_made = count;
        self
    }

    /// Whether the result may show secrets (the API's `revealSecrets`): on AWS, the
    /// headers, query parameters and body an EventBridge connection adds to an HTTP Task's
    /// request. A state test makes no HTTP call, so there is nothing to show; as on AWS,
    /// it cannot be combined with a mock.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::{StateTest, TestStateError};
    ///
    /// let test = StateTest::state(
    ///     r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///         "Arguments": {"FunctionName": "f"}, "QueryLanguage": "JSONata", "End": true}"#,
    /// )?;
    /// let refused = test.mock_result(json!({"Payload": 1})).reveal_secrets(true).run();
    /// assert_eq!(
    ///     refused.err().map(|error| error.to_string()).as_deref(),
    ///     Some("TestState does not support RevealSecrets when a mock is specified."),
    /// );
    /// # Ok::<(), TestStateError>(())
    /// ```
    #[must_use]
    pub fn reveal_secrets(mut self, reveal: bool) -> Self {
        self.reveal_secrets = reveal;
        self
    }

    /// Runs the state.
    ///
    /// # Errors
    ///
    /// [`TestStateError`] when the state cannot be tested: a Task, Parallel or Map state
    /// without a mock, a mock for another kind of state or of the wrong shape, a mock with
    /// [`reveal_secrets`](Self::reveal_secrets), a context object the state cannot have,
    /// or a definition that cannot run. A state that fails is not an error: the result
    /// says how it ended.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::{StateTest, TestStateError, TestStatus};
    ///
    /// let charge = StateTest::state(r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///     "Parameters": {"FunctionName": "charge"}, "End": true}"#)?;
    /// // A Task without a mock cannot be tested: a test calls no service.
    /// assert!(matches!(charge.run(), Err(TestStateError::NeedsMock("Task"))));
    /// let result = charge.mock_result(json!({"Payload": "ok"})).run()?;
    /// assert_eq!((result.status, result.output), (TestStatus::Succeeded, Some(json!({"Payload": "ok"}))));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    pub fn run(&self) -> Result<TestStateResult, TestStateError> {
        let Some(state) = self.machine.states.get(&self.state) else {
            return Err(TestStateError::UnknownState(self.state.clone()));
        };
        let errors: Vec<String> = sfn_dsl::validate::validate(&self.machine)
            .errors()
            .map(|error| {
                let pointer = if self.alone {
                    within_state(&error.pointer)
                } else {
                    error.pointer.clone()
                };
                format!("{pointer}: {}", error.message)
            })
            .collect();
        if !errors.is_empty() {
            return Err(TestStateError::InvalidDefinition(errors));
        }
        if self.reveal_secrets && self.mock.is_some() {
            // AWS's refusal, checked before the mock itself (recorded with a mock that
            // does not have the service's response shape).
            return Err(TestStateError::InvalidConfiguration(
                "TestState does not support RevealSecrets when a mock is specified.".to_owned(),
            ));
        }
        let (mocks, state_mock) = self.mocks(state)?;
        if let Some(context) = &self.context {
            check_context(context, state)?;
        }
        self.check_configuration(state)?;
        let watch = Watch::default();
        watch.retries_made.set(self.retries_made);
        watch.context.replace(self.context.clone());
        watch.state_mock.replace(state_mock);
        watch.map_failures.set(self.map_failures);
        let mut executor = Executor::new(self.machine.clone()).mocks(mocks);
        if let Some(role) = &self.role_arn {
            watch.role_arn.replace(Some(role.clone()));
            executor = executor.role_arn(role.clone());
            // `arn:PARTITION:iam::ACCOUNT:role/NAME`
            if let Some(account) = role.split(':').nth(4).filter(|account| !account.is_empty()) {
                executor = executor.account(account);
            }
        }
        if let Some(account) = &self.account {
            executor = executor.account(account.clone());
        }
        let one = executor.run_one(
            &self.state,
            self.input.clone(),
            self.variables.clone(),
            &watch,
        )?;
        let details = watch.error_details.take();
        let mut result = TestStateResult::of(one.outcome, details.as_ref());
        if self.level != InspectionLevel::Info {
            let variables = (!self.variables.is_empty() || !one.variables.is_empty())
                .then(|| one.variables.into_iter().collect::<Map<String, Value>>());
            result.inspection = Some(Inspection::of(
                self.input.clone(),
                watch.stages.take(),
                variables,
                details,
            ));
        }
        Ok(result)
    }

    /// The executor's mocks for a Task, or the mock of a Parallel's or Map's result.
    fn mocks(&self, state: &State) -> Result<(Mocks, Option<StateMock>), TestStateError> {
        let kind = state.type_name();
        Ok(match (state, &self.mock) {
            (State::Task(_) | State::Parallel(_) | State::Map(_), None) => {
                return Err(TestStateError::NeedsMock(kind));
            }
            (State::Task(task), Some(TaskMock::Result(result))) => {
                shapes::check(&task.resource, result, self.field_validation)
                    .map_err(TestStateError::InvalidMock)?;
                (
                    Mocks::new().state(self.state.clone(), Mock::returns(result.clone())),
                    None,
                )
            }
            (State::Task(_), Some(TaskMock::Error { error, cause })) => (
                Mocks::new().state(
                    self.state.clone(),
                    Mock::throws(error.clone(), cause.clone()),
                ),
                None,
            ),
            (State::Parallel(_) | State::Map(_), Some(TaskMock::Result(result))) => {
                check_result_shape(state, result)?;
                (Mocks::new(), Some(Ok(result.clone())))
            }
            (State::Parallel(_) | State::Map(_), Some(TaskMock::Error { error, cause })) => {
                (Mocks::new(), Some(Err((error.clone(), cause.clone()))))
            }
            (_, Some(_)) => return Err(TestStateError::MockNotSupported(kind)),
            (_, None) => (Mocks::new(), None),
        })
    }
}

/// What a tested Parallel's or Map's branches or iterations give: a result, or an error
/// and cause.
type StateMock = Result<Value, (String, String)>;

/// A parse error of a state given alone, located in the text the user gave rather than in
/// the machine text it was placed in: `offset` bytes of wrapper come first, on the first
/// line, and the state's text is `length` bytes long.
fn relocate(error: ParseError, offset: usize, length: usize) -> ParseError {
    error.map_issues(|issue| {
        let within = |at: usize| at.saturating_sub(offset).min(length);
        issue.span = Span::new(within(issue.span.start), within(issue.span.end));
        if issue.line == 1 && issue.column > 0 {
            issue.column = issue.column.saturating_sub(offset).max(1);
        }
        issue.pointer = within_state(&issue.pointer);
    })
}

/// A pointer into the machine a state given alone is placed in, as a pointer into the
/// state (`/States/StateName/Retry/0` is `/Retry/0`).
fn within_state(pointer: &str) -> String {
    let in_list = pointer
        .strip_prefix("/States/")
        .and_then(|rest| rest.strip_prefix(STATE_NAME))
        .filter(|rest| rest.is_empty() || rest.starts_with('/'));
    match in_list {
        Some(rest) => rest.to_owned(),
        None => pointer.to_owned(),
    }
}

#[cfg(test)]
mod tests;
