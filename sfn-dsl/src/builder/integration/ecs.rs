//! Amazon ECS and AWS Fargate: `ecs:runTask`.

use super::{request_type, wait_for_completion, wait_for_task_token};
use crate::builder::{Arg, Request};

request_type!(
    /// Runs an ECS task (`arn:aws:states:::ecs:runTask`), typically on Fargate and waiting
    /// for it to stop (`.sync`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let run = ecs::RunTask::new("${ClusterArn}", "${ReportTaskDefinitionArn}")
    ///     .fargate(["subnet-1", "subnet-2"], ["sg-1"])
    ///     .overrides(json!({"ContainerOverrides": [{"Name": "report", "Command.$": "$.command"}]}))
    ///     .wait_for_completion();
    /// let machine = StateMachine::builder().start(TaskState::call("Report", run)).build()?;
    /// let task = &machine.to_value()["States"]["Report"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::ecs:runTask.sync");
    /// assert_eq!(task["Parameters"]["LaunchType"], "FARGATE");
    /// assert_eq!(
    ///     task["Parameters"]["NetworkConfiguration"],
    ///     json!({"AwsvpcConfiguration": {"Subnets": ["subnet-1", "subnet-2"], "SecurityGroups": ["sg-1"]}})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    RunTask,
    "ecs",
    "runTask",
    "ecs::RunTask::new(\"${Cluster}\", \"${TaskDefinition}\")"
);

impl RunTask {
    /// Runs `task_definition` on `cluster`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = ecs::RunTask::new("${Cluster}", "${TaskDefinition}");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::ecs:runTask");
    /// assert_eq!(task["Parameters"], json!({"Cluster": "${Cluster}", "TaskDefinition": "${TaskDefinition}"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(cluster: impl Into<Arg>, task_definition: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("Cluster", cluster)
                .field_static("TaskDefinition", task_definition),
        )
    }

    /// Runs on Fargate in these subnets and security groups. Serialized as
    /// `"LaunchType": "FARGATE"` and `NetworkConfiguration.AwsvpcConfiguration`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = ecs::RunTask::new("${Cluster}", "${TaskDefinition}").fargate(["subnet-1"], ["sg-1"]);
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["LaunchType"], "FARGATE");
    /// assert_eq!(
    ///     parameters["NetworkConfiguration"],
    ///     json!({"AwsvpcConfiguration": {"Subnets": ["subnet-1"], "SecurityGroups": ["sg-1"]}})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn fargate<S: Into<String>, G: Into<String>>(
        self,
        subnets: impl IntoIterator<Item = S>,
        security_groups: impl IntoIterator<Item = G>,
    ) -> Self {
        let strings = |items: Vec<String>| {
            Arg::value(serde_json::Value::Array(
                items.into_iter().map(serde_json::Value::String).collect(),
            ))
        };
        let vpc = Request::new()
            .field(
                "Subnets",
                strings(subnets.into_iter().map(Into::into).collect()),
            )
            .field(
                "SecurityGroups",
                strings(security_groups.into_iter().map(Into::into).collect()),
            );
        self.with("LaunchType", "FARGATE").with(
            "NetworkConfiguration",
            Request::new().field_static("AwsvpcConfiguration", vpc),
        )
    }

    /// Container overrides and other task overrides. Serialized as `Overrides`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = ecs::RunTask::new("${Cluster}", "${TaskDefinition}")
    ///     .overrides(json!({"ContainerOverrides": [{"Name": "app", "Command": ["run"]}]}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Overrides"], json!({"ContainerOverrides": [{"Name": "app", "Command": ["run"]}]}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn overrides(self, overrides: impl Into<Arg>) -> Self {
        self.with("Overrides", overrides)
    }

    wait_for_completion!(
        Sync,
        ".sync",
        "ecs::RunTask::new(\"${Cluster}\", \"${TaskDefinition}\")"
    );
    wait_for_task_token!("ecs::RunTask::new(\"${Cluster}\", \"${TaskDefinition}\")");
}
