//! AWS CodeBuild: `codebuild:startBuild`.

use super::{request_type, wait_for_completion};
use crate::builder::{Arg, Request};

request_type!(
    /// Starts a CodeBuild build (`arn:aws:states:::codebuild:startBuild`), typically
    /// waiting for it to finish (`.sync`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let build = codebuild::StartBuild::new("${WebProjectName}")
    ///     .source_version(Arg::input_field("commit"))
    ///     .environment_variables_override(json!([{"Name": "STAGE", "Value": "prod", "Type": "PLAINTEXT"}]))
    ///     .wait_for_completion();
    /// let machine = StateMachine::builder().start(TaskState::call("Build", build)).build()?;
    /// let task = &machine.to_value()["States"]["Build"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::codebuild:startBuild.sync");
    /// assert_eq!(
    ///     task["Parameters"],
    ///     json!({
    ///         "ProjectName": "${WebProjectName}",
    ///         "SourceVersion.$": "$.commit",
    ///         "EnvironmentVariablesOverride": [{"Name": "STAGE", "Value": "prod", "Type": "PLAINTEXT"}]
    ///     })
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    StartBuild,
    "codebuild",
    "startBuild",
    "codebuild::StartBuild::new(\"${Project}\")"
);

impl StartBuild {
    /// Builds the project `project_name`. Serialized as `ProjectName`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = codebuild::StartBuild::new("site");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::codebuild:startBuild");
    /// assert_eq!(task["Parameters"], json!({"ProjectName": "site"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(project_name: impl Into<Arg>) -> Self {
        Self::from_request(Request::new().field_static("ProjectName", project_name))
    }

    /// The version of the source to build: a commit, branch, tag or pull request.
    /// Serialized as `SourceVersion`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = codebuild::StartBuild::new("site")
    ///     .source_version(Arg::input_field("commit"));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["SourceVersion.$"], "$.commit");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn source_version(self, version: impl Into<Arg>) -> Self {
        self.with("SourceVersion", version)
    }

    /// Environment variables for this build, as a list of `{"Name", "Value", "Type"}`
    /// objects. Serialized as `EnvironmentVariablesOverride`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = codebuild::StartBuild::new("site")
    ///     .environment_variables_override(json!([{"Name": "STAGE", "Value": "prod", "Type": "PLAINTEXT"}]));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["EnvironmentVariablesOverride"], json!([{"Name": "STAGE", "Value": "prod", "Type": "PLAINTEXT"}]));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn environment_variables_override(self, variables: impl Into<Arg>) -> Self {
        self.with("EnvironmentVariablesOverride", variables)
    }

    wait_for_completion!(Sync, ".sync", "codebuild::StartBuild::new(\"${Project}\")");
}
