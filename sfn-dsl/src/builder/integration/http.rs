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
    pub fn request_body(self, body: impl Into<Arg>) -> Self {
        self.with("RequestBody", body)
    }

    /// Extra request headers. Serialized as `Headers`.
    pub fn headers(self, headers: impl Into<Arg>) -> Self {
        self.with("Headers", headers)
    }

    /// Query string parameters. Serialized as `QueryParameters`.
    pub fn query_parameters(self, parameters: impl Into<Arg>) -> Self {
        self.with("QueryParameters", parameters)
    }

    /// Sends the body URL-encoded. Serialized as
    /// `"Transform": {"RequestBodyEncoding": "URL_ENCODED"}`.
    pub fn url_encoded(self) -> Self {
        self.with(
            "Transform",
            Request::new().field_static("RequestBodyEncoding", "URL_ENCODED"),
        )
    }
}
