//! Amazon Bedrock: `bedrock:invokeModel`.

use super::request_type;
use crate::builder::{Arg, Request};

request_type!(
    /// Runs inference on a Bedrock model (`arn:aws:states:::bedrock:invokeModel`); the
    /// task result holds the model's response under `Body`.
    ///
    /// The request body comes from the state ([`InvokeModel::new`]) or, for payloads over
    /// the 256 KiB task limit, from an S3 object ([`InvokeModel::s3_input`]); AWS takes one
    /// or the other, never both. Step Functions does not check the body: its fields depend
    /// on the model. The call is request-response only: AWS documents `.sync` for
    /// `createModelCustomizationJob`, not for `invokeModel`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let summarize = bedrock::InvokeModel::new(
    ///     "anthropic.claude-3-haiku-20240307-v1:0",
    ///     Arg::object(
    ///         Request::new()
    ///             .field("anthropic_version", "bedrock-2023-05-31")
    ///             .field("max_tokens", 512)
    ///             .field("messages", json!([{"role": "user", "content": "Summarize the ticket"}])),
    ///     ),
    /// )
    /// .content_type("application/json")
    /// .accept("application/json");
    /// let machine = StateMachine::builder().start(TaskState::call("Summarize", summarize)).build()?;
    /// let task = &machine.to_value()["States"]["Summarize"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::bedrock:invokeModel");
    /// assert_eq!(
    ///     task["Parameters"],
    ///     json!({
    ///         "ModelId": "anthropic.claude-3-haiku-20240307-v1:0",
    ///         "Body": {
    ///             "anthropic_version": "bedrock-2023-05-31",
    ///             "max_tokens": 512,
    ///             "messages": [{"role": "user", "content": "Summarize the ticket"}]
    ///         },
    ///         "ContentType": "application/json",
    ///         "Accept": "application/json"
    ///     })
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    InvokeModel,
    "bedrock",
    "invokeModel",
    "bedrock::InvokeModel::new(\"${ModelId}\", json!({\"prompt\": \"hello\"}))"
);

impl InvokeModel {
    /// Runs the model `model_id` (an id or ARN) on `body`, in the format the model expects.
    /// Serialized as `ModelId` and `Body`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = bedrock::InvokeModel::new("${ModelId}", json!({"prompt": "hello"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::bedrock:invokeModel");
    /// assert_eq!(task["Parameters"], json!({"ModelId": "${ModelId}", "Body": {"prompt": "hello"}}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(model_id: impl Into<Arg>, body: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("ModelId", model_id)
                .field_static("Body", body),
        )
    }

    /// Runs the model `model_id` on the content of the S3 object at `s3_uri`
    /// (`s3://bucket/key`). Serialized as `ModelId` and `"Input": {"S3Uri": …}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let embed = bedrock::InvokeModel::s3_input("amazon.titan-embed-text-v2:0", Arg::input_field("document"))
    ///     .output("s3://embeddings/latest.json");
    /// let machine = StateMachine::builder().start(TaskState::call("Embed", embed)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Embed"]["Parameters"],
    ///     json!({
    ///         "ModelId": "amazon.titan-embed-text-v2:0",
    ///         "Input": {"S3Uri.$": "$.document"},
    ///         "Output": {"S3Uri": "s3://embeddings/latest.json"}
    ///     })
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn s3_input(model_id: impl Into<Arg>, s3_uri: impl Into<Arg>) -> Self {
        Self::from_request(
            Request::new()
                .field_static("ModelId", model_id)
                .field_static("Input", Request::new().field_static("S3Uri", s3_uri)),
        )
    }

    /// The MIME type of the body (when reading the body from S3, that object's content type
    /// by default). Serialized as `ContentType`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = bedrock::InvokeModel::new("${ModelId}", json!({"prompt": "hello"}))
    ///     .content_type("application/json");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["ContentType"], "application/json");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn content_type(self, content_type: impl Into<Arg>) -> Self {
        self.with("ContentType", content_type)
    }

    /// The MIME type of the response body. Serialized as `Accept`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = bedrock::InvokeModel::new("${ModelId}", json!({"prompt": "hello"}))
    ///     .accept("application/json");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Accept"], "application/json");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn accept(self, accept: impl Into<Arg>) -> Self {
        self.with("Accept", accept)
    }

    /// Writes the response to the S3 object at `s3_uri`; the task result then refers to
    /// that object instead of holding the response. Serialized as
    /// `"Output": {"S3Uri": …}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = bedrock::InvokeModel::new("${ModelId}", json!({"prompt": "hello"}))
    ///     .output("s3://answers/out.json");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Output"], json!({"S3Uri": "s3://answers/out.json"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn output(self, s3_uri: impl Into<Arg>) -> Self {
        self.with("Output", Request::new().field_static("S3Uri", s3_uri))
    }

    /// Applies the guardrail `identifier` (an id or ARN) at `version` to the invocation.
    /// Serialized as `GuardrailIdentifier` and `GuardrailVersion`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = bedrock::InvokeModel::new("${ModelId}", json!({"prompt": "hello"})).guardrail("${GuardrailId}", "1");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["GuardrailIdentifier"], "${GuardrailId}");
    /// assert_eq!(parameters["GuardrailVersion"], "1");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn guardrail(self, identifier: impl Into<Arg>, version: impl Into<Arg>) -> Self {
        self.with("GuardrailIdentifier", identifier)
            .with("GuardrailVersion", version)
    }
}
