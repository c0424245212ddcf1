//! Compensations: retried, and passing the saga's data (the error in it) on unchanged.

use super::Saga;
use crate::builder::{Chain, NodeState, Problem};
use crate::error::BuildIssueKind;
use crate::model::{Jsonata, Nullable, Payload, QueryLanguage};

impl Saga {
    /// A compensation that retries and keeps its input.
    pub(super) fn prepare(&self, mut compensation: Chain) -> Chain {
        for node in compensation.nodes.iter_mut().filter(|node| !node.handler) {
            node.default_retry(&self.compensation_retry);
            match self.language {
                QueryLanguage::JsonPath => keep_input_jsonpath(&mut node.state),
                QueryLanguage::Jsonata => {
                    if let Some(problem) = keep_input_jsonata(&mut node.state, &self.error_field) {
                        node.problems.push(problem);
                    }
                }
            }
        }
        compensation
    }
}

fn keep_input_jsonpath(state: &mut NodeState) {
    let (result_path, output_path) = match state {
        NodeState::Task(task) => (&mut task.result_path, &mut task.output_path),
        NodeState::Parallel(parallel, _) => (&mut parallel.result_path, &mut parallel.output_path),
        NodeState::Map(map, _) => (&mut map.result_path, &mut map.output_path),
        // A Pass state's `Result` or `Parameters` would replace the input, error included.
        NodeState::Pass(pass) if pass.result.is_some() || pass.parameters.is_some() => {
            (&mut pass.result_path, &mut pass.output_path)
        }
        _ => return,
    };
    if result_path.is_none() {
        *result_path = Some(Nullable::Null);
        // An `OutputPath` picks from the result (`$.Payload` of a Lambda call, a fan-out's
        // `$.merged`); with the result discarded it would pick from the saga's data and
        // fail the unwinding (`States.Runtime`), so it goes with the result.
        *output_path = None;
    }
}

/// Keeps a JSONata compensation's input, the saga's data with the error in it, as its
/// output: an `Output` of its own is kept when it reads the input, and otherwise reported,
/// since it would replace the error before the unwinding ends.
fn keep_input_jsonata(state: &mut NodeState, error_field: &str) -> Option<Problem> {
    let output = match state {
        NodeState::Task(task) => &mut task.output,
        NodeState::Parallel(parallel, _) => &mut parallel.output,
        NodeState::Map(map, _) => &mut map.output,
        NodeState::Pass(pass) => match &pass.output {
            // A Pass state without an `Output` passes its input on.
            None => return None,
            Some(_) => &mut pass.output,
        },
        _ => return None,
    };
    match output {
        None => {
            *output = Some(Payload::Jsonata(Jsonata::from_static(" $states.input ")));
            None
        }
        Some(payload) if payload.to_json_value().to_string().contains("$states.input") => None,
        Some(_) => Some(
            Problem::new(
                BuildIssueKind::InvalidValue,
                "/Output",
                format!(
                    "this compensation's `Output` replaces the saga's data, so the original error at `{error_field}` would be lost before the unwinding ends"
                ),
            )
            .with_hint(
                "keep the input in it (`$merge([$states.input, {…}])`), leave `Output` out, or give a fan-out a result path (`.result_path(\"$.undone\")`)",
            ),
        ),
    }
}
