//! The IAM prefix of each SDK service whose name in `aws-sdk:SERVICE:…` is not its prefix.

/// SDK service names whose IAM prefix differs: the CDK's `iamServiceMap` and the prefixes
/// the Service Authorization Reference gives for the other services here. `neptunedata`:
/// Neptune's guide, "Creating custom IAM policy statements to access data" (data-access
/// actions "are preceded by a `neptune-db:` prefix").
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
    ("neptunedata", "neptune-db"),
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

/// The IAM prefix of `service`, as the `Resource` writes it.
pub(super) fn iam_prefix(service: &str) -> &str {
    IAM_PREFIXES
        .iter()
        .find(|(sdk_name, _)| *sdk_name == service)
        .map_or(service, |(_, prefix)| *prefix)
}
