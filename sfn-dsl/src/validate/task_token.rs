//! Task states that read a task token they do not have: only a callback task
//! (`.waitForTaskToken`), an activity and (as AWS was recorded doing) a `.sync` task get
//! `$$.Task.Token` (`$states.context.Task.Token`); in any other Task the read fails at run
//! time.
//!
//! A warning, not an error: AWS accepts such a definition (the corpus's
//! `emit-and-wait.asl.json`, an AWS sample, reads `$$.Task.Token` in a request-response
//! `events:putEvents`), and the failure only comes when the read runs. `.sync` tasks are
//! left alone: LocalStack's `test_sync_with_task_token`, recorded on AWS, passes a token
//! from a `states:startExecution.sync` request. A resource that is a `${…}` placeholder
//! may be anything, and is not checked either.

use sfn_jsonata::Target;

use super::code::Code;
use super::cx::{At, Cx};
use crate::model::{DynamicValue, Payload, PayloadField, PayloadObject, TaskState};
use crate::source::Pointer;

pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, task: &TaskState) {
    if !task.resource.lacks_task_token() {
        return;
    }
    let fields = [
        ("Parameters", task.parameters.as_ref()),
        ("Arguments", task.arguments.as_ref()),
        ("ResultSelector", task.result_selector.as_ref()),
        ("Output", task.output.as_ref()),
    ];
    for (key, payload) in fields {
        if let Some(payload) = payload {
            reads_in(cx, at, payload, &at.pointer.key(key));
        }
    }
    if let Some(assign) = &task.assign {
        reads_in_object(cx, at, assign, &at.pointer.key("Assign"));
    }
}

/// Reports the values in `payload` (at `pointer`) that read the task token.
fn reads_in(cx: &mut Cx<'_>, at: &At<'_>, payload: &Payload, pointer: &Pointer<'_>) {
    match payload {
        Payload::Object(object) => reads_in_object(cx, at, object, pointer),
        Payload::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                reads_in(cx, at, item, &pointer.index(index));
            }
        }
        Payload::Jsonata(expression)
            if at.is_jsonata() && expression_reads_token(expression.as_str()) =>
        {
            report(cx, at, pointer);
        }
        _ => {}
    }
}

fn reads_in_object(cx: &mut Cx<'_>, at: &At<'_>, object: &PayloadObject, pointer: &Pointer<'_>) {
    for (key, field) in object.iter() {
        let field_pointer = pointer.key(key);
        let text = match field {
            PayloadField::Value(value) => {
                reads_in(cx, at, value, &field_pointer);
                continue;
            }
            // In JSONata a `.$` key is an ordinary key and its value a literal string.
            PayloadField::Dynamic(_) if at.is_jsonata() => continue,
            PayloadField::Dynamic(DynamicValue::Path(path)) => path.as_str(),
            PayloadField::Dynamic(DynamicValue::Intrinsic(call)) => call.as_str(),
        };
        if text_reads_token(text) {
            report(cx, at, &field_pointer);
        }
    }
}

/// Reports the read of the task token at `pointer`.
fn report(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>) {
    let token = if at.is_jsonata() {
        "$states.context.Task.Token"
    } else {
        "$$.Task.Token"
    };
    cx.push(
        at.diagnostic(
            Code::TaskTokenUnavailable,
            pointer,
            format!(
                "`{}` of state `{}` reads `{token}`, but only a callback (`.waitForTaskToken`), `.sync` or activity task has a task token: the read fails at run time",
                at.field_path(pointer),
                at.name
            ),
        )
        .with_hint("make the task a callback (`.waitForTaskToken`; `.wait_for_task_token()` in the builder), or leave the token out"),
    );
}

/// Whether a JSONPath path or intrinsic call reads the context's `Task` (`$$.Task`,
/// `$$.Task.Token`, `$$['Task']`): unlike the callback rule's "may read", only a read
/// that names it counts, since the whole context (`$$`) is there in any task.
fn text_reads_token(text: &str) -> bool {
    let text = outside_string_literals(text);
    text.match_indices("$$").any(|(index, _)| {
        let rest = text.get(index + 2..).unwrap_or_default();
        if let Some(name) = rest.strip_prefix(".Task") {
            return !name.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        }
        ["['Task']", "[\"Task\"]"]
            .iter()
            .any(|quoted| rest.starts_with(quoted))
    })
}

/// `text` without the string literals of an intrinsic call (`'use $$.Task.Token later'`
/// reads nothing), each replaced by `''`; a quote after `[` opens a bracketed name of a
/// path (`$$['Task']`), which stays.
fn outside_string_literals(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.starts_with("States.") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    let mut previous = None;
    while let Some(c) = chars.next() {
        if c != '\'' {
            out.push(c);
            previous = Some(c);
            continue;
        }
        // A bracketed name is kept; a string literal is left out. `\'` and `\\` are
        // escapes inside either.
        let keep = previous == Some('[');
        out.push_str(if keep { "'" } else { "''" });
        while let Some(inner) = chars.next() {
            match inner {
                '\\' => {
                    let escaped = chars.next();
                    if keep {
                        out.push(inner);
                        out.extend(escaped);
                    }
                }
                '\'' => break,
                other if keep => out.push(other),
                _ => {}
            }
        }
        if keep {
            out.push('\'');
        }
        previous = Some('\'');
    }
    std::borrow::Cow::Owned(out)
}

/// Whether a JSONata expression reads `$states.context.Task` (or its token). One that does
/// not parse is reported elsewhere.
fn expression_reads_token(text: &str) -> bool {
    let Ok(expression) = sfn_jsonata::parse(text) else {
        return false;
    };
    expression.references().iter().any(|reference| {
        reference.target == Target::Variable("states")
            && reference.path.get(..2) == Some(&["context", "Task"][..])
    })
}

#[cfg(test)]
mod tests {
    use super::{expression_reads_token, text_reads_token};

    #[test]
    fn only_reads_that_name_the_task_count() {
        for text in [
            "$$.Task.Token",
            "$$.Task",
            "$$['Task']['Token']",
            "States.Format('{}', $$.Task.Token)",
            "States.Format('{}', $$['Task']['Token'])",
            r"States.Format('it\'s {}', $$.Task.Token)",
        ] {
            assert!(text_reads_token(text), "{text}");
        }
        for text in [
            "$$",
            "$$.Execution.Id",
            "$$.Tasks",
            "$.Task.Token",
            "$$.TaskToken",
            // Text in a string literal reads nothing.
            "States.Format('use $$.Task.Token later {}', $.x)",
            r"States.Format('it\'s $$.Task {}', $.x)",
        ] {
            assert!(!text_reads_token(text), "{text}");
        }
        assert!(expression_reads_token("$states.context.Task.Token"));
        assert!(expression_reads_token(
            "{'t': $states.context.Task.Token, 'i': $states.input}"
        ));
        for text in [
            "$states.context",
            "$states",
            "$states.context.Execution.Id",
            "$token",
        ] {
            assert!(!expression_reads_token(text), "{text}");
        }
    }
}
