//! Amazon Athena: `athena:startQueryExecution`.

use super::{request_type, wait_for_completion};
use crate::builder::{Arg, Request};

request_type!(
    /// Starts an Athena query (`arn:aws:states:::athena:startQueryExecution`), typically
    /// waiting for it to finish (`.sync`); read the rows with `athena:getQueryResults`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let query = athena::StartQueryExecution::new("SELECT * FROM orders WHERE day = ?")
    ///     .query_execution_context(json!({"Database": "sales"}))
    ///     .result_configuration(json!({"OutputLocation": "s3://query-results/"}))
    ///     .work_group("analytics")
    ///     .execution_parameters(Arg::array([Arg::input_field("day")]))
    ///     .wait_for_completion();
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(TaskState::call("Query", query))
    ///     .build()?;
    /// let task = &machine.to_value()["States"]["Query"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::athena:startQueryExecution.sync");
    /// assert_eq!(
    ///     task["Arguments"],
    ///     json!({
    ///         "QueryString": "SELECT * FROM orders WHERE day = ?",
    ///         "QueryExecutionContext": {"Database": "sales"},
    ///         "ResultConfiguration": {"OutputLocation": "s3://query-results/"},
    ///         "WorkGroup": "analytics",
    ///         "ExecutionParameters": ["{% $states.input.day %}"]
    ///     })
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    StartQueryExecution,
    "athena",
    "startQueryExecution",
    "athena::StartQueryExecution::new(\"SELECT 1\")"
);

impl StartQueryExecution {
    /// Runs the SQL statement `query_string`. Serialized as `QueryString`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = athena::StartQueryExecution::new("SELECT * FROM orders");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::athena:startQueryExecution");
    /// assert_eq!(task["Parameters"], json!({"QueryString": "SELECT * FROM orders"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(query_string: impl Into<Arg>) -> Self {
        Self::from_request(Request::new().field_static("QueryString", query_string))
    }

    /// The database and catalog the query runs in (`{"Database": …, "Catalog": …}`).
    /// Serialized as `QueryExecutionContext`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = athena::StartQueryExecution::new("SELECT * FROM orders")
    ///     .query_execution_context(json!({"Database": "sales"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["QueryExecutionContext"], json!({"Database": "sales"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn query_execution_context(self, context: impl Into<Arg>) -> Self {
        self.with("QueryExecutionContext", context)
    }

    /// Where the results go and how they are encrypted (`{"OutputLocation": "s3://…"}`).
    /// Serialized as `ResultConfiguration`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = athena::StartQueryExecution::new("SELECT * FROM orders")
    ///     .result_configuration(json!({"OutputLocation": "s3://results/"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["ResultConfiguration"], json!({"OutputLocation": "s3://results/"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn result_configuration(self, configuration: impl Into<Arg>) -> Self {
        self.with("ResultConfiguration", configuration)
    }

    /// The workgroup the query runs in (`primary` when left out). Serialized as
    /// `WorkGroup`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = athena::StartQueryExecution::new("SELECT * FROM orders")
    ///     .work_group("analysts");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["WorkGroup"], "analysts");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn work_group(self, work_group: impl Into<Arg>) -> Self {
        self.with("WorkGroup", work_group)
    }

    /// The values of the query's `?` parameters, in order, as strings. Serialized as
    /// `ExecutionParameters`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = athena::StartQueryExecution::new("SELECT * FROM orders")
    ///     .execution_parameters(json!(["2024"]));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["ExecutionParameters"], json!(["2024"]));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn execution_parameters(self, parameters: impl Into<Arg>) -> Self {
        self.with("ExecutionParameters", parameters)
    }

    /// An idempotency token: a retried call with the same token starts no second query.
    /// Serialized as `ClientRequestToken`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = athena::StartQueryExecution::new("SELECT * FROM orders")
    ///     .client_request_token(Arg::context("Execution.Name"));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["ClientRequestToken.$"], "$$.Execution.Name");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn client_request_token(self, token: impl Into<Arg>) -> Self {
        self.with("ClientRequestToken", token)
    }

    wait_for_completion!(
        Sync,
        ".sync",
        "athena::StartQueryExecution::new(\"SELECT 1\")"
    );
}
