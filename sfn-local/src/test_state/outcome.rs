//! What a state test reports: the status, output, error and next state, and the data
//! between the steps of the state's data flow, shaped as the `TestState` API's response.

use serde_json::{Map, Value, json};

use crate::executor::failure::Failure;
use crate::executor::inspect::{ErrorDetails, Stages};

/// How a state test ended, as the `TestState` API's `status`.
///
/// # Examples
///
/// ```
/// use sfn_local::test_state::TestStatus;
///
/// assert_eq!(TestStatus::CaughtError.as_str(), "CAUGHT_ERROR");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestStatus {
    /// The state finished; [`TestStateResult::next_state`] says where the machine goes.
    Succeeded,
    /// The state failed and nothing caught the error.
    Failed,
    /// The state failed and a retrier would run it again.
    Retriable,
    /// The state failed and a catcher caught the error.
    CaughtError,
}

impl TestStatus {
    /// The API's name of the status.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::test_state::TestStatus;
    ///
    /// assert_eq!(TestStatus::Succeeded.as_str(), "SUCCEEDED");
    /// assert_eq!(TestStatus::Retriable.as_str(), "RETRIABLE");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "SUCCEEDED",
            Self::Failed => "FAILED",
            Self::Retriable => "RETRIABLE",
            Self::CaughtError => "CAUGHT_ERROR",
        }
    }
}

/// The data between the steps of the state's data flow, as the `TestState` API's
/// `inspectionData`; a step the state does not have is `None`. The data are JSON values
/// here; [`TestStateResult::to_json`] writes them as the API does, as JSON text.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::test_state::{InspectionLevel, StateTest};
///
/// let pass = StateTest::state(r#"{"Type": "Pass", "InputPath": "$.order", "End": true}"#)?
///     .input(json!({"order": {"id": 7}}))
///     .inspection_level(InspectionLevel::Debug)
///     .run()?;
/// let inspection = pass.inspection.expect("asked for");
/// assert_eq!(inspection.after_input_path, Some(json!({"id": 7})));
/// assert_eq!(inspection.result, None);
/// # Ok::<(), sfn_local::test_state::TestStateError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inspection {
    /// The state's input.
    pub input: Value,
    /// After `InputPath`.
    pub after_input_path: Option<Value>,
    /// After `Parameters` (JSONPath).
    pub after_parameters: Option<Value>,
    /// After `Arguments` (JSONata): the task's request.
    pub after_arguments: Option<Value>,
    /// The task's result, or a Pass state's `Result`.
    pub result: Option<Value>,
    /// After `ResultSelector`.
    pub after_result_selector: Option<Value>,
    /// After `ResultPath`.
    pub after_result_path: Option<Value>,
    /// A Map state's items, after `ItemsPath` (JSONPath).
    pub after_items_path: Option<Value>,
    /// The variables after the state, when the test set any or the state assigned any.
    pub variables: Option<Map<String, Value>>,
    /// Which retrier and catcher took the state's error.
    pub error_details: Option<TestErrorDetails>,
    /// A Map state's `MaxConcurrency` (0 without one).
    pub max_concurrency: Option<u64>,
    /// A Map state's `ToleratedFailureCount`, when it has one.
    pub tolerated_failure_count: Option<u64>,
    /// A Map state's `ToleratedFailurePercentage`, when it has one.
    pub tolerated_failure_percentage: Option<f64>,
}

/// Which retrier and catcher took the state's error, as the `TestState` API's
/// `errorDetails`.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::test_state::{InspectionLevel, StateTest, TestStatus};
///
/// let flaky = StateTest::state(r#"{
///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///     "Parameters": {"FunctionName": "f"},
///     "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 2, "MaxAttempts": 3}],
///     "End": true
/// }"#)?
/// .mock_error("Flaky", "try again")
/// .retries_made(1)
/// .inspection_level(InspectionLevel::Debug)
/// .run()?;
/// assert_eq!(flaky.status, TestStatus::Retriable);
/// let details = flaky.inspection.and_then(|inspection| inspection.error_details).expect("retried");
/// assert_eq!((details.retry_index, details.retry_backoff_interval_seconds), (Some(0), Some(4)));
/// # Ok::<(), sfn_local::test_state::TestStateError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestErrorDetails {
    /// The retrier that matched the error.
    pub retry_index: Option<usize>,
    /// How long the retrier would wait before running the state again (whole seconds, as
    /// the API reports it); `None` when it has no attempts left.
    pub retry_backoff_interval_seconds: Option<i64>,
    /// The catcher that caught the error.
    pub catch_index: Option<usize>,
}

/// The outcome of a state test, as the `TestState` API's response: its values are JSON
/// values here, and [`to_json`](Self::to_json) writes them as the API does, as JSON text.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::test_state::StateTest;
///
/// let done = StateTest::state(r#"{"Type": "Succeed"}"#)?.input(json!({"ok": true})).run()?;
/// assert_eq!(done.output, Some(json!({"ok": true})));
/// assert_eq!(done.to_json(), json!({"status": "SUCCEEDED", "output": r#"{"ok":true}"#}));
/// # Ok::<(), sfn_local::test_state::TestStateError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TestStateResult {
    /// How the test ended.
    pub status: TestStatus,
    /// The state's output (absent when it failed or would be retried).
    pub output: Option<Value>,
    /// The error, when the state failed (caught or not).
    pub error: Option<String>,
    /// The cause, when the state failed (caught or not).
    pub cause: Option<String>,
    /// The state the machine goes to next: `Next`, the chosen Choice branch or the
    /// catcher's target; `None` when the state ends the machine or failed.
    pub next_state: Option<String>,
    /// The data flow, at [`InspectionLevel::Debug`](super::InspectionLevel::Debug) and above.
    pub inspection: Option<Inspection>,
}

impl TestStateResult {
    /// How the test ended, from the state's outcome and what its retriers and catchers
    /// did with its error; without inspection data.
    pub(super) fn of(
        outcome: Result<(Value, Option<String>), Failure>,
        details: Option<&ErrorDetails>,
    ) -> Self {
        let retriable = details.is_some_and(|details| details.retry_delay_ms.is_some());
        let (status, output, next_state, error, cause) = match outcome {
            Ok((output, next)) => match details {
                Some(ErrorDetails {
                    catch_index: Some(_),
                    error,
                    cause,
                    ..
                }) => (
                    TestStatus::CaughtError,
                    Some(output),
                    next,
                    error.clone(),
                    cause.clone(),
                ),
                _ => (TestStatus::Succeeded, Some(output), next, None, None),
            },
            Err(failure) => (
                if retriable {
                    TestStatus::Retriable
                } else {
                    TestStatus::Failed
                },
                None,
                None,
                failure.error,
                failure.cause,
            ),
        };
        Self {
            status,
            output,
            error,
            cause,
            next_state,
            inspection: None,
        }
    }

    /// The result as the `TestState` API writes it (`status`, `output`, `error`, `cause`,
    /// `nextState`, `inspectionData` with its fields in camel case). As in the API, the
    /// output and the data of `inspectionData` (`input`, `afterInputPath`,
    /// `afterParameters`, `afterArguments`, `result`, `afterResultSelector`,
    /// `afterResultPath`, `afterItemsPath`, `variables`) are JSON text, compact, which a
    /// script reads with `jq -r .output | jq`; the counts and `errorDetails` are numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::test_state::{InspectionLevel, StateTest};
    ///
    /// let result = StateTest::state(r#"{"Type": "Pass", "Result": {"ok": true}, "Next": "Ship"}"#)?
    ///     .input(json!([1, 2]))
    ///     .inspection_level(InspectionLevel::Debug)
    ///     .run()?;
    /// assert_eq!(
    ///     result.to_json(),
    ///     json!({
    ///         "status": "SUCCEEDED",
    ///         "output": r#"{"ok":true}"#,
    ///         "nextState": "Ship",
    ///         "inspectionData": {
    ///             "input": "[1,2]",
    ///             "result": r#"{"ok":true}"#,
    ///             "afterResultSelector": r#"{"ok":true}"#,
    ///             "afterResultPath": r#"{"ok":true}"#
    ///         }
    ///     })
    /// );
    /// // The typed fields hold the values themselves.
    /// assert_eq!(result.output, Some(json!({"ok": true})));
    /// # Ok::<(), sfn_local::test_state::TestStateError>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> Value {
        let mut response = Map::new();
        response.insert("status".to_owned(), json!(self.status.as_str()));
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                response.insert(key.to_owned(), value);
            }
        };
        put("output", self.output.as_ref().map(json_text));
        put("error", self.error.clone().map(Value::String));
        put("cause", self.cause.clone().map(Value::String));
        put("nextState", self.next_state.clone().map(Value::String));
        put(
            "inspectionData",
            self.inspection.as_ref().map(Inspection::to_json),
        );
        Value::Object(response)
    }
}

impl Inspection {
    /// The inspection data of a test of `input`: the stages the state went through, the
    /// variables after it, what its retriers and catchers did.
    pub(super) fn of(
        input: Value,
        stages: Stages,
        variables: Option<Map<String, Value>>,
        details: Option<ErrorDetails>,
    ) -> Self {
        Self {
            input,
            after_input_path: stages.after_input_path,
            after_parameters: stages.after_parameters,
            after_arguments: stages.after_arguments,
            result: stages.result,
            after_result_selector: stages.after_result_selector,
            after_result_path: stages.after_result_path,
            after_items_path: stages.after_items_path,
            variables,
            error_details: details.map(|details| TestErrorDetails {
                retry_index: details.retry_index,
                // The API reports whole seconds.
                retry_backoff_interval_seconds: details
                    .retry_delay_ms
                    .map(|millis| (millis + 500) / 1000),
                catch_index: details.catch_index,
            }),
            max_concurrency: stages.map.map(|map| map.max_concurrency),
            tolerated_failure_count: stages.map.and_then(|map| map.tolerated_count),
            tolerated_failure_percentage: stages.map.and_then(|map| map.tolerated_percentage),
        }
    }

    fn to_json(&self) -> Value {
        let mut data = Map::new();
        data.insert("input".to_owned(), json_text(&self.input));
        for (key, value) in [
            ("afterInputPath", &self.after_input_path),
            ("afterParameters", &self.after_parameters),
            ("afterArguments", &self.after_arguments),
            ("result", &self.result),
            ("afterResultSelector", &self.after_result_selector),
            ("afterResultPath", &self.after_result_path),
            ("afterItemsPath", &self.after_items_path),
        ] {
            if let Some(value) = value {
                data.insert(key.to_owned(), json_text(value));
            }
        }
        if let Some(variables) = &self.variables {
            data.insert(
                "variables".to_owned(),
                json_text(&Value::Object(variables.clone())),
            );
        }
        if let Some(max) = self.max_concurrency {
            data.insert("maxConcurrency".to_owned(), json!(max));
        }
        if let Some(count) = self.tolerated_failure_count {
            data.insert("toleratedFailureCount".to_owned(), json!(count));
        }
        if let Some(percentage) = self.tolerated_failure_percentage {
            data.insert("toleratedFailurePercentage".to_owned(), json!(percentage));
        }
        if let Some(details) = &self.error_details {
            let mut fields = Map::new();
            if let Some(index) = details.retry_index {
                fields.insert("retryIndex".to_owned(), json!(index));
            }
            if let Some(seconds) = details.retry_backoff_interval_seconds {
                fields.insert("retryBackoffIntervalSeconds".to_owned(), json!(seconds));
            }
            if let Some(index) = details.catch_index {
                fields.insert("catchIndex".to_owned(), json!(index));
            }
            data.insert("errorDetails".to_owned(), Value::Object(fields));
        }
        Value::Object(data)
    }
}

/// A value as the API writes the data of its response: JSON text (the API's
/// `SensitiveData` strings), not a nested JSON value.
fn json_text(value: &Value) -> Value {
    Value::String(value.to_string())
}
