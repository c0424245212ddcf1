//! The request fields each optimized integration's API requires.

use crate::model::{IntegrationFamily, Payload, Resource};
use crate::validate::code::Code;
use crate::validate::cx::{At, Cx};

/// The request fields an optimized integration's API requires, by service and action: each
/// inner list is a choice (one of its names must be present). From the AWS API references
/// of each action, and for the integrations that reshape an API (`apigateway:invoke`,
/// `bedrock:invokeModel`, `eks:runJob`, `elasticmapreduce:addStep`) from their pages in the
/// Step Functions developer guide.
const REQUIRED: &[(&str, &str, &[&[&str]])] = &[
    ("lambda", "invoke", &[&["FunctionName"]]),
    (
        "sns",
        "publish",
        &[&["Message"], &["TopicArn", "TargetArn", "PhoneNumber"]],
    ),
    ("sqs", "sendMessage", &[&["QueueUrl"], &["MessageBody"]]),
    ("dynamodb", "getItem", &[&["TableName"], &["Key"]]),
    ("dynamodb", "putItem", &[&["TableName"], &["Item"]]),
    ("dynamodb", "updateItem", &[&["TableName"], &["Key"]]),
    ("dynamodb", "deleteItem", &[&["TableName"], &["Key"]]),
    ("states", "startExecution", &[&["StateMachineArn"]]),
    ("ecs", "runTask", &[&["TaskDefinition"]]),
    ("glue", "startJobRun", &[&["JobName"]]),
    (
        "batch",
        "submitJob",
        &[&["JobDefinition"], &["JobName"], &["JobQueue"]],
    ),
    ("events", "putEvents", &[&["Entries"]]),
    ("athena", "startQueryExecution", &[&["QueryString"]]),
    ("codebuild", "startBuild", &[&["ProjectName"]]),
    ("apigateway", "invoke", &[&["ApiEndpoint"], &["Method"]]),
    // The body comes from the request or from S3, never both.
    (
        "bedrock",
        "invokeModel",
        &[&["ModelId"], &["Body", "Input"]],
    ),
    (
        "bedrockagentcore",
        "invokeHarness",
        &[&["HarnessArn"], &["RuntimeSessionId"], &["Messages"]],
    ),
    (
        "sagemaker",
        "createTrainingJob",
        // `AlgorithmSpecification`, `ResourceConfig` and `StoppingCondition` are optional
        // (botocore's sagemaker 2017-07-24 model: a job may train with an algorithm
        // resource, or on serverless compute).
        &[&["TrainingJobName"], &["RoleArn"], &["OutputDataConfig"]],
    ),
    (
        "eks",
        "runJob",
        &[
            &["ClusterName"],
            &["CertificateAuthority"],
            &["Endpoint"],
            &["Job"],
        ],
    ),
    ("elasticmapreduce", "addStep", &[&["ClusterId"], &["Step"]]),
];

/// Reports the fields an optimized integration requires that its request leaves out, when
/// the request is written out as an object (`Parameters` in JSONPath, `Arguments` in
/// JSONata). A request passed whole (no field, or one `{% %}` expression) is not checked.
pub(crate) fn required_fields(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    resource: &Resource,
    request: Option<&Payload>,
) {
    let Some(call) = resource.as_integration() else {
        return;
    };
    if call.family != IntegrationFamily::Optimized {
        return;
    }
    let Some(&(_, _, required)) = REQUIRED
        .iter()
        .find(|(service, action, _)| *service == call.service && *action == call.action)
    else {
        return;
    };
    let Some(object) = request.and_then(Payload::as_object) else {
        return;
    };
    let key = if at.is_jsonata() {
        "Arguments"
    } else {
        "Parameters"
    };
    for choice in required {
        let present = object.fields().any(|(name, _)| choice.contains(&name));
        if present {
            continue;
        }
        let names = choice
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(" or ");
        cx.push(
            at.field(
                Code::MissingRequestField,
                key,
                format!(
                    "the `{}:{}` request of state `{}` has no {names}, which the API requires",
                    call.service, call.action, at.name
                ),
            )
            .with_hint(format!("add {names} to `{key}`")),
        );
    }
}
