//! Mock answers that AWS allows but the common constructors do not make.

use serde_json::json;
use sfn_local::{Executor, Mock, Mocks, Response};

/// Recorded: `test_sqs_failure_in_wait_for_task_tok_no_error_field`. A callback failed
/// without error or cause reaches its catcher as `{"Error": null, "Cause": null}`.
#[test]
fn a_callback_failure_without_error_or_cause() {
    let executor = Executor::from_json(
        r#"{"StartAt": "Send", "States": {
            "Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters": {"QueueUrl": "q", "MessageBody": {"TaskToken.$": "$$.Task.Token"}},
                     "ResultPath": "$.result",
                     "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Caught"}],
                     "End": true},
            "Caught": {"Type": "Pass", "End": true}}}"#,
    )
    .expect("valid definition");
    let execution = executor
        .mocks(Mocks::new().state(
            "Send",
            Mock::from(Response::Fail {
                error: None,
                cause: None,
            }),
        ))
        .run(json!({"message": "hi"}))
        .expect("runs");
    assert_eq!(
        execution.output,
        Some(json!({"message": "hi", "error": {"Error": null, "Cause": null}}))
    );
    assert_eq!(execution.states, ["Send", "Caught"]);
}
