//! The response shapes of the optimized integrations' request-response results.
//!
//! Most optimized integrations return the API's output as it is (with its keys' first
//! letter upper-cased): those results are checked against the vendored API models, as AWS
//! SDK results are ([`super::sdk`]): EventBridge `putEvents`, Step Functions
//! `startExecution`, SNS `publish`, Glue `startJobRun`, ECS `runTask`, DynamoDB's item
//! actions and Athena's query actions. The shapes written here are the others: Lambda
//! `invoke`, whose `Payload` Step Functions parses; SQS `sendMessage`, without the `MD5Of…`
//! digests, which AWS's own check lets through with any value; and Batch `submitJob`,
//! SageMaker's actions and EMR on EKS's and EMR Serverless's, whose models are not vendored
//! (written from the same botocore models, commit
//! `0e6e2404b85dc336dd2889814e089bde7d1a4c55`, top-level fields only, without their enum,
//! length and range constraints).

use sfn_dsl::model::{IntegrationFamily, IntegrationPattern, ServiceIntegration};

/// The JSON shape of a field.
#[derive(Clone, Copy, Debug)]
pub(super) enum Shape {
    String,
    Number,
    /// Any value (a Lambda `Payload`).
    Any,
}

/// A field of an object shape.
#[derive(Clone, Copy, Debug)]
pub(super) struct Field {
    pub(super) name: &'static str,
    pub(super) shape: Shape,
    pub(super) required: bool,
}

const fn field(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: false,
    }
}

const fn required(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: true,
    }
}

/// Lambda `Invoke`'s response, as the optimized integration returns it.
const LAMBDA_INVOKE: &[Field] = &[
    field("StatusCode", Shape::Number),
    field("FunctionError", Shape::String),
    field("LogResult", Shape::String),
    field("Payload", Shape::Any),
    field("ExecutedVersion", Shape::String),
];

/// SQS `SendMessage`'s response (without the `MD5Of…` digests, see the module docs).
const SQS_SEND_MESSAGE: &[Field] = &[
    field("MessageId", Shape::String),
    field("SequenceNumber", Shape::String),
];

/// Batch `SubmitJob`'s response.
const BATCH_SUBMIT_JOB: &[Field] = &[
    field("JobArn", Shape::String),
    required("JobName", Shape::String),
    required("JobId", Shape::String),
];

/// The `Create…` and `UpdateEndpoint` responses of SageMaker: the resource's ARN.
const SAGEMAKER_ENDPOINT_ARN: &[Field] = &[required("EndpointArn", Shape::String)];
const SAGEMAKER_ENDPOINT_CONFIG_ARN: &[Field] = &[required("EndpointConfigArn", Shape::String)];
const SAGEMAKER_HYPER_PARAMETER_TUNING_JOB_ARN: &[Field] =
    &[required("HyperParameterTuningJobArn", Shape::String)];
const SAGEMAKER_LABELING_JOB_ARN: &[Field] = &[required("LabelingJobArn", Shape::String)];
const SAGEMAKER_MODEL_ARN: &[Field] = &[required("ModelArn", Shape::String)];
const SAGEMAKER_PROCESSING_JOB_ARN: &[Field] = &[required("ProcessingJobArn", Shape::String)];
const SAGEMAKER_TRAINING_JOB_ARN: &[Field] = &[required("TrainingJobArn", Shape::String)];
const SAGEMAKER_TRANSFORM_JOB_ARN: &[Field] = &[required("TransformJobArn", Shape::String)];

/// EMR on EKS `CreateVirtualCluster`, `DeleteVirtualCluster` and `StartJobRun` responses.
const EMR_CONTAINERS: &[Field] = &[
    field("Id", Shape::String),
    field("Name", Shape::String),
    field("Arn", Shape::String),
    field("VirtualClusterId", Shape::String),
];

/// EMR Serverless `CreateApplication`'s response.
const EMR_SERVERLESS_APPLICATION: &[Field] = &[
    required("ApplicationId", Shape::String),
    field("Name", Shape::String),
    required("Arn", Shape::String),
];

/// EMR Serverless `StartJobRun`'s response.
const EMR_SERVERLESS_START_JOB_RUN: &[Field] = &[
    required("ApplicationId", Shape::String),
    required("JobRunId", Shape::String),
    required("Arn", Shape::String),
];

/// EMR Serverless `CancelJobRun`'s response.
const EMR_SERVERLESS_CANCEL_JOB_RUN: &[Field] = &[
    required("ApplicationId", Shape::String),
    required("JobRunId", Shape::String),
];

/// Where the shape of an optimized integration's request-response result is written.
#[derive(Clone, Copy, Debug)]
pub(super) enum Known<'a> {
    /// Here: the result differs from the API's output (Lambda's parsed `Payload`, SQS's
    /// unchecked digests), or no model of the service is vendored.
    Fields(&'static [Field]),
    /// The API's output in the vendored model of `service` (the AWS SDK integration's
    /// name), action `action`: the optimized integration returns it as it is.
    Model {
        service: &'static str,
        action: &'a str,
    },
}

/// The shape of a request-response result of an optimized integration, when it is known.
pub(super) fn shape_of(call: &ServiceIntegration) -> Option<Known<'_>> {
    if call.family != IntegrationFamily::Optimized
        || call.pattern != IntegrationPattern::RequestResponse
    {
        return None;
    }
    let model = |service, action| Some(Known::Model { service, action });
    let fields = match (&*call.service, &*call.action) {
        ("events", "putEvents") => return model("eventbridge", "putEvents"),
        ("states", "startExecution") => return model("sfn", "startExecution"),
        ("sns", "publish") => return model("sns", "publish"),
        ("glue", "startJobRun") => return model("glue", "startJobRun"),
        ("ecs", "runTask") => return model("ecs", "runTask"),
        ("dynamodb", action @ ("getItem" | "putItem" | "updateItem" | "deleteItem")) => {
            return model("dynamodb", action);
        }
        (
            "athena",
            action @ ("startQueryExecution"
            | "stopQueryExecution"
            | "getQueryExecution"
            | "getQueryResults"),
        ) => return model("athena", action),
        ("lambda", "invoke") => LAMBDA_INVOKE,
        ("sqs", "sendMessage") => SQS_SEND_MESSAGE,
        ("batch", "submitJob") => BATCH_SUBMIT_JOB,
        ("sagemaker", "createEndpoint" | "updateEndpoint") => SAGEMAKER_ENDPOINT_ARN,
        ("sagemaker", "createEndpointConfig") => SAGEMAKER_ENDPOINT_CONFIG_ARN,
        ("sagemaker", "createHyperParameterTuningJob") => SAGEMAKER_HYPER_PARAMETER_TUNING_JOB_ARN,
        ("sagemaker", "createLabelingJob") => SAGEMAKER_LABELING_JOB_ARN,
        ("sagemaker", "createModel") => SAGEMAKER_MODEL_ARN,
        ("sagemaker", "createProcessingJob") => SAGEMAKER_PROCESSING_JOB_ARN,
        ("sagemaker", "createTrainingJob") => SAGEMAKER_TRAINING_JOB_ARN,
        ("sagemaker", "createTransformJob") => SAGEMAKER_TRANSFORM_JOB_ARN,
        ("emr-containers", "createVirtualCluster" | "deleteVirtualCluster" | "startJobRun") => {
            EMR_CONTAINERS
        }
        ("emr-serverless", "createApplication") => EMR_SERVERLESS_APPLICATION,
        ("emr-serverless", "startJobRun") => EMR_SERVERLESS_START_JOB_RUN,
        ("emr-serverless", "cancelJobRun") => EMR_SERVERLESS_CANCEL_JOB_RUN,
        _ => return None,
    };
    Some(Known::Fields(fields))
}
