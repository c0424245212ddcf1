//! Reading state lists: the top level, Parallel branches and Map item processors.

use std::fmt;

use super::Cx;
use super::fields::Fields;
use super::state::state;
use crate::model::{Branch, ItemProcessor, ProcessorConfig, QueryLanguage, StateMachine, States};
use crate::source::{Node, Pointer};

pub(super) fn state_machine(
    cx: &mut Cx,
    node: Node<'_>,
    pointer: &Pointer<'_>,
) -> Option<StateMachine> {
    let what: &dyn fmt::Display = &"the state machine";
    let mark = cx.mark();
    let mut fields = Fields::new(cx, node, pointer, "an object")?;
    let comment = fields.string(cx, "Comment");
    let version = fields.string(cx, "Version");
    let query_language = fields.query_language(cx);
    cx.machine_language = query_language.unwrap_or_default();
    let timeout_seconds = fields.dynamic_unsigned(cx, "TimeoutSeconds", "TimeoutSecondsPath");
    let start_at = fields.required_state_name(cx, "StartAt", what);
    let states = states(cx, &mut fields, what, cx.machine_language);
    fields.finish(cx, what);
    if cx.failed_since(mark) {
        return None;
    }
    Some(StateMachine {
        comment,
        version,
        query_language,
        timeout_seconds,
        start_at: start_at?,
        states: states?,
    })
}

pub(super) fn branch(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<Branch> {
    let what: &dyn fmt::Display = &"a Parallel branch";
    let mark = cx.mark();
    let mut fields = Fields::new(cx, node, pointer, "a branch object")?;
    let comment = fields.string(cx, "Comment");
    let outer = cx.language;
    let query_language = fields.query_language(cx);
    let start_at = fields.required_state_name(cx, "StartAt", what);
    let states = states(
        cx,
        &mut fields,
        what,
        query_language.unwrap_or(cx.machine_language),
    );
    cx.language = outer;
    fields.finish(cx, what);
    if cx.failed_since(mark) {
        return None;
    }
    Some(Branch {
        comment,
        query_language,
        start_at: start_at?,
        states: states?,
    })
}

pub(super) fn item_processor(
    cx: &mut Cx,
    node: Node<'_>,
    pointer: &Pointer<'_>,
    what: &dyn fmt::Display,
) -> Option<ItemProcessor> {
    let mark = cx.mark();
    let mut fields = Fields::new(cx, node, pointer, "an object")?;
    let comment = fields.string(cx, "Comment");
    let outer = cx.language;
    let query_language = fields.query_language(cx);
    let processor_config = fields
        .take("ProcessorConfig")
        .and_then(|node| processor_config(cx, node, &pointer.key("ProcessorConfig")));
    let start_at = fields.required_state_name(cx, "StartAt", what);
    let states = states(
        cx,
        &mut fields,
        what,
        query_language.unwrap_or(cx.machine_language),
    );
    cx.language = outer;
    fields.finish(cx, what);
    if cx.failed_since(mark) {
        return None;
    }
    Some(ItemProcessor {
        comment,
        query_language,
        processor_config,
        start_at: start_at?,
        states: states?,
    })
}

fn processor_config(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<ProcessorConfig> {
    let mut fields = Fields::new(cx, node, pointer, "an object")?;
    let mode = fields.keyword(cx, "Mode", crate::model::ProcessorMode::parse);
    let execution_type = fields.keyword(cx, "ExecutionType", crate::model::ExecutionType::parse);
    fields.finish(cx, &"`ProcessorConfig`");
    Some(ProcessorConfig {
        mode,
        execution_type,
    })
}

/// The states of a list whose states use `language` unless they set their own.
fn states(
    cx: &mut Cx,
    fields: &mut Fields<'_, '_>,
    what: &dyn fmt::Display,
    language: QueryLanguage,
) -> Option<States> {
    let outer = (cx.list_language, cx.language);
    cx.list_language = language;
    let states = list_states(cx, fields, what);
    (cx.list_language, cx.language) = outer;
    states
}

fn list_states(
    cx: &mut Cx,
    fields: &mut Fields<'_, '_>,
    what: &dyn fmt::Display,
) -> Option<States> {
    let key = "States";
    let Some(node) = fields.take(key) else {
        fields.missing(cx, key, what);
        return None;
    };
    let pointer = fields.pointer.key(key);
    let Some(members) = node.as_object() else {
        cx.wrong_type(&pointer, node, "an object of named states");
        return None;
    };
    let mark = cx.mark();
    let mut states = States::with_capacity(members.len());
    for member in members.iter() {
        cx.language = cx.list_language;
        if let Some(parsed) = state(cx, member.value, &pointer.key(&member.key), &member.key) {
            states.insert(cx.state_name(&member.key), parsed);
        }
    }
    (!cx.failed_since(mark)).then_some(states)
}
