//! API actions whose IAM actions are known, by SDK service: those authorized by IAM actions
//! of other names (or of several), each family from the AWS page that says so.

/// The IAM actions one API action needs.
pub(super) struct Mapping {
    /// The API action as the `Resource` writes it (`getBucketEncryption`).
    pub(super) action: &'static str,
    /// Every IAM action listed for it.
    pub(super) iam_actions: &'static [&'static str],
    /// Set when a call needs only some of `iam_actions`, depending on the request: says which.
    pub(super) depends_on: Option<&'static str>,
}

/// The call needs every one of `iam_actions`.
const fn to(action: &'static str, iam_actions: &'static [&'static str]) -> Mapping {
    Mapping {
        action,
        iam_actions,
        depends_on: None,
    }
}

/// The call needs some of `iam_actions`, as `depends_on` says.
const fn depending(
    action: &'static str,
    iam_actions: &'static [&'static str],
    depends_on: &'static str,
) -> Mapping {
    Mapping {
        action,
        iam_actions,
        depends_on: Some(depends_on),
    }
}

/// The mapping of `service`'s `action`, if known.
pub(super) fn known(service: &str, action: &str) -> Option<&'static Mapping> {
    FAMILIES
        .iter()
        .filter(|(family, _)| *family == service)
        .flat_map(|(_, mappings)| mappings.iter())
        .find(|mapping| mapping.action == action)
}

const FAMILIES: &[(&str, &[Mapping])] = &[
    ("apigatewaymanagementapi", API_GATEWAY_MANAGEMENT),
    ("bedrockagentruntime", BEDROCK_AGENT_RUNTIME),
    ("bedrockruntime", BEDROCK_RUNTIME),
    ("dynamodb", DYNAMODB),
    ("lambda", LAMBDA),
    ("neptunedata", NEPTUNE_DATA),
    ("s3", S3),
    ("sagemakerruntime", SAGEMAKER_RUNTIME),
    ("sns", SNS),
    ("sqs", SQS),
];

/// API Gateway developer guide, "Use @connections commands in your backend service": the
/// management API's calls are authorized by `execute-api:ManageConnections`.
const API_GATEWAY_MANAGEMENT: &[Mapping] = &[
    to("deleteConnection", &["execute-api:ManageConnections"]),
    to("getConnection", &["execute-api:ManageConnections"]),
    to("postToConnection", &["execute-api:ManageConnections"]),
];

/// Bedrock Agents Runtime API reference, `RetrieveAndGenerateStream`: "requires permission
/// for the `bedrock:RetrieveAndGenerate` action".
const BEDROCK_AGENT_RUNTIME: &[Mapping] = &[to(
    "retrieveAndGenerateStream",
    &["bedrock:RetrieveAndGenerate"],
)];

/// Bedrock Runtime API reference, each operation's permissions: `Converse` and
/// `StartAsyncInvoke` require `bedrock:InvokeModel`, `ConverseStream` and
/// `InvokeModelWithResponseStream` `bedrock:InvokeModelWithResponseStream`.
const BEDROCK_RUNTIME: &[Mapping] = &[
    to("converse", &["bedrock:InvokeModel"]),
    to("converseStream", &["bedrock:InvokeModelWithResponseStream"]),
    to("invokeModel", &["bedrock:InvokeModel"]),
    to(
        "invokeModelWithResponseStream",
        &["bedrock:InvokeModelWithResponseStream"],
    ),
    to("startAsyncInvoke", &["bedrock:InvokeModel"]),
];

const PARTIQL_ACTIONS: &[&str] = &[
    "dynamodb:PartiQLSelect",
    "dynamodb:PartiQLInsert",
    "dynamodb:PartiQLUpdate",
    "dynamodb:PartiQLDelete",
];
const PARTIQL_DEPENDS_ON: &str = "a PartiQL statement needs the action of its kind (`SELECT`, `INSERT`, `UPDATE`, `DELETE`): all four are listed, keep those the statements use";

/// DynamoDB developer guide: "Using IAM with DynamoDB transactions" (a transaction's `Put`,
/// `Update`, `Delete` and `Get` are authorized as `PutItem`, `UpdateItem`, `DeleteItem` and
/// `GetItem`, `ConditionCheck` as `ConditionCheckItem`) and "IAM security policies with
/// `PartiQL` for DynamoDB" (`PartiQLSelect`/`Insert`/`Update`/`Delete` by statement); the
/// Service Authorization Reference's operations table for `BatchGetItem`/`BatchWriteItem`.
const DYNAMODB: &[Mapping] = &[
    depending("batchExecuteStatement", PARTIQL_ACTIONS, PARTIQL_DEPENDS_ON),
    to("batchGetItem", &["dynamodb:BatchGetItem"]),
    to("batchWriteItem", &["dynamodb:BatchWriteItem"]),
    depending("executeStatement", PARTIQL_ACTIONS, PARTIQL_DEPENDS_ON),
    depending("executeTransaction", PARTIQL_ACTIONS, PARTIQL_DEPENDS_ON),
    to("transactGetItems", &["dynamodb:GetItem"]),
    depending(
        "transactWriteItems",
        &[
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:ConditionCheckItem",
        ],
        "a transaction's `Put`, `Update`, `Delete` and `ConditionCheck` items are authorized as `PutItem`, `UpdateItem`, `DeleteItem` and `ConditionCheckItem`: all four are listed, keep those the items use",
    ),
];

/// Lambda's `Invoke` and `InvokeWithResponseStream` are authorized by
/// `lambda:InvokeFunction`, as the CDK's `LambdaInvoke` grants it.
const LAMBDA: &[Mapping] = &[
    to("invoke", &["lambda:InvokeFunction"]),
    to("invokeWithResponseStream", &["lambda:InvokeFunction"]),
];

const NEPTUNE_QUERY_ACTIONS: &[&str] = &[
    "neptune-db:ReadDataViaQuery",
    "neptune-db:WriteDataViaQuery",
    "neptune-db:DeleteDataViaQuery",
];
const NEPTUNE_QUERY_DEPENDS_ON: &str = "a query needs each of these it could perform (Neptune's guide, \"Using query actions in Neptune data-access policy statements\"): all three are listed, keep those the query can do";

/// Neptune Data API reference, each operation's "IAM action" note (the data-access actions
/// are not named after the operations).
const NEPTUNE_DATA: &[Mapping] = &[
    to("cancelGremlinQuery", &["neptune-db:CancelQuery"]),
    to("cancelOpenCypherQuery", &["neptune-db:CancelQuery"]),
    to(
        "deletePropertygraphStatistics",
        &["neptune-db:DeleteStatistics"],
    ),
    to("deleteSparqlStatistics", &["neptune-db:DeleteStatistics"]),
    to("executeFastReset", &["neptune-db:ResetDatabase"]),
    depending(
        "executeGremlinExplainQuery",
        NEPTUNE_QUERY_ACTIONS,
        NEPTUNE_QUERY_DEPENDS_ON,
    ),
    to(
        "executeGremlinProfileQuery",
        &["neptune-db:ReadDataViaQuery"],
    ),
    depending(
        "executeGremlinQuery",
        NEPTUNE_QUERY_ACTIONS,
        NEPTUNE_QUERY_DEPENDS_ON,
    ),
    to(
        "executeOpenCypherExplainQuery",
        &["neptune-db:ReadDataViaQuery"],
    ),
    depending(
        "executeOpenCypherQuery",
        NEPTUNE_QUERY_ACTIONS,
        NEPTUNE_QUERY_DEPENDS_ON,
    ),
    to("getGremlinQueryStatus", &["neptune-db:GetQueryStatus"]),
    to(
        "getMLDataProcessingJob",
        &["neptune-db:GetMLDataProcessingJobStatus"],
    ),
    to("getMLEndpoint", &["neptune-db:GetMLEndpointStatus"]),
    to(
        "getMLModelTrainingJob",
        &["neptune-db:GetMLModelTrainingJobStatus"],
    ),
    to(
        "getMLModelTransformJob",
        &["neptune-db:GetMLModelTransformJobStatus"],
    ),
    to("getOpenCypherQueryStatus", &["neptune-db:GetQueryStatus"]),
    to(
        "getPropertygraphStatistics",
        &["neptune-db:GetStatisticsStatus"],
    ),
    to("getPropertygraphStream", &["neptune-db:GetStreamRecords"]),
    to("getPropertygraphSummary", &["neptune-db:GetGraphSummary"]),
    to("getRDFGraphSummary", &["neptune-db:GetGraphSummary"]),
    to("getSparqlStream", &["neptune-db:GetStreamRecords"]),
    to("listGremlinQueries", &["neptune-db:GetQueryStatus"]),
    to("listOpenCypherQueries", &["neptune-db:GetQueryStatus"]),
    to(
        "managePropertygraphStatistics",
        &["neptune-db:ManageStatistics"],
    ),
    to("manageSparqlStatistics", &["neptune-db:ManageStatistics"]),
    to(
        "startMLDataProcessingJob",
        &["neptune-db:StartMLModelDataProcessingJob"],
    ),
];

/// S3 API reference, each operation's "Permissions" section (general purpose buckets):
/// bucket subresources are authorized by configuration actions, and a `delete…` needs the
/// matching `Put…`; `createSession` and `listDirectoryBuckets` are directory-bucket calls,
/// authorized under `s3express:`. The multipart calls and `listObjects`, whose pages defer
/// to the S3 User Guide's "Multipart upload API and permissions", are as the CDK grants them.
const S3: &[Mapping] = &[
    to("completeMultipartUpload", &["s3:PutObject"]),
    to("copyObject", &["s3:GetObject", "s3:PutObject"]),
    to("createMultipartUpload", &["s3:PutObject"]),
    to("createSession", &["s3express:CreateSession"]),
    to(
        "deleteBucketAnalyticsConfiguration",
        &["s3:PutAnalyticsConfiguration"],
    ),
    to("deleteBucketCors", &["s3:PutBucketCORS"]),
    to("deleteBucketEncryption", &["s3:PutEncryptionConfiguration"]),
    to(
        "deleteBucketInventoryConfiguration",
        &["s3:PutInventoryConfiguration"],
    ),
    to("deleteBucketLifecycle", &["s3:PutLifecycleConfiguration"]),
    to(
        "deleteBucketMetricsConfiguration",
        &["s3:PutMetricsConfiguration"],
    ),
    to(
        "deleteBucketOwnershipControls",
        &["s3:PutBucketOwnershipControls"],
    ),
    to(
        "deleteBucketReplication",
        &["s3:PutReplicationConfiguration"],
    ),
    to("deleteBucketTagging", &["s3:PutBucketTagging"]),
    to("deleteObjects", &["s3:DeleteObject"]),
    to(
        "deletePublicAccessBlock",
        &["s3:PutBucketPublicAccessBlock"],
    ),
    to(
        "getBucketAccelerateConfiguration",
        &["s3:GetAccelerateConfiguration"],
    ),
    to(
        "getBucketAnalyticsConfiguration",
        &["s3:GetAnalyticsConfiguration"],
    ),
    to("getBucketCors", &["s3:GetBucketCORS"]),
    to("getBucketEncryption", &["s3:GetEncryptionConfiguration"]),
    to(
        "getBucketInventoryConfiguration",
        &["s3:GetInventoryConfiguration"],
    ),
    to("getBucketLifecycle", &["s3:GetLifecycleConfiguration"]),
    to(
        "getBucketLifecycleConfiguration",
        &["s3:GetLifecycleConfiguration"],
    ),
    to(
        "getBucketMetricsConfiguration",
        &["s3:GetMetricsConfiguration"],
    ),
    to(
        "getBucketNotificationConfiguration",
        &["s3:GetBucketNotification"],
    ),
    to("getBucketReplication", &["s3:GetReplicationConfiguration"]),
    to("getPublicAccessBlock", &["s3:GetBucketPublicAccessBlock"]),
    to("headBucket", &["s3:ListBucket"]),
    to("headObject", &["s3:GetObject"]),
    to(
        "listBucketAnalyticsConfigurations",
        &["s3:GetAnalyticsConfiguration"],
    ),
    to(
        "listBucketInventoryConfigurations",
        &["s3:GetInventoryConfiguration"],
    ),
    to(
        "listBucketMetricsConfigurations",
        &["s3:GetMetricsConfiguration"],
    ),
    to("listBuckets", &["s3:ListAllMyBuckets"]),
    to(
        "listDirectoryBuckets",
        &["s3express:ListAllMyDirectoryBuckets"],
    ),
    to("listMultipartUploads", &["s3:ListBucketMultipartUploads"]),
    to("listObjectVersions", &["s3:ListBucketVersions"]),
    to("listObjects", &["s3:ListBucket"]),
    to("listObjectsV2", &["s3:ListBucket"]),
    to("listParts", &["s3:ListMultipartUploadParts"]),
    to(
        "putBucketAccelerateConfiguration",
        &["s3:PutAccelerateConfiguration"],
    ),
    to(
        "putBucketAnalyticsConfiguration",
        &["s3:PutAnalyticsConfiguration"],
    ),
    to("putBucketCors", &["s3:PutBucketCORS"]),
    to("putBucketEncryption", &["s3:PutEncryptionConfiguration"]),
    to(
        "putBucketIntelligentTieringConfiguration",
        &["s3:PutIntelligentTieringConfiguration"],
    ),
    to(
        "putBucketInventoryConfiguration",
        &["s3:PutInventoryConfiguration"],
    ),
    to("putBucketLifecycle", &["s3:PutLifecycleConfiguration"]),
    to(
        "putBucketLifecycleConfiguration",
        &["s3:PutLifecycleConfiguration"],
    ),
    to(
        "putBucketMetricsConfiguration",
        &["s3:PutMetricsConfiguration"],
    ),
    to(
        "putBucketNotificationConfiguration",
        &["s3:PutBucketNotification"],
    ),
    // The replication configuration names the role S3 replicates as, which it passes.
    to(
        "putBucketReplication",
        &["s3:PutReplicationConfiguration", "iam:PassRole"],
    ),
    to("putPublicAccessBlock", &["s3:PutBucketPublicAccessBlock"]),
    to("selectObjectContent", &["s3:GetObject"]),
    to("uploadPart", &["s3:PutObject"]),
    to("uploadPartCopy", &["s3:GetObject", "s3:PutObject"]),
];

/// SageMaker Runtime API reference, `InvokeEndpointWithResponseStream`: "your IAM
/// permissions must allow the `sagemaker:InvokeEndpoint` action".
const SAGEMAKER_RUNTIME: &[Mapping] = &[to(
    "invokeEndpointWithResponseStream",
    &["sagemaker:InvokeEndpoint"],
)];

/// SNS developer guide, "Amazon SNS API permissions: Actions and resources reference":
/// `sns:Publish` "grants permission to both publish and publish batch".
const SNS: &[Mapping] = &[to("publishBatch", &["sns:Publish"])];

/// SQS developer guide, "Amazon SQS batch actions": batch actions have no permissions of
/// their own; `SendMessage`, `DeleteMessage` and `ChangeMessageVisibility` cover them.
const SQS: &[Mapping] = &[
    to(
        "changeMessageVisibilityBatch",
        &["sqs:ChangeMessageVisibility"],
    ),
    to("deleteMessageBatch", &["sqs:DeleteMessage"]),
    to("sendMessageBatch", &["sqs:SendMessage"]),
];
