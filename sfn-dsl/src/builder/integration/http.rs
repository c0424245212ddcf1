//! HTTP Task: `http:invoke`, calling a third-party API through an EventBridge connection.

use super::request_type;
use crate::builder::{Arg, Request};

/// The HTTP method of an [`Invoke`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let lookup = http::Invoke::new(http::Method::Get, "https://api.example.com/stock", "${StockConnectionArn}");
/// let machine = StateMachine::builder().start(TaskState::call("Check stock", lookup)).build()?;
/// assert_eq!(machine.to_value()["States"]["Check stock"]["Parameters"]["Method"], "GET");
/// assert_eq!(http::Method::Patch.as_str(), "PATCH");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
    /// `PATCH`.
    Patch,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
}

impl Method {
    /// The method as written in the request.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// assert_eq!(http::Method::Post.as_str(), "POST");
    /// assert_eq!(http::Method::Delete.as_str(), "DELETE");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
            Self::Patch => "PATCH",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
        }
    }
}

request_type!(
    /// Calls an HTTPS API (`arn:aws:states:::http:invoke`); the EventBridge connection
    /// holds the credentials.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = http::Invoke::new(http::Method::Post, "https://api.example.com/charges", "${PaymentsConnectionArn}")
    ///     .request_body(Arg::input_field("charge"))
    ///     .headers(json!({"Idempotency-Key.$": "$$.Execution.Name"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Charge", call)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Charge"]["Parameters"],
    ///     json!({
    ///         "ApiEndpoint": "https://api.example.com/charges",
    ///         "Method": "POST",
    ///         "Authentication": {"ConnectionArn": "${PaymentsConnectionArn}"},
    ///         "RequestBody.$": "$.charge",
    ///         "Headers": {"Idempotency-Key.$": "$$.Execution.Name"}
    ///     })
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    Invoke,
    "http",
    "invoke",
    "http::Invoke::new(http::Method::Get, \"https://api.example.com/orders\", \"${ConnectionArn}\")"
);

impl Invoke {
    /// Calls `method` `endpoint`, authenticated by the EventBridge connection
    /// `connection_arn`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = http::Invoke::new(http::Method::Post, "https://api.example.com/orders", "${ConnectionArn}");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::http:invoke");
    /// assert_eq!(task["Parameters"], json!({"ApiEndpoint": "https://api.example.com/orders", "Method": "POST", "Authentication": {"ConnectionArn": "${ConnectionArn}"}}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(method: Method, endpoint: impl Into<Arg>, connection_arn: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("ApiEndpoint", endpoint)
                .field_static("Method", method.as_str())
                .field(
                    "Authentication",
                    Request::new().field_static("ConnectionArn", connection_arn),
                ),
        )
    }

    /// The request body. Serialized as `RequestBody`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = http::Invoke::new(http::Method::Get, "https://api.example.com/orders", "${ConnectionArn}")
    ///     .request_body(Arg::input_field("order"));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["RequestBody.$"], "$.order");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn request_body(self, body: impl Into<Arg>) -> Self {
        self.with("RequestBody", body)
    }

    /// Extra request headers. Serialized as `Headers`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = http::Invoke::new(http::Method::Get, "https://api.example.com/orders", "${ConnectionArn}")
    ///     .headers(json!({"x-trace": "on"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Headers"], json!({"x-trace": "on"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn headers(self, headers: impl Into<Arg>) -> Self {
        self.with("Headers", headers)
    }

    /// Query string parameters. Serialized as `QueryParameters`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = http::Invoke::new(http::Method::Get, "https://api.example.com/orders", "${ConnectionArn}")
    ///     .query_parameters(json!({"page": "2"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["QueryParameters"], json!({"page": "2"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn query_parameters(self, parameters: impl Into<Arg>) -> Self {
        self.with("QueryParameters", parameters)
    }

    /// Sends the body URL-encoded. Serialized as
    /// `"Transform": {"RequestBodyEncoding": "URL_ENCODED"}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = http::Invoke::new(http::Method::Get, "https://api.example.com/orders", "${ConnectionArn}")
    ///     .url_encoded();
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Transform"], json!({"RequestBodyEncoding": "URL_ENCODED"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn url_encoded(self) -> Self {
        self.with(
            "Transform",
            Request::new().field_static("RequestBodyEncoding", "URL_ENCODED"),
        )
    }
}
