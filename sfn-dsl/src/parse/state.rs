//! Reading the eight state types, transitions, retriers and catchers.

use std::borrow::Cow;
use std::fmt;

use super::Cx;
use super::fields::{Fields, read_str};
use super::machine::branch;
use crate::error::ParseIssueKind;
use crate::model::{
    Catcher, ErrorName, FailState, HandlerList, JitterStrategy, ParallelState, PassState, Resource,
    Retrier, State, SucceedState, TaskState, Transition, WaitDuration, WaitState,
};
use crate::shorten::quoted;
use crate::source::{Node, NodeValue, Pointer, Span};
use crate::suggest::closest;

const STATE_TYPES: [&str; 8] = [
    "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
];

pub(super) fn state(
    cx: &mut Cx,
    node: Node<'_>,
    pointer: &Pointer<'_>,
    name: &str,
) -> Option<State> {
    let mut fields = Fields::new(cx, node, pointer, "a state object")?;
    let Some(type_node) = fields.take("Type") else {
        return misspelt_type(cx, &mut fields, name);
    };
    let type_pointer = pointer.key("Type");
    let type_name = read_str(cx, type_node, &type_pointer)?;
    let what = &format_args!("{type_name} state `{}`", quoted(name));
    of_type(cx, &mut fields, &type_name, what).or_else(|| {
        if !STATE_TYPES.contains(&&*type_name) {
            unknown_type(cx, &type_name, &type_pointer, type_node.span());
        }
        None
    })
}

/// Reads the fields of a state of type `type_name`; `None` for an unknown type (or fields
/// in error, reported).
fn of_type(
    cx: &mut Cx,
    fields: &mut Fields<'_, '_>,
    type_name: &str,
    what: &dyn fmt::Display,
) -> Option<State> {
    match type_name {
        "Pass" => pass(cx, fields, what),
        "Task" => task(cx, fields, what),
        "Choice" => super::choice::choice(cx, fields, what),
        "Wait" => wait(cx, fields, what),
        "Succeed" => succeed(cx, fields, what),
        "Fail" => fail(cx, fields, what),
        "Parallel" => parallel(cx, fields, what),
        "Map" => super::map::map(cx, fields, what),
        _ => None,
    }
}

/// A state without `Type`. When a member is a misspelling of it (`Typ`, `type`) naming a
/// known type, that is reported with the fix, and the state's other fields are checked as
/// that type's, so that every problem is reported at once.
fn misspelt_type(cx: &mut Cx, fields: &mut Fields<'_, '_>, name: &str) -> Option<State> {
    let misspelt = fields
        .remaining()
        .find(|(_, member)| closest(&member.key, ["Type"]).is_some());
    let Some((index, member)) = misspelt else {
        fields.missing(cx, "Type", &format_args!("state `{}`", quoted(name)));
        return None;
    };
    fields.mark_used(index);
    cx.report_with_hint(
        ParseIssueKind::UnknownField,
        &fields.pointer.key(&member.key),
        member.key_span,
        format!(
            "unknown field `{}` in state `{}`, which has no `Type`",
            quoted(&member.key),
            quoted(name)
        ),
        "did you mean `Type`?".to_owned(),
    );
    if let NodeValue::String(type_name) = member.value.value() {
        let what = &format_args!("{type_name} state `{}`", quoted(name));
        let _ = of_type(cx, fields, &type_name, what);
    }
    None
}

fn unknown_type(cx: &mut Cx, unknown: &str, type_pointer: &Pointer<'_>, span: Span) {
    let message = format!(
        "unknown state type `{}`; the types are {}",
        quoted(unknown),
        STATE_TYPES.join(", ")
    );
    match closest(unknown, STATE_TYPES) {
        Some(known) => cx.report_with_hint(
            ParseIssueKind::InvalidValue,
            type_pointer,
            span,
            message,
            format!("did you mean `{known}`?"),
        ),
        None => cx.report(ParseIssueKind::InvalidValue, type_pointer, span, message),
    }
}

/// `Next` or `"End": true`, exactly one of them.
pub(super) fn transition(
    cx: &mut Cx,
    fields: &mut Fields<'_, '_>,
    what: &dyn fmt::Display,
) -> Option<Transition> {
    let next = fields.take("Next");
    let end = fields.take("End");
    let next_name = next.and_then(|node| read_str(cx, node, &fields.pointer.key("Next")));
    let end_flag = end.and_then(|node| {
        if let NodeValue::Bool(flag) = node.value() {
            Some(flag)
        } else {
            cx.wrong_type(&fields.pointer.key("End"), node, "`true`");
            None
        }
    });
    match (next, end) {
        (Some(_), Some(end_node)) => {
            cx.report_with_hint(
                ParseIssueKind::ConflictingFields,
                &fields.pointer.key("End"),
                end_node.span(),
                format!("{what} has both `Next` and `End`"),
                "a state either continues with `Next` or ends with `\"End\": true`".to_owned(),
            );
            None
        }
        (Some(_), None) => next_name.map(|name| Transition::Next(cx.state_name(&name))),
        (None, Some(end_node)) => {
            if end_flag? {
                Some(Transition::End)
            } else {
                cx.report_with_hint(
                    ParseIssueKind::InvalidValue,
                    &fields.pointer.key("End"),
                    end_node.span(),
                    format!("{what} has `\"End\": false` and no `Next`"),
                    "set `Next` to continue, or `\"End\": true` to end".to_owned(),
                );
                None
            }
        }
        (None, None) => {
            cx.report_with_hint(
                ParseIssueKind::MissingField,
                fields.pointer,
                fields.span,
                format!("{what} has neither `Next` nor `End`"),
                "set `Next` to continue, or `\"End\": true` to end".to_owned(),
            );
            None
        }
    }
}

/// `ErrorEquals`; a list of just `States.ALL` (most catchers) points at a shared static
/// list instead of being allocated.
fn error_equals(
    cx: &mut Cx,
    fields: &mut Fields<'_, '_>,
    what: &dyn fmt::Display,
) -> Option<Cow<'static, [ErrorName]>> {
    let key = "ErrorEquals";
    let Some(node) = fields.take(key) else {
        fields.missing(cx, key, what);
        return None;
    };
    let pointer = fields.pointer.key(key);
    let Some(items) = node.as_array() else {
        cx.wrong_type(&pointer, node, "an array of error names");
        return None;
    };
    if let (1, Some(text)) = (items.len(), items.get(0).and_then(Node::as_str)) {
        let name = ErrorName::parse(&text);
        return Some(if name == ErrorName::All {
            ErrorName::all_only()
        } else {
            Cow::Owned(vec![name])
        });
    }
    let mut names = Vec::with_capacity(items.len());
    let mark = cx.mark();
    for (index, item) in items.iter().enumerate() {
        if let Some(text) = read_str(cx, item, &pointer.index(index)) {
            names.push(ErrorName::parse(&text));
        }
    }
    (!cx.failed_since(mark)).then_some(Cow::Owned(names))
}

pub(super) fn read_retriers(
    cx: &mut Cx,
    fields: &mut Fields<'_, '_>,
) -> Option<HandlerList<Retrier>> {
    let key = "Retry";
    let node = fields.take(key)?;
    let pointer = fields.pointer.key(key);
    let Some(items) = node.as_array() else {
        cx.wrong_type(&pointer, node, "an array of retriers");
        return None;
    };
    let mut retriers = HandlerList::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let item_pointer = pointer.index(index);
        let Some(mut retrier_fields) = Fields::new(cx, item, &item_pointer, "a retrier object")
        else {
            continue;
        };
        let what: &dyn fmt::Display = &"a retrier";
        let mark = cx.mark();
        let error_equals = error_equals(cx, &mut retrier_fields, what);
        let retrier = Retrier {
            error_equals: error_equals.unwrap_or_default(),
            interval_seconds: retrier_fields.unsigned(cx, "IntervalSeconds"),
            max_attempts: retrier_fields.unsigned(cx, "MaxAttempts"),
            backoff_rate: retrier_fields.number(cx, "BackoffRate"),
            max_delay_seconds: retrier_fields.unsigned(cx, "MaxDelaySeconds"),
            jitter_strategy: retrier_fields.keyword(cx, "JitterStrategy", JitterStrategy::parse),
            comment: retrier_fields.string(cx, "Comment"),
        };
        retrier_fields.finish(cx, what);
        if !cx.failed_since(mark) {
            retriers.push(retrier);
        }
    }
    Some(retriers)
}

pub(super) fn read_catchers(
    cx: &mut Cx,
    fields: &mut Fields<'_, '_>,
) -> Option<HandlerList<Catcher>> {
    let key = "Catch";
    let node = fields.take(key)?;
    let pointer = fields.pointer.key(key);
    let Some(items) = node.as_array() else {
        cx.wrong_type(&pointer, node, "an array of catchers");
        return None;
    };
    let mut catchers = HandlerList::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let item_pointer = pointer.index(index);
        let Some(mut catcher_fields) = Fields::new(cx, item, &item_pointer, "a catcher object")
        else {
            continue;
        };
        let what: &dyn fmt::Display = &"a catcher";
        let mark = cx.mark();
        let error_equals = error_equals(cx, &mut catcher_fields, what);
        let result_path = catcher_fields.nullable_reference_path(cx, "ResultPath");
        let output = catcher_fields.payload(cx, "Output");
        let assign = catcher_fields.payload_object(cx, "Assign");
        let next = catcher_fields.required_state_name(cx, "Next", what);
        let comment = catcher_fields.string(cx, "Comment");
        catcher_fields.finish(cx, what);
        if let (false, Some(error_equals), Some(next)) = (cx.failed_since(mark), error_equals, next)
        {
            catchers.push(Catcher {
                error_equals,
                result_path,
                output,
                assign,
                next,
                comment,
            });
        }
    }
    Some(catchers)
}

fn pass(cx: &mut Cx, fields: &mut Fields<'_, '_>, what: &dyn fmt::Display) -> Option<State> {
    let mark = cx.mark();
    let comment = fields.string(cx, "Comment");
    let query_language = fields.query_language(cx);
    let input_path = fields.nullable_path(cx, "InputPath");
    let parameters = fields.payload(cx, "Parameters");
    let result = fields.value("Result");
    let result_path = fields.nullable_reference_path(cx, "ResultPath");
    let output_path = fields.nullable_path(cx, "OutputPath");
    let output = fields.payload(cx, "Output");
    let assign = fields.payload_object(cx, "Assign");
    let transition = transition(cx, fields, what);
    fields.finish(cx, &format_args!("a {what}"));
    if cx.failed_since(mark) {
        return None;
    }
    Some(State::from(PassState {
        comment,
        query_language,
        input_path,
        parameters,
        result,
        result_path,
        output_path,
        output,
        assign,
        transition: transition?,
    }))
}

fn task(cx: &mut Cx, fields: &mut Fields<'_, '_>, what: &dyn fmt::Display) -> Option<State> {
    let mark = cx.mark();
    let comment = fields.string(cx, "Comment");
    let query_language = fields.query_language(cx);
    let resource = fields.required_str(cx, "Resource", &format_args!("the {what}"));
    let credentials = fields.payload(cx, "Credentials");
    let input_path = fields.nullable_path(cx, "InputPath");
    let parameters = fields.payload(cx, "Parameters");
    let arguments = fields.payload(cx, "Arguments");
    let result_selector = fields.payload(cx, "ResultSelector");
    let result_path = fields.nullable_reference_path(cx, "ResultPath");
    let output_path = fields.nullable_path(cx, "OutputPath");
    let output = fields.payload(cx, "Output");
    let assign = fields.payload_object(cx, "Assign");
    let timeout_seconds = fields.dynamic_unsigned(cx, "TimeoutSeconds", "TimeoutSecondsPath");
    let heartbeat_seconds = fields.dynamic_unsigned(cx, "HeartbeatSeconds", "HeartbeatSecondsPath");
    let retry = read_retriers(cx, fields);
    let catch = read_catchers(cx, fields);
    let transition = transition(cx, fields, what);
    fields.finish(cx, &format_args!("a {what}"));
    if cx.failed_since(mark) {
        return None;
    }
    Some(State::from(TaskState {
        comment,
        query_language,
        resource: Resource::parse(&resource?),
        credentials,
        input_path,
        parameters,
        arguments,
        result_selector,
        result_path,
        output_path,
        output,
        assign,
        timeout_seconds,
        heartbeat_seconds,
        retry,
        catch,
        transition: transition?,
    }))
}

fn wait(cx: &mut Cx, fields: &mut Fields<'_, '_>, what: &dyn fmt::Display) -> Option<State> {
    let mark = cx.mark();
    let comment = fields.string(cx, "Comment");
    let query_language = fields.query_language(cx);
    // Where a timestamp is set, to point at it if seconds are set too.
    let timestamp_key = fields
        .remaining()
        .find(|(_, member)| matches!(&*member.key, "Timestamp" | "TimestampPath"))
        .map(|(_, member)| (member.key.clone(), member.key_span));
    let seconds = fields.dynamic_unsigned(cx, "Seconds", "SecondsPath");
    let timestamp = fields.dynamic_string(cx, "Timestamp", "TimestampPath");
    let duration = match (seconds, timestamp) {
        (Some(seconds), None) => Some(WaitDuration::Seconds(seconds)),
        (None, Some(timestamp)) => Some(WaitDuration::Timestamp(timestamp)),
        (Some(_), Some(_)) => {
            let message =
                format!("the {what} sets both a number of seconds and a timestamp; keep one");
            match timestamp_key {
                Some((key, span)) => cx.report(
                    ParseIssueKind::ConflictingFields,
                    &fields.pointer.key(&key),
                    span,
                    message,
                ),
                None => cx.report(
                    ParseIssueKind::ConflictingFields,
                    fields.pointer,
                    fields.span,
                    message,
                ),
            }
            None
        }
        (None, None) => {
            if !cx.failed_since(mark) {
                cx.report_with_hint(
                    ParseIssueKind::MissingField,
                    fields.pointer,
                    fields.span,
                    format!("the {what} does not say how long to wait"),
                    "set one of `Seconds`, `SecondsPath`, `Timestamp` or `TimestampPath`"
                        .to_owned(),
                );
            }
            None
        }
    };
    let input_path = fields.nullable_path(cx, "InputPath");
    let output_path = fields.nullable_path(cx, "OutputPath");
    let output = fields.payload(cx, "Output");
    let assign = fields.payload_object(cx, "Assign");
    let transition = transition(cx, fields, what);
    fields.finish(cx, &format_args!("a {what}"));
    if cx.failed_since(mark) {
        return None;
    }
    Some(State::from(WaitState {
        comment,
        query_language,
        duration: duration?,
        input_path,
        output_path,
        output,
        assign,
        transition: transition?,
    }))
}

fn succeed(cx: &mut Cx, fields: &mut Fields<'_, '_>, what: &dyn fmt::Display) -> Option<State> {
    let mark = cx.mark();
    let state = SucceedState {
        comment: fields.string(cx, "Comment"),
        query_language: fields.query_language(cx),
        input_path: fields.nullable_path(cx, "InputPath"),
        output_path: fields.nullable_path(cx, "OutputPath"),
        output: fields.payload(cx, "Output"),
    };
    fields.finish(cx, &format_args!("a {what}"));
    (!cx.failed_since(mark)).then_some(State::from(state))
}

fn fail(cx: &mut Cx, fields: &mut Fields<'_, '_>, what: &dyn fmt::Display) -> Option<State> {
    let mark = cx.mark();
    let state = FailState {
        comment: fields.string(cx, "Comment"),
        query_language: fields.query_language(cx),
        error: fields.dynamic_string(cx, "Error", "ErrorPath"),
        cause: fields.dynamic_string(cx, "Cause", "CausePath"),
    };
    fields.finish(cx, &format_args!("a {what}"));
    (!cx.failed_since(mark)).then_some(State::from(state))
}

fn parallel(cx: &mut Cx, fields: &mut Fields<'_, '_>, what: &dyn fmt::Display) -> Option<State> {
    let mark = cx.mark();
    let comment = fields.string(cx, "Comment");
    let query_language = fields.query_language(cx);
    let input_path = fields.nullable_path(cx, "InputPath");
    let parameters = fields.payload(cx, "Parameters");
    let arguments = fields.payload(cx, "Arguments");
    let branches = match fields.take("Branches") {
        None => {
            fields.missing(cx, "Branches", &format_args!("the {what}"));
            None
        }
        Some(node) => {
            let pointer = fields.pointer.key("Branches");
            if let Some(items) = node.as_array() {
                Some(
                    items
                        .iter()
                        .enumerate()
                        .filter_map(|(index, item)| branch(cx, item, &pointer.index(index)))
                        .collect::<Vec<_>>(),
                )
            } else {
                cx.wrong_type(&pointer, node, "an array of branches");
                None
            }
        }
    };
    let result_selector = fields.payload(cx, "ResultSelector");
    let result_path = fields.nullable_reference_path(cx, "ResultPath");
    let output_path = fields.nullable_path(cx, "OutputPath");
    let output = fields.payload(cx, "Output");
    let assign = fields.payload_object(cx, "Assign");
    let retry = read_retriers(cx, fields);
    let catch = read_catchers(cx, fields);
    let transition = transition(cx, fields, what);
    fields.finish(cx, &format_args!("a {what}"));
    if cx.failed_since(mark) {
        return None;
    }
    Some(State::from(ParallelState {
        comment,
        query_language,
        input_path,
        parameters,
        arguments,
        branches: branches?,
        result_selector,
        result_path,
        output_path,
        output,
        assign,
        retry,
        catch,
        transition: transition?,
    }))
}
