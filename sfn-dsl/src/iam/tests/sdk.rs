//! AWS SDK integrations: IAM actions, not API names.

use super::{one_task, policy};

fn unresolved_actions(resource: &str) -> (Vec<String>, String) {
    let machine = one_task(&format!(
        r#"{{"Type": "Task", "Resource": "{resource}", "Parameters": {{}}, "End": true}}"#
    ));
    let policy = policy(&machine);
    assert!(policy.statements.is_empty(), "{resource}");
    assert_eq!(policy.unresolved.len(), 1, "{resource}");
    let unresolved = &policy.unresolved[0];
    (unresolved.actions.clone(), unresolved.reason.clone())
}

#[test]
fn api_actions_become_the_iam_actions_that_authorize_them() {
    for (resource, actions) in [
        (
            "arn:aws:states:::aws-sdk:s3:listObjectsV2",
            &["s3:ListBucket"][..],
        ),
        (
            "arn:aws:states:::aws-sdk:lambda:invoke",
            &["lambda:InvokeFunction"],
        ),
        (
            "arn:aws:states:::aws-sdk:bedrockruntime:converse",
            &["bedrock:InvokeModel"],
        ),
        (
            "arn:aws:states:::aws-sdk:bedrockruntime:converseStream",
            &["bedrock:InvokeModelWithResponseStream"],
        ),
        (
            "arn:aws:states:::aws-sdk:s3:copyObject",
            &["s3:GetObject", "s3:PutObject"],
        ),
    ] {
        let (found, reason) = unresolved_actions(resource);
        assert_eq!(found, actions, "{resource}");
        assert!(!reason.contains("may name differently"), "{reason}");
    }
}

#[test]
fn service_names_become_iam_prefixes() {
    for (resource, action) in [
        (
            "arn:aws:states:::aws-sdk:eventbridge:putEvents",
            "events:PutEvents",
        ),
        (
            "arn:aws:states:::aws-sdk:efs:describeFileSystems",
            "elasticfilesystem:DescribeFileSystems",
        ),
        ("arn:aws:states:::aws-sdk:sesv2:sendEmail", "ses:SendEmail"),
        (
            "arn:aws:states:::aws-sdk:sfn:startExecution",
            "states:StartExecution",
        ),
        (
            "arn:aws:states:::aws-sdk:dynamodb:getItem",
            "dynamodb:GetItem",
        ),
        (
            "arn:aws:states:::aws-sdk:pinpoint:sendMessages",
            "mobiletargeting:SendMessages",
        ),
        (
            "arn:aws:states:::aws-sdk:kinesisanalyticsv2:startApplication",
            "kinesisanalytics:StartApplication",
        ),
        (
            "arn:aws:states:::aws-sdk:dynamodbstreams:getRecords",
            "dynamodb:GetRecords",
        ),
        (
            "arn:aws:states:::aws-sdk:resourcegroupstaggingapi:getResources",
            "tag:GetResources",
        ),
        (
            "arn:aws:states:::aws-sdk:cloudcontrol:getResource",
            "cloudformation:GetResource",
        ),
    ] {
        let (found, reason) = unresolved_actions(resource);
        assert_eq!(found, [action], "{resource}");
        assert_eq!(
            reason,
            format!(
                "AWS SDK integrations name their resources inside the request; list them as the CDK's CallAwsService `iamResources` does; `{action}` is the API action's name, which IAM may name differently"
            )
        );
    }
}
