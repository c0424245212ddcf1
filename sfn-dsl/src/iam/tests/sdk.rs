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

const RESOURCES_IN_REQUEST: &str = "AWS SDK integrations name their resources inside the request; list them as the CDK's CallAwsService `iamResources` does";

/// Each `(service:action, IAM actions)` is listed with those actions and no caveat.
fn assert_mapped(cases: &[(&str, &[&str])]) {
    for (call, actions) in cases {
        let (found, reason) = unresolved_actions(&format!("arn:aws:states:::aws-sdk:{call}"));
        assert_eq!(found, *actions, "{call}");
        assert_eq!(reason, RESOURCES_IN_REQUEST, "{call}");
    }
}

/// The S3 API reference's "Permissions" sections: bucket subresources are authorized by
/// configuration actions, and deleting one by the matching `Put…`.
#[test]
fn s3_bucket_configuration_calls_need_the_configuration_actions() {
    assert_mapped(&[
        ("s3:getBucketEncryption", &["s3:GetEncryptionConfiguration"]),
        ("s3:putBucketEncryption", &["s3:PutEncryptionConfiguration"]),
        (
            "s3:deleteBucketEncryption",
            &["s3:PutEncryptionConfiguration"],
        ),
        (
            "s3:getBucketLifecycleConfiguration",
            &["s3:GetLifecycleConfiguration"],
        ),
        (
            "s3:putBucketLifecycleConfiguration",
            &["s3:PutLifecycleConfiguration"],
        ),
        (
            "s3:deleteBucketLifecycle",
            &["s3:PutLifecycleConfiguration"],
        ),
        (
            "s3:getBucketReplication",
            &["s3:GetReplicationConfiguration"],
        ),
        (
            "s3:deleteBucketReplication",
            &["s3:PutReplicationConfiguration"],
        ),
        (
            "s3:getPublicAccessBlock",
            &["s3:GetBucketPublicAccessBlock"],
        ),
        (
            "s3:putPublicAccessBlock",
            &["s3:PutBucketPublicAccessBlock"],
        ),
        (
            "s3:deletePublicAccessBlock",
            &["s3:PutBucketPublicAccessBlock"],
        ),
        (
            "s3:getBucketNotificationConfiguration",
            &["s3:GetBucketNotification"],
        ),
        (
            "s3:putBucketNotificationConfiguration",
            &["s3:PutBucketNotification"],
        ),
        ("s3:getBucketCors", &["s3:GetBucketCORS"]),
        ("s3:putBucketCors", &["s3:PutBucketCORS"]),
        ("s3:deleteBucketCors", &["s3:PutBucketCORS"]),
        ("s3:deleteBucketTagging", &["s3:PutBucketTagging"]),
        (
            "s3:deleteBucketOwnershipControls",
            &["s3:PutBucketOwnershipControls"],
        ),
        (
            "s3:getBucketMetricsConfiguration",
            &["s3:GetMetricsConfiguration"],
        ),
        (
            "s3:listBucketMetricsConfigurations",
            &["s3:GetMetricsConfiguration"],
        ),
        (
            "s3:deleteBucketMetricsConfiguration",
            &["s3:PutMetricsConfiguration"],
        ),
        (
            "s3:getBucketAnalyticsConfiguration",
            &["s3:GetAnalyticsConfiguration"],
        ),
        (
            "s3:getBucketInventoryConfiguration",
            &["s3:GetInventoryConfiguration"],
        ),
        (
            "s3:listBucketInventoryConfigurations",
            &["s3:GetInventoryConfiguration"],
        ),
        (
            "s3:getBucketAccelerateConfiguration",
            &["s3:GetAccelerateConfiguration"],
        ),
        (
            "s3:putBucketIntelligentTieringConfiguration",
            &["s3:PutIntelligentTieringConfiguration"],
        ),
        ("s3:selectObjectContent", &["s3:GetObject"]),
    ]);
}

/// A call needing several actions lists every one.
#[test]
fn s3_calls_needing_several_actions_list_them_all() {
    assert_mapped(&[
        // Reads the source part, writes the destination.
        ("s3:uploadPartCopy", &["s3:GetObject", "s3:PutObject"]),
        // Passes the role S3 replicates as.
        (
            "s3:putBucketReplication",
            &["s3:PutReplicationConfiguration", "iam:PassRole"],
        ),
    ]);
}

#[test]
fn s3_directory_bucket_calls_are_authorized_under_s3express() {
    assert_mapped(&[
        ("s3:createSession", &["s3express:CreateSession"]),
        (
            "s3:listDirectoryBuckets",
            &["s3express:ListAllMyDirectoryBuckets"],
        ),
    ]);
}

/// SQS's batch actions have no permissions of their own; SNS's `sns:Publish` covers
/// `PublishBatch`.
#[test]
fn batch_calls_need_the_single_message_actions() {
    assert_mapped(&[
        ("sqs:sendMessageBatch", &["sqs:SendMessage"]),
        ("sqs:deleteMessageBatch", &["sqs:DeleteMessage"]),
        (
            "sqs:changeMessageVisibilityBatch",
            &["sqs:ChangeMessageVisibility"],
        ),
        ("sns:publishBatch", &["sns:Publish"]),
    ]);
}

#[test]
fn dynamodb_transactions_need_the_item_actions() {
    assert_mapped(&[
        ("dynamodb:transactGetItems", &["dynamodb:GetItem"]),
        ("dynamodb:batchGetItem", &["dynamodb:BatchGetItem"]),
        ("dynamodb:batchWriteItem", &["dynamodb:BatchWriteItem"]),
    ]);
    let (actions, reason) =
        unresolved_actions("arn:aws:states:::aws-sdk:dynamodb:transactWriteItems");
    assert_eq!(
        actions,
        [
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:ConditionCheckItem"
        ]
    );
    assert_eq!(
        reason,
        format!(
            "{RESOURCES_IN_REQUEST}; a transaction's `Put`, `Update`, `Delete` and `ConditionCheck` items are authorized as `PutItem`, `UpdateItem`, `DeleteItem` and `ConditionCheckItem`: all four are listed, keep those the items use"
        )
    );
}

/// Which `PartiQL` action a statement needs depends on its kind: all four are listed, and
/// the reason says so.
#[test]
fn dynamodb_partiql_calls_list_every_statement_action() {
    for call in [
        "executeStatement",
        "batchExecuteStatement",
        "executeTransaction",
    ] {
        let (actions, reason) =
            unresolved_actions(&format!("arn:aws:states:::aws-sdk:dynamodb:{call}"));
        assert_eq!(
            actions,
            [
                "dynamodb:PartiQLSelect",
                "dynamodb:PartiQLInsert",
                "dynamodb:PartiQLUpdate",
                "dynamodb:PartiQLDelete"
            ],
            "{call}"
        );
        assert_eq!(
            reason,
            format!(
                "{RESOURCES_IN_REQUEST}; a PartiQL statement needs the action of its kind (`SELECT`, `INSERT`, `UPDATE`, `DELETE`): all four are listed, keep those the statements use"
            ),
            "{call}"
        );
    }
}

#[test]
fn neptune_data_calls_are_authorized_under_neptune_db() {
    assert_mapped(&[
        (
            "neptunedata:cancelOpenCypherQuery",
            &["neptune-db:CancelQuery"],
        ),
        (
            "neptunedata:executeFastReset",
            &["neptune-db:ResetDatabase"],
        ),
        (
            "neptunedata:executeGremlinProfileQuery",
            &["neptune-db:ReadDataViaQuery"],
        ),
        (
            "neptunedata:getPropertygraphStream",
            &["neptune-db:GetStreamRecords"],
        ),
    ]);
    let (actions, reason) =
        unresolved_actions("arn:aws:states:::aws-sdk:neptunedata:executeOpenCypherQuery");
    assert_eq!(
        actions,
        [
            "neptune-db:ReadDataViaQuery",
            "neptune-db:WriteDataViaQuery",
            "neptune-db:DeleteDataViaQuery"
        ]
    );
    assert!(reason.contains("keep those the query can do"), "{reason}");
    // Not in the table: the prefix is still IAM's, with the caveat.
    let (actions, reason) =
        unresolved_actions("arn:aws:states:::aws-sdk:neptunedata:getEngineStatus");
    assert_eq!(actions, ["neptune-db:GetEngineStatus"]);
    assert!(
        reason.ends_with("which IAM may name differently"),
        "{reason}"
    );
}

#[test]
fn runtime_calls_need_the_invoke_actions() {
    assert_mapped(&[
        (
            "sagemakerruntime:invokeEndpointWithResponseStream",
            &["sagemaker:InvokeEndpoint"],
        ),
        ("bedrockruntime:startAsyncInvoke", &["bedrock:InvokeModel"]),
        (
            "bedrockruntime:invokeModelWithResponseStream",
            &["bedrock:InvokeModelWithResponseStream"],
        ),
        (
            "bedrockagentruntime:retrieveAndGenerateStream",
            &["bedrock:RetrieveAndGenerate"],
        ),
    ]);
}
