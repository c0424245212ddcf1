//! The mock configuration file of AWS Step Functions Local (`MockConfigFile.json`), read
//! unchanged.
//!
//! ```json
//! {
//!   "StateMachines": {
//!     "Orders": { "TestCases": { "HappyPath": { "Charge": "ChargeOk" } } }
//!   },
//!   "MockedResponses": {
//!     "ChargeOk": { "0": { "Return": { "id": 1 } }, "1-2": { "Throw": { "Error": "E", "Cause": "c" } } }
//!   }
//! }
//! ```
//!
//! As AWS documents it: a state machine's single field is `TestCases`; a test case maps
//! state names (also states inside Parallel branches and Map iterations) to mocked
//! response names; a mocked response maps invocation keys, `"0"` or an inclusive range
//! `"1-2"`, to exactly one of `Return` (any JSON: the task's result) or `Throw` (`Error`
//! and `Cause` strings). Invocations are counted per state across retries and Map
//! iterations. An invocation no key covers fails the execution with `States.Runtime`
//! ("If you do not specify a mocked response, the state machine execution will fail").
//! Anything else (unknown fields, overlapping keys, repeated keys, wrong types) is
//! rejected with the JSON pointer of the value and the reason.

mod parse;

use indexmap::IndexMap;
use serde_json::Value;
use sfn_dsl::source::Document;

use super::response::Response;
use super::{Mock, Mocks};

/// State machine → test case → state → mocked response name.
type TestCases = IndexMap<String, IndexMap<String, IndexMap<String, String>>>;
/// Mocked response name → `(first, last, response)` per invocation key.
type Responses = IndexMap<String, Vec<(u64, u64, Response)>>;

/// A problem in a mock configuration file, naming where it is.
///
/// # Examples
///
/// ```
/// use sfn_local::{MockConfig, MockConfigError};
///
/// let config = MockConfig::from_json(r#"{
///     "StateMachines": {"Orders": {"TestCases": {"HappyPath": {"Charge": "ChargeOk"}}}},
///     "MockedResponses": {"ChargeOk": {"0": {"Return": {"id": 1}}}}
/// }"#)?;
/// let Err(MockConfigError::UnknownTestCase { name, known, .. }) = config.mocks("Orders", "SadPath") else {
///     panic!("no such test case")
/// };
/// assert_eq!((name.as_str(), known.as_str()), ("SadPath", "HappyPath"));
///
/// let error = MockConfig::from_json(r#"{"MockedResponses": {"ChargeOk": {"0": {"Retrun": 1}}}}"#).unwrap_err();
/// let MockConfigError::Invalid { pointer, .. } = &error else { panic!("a misspelt field") };
/// assert_eq!(pointer, "/MockedResponses/ChargeOk/0/Retrun");
/// # Ok::<(), MockConfigError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MockConfigError {
    /// The text is not JSON.
    #[error("mock configuration is not valid JSON: {0}")]
    Json(String),
    /// A value has the wrong shape.
    #[error("mock configuration: {pointer}: {message}")]
    Invalid {
        /// A JSON pointer to the value.
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// The state machine is not in `StateMachines`.
    #[error("mock configuration has no state machine `{name}` (known: {known})")]
    UnknownStateMachine {
        /// The name asked for.
        name: String,
        /// The names present, comma-separated.
        known: String,
    },
    /// The test case is not in the state machine's `TestCases`.
    #[error("state machine `{state_machine}` has no test case `{name}` (known: {known})")]
    UnknownTestCase {
        /// The state machine.
        state_machine: String,
        /// The name asked for.
        name: String,
        /// The names present, comma-separated.
        known: String,
    },
    /// A test case names a response missing from `MockedResponses`.
    #[error("test case `{test_case}` maps state `{state}` to unknown mocked response `{response}`")]
    UnknownResponse {
        /// The test case.
        test_case: String,
        /// The state.
        state: String,
        /// The missing response name.
        response: String,
    },
}

/// A parsed mock configuration: test cases per state machine, and named responses.
///
/// # Examples
///
/// ```
/// use sfn_local::MockConfig;
///
/// let config = MockConfig::from_json(r#"{
///   "StateMachines": {"Orders": {"TestCases": {"Happy": {"Charge": "ChargeOk"}}}},
///   "MockedResponses": {"ChargeOk": {"0": {"Return": {"id": 1}}}}
/// }"#)?;
/// let mocks = config.mocks("Orders", "Happy")?;
/// assert_eq!(mocks.len(), 1);
/// # Ok::<(), sfn_local::MockConfigError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct MockConfig {
    test_cases: TestCases,
    responses: Responses,
}

impl MockConfig {
    /// Parses the file's text. Keys may not repeat (a test case or an invocation key
    /// written twice is reported, not silently dropped).
    ///
    /// # Errors
    ///
    /// [`MockConfigError`] for invalid JSON, a repeated key, or a value of the wrong
    /// shape.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::{MockConfig, MockConfigError};
    ///
    /// let config = MockConfig::from_json(r#"{"StateMachines": {"Orders": {"TestCases": {"Happy": {}}}}}"#)?;
    /// assert_eq!(config.state_machines().collect::<Vec<_>>(), ["Orders"]);
    /// assert!(matches!(MockConfig::from_json("{"), Err(MockConfigError::Json(_))));
    /// # Ok::<(), MockConfigError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, MockConfigError> {
        let document = Document::parse(text).map_err(|error| parse::json_error(&error))?;
        Self::from_value(&document.root().to_value())
    }

    /// Reads an already parsed file.
    ///
    /// # Errors
    ///
    /// [`MockConfigError`] for a value of the wrong shape.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::MockConfig;
    ///
    /// let config = MockConfig::from_value(&json!({
    ///     "MockedResponses": {"Ok": {"0": {"Return": {"id": 1}}}}
    /// }))?;
    /// assert!(config.response("Ok").is_some());
    /// # Ok::<(), sfn_local::MockConfigError>(())
    /// ```
    pub fn from_value(value: &Value) -> Result<Self, MockConfigError> {
        let (test_cases, responses) = parse::config(value)?;
        Ok(Self {
            test_cases,
            responses,
        })
    }

    /// The state machines that have test cases.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::MockConfig;
    ///
    /// let config = MockConfig::from_json(r#"{"StateMachines": {
    ///     "Orders": {"TestCases": {}}, "Refunds": {"TestCases": {}}}}"#)?;
    /// assert_eq!(config.state_machines().collect::<Vec<_>>(), ["Orders", "Refunds"]);
    /// # Ok::<(), sfn_local::MockConfigError>(())
    /// ```
    pub fn state_machines(&self) -> impl Iterator<Item = &str> {
        self.test_cases.keys().map(String::as_str)
    }

    /// The test cases of a state machine.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::MockConfig;
    ///
    /// let config = MockConfig::from_json(r#"{"StateMachines": {"Orders": {"TestCases": {"Happy": {}, "Declined": {}}}}}"#)?;
    /// assert_eq!(config.test_cases("Orders").collect::<Vec<_>>(), ["Happy", "Declined"]);
    /// assert_eq!(config.test_cases("Unknown").count(), 0);
    /// # Ok::<(), sfn_local::MockConfigError>(())
    /// ```
    pub fn test_cases(&self, state_machine: &str) -> impl Iterator<Item = &str> {
        self.test_cases
            .get(state_machine)
            .into_iter()
            .flat_map(|cases| cases.keys().map(String::as_str))
    }

    /// The mocks of one test case.
    ///
    /// # Errors
    ///
    /// [`MockConfigError`] when the state machine, the test case or a response it names
    /// is missing.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, MockConfig, MockConfigError};
    ///
    /// let config = MockConfig::from_json(r#"{
    ///   "StateMachines": {"Orders": {"TestCases": {"Declined": {"Charge": "CardDeclined"}}}},
    ///   "MockedResponses": {"CardDeclined": {"0": {"Throw": {"Error": "Card.Declined", "Cause": "no funds"}}}}
    /// }"#)?;
    /// let executor = Executor::from_json(r#"{"StartAt": "Charge", "States": {"Charge": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
    /// let execution = executor.mocks(config.mocks("Orders", "Declined")?).run(json!({}))?;
    /// assert_eq!(execution.error.as_deref(), Some("Card.Declined"));
    /// assert!(matches!(config.mocks("Orders", "Happy"), Err(MockConfigError::UnknownTestCase { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn mocks(&self, state_machine: &str, test_case: &str) -> Result<Mocks, MockConfigError> {
        let cases = self.test_cases.get(state_machine).ok_or_else(|| {
            MockConfigError::UnknownStateMachine {
                name: state_machine.to_owned(),
                known: self.state_machines().collect::<Vec<_>>().join(", "),
            }
        })?;
        let states = cases
            .get(test_case)
            .ok_or_else(|| MockConfigError::UnknownTestCase {
                state_machine: state_machine.to_owned(),
                name: test_case.to_owned(),
                known: cases.keys().cloned().collect::<Vec<_>>().join(", "),
            })?;
        let mut mocks = Mocks::new();
        for (state, response) in states {
            let attempts =
                self.responses
                    .get(response)
                    .ok_or_else(|| MockConfigError::UnknownResponse {
                        test_case: test_case.to_owned(),
                        state: state.clone(),
                        response: response.clone(),
                    })?;
            mocks = mocks.state(state.clone(), Mock::configured(response, attempts));
        }
        Ok(mocks)
    }

    /// A named mocked response as a [`Mock`], for use outside test cases. As in a test
    /// case, an invocation none of its keys covers fails the execution.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::{Executor, MockConfig, Mocks};
    ///
    /// let config = MockConfig::from_json(r#"{"MockedResponses": {"Ok": {"0": {"Return": {"id": 1}}}}}"#)?;
    /// let executor = Executor::from_json(r#"{"StartAt": "T", "States": {"T": {
    ///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
    /// let mocks = Mocks::new().state("T", config.response("Ok").ok_or("no response `Ok`")?);
    /// assert_eq!(executor.mocks(mocks).run(json!({}))?.output, Some(json!({"id": 1})));
    /// assert!(config.response("Missing").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn response(&self, name: &str) -> Option<Mock> {
        self.responses
            .get(name)
            .map(|attempts| Mock::configured(name, attempts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CORPUS: &str = include_str!(
        "../../../../tests/corpus/localstack/mock-configs/mock_config_files/lambda_sqs_integration.json"
    );

    #[test]
    fn reads_the_step_functions_local_example_unchanged() {
        let config = MockConfig::from_json(CORPUS).unwrap();
        assert_eq!(
            config.state_machines().collect::<Vec<_>>(),
            ["LambdaSQSIntegration"]
        );
        assert_eq!(
            config
                .test_cases("LambdaSQSIntegration")
                .collect::<Vec<_>>(),
            ["HappyPath", "RetryPath", "HybridPath"]
        );
        let retry = &config.responses["MockedLambdaRetry"];
        assert_eq!(retry.len(), 3);
        assert_eq!(retry[1].0, 1);
        assert_eq!(retry[1].1, 2);
        assert_eq!(
            retry[1].2,
            Response::throw("Lambda.TimeoutException", "Lambda timed out.")
        );
        assert_eq!(
            config
                .mocks("LambdaSQSIntegration", "HybridPath")
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn unknown_names_are_reported_with_the_known_ones() {
        let config = MockConfig::from_json(CORPUS).unwrap();
        let error = config.mocks("LambdaSQSIntegration", "Nope").unwrap_err();
        assert_eq!(
            error.to_string(),
            "state machine `LambdaSQSIntegration` has no test case `Nope` (known: HappyPath, RetryPath, HybridPath)"
        );
        assert!(matches!(
            config.mocks("Other", "HappyPath"),
            Err(MockConfigError::UnknownStateMachine { .. })
        ));
    }

    #[test]
    fn malformed_values_name_their_location() {
        let error =
            MockConfig::from_value(&json!({"MockedResponses": {"R": {"x": {"Return": 1}}}}))
                .unwrap_err();
        assert_eq!(
            error,
            MockConfigError::Invalid {
                pointer: "/MockedResponses/R/x".into(),
                message: "`x` is not an invocation number or inclusive range such as `0` or `1-2`"
                    .into(),
            }
        );
        let error = MockConfig::from_value(&json!({"MockedResponses": {"R": {"0": {"Nope": 1}}}}))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "mock configuration: /MockedResponses/R/0/Nope: unknown field `Nope` (expected Return or Throw)"
        );
    }
}
