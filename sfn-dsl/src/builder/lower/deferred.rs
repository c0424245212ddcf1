//! Deferred fields: requests, `Assign` objects and Wait durations written once the state's
//! query language is known.

use super::{Loc, Lowering};
use crate::builder::arg::{Reads, Request};
use crate::builder::chain::{DeferredField, NodeState};
use crate::error::{BuildIssue, BuildIssueKind};
use crate::model::{
    Dynamic, DynamicValue, Jsonata, Nullable, Payload, PayloadField, PayloadObject, QueryLanguage,
    ServiceIntegration, WaitDuration,
};
use crate::source::escape_pointer_segment;

impl Lowering {
    /// Writes a deferred request into its field.
    pub(super) fn deferred(
        &mut self,
        state: &mut NodeState,
        into: DeferredField,
        request: Request,
        language: QueryLanguage,
        loc: Loc<'_>,
    ) {
        if let DeferredField::CatchKeepsInput(index) = into {
            keep_input(state, index, language);
            return;
        }
        let input_key = match language {
            QueryLanguage::JsonPath => "Parameters",
            QueryLanguage::Jsonata => "Arguments",
        };
        let field = || match into {
            DeferredField::Assign => "/Assign".to_owned(),
            DeferredField::RuleAssign(index) => format!("/Choices/{index}/Assign"),
            DeferredField::CatchAssign(index) => format!("/Catch/{index}/Assign"),
            DeferredField::CatchKeepsInput(index) => format!("/Catch/{index}"),
            DeferredField::TaskInput => format!("/{input_key}"),
            DeferredField::ReaderInput => format!("/ItemReader/{input_key}"),
            DeferredField::WriterInput => format!("/ResultWriter/{input_key}"),
            // The request's one key is the field itself (`Seconds`, `Timestamp`).
            DeferredField::WaitDuration { .. } => String::new(),
        };
        let reads = match (into, &*state) {
            (
                DeferredField::Assign,
                NodeState::Task(_) | NodeState::Map(..) | NodeState::Parallel(..),
            ) => Reads::Result,
            (DeferredField::Assign, NodeState::Pass(pass))
                if language == QueryLanguage::JsonPath
                    && (pass.result.is_some() || pass.parameters.is_some()) =>
            {
                Reads::Result
            }
            (DeferredField::CatchAssign(_), _) => Reads::ErrorOutput,
            _ => Reads::Input,
        };
        self.task_token_reads(into, state, &request, loc, &field);
        let object = self.request(request, (language, reads), loc, &field);
        match (into, state) {
            (DeferredField::Assign, state) => {
                if let Some(assign) = state_assign(state) {
                    *assign = Some(object);
                }
            }
            (DeferredField::RuleAssign(index), NodeState::Choice(choice)) => {
                if let Some(rule) = choice.choices.get_mut(index) {
                    rule.assign = Some(object);
                }
            }
            (DeferredField::CatchAssign(index), state) => {
                if let Some(catcher) = state.catchers_mut().and_then(|all| all.get_mut(index)) {
                    catcher.assign = Some(object);
                }
            }
            (DeferredField::TaskInput, NodeState::Task(task)) => {
                if let Some(call) = task.resource.as_integration() {
                    self.out_of_range(call, &object, loc, &field);
                }
                let slot = match language {
                    QueryLanguage::JsonPath => &mut task.parameters,
                    QueryLanguage::Jsonata => &mut task.arguments,
                };
                self.fill(slot, object, loc, &field, "the task's integration request");
            }
            (DeferredField::ReaderInput, NodeState::Map(map, _)) => {
                if let Some(reader) = &mut map.item_reader {
                    let slot = match language {
                        QueryLanguage::JsonPath => &mut reader.parameters,
                        QueryLanguage::Jsonata => &mut reader.arguments,
                    };
                    self.fill(slot, object, loc, &field, "the reader's bucket and key");
                }
            }
            (DeferredField::WaitDuration { timestamp }, NodeState::Wait(wait)) => {
                // An empty object: the value could not be written, which is reported.
                if object.is_empty() {
                    return;
                }
                match wait_duration(&object, timestamp) {
                    Ok(duration) => wait.duration = duration,
                    Err(why) => {
                        let field = if timestamp { "/Timestamp" } else { "/Seconds" };
                        self.issues.push(BuildIssue::new(
                            BuildIssueKind::InvalidValue,
                            loc.field(field),
                            Some(loc.name.clone()),
                            format!("the duration of Wait state `{}` {why}", loc.name),
                        ));
                    }
                }
            }
            (DeferredField::WriterInput, NodeState::Map(map, _)) => {
                if let Some(writer) = &mut map.result_writer {
                    let slot = match language {
                        QueryLanguage::JsonPath => &mut writer.parameters,
                        QueryLanguage::Jsonata => &mut writer.arguments,
                    };
                    self.fill(slot, object, loc, &field, "the writer's bucket and prefix");
                }
            }
            _ => {}
        }
    }

    /// Reports the fields of a Task's request or `Assign` that read the task token when the
    /// Task has none (the validator's `task-token-unavailable`): the read fails at run time.
    fn task_token_reads(
        &mut self,
        into: DeferredField,
        state: &NodeState,
        request: &Request,
        loc: Loc<'_>,
        field: &dyn Fn() -> String,
    ) {
        let (DeferredField::TaskInput | DeferredField::Assign, NodeState::Task(task)) =
            (into, state)
        else {
            return;
        };
        // The reads first: nearly every request reads no token, and telling whether the
        // resource has one costs more.
        let mut reads = request
            .iter()
            .filter(|(_, arg)| arg.reads_task_token())
            .peekable();
        if reads.peek().is_none() || !task.resource.lacks_task_token() {
            return;
        }
        for (key, _) in reads {
            self.issues.push(
                BuildIssue::new(
                    BuildIssueKind::UnreadableValue,
                    loc.field(&format!("{}/{}", field(), escape_pointer_segment(key))),
                    Some(loc.name.clone()),
                    format!(
                        "`{key}` of state `{}` reads the task token, but only a callback (`.waitForTaskToken`), `.sync` or activity task has one: the read fails at run time",
                        loc.name
                    ),
                )
                .with_hint("wait for the token with `.wait_for_task_token()` on the integration, or leave the token out"),
            );
        }
    }

    /// Reports the literal values of an integration's request that its API refuses (the
    /// validator's `request-value-out-of-range`): every call would fail.
    fn out_of_range(
        &mut self,
        call: &ServiceIntegration,
        object: &PayloadObject,
        loc: Loc<'_>,
        field: &dyn Fn() -> String,
    ) {
        for problem in crate::validate::request_values::out_of_range(call, object) {
            self.issues.push(BuildIssue::new(
                BuildIssueKind::InvalidValue,
                loc.field(&format!("{}/{}", field(), problem.field)),
                Some(loc.name.clone()),
                format!(
                    "`{}` of the `{}:{}` request of state `{}` {}",
                    problem.field, call.service, call.action, loc.name, problem.reason
                ),
            ));
        }
    }

    /// Sets `slot` to `object`, unless it was also set by hand.
    fn fill(
        &mut self,
        slot: &mut Option<Payload>,
        object: PayloadObject,
        loc: Loc<'_>,
        field: &dyn Fn() -> String,
        what: &str,
    ) {
        if slot.is_some() {
            let field = field();
            self.issues.push(
                BuildIssue::new(
                    BuildIssueKind::ConflictingFields,
                    loc.field(&field),
                    Some(loc.name.clone()),
                    format!(
                        "`{}` of state `{}` is set by hand and also by {what}",
                        field.trim_start_matches('/'),
                        loc.name
                    ),
                )
                .with_hint("set the request fields through the integration, or leave it out and set the payload by hand"),
            );
        } else {
            *slot = Some(Payload::Object(object));
        }
    }
}

fn state_assign(state: &mut NodeState) -> Option<&mut Option<PayloadObject>> {
    match state {
        NodeState::Pass(state) => Some(&mut state.assign),
        NodeState::Task(state) => Some(&mut state.assign),
        NodeState::Choice(state) => Some(&mut state.assign),
        NodeState::Wait(state) => Some(&mut state.assign),
        NodeState::Parallel(state, _) => Some(&mut state.assign),
        NodeState::Map(state, _) => Some(&mut state.assign),
        NodeState::Succeed(_) | NodeState::Fail(_) => None,
    }
}

/// Makes the catcher at `index` pass the state's input on (unless its result path or
/// output was set by hand).
fn keep_input(state: &mut NodeState, index: usize, language: QueryLanguage) {
    let Some(catcher) = state.catchers_mut().and_then(|all| all.get_mut(index)) else {
        return;
    };
    match language {
        QueryLanguage::JsonPath => {
            catcher.result_path.get_or_insert(Nullable::Null);
        }
        QueryLanguage::Jsonata => {
            catcher
                .output
                .get_or_insert_with(|| Payload::Jsonata(Jsonata::from_static(" $states.input ")));
        }
    }
}

/// The Wait duration an [`Arg`](super::Arg) was written as (the only field of `object`), or
/// why it cannot be one.
fn wait_duration(object: &PayloadObject, timestamp: bool) -> Result<WaitDuration, &'static str> {
    const INTRINSIC: &str =
        "cannot be an intrinsic function: `SecondsPath` and `TimestampPath` take a path";
    let Some((_, field)) = object.iter().next() else {
        return Err("is missing");
    };
    if timestamp {
        let value = match field {
            PayloadField::Dynamic(DynamicValue::Path(path)) => {
                Dynamic::Path(DynamicValue::Path(path.clone()))
            }
            PayloadField::Dynamic(DynamicValue::Intrinsic(_)) => return Err(INTRINSIC),
            PayloadField::Value(Payload::Jsonata(expression)) => {
                Dynamic::Jsonata(expression.clone())
            }
            PayloadField::Value(Payload::String(text)) => Dynamic::Literal(text.clone()),
            PayloadField::Value(_) => {
                return Err("must be an RFC 3339 timestamp string, or read from the input");
            }
        };
        return Ok(WaitDuration::Timestamp(value));
    }
    let value = match field {
        PayloadField::Dynamic(DynamicValue::Path(path)) => {
            Dynamic::Path(DynamicValue::Path(path.clone()))
        }
        PayloadField::Dynamic(DynamicValue::Intrinsic(_)) => return Err(INTRINSIC),
        PayloadField::Value(Payload::Jsonata(expression)) => Dynamic::Jsonata(expression.clone()),
        PayloadField::Value(Payload::Number(number)) => match number.as_u64() {
            Some(seconds) => Dynamic::Literal(seconds),
            None => return Err("must be a whole number of seconds, at least 0"),
        },
        PayloadField::Value(_) => {
            return Err("must be a number of seconds, or read from the input");
        }
    };
    Ok(WaitDuration::Seconds(value))
}
