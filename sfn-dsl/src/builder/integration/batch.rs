//! AWS Batch: `batch:submitJob`.

use super::{request_type, wait_for_completion};
use crate::builder::{Arg, Request};

request_type!(
    /// Submits a Batch job (`arn:aws:states:::batch:submitJob`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let submit = batch::SubmitJob::new("render", "${JobQueueArn}", "${JobDefinitionArn}")
    ///     .parameters(json!({"frame.$": "$.frame"}))
    ///     .wait_for_completion();
    /// let machine = StateMachine::builder().start(TaskState::call("Render", submit)).build()?;
    /// let task = &machine.to_value()["States"]["Render"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::batch:submitJob.sync");
    /// assert_eq!(task["Parameters"]["JobQueue"], "${JobQueueArn}");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    SubmitJob,
    "batch",
    "submitJob",
    "batch::SubmitJob::new(\"nightly\", \"${JobQueue}\", \"${JobDefinition}\")"
);

impl SubmitJob {
    /// Submits a job named `job_name` to `job_queue` using `job_definition`.
    pub fn new(
        job_name: impl Into<Arg>,
        job_queue: impl Into<Arg>,
        job_definition: impl Into<Arg>,
    ) -> Self {
        Self::from_request(
            Request::new()
                .field_static("JobName", job_name)
                .field_static("JobQueue", job_queue)
                .field_static("JobDefinition", job_definition),
        )
    }

    /// Parameter substitutions for the job definition. Serialized as `Parameters`.
    pub fn parameters(self, parameters: impl Into<Arg>) -> Self {
        self.with("Parameters", parameters)
    }

    /// Overrides of the container. Serialized as `ContainerOverrides`.
    pub fn container_overrides(self, overrides: impl Into<Arg>) -> Self {
        self.with("ContainerOverrides", overrides)
    }

    /// Runs an array job of this size. Serialized as `ArrayProperties.Size`.
    pub fn array_size(self, size: u64) -> Self {
        self.with("ArrayProperties", Request::new().field_static("Size", size))
    }

    wait_for_completion!(
        Sync,
        ".sync",
        "batch::SubmitJob::new(\"nightly\", \"${JobQueue}\", \"${JobDefinition}\")"
    );
}
