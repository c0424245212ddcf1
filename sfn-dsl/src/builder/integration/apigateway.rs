//! Amazon API Gateway: `apigateway:invoke`, calling a REST or HTTP API deployed in API
//! Gateway.

use super::http::Method;
use super::{request_type, wait_for_task_token};
use crate::builder::{Arg, Request};

/// How an [`Invoke`] authenticates to the API (`NO_AUTH` when left out).
///
/// # Examples
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let call = apigateway::Invoke::new(http::Method::Get, "a1b2c3.execute-api.eu-west-1.amazonaws.com")
///     .auth_type(apigateway::AuthType::IamRole);
/// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
/// assert_eq!(machine.to_value()["States"]["Call"]["Parameters"]["AuthType"], "IAM_ROLE");
/// assert_eq!(apigateway::AuthType::ResourcePolicy.as_str(), "RESOURCE_POLICY");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthType {
    /// `NO_AUTH`: calls the API without authorization (the default).
    NoAuth,
    /// `IAM_ROLE`: signs the request (Signature Version 4) with the state machine's role.
    IamRole,
    /// `RESOURCE_POLICY`: Step Functions authenticates the request, and the API's resource
    /// policy grants the state machine access (REST APIs only).
    ResourcePolicy,
}

impl AuthType {
    /// The value as written in the request.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoAuth => "NO_AUTH",
            Self::IamRole => "IAM_ROLE",
            Self::ResourcePolicy => "RESOURCE_POLICY",
        }
    }
}

request_type!(
    /// Calls an API Gateway REST or HTTP API (`arn:aws:states:::apigateway:invoke`); the
    /// task result holds the response's `StatusCode`, `StatusText`, `Headers` and
    /// `ResponseBody`.
    ///
    /// `Headers` and `QueryParameters` map each name to a list of values
    /// (`{"key": ["value1", "value2"]}`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = apigateway::Invoke::new(http::Method::Post, "a1b2c3.execute-api.eu-west-1.amazonaws.com")
    ///     .stage("prod")
    ///     .path("orders")
    ///     .headers(json!({"Idempotency-Key.$": "States.Array($$.Execution.Name)"}))
    ///     .query_parameters(json!({"dryRun": ["false"]}))
    ///     .request_body(Arg::input_field("order"))
    ///     .allow_null_values()
    ///     .auth_type(apigateway::AuthType::IamRole);
    /// let machine = StateMachine::builder().start(TaskState::call("Create order", call)).build()?;
    /// let task = &machine.to_value()["States"]["Create order"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::apigateway:invoke");
    /// assert_eq!(
    ///     task["Parameters"],
    ///     json!({
    ///         "ApiEndpoint": "a1b2c3.execute-api.eu-west-1.amazonaws.com",
    ///         "Method": "POST",
    ///         "Stage": "prod",
    ///         "Path": "orders",
    ///         "Headers": {"Idempotency-Key.$": "States.Array($$.Execution.Name)"},
    ///         "QueryParameters": {"dryRun": ["false"]},
    ///         "RequestBody.$": "$.order",
    ///         "AllowNullValues": true,
    ///         "AuthType": "IAM_ROLE"
    ///     })
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    ///
    /// Waiting for a callback: the API receives the task token and hands it to whatever
    /// calls `SendTaskSuccess`.
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = apigateway::Invoke::new(http::Method::Post, "${PaymentsApiEndpoint}")
    ///     .path("payments")
    ///     .request_body(Arg::object(Request::new().field("token", Arg::task_token())))
    ///     .wait_for_task_token();
    /// let machine = StateMachine::builder().start(TaskState::call("Pay", call)).build()?;
    /// let task = &machine.to_value()["States"]["Pay"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::apigateway:invoke.waitForTaskToken");
    /// assert_eq!(task["Parameters"]["RequestBody"], json!({"token.$": "$$.Task.Token"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    Invoke,
    "apigateway",
    "invoke",
    "apigateway::Invoke::new(http::Method::Get, \"a1b2c3.execute-api.eu-west-1.amazonaws.com\")"
);

impl Invoke {
    /// Calls `method` on the API at `api_endpoint`, the host name of its URL
    /// (`<api-id>.execute-api.<region>.amazonaws.com`). Serialized as `ApiEndpoint` and
    /// `Method`.
    pub fn new(method: Method, api_endpoint: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("ApiEndpoint", api_endpoint)
                .field_static("Method", method.as_str()),
        )
    }

    /// The stage the API is deployed to (optional for an HTTP API's `$default` stage).
    /// Serialized as `Stage`.
    pub fn stage(self, stage: impl Into<Arg>) -> Self {
        self.with("Stage", stage)
    }

    /// The path appended to the endpoint and stage. Serialized as `Path`.
    pub fn path(self, path: impl Into<Arg>) -> Self {
        self.with("Path", path)
    }

    /// Request headers, each name with a list of values. Serialized as `Headers`.
    pub fn headers(self, headers: impl Into<Arg>) -> Self {
        self.with("Headers", headers)
    }

    /// Query string parameters, each name with a list of values. Serialized as
    /// `QueryParameters`.
    pub fn query_parameters(self, parameters: impl Into<Arg>) -> Self {
        self.with("QueryParameters", parameters)
    }

    /// The request body, a JSON value or a string. Serialized as `RequestBody`.
    pub fn request_body(self, body: impl Into<Arg>) -> Self {
        self.with("RequestBody", body)
    }

    /// Sends the `null` values of the request to the API; by default Step Functions leaves
    /// them out. Serialized as `"AllowNullValues": true`.
    pub fn allow_null_values(self) -> Self {
        self.with("AllowNullValues", true)
    }

    /// How the call authenticates. Serialized as `AuthType`.
    pub fn auth_type(self, auth_type: AuthType) -> Self {
        self.with("AuthType", auth_type.as_str())
    }

    wait_for_task_token!(
        "apigateway::Invoke::new(http::Method::Get, \"a1b2c3.execute-api.eu-west-1.amazonaws.com\")"
    );
}
