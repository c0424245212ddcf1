//! Whole policies derived from small machines, one module per service for the newer rules.

mod agentcore;
mod apigateway;
mod athena;
mod batch;
mod bedrock;
mod codebuild;
mod ecs;
mod eks;
mod emr;
mod events;
mod glue;
mod http;
mod lambda;
mod map;
mod sagemaker;
mod sdk;
mod sns;
mod sqs;

use serde_json::{Value, json};

use super::policy;
use crate::StateMachine;

fn one_task(task: &str) -> StateMachine {
    StateMachine::from_json(&format!(r#"{{"StartAt": "T", "States": {{"T": {task}}}}}"#))
        .expect("valid definition")
}

/// The policy document and unresolved list of a machine whose only state is `task`.
fn document(task: &str) -> Value {
    policy(&one_task(task)).to_json()
}

/// A statement as [`Policy::to_json`](super::Policy::to_json) writes it.
fn allow(actions: &[&str], resources: &[&str]) -> Value {
    let one_or_many = |values: &[&str]| match values {
        [one] => json!(one),
        many => json!(many),
    };
    json!({"Effect": "Allow", "Action": one_or_many(actions), "Resource": one_or_many(resources)})
}

/// The whole output for `statements` and `unresolved` (state, actions, reason).
fn expected(statements: &[Value], unresolved: &[(&str, &[&str], &str)]) -> Value {
    let unresolved: Vec<Value> = unresolved
        .iter()
        .map(
            |(state, actions, reason)| json!({"State": state, "Action": actions, "Reason": reason}),
        )
        .collect();
    json!({
        "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
        "Unresolved": unresolved,
    })
}

/// The managed EventBridge rule of a `.sync` integration.
fn sync_rule(rule: &str) -> Value {
    allow(
        &["events:PutTargets", "events:PutRule", "events:DescribeRule"],
        &[&format!(
            "arn:aws:events:${{AWS::Region}}:${{AWS::AccountId}}:rule/{rule}"
        )],
    )
}

#[test]
fn integrations_without_a_rule_say_so() {
    let transform = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob", "Parameters": {}, "End": true}"#,
    );
    assert_eq!(
        transform,
        expected(
            &[],
            &[(
                "T",
                &[],
                "no grant rule for the `sagemaker:createTransformJob` integration yet"
            )]
        )
    );
}

#[test]
fn legacy_lambda_arns_and_function_names() {
    let legacy = policy(&one_task(
        r#"{"Type": "Task", "Resource": "arn:aws:lambda:eu-west-1:1:function:f:live", "End": true}"#,
    ));
    assert_eq!(
        legacy.statements[0].resources,
        ["arn:aws:lambda:eu-west-1:1:function:f:live"]
    );
    let by_name = policy(&one_task(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "charge"}, "End": true}"#,
    ));
    assert_eq!(
        by_name.statements[0].resources,
        [
            "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:charge",
            "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:charge:*"
        ]
    );
}

/// CloudFormation dynamic references stand for deployment values as `${…}` does: the
/// policy keeps them as written, for CloudFormation to resolve in the same template.
#[test]
fn dynamic_references_are_kept_like_substitutions() {
    let lambda = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "{{resolve:ssm:/app/fn-arn}}", "Payload.$": "$"}, "End": true}"#,
    );
    assert_eq!(
        lambda,
        expected(
            &[allow(
                &["lambda:InvokeFunction"],
                &[
                    "{{resolve:ssm:/app/fn-arn}}",
                    "{{resolve:ssm:/app/fn-arn}}:*"
                ]
            )],
            &[]
        )
    );
    let table = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
            "Parameters": {"TableName": "{{resolve:ssm:/app/table-arn}}", "Key": {}}, "End": true}"#,
    );
    assert_eq!(
        table,
        expected(
            &[allow(
                &["dynamodb:GetItem"],
                &["{{resolve:ssm:/app/table-arn}}"]
            )],
            &[]
        )
    );
}

#[test]
fn dynamic_and_sdk_resources_are_listed_not_guessed() {
    let dynamic = policy(&one_task(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName.$": "$.fn"}, "End": true}"#,
    ));
    assert!(dynamic.statements.is_empty());
    assert_eq!(dynamic.unresolved[0].actions, ["lambda:InvokeFunction"]);
    assert_eq!(
        dynamic.unresolved[0].reason,
        "`FunctionName` is computed at run time"
    );
    let sdk = policy(&one_task(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:listObjectsV2", "Parameters": {"Bucket": "b"}, "End": true}"#,
    ));
    assert_eq!(sdk.unresolved[0].actions, ["s3:ListBucket"]);
    assert!(sdk.statements.is_empty());
}

#[test]
fn ecs_sync_grants_the_managed_rule_and_asks_for_roles() {
    let ecs = policy(&one_task(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "TimeoutSeconds": 60,
            "Parameters": {"TaskDefinition": "arn:aws:ecs:us-east-1:1:task-definition/job:3", "Cluster": "c"}, "End": true}"#,
    ));
    let actions: Vec<&Vec<String>> = ecs
        .statements
        .iter()
        .map(|statement| &statement.actions)
        .collect();
    assert_eq!(
        actions,
        [
            &vec!["ecs:RunTask".to_owned()],
            &vec!["ecs:StopTask".to_owned(), "ecs:DescribeTasks".to_owned()],
            &vec![
                "events:PutTargets".to_owned(),
                "events:PutRule".to_owned(),
                "events:DescribeRule".to_owned()
            ],
        ]
    );
    assert_eq!(
        ecs.statements[2].resources,
        [
            "arn:aws:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForECSTaskRule"
        ]
    );
    assert_eq!(ecs.unresolved[0].actions, ["iam:PassRole"]);
}

#[test]
fn distributed_map_reader_writer_and_credentials() {
    let machine = StateMachine::from_json(
        r#"{"StartAt": "M", "States": {"M": {"Type": "Map",
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "in", "Key": "items.json"},
                           "ReaderConfig": {"InputType": "JSON"}},
            "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs/"}},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "T",
                "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                    "Credentials": {"RoleArn": "arn:aws:iam::2:role/publisher"},
                    "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:2:t", "Message": "x"}, "End": true}}},
            "End": true}}}"#,
    )
    .expect("valid definition");
    let document = policy(&machine).to_json();
    assert_eq!(
        document["PolicyDocument"]["Statement"],
        json!([
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::in/items.json"},
            {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"],
             "Resource": "arn:aws:s3:::out/runs/*"},
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::2:role/publisher"}
        ])
    );
    // The task publishes as the role it assumes: that role needs `sns:Publish`.
    assert_eq!(
        document["Unresolved"][1],
        json!({"State": "T", "Action": ["sns:Publish"],
            "Reason": "the task runs as the role it assumes (`arn:aws:iam::2:role/publisher`): grant this there, on arn:aws:sns:us-east-1:2:t, not to the execution role"})
    );
    assert_eq!(
        document["Unresolved"][0]["Action"],
        json!([
            "states:StartExecution",
            "states:DescribeExecution",
            "states:StopExecution"
        ])
    );
}

#[test]
fn a_task_with_credentials_leaves_its_service_to_the_role_it_assumes() {
    // AWS: "to call the AWS resource, define the appropriate permissions in the target IAM
    // role", and for `.sync` "the Amazon EventBridge permissions … aren't required".
    let machine = StateMachine::from_json(
        r#"{"StartAt": "Child", "States": {"Child": {"Type": "Task",
            "Resource": "arn:aws:states:::states:startExecution.sync:2",
            "Credentials": {"RoleArn.$": "$.role"},
            "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:2:stateMachine:Child"},
            "End": true}}}"#,
    )
    .expect("valid definition");
    let policy = policy(&machine);
    assert!(policy.statements.is_empty(), "{:?}", policy.statements);
    let listed: Vec<(&[String], &str)> = policy
        .unresolved
        .iter()
        .map(|item| (item.actions.as_slice(), item.reason.as_str()))
        .collect();
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(listed[0].0, ["states:StartExecution"]);
    assert!(
        listed[0]
            .1
            .starts_with("the task runs as the role it assumes (`Credentials.RoleArn`, computed at run time): grant this there"),
        "{}",
        listed[0].1
    );
    assert_eq!(
        listed[1].0,
        ["states:DescribeExecution", "states:StopExecution"]
    );
    assert_eq!(listed[2].0, ["sts:AssumeRole"]);
    assert!(
        listed
            .iter()
            .all(|(actions, _)| !actions.iter().any(|a| a.starts_with("events:"))),
        "{listed:?}"
    );
}

#[test]
fn a_deployment_value_named_as_a_name_is_written_into_an_arn() {
    // CloudFormation's `Ref` gives a table's or an event bus's name, which is no IAM resource.
    let machine = StateMachine::from_json(
        r#"{"StartAt": "Put", "States": {
            "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                "Parameters": {"TableName": "${TableName}", "Item": {}}, "Next": "Emit"},
            "Emit": {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents",
                "Parameters": {"Entries": [{"EventBusName": "${BusName}", "Source": "s", "DetailType": "d", "Detail": {}}]}, "Next": "Call"},
            "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "${fn.functionName}", "Payload": {}}, "Next": "Get"},
            "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                "Parameters": {"TableName": "${OrdersTableArn}", "Key": {}}, "End": true}}}"#,
    )
    .expect("valid definition");
    let resources: Vec<Vec<String>> = policy(&machine)
        .statements
        .into_iter()
        .map(|statement| statement.resources)
        .collect();
    assert_eq!(
        resources,
        [
            vec!["arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}".to_owned()],
            vec!["arn:aws:events:${AWS::Region}:${AWS::AccountId}:event-bus/${BusName}".to_owned()],
            vec![
                "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${fn.functionName}"
                    .to_owned(),
                "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${fn.functionName}:*"
                    .to_owned(),
            ],
            // Any other deployment value stands for its ARN, as before.
            vec!["${OrdersTableArn}".to_owned()],
        ]
    );
}
