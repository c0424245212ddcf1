//! [`Saga`]: ordered steps with compensations, unwound in reverse on failure.

mod catcher;
mod chain;
mod compensation;
mod failure;

use super::{field_name_problem, jsonata_input_field};
use crate::builder::{Chain, RetrierBuilder};
use crate::model::{ErrorName, QueryLanguage, Retrier, StateName};

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
///   yet and no [`on_compensated`](Saga::on_compensated) chain, it stays a Fail state. One
///   without an `Error` (or `ErrorPath`) is a `build()` problem unless the saga ends in an
///   `on_compensated` chain: the end of the unwinding re-raises the error by name.
/// - Pass, Wait, Choice and Succeed states cannot have catchers: they never enter the
///   unwinding (a Choice without a match fails the execution, as it would outside a
///   saga). Compensations that no step can reach are left out (those of the steps after
///   the last one that can enter the unwinding), and so is the end of the unwinding when
///   no step can enter it; a saga of Pass states, of steps that catch every error
///   themselves, or of empty actions, is just its actions. A step with an empty action
///   does nothing, and its compensation still runs when a later step fails.
/// - Every compensation state, those of its catch handlers included (they continue the
///   unwinding), without a `Retry` of its own gets the
///   [compensation retrier](Saga::compensation_retry) (by default `States.ALL`, 3
///   attempts, 1 second, backoff 2), and passes the saga's data on, so the error survives
///   the unwinding. In JSONPath, a Task, Parallel or Map state, and a Pass state with a
///   `Result`, `Parameters` or `InputPath`, discards its result (`"ResultPath": null`,
///   which keeps the raw input) unless it sets a result path, and its `OutputPath` goes
///   with the discarded result; each catcher without a result path keeps the input
///   (`"ResultPath": null`), so its handler gets the saga's data rather than the
///   compensation's own error. A result path of `$` (a state's or a catcher's), an
///   `InputPath` or `OutputPath` of a Wait or Choice state, and the `OutputPath` of any
///   other Pass state, are `build()` problems. In JSONata, Task, Parallel and Map states and catchers without an `Output`
///   get `"Output": "{% $states.input %}"`, and an `Output` of its own (a state's, a
///   Choice rule's or a catcher's) that does not read `$states.input` is a `build()`
///   problem. Not checked: a result path that overwrites the error field itself, and the
///   fields of states nested in a compensation's Parallel branches or Map items (their
///   results are discarded with the state's).
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

impl Saga {
    /// A saga without steps, for JSONPath states.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Saga;
    /// use sfn_dsl::prelude::*;
    ///
    /// let saga = Saga::new()
    ///     .step(TaskState::lambda_invoke("Reserve", "reserve"), TaskState::lambda_invoke("Release", "release"))
    ///     .step_without_compensation(TaskState::lambda_invoke("Ship", "ship"));
    /// let machine = StateMachine::builder().start(saga).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Ship"]["Catch"][0]["ErrorEquals"][0], "States.ALL");
    /// assert_eq!(states["Ship"]["Catch"][0]["Next"], "Release");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Saga;
    /// use sfn_dsl::prelude::*;
    ///
    /// let saga = Saga::new()
    ///     .step(TaskState::lambda_invoke("Reserve", "reserve"), TaskState::lambda_invoke("Release", "release"))
    ///     .step_without_compensation(TaskState::lambda_invoke("Ship", "ship"));
    /// let machine = StateMachine::builder().start(saga).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Reserve"]["Next"], "Ship");
    /// assert_eq!(states["Ship"]["Catch"][0]["Next"], "Release");
    /// assert_eq!(states["Release"]["Retry"][0]["MaxAttempts"], 3);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn step(mut self, action: impl Into<Chain>, compensation: impl Into<Chain>) -> Self {
        self.steps.push((action.into(), Some(compensation.into())));
        self
    }

    /// Adds a step that needs no undoing (a read, a notification).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Saga;
    /// use sfn_dsl::prelude::*;
    ///
    /// let saga = Saga::new()
    ///     .step(TaskState::lambda_invoke("Reserve", "reserve"), TaskState::lambda_invoke("Release", "release"))
    ///     .step_without_compensation(TaskState::lambda_invoke("Ship", "ship"));
    /// let machine = StateMachine::builder().start(saga).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Ship"]["End"], true);
    /// assert_eq!(states["Ship"]["Catch"][0]["Next"], "Release");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn step_without_compensation(mut self, action: impl Into<Chain>) -> Self {
        self.steps.push((action.into(), None));
        self
    }

    /// The query language the saga's states are written for (JSONPath by default); use
    /// the machine's.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Saga;
    /// use sfn_dsl::prelude::*;
    ///
    /// let saga = Saga::new()
    ///     .step(TaskState::lambda_invoke("Reserve", "reserve"), TaskState::lambda_invoke("Release", "release"))
    ///     .step_without_compensation(TaskState::lambda_invoke("Ship", "ship"))
    ///     .query_language(QueryLanguage::Jsonata);
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(saga).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Release"]["Output"], "{% $states.input %}");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn query_language(mut self, language: QueryLanguage) -> Self {
        self.language = language;
        self
    }

    /// The input field the original error (`{"Error", "Cause"}`) is kept in, `error` by
    /// default: a plain field name (letters, digits and `_`, not starting with a digit;
    /// `build()` reports another at the first step's catcher).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Saga;
    /// use sfn_dsl::prelude::*;
    ///
    /// let saga = Saga::new()
    ///     .step(TaskState::lambda_invoke("Reserve", "reserve"), TaskState::lambda_invoke("Release", "release"))
    ///     .step_without_compensation(TaskState::lambda_invoke("Ship", "ship"))
    ///     .error_field("failure");
    /// let machine = StateMachine::builder().start(saga).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Ship"]["Catch"][0]["ResultPath"], "$.failure");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn error_field(mut self, field: impl Into<String>) -> Self {
        self.error_field = field.into();
        self
    }

    /// The retrier given to compensation states without one of their own.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Saga;
    /// use sfn_dsl::prelude::*;
    ///
    /// let saga = Saga::new()
    ///     .step(TaskState::lambda_invoke("Reserve", "reserve"), TaskState::lambda_invoke("Release", "release"))
    ///     .step_without_compensation(TaskState::lambda_invoke("Ship", "ship"))
    ///     .compensation_retry(Retrier::builder([ErrorName::All]).max_attempts(5));
    /// let machine = StateMachine::builder().start(saga).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Release"]["Retry"][0]["MaxAttempts"], 5);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn compensation_retry(mut self, retrier: impl Into<RetrierBuilder>) -> Self {
        *self.compensation_retry = retrier.into();
        self
    }

    /// Continues with `chain` after the compensations instead of failing; the original
    /// error is in the input under the error field. An empty chain continues with
    /// whatever follows the saga.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Saga;
    /// use sfn_dsl::prelude::*;
    ///
    /// let saga = Saga::new()
    ///     .step(TaskState::lambda_invoke("Reserve", "reserve"), TaskState::lambda_invoke("Release", "release"))
    ///     .step_without_compensation(TaskState::lambda_invoke("Ship", "ship"))
    ///     .on_compensated(PassState::builder("Undone"));
    /// let machine = StateMachine::builder().start(saga).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Release"]["Next"], "Undone");
    /// assert!(states.get("Saga failed").is_none());
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn on_compensated(mut self, chain: impl Into<Chain>) -> Self {
        self.on_compensated = Some(Box::new(chain.into()));
        self
    }

    /// The name of the Fail state that ends the unwinding (`Saga failed` by default).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Saga;
    /// use sfn_dsl::prelude::*;
    ///
    /// let saga = Saga::new()
    ///     .step(TaskState::lambda_invoke("Reserve", "reserve"), TaskState::lambda_invoke("Release", "release"))
    ///     .step_without_compensation(TaskState::lambda_invoke("Ship", "ship"))
    ///     .failure_state_name("Order failed");
    /// let machine = StateMachine::builder().start(saga).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Order failed"]["Type"], "Fail");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn failure_state_name(mut self, name: impl Into<StateName>) -> Self {
        self.failure_state_name = name.into();
        self
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
