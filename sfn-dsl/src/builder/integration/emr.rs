//! Amazon EMR: `elasticmapreduce:addStep`.

use super::{request_type, wait_for_completion};
use crate::builder::{Arg, Request};

request_type!(
    /// Adds a step to a running EMR cluster (`arn:aws:states:::elasticmapreduce:addStep`),
    /// typically waiting for the step to finish (`.sync`). The step is one `StepConfig`
    /// object of the EMR API (`Name`, `ActionOnFailure`, `HadoopJarStep`); the task result
    /// holds its `StepId`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let step = json!({
    ///     "Name": "Aggregate",
    ///     "ActionOnFailure": "CONTINUE",
    ///     "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["spark-submit", "s3://jobs/aggregate.py"]}
    /// });
    /// let add = emr::AddStep::new(Arg::input_field("ClusterId"), step)
    ///     .execution_role_arn("${StepRoleArn}")
    ///     .wait_for_completion();
    /// let machine = StateMachine::builder().start(TaskState::call("Aggregate", add)).build()?;
    /// let task = &machine.to_value()["States"]["Aggregate"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::elasticmapreduce:addStep.sync");
    /// assert_eq!(task["Parameters"]["ClusterId.$"], "$.ClusterId");
    /// assert_eq!(task["Parameters"]["Step"]["HadoopJarStep"]["Jar"], "command-runner.jar");
    /// assert_eq!(task["Parameters"]["ExecutionRoleArn"], "${StepRoleArn}");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    AddStep,
    "elasticmapreduce",
    "addStep",
    "emr::AddStep::new(\"${ClusterId}\", json!({\"Name\": \"report\"}))"
);

impl AddStep {
    /// Adds `step` to the cluster `cluster_id`. Serialized as `ClusterId` and `Step`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = emr::AddStep::new("${ClusterId}", json!({"Name": "report"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::elasticmapreduce:addStep");
    /// assert_eq!(task["Parameters"], json!({"ClusterId": "${ClusterId}", "Step": {"Name": "report"}}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(cluster_id: impl Into<Arg>, step: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("ClusterId", cluster_id)
                .field_static("Step", step),
        )
    }

    /// The runtime role the step runs as (the cluster's EC2 instance profile when left
    /// out). Serialized as `ExecutionRoleArn`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = emr::AddStep::new("${ClusterId}", json!({"Name": "report"}))
    ///     .execution_role_arn("${StepRoleArn}");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["ExecutionRoleArn"], "${StepRoleArn}");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn execution_role_arn(self, role_arn: impl Into<Arg>) -> Self {
        self.with("ExecutionRoleArn", role_arn)
    }

    wait_for_completion!(
        Sync,
        ".sync",
        "emr::AddStep::new(\"${ClusterId}\", json!({\"Name\": \"report\"}))"
    );
}
