//! The validator on integration tasks: task tokens read where there is none, malformed AWS
//! SDK resources, and literal request values the API refuses.

use sfn_dsl::validate::{Code, Severity, validate_str};

use super::assert_diagnostics;

/// A machine whose only state is `state` (named `S`), in `language` (`JSONPath`,
/// `JSONata`).
fn one(language: &str, state: &str) -> String {
    format!(r#"{{"QueryLanguage": "{language}", "StartAt": "S", "States": {{"S": {state}}}}}"#)
}

/// A Task calling `resource` with `request` as its `Parameters`.
fn task(resource: &str, request: &str) -> String {
    one(
        "JSONPath",
        &format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::{resource}", "TimeoutSeconds": 60, "Parameters": {request}, "End": true}}"#
        ),
    )
}

#[test]
fn a_task_token_read_in_a_task_without_one_is_a_warning() {
    let send = |resource: &str| {
        task(
            resource,
            r#"{"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token", "id.$": "$$.Execution.Id"}}"#,
        )
    };
    assert_diagnostics(
        &send("sqs:sendMessage"),
        &[(
            Code::TaskTokenUnavailable,
            "/States/S/Parameters/MessageBody/token.$",
        )],
    );
    let report = validate_str(&send("sqs:sendMessage"));
    let diagnostic = &report.diagnostics()[0];
    assert_eq!(diagnostic.severity, Severity::Warning);
    assert_eq!(
        diagnostic.message,
        "`Parameters.MessageBody.token.$` of state `S` reads `$$.Task.Token`, but only a callback (`.waitForTaskToken`), `.sync` or activity task has a task token: the read fails at run time"
    );
    assert!(
        diagnostic
            .hint
            .as_deref()
            .is_some_and(|hint| hint.contains(".wait_for_task_token()"))
    );
    // Callback and `.sync` tasks have one, and so has an activity; a placeholder may be
    // either, and `$$` alone may read anything.
    assert_diagnostics(&send("sqs:sendMessage.waitForTaskToken"), &[]);
    assert_diagnostics(
        &task(
            "states:startExecution.sync",
            r#"{"StateMachineArn": "a", "Input": {"TaskToken.$": "$$.Task.Token"}}"#,
        ),
        &[],
    );
    assert_diagnostics(
        &one(
            "JSONPath",
            r#"{"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:a", "TimeoutSeconds": 60, "Parameters": {"t.$": "$$.Task.Token"}, "End": true}"#,
        ),
        &[],
    );
    assert_diagnostics(
        &one(
            "JSONPath",
            r#"{"Type": "Task", "Resource": "${SendAction}", "Parameters": {"t.$": "$$.Task.Token"}, "End": true}"#,
        ),
        &[],
    );
    assert_diagnostics(
        &task(
            "lambda:invoke",
            r#"{"FunctionName": "f", "Payload.$": "$$"}"#,
        ),
        &[],
    );
    // JSONata, in an intrinsic-free expression, at any depth.
    assert_diagnostics(
        &one(
            "JSONata",
            r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": [{"t": "{% $states.context.Task.Token %}"}]}, "End": true}"#,
        ),
        &[(
            Code::TaskTokenUnavailable,
            "/States/S/Arguments/Payload/0/t",
        )],
    );
}

#[test]
fn malformed_aws_sdk_resources_are_errors() {
    for resource in [
        "aws-sdk::",
        "aws-sdk:s3:",
        "aws-sdk:s3:getObject:x",
        "aws-sdk:s3:getObject:x:y",
        "aws-sdk:s3",
        "aws-sdk:s3:get Object",
    ] {
        let report = validate_str(&task(resource, "{}"));
        let found: Vec<_> = report
            .diagnostics()
            .iter()
            .map(|diagnostic| (diagnostic.code, diagnostic.pointer.as_str()))
            .collect();
        assert!(
            found.contains(&(Code::InvalidResource, "/States/S/Resource")),
            "{resource}: {report}"
        );
    }
    assert_eq!(
        validate_str(&task("aws-sdk:s3:getObject:x:y", "{}")).diagnostics()[0].message,
        "the `Resource` of state `S` is an AWS SDK integration that has 4 parts after `aws-sdk:` where `<service>:<action>` are two"
    );
    // `.sync:2` is refused as `.sync` is.
    assert_diagnostics(
        &task("aws-sdk:s3:getObject.sync:2", "{}"),
        &[(Code::UnsupportedIntegrationPattern, "/States/S/Resource")],
    );
    assert_diagnostics(&task("aws-sdk:s3:getObject", "{}"), &[]);
    assert_diagnostics(&task("aws-sdk:${Service}:${Action}", "{}"), &[]);
    // One placeholder may stand for both.
    let report = validate_str(&task("aws-sdk:${SdkCall}", "{}"));
    assert!(!report.has_errors(), "{report}");
}

#[test]
fn literal_request_values_out_of_the_api_range_are_warnings() {
    let entries = |count: usize| {
        let entry = r#"{"Source": "s", "DetailType": "d", "Detail": {}}"#;
        task(
            "events:putEvents",
            &format!(r#"{{"Entries": [{}]}}"#, vec![entry; count].join(", ")),
        )
    };
    for count in [0, 11] {
        assert_diagnostics(
            &entries(count),
            &[(Code::RequestValueOutOfRange, "/States/S/Parameters/Entries")],
        );
    }
    assert_diagnostics(&entries(1), &[]);
    assert_diagnostics(&entries(10), &[]);
    let delay = |seconds: &str| {
        task(
            "sqs:sendMessage",
            &format!(r#"{{"QueueUrl": "q", "MessageBody": "m", "DelaySeconds": {seconds}}}"#),
        )
    };
    for out in ["5000", "-1", "1.5"] {
        assert_diagnostics(
            &delay(out),
            &[(
                Code::RequestValueOutOfRange,
                "/States/S/Parameters/DelaySeconds",
            )],
        );
    }
    assert_eq!(
        validate_str(&delay("5000")).diagnostics()[0].message,
        "`DelaySeconds` of the `sqs:sendMessage` request of state `S` is 5000, but the API takes a whole number from 0 to 900"
    );
    assert_diagnostics(&delay("900"), &[]);
    // A whole number written with a fraction is that number.
    assert_diagnostics(&delay("5.0"), &[]);
    assert_diagnostics(&delay("1E2"), &[]);
    // A value read at run time is not checked.
    assert_diagnostics(
        &task(
            "sqs:sendMessage",
            r#"{"QueueUrl": "q", "MessageBody": "m", "DelaySeconds.$": "$.delay"}"#,
        ),
        &[],
    );
}

#[test]
fn a_training_job_needs_only_the_fields_the_api_requires() {
    // botocore's sagemaker model (2017-07-24) requires only these three: the algorithm,
    // instances and stopping condition may be left out.
    assert_diagnostics(
        &task(
            "sagemaker:createTrainingJob",
            r#"{"TrainingJobName": "t", "RoleArn": "r", "OutputDataConfig": {}}"#,
        ),
        &[],
    );
    assert_diagnostics(
        &task(
            "sagemaker:createTrainingJob",
            r#"{"TrainingJobName": "t", "AlgorithmSpecification": {}, "OutputDataConfig": {}, "ResourceConfig": {}, "StoppingCondition": {}}"#,
        ),
        &[(Code::MissingRequestField, "/States/S/Parameters")],
    );
}
