//! The `build()` check that a state's free-form JSON (payloads, `Assign`, a Pass state's
//! `Result`, Choice conditions) does not nest deeper than a definition can be read back:
//! [`StateMachine::from_json`](crate::StateMachine::from_json) refuses arrays and objects at
//! [`MAX_DEPTH`] levels below the root.
//!
//! Levels count from the definition's root (0): the machine's `States` is at 1, its states
//! at 2, and each nested list adds the levels of its pointer. Walks stop at the limit, so
//! they recurse at most [`MAX_DEPTH`] levels however deep a value is.

use serde_json::Value;

use super::lower::{Loc, Lowering};
use crate::error::{BuildIssue, BuildIssueKind};
use crate::model::{Condition, Payload, PayloadField, PayloadObject, State};
use crate::source::MAX_DEPTH;

/// Whether `payload`, at `level`, has an array or object at [`MAX_DEPTH`] or deeper.
fn payload_too_deep(payload: &Payload, level: usize) -> bool {
    match payload {
        Payload::Array(items) => {
            level >= MAX_DEPTH || items.iter().any(|item| payload_too_deep(item, level + 1))
        }
        Payload::Object(object) => object_too_deep(object, level),
        _ => false,
    }
}

fn object_too_deep(object: &PayloadObject, level: usize) -> bool {
    level >= MAX_DEPTH
        || object.iter().any(|(_, field)| match field {
            PayloadField::Value(value) => payload_too_deep(value, level + 1),
            PayloadField::Dynamic(_) => false,
        })
}

fn value_too_deep(value: &Value, level: usize) -> bool {
    match value {
        Value::Array(items) => {
            level >= MAX_DEPTH || items.iter().any(|item| value_too_deep(item, level + 1))
        }
        Value::Object(members) => {
            level >= MAX_DEPTH || members.values().any(|item| value_too_deep(item, level + 1))
        }
        _ => false,
    }
}

/// Whether a Choice rule object at `level` with `condition` nests too deep: `And`/`Or`
/// hold an array of rule objects, `Not` one rule object.
fn condition_too_deep(condition: &Condition, level: usize) -> bool {
    if level >= MAX_DEPTH {
        return true;
    }
    match condition {
        Condition::And(rules) | Condition::Or(rules) => {
            level + 1 >= MAX_DEPTH
                || rules
                    .iter()
                    .any(|rule| condition_too_deep(&rule.condition, level + 2))
        }
        Condition::Not(rule) => condition_too_deep(&rule.condition, level + 1),
        Condition::Test(_) | Condition::Jsonata(_) => false,
    }
}

/// The fields of one state that are checked, with the level of their value.
struct Walk<'a, 'b> {
    lowering: &'a mut Lowering,
    loc: Loc<'b>,
    /// The level of the state object.
    level: usize,
}

impl Walk<'_, '_> {
    /// Reports the field `field()` names (made only when reported: most states have no
    /// problem).
    fn report(&mut self, field: impl FnOnce() -> String) {
        let field = field();
        self.lowering.issues.push(
            BuildIssue::new(
                BuildIssueKind::NestingTooDeep,
                self.loc.field(&field),
                Some(self.loc.name.clone()),
                format!(
                    "`{}` of state `{}` nests deeper than the {MAX_DEPTH} JSON levels `StateMachine::from_json` reads",
                    field.trim_start_matches('/'),
                    self.loc.name
                ),
            )
            .with_hint("flatten the value, or build it at run time (for example with `States.StringToJson`)"),
        );
    }

    /// Checks a payload field `depth` levels below the state.
    fn payload(&mut self, field: impl FnOnce() -> String, payload: Option<&Payload>, depth: usize) {
        if payload.is_some_and(|payload| payload_too_deep(payload, self.level + depth)) {
            self.report(field);
        }
    }

    fn object(
        &mut self,
        field: impl FnOnce() -> String,
        object: Option<&PayloadObject>,
        depth: usize,
    ) {
        if object.is_some_and(|object| object_too_deep(object, self.level + depth)) {
            self.report(field);
        }
    }

    /// Checks the `Output` and `Assign` of entry `index` of the state's `list` (`Catch`
    /// or `Choices`): an entry object sits two levels below the state.
    fn entry(
        &mut self,
        list: &'static str,
        index: usize,
        output: Option<&Payload>,
        assign: Option<&PayloadObject>,
    ) {
        self.payload(|| format!("/{list}/{index}/Output"), output, 3);
        self.object(|| format!("/{list}/{index}/Assign"), assign, 3);
    }
}

/// A field named by a constant pointer suffix.
fn named(field: &'static str) -> impl FnOnce() -> String {
    move || field.to_owned()
}

/// The JSON level of the states of the list at the pointer `list` (`""` for the machine's
/// own): the pointer has one segment per level above the list's `States` object.
pub(super) fn state_level(list: &str) -> usize {
    list.bytes().filter(|byte| *byte == b'/').count() + 2
}

/// Reports every field of `state`, a state at `level`, that nests too deep.
pub(super) fn state(lowering: &mut Lowering, state: &State, loc: Loc<'_>, level: usize) {
    let mut walk = Walk {
        lowering,
        loc,
        level,
    };
    walk.object(named("/Assign"), state.assign(), 1);
    for (index, catcher) in state.catch().iter().enumerate() {
        walk.entry(
            "Catch",
            index,
            catcher.output.as_ref(),
            catcher.assign.as_ref(),
        );
    }
    match state {
        State::Pass(pass) => {
            walk.payload(named("/Parameters"), pass.parameters.as_ref(), 1);
            walk.payload(named("/Output"), pass.output.as_ref(), 1);
            if pass
                .result
                .as_ref()
                .is_some_and(|result| value_too_deep(result, level + 1))
            {
                walk.report(named("/Result"));
            }
        }
        State::Task(task) => {
            walk.payload(named("/Parameters"), task.parameters.as_ref(), 1);
            walk.payload(named("/Arguments"), task.arguments.as_ref(), 1);
            walk.payload(named("/ResultSelector"), task.result_selector.as_ref(), 1);
            walk.payload(named("/Output"), task.output.as_ref(), 1);
            walk.payload(named("/Credentials"), task.credentials.as_ref(), 1);
        }
        State::Choice(choice) => {
            walk.payload(named("/Output"), choice.output.as_ref(), 1);
            for (index, rule) in choice.choices.iter().enumerate() {
                if condition_too_deep(&rule.condition, level + 2) {
                    walk.report(|| format!("/Choices/{index}"));
                }
                walk.entry("Choices", index, rule.output.as_ref(), rule.assign.as_ref());
            }
        }
        State::Wait(wait) => walk.payload(named("/Output"), wait.output.as_ref(), 1),
        State::Succeed(succeed) => walk.payload(named("/Output"), succeed.output.as_ref(), 1),
        State::Fail(_) => {}
        State::Parallel(parallel) => {
            walk.payload(named("/Parameters"), parallel.parameters.as_ref(), 1);
            walk.payload(named("/Arguments"), parallel.arguments.as_ref(), 1);
            walk.payload(
                named("/ResultSelector"),
                parallel.result_selector.as_ref(),
                1,
            );
            walk.payload(named("/Output"), parallel.output.as_ref(), 1);
        }
        State::Map(map) => {
            walk.payload(named("/Items"), map.items.as_ref(), 1);
            walk.payload(named("/ItemSelector"), map.item_selector.as_ref(), 1);
            walk.payload(named("/Parameters"), map.parameters.as_ref(), 1);
            walk.payload(named("/ResultSelector"), map.result_selector.as_ref(), 1);
            walk.payload(named("/Output"), map.output.as_ref(), 1);
            if let Some(reader) = &map.item_reader {
                walk.payload(
                    named("/ItemReader/Parameters"),
                    reader.parameters.as_ref(),
                    2,
                );
                walk.payload(named("/ItemReader/Arguments"), reader.arguments.as_ref(), 2);
            }
            if let Some(writer) = &map.result_writer {
                walk.payload(
                    named("/ResultWriter/Parameters"),
                    writer.parameters.as_ref(),
                    2,
                );
                walk.payload(
                    named("/ResultWriter/Arguments"),
                    writer.arguments.as_ref(),
                    2,
                );
            }
            if let Some(batcher) = &map.item_batcher {
                walk.payload(
                    named("/ItemBatcher/BatchInput"),
                    batcher.batch_input.as_ref(),
                    2,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::error::BuildIssueKind;
    use crate::model::{Payload, QueryLanguage};
    use crate::prelude::*;
    use crate::source::MAX_DEPTH;

    /// A JSON value `levels` containers deep: `[[…[1]…]]`.
    fn nested(levels: usize) -> Value {
        (0..levels).fold(json!(1), |inner, _| json!([inner]))
    }

    fn build(chain: impl Into<Chain>) -> Result<StateMachine, BuildError> {
        StateMachine::builder().start(chain).build()
    }

    #[test]
    fn a_payload_as_deep_as_can_be_read_builds_and_reads_back() {
        // A top-level state is at level 2, its `Parameters` at 3: the deepest array may
        // lie at level 255, so the value may be 253 containers deep.
        let deepest = MAX_DEPTH - 3;
        let machine = build(PassState::builder("P").parameters(Payload::from(nested(deepest))))
            .expect("builds");
        assert!(StateMachine::from_json(&machine.to_json()).is_ok());

        let error = build(PassState::builder("P").parameters(Payload::from(nested(deepest + 1))))
            .expect_err("one level too deep");
        let [issue] = error.issues() else {
            panic!("one issue: {error}")
        };
        assert_eq!(issue.kind, BuildIssueKind::NestingTooDeep);
        assert_eq!(issue.pointer, "/States/P/Parameters");
        assert!(
            issue
                .message
                .contains("nests deeper than the 256 JSON levels")
        );
    }

    #[test]
    fn levels_of_nested_lists_count() {
        let deepest_in_branch = MAX_DEPTH - 3 - 4;
        let inner = |levels| {
            ParallelState::builder("Fan")
                .branch(PassState::builder("P").result(nested(levels)))
                .end()
        };
        let machine = build(inner(deepest_in_branch)).expect("builds");
        assert!(StateMachine::from_json(&machine.to_json()).is_ok());
        let error = build(inner(deepest_in_branch + 1)).expect_err("too deep");
        assert_eq!(
            error.issues()[0].pointer,
            "/States/Fan/Branches/0/States/P/Result"
        );
    }

    #[test]
    fn choice_conditions_and_catchers_are_checked() {
        // A top-level Choice rule object is at level 4; each `Not` puts its rule one deeper.
        let choice_of_nots = |count| {
            let rule = (0..count).fold(Rule::is_present("$.a", true), |inner, _| Rule::not(inner));
            ChoiceState::builder("C")
                .when(rule, SucceedState::builder("Yes"))
                .otherwise(SucceedState::builder("No"))
        };
        let error = build(choice_of_nots(MAX_DEPTH - 4)).expect_err("too deep");
        assert_eq!(error.issues()[0].pointer, "/States/C/Choices/0");

        let machine = build(choice_of_nots(MAX_DEPTH - 5)).expect("builds");
        // On the test thread's 2 MiB: reading 251 nested rules takes about 1 MiB in an
        // unoptimized build (measured).
        assert!(StateMachine::from_json(&machine.to_json()).is_ok());

        let task = TaskState::call("T", lambda::Invoke::function("f"))
            .query_language(QueryLanguage::Jsonata)
            .catch(
                Catcher::builder([ErrorName::All]).output(Payload::from(nested(MAX_DEPTH))),
                SucceedState::builder("Caught"),
            );
        let error = build(task).expect_err("too deep");
        assert_eq!(error.issues()[0].pointer, "/States/T/Catch/0/Output");
    }
}
