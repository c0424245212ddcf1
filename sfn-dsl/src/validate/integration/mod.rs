//! Service integrations: the actions and patterns (`.sync`, `.waitForTaskToken`) each
//! optimized service supports, and the S3 actions of Distributed Map readers and writers.

mod catalog;
mod pattern;
mod required;
mod s3;

use catalog::{ACTIONS, OPTIMIZED, sdk_service};
pub(super) use pattern::{PatternVerdict, pattern};
pub(super) use required::required_fields;
pub(super) use s3::s3_action;

use crate::model::{IntegrationFamily, Resource, ServiceIntegration};
use crate::source::Pointer;
use crate::validate::code::Code;
use crate::validate::cx::{At, Cx};

/// Checks that an optimized integration names a service that has one (`lamda` is a
/// typo; a service without an optimized integration is called through `aws-sdk:`), and
/// an action the service's optimized integration has.
pub(super) fn service(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, resource: &Resource) {
    let call = match resource {
        Resource::Integration(call) => call,
        Resource::Other(text) => {
            if let Some(problem) = crate::model::malformed_sdk_text(text) {
                malformed_sdk(cx, at, pointer, &problem);
            }
            return;
        }
        _ => return,
    };
    // S3 is an integration of Distributed Map readers and writers, checked with them.
    let known = OPTIMIZED
        .iter()
        .any(|(service, ..)| *service == call.service)
        || call.service == "s3";
    if call.service.contains("${") {
        return;
    }
    if call.family == IntegrationFamily::AwsSdk {
        // A misspelt pattern suffix (`getObject.sync2`) is reported by `pattern`.
        let action = call
            .action
            .split_once('.')
            .map_or(&*call.action, |(name, _)| name);
        match crate::model::sdk_name_problem(&call.service, action) {
            Some(problem) => malformed_sdk(cx, at, pointer, &problem),
            None => sdk_service_name(cx, at, pointer, call),
        }
        return;
    }
    if call.family != IntegrationFamily::Optimized {
        return;
    }
    if known {
        action(cx, at, pointer, call);
        return;
    }
    let services = OPTIMIZED.iter().map(|(service, ..)| *service);
    let hint = match crate::suggest::closest(&call.service, services) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!(
            "call it through the AWS SDK integration, `arn:aws:states:::aws-sdk:{}:{}`",
            super::values::shorten(&call.service),
            super::values::shorten(&call.action),
        ),
    };
    cx.push(
        at.diagnostic(
            Code::UnknownIntegrationService,
            pointer,
            format!(
                "the `Resource` of state `{}` calls `{}`, which has no optimized integration",
                at.name,
                super::values::shorten(&call.service),
            ),
        )
        .with_hint(hint),
    );
}

/// Reports an AWS SDK integration that names no API (`aws-sdk::`, `aws-sdk:s3:getObject:x`):
/// an error, since no service AWS adds can make it one.
fn malformed_sdk(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, problem: &str) {
    cx.push(
        at.diagnostic(
            Code::InvalidResource,
            pointer,
            format!(
                "the `Resource` of state `{}` is an AWS SDK integration that {problem}",
                at.name
            ),
        )
        .with_hint("write `arn:aws:states:::aws-sdk:<service>:<action>`, such as `arn:aws:states:::aws-sdk:s3:getObject`"),
    );
}

/// Warns of an AWS SDK integration named by its optimized integration's name where the SDK
/// names the service otherwise (`aws-sdk:states:` is `aws-sdk:sfn:`), which AWS refuses as
/// an unknown resource.
fn sdk_service_name(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    call: &ServiceIntegration,
) {
    // The SDK integration spells actions in camelCase (`copyObject`, not `CopyObject`).
    if let Some(first) = call.action.chars().next()
        && first.is_ascii_uppercase()
    {
        let camel: String = first.to_ascii_lowercase().to_string() + &call.action[1..];
        cx.push(
            at.diagnostic(
                Code::UnknownIntegrationService,
                pointer,
                format!(
                    "the `Resource` of state `{}` calls `aws-sdk:{}:{}`, but AWS SDK integration actions are camelCase",
                    at.name,
                    call.service,
                    super::values::shorten(&call.action),
                ),
            )
            .with_hint(format!(
                "write `arn:aws:states:::aws-sdk:{}:{}`",
                call.service,
                super::values::shorten(&camel)
            )),
        );
    }
    let Some(sdk) = sdk_service(&call.service, &call.action) else {
        return;
    };
    if sdk == call.service
        || !OPTIMIZED
            .iter()
            .any(|(service, ..)| *service == call.service)
    {
        return;
    }
    cx.push(
        at.diagnostic(
            Code::UnknownIntegrationService,
            pointer,
            format!(
                "the `Resource` of state `{}` calls `aws-sdk:{}`, but the AWS SDK integration names that service `{sdk}`",
                at.name, call.service,
            ),
        )
        .with_hint(format!(
            "write `arn:aws:states:::aws-sdk:{sdk}:{}`",
            super::values::shorten(&call.action)
        )),
    );
}

/// Checks the action of a service listed in [`ACTIONS`].
fn action(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, call: &ServiceIntegration) {
    let Some(&(_, actions)) = ACTIONS.iter().find(|(service, _)| *service == call.service) else {
        return;
    };
    // A misspelt pattern suffix (`invoke.sync2`) is reported by `pattern`.
    let action = call
        .action
        .split_once('.')
        .map_or(&*call.action, |(action, _)| action);
    if actions.contains(&action) || action.contains("${") {
        return;
    }
    let listed = actions
        .iter()
        .map(|action| format!("`{action}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = match crate::suggest::closest(action, actions.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => match sdk_service(&call.service, action) {
            Some(sdk) => format!(
                "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:{sdk}:{}`",
                super::values::shorten(action),
            ),
            None => "an HTTP Task's `Resource` is always `arn:aws:states:::http:invoke`; the endpoint and method go in its request (`ApiEndpoint`, `Method`)".to_owned(),
        },
    };
    cx.push(
        at.diagnostic(
            Code::UnknownIntegrationAction,
            pointer,
            format!(
                "the `Resource` of state `{}` calls `{}:{}`, but the optimized `{}` integration has only {listed}",
                at.name,
                call.service,
                super::values::shorten(action),
                call.service,
            ),
        )
        .with_hint(hint),
    );
}
