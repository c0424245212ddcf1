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

#[test]
fn an_inference_profile_grants_the_profile_and_the_model_in_every_region() {
    let invoke = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
            "Parameters": {"ModelId": "us.anthropic.claude-3-5-sonnet-20240620-v1:0", "Body": {}},
            "End": true}"#,
    );
    assert_eq!(
        invoke,
        expected(
            &[allow(
                &["bedrock:InvokeModel"],
                &[
                    "arn:aws:bedrock:${AWS::Region}:${AWS::AccountId}:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0",
                    "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"
                ]
            )],
            &[]
        )
    );
}

#[test]
fn a_global_profile_by_arn_also_grants_the_region_less_model() {
    let invoke = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
            "Parameters": {"ModelId": "arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-5-20250929-v1:0",
                           "Body": {}},
            "End": true}"#,
    );
    assert_eq!(
        invoke,
        expected(
            &[allow(
                &["bedrock:InvokeModel"],
                &[
                    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-5-20250929-v1:0",
                    "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
                    "arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"
                ]
            )],
            &[]
        )
    );
}

#[test]
fn a_profile_of_an_unknown_geography_is_listed_not_guessed() {
    let invoke = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
            "Parameters": {"ModelId": "mars.anthropic.claude-3-5-sonnet-20240620-v1:0", "Body": {}},
            "End": true}"#,
    );
    assert_eq!(
        invoke,
        expected(
            &[],
            &[(
                "T",
                &["bedrock:InvokeModel"],
                "`ModelId` `mars.anthropic.claude-3-5-sonnet-20240620-v1:0` looks like a cross-Region inference profile of an unknown geography; grant its `inference-profile/` ARN and the model's foundation-model ARN in each destination Region"
            )]
        )
    );
}

#[test]
fn an_application_inference_profile_asks_for_its_models() {
    let profile = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2";
    let invoke = document(&format!(
        r#"{{"Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
            "Parameters": {{"ModelId": "{profile}", "Body": {{}}}}, "End": true}}"#
    ));
    assert_eq!(
        invoke,
        expected(
            &[allow(&["bedrock:InvokeModel"], &[profile])],
            &[(
                "T",
                &["bedrock:InvokeModel"],
                "an application inference profile routes to models the definition does not name; grant their foundation-model ARNs (or inference profiles) too"
            )]
        )
    );
}
