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
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = batch::SubmitJob::new("nightly", "${JobQueue}", "${JobDefinition}");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::batch:submitJob");
    /// assert_eq!(task["Parameters"], json!({"JobName": "nightly", "JobQueue": "${JobQueue}", "JobDefinition": "${JobDefinition}"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = batch::SubmitJob::new("nightly", "${JobQueue}", "${JobDefinition}")
    ///     .parameters(json!({"day.$": "$.day"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Parameters"], json!({"day.$": "$.day"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn parameters(self, parameters: impl Into<Arg>) -> Self {
        self.with("Parameters", parameters)
    }

    /// Overrides of the container. Serialized as `ContainerOverrides`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = batch::SubmitJob::new("nightly", "${JobQueue}", "${JobDefinition}")
    ///     .container_overrides(json!({"Command": ["run"]}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["ContainerOverrides"], json!({"Command": ["run"]}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn container_overrides(self, overrides: impl Into<Arg>) -> Self {
        self.with("ContainerOverrides", overrides)
    }

    /// Runs an array job of this size. Serialized as `ArrayProperties.Size`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = batch::SubmitJob::new("nightly", "${JobQueue}", "${JobDefinition}")
    ///     .array_size(10);
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["ArrayProperties"], json!({"Size": 10}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn array_size(self, size: u64) -> Self {
        self.with("ArrayProperties", Request::new().field_static("Size", size))
    }

    wait_for_completion!(
        Sync,
        ".sync",
        "batch::SubmitJob::new(\"nightly\", \"${JobQueue}\", \"${JobDefinition}\")"
    );
}
