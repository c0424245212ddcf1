//! Amazon Bedrock `bedrock:invokeModel`, after the CDK's `BedrockInvokeModel`
//! (`bedrock/invoke-model.ts`).

use super::{account_arn, is_deployment_value, on_field, on_setting, s3_location};
use crate::iam::Grants;
use crate::iam::field::{Field, field, nested_field};
use crate::model::Payload;

/// `bedrock:InvokeModel` on the model, the S3 objects read and written in place of the
/// body and response, and `bedrock:ApplyGuardrail` on the guardrail.
pub(super) fn invoke_model(
    grants: &mut Grants,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
) {
    // A model id becomes a foundation model ARN, which has no account; other models
    // (provisioned, custom, imported) are named by ARN.
    on_field(
        grants,
        state,
        payload,
        "ModelId",
        &["bedrock:InvokeModel"],
        |model| {
            Some(if model.starts_with("arn:") || is_deployment_value(model) {
                model.to_owned()
            } else {
                format!("arn:{partition}:bedrock:${{AWS::Region}}::foundation-model/{model}")
            })
        },
    );
    for (name, action) in [("Input", "s3:GetObject"), ("Output", "s3:PutObject")] {
        let uri = nested_field(payload, &[name, "S3Uri"]);
        if uri == Field::Absent {
            continue;
        }
        on_setting(
            grants,
            state,
            uri,
            &format!("{name}.S3Uri"),
            &[action],
            |uri| {
                let (bucket, key) = s3_location(uri)?;
                Some(format!("arn:{partition}:s3:::{bucket}/{key}"))
            },
            Some("the CDK grants `arn:aws:s3:::*` in that case"),
        );
    }
    if field(payload, "GuardrailIdentifier") != Field::Absent {
        on_field(
            grants,
            state,
            payload,
            "GuardrailIdentifier",
            &["bedrock:ApplyGuardrail"],
            |guardrail| {
                Some(if guardrail.starts_with("arn:") {
                    guardrail.to_owned()
                } else {
                    account_arn(partition, "bedrock", &format!("guardrail/{guardrail}"))
                })
            },
        );
    }
}
