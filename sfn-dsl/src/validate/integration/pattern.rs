//! Integration patterns: `.sync`, `.sync:2` and `.waitForTaskToken` where the service
//! supports them, and misspelt suffixes.

use super::catalog::{ACTIONS, OPTIMIZED, RETURN_AT_ONCE};
use crate::model::{IntegrationFamily, IntegrationPattern, Resource, ServiceIntegration};
use crate::source::Pointer;
use crate::validate::code::Code;
use crate::validate::cx::{At, Cx};

/// The suffixes an action may carry, to spot a misspelt one.
const SUFFIXES: [&str; 3] = [".sync", ".sync:2", ".waitForTaskToken"];

/// Whether a Task's integration pattern can be used, as [`pattern`] (or the workflow
/// type's check) found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PatternVerdict {
    /// Supported, or not an optimized or AWS SDK integration, or not known until deployment.
    Usable,
    /// Reported: the service (or the workflow type) does not support it, or the suffix is
    /// misspelt.
    Refused,
}

/// Checks the integration pattern of a Task's `Resource` against what the service
/// supports, and a misspelt pattern suffix; says whether it reported the pattern, so that
/// advice for a pattern that cannot be used is left out.
pub(crate) fn pattern(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    resource: &Resource,
) -> PatternVerdict {
    let Some(call) = resource.as_integration() else {
        return PatternVerdict::Usable;
    };
    if call.action.contains("${") || call.service.contains("${") {
        return PatternVerdict::Usable;
    }
    if let Some((action, suffix)) = call.action.split_once('.') {
        let close = crate::suggest::closest(&format!(".{suffix}"), SUFFIXES);
        cx.push(
            at.diagnostic(
                Code::UnsupportedIntegrationPattern,
                pointer,
                format!(
                    "`.{suffix}` in the `Resource` of state `{}` is not an integration pattern (`{action}` is the action)",
                    at.name
                ),
            )
            .with_hint(match close {
                Some(close) => format!("did you mean `{close}`?"),
                None => "the patterns are `.sync`, `.sync:2` and `.waitForTaskToken`".to_owned(),
            }),
        );
        return PatternVerdict::Refused;
    }
    let Some(unsupported) = unsupported(call) else {
        return PatternVerdict::Usable;
    };
    cx.push(
        at.diagnostic(
            Code::UnsupportedIntegrationPattern,
            pointer,
            format!(
                "the `Resource` of state `{}` uses {unsupported}",
                at.name
            ),
        )
        .with_hint(match call.pattern {
            IntegrationPattern::WaitForTaskToken => {
                "call the service request-response, and have whatever it starts call `SendTaskSuccess` through a service that supports callbacks (Lambda, SQS, SNS, EventBridge, ECS)"
            }
            _ => "call the service request-response and poll for the result with a Wait loop",
        }),
    );
    PatternVerdict::Refused
}

/// Why the pattern is not supported, if it is not.
fn unsupported(call: &ServiceIntegration) -> Option<String> {
    let pattern = call.pattern;
    if pattern == IntegrationPattern::RequestResponse {
        return None;
    }
    let name = match pattern {
        IntegrationPattern::Sync => "`.sync`",
        IntegrationPattern::Sync2 => "`.sync:2`",
        _ => "`.waitForTaskToken`",
    };
    if call.family == IntegrationFamily::AwsSdk {
        return matches!(pattern, IntegrationPattern::Sync | IntegrationPattern::Sync2).then(|| {
            format!("{name} with an AWS SDK integration (`aws-sdk:{}`), which supports request-response and `.waitForTaskToken` only", call.service)
        });
    }
    let &(service, sync, callback) = OPTIMIZED
        .iter()
        .find(|(service, ..)| *service == call.service)?;
    let supported = match pattern {
        IntegrationPattern::Sync => sync,
        IntegrationPattern::Sync2 => service == "states" && call.action == "startExecution",
        _ => callback,
    };
    if !supported {
        return Some(format!(
            "{name} with the `{service}` integration, which does not support it"
        ));
    }
    // Of a service that runs jobs, only the actions that start one can wait for it (an
    // action the service does not have is reported by `action` alone).
    let (_, actions) = ACTIONS.iter().find(|(listed, _)| *listed == service)?;
    let (_, at_once) = RETURN_AT_ONCE
        .iter()
        .find(|(listed, _)| *listed == service)
        .filter(|_| pattern == IntegrationPattern::Sync)?;
    let action = &*call.action;
    (actions.contains(&action) && at_once.contains(&action)).then(|| {
        let starters = actions
            .iter()
            .filter(|listed| !at_once.contains(listed))
            .map(|listed| format!("`{listed}`"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "{name} with `{service}:{action}`, which returns at once: only {starters} can wait for the job"
        )
    })
}
