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

use indexmap::IndexMap;
use serde_json::Value;

use super::response::Response;
use super::{Mock, Mocks};

/// A problem in a mock configuration file, naming where it is.
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
    test_cases: IndexMap<String, IndexMap<String, IndexMap<String, String>>>,
    responses: IndexMap<String, Vec<(u64, u64, Response)>>,
}

fn invalid(pointer: impl Into<String>, message: impl Into<String>) -> MockConfigError {
    MockConfigError::Invalid {
        pointer: pointer.into(),
        message: message.into(),
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn object<'v>(
    value: &'v Value,
    pointer: &str,
) -> Result<&'v serde_json::Map<String, Value>, MockConfigError> {
    value
        .as_object()
        .ok_or_else(|| invalid(pointer, "expected an object"))
}

impl MockConfig {
    /// Parses the file's text.
    ///
    /// # Errors
    ///
    /// [`MockConfigError`] for invalid JSON or a value of the wrong shape.
    pub fn from_json(text: &str) -> Result<Self, MockConfigError> {
        let value: Value =
            serde_json::from_str(text).map_err(|error| MockConfigError::Json(error.to_string()))?;
        Self::from_value(&value)
    }

    /// Reads an already parsed file.
    ///
    /// # Errors
    ///
    /// [`MockConfigError`] for a value of the wrong shape.
    pub fn from_value(value: &Value) -> Result<Self, MockConfigError> {
        let root = object(value, "")?;
        let mut config = Self::default();
        if let Some(machines) = root.get("StateMachines") {
            for (machine, body) in object(machines, "/StateMachines")? {
                let pointer = format!("/StateMachines/{}", escape(machine));
                let body = object(body, &pointer)?;
                let mut cases = IndexMap::new();
                if let Some(test_cases) = body.get("TestCases") {
                    let pointer = format!("{pointer}/TestCases");
                    for (case, states) in object(test_cases, &pointer)? {
                        let pointer = format!("{pointer}/{}", escape(case));
                        let mut mapping = IndexMap::new();
                        for (state, response) in object(states, &pointer)? {
                            let name = response.as_str().ok_or_else(|| {
                                invalid(
                                    format!("{pointer}/{}", escape(state)),
                                    "expected the name of a mocked response",
                                )
                            })?;
                            mapping.insert(state.clone(), name.to_owned());
                        }
                        cases.insert(case.clone(), mapping);
                    }
                }
                config.test_cases.insert(machine.clone(), cases);
            }
        }
        if let Some(responses) = root.get("MockedResponses") {
            for (name, attempts) in object(responses, "/MockedResponses")? {
                let pointer = format!("/MockedResponses/{}", escape(name));
                config
                    .responses
                    .insert(name.clone(), parse_attempts(attempts, &pointer)?);
            }
        }
        Ok(config)
    }

    /// The state machines that have test cases.
    pub fn state_machines(&self) -> impl Iterator<Item = &str> {
        self.test_cases.keys().map(String::as_str)
    }

    /// The test cases of a state machine.
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
            mocks = mocks.state(state.clone(), Mock::attempts(attempts.iter().cloned()));
        }
        Ok(mocks)
    }

    /// A named mocked response as a [`Mock`], for use outside test cases.
    #[must_use]
    pub fn response(&self, name: &str) -> Option<Mock> {
        self.responses
            .get(name)
            .map(|attempts| Mock::attempts(attempts.iter().cloned()))
    }
}

/// Parses `{"0": {...}, "1-2": {...}}`.
pub(crate) fn parse_attempts(
    value: &Value,
    pointer: &str,
) -> Result<Vec<(u64, u64, Response)>, MockConfigError> {
    let mut attempts = Vec::new();
    for (range, response) in object(value, pointer)? {
        let pointer = format!("{pointer}/{}", escape(range));
        let (start, end) = parse_range(range).ok_or_else(|| {
            invalid(
                &pointer,
                format!("`{range}` is not an attempt number or range such as `1-2`"),
            )
        })?;
        attempts.push((start, end, parse_response(response, &pointer)?));
    }
    Ok(attempts)
}

fn parse_range(text: &str) -> Option<(u64, u64)> {
    if let Some((start, end)) = text.split_once('-') {
        let start = start.trim().parse().ok()?;
        let end = end.trim().parse().ok()?;
        (start <= end).then_some((start, end))
    } else {
        let index = text.trim().parse().ok()?;
        Some((index, index))
    }
}

fn parse_response(value: &Value, pointer: &str) -> Result<Response, MockConfigError> {
    let body = object(value, pointer)?;
    if let Some(result) = body.get("Return") {
        return Ok(Response::Return(result.clone()));
    }
    if let Some(throw) = body.get("Throw") {
        let pointer = format!("{pointer}/Throw");
        let throw = object(throw, &pointer)?;
        let error = throw
            .get("Error")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(format!("{pointer}/Error"), "expected a string"))?;
        let cause = match throw.get("Cause") {
            None => None,
            Some(Value::String(cause)) => Some(cause.clone()),
            Some(_) => return Err(invalid(format!("{pointer}/Cause"), "expected a string")),
        };
        return Ok(Response::Throw {
            error: error.to_owned(),
            cause,
        });
    }
    Err(invalid(pointer, "expected `Return` or `Throw`"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CORPUS: &str = include_str!(
        "../../../tests/corpus/localstack/mock-configs/mock_config_files/lambda_sqs_integration.json"
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
                message: "`x` is not an attempt number or range such as `1-2`".into(),
            }
        );
        let error = MockConfig::from_value(&json!({"MockedResponses": {"R": {"0": {"Nope": 1}}}}))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "mock configuration: /MockedResponses/R/0: expected `Return` or `Throw`"
        );
    }
}
