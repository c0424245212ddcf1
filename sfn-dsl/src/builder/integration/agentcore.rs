//! Amazon Bedrock AgentCore: `bedrockagentcore:invokeHarness`.

use super::request_type;
use crate::builder::{Arg, Request};

request_type!(
    /// Runs an AgentCore harness, a managed agent with its model, tools and memory
    /// (`arn:aws:states:::bedrockagentcore:invokeHarness`); the task result holds the last
    /// assistant message in the Bedrock `Converse` shape (`Output.Message.Content`) and the
    /// session's token usage.
    ///
    /// Request-response only (AWS's connect-bedrockagentcore page), and the call ends after
    /// at most 15 minutes whatever the state's `TimeoutSeconds`. The same session id
    /// continues a conversation.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let triage = agentcore::InvokeHarness::new(
    ///     "${TriageHarnessArn}",
    ///     Arg::input_field("ticketId"),
    ///     Arg::input_field("text"),
    /// );
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::call("Triage", triage).timeout_seconds(300))
    ///     .build()?;
    /// let task = &machine.to_value()["States"]["Triage"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::bedrockagentcore:invokeHarness");
    /// assert_eq!(
    ///     task["Parameters"],
    ///     json!({
    ///         "HarnessArn": "${TriageHarnessArn}",
    ///         "RuntimeSessionId.$": "$.ticketId",
    ///         "Messages": [{"Role": "user", "Content": [{"Text.$": "$.text"}]}]
    ///     })
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    InvokeHarness,
    "bedrockagentcore",
    "invokeHarness",
    "agentcore::InvokeHarness::new(\"${HarnessArn}\", \"session-1\", \"hello\")"
);

impl InvokeHarness {
    /// Runs the harness `harness_arn` in the session `runtime_session_id` (AgentCore wants
    /// at least 33 characters) with one user message whose text is `text`. Serialized as
    /// `HarnessArn`, `RuntimeSessionId` and
    /// `"Messages": [{"Role": "user", "Content": [{"Text": …}]}]`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let session = "session-0123456789-0123456789-0123";
    /// let call = agentcore::InvokeHarness::new("${HarnessArn}", session, Arg::input_field("question"));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["RuntimeSessionId"], session);
    /// assert_eq!(parameters["Messages"], json!([{"Role": "user", "Content": [{"Text.$": "$.question"}]}]));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(
        harness_arn: impl Into<Arg>,
        runtime_session_id: impl Into<Arg>,
        text: impl Into<Arg>,
    ) -> Self {
        let content = Arg::array([Arg::object(Request::new().field_static("Text", text))]);
        let message = Request::new()
            .field_static("Role", "user")
            .field_static("Content", content);
        Self::with_messages(
            harness_arn,
            runtime_session_id,
            Arg::array([Arg::object(message)]),
        )
    }

    /// Runs the harness with the messages `messages` as the API takes them (a list of
    /// `{"Role": …, "Content": [{"Text": …}, …]}`), such as a conversation kept in the state
    /// input. The API requires at least the messages, the harness and the session.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reply = agentcore::InvokeHarness::with_messages(
    ///     "${SupportHarnessArn}",
    ///     Arg::input_field("sessionId"),
    ///     Arg::input_field("conversation"),
    /// );
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(TaskState::call("Reply", reply))
    ///     .build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Reply"]["Arguments"]["Messages"],
    ///     json!("{% $states.input.conversation %}")
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn with_messages(
        harness_arn: impl Into<Arg>,
        runtime_session_id: impl Into<Arg>,
        messages: impl Into<Arg>,
    ) -> Self {
        Self::from_request(
            Request::new()
                .field_static("HarnessArn", harness_arn)
                .field_static("RuntimeSessionId", runtime_session_id)
                .field_static("Messages", messages),
        )
    }
}
