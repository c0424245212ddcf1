//! [`Saga`]: ordered steps with compensations, unwound in reverse on failure.

use crate::builder::arg::field_path::string_literal;
use crate::builder::{Chain, Node, NodeState, Problem, RetrierBuilder, Slot};
use crate::error::BuildIssueKind;
use crate::model::{
    Catcher, Dynamic, DynamicValue, ErrorName, FailState, IntrinsicCall, Jsonata, Nullable,
    PassState, Payload, PayloadObject, QueryLanguage, ReferencePath, Retrier, StateName,
    Transition,
};

/// A saga: steps run in order; when step *k* fails, the compensations of steps *k−1* to 1
/// run in reverse order, then the saga fails (or continues where you choose).
///
/// All steps share **one** unwind chain, `C(n−1) → … → C(1) → end`: the failing step's
/// catcher enters it at the compensation of the step before it, so each compensation is
/// written once, however many steps there are. Generated and given names are kept as they
/// are (clashes are renamed as described on [`Chain`]).
///
/// - Every Task, Parallel and Map state of a step's action (its catch handlers' included)
///   gets a catcher for `States.ALL` that keeps the original error: in JSONPath it is
///   stored at `$.error` (`ResultPath`), in JSONata it is merged into the input under
///   `error` (`Output`). The field name is set with [`error_field`](Saga::error_field). A
///   step's own catchers come first; a state whose own catcher already takes
///   `States.ALL` gets none (its handler decides what happens).
/// - Every Fail state of a step's action (such as the failure and give-up states of a
///   [`Polling`](super::Polling) step, or an approval's rejection) becomes a Pass state of
///   the same name that keeps the error it would have raised in that field and enters the
///   unwinding, so reaching it undoes the earlier steps. Where there is nothing to undo
///   yet and no [`on_compensated`](Saga::on_compensated) chain, it stays a Fail state.
/// - Every compensation state without a `Retry` of its own gets the
///   [compensation retrier](Saga::compensation_retry) (by default `States.ALL`, 3
///   attempts, 1 second, backoff 2), and discards its result (`"ResultPath": null` on a
///   Task, Parallel or Map state, or on a Pass state with a `Result` or `Parameters`; in
///   JSONata `"Output": "{% $states.input %}"`) unless it sets one, so the error survives
///   the unwinding. A JSONPath `OutputPath` goes with the discarded result; a JSONata
///   `Output` of its own that does not read `$states.input` is a `build()` problem.
/// - The unwinding ends in a Fail state named `Saga failed` (see
///   [`failure_state_name`](Saga::failure_state_name)) whose `Error` and `Cause` are the
///   original ones, or in the chain given to [`on_compensated`](Saga::on_compensated).
///   An error without a cause is re-raised with an empty one (reading the missing field
///   would fail the state and lose the error): in JSONPath a Pass state
///   `Saga failed: cause` before the Fail state gives it that default. An error whose
///   `Error` or `Cause` is `null` (a `SendTaskFailure` call without them) cannot be
///   re-raised by a Fail state: after the compensations ran, the execution fails with
///   `States.Runtime` (JSONPath) or `States.QueryEvaluationError` (JSONata) instead.
///
/// The saga's open ends are those of its last step (and of the `on_compensated` chain), so
/// `Chain::from(saga).next(x)` continues with `x` after success.
///
/// # Examples
///
/// ```
/// use sfn_dsl::patterns::Saga;
/// use sfn_dsl::prelude::*;
///
/// let saga = Saga::new()
///     .step(
///         TaskState::lambda_invoke("Reserve", "reserve").result_path("$.reservation"),
///         TaskState::lambda_invoke("Release", "release"),
///     )
///     .step(
///         TaskState::lambda_invoke("Charge", "charge").result_path("$.payment"),
///         TaskState::lambda_invoke("Refund", "refund"),
///     )
///     .step_without_compensation(TaskState::lambda_invoke("Ship", "ship"));
/// let machine = StateMachine::builder().start(saga).build()?;
/// let states = machine.to_value()["States"].clone();
/// // A failure while charging unwinds from `Release`; while shipping, from `Refund`.
/// assert_eq!(states["Reserve"]["Catch"][0]["Next"], "Saga failed: cause");
/// assert_eq!(states["Charge"]["Catch"][0]["Next"], "Release");
/// assert_eq!(states["Ship"]["Catch"][0]["Next"], "Refund");
/// assert_eq!(states["Refund"]["Next"], "Release");
/// assert_eq!(states["Release"]["Next"], "Saga failed: cause");
/// assert_eq!(states["Saga failed: cause"]["Next"], "Saga failed");
/// assert_eq!(states["Saga failed"]["ErrorPath"], "$.error.Error");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct Saga {
    steps: Steps,
    language: QueryLanguage,
    error_field: String,
    /// Boxed for the same reason as `on_compensated`.
    compensation_retry: Box<RetrierBuilder>,
    /// Boxed, as it is rarely set: the saga is moved by value at every step.
    on_compensated: Option<Box<Chain>>,
    failure_state_name: StateName,
}

impl Default for Saga {
    fn default() -> Self {
        Self::new()
    }
}

/// A step: its action and its compensation.
type Step = (Chain, Option<Chain>);

/// The steps, in order, in blocks that are never moved once allocated: a step is two
/// chains (about 440 bytes), and a saga of thousands of steps built one `step` call at a
/// time would otherwise be copied each time its vector grew.
#[derive(Clone, Debug, Default)]
struct Steps {
    blocks: Vec<Vec<Step>>,
    len: usize,
}

impl Steps {
    fn push(&mut self, step: Step) {
        match self.blocks.last_mut() {
            Some(block) if block.len() < block.capacity() => block.push(step),
            _ => {
                // Doubling, as a vector would, so that there are few blocks.
                let mut block = Vec::with_capacity(self.len.max(4));
                block.push(step);
                self.blocks.push(block);
            }
        }
        self.len += 1;
    }

    fn iter(&self) -> impl Iterator<Item = &Step> {
        self.blocks.iter().flatten()
    }
}

/// Where a catcher of a failing step goes.
#[derive(Clone, PartialEq)]
enum Target {
    /// The node at this index of the merged chain.
    Node(usize),
    /// A state outside the saga (the `on_compensated` chain was a jump).
    Name(StateName),
    /// Whatever follows the saga (the `on_compensated` chain was empty).
    Open,
}

impl Saga {
    /// A saga without steps, for JSONPath states.
    pub fn new() -> Self {
        Self {
            steps: Steps::default(),
            language: QueryLanguage::JsonPath,
            error_field: "error".to_owned(),
            compensation_retry: Box::new(
                Retrier::builder([ErrorName::All])
                    .interval_seconds(1)
                    .max_attempts(3)
                    .backoff_rate(2),
            ),
            on_compensated: None,
            failure_state_name: StateName::new("Saga failed"),
        }
    }

    /// Adds a step: `action` runs next; if a later step fails, `compensation` undoes it.
    pub fn step(mut self, action: impl Into<Chain>, compensation: impl Into<Chain>) -> Self {
        self.steps.push((action.into(), Some(compensation.into())));
        self
    }

    /// Adds a step that needs no undoing (a read, a notification).
    pub fn step_without_compensation(mut self, action: impl Into<Chain>) -> Self {
        self.steps.push((action.into(), None));
        self
    }

    /// The query language the saga's states are written for (JSONPath by default); use
    /// the machine's.
    pub fn query_language(mut self, language: QueryLanguage) -> Self {
        self.language = language;
        self
    }

    /// The input field the original error (`{"Error", "Cause"}`) is kept in, `error` by
    /// default: a plain field name (letters, digits and `_`, not starting with a digit;
    /// `build()` reports another at the first step's catcher).
    pub fn error_field(mut self, field: impl Into<String>) -> Self {
        self.error_field = field.into();
        self
    }

    /// The retrier given to compensation states without one of their own.
    pub fn compensation_retry(mut self, retrier: impl Into<RetrierBuilder>) -> Self {
        *self.compensation_retry = retrier.into();
        self
    }

    /// Continues with `chain` after the compensations instead of failing; the original
    /// error is in the input under the error field. An empty chain continues with
    /// whatever follows the saga.
    pub fn on_compensated(mut self, chain: impl Into<Chain>) -> Self {
        self.on_compensated = Some(Box::new(chain.into()));
        self
    }

    /// The name of the Fail state that ends the unwinding (`Saga failed` by default).
    pub fn failure_state_name(mut self, name: impl Into<StateName>) -> Self {
        self.failure_state_name = name.into();
        self
    }

    /// The end of the unwinding: a Fail state re-raising the original error. An error
    /// output may have no `Cause` (a Fail state without one in a Map or Parallel step,
    /// `SendTaskFailure` without one), and reading a missing field fails the state (with
    /// `States.Runtime` in JSONPath, `States.QueryEvaluationError` in JSONata), which
    /// would replace the original error: the cause defaults to empty. JSONPath needs a
    /// Pass state for it, `<failure>: cause`.
    fn failure(&self) -> Chain {
        let field = &self.error_field;
        let fail = FailState::builder(self.failure_state_name.clone());
        match self.language {
            QueryLanguage::JsonPath => {
                let fail = fail
                    .error_path(format!("$.{field}.Error").as_str())
                    .cause_path(format!("$.{field}.Cause").as_str());
                let mut parameters = PayloadObject::new();
                parameters.insert_dynamic(
                    field,
                    DynamicValue::Intrinsic(IntrinsicCall::new(format!(
                        "States.JsonMerge(States.StringToJson('\\{{\"Cause\": \"\"\\}}'), $.{field}, false)"
                    ))),
                );
                PassState::builder(format!("{}: cause", self.failure_state_name))
                    .parameters(Payload::Object(parameters))
                    .next(fail)
            }
            QueryLanguage::Jsonata => {
                let field = super::jsonata_input_field(field);
                fail.error_jsonata(format!("{field}.Error"))
                    .cause_jsonata(format!("$exists({field}.Cause) ? {field}.Cause : ''"))
                    .into()
            }
        }
    }

    /// A compensation that retries and keeps its input.
    fn prepare(&self, mut compensation: Chain) -> Chain {
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

    /// Reports an error field the states could not agree on at the first catcher the saga
    /// added (`first_catcher`: node and catcher index), or at the first state when no step
    /// can fail (the end of the unwinding still reads it, though no state reaches it).
    fn check_error_field(&self, chain: &mut Chain, first_catcher: Option<(usize, usize)>) {
        let field = match self.language {
            QueryLanguage::JsonPath => "/ResultPath",
            QueryLanguage::Jsonata => "/Output",
        };
        let (node, field) = match first_catcher {
            Some((node, catcher)) => (node, format!("/Catch/{catcher}{field}")),
            None => (0, String::new()),
        };
        if let (Some(problem), Some(state)) = (
            super::field_name_problem("Saga::error_field", "error", &self.error_field, &field),
            chain.nodes.get_mut(node),
        ) {
            state.problems.push(problem);
        }
    }

    /// Turns a Fail state of a step into a Pass state of the same name that keeps the
    /// error it would have raised (`{"Error", "Cause"}`, either absent when the Fail state
    /// has none) in the error field, as the saga's catchers do, and continues with `next`.
    fn record_failure(&self, state: &mut NodeState, next: Transition) {
        let NodeState::Fail(fail) = state else {
            return;
        };
        let FailState {
            comment,
            query_language,
            error,
            cause,
        } = std::mem::take(&mut **fail);
        let mut pass = PassState {
            comment,
            query_language,
            transition: next,
            ..PassState::default()
        };
        let field = &self.error_field;
        match query_language.unwrap_or(self.language) {
            QueryLanguage::JsonPath => {
                let mut recorded = PayloadObject::new();
                for (key, value) in [("Error", error), ("Cause", cause)] {
                    match value {
                        Some(Dynamic::Literal(text)) => recorded.insert(key, Payload::from(text)),
                        Some(Dynamic::Placeholder(text)) => {
                            recorded.insert(key, Payload::from(text.as_str()));
                        }
                        Some(Dynamic::Path(path)) => recorded.insert_dynamic(key, path),
                        // A JSONata expression in a JSONPath state: `build()` reports it as
                        // a field of the other language; keep it where it is seen.
                        Some(Dynamic::Jsonata(expression)) => {
                            recorded.insert(key, Payload::from(expression.to_template_string()));
                        }
                        None => {}
                    }
                }
                pass.parameters = Some(Payload::Object(recorded));
                pass.result_path = Some(Nullable::Value(ReferencePath::new(
                    ["$.", field.as_str()].concat(),
                )));
            }
            QueryLanguage::Jsonata => {
                let mut recorded = Vec::new();
                for (key, value) in [("Error", error), ("Cause", cause)] {
                    let value = match value {
                        Some(Dynamic::Literal(text)) => string_literal(&text),
                        Some(Dynamic::Placeholder(text)) => string_literal(text.as_str()),
                        Some(Dynamic::Jsonata(expression)) => {
                            format!("({})", expression.trimmed())
                        }
                        // A path in a JSONata state: `build()` reports it; JSONata has no
                        // reading of it, so it is left out.
                        Some(Dynamic::Path(_)) | None => continue,
                    };
                    recorded.push(format!("{}: {value}", string_literal(key)));
                }
                pass.output = Some(Payload::Jsonata(Jsonata::new(format!(
                    " $merge([$states.input, {{{}: {{{}}}}}]) ",
                    string_literal(field),
                    recorded.join(", ")
                ))));
            }
        }
        *state = NodeState::Pass(Box::new(pass));
    }

    /// Makes `node` of a step's action enter the unwinding at `target`: a Task, Parallel or
    /// Map state gets the saga's catcher (whose index is returned), a Fail state records
    /// its error and continues there, unless `fail_stays` (it raises the error alike).
    fn unwind_from(
        &self,
        chain: &mut Chain,
        node: usize,
        target: &Target,
        fail_stays: bool,
    ) -> Option<usize> {
        // The step's Task, Parallel and Map states get the catcher, unless a catcher of
        // their own already takes every error; its Fail states unwind instead of ending the
        // execution.
        let kind = chain.nodes.get(node).and_then(unwinds)?;
        if kind == Unwind::Fail && fail_stays {
            return None;
        }
        let next = match target {
            Target::Node(index) => chain
                .nodes
                .get(*index)
                .map(|node| node.name.clone())
                .unwrap_or_default(),
            Target::Name(name) => name.clone(),
            Target::Open => StateName::default(),
        };
        let state = chain.nodes.get_mut(node)?;
        let open = matches!(target, Target::Open);
        if kind == Unwind::Fail {
            let transition = if open {
                Transition::End
            } else {
                Transition::Next(next)
            };
            self.record_failure(&mut state.state, transition);
            if open {
                chain.open.push(Slot::Next(node));
            }
            return None;
        }
        let catcher = state.push_catcher(self.catcher(next))?;
        if open {
            chain.open.push(Slot::Catch(node, catcher));
        }
        Some(catcher)
    }

    fn catcher(&self, next: StateName) -> Catcher {
        let mut catcher = Catcher::new(ErrorName::all_only(), next);
        let field = &self.error_field;
        match self.language {
            QueryLanguage::JsonPath => {
                // The default field's path is shared by every catcher, not copied.
                let path = if field == "error" {
                    ReferencePath::from_static("$.error")
                } else {
                    ReferencePath::new(["$.", field.as_str()].concat())
                };
                catcher.result_path = Some(Nullable::Value(path));
            }
            QueryLanguage::Jsonata => {
                catcher.output = Some(Payload::Jsonata(Jsonata::new(format!(
                    " $merge([$states.input, {{{}: $states.errorOutput}}]) ",
                    string_literal(field)
                ))));
            }
        }
        catcher
    }
}

/// How a state of a step's action takes part in the unwinding.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unwind {
    /// A Task, Parallel or Map state: it gets the saga's catcher.
    Catch,
    /// A Fail state: it records its error and enters the unwinding instead.
    Fail,
}

/// How `node` of a step's action takes part in the unwinding, if it does.
fn unwinds(node: &Node) -> Option<Unwind> {
    match &node.state {
        NodeState::Fail(_) => Some(Unwind::Fail),
        state if node.is_catchable() => {
            // A catcher of the step's own for every error takes the failure over; the
            // saga's would come after it, where AWS refuses one.
            let catches_all = state.catchers().is_some_and(|catchers| {
                catchers
                    .iter()
                    .any(|catcher| catcher.error_equals.contains(&ErrorName::All))
            });
            (!catches_all).then_some(Unwind::Catch)
        }
        _ => None,
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

impl From<Saga> for Chain {
    fn from(mut saga: Saga) -> Self {
        let steps = std::mem::take(&mut saga.steps);
        if steps.len == 0 {
            return Chain::new();
        }
        let undoable = steps.len.saturating_sub(1);

        let end = match saga.on_compensated.take() {
            Some(chain) => *chain,
            None => saga.failure(),
        };
        // The actions, in order, remembering which states belong to which step; each step's
        // chains are moved once, the action into the main path and the compensation aside.
        // Room for every state, the end's included, and one that follows the saga (the usual
        // `Chain::from(saga).next(..)`), so that the list is not copied as it grows.
        let total = steps
            .iter()
            .map(|(action, compensation)| {
                action.nodes.len() + compensation.as_ref().map_or(0, |chain| chain.nodes.len())
            })
            .sum::<usize>()
            + end.nodes.len()
            + 1;
        let mut chain = Chain::new();
        let mut step_nodes = Vec::with_capacity(steps.len);
        let mut compensations = Vec::with_capacity(steps.len);
        // Block by block: a flattening iterator would move each step once more.
        for block in steps.blocks {
            for (action, compensation) in block {
                let offset = chain.nodes.len();
                chain.append(action);
                chain.reserve(total);
                step_nodes.push(offset..chain.nodes.len());
                compensations.push(compensation);
            }
        }

        // The shared unwind chain: compensations of every step but the last, in reverse,
        // then the end. `entry[i]` is where step i's compensation starts in it.
        let mut unwind = Chain::new();
        let mut entry = vec![None; compensations.len()];
        compensations.truncate(undoable);
        // Room for every compensation and the end, so that the list is not copied as it
        // grows.
        let unwind_total = compensations
            .iter()
            .flatten()
            .map(|compensation| compensation.nodes.len())
            .sum::<usize>()
            + end.nodes.len();
        for (index, compensation) in compensations.into_iter().enumerate().rev() {
            if let Some(compensation) = compensation {
                let offset = unwind.nodes.len();
                unwind.append(saga.prepare(compensation));
                unwind.reserve(unwind_total);
                if unwind.nodes.len() > offset {
                    entry[index] = Some(offset);
                }
            }
        }
        // Without compensations to run and without `on_compensated`, a Fail state of a step
        // raises its error itself, as the end of the unwinding would.
        let fails_alike = saga.on_compensated.is_none();
        let end_target = match (&end.jump, end.nodes.is_empty()) {
            (_, false) => Target::Node(unwind.nodes.len()),
            (Some(name), true) => Target::Name(name.clone()),
            (None, true) => Target::Open,
        };
        unwind.append(end);

        // Merged after the main path; indexes shift by `offset`, names may be renamed.
        let offset = chain.nodes.len();
        chain.absorb(unwind, true);
        let shift = |target: Target| match target {
            Target::Node(index) => Target::Node(index + offset),
            other => other,
        };

        let mut target = shift(end_target);
        let end = target.clone();
        let mut first_catcher = None;
        for (step, nodes) in step_nodes.into_iter().enumerate() {
            for node in nodes {
                let first =
                    saga.unwind_from(&mut chain, node, &target, fails_alike && target == end);
                if let Some(catcher) = first {
                    first_catcher.get_or_insert((node, catcher));
                }
            }
            if let Some(Some(start)) = entry.get(step) {
                target = Target::Node(start + offset);
            }
        }
        saga.check_error_field(&mut chain, first_catcher);
        chain
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Saga;
    use crate::prelude::*;

    fn task(name: &str) -> TaskStateBuilder<crate::builder::marker::Present> {
        TaskState::lambda_invoke(name, name.to_lowercase())
    }

    #[test]
    fn the_state_after_the_saga_fits_without_copying_the_list() {
        let mut saga = Saga::new();
        for step in 0..50 {
            saga = saga.step(task(&format!("Do {step}")), task(&format!("Undo {step}")));
        }
        // The last compensation is never needed: no room is left over from it.
        let chain = Chain::from(saga.step_without_compensation(task("Last")));
        let crate::small_list::SmallList::Many(nodes) = &chain.nodes else {
            unreachable!("a list of many states")
        };
        let (len, capacity) = (nodes.len(), nodes.capacity());
        let chain = chain.next(SucceedState::builder("Done"));
        let crate::small_list::SmallList::Many(nodes) = &chain.nodes else {
            unreachable!("a list of many states")
        };
        assert_eq!(nodes.len(), len + 1);
        assert_eq!(nodes.capacity(), capacity, "the list grew (and was copied)");
    }

    #[test]
    fn an_empty_saga_is_the_empty_chain() {
        assert!(Chain::from(Saga::new()).is_empty());
    }

    #[test]
    fn an_empty_end_continues_after_the_saga() {
        let saga = Saga::new()
            .step(task("A"), task("Undo A"))
            .step(task("B"), task("Undo B"))
            .on_compensated(Chain::new());
        let machine = StateMachine::builder()
            .start(Chain::from(saga).next(SucceedState::builder("After")))
            .build()
            .expect("builds");
        let states = machine.to_value()["States"].clone();
        assert_eq!(states["A"]["Catch"][0]["Next"], "After");
        assert_eq!(states["B"]["Catch"][0]["Next"], "Undo A");
        assert_eq!(states["Undo A"]["Next"], "After");
        assert_eq!(states["B"]["Next"], "After");
        assert_eq!(states.as_object().map(serde_json::Map::len), Some(4));
    }

    #[test]
    fn compensations_keep_their_own_retry_and_result_path() {
        let saga = Saga::new()
            .step(
                task("A"),
                task("Undo A")
                    .retry(ErrorName::Timeout)
                    .result_path("$.undo"),
            )
            .step(task("B"), task("Undo B"));
        let machine = StateMachine::builder().start(saga).build().expect("builds");
        let undo = machine.to_value()["States"]["Undo A"].clone();
        assert_eq!(undo["Retry"], json!([{"ErrorEquals": ["States.Timeout"]}]));
        assert_eq!(undo["ResultPath"], "$.undo");
    }
}
