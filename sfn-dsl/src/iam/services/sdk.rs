//! AWS SDK integrations (`aws-sdk:SERVICE:ACTION`): the IAM action a call needs. Their
//! resources are inside the request, so they are always listed as unresolved.
//!
//! The action is usually the API action under the service's IAM prefix, as the CDK's
//! `CallAwsService` writes it, but the SDK's service name is not always the IAM prefix
//! (the Service Authorization Reference lists the prefixes), and a few API actions are
//! authorized by an IAM action of another name.

use super::capitalized;
use crate::iam::Grants;
use crate::model::ServiceIntegration;

/// SDK service names whose IAM prefix differs: the CDK's `iamServiceMap` and the prefixes
/// the Service Authorization Reference gives for the other services here.
const IAM_PREFIXES: &[(&str, &str)] = &[
    ("acmpca", "acm-pca"),
    ("apigatewaymanagementapi", "execute-api"),
    ("applicationautoscaling", "application-autoscaling"),
    ("bedrockagent", "bedrock"),
    ("bedrockagentruntime", "bedrock"),
    ("bedrockruntime", "bedrock"),
    ("cloudcontrol", "cloudformation"),
    ("cloudwatchevents", "events"),
    ("cloudwatchlogs", "logs"),
    ("cognitoidentity", "cognito-identity"),
    ("cognitoidentityprovider", "cognito-idp"),
    ("configservice", "config"),
    ("costexplorer", "ce"),
    ("databasemigration", "dms"),
    ("dynamodbstreams", "dynamodb"),
    ("efs", "elasticfilesystem"),
    ("elasticloadbalancingv2", "elasticloadbalancing"),
    ("emr", "elasticmapreduce"),
    ("emrcontainers", "emr-containers"),
    ("emrserverless", "emr-serverless"),
    ("eventbridge", "events"),
    ("iotdataplane", "iot"),
    ("kinesisanalyticsv2", "kinesisanalytics"),
    ("lexmodelsv2", "lex"),
    ("lexruntimev2", "lex"),
    ("mediapackagevod", "mediapackage-vod"),
    ("mwaa", "airflow"),
    ("opensearch", "es"),
    ("pinpoint", "mobiletargeting"),
    ("rdsdata", "rds-data"),
    ("redshiftdata", "redshift-data"),
    ("resourcegroupstaggingapi", "tag"),
    ("s3control", "s3"),
    ("sagemakerruntime", "sagemaker"),
    ("sesv2", "ses"),
    ("sfn", "states"),
    ("timestreamquery", "timestream"),
    ("timestreamwrite", "timestream"),
];

/// API actions authorized by IAM actions of other names, by SDK service and action as the
/// `Resource` writes them (each from the API reference's permissions section).
const IAM_ACTIONS: &[(&str, &str, &[&str])] = &[
    (
        "apigatewaymanagementapi",
        "deleteConnection",
        &["execute-api:ManageConnections"],
    ),
    (
        "apigatewaymanagementapi",
        "getConnection",
        &["execute-api:ManageConnections"],
    ),
    (
        "apigatewaymanagementapi",
        "postToConnection",
        &["execute-api:ManageConnections"],
    ),
    ("bedrockruntime", "converse", &["bedrock:InvokeModel"]),
    (
        "bedrockruntime",
        "converseStream",
        &["bedrock:InvokeModelWithResponseStream"],
    ),
    ("lambda", "invoke", &["lambda:InvokeFunction"]),
    (
        "lambda",
        "invokeWithResponseStream",
        &["lambda:InvokeFunction"],
    ),
    ("s3", "completeMultipartUpload", &["s3:PutObject"]),
    ("s3", "copyObject", &["s3:GetObject", "s3:PutObject"]),
    ("s3", "createMultipartUpload", &["s3:PutObject"]),
    ("s3", "deleteObjects", &["s3:DeleteObject"]),
    ("s3", "headBucket", &["s3:ListBucket"]),
    ("s3", "headObject", &["s3:GetObject"]),
    ("s3", "listBuckets", &["s3:ListAllMyBuckets"]),
    (
        "s3",
        "listMultipartUploads",
        &["s3:ListBucketMultipartUploads"],
    ),
    ("s3", "listObjectVersions", &["s3:ListBucketVersions"]),
    ("s3", "listObjects", &["s3:ListBucket"]),
    ("s3", "listObjectsV2", &["s3:ListBucket"]),
    ("s3", "listParts", &["s3:ListMultipartUploadParts"]),
    ("s3", "uploadPart", &["s3:PutObject"]),
];

const RESOURCES_IN_REQUEST: &str = "AWS SDK integrations name their resources inside the request; list them as the CDK's CallAwsService `iamResources` does";

/// Lists the call's IAM actions as unresolved.
pub(super) fn call(grants: &mut Grants<'_>, state: &str, integration: &ServiceIntegration) {
    let service = &*integration.service;
    let action = &*integration.action;
    let known = IAM_ACTIONS
        .iter()
        .find(|(known_service, known_action, _)| {
            *known_service == service && *known_action == action
        })
        .map(|(_, _, iam_actions)| *iam_actions);
    if let Some(iam_actions) = known {
        grants.unresolved(state, iam_actions, RESOURCES_IN_REQUEST);
        return;
    }
    let prefix = IAM_PREFIXES
        .iter()
        .find(|(sdk_name, _)| *sdk_name == service)
        .map_or(service, |(_, prefix)| *prefix);
    let iam_action = format!("{prefix}:{}", capitalized(action));
    // API Gateway's management API is authorized by HTTP verbs on resource paths.
    let caveat = if matches!(service, "apigateway" | "apigatewayv2") {
        format!(
            "; `{iam_action}` is the API action's name: API Gateway authorizes its management API with `apigateway:GET`, `apigateway:POST` and the other HTTP verbs on resource paths instead"
        )
    } else {
        format!("; `{iam_action}` is the API action's name, which IAM may name differently")
    };
    grants.unresolved(
        state,
        &[iam_action.as_str()],
        format!("{RESOURCES_IN_REQUEST}{caveat}"),
    );
}
