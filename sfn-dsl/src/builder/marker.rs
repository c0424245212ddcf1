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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Missing;

/// The required field is set.
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
    ResourceIsSet,
    "this Task has no `Resource` yet",
    "the Task is incomplete",
    "set what the Task calls with `.resource(...)` or `.call(...)`, or start from a constructor such as `TaskState::lambda_invoke(...)`"
);

required_field!(
    /// The Wait state's duration is set.
    DurationIsSet,
    "this Wait state has no duration yet",
    "the Wait state is incomplete",
    "set how long to wait with `.seconds(...)`, `.seconds_path(...)`, `.timestamp(...)` or `.timestamp_path(...)`"
);

required_field!(
    /// The Choice state has at least one rule.
    ChoicesAreSet,
    "this Choice state has no rules yet",
    "the Choice state is incomplete",
    "add a rule with `.when(rule, next)`"
);

required_field!(
    /// The Parallel state has at least one branch.
    BranchesAreSet,
    "this Parallel state has no branches yet",
    "the Parallel state is incomplete",
    "add a branch with `.branch(chain)`"
);

required_field!(
    /// The Map state's item processor is set.
    ProcessorIsSet,
    "this Map state has no item processor yet",
    "the Map state is incomplete",
    "set the states run for each item with `.item_processor(chain)`"
);

required_field!(
    /// The machine's first state is set.
    StartIsSet,
    "this state machine has no states yet",
    "the machine is incomplete",
    "set its states with `.start(chain)`"
);
