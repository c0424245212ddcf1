//! Literal request values an optimized integration's API refuses: a number or an array
//! length outside the range the API model gives (botocore's `events` and `sqs` models).
//! Shared by the validator (`request-value-out-of-range`, a warning: AWS accepts the
//! definition and every call fails) and `build()`, which refuses them.

use super::code::Code;
use super::cx::{At, Cx};
use crate::model::{
    IntegrationFamily, Payload, PayloadField, PayloadObject, Resource, ServiceIntegration,
};

/// The range a request field's literal value must be in.
#[derive(Clone, Copy, Debug)]
enum Limit {
    /// An array of this many items.
    Items(usize, usize),
    /// A whole number in this range.
    Number(i32, i32),
}

/// The limited fields, by service and action: `PutEvents.Entries` has `min: 1, max: 10`
/// (botocore `events` 2015-10-07), and `SendMessage.DelaySeconds` takes "0 to 900"
/// (botocore `sqs` 2012-11-05).
const LIMITS: &[(&str, &str, &str, Limit)] = &[
    ("events", "putEvents", "Entries", Limit::Items(1, 10)),
    ("sqs", "sendMessage", "DelaySeconds", Limit::Number(0, 900)),
];

/// One literal value out of range: the request field and what is wrong, after
/// "`<field>` of the `<service>:<action>` request of state `<name>` ".
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OutOfRange {
    pub(crate) field: &'static str,
    pub(crate) reason: String,
}

/// The literal values of `request`, the request of a Task calling `call`, that the API
/// refuses. Values read or computed at run time are not checked.
pub(crate) fn out_of_range(call: &ServiceIntegration, request: &PayloadObject) -> Vec<OutOfRange> {
    if call.family != IntegrationFamily::Optimized {
        return Vec::new();
    }
    LIMITS
        .iter()
        .filter(|(service, action, ..)| call.service == *service && call.action == *action)
        .filter_map(|&(_, _, field, limit)| {
            let Some(PayloadField::Value(value)) = request.get(field) else {
                return None;
            };
            let reason = match (limit, value) {
                (Limit::Items(min, max), Payload::Array(items))
                    if !(min..=max).contains(&items.len()) =>
                {
                    format!(
                        "has {} item{}, but the API takes {min} to {max}",
                        items.len(),
                        if items.len() == 1 { "" } else { "s" }
                    )
                }
                // A whole number written with a fraction (`5.0`, `1E2`) is taken as that
                // number: nothing says the API refuses it.
                (Limit::Number(min, max), Payload::Number(number))
                    if !number.as_f64().is_some_and(|value| {
                        value.fract() == 0.0 && (f64::from(min)..=f64::from(max)).contains(&value)
                    }) =>
                {
                    format!("is {number}, but the API takes a whole number from {min} to {max}")
                }
                _ => return None,
            };
            Some(OutOfRange { field, reason })
        })
        .collect()
}

/// Warns of the literal values of a Task's request that its API refuses.
pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, resource: &Resource, request: Option<&Payload>) {
    let (Some(call), Some(request)) = (
        resource.as_integration(),
        request.and_then(Payload::as_object),
    ) else {
        return;
    };
    let key = if at.is_jsonata() {
        "Arguments"
    } else {
        "Parameters"
    };
    for problem in out_of_range(call, request) {
        cx.push(
            at.diagnostic(
                Code::RequestValueOutOfRange,
                &at.pointer.key(key).key(problem.field),
                format!(
                    "`{}` of the `{}:{}` request of state `{}` {}",
                    problem.field, call.service, call.action, at.name, problem.reason
                ),
            )
            .with_hint("every call with this value fails"),
        );
    }
}
