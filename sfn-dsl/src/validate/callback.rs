//! Callback tasks (`.waitForTaskToken`) hand their task token to whoever will answer: a
//! request that never reads it leaves the task with no way to succeed but a timeout.
//!
//! The token exists only in the context object (`$$.Task.Token`, in JSONata
//! `$states.context.Task.Token`) of this state's run: the input and variables cannot hold
//! it. A request is taken to pass it when any of its paths, intrinsic arguments or JSONata
//! expressions may read it, including through the whole context (`$$`) or `$states`; a
//! deployment placeholder (`${…}`) may stand for anything and counts as passing it too.

use sfn_jsonata::{Reference, Target};

use super::code::Code;
use super::cx::{At, Cx};
use crate::model::{DynamicValue, IntegrationPattern, Payload, PayloadField, TaskState};

/// The top-level fields of the context object that do not hold the task token.
const OTHER_CONTEXT_FIELDS: [&str; 4] = ["Execution", "State", "StateMachine", "Map"];

pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, task: &TaskState) {
    if task.resource.pattern() != IntegrationPattern::WaitForTaskToken {
        return;
    }
    let (field, request, token) = if at.is_jsonata() {
        (
            "Arguments",
            task.arguments.as_ref(),
            "$states.context.Task.Token",
        )
    } else {
        ("Parameters", task.parameters.as_ref(), "$$.Task.Token")
    };
    if request.is_some_and(|request| may_pass_token(cx, request, at.is_jsonata())) {
        return;
    }
    let what = if request.is_some() {
        format!("its `{field}` never read `{token}`")
    } else {
        format!("it has no `{field}`, so the request is the state input, which cannot hold it")
    };
    cx.push(
        at.field(
            Code::CallbackWithoutToken,
            "Resource",
            format!(
                "Task state `{}` waits for its task token to come back, but {what}: nothing can answer it, and it can only time out",
                at.name
            ),
        )
        .with_hint(if at.is_jsonata() {
            "pass the token in the request, for example `\"TaskToken\": \"{% $states.context.Task.Token %}\"`"
        } else {
            "pass the token in the request, for example `\"TaskToken.$\": \"$$.Task.Token\"`"
        }),
    );
}

/// Whether `payload` may put the task token into the request.
fn may_pass_token(cx: &Cx<'_>, payload: &Payload, jsonata: bool) -> bool {
    match payload {
        Payload::Object(object) => object.iter().any(|(_, field)| match field {
            PayloadField::Value(value) => may_pass_token(cx, value, jsonata),
            // In JSONata a `.$` key is an ordinary key and its value a literal string.
            PayloadField::Dynamic(_) if jsonata => false,
            PayloadField::Dynamic(DynamicValue::Path(path)) => text_may_read_token(path.as_str()),
            PayloadField::Dynamic(DynamicValue::Intrinsic(call)) => {
                text_may_read_token(call.as_str())
            }
        }),
        Payload::Array(items) => items.iter().any(|item| may_pass_token(cx, item, jsonata)),
        // The request's expressions were checked before this rule: their facts are known.
        Payload::Jsonata(expression) if jsonata => {
            cx.jsonata_facts(expression.as_str()).map_or_else(
                || expression_may_read_token(expression.as_str()),
                |facts| facts.may_read_task_token,
            )
        }
        Payload::String(text) => text.contains("${"),
        Payload::Jsonata(_) | Payload::Null | Payload::Bool(_) | Payload::Number(_) => false,
    }
}

/// Whether a JSONPath path or intrinsic call may read the task token: some `$$` in it is
/// not followed by a context field that cannot hold it.
fn text_may_read_token(text: &str) -> bool {
    if text.contains("${") {
        return true;
    }
    text.match_indices("$$").any(|(index, _)| {
        let rest = text.get(index + 2..).unwrap_or_default();
        let Some(name) = rest.strip_prefix('.') else {
            // `$$` alone, `$$[…]`: the whole context, or any part of it.
            return true;
        };
        let end = name
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(name.len());
        !OTHER_CONTEXT_FIELDS.contains(&name.get(..end).unwrap_or_default())
    })
}

/// Whether a JSONata expression may read the task token: it reads `$states`, its context,
/// its `Task` or the token itself (a path that stops early may go on to anything). An
/// expression that does not parse is reported elsewhere and counts as reading it.
fn expression_may_read_token(text: &str) -> bool {
    let Ok(expression) = sfn_jsonata::parse(text) else {
        return true;
    };
    reads_task_token(&expression.references())
}

/// Whether an expression that reads `references` may read the task token: one of them is
/// `$states`, its context, its `Task` or the token itself (a path that stops early may go
/// on to anything).
pub(super) fn reads_task_token(references: &[Reference<'_>]) -> bool {
    references.iter().any(|reference| {
        reference.target == Target::Variable("states")
            && ["context", "Task", "Token"]
                .iter()
                .zip(&reference.path)
                .all(|(wanted, step)| wanted == step)
    })
}

#[cfg(test)]
mod tests {
    use super::{expression_may_read_token, text_may_read_token};

    #[test]
    fn context_paths_that_may_hold_the_token() {
        for text in [
            "$$.Task.Token",
            "$$.Task",
            "$$",
            "$$['Task']['Token']",
            "$$.*",
            "States.Format('{}:{}', $$.Execution.Id, $$.Task.Token)",
            "${TokenPath}",
        ] {
            assert!(text_may_read_token(text), "{text}");
        }
        for text in [
            "$",
            "$.token",
            "$$.Execution.Id",
            "$$.State.Name",
            "$$.StateMachine.Id",
            "$$.Map.Item.Value",
            "States.Format('{}', $$.Execution.Name)",
        ] {
            assert!(!text_may_read_token(text), "{text}");
        }
    }

    #[test]
    fn jsonata_reads_that_may_hold_the_token() {
        for text in [
            "$states.context.Task.Token",
            "$states.context.Task",
            "$states.context",
            "$states",
            "$merge([$states.input, {'token': $states.context.Task.Token}])",
            "$lookup($states.context, 'Task')",
            "$states.(",
        ] {
            assert!(expression_may_read_token(text), "{text}");
        }
        for text in [
            "$states.input",
            "$states.context.Execution.Id",
            "$token",
            "{'id': $states.context.Task.Id}",
        ] {
            assert!(!expression_may_read_token(text), "{text}");
        }
    }
}
