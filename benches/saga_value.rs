//! The document of the `saga` benchmark written as a `serde_json::Value` with `json!`, as a
//! team without this library would write it: the same `format!` inputs, each state written
//! once, no checks. Serializing it with `serde_json` and dropping it is what producing
//! the document costs with `serde_json` alone, the natural comparison for the pipeline
//! (the benchmark's floor serializes a `Value` made beforehand, outside the timing).

use serde_json::{Map, Value, json};

/// The transient Lambda errors the steps retry.
const LAMBDA_TRANSIENT: [&str; 4] = [
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
];

/// The machine [`crate::saga::build`] makes, as a `serde_json::Value` written with
/// `json!`.
///
/// # Examples
///
/// ```
/// let value = sfn_benches::saga_value::document(3);
/// let built = sfn_benches::saga::build(3)?;
/// assert_eq!(serde_json::to_string(&value)?, built.to_json());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn document(steps: usize) -> Value {
    let mut states = Map::new();
    for step in 0..steps {
        let unwind = match step.checked_sub(1) {
            Some(before) => format!("Undo {before}"),
            None => "Saga failed: cause".to_owned(),
        };
        let next = if step + 1 < steps {
            format!("Step {}", step + 1)
        } else {
            "Done".to_owned()
        };
        states.insert(
            format!("Step {step}"),
            json!({
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {
                    "FunctionName": format!("${{Step{step}FunctionArn}}"),
                    "Payload.$": "$"
                },
                "ResultSelector": {"result.$": "$.Payload"},
                "ResultPath": format!("$.results.step{step}"),
                "Retry": [{"ErrorEquals": LAMBDA_TRANSIENT, "MaxAttempts": 3}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": unwind}],
                "Next": next
            }),
        );
    }
    states.insert("Done".to_owned(), json!({"Type": "Succeed"}));
    // The compensations, last first: a failure of step k enters at `Undo k-1`.
    for step in (0..steps.saturating_sub(1)).rev() {
        let next = match step.checked_sub(1) {
            Some(before) => format!("Undo {before}"),
            None => "Saga failed: cause".to_owned(),
        };
        states.insert(
            format!("Undo {step}"),
            json!({
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {
                    "FunctionName": format!("${{Undo{step}FunctionArn}}"),
                    "Payload.$": "$"
                },
                "ResultPath": null,
                "Retry": [{
                    "ErrorEquals": ["States.ALL"],
                    "IntervalSeconds": 1,
                    "MaxAttempts": 3,
                    "BackoffRate": 2
                }],
                "Next": next
            }),
        );
    }
    states.insert(
        "Saga failed: cause".to_owned(),
        json!({
            "Type": "Pass",
            "Parameters": {
                "error.$": r#"States.JsonMerge(States.StringToJson('\{"Cause": ""\}'), $.error, false)"#
            },
            "Next": "Saga failed"
        }),
    );
    states.insert(
        "Saga failed".to_owned(),
        json!({"Type": "Fail", "ErrorPath": "$.error.Error", "CausePath": "$.error.Cause"}),
    );
    json!({"Comment": "benchmark saga", "StartAt": "Step 0", "States": states})
}

/// [`document`], serialized as compact JSON (and dropped).
///
/// # Examples
///
/// ```
/// assert_eq!(
///     sfn_benches::saga_value::build_serialize(2),
///     sfn_benches::saga::build_check_serialize(2)?,
/// );
/// # Ok::<(), sfn_dsl::error::BuildError>(())
/// ```
#[must_use]
pub fn build_serialize(steps: usize) -> String {
    serde_json::to_string(&document(steps)).unwrap_or_default()
}
