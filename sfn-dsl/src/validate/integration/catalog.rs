//! What AWS offers: the optimized integrations, their actions and patterns, and the AWS
//! SDK integration's names for the services.

/// The optimized integrations and whether each supports `.sync` and `.waitForTaskToken`,
/// from the AWS table "Optimized integrations in Step Functions"
/// (docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html). Request
/// response is supported by all; `.sync:2` only by Step Functions' own `startExecution`.
pub(super) const OPTIMIZED: &[(&str, bool, bool)] = &[
    ("apigateway", false, true),
    ("athena", true, false),
    ("batch", true, false),
    ("bedrock", true, true),
    // Since June 2026 (connect-bedrockagentcore.html): request-response only.
    ("bedrockagentcore", false, false),
    ("codebuild", true, false),
    ("databrew", true, false),
    ("dynamodb", false, false),
    ("ecs", true, true),
    ("eks", true, true),
    ("elasticmapreduce", true, false),
    ("emr-containers", true, false),
    ("emr-serverless", true, false),
    ("events", false, true),
    ("glue", true, false),
    ("http", false, false),
    ("lambda", false, true),
    ("mediaconvert", true, false),
    ("sagemaker", true, false),
    ("sns", false, true),
    ("sqs", false, true),
    ("states", true, true),
];

/// The actions of every optimized integration in [`OPTIMIZED`], from each service's page
/// under integrate-optimized.html (named beside the lists added later). Actions only: the
/// patterns each supports are checked by [`pattern`].
pub(super) const ACTIONS: &[(&str, &[&str])] = &[
    ("apigateway", &["invoke"]),
    (
        "athena",
        &[
            "startQueryExecution",
            "stopQueryExecution",
            "getQueryExecution",
            "getQueryResults",
        ],
    ),
    ("batch", &["submitJob"]),
    // docs.aws.amazon.com/step-functions/latest/dg/connect-bedrock.html
    ("bedrock", &["invokeModel", "createModelCustomizationJob"]),
    // docs.aws.amazon.com/step-functions/latest/dg/connect-bedrockagentcore.html
    ("bedrockagentcore", &["invokeHarness"]),
    (
        "codebuild",
        &[
            "startBuild",
            "stopBuild",
            "batchDeleteBuilds",
            "batchGetReports",
            "startBuildBatch",
            "stopBuildBatch",
            "retryBuildBatch",
            "deleteBuildBatch",
        ],
    ),
    // docs.aws.amazon.com/step-functions/latest/dg/connect-databrew.html
    ("databrew", &["startJobRun"]),
    (
        "dynamodb",
        &["getItem", "putItem", "updateItem", "deleteItem"],
    ),
    ("ecs", &["runTask"]),
    // docs.aws.amazon.com/step-functions/latest/dg/connect-eks.html: the two Kubernetes API
    // integrations, then the Amazon EKS APIs.
    (
        "eks",
        &[
            "runJob",
            "call",
            "createCluster",
            "deleteCluster",
            "createFargateProfile",
            "deleteFargateProfile",
            "createNodegroup",
            "deleteNodegroup",
        ],
    ),
    // docs.aws.amazon.com/step-functions/latest/dg/connect-emr.html: the integration's own
    // names, not the EMR API's (`createCluster` wraps `RunJobFlow`).
    (
        "elasticmapreduce",
        &[
            "createCluster",
            "setClusterTerminationProtection",
            "terminateCluster",
            "addStep",
            "cancelStep",
            "modifyInstanceFleetByName",
            "modifyInstanceGroupByName",
        ],
    ),
    // docs.aws.amazon.com/step-functions/latest/dg/connect-emr-eks.html
    (
        "emr-containers",
        &[
            "createVirtualCluster",
            "deleteVirtualCluster",
            "startJobRun",
        ],
    ),
    // docs.aws.amazon.com/step-functions/latest/dg/connect-emr-serverless.html
    (
        "emr-serverless",
        &[
            "createApplication",
            "startApplication",
            "stopApplication",
            "deleteApplication",
            "startJobRun",
            "cancelJobRun",
        ],
    ),
    ("events", &["putEvents"]),
    ("glue", &["startJobRun"]),
    ("http", &["invoke"]),
    ("lambda", &["invoke"]),
    // docs.aws.amazon.com/step-functions/latest/dg/connect-mediaconvert.html
    ("mediaconvert", &["createJob"]),
    // docs.aws.amazon.com/step-functions/latest/dg/connect-sagemaker.html
    (
        "sagemaker",
        &[
            "createEndpoint",
            "createEndpointConfig",
            "createHyperParameterTuningJob",
            "createLabelingJob",
            "createModel",
            "createProcessingJob",
            "createTrainingJob",
            "createTransformJob",
            "updateEndpoint",
        ],
    ),
    ("sns", &["publish"]),
    ("sqs", &["sendMessage"]),
    ("states", &["startExecution"]),
];

/// The AWS SDK integration's name for an optimized service's `action`, where the two
/// differ (AWS's supported-services-awssdk.html): `aws-sdk:elasticmapreduce:…` does not
/// exist, and Bedrock's runtime API (`converse`) is `bedrockruntime`. `None` for the HTTP
/// Task, which has no SDK counterpart.
pub(super) fn sdk_service<'s>(service: &'s str, action: &str) -> Option<&'s str> {
    Some(match service {
        "bedrock" if BEDROCK_RUNTIME.contains(&action) => "bedrockruntime",
        "elasticmapreduce" => "emr",
        "emr-containers" => "emrcontainers",
        "emr-serverless" => "emrserverless",
        "events" => "eventbridge",
        "http" => return None,
        "states" => "sfn",
        other => other,
    })
}

/// The Bedrock Runtime API's actions besides `invokeModel` (which the optimized
/// integration has) that answer at once, so an SDK integration can call them.
const BEDROCK_RUNTIME: [&str; 6] = [
    "converse",
    "applyGuardrail",
    "countTokens",
    "startAsyncInvoke",
    "getAsyncInvoke",
    "listAsyncInvokes",
];

/// The actions of [`ACTIONS`] that do not support `.sync`, of services whose other actions
/// do: they start nothing to wait for (AWS's connect-athena, connect-bedrock,
/// connect-codebuild, connect-eks, connect-emr, connect-emr-eks and connect-sagemaker
/// pages).
pub(super) const RETURN_AT_ONCE: &[(&str, &[&str])] = &[
    (
        "athena",
        &["stopQueryExecution", "getQueryExecution", "getQueryResults"],
    ),
    ("bedrock", &["invokeModel"]),
    (
        "codebuild",
        &[
            "stopBuild",
            "batchDeleteBuilds",
            "batchGetReports",
            "stopBuildBatch",
            "deleteBuildBatch",
        ],
    ),
    // The Kubernetes API.
    ("eks", &["call"]),
    (
        "elasticmapreduce",
        &[
            "setClusterTerminationProtection",
            "cancelStep",
            "modifyInstanceFleetByName",
            "modifyInstanceGroupByName",
        ],
    ),
    ("emr-containers", &["createVirtualCluster"]),
    (
        "sagemaker",
        &[
            "createEndpoint",
            "createEndpointConfig",
            "createModel",
            "updateEndpoint",
        ],
    ),
];
