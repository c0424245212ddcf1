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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::builder::apigateway::AuthType;
    ///
    /// assert_eq!(AuthType::IamRole.as_str(), "IAM_ROLE");
    /// assert_eq!(AuthType::NoAuth.as_str(), "NO_AUTH");
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = apigateway::Invoke::new(http::Method::Post, "a1b2c3.execute-api.eu-west-1.amazonaws.com");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::apigateway:invoke");
    /// assert_eq!(task["Parameters"], json!({"ApiEndpoint": "a1b2c3.execute-api.eu-west-1.amazonaws.com", "Method": "POST"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(method: Method, api_endpoint: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("ApiEndpoint", api_endpoint)
                .field_static("Method", method.as_str()),
        )
    }

    /// The stage the API is deployed to (optional for an HTTP API's `$default` stage).
    /// Serialized as `Stage`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = apigateway::Invoke::new(http::Method::Get, "a1b2c3.execute-api.eu-west-1.amazonaws.com")
    ///     .stage("prod");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Stage"], "prod");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn stage(self, stage: impl Into<Arg>) -> Self {
        self.with("Stage", stage)
    }

    /// The path appended to the endpoint and stage. Serialized as `Path`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = apigateway::Invoke::new(http::Method::Get, "a1b2c3.execute-api.eu-west-1.amazonaws.com")
    ///     .path(Arg::input_field("resourcePath"));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Path.$"], "$.resourcePath");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn path(self, path: impl Into<Arg>) -> Self {
        self.with("Path", path)
    }

    /// Request headers, each name with a list of values. Serialized as `Headers`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = apigateway::Invoke::new(http::Method::Get, "a1b2c3.execute-api.eu-west-1.amazonaws.com")
    ///     .headers(json!({"x-trace": ["on"]}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Headers"], json!({"x-trace": ["on"]}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn headers(self, headers: impl Into<Arg>) -> Self {
        self.with("Headers", headers)
    }

    /// Query string parameters, each name with a list of values. Serialized as
    /// `QueryParameters`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = apigateway::Invoke::new(http::Method::Get, "a1b2c3.execute-api.eu-west-1.amazonaws.com")
    ///     .query_parameters(json!({"page": ["2"]}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["QueryParameters"], json!({"page": ["2"]}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn query_parameters(self, parameters: impl Into<Arg>) -> Self {
        self.with("QueryParameters", parameters)
    }

    /// The request body, a JSON value or a string. Serialized as `RequestBody`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = apigateway::Invoke::new(http::Method::Get, "a1b2c3.execute-api.eu-west-1.amazonaws.com")
    ///     .request_body(Arg::input_field("order"));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["RequestBody.$"], "$.order");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn request_body(self, body: impl Into<Arg>) -> Self {
        self.with("RequestBody", body)
    }

    /// Sends the `null` values of the request to the API; by default Step Functions leaves
    /// them out. Serialized as `"AllowNullValues": true`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = apigateway::Invoke::new(http::Method::Get, "a1b2c3.execute-api.eu-west-1.amazonaws.com")
    ///     .allow_null_values();
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["AllowNullValues"], true);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn allow_null_values(self) -> Self {
        self.with("AllowNullValues", true)
    }

    /// How the call authenticates. Serialized as `AuthType`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = apigateway::Invoke::new(http::Method::Get, "a1b2c3.execute-api.eu-west-1.amazonaws.com")
    ///     .auth_type(apigateway::AuthType::IamRole);
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["AuthType"], "IAM_ROLE");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn auth_type(self, auth_type: AuthType) -> Self {
        self.with("AuthType", auth_type.as_str())
    }

    wait_for_task_token!(
        "apigateway::Invoke::new(http::Method::Get, \"a1b2c3.execute-api.eu-west-1.amazonaws.com\")"
    );
}
