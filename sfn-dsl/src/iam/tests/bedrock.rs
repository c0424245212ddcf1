//! `bedrock:invokeModel`.

use super::{allow, document, expected, policy};
use crate::prelude::*;

#[test]
fn a_foundation_model_and_a_guardrail_by_id() {
    let invoke = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
            "Parameters": {"ModelId": "anthropic.claude-3-haiku-20240307-v1:0",
                           "Body": {"messages.$": "$.messages"},
                           "GuardrailIdentifier": "gr7abc", "GuardrailVersion": "1"},
            "End": true}"#,
    );
    assert_eq!(
        invoke,
        expected(
            &[
                allow(
                    &["bedrock:InvokeModel"],
                    &[
                        "arn:aws:bedrock:${AWS::Region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
                    ]
                ),
                allow(
                    &["bedrock:ApplyGuardrail"],
                    &["arn:aws:bedrock:${AWS::Region}:${AWS::AccountId}:guardrail/gr7abc"]
                ),
            ],
            &[]
        )
    );
}

#[test]
fn a_model_by_arn_reading_and_writing_s3_objects() {
    let invoke = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
            "Parameters": {"ModelId": "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc",
                           "Input": {"S3Uri": "s3://prompts/2024/ticket.json"},
                           "Output": {"S3Uri": "s3://answers/ticket.json"},
                           "GuardrailIdentifier": "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr7abc",
                           "GuardrailVersion": "DRAFT"},
            "End": true}"#,
    );
    assert_eq!(
        invoke,
        expected(
            &[
                allow(
                    &["bedrock:InvokeModel"],
                    &["arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc"]
                ),
                allow(
                    &["s3:GetObject"],
                    &["arn:aws:s3:::prompts/2024/ticket.json"]
                ),
                allow(&["s3:PutObject"], &["arn:aws:s3:::answers/ticket.json"]),
                allow(
                    &["bedrock:ApplyGuardrail"],
                    &["arn:aws:bedrock:us-east-1:123456789012:guardrail/gr7abc"]
                ),
            ],
            &[]
        )
    );
}

#[test]
fn computed_models_objects_and_guardrails_are_listed() {
    let invoke = document(
        r#"{"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::bedrock:invokeModel",
            "Arguments": {"ModelId": "{% $states.input.model %}",
                          "Input": {"S3Uri": "{% $states.input.document %}"},
                          "Output": {"S3Uri": "answers/ticket.json"},
                          "GuardrailIdentifier": "{% $states.input.guardrail %}", "GuardrailVersion": "1"},
            "End": true}"#,
    );
    assert_eq!(
        invoke,
        expected(
            &[],
            &[
                (
                    "T",
                    &["bedrock:InvokeModel"],
                    "`ModelId` is computed at run time"
                ),
                (
                    "T",
                    &["s3:GetObject"],
                    "`Input.S3Uri` is computed at run time (the CDK grants `arn:aws:s3:::*` in that case)"
                ),
                (
                    "T",
                    &["s3:PutObject"],
                    "`Output.S3Uri` is `answers/ticket.json`, which cannot be turned into an ARN"
                ),
                (
                    "T",
                    &["bedrock:ApplyGuardrail"],
                    "`GuardrailIdentifier` is computed at run time"
                ),
            ]
        )
    );
}

#[test]
fn the_typed_integration_reading_from_s3() {
    let embed = bedrock::InvokeModel::s3_input(
        "amazon.titan-embed-text-v2:0",
        Arg::input_field("document"),
    )
    .output("s3://embeddings/latest.json");
    let machine = StateMachine::builder()
        .start(TaskState::call("Embed", embed))
        .build()
        .expect("valid machine");
    assert_eq!(
        policy(&machine).to_json(),
        expected(
            &[
                allow(
                    &["bedrock:InvokeModel"],
                    &[
                        "arn:aws:bedrock:${AWS::Region}::foundation-model/amazon.titan-embed-text-v2:0"
                    ]
                ),
                allow(&["s3:PutObject"], &["arn:aws:s3:::embeddings/latest.json"]),
            ],
            &[(
                "Embed",
                &["s3:GetObject"],
                "`Input.S3Uri` is computed at run time (the CDK grants `arn:aws:s3:::*` in that case)"
            )]
        )
    );
}
