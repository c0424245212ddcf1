//! AWS SDK integrations (`aws-sdk:SERVICE:ACTION`): the IAM action a call needs. Their
//! resources are inside the request, so they are always listed as unresolved.
//!
//! The action is usually the API action under the service's IAM prefix, as the CDK's
//! `CallAwsService` writes it, but the SDK's service name is not always the IAM prefix
//! (the Service Authorization Reference lists the prefixes), and some API actions are
//! authorized by IAM actions of other names, or by several: those known are in
//! [`actions`], each family with the AWS page that says so. Where a call needs only some of
//! several actions (a `PartiQL` statement's kind, a transaction's items), all are listed and
//! the reason says which to keep.

mod actions;
mod prefixes;

use super::capitalized;
use crate::iam::Grants;
use crate::model::ServiceIntegration;

const RESOURCES_IN_REQUEST: &str = "AWS SDK integrations name their resources inside the request; list them as the CDK's CallAwsService `iamResources` does";

/// Lists the call's IAM actions as unresolved.
pub(super) fn call(grants: &mut Grants<'_>, state: &str, integration: &ServiceIntegration) {
    let service = &*integration.service;
    let action = &*integration.action;
    if let Some(mapping) = actions::known(service, action) {
        let reason = match mapping.depends_on {
            Some(depends_on) => format!("{RESOURCES_IN_REQUEST}; {depends_on}"),
            None => RESOURCES_IN_REQUEST.to_owned(),
        };
        grants.unresolved(state, mapping.iam_actions, reason);
        return;
    }
    let iam_action = format!("{}:{}", prefixes::iam_prefix(service), capitalized(action));
    // API Gateway's management API is authorized by HTTP verbs on resource paths.
    let caveat = if matches!(service, "apigateway" | "apigatewayv2") {
        format!(
            "; `{iam_action}` is the API action's name: API Gateway authorizes its management API with `apigateway:GET`, `apigateway:POST` and the other HTTP verbs on resource paths instead"
        )
    } else {
        format!("; `{iam_action}` is the API action's name, which IAM may name differently")
    };
    grants.unresolved(
        state,
        &[iam_action.as_str()],
        format!("{RESOURCES_IN_REQUEST}{caveat}"),
    );
}
