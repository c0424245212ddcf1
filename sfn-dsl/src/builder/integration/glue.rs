//! AWS Glue: `glue:startJobRun`.

use super::{request_type, wait_for_completion};
use crate::builder::{Arg, Request};

request_type!(
    /// Starts a Glue job run (`arn:aws:states:::glue:startJobRun`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let run = glue::StartJobRun::new("nightly-etl")
    ///     .arguments(json!({"--date.$": "$.date"}))
    ///     .wait_for_completion();
    /// let machine = StateMachine::builder().start(TaskState::call("ETL", run)).build()?;
    /// let task = &machine.to_value()["States"]["ETL"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::glue:startJobRun.sync");
    /// assert_eq!(task["Parameters"], json!({"JobName": "nightly-etl", "Arguments": {"--date.$": "$.date"}}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    StartJobRun,
    "glue",
    "startJobRun",
    "glue::StartJobRun::new(\"${Job}\")"
);

impl StartJobRun {
    /// Runs the job `job_name`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = glue::StartJobRun::new("nightly-etl");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::glue:startJobRun");
    /// assert_eq!(task["Parameters"], json!({"JobName": "nightly-etl"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(job_name: impl Into<Arg>) -> Self {
        Self::from_request(Request::new().field_static("JobName", job_name))
    }

    /// The job's arguments (`{"--key": "value"}`). Serialized as the request's
    /// `Arguments` field.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = glue::StartJobRun::new("nightly-etl")
    ///     .arguments(json!({"--day.$": "$.day"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Arguments"], json!({"--day.$": "$.day"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn arguments(self, arguments: impl Into<Arg>) -> Self {
        self.with("Arguments", arguments)
    }

    wait_for_completion!(Sync, ".sync", "glue::StartJobRun::new(\"${Job}\")");
}
