//! The response shapes of the optimized integrations' request-response results.
//!
//! Written from the services' API models (botocore's `service-2.json`, Apache-2.0, commit
//! `0e6e2404b85dc336dd2889814e089bde7d1a4c55`; the same models as the API references) as
//! Step Functions returns them: every key with its first letter upper-cased (`tasks` is
//! `Tasks`, as AWS's recorded ECS results and its `TestState` refusals show), timestamps
//! and blobs as strings. A shape names the fields of the model's output at the top level
//! and, for ECS's `RunTask`, one level below; deeper structures are taken as they are.
//! Left out on purpose: SQS's `MD5Of…` fields, which AWS's own check lets through with any
//! value, and the enum, length and range constraints of the models, which AWS checks and
//! this module does not.

use sfn_dsl::model::{IntegrationFamily, IntegrationPattern, Resource};

/// A JSON shape.
#[derive(Clone, Copy, Debug)]
pub(super) enum Shape {
    String,
    Number,
    Boolean,
    /// Any value (a Lambda `Payload`, a DynamoDB item).
    Any,
    List(&'static Shape),
    Object(&'static [Field]),
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

const PUT_EVENTS_ENTRY: &[Field] = &[
    field("EventId", Shape::String),
    field("ErrorCode", Shape::String),
    field("ErrorMessage", Shape::String),
];

/// EventBridge `PutEvents`' response.
const PUT_EVENTS: &[Field] = &[
    field("FailedEntryCount", Shape::Number),
    field("Entries", Shape::List(&Shape::Object(PUT_EVENTS_ENTRY))),
];

/// Step Functions `StartExecution`'s response (its timestamp as text).
const START_EXECUTION: &[Field] = &[
    required("ExecutionArn", Shape::String),
    required("StartDate", Shape::String),
];

const CAPACITY: &[Field] = &[
    field("ReadCapacityUnits", Shape::Number),
    field("WriteCapacityUnits", Shape::Number),
    field("CapacityUnits", Shape::Number),
];

const CONSUMED_CAPACITY: &[Field] = &[
    field("TableName", Shape::String),
    field("CapacityUnits", Shape::Number),
    field("ReadCapacityUnits", Shape::Number),
    field("WriteCapacityUnits", Shape::Number),
    field("Table", Shape::Object(CAPACITY)),
];

const ITEM_COLLECTION_METRICS: &[Field] = &[
    field("ItemCollectionKey", Shape::Any),
    field("SizeEstimateRangeGB", Shape::List(&Shape::Number)),
];

/// DynamoDB `GetItem`, `PutItem`, `UpdateItem` and `DeleteItem` responses.
const DYNAMODB_ITEM: &[Field] = &[
    field("Item", Shape::Any),
    field("Attributes", Shape::Any),
    field("ConsumedCapacity", Shape::Object(CONSUMED_CAPACITY)),
    field(
        "ItemCollectionMetrics",
        Shape::Object(ITEM_COLLECTION_METRICS),
    ),
];

/// SNS `Publish`'s response.
const SNS_PUBLISH: &[Field] = &[
    field("MessageId", Shape::String),
    field("SequenceNumber", Shape::String),
];

/// SQS `SendMessage`'s response (without the `MD5Of…` digests, see the module docs).
const SQS_SEND_MESSAGE: &[Field] = &[
    field("MessageId", Shape::String),
    field("SequenceNumber", Shape::String),
];

/// Glue `StartJobRun`'s response (Step Functions adds the request's `JobName`).
const GLUE_START_JOB_RUN: &[Field] = &[
    field("JobRunId", Shape::String),
    field("JobName", Shape::String),
];

/// Batch `SubmitJob`'s response.
const BATCH_SUBMIT_JOB: &[Field] = &[
    field("JobArn", Shape::String),
    required("JobName", Shape::String),
    required("JobId", Shape::String),
];

/// Athena `StartQueryExecution`'s response.
const ATHENA_START_QUERY: &[Field] = &[field("QueryExecutionId", Shape::String)];

/// An ECS task, one level deep.
const ECS_TASK: &[Field] = &[
    field("Attachments", Shape::List(&Shape::Any)),
    field("Attributes", Shape::List(&Shape::Any)),
    field("AvailabilityZone", Shape::String),
    field("CapacityProviderName", Shape::String),
    field("ClusterArn", Shape::String),
    field("Connectivity", Shape::String),
    field("ConnectivityAt", Shape::String),
    field("ContainerInstanceArn", Shape::String),
    field("Containers", Shape::List(&Shape::Any)),
    field("Cpu", Shape::String),
    field("CreatedAt", Shape::String),
    field("DesiredStatus", Shape::String),
    field("EnableExecuteCommand", Shape::Boolean),
    field("ExecutionStoppedAt", Shape::String),
    field("Group", Shape::String),
    field("HealthStatus", Shape::String),
    field("InferenceAccelerators", Shape::List(&Shape::Any)),
    field("LastStatus", Shape::String),
    field("LaunchType", Shape::String),
    field("Memory", Shape::String),
    field("Overrides", Shape::Any),
    field("PlatformVersion", Shape::String),
    field("PlatformFamily", Shape::String),
    field("PullStartedAt", Shape::String),
    field("PullStoppedAt", Shape::String),
    field("StartedAt", Shape::String),
    field("StartedBy", Shape::String),
    field("StopCode", Shape::String),
    field("StoppedAt", Shape::String),
    field("StoppedReason", Shape::String),
    field("StoppingAt", Shape::String),
    field("Tags", Shape::List(&Shape::Any)),
    field("TaskArn", Shape::String),
    field("TaskDefinitionArn", Shape::String),
    field("Version", Shape::Number),
    field("EphemeralStorage", Shape::Any),
    field("FargateEphemeralStorage", Shape::Any),
];

const ECS_FAILURE: &[Field] = &[
    field("Arn", Shape::String),
    field("Reason", Shape::String),
    field("Detail", Shape::String),
];

/// ECS `RunTask`'s response.
const ECS_RUN_TASK: &[Field] = &[
    field("Tasks", Shape::List(&Shape::Object(ECS_TASK))),
    field("Failures", Shape::List(&Shape::Object(ECS_FAILURE))),
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

/// The shape of a request-response result of `resource`, when this module knows it.
pub(super) fn shape_of(resource: &Resource) -> Option<&'static [Field]> {
    let Resource::Integration(integration) = resource else {
        return None;
    };
    if integration.family != IntegrationFamily::Optimized
        || integration.pattern != IntegrationPattern::RequestResponse
    {
        return None;
    }
    Some(match (&*integration.service, &*integration.action) {
        ("lambda", "invoke") => LAMBDA_INVOKE,
        ("events", "putEvents") => PUT_EVENTS,
        ("states", "startExecution") => START_EXECUTION,
        ("dynamodb", "getItem" | "putItem" | "updateItem" | "deleteItem") => DYNAMODB_ITEM,
        ("sns", "publish") => SNS_PUBLISH,
        ("sqs", "sendMessage") => SQS_SEND_MESSAGE,
        ("glue", "startJobRun") => GLUE_START_JOB_RUN,
        ("batch", "submitJob") => BATCH_SUBMIT_JOB,
        ("athena", "startQueryExecution") => ATHENA_START_QUERY,
        ("ecs", "runTask") => ECS_RUN_TASK,
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
    })
}
