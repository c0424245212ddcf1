//! Amazon Bedrock `bedrock:invokeModel`, after the CDK's `BedrockInvokeModel`
//! (`bedrock/invoke-model.ts`).

use super::{account_arn, is_deployment_value, on_field, on_setting, s3_location};
use crate::iam::Grants;
use crate::iam::field::{Field, field, nested_field};
use crate::model::Payload;

const INVOKE: &[&str] = &["bedrock:InvokeModel"];

/// The prefixes of AWS's cross-Region (system-defined) inference profiles, which route a
/// request to the model in any Region of their geography (`global`: any commercial Region).
const GEOGRAPHIES: &[&str] = &["apac", "au", "eu", "global", "jp", "us", "us-gov"];

/// `bedrock:InvokeModel` on the model, the S3 objects read and written in place of the
/// body and response, and `bedrock:ApplyGuardrail` on the guardrail.
pub(super) fn invoke_model(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
) {
    match field(payload, "ModelId") {
        Field::Literal(model) => {
            let model = model_resources(partition, &model);
            grants.allow(INVOKE, model.resources);
            if let Some(reason) = model.unresolved {
                grants.unresolved(state, INVOKE, reason);
            }
        }
        Field::Dynamic => grants.unresolved(state, INVOKE, "`ModelId` is computed at run time"),
        Field::Absent => grants.unresolved(state, INVOKE, "the task input has no `ModelId`"),
    }
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

/// What invoking a `ModelId` needs: the ARNs to grant, and what the definition leaves open.
struct ModelResources {
    resources: Vec<String>,
    unresolved: Option<String>,
}

impl ModelResources {
    fn granted(resources: Vec<String>) -> Self {
        Self {
            resources,
            unresolved: None,
        }
    }
}

/// A foundation model id becomes its ARN, which has no account. An inference profile id
/// (`us.anthropic.claude…`) becomes the profile's ARN plus the model's in every Region, as
/// Bedrock also checks the model in the Region the profile routes the request to.
/// Provisioned, custom and imported models are named by ARN.
fn model_resources(partition: &str, model: &str) -> ModelResources {
    if is_deployment_value(model) {
        return ModelResources::granted(vec![model.to_owned()]);
    }
    if model.starts_with("arn:") {
        return model_arn_resources(partition, model);
    }
    if let Some((geography, foundation_model)) = profiled_model(model) {
        let profile = account_arn(partition, "bedrock", &format!("inference-profile/{model}"));
        let mut resources = vec![profile];
        resources.extend(foundation_models(partition, geography, foundation_model));
        return ModelResources::granted(resources);
    }
    // `PREFIX.provider.model`, with a prefix this tool does not know: neither the profile's
    // ARN nor the model's can be written with confidence.
    let name = model.split(':').next().unwrap_or(model);
    if name.matches('.').count() >= 2 {
        return ModelResources {
            resources: Vec::new(),
            unresolved: Some(format!(
                "`ModelId` `{model}` looks like a cross-Region inference profile of an unknown geography; grant its `inference-profile/` ARN and the model's foundation-model ARN in each destination Region"
            )),
        };
    }
    ModelResources::granted(vec![format!(
        "arn:{partition}:bedrock:${{AWS::Region}}::foundation-model/{model}"
    )])
}

/// A model named by ARN, kept as written; an inference profile's also needs the models it
/// routes to.
fn model_arn_resources(partition: &str, arn: &str) -> ModelResources {
    let resources = vec![arn.to_owned()];
    if arn.contains(":application-inference-profile/") {
        return ModelResources {
            resources,
            unresolved: Some(
                "an application inference profile routes to models the definition does not name; grant their foundation-model ARNs (or inference profiles) too".to_owned(),
            ),
        };
    }
    let Some((_, profile)) = arn.split_once(":inference-profile/") else {
        return ModelResources::granted(resources);
    };
    let partition = arn.split(':').nth(1).unwrap_or(partition);
    match profiled_model(profile) {
        Some((geography, foundation_model)) => {
            let mut resources = resources;
            resources.extend(foundation_models(partition, geography, foundation_model));
            ModelResources::granted(resources)
        }
        None => ModelResources {
            resources,
            unresolved: Some(format!(
                "the inference profile `{profile}` routes to models this tool cannot name; grant their foundation-model ARNs in its destination Regions"
            )),
        },
    }
}

/// An inference profile id split into its geography and the foundation model it routes to:
/// `us.anthropic.claude-3-5-sonnet-20240620-v1:0` to `us` and `anthropic.claude…`.
fn profiled_model(profile: &str) -> Option<(&str, &str)> {
    let (geography, model) = profile.split_once('.')?;
    (GEOGRAPHIES.contains(&geography) && model.contains('.')).then_some((geography, model))
}

/// The foundation model in every Region; a global profile is also checked against the
/// Region-less model ARN.
fn foundation_models(partition: &str, geography: &str, model: &str) -> Vec<String> {
    let mut arns = vec![format!(
        "arn:{partition}:bedrock:*::foundation-model/{model}"
    )];
    if geography == "global" {
        arns.push(format!(
            "arn:{partition}:bedrock:::foundation-model/{model}"
        ));
    }
    arns
}
