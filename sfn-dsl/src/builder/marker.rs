//! Typestate markers: a builder whose required field is not set yet has the type parameter
//! [`Missing`], and only becomes usable as a state (`.next(…)`, `Into<Chain>`, `build()`)
//! once the field is set and the parameter is [`Present`].
//!
//! The traits are sealed; their only implementations are for [`Present`]. Their
//! `#[diagnostic::on_unimplemented]` messages name the missing field, so forgetting it is a
//! compile error that says what to do.

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Missing {}
    impl Sealed for super::Present {}
}

/// The required field is not set yet.
///
/// # Examples
///
/// ```
/// use sfn_dsl::builder::marker::{Missing, Present};
/// use sfn_dsl::prelude::*;
///
/// // A Wait state without a duration cannot be used as a state yet…
/// let pause: WaitStateBuilder<Missing> = WaitState::builder("Pause");
/// // …until one is set: then `.next(…)` and `build()` accept it.
/// let pause: WaitStateBuilder<Present> = pause.seconds(30);
/// let machine = StateMachine::builder().start(pause).build()?;
/// assert_eq!(machine.to_value()["States"]["Pause"]["Seconds"], 30);
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
///
/// The missing field is a compile error naming what to set:
///
/// ```compile_fail
/// use sfn_dsl::prelude::*;
///
/// // error: this Wait state has no duration yet
/// let machine = StateMachine::builder().start(WaitState::builder("Pause")).build();
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Missing;

/// The required field is set.
///
/// # Examples
///
/// ```
/// use sfn_dsl::builder::marker::Present;
/// use sfn_dsl::prelude::*;
///
/// // Setting the `Resource` makes the Task complete.
/// let charge: TaskStateBuilder<Present> = TaskState::builder("Charge")
///     .resource("arn:aws:lambda:us-east-1:123456789012:function:charge");
/// let machine = StateMachine::builder().start(charge).build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Charge"]["Resource"],
///     "arn:aws:lambda:us-east-1:123456789012:function:charge"
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Present;

macro_rules! required_field {
    ($(#[$meta:meta])* $name:ident, $message:literal, $label:literal, $note:literal) => {
        $(#[$meta])*
        #[diagnostic::on_unimplemented(message = $message, label = $label, note = $note)]
        pub trait $name: sealed::Sealed {}
        impl $name for Present {}
    };
}

required_field!(
    /// The Task's `Resource` is set.
    ///
    /// Only a builder whose marker implements it can become a state (`.next(…)`,
    /// `Into<Chain>`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::builder::marker::ResourceIsSet;
    /// use sfn_dsl::prelude::*;
    ///
    /// fn first_state<M: ResourceIsSet>(state: TaskStateBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    ///     StateMachine::builder().start(state).build()
    /// }
    /// let machine = first_state(TaskState::builder("Charge").resource("arn:aws:lambda:us-east-1:123456789012:function:charge"))?;
    /// assert_eq!(machine.to_value()["States"]["Charge"]["Resource"], "arn:aws:lambda:us-east-1:123456789012:function:charge");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    ///
    /// The builder before the field is set does not:
    ///
    /// ```compile_fail
    /// # use sfn_dsl::builder::marker::ResourceIsSet;
    /// # use sfn_dsl::prelude::*;
    /// # fn first_state<M: ResourceIsSet>(state: TaskStateBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    /// #     StateMachine::builder().start(state).build()
    /// # }
    /// let machine = first_state(TaskState::builder("Charge"));
    /// ```
    ResourceIsSet,
    "this Task has no `Resource` yet",
    "the Task is incomplete",
    "set what the Task calls with `.resource(...)` or `.call(...)`, or start from a constructor such as `TaskState::lambda_invoke(...)`"
);

required_field!(
    /// The Wait state's duration is set.
    ///
    /// Only a builder whose marker implements it can become a state (`.next(…)`,
    /// `Into<Chain>`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::builder::marker::DurationIsSet;
    /// use sfn_dsl::prelude::*;
    ///
    /// fn first_state<M: DurationIsSet>(state: WaitStateBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    ///     StateMachine::builder().start(state).build()
    /// }
    /// let machine = first_state(WaitState::builder("Pause").seconds(30))?;
    /// assert_eq!(machine.to_value()["States"]["Pause"]["Seconds"], 30);
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    ///
    /// The builder before the field is set does not:
    ///
    /// ```compile_fail
    /// # use sfn_dsl::builder::marker::DurationIsSet;
    /// # use sfn_dsl::prelude::*;
    /// # fn first_state<M: DurationIsSet>(state: WaitStateBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    /// #     StateMachine::builder().start(state).build()
    /// # }
    /// let machine = first_state(WaitState::builder("Pause"));
    /// ```
    DurationIsSet,
    "this Wait state has no duration yet",
    "the Wait state is incomplete",
    "set how long to wait with `.seconds(...)`, `.seconds_path(...)`, `.timestamp(...)` or `.timestamp_path(...)`"
);

required_field!(
    /// The Choice state has at least one rule.
    ///
    /// Only a builder whose marker implements it can become a state (`.next(…)`,
    /// `Into<Chain>`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::builder::marker::ChoicesAreSet;
    /// use sfn_dsl::prelude::*;
    ///
    /// fn first_state<M: ChoicesAreSet>(state: ChoiceStateBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    ///     StateMachine::builder().start(state).build()
    /// }
    /// let machine = first_state(ChoiceState::builder("Big?").when(Rule::numeric_greater_than("$.total", 100), SucceedState::builder("Big")))?;
    /// assert!(machine.to_value()["States"]["Big?"].get("Choices").is_some());
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    ///
    /// The builder before the field is set does not:
    ///
    /// ```compile_fail
    /// # use sfn_dsl::builder::marker::ChoicesAreSet;
    /// # use sfn_dsl::prelude::*;
    /// # fn first_state<M: ChoicesAreSet>(state: ChoiceStateBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    /// #     StateMachine::builder().start(state).build()
    /// # }
    /// let machine = first_state(ChoiceState::builder("Big?"));
    /// ```
    ChoicesAreSet,
    "this Choice state has no rules yet",
    "the Choice state is incomplete",
    "add a rule with `.when(rule, next)`"
);

required_field!(
    /// The Parallel state has at least one branch.
    ///
    /// Only a builder whose marker implements it can become a state (`.next(…)`,
    /// `Into<Chain>`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::builder::marker::BranchesAreSet;
    /// use sfn_dsl::prelude::*;
    ///
    /// fn first_state<M: BranchesAreSet>(state: ParallelStateBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    ///     StateMachine::builder().start(state).build()
    /// }
    /// let machine = first_state(ParallelState::builder("Both").branch(PassState::builder("Left")))?;
    /// assert!(machine.to_value()["States"]["Both"].get("Branches").is_some());
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    ///
    /// The builder before the field is set does not:
    ///
    /// ```compile_fail
    /// # use sfn_dsl::builder::marker::BranchesAreSet;
    /// # use sfn_dsl::prelude::*;
    /// # fn first_state<M: BranchesAreSet>(state: ParallelStateBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    /// #     StateMachine::builder().start(state).build()
    /// # }
    /// let machine = first_state(ParallelState::builder("Both"));
    /// ```
    BranchesAreSet,
    "this Parallel state has no branches yet",
    "the Parallel state is incomplete",
    "add a branch with `.branch(chain)`"
);

required_field!(
    /// The Map state's item processor is set.
    ///
    /// Only a builder whose marker implements it can become a state (`.next(…)`,
    /// `Into<Chain>`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::builder::marker::ProcessorIsSet;
    /// use sfn_dsl::prelude::*;
    ///
    /// fn first_state<M: ProcessorIsSet>(state: MapStateBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    ///     StateMachine::builder().start(state).build()
    /// }
    /// let machine = first_state(MapState::builder("Each").item_processor(PassState::builder("Item")))?;
    /// assert!(machine.to_value()["States"]["Each"].get("ItemProcessor").is_some());
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    ///
    /// The builder before the field is set does not:
    ///
    /// ```compile_fail
    /// # use sfn_dsl::builder::marker::ProcessorIsSet;
    /// # use sfn_dsl::prelude::*;
    /// # fn first_state<M: ProcessorIsSet>(state: MapStateBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    /// #     StateMachine::builder().start(state).build()
    /// # }
    /// let machine = first_state(MapState::builder("Each"));
    /// ```
    ProcessorIsSet,
    "this Map state has no item processor yet",
    "the Map state is incomplete",
    "set the states run for each item with `.item_processor(chain)`"
);

required_field!(
    /// The machine's first state is set.
    ///
    /// Only a machine builder whose marker implements it can `build()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::builder::marker::StartIsSet;
    /// use sfn_dsl::prelude::*;
    ///
    /// fn finish<M: StartIsSet>(builder: StateMachineBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    ///     builder.comment("checked").build()
    /// }
    /// let machine = finish(StateMachine::builder().start(SucceedState::builder("Done")))?;
    /// assert_eq!(machine.to_value()["StartAt"], "Done");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    ///
    /// A builder without states does not:
    ///
    /// ```compile_fail
    /// # use sfn_dsl::builder::marker::StartIsSet;
    /// # use sfn_dsl::prelude::*;
    /// # fn finish<M: StartIsSet>(builder: StateMachineBuilder<M>) -> Result<StateMachine, sfn_dsl::BuildError> {
    /// #     builder.build()
    /// # }
    /// let machine = finish(StateMachine::builder());
    /// ```
    StartIsSet,
    "this state machine has no states yet",
    "the machine is incomplete",
    "set its states with `.start(chain)`"
);
