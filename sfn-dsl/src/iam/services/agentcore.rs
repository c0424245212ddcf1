//! Amazon Bedrock AgentCore `bedrockagentcore:invokeHarness`, after the AgentCore
//! developer guide's harness security page: invoking a harness takes both
//! `bedrock-agentcore:InvokeHarness` and `bedrock-agentcore:InvokeAgentRuntime` on the
//! harness ARN (a harness runs on an AgentCore runtime).

use super::{is_deployment_value, on_field};
use crate::iam::Grants;
use crate::model::Payload;

/// The two invoke actions on the harness named by `HarnessArn`.
pub(super) fn invoke_harness(grants: &mut Grants<'_>, state: &str, payload: Option<&Payload>) {
    // The API takes the harness by ARN only, so anything else (a `${…}` substitution aside)
    // is no resource a policy can name.
    on_field(
        grants,
        state,
        payload,
        "HarnessArn",
        &[
            "bedrock-agentcore:InvokeHarness",
            "bedrock-agentcore:InvokeAgentRuntime",
        ],
        |harness| {
            (harness.starts_with("arn:") || is_deployment_value(harness))
                .then(|| harness.to_owned())
        },
    );
}
