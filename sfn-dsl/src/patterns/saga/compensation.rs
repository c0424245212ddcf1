//! Compensations: retried, and passing the saga's data (the error in it) on unchanged.
//!
//! Every state of a compensation, the states of its catch handlers included (they continue
//! the unwinding), passes its input on: a result is discarded, a catcher keeps the input
//! instead of replacing it with the compensation's own error, and a field of the user's
//! that would still replace the input is reported by `build()`.

use super::Saga;
use crate::builder::{Chain, NodeState, Problem};
use crate::error::BuildIssueKind;
use crate::model::{Catcher, JsonPath, Jsonata, Nullable, Payload, QueryLanguage};

impl Saga {
    /// A compensation that retries and keeps its input.
    pub(super) fn prepare(&self, mut compensation: Chain) -> Chain {
        for node in &mut compensation.nodes {
            node.default_retry(&self.compensation_retry);
            let language = node.state.query_language().unwrap_or(self.language);
            let mut losses = Vec::new();
            match language {
                QueryLanguage::JsonPath => keep_input_jsonpath(&mut node.state, &mut losses),
                QueryLanguage::Jsonata => keep_input_jsonata(&mut node.state, &mut losses),
            }
            node.problems.extend(
                losses
                    .into_iter()
                    .map(|loss| loss.problem(&self.error_field)),
            );
        }
        compensation
    }
}

/// A field of a compensation state that would replace the saga's data.
struct Loss {
    /// Where, below the state (`/ResultPath`, `/Catch/0/Output`).
    field: String,
    /// What replaces the data, for the message.
    what: &'static str,
    hint: &'static str,
}

impl Loss {
    fn problem(self, error_field: &str) -> Problem {
        Problem::new(
            BuildIssueKind::InvalidValue,
            self.field,
            format!(
                "this compensation's {} replaces the saga's data, so the original error at `{error_field}` would be lost before the unwinding ends",
                self.what
            ),
        )
        .with_hint(self.hint)
    }
}

const RESULT_PATH_HINT: &str = "leave `ResultPath` out (the result is then discarded) or put the result in a field (`.result_path(\"$.undone\")`)";
const CATCHER_RESULT_PATH_HINT: &str = "leave the catcher's `ResultPath` out (its handler then gets the saga's data) or put the error in a field (`.result_path(\"$.undo_error\")`)";
const PATH_HINT: &str = "leave `InputPath` and `OutputPath` out: the state's output is its input, which the unwinding still needs";
const OUTPUT_HINT: &str = "keep the input in it (`$merge([$states.input, {…}])`), leave `Output` out, or give a fan-out a result path (`.result_path(\"$.undone\")`)";

fn is_whole(path: &str) -> bool {
    path.trim() == "$"
}

/// Makes a JSONPath compensation state pass its input on: a Task, Parallel or Map state,
/// and a Pass state with a `Result`, `Parameters` or `InputPath`, discards its result
/// (`ResultPath: null` keeps the raw input, before `InputPath`) unless it sets a result
/// path; their catchers keep the input. A result path or a catcher's result path of `$`,
/// and an `InputPath` or `OutputPath` of a state whose output is its input (Wait, Choice,
/// a Pass state without a result), are losses.
fn keep_input_jsonpath(state: &mut NodeState, losses: &mut Vec<Loss>) {
    let (result_path, output_path) = match state {
        NodeState::Task(task) => (&mut task.result_path, &mut task.output_path),
        NodeState::Parallel(parallel, _) => (&mut parallel.result_path, &mut parallel.output_path),
        NodeState::Map(map, _) => (&mut map.result_path, &mut map.output_path),
        // A Pass state's `Result` or `Parameters`, or its input as `InputPath` picks it,
        // would replace the input, error included.
        NodeState::Pass(pass)
            if pass.result.is_some()
                || pass.parameters.is_some()
                || pass.input_path.as_ref().is_some_and(|path| !keeps(path)) =>
        {
            (&mut pass.result_path, &mut pass.output_path)
        }
        NodeState::Pass(pass) => return filters_input(None, pass.output_path.as_ref(), losses),
        NodeState::Wait(wait) => {
            return filters_input(wait.input_path.as_ref(), wait.output_path.as_ref(), losses);
        }
        NodeState::Choice(choice) => {
            return filters_input(
                choice.input_path.as_ref(),
                choice.output_path.as_ref(),
                losses,
            );
        }
        NodeState::Succeed(_) | NodeState::Fail(_) => return,
    };
    match result_path {
        None => {
            *result_path = Some(Nullable::Null);
            // An `OutputPath` picks from the result (`$.Payload` of a Lambda call, a
            // fan-out's `$.merged`); with the result discarded it would pick from the saga's
            // data and fail the unwinding (`States.Runtime`), so it goes with the result.
            *output_path = None;
        }
        Some(Nullable::Value(path)) if is_whole(path.as_str()) => losses.push(Loss {
            field: "/ResultPath".to_owned(),
            what: "result (`ResultPath` `$`)",
            hint: RESULT_PATH_HINT,
        }),
        Some(_) => {}
    }
    if let Some(catchers) = state.catchers_mut() {
        for (index, catcher) in catchers.into_iter().enumerate() {
            keep_catcher_input_jsonpath(catcher, index, losses);
        }
    }
}

/// Whether an `InputPath` or `OutputPath` keeps the whole input.
fn keeps(path: &Nullable<JsonPath>) -> bool {
    matches!(path, Nullable::Value(path) if is_whole(path.as_str()))
}

/// Reports the `InputPath` and `OutputPath` of a state whose output is its input.
fn filters_input(
    input_path: Option<&Nullable<JsonPath>>,
    output_path: Option<&Nullable<JsonPath>>,
    losses: &mut Vec<Loss>,
) {
    for (field, path) in [("/InputPath", input_path), ("/OutputPath", output_path)] {
        if path.is_some_and(|path| !keeps(path)) {
            losses.push(Loss {
                field: field.to_owned(),
                what: if field == "/InputPath" {
                    "`InputPath`"
                } else {
                    "`OutputPath`"
                },
                hint: PATH_HINT,
            });
        }
    }
}

/// A catcher without a result path would hand its handler the compensation's error alone
/// (`{"Error", "Cause"}`), and the unwinding would go on without the saga's data: it keeps
/// the input instead (`ResultPath: null`).
fn keep_catcher_input_jsonpath(catcher: &mut Catcher, index: usize, losses: &mut Vec<Loss>) {
    match &catcher.result_path {
        None => catcher.result_path = Some(Nullable::Null),
        Some(Nullable::Value(path)) if is_whole(path.as_str()) => losses.push(Loss {
            field: format!("/Catch/{index}/ResultPath"),
            what: "catcher (`ResultPath` `$`)",
            hint: CATCHER_RESULT_PATH_HINT,
        }),
        Some(_) => {}
    }
}

/// Keeps a JSONata compensation's input, the saga's data with the error in it, as its
/// output: a Task, Parallel or Map state without an `Output` gets
/// `{% $states.input %}`, and so does each catcher without one; an `Output` of its own
/// (of any state, a Choice rule's or a catcher's) is kept when it reads the input, and
/// otherwise reported, since it would replace the error before the unwinding ends.
fn keep_input_jsonata(state: &mut NodeState, losses: &mut Vec<Loss>) {
    let (output, default) = match state {
        NodeState::Task(task) => (&mut task.output, true),
        NodeState::Parallel(parallel, _) => (&mut parallel.output, true),
        NodeState::Map(map, _) => (&mut map.output, true),
        // These pass their input on without an `Output`.
        NodeState::Pass(pass) => (&mut pass.output, false),
        NodeState::Wait(wait) => (&mut wait.output, false),
        NodeState::Choice(choice) => {
            for (index, rule) in choice.choices.iter().enumerate() {
                check_output(
                    rule.output.as_ref(),
                    format!("/Choices/{index}/Output"),
                    losses,
                );
            }
            (&mut choice.output, false)
        }
        NodeState::Succeed(_) | NodeState::Fail(_) => return,
    };
    keep_output(output, default, "/Output".to_owned(), losses);
    if let Some(catchers) = state.catchers_mut() {
        for (index, catcher) in catchers.into_iter().enumerate() {
            // A catcher's `Output` is the error output (`$states.errorOutput`) without one.
            keep_output(
                &mut catcher.output,
                true,
                format!("/Catch/{index}/Output"),
                losses,
            );
        }
    }
}

/// Gives `output` the state's input when it has none and `default` says it needs it;
/// reports one that does not read the input.
fn keep_output(output: &mut Option<Payload>, default: bool, field: String, losses: &mut Vec<Loss>) {
    if output.is_none() {
        if default {
            *output = Some(Payload::Jsonata(Jsonata::from_static(" $states.input ")));
        }
        return;
    }
    check_output(output.as_ref(), field, losses);
}

fn check_output(output: Option<&Payload>, field: String, losses: &mut Vec<Loss>) {
    let Some(payload) = output else {
        return;
    };
    if !payload
        .to_json_value()
        .to_string()
        .contains("$states.input")
    {
        losses.push(Loss {
            field,
            what: "`Output`",
            hint: OUTPUT_HINT,
        });
    }
}
