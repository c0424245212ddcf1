//! `bedrockagentcore:invokeHarness`.

use super::{allow, document, expected, policy};
use crate::prelude::*;

const INVOKE: &[&str] = &[
    "bedrock-agentcore:InvokeHarness",
    "bedrock-agentcore:InvokeAgentRuntime",
];

#[test]
fn a_harness_by_arn_gets_both_invoke_actions() {
    let invoke = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::bedrockagentcore:invokeHarness",
            "Parameters": {"HarnessArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/triage-a1b2c3d4e5",
                           "RuntimeSessionId.$": "$.session",
                           "Messages": [{"Role": "user", "Content": [{"Text.$": "$.text"}]}]},
            "End": true}"#,
    );
    assert_eq!(
        invoke,
        expected(
            &[allow(
                INVOKE,
                &["arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/triage-a1b2c3d4e5"]
            )],
            &[]
        )
    );
}

#[test]
fn a_harness_by_substitution_or_from_the_input() {
    let typed = |harness: Arg| {
        StateMachine::builder()
            .start(TaskState::call(
                "Triage",
                agentcore::InvokeHarness::new(harness, Arg::input_field("session"), "hello"),
            ))
            .build()
            .expect("valid machine")
    };
    assert_eq!(
        policy(&typed(Arg::from("${TriageHarnessArn}"))).to_json(),
        expected(&[allow(INVOKE, &["${TriageHarnessArn}"])], &[])
    );
    assert_eq!(
        policy(&typed(Arg::input_field("harness"))).to_json(),
        expected(
            &[],
            &[("Triage", INVOKE, "`HarnessArn` is computed at run time")]
        )
    );
    // The API names a harness by ARN only.
    let by_name = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::bedrockagentcore:invokeHarness",
            "Parameters": {"HarnessArn": "triage", "RuntimeSessionId": "s", "Messages": []},
            "End": true}"#,
    );
    assert_eq!(
        by_name,
        expected(
            &[],
            &[(
                "T",
                INVOKE,
                "`HarnessArn` is `triage`, which cannot be turned into an ARN"
            )]
        )
    );
}
