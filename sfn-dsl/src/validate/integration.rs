//! Service integrations: the actions and patterns (`.sync`, `.waitForTaskToken`) each
//! optimized service supports, and the S3 actions of Distributed Map readers and writers.

use super::code::Code;
use super::cx::{At, Cx};
use crate::model::{IntegrationFamily, IntegrationPattern, Payload, Resource, ServiceIntegration};
use crate::source::Pointer;

/// The optimized integrations and whether each supports `.sync` and `.waitForTaskToken`,
/// from the AWS table "Optimized integrations in Step Functions"
/// (docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html). Request
/// response is supported by all; `.sync:2` only by Step Functions' own `startExecution`.
const OPTIMIZED: &[(&str, bool, bool)] = &[
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
const ACTIONS: &[(&str, &[&str])] = &[
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

/// Checks that an optimized integration names a service that has one (`lamda` is a
/// typo; a service without an optimized integration is called through `aws-sdk:`), and
/// an action the service's optimized integration has.
pub(super) fn service(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, resource: &Resource) {
    let call = match resource {
        Resource::Integration(call) => call,
        Resource::Other(text) => {
            if let Some(problem) = crate::model::malformed_sdk_text(text) {
                malformed_sdk(cx, at, pointer, &problem);
            }
            return;
        }
        _ => return,
    };
    // S3 is an integration of Distributed Map readers and writers, checked with them.
    let known = OPTIMIZED
        .iter()
        .any(|(service, ..)| *service == call.service)
        || call.service == "s3";
    if call.service.contains("${") {
        return;
    }
    if call.family == IntegrationFamily::AwsSdk {
        // A misspelt pattern suffix (`getObject.sync2`) is reported by `pattern`.
        let action = call
            .action
            .split_once('.')
            .map_or(&*call.action, |(name, _)| name);
        match crate::model::sdk_name_problem(&call.service, action) {
            Some(problem) => malformed_sdk(cx, at, pointer, &problem),
            None => sdk_service_name(cx, at, pointer, call),
        }
        return;
    }
    if call.family != IntegrationFamily::Optimized {
        return;
    }
    if known {
        action(cx, at, pointer, call);
        return;
    }
    let services = OPTIMIZED.iter().map(|(service, ..)| *service);
    let hint = match crate::suggest::closest(&call.service, services) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!(
            "call it through the AWS SDK integration, `arn:aws:states:::aws-sdk:{}:{}`",
            super::values::shorten(&call.service),
            super::values::shorten(&call.action),
        ),
    };
    cx.push(
        at.diagnostic(
            Code::UnknownIntegrationService,
            pointer,
            format!(
                "the `Resource` of state `{}` calls `{}`, which has no optimized integration",
                at.name,
                super::values::shorten(&call.service),
            ),
        )
        .with_hint(hint),
    );
}

/// Reports an AWS SDK integration that names no API (`aws-sdk::`, `aws-sdk:s3:getObject:x`):
/// an error, since no service AWS adds can make it one.
fn malformed_sdk(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, problem: &str) {
    cx.push(
        at.diagnostic(
            Code::InvalidResource,
            pointer,
            format!(
                "the `Resource` of state `{}` is an AWS SDK integration that {problem}",
                at.name
            ),
        )
        .with_hint("write `arn:aws:states:::aws-sdk:<service>:<action>`, such as `arn:aws:states:::aws-sdk:s3:getObject`"),
    );
}

/// Warns of an AWS SDK integration named by its optimized integration's name where the SDK
/// names the service otherwise (`aws-sdk:states:` is `aws-sdk:sfn:`), which AWS refuses as
/// an unknown resource.
fn sdk_service_name(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    call: &ServiceIntegration,
) {
    // The SDK integration spells actions in camelCase (`copyObject`, not `CopyObject`).
    if let Some(first) = call.action.chars().next()
        && first.is_ascii_uppercase()
    {
        let camel: String = first.to_ascii_lowercase().to_string() + &call.action[1..];
        cx.push(
            at.diagnostic(
                Code::UnknownIntegrationService,
                pointer,
                format!(
                    "the `Resource` of state `{}` calls `aws-sdk:{}:{}`, but AWS SDK integration actions are camelCase",
                    at.name,
                    call.service,
                    super::values::shorten(&call.action),
                ),
            )
            .with_hint(format!(
                "write `arn:aws:states:::aws-sdk:{}:{}`",
                call.service,
                super::values::shorten(&camel)
            )),
        );
    }
    let Some(sdk) = sdk_service(&call.service, &call.action) else {
        return;
    };
    if sdk == call.service
        || !OPTIMIZED
            .iter()
            .any(|(service, ..)| *service == call.service)
    {
        return;
    }
    cx.push(
        at.diagnostic(
            Code::UnknownIntegrationService,
            pointer,
            format!(
                "the `Resource` of state `{}` calls `aws-sdk:{}`, but the AWS SDK integration names that service `{sdk}`",
                at.name, call.service,
            ),
        )
        .with_hint(format!(
            "write `arn:aws:states:::aws-sdk:{sdk}:{}`",
            super::values::shorten(&call.action)
        )),
    );
}

/// Checks the action of a service listed in [`ACTIONS`].
fn action(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, call: &ServiceIntegration) {
    let Some(&(_, actions)) = ACTIONS.iter().find(|(service, _)| *service == call.service) else {
        return;
    };
    // A misspelt pattern suffix (`invoke.sync2`) is reported by `pattern`.
    let action = call
        .action
        .split_once('.')
        .map_or(&*call.action, |(action, _)| action);
    if actions.contains(&action) || action.contains("${") {
        return;
    }
    let listed = actions
        .iter()
        .map(|action| format!("`{action}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = match crate::suggest::closest(action, actions.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => match sdk_service(&call.service, action) {
            Some(sdk) => format!(
                "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:{sdk}:{}`",
                super::values::shorten(action),
            ),
            None => "an HTTP Task's `Resource` is always `arn:aws:states:::http:invoke`; the endpoint and method go in its request (`ApiEndpoint`, `Method`)".to_owned(),
        },
    };
    cx.push(
        at.diagnostic(
            Code::UnknownIntegrationAction,
            pointer,
            format!(
                "the `Resource` of state `{}` calls `{}:{}`, but the optimized `{}` integration has only {listed}",
                at.name,
                call.service,
                super::values::shorten(action),
                call.service,
            ),
        )
        .with_hint(hint),
    );
}

/// The AWS SDK integration's name for an optimized service's `action`, where the two
/// differ (AWS's supported-services-awssdk.html): `aws-sdk:elasticmapreduce:…` does not
/// exist, and Bedrock's runtime API (`converse`) is `bedrockruntime`. `None` for the HTTP
/// Task, which has no SDK counterpart.
fn sdk_service<'s>(service: &'s str, action: &str) -> Option<&'s str> {
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

/// The suffixes an action may carry, to spot a misspelt one.
const SUFFIXES: [&str; 3] = [".sync", ".sync:2", ".waitForTaskToken"];

/// Checks the integration pattern of a Task's `Resource` against what the service
/// supports, and a misspelt pattern suffix.
pub(super) fn pattern(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, resource: &Resource) {
    let Some(call) = resource.as_integration() else {
        return;
    };
    if call.action.contains("${") || call.service.contains("${") {
        return;
    }
    if let Some((action, suffix)) = call.action.split_once('.') {
        let close = crate::suggest::closest(&format!(".{suffix}"), SUFFIXES);
        cx.push(
            at.diagnostic(
                Code::UnsupportedIntegrationPattern,
                pointer,
                format!(
                    "`.{suffix}` in the `Resource` of state `{}` is not an integration pattern (`{action}` is the action)",
                    at.name
                ),
            )
            .with_hint(match close {
                Some(close) => format!("did you mean `{close}`?"),
                None => "the patterns are `.sync`, `.sync:2` and `.waitForTaskToken`".to_owned(),
            }),
        );
        return;
    }
    let Some(unsupported) = unsupported(call) else {
        return;
    };
    cx.push(
        at.diagnostic(
            Code::UnsupportedIntegrationPattern,
            pointer,
            format!(
                "the `Resource` of state `{}` uses {unsupported}",
                at.name
            ),
        )
        .with_hint(match call.pattern {
            IntegrationPattern::WaitForTaskToken => {
                "call the service request-response, and have whatever it starts call `SendTaskSuccess` through a service that supports callbacks (Lambda, SQS, SNS, EventBridge, ECS)"
            }
            _ => "call the service request-response and poll for the result with a Wait loop",
        }),
    );
}

/// Why the pattern is not supported, if it is not.
fn unsupported(call: &ServiceIntegration) -> Option<String> {
    let pattern = call.pattern;
    if pattern == IntegrationPattern::RequestResponse {
        return None;
    }
    let name = match pattern {
        IntegrationPattern::Sync => "`.sync`",
        IntegrationPattern::Sync2 => "`.sync:2`",
        _ => "`.waitForTaskToken`",
    };
    if call.family == IntegrationFamily::AwsSdk {
        return matches!(pattern, IntegrationPattern::Sync | IntegrationPattern::Sync2).then(|| {
            format!("{name} with an AWS SDK integration (`aws-sdk:{}`), which supports request-response and `.waitForTaskToken` only", call.service)
        });
    }
    let &(service, sync, callback) = OPTIMIZED
        .iter()
        .find(|(service, ..)| *service == call.service)?;
    let supported = match pattern {
        IntegrationPattern::Sync => sync,
        IntegrationPattern::Sync2 => service == "states" && call.action == "startExecution",
        _ => callback,
    };
    if !supported {
        return Some(format!(
            "{name} with the `{service}` integration, which does not support it"
        ));
    }
    // Of a service that runs jobs, only the actions that start one can wait for it (an
    // action the service does not have is reported by `action` alone).
    let (_, actions) = ACTIONS.iter().find(|(listed, _)| *listed == service)?;
    let (_, at_once) = RETURN_AT_ONCE
        .iter()
        .find(|(listed, _)| *listed == service)
        .filter(|_| pattern == IntegrationPattern::Sync)?;
    let action = &*call.action;
    (actions.contains(&action) && at_once.contains(&action)).then(|| {
        let starters = actions
            .iter()
            .filter(|listed| !at_once.contains(listed))
            .map(|listed| format!("`{listed}`"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "{name} with `{service}:{action}`, which returns at once: only {starters} can wait for the job"
        )
    })
}

/// The actions of [`ACTIONS`] that do not support `.sync`, of services whose other actions
/// do: they start nothing to wait for (AWS's connect-athena, connect-bedrock,
/// connect-codebuild, connect-eks, connect-emr, connect-emr-eks and connect-sagemaker
/// pages).
const RETURN_AT_ONCE: &[(&str, &[&str])] = &[
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

/// Checks that a Distributed Map reader (`writes` false) or writer (`writes` true) uses
/// the S3 action it can.
pub(super) fn s3_action(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    resource: &Resource,
    writes: bool,
) {
    let Some(call) = resource.as_integration() else {
        return;
    };
    let allowed: &[&str] = if writes {
        &["putObject"]
    } else {
        &["getObject", "listObjectsV2"]
    };
    let fits = call.family == IntegrationFamily::Optimized
        && call.service == "s3"
        && call.pattern == IntegrationPattern::RequestResponse
        && allowed.contains(&&*call.action);
    if fits || call.action.contains("${") {
        return;
    }
    let (what, expected) = if writes {
        ("`ResultWriter`", "`arn:aws:states:::s3:putObject`")
    } else {
        (
            "`ItemReader`",
            "`arn:aws:states:::s3:getObject` or `arn:aws:states:::s3:listObjectsV2`",
        )
    };
    cx.push(at.diagnostic(
        Code::InvalidResource,
        pointer,
        format!(
            "the {what} of Map state `{}` must use {expected}, found `{resource}`",
            at.name
        ),
    ));
}

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
pub(super) fn required_fields(
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
