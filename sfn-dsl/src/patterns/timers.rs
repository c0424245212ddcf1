//! Timers: delays, waiting until a time from the input, reminders, and deadlines.

use crate::builder::{Arg, Chain, TaskStateBuilder, WaitStateBuilder, marker::Present};
use crate::model::{Catcher, Dynamic, ErrorName, ReferencePath, StateName, WaitState};

/// A Wait state pausing for `seconds`: a number, [`Dynamic::path`] (JSONPath),
/// [`Dynamic::jsonata`] or [`Dynamic::placeholder`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::patterns::timers;
/// use sfn_dsl::prelude::*;
///
/// let cool_down = timers::delay("Cool down", 300);
/// let machine = StateMachine::builder().start(cool_down).build()?;
/// assert_eq!(machine.to_value()["States"]["Cool down"]["Seconds"], 300);
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
pub fn delay(
    name: impl Into<StateName>,
    seconds: impl Into<Dynamic<u64>>,
) -> WaitStateBuilder<Present> {
    WaitState::builder(name).seconds(seconds)
}

/// A Wait state pausing until the RFC 3339 instant found at `path` in the input
/// (JSONPath; [`wait_until_input`] works in both query languages).
///
/// # Examples
///
/// ```
/// use sfn_dsl::patterns::timers;
/// use sfn_dsl::prelude::*;
///
/// let launch = timers::wait_until("Until launch", "$.launchAt");
/// let machine = StateMachine::builder().start(launch).build()?;
/// assert_eq!(machine.to_value()["States"]["Until launch"]["TimestampPath"], "$.launchAt");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
pub fn wait_until(
    name: impl Into<StateName>,
    path: impl Into<ReferencePath>,
) -> WaitStateBuilder<Present> {
    WaitState::builder(name).timestamp_path(path)
}

/// A Wait state pausing until the RFC 3339 instant in the input field `field`, written for
/// the state's query language: `TimestampPath` in JSONPath, `Timestamp` with a JSONata
/// expression in JSONata.
///
/// # Examples
///
/// ```
/// use sfn_dsl::patterns::timers;
/// use sfn_dsl::prelude::*;
///
/// let machine = StateMachine::builder()
///     .query_language(QueryLanguage::Jsonata)
///     .start(timers::wait_until_input("Until launch", "launchAt"))
///     .build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Until launch"]["Timestamp"],
///     "{% $states.input.launchAt %}"
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
pub fn wait_until_input(
    name: impl Into<StateName>,
    field: impl Into<String>,
) -> WaitStateBuilder<Present> {
    WaitState::builder(name).timestamp_from(Arg::input_field(field))
}

/// A deadline on a task: it may run at most `seconds` (`TimeoutSeconds`), and when it runs
/// out the state continues with `on_timeout` (a catcher for `States.Timeout`), which
/// receives the task's input (the catcher [keeps the input](crate::builder::CatcherBuilder::keep_input)),
/// so it can still read what timed out.
///
/// Apply the deadline before adding a `States.ALL` catcher, which must stay last.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::patterns::timers;
/// use sfn_dsl::prelude::*;
///
/// let report = timers::deadline(
///     TaskState::lambda_invoke("Build report", "report"),
///     900,
///     PassState::builder("Report late").result(json!({"late": true})),
/// );
/// let machine = StateMachine::builder().start(report).build()?;
/// let task = &machine.to_value()["States"]["Build report"];
/// assert_eq!(task["TimeoutSeconds"], 900);
/// assert_eq!(
///     task["Catch"],
///     json!([{"ErrorEquals": ["States.Timeout"], "ResultPath": null, "Next": "Report late"}])
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
pub fn deadline(
    task: TaskStateBuilder<Present>,
    seconds: impl Into<Dynamic<u64>>,
    on_timeout: impl Into<Chain>,
) -> TaskStateBuilder<Present> {
    task.timeout_seconds(seconds).catch(
        Catcher::builder([ErrorName::Timeout]).keep_input(),
        on_timeout,
    )
}

/// Reminders: `times` rounds of waiting `every` seconds and then running the `notify`
/// chain. Each round's states are prefixed with `"<name> <round>: "`, so a `Send reminder`
/// task becomes `Reminder 1: Send reminder`, `Reminder 2: Send reminder`, …
///
/// # Examples
///
/// ```
/// use sfn_dsl::patterns::Reminders;
/// use sfn_dsl::prelude::*;
///
/// let nudge = TaskState::call("Send reminder", sns::Publish::new("${RemindersTopicArn}", "Please pay your invoice"));
/// let reminders = Reminders::new("Reminder", nudge).every(86_400).times(2);
/// let chain = Chain::from(reminders);
/// assert_eq!(
///     chain.state_names(),
///     ["Reminder 1: wait", "Reminder 1: Send reminder", "Reminder 2: wait", "Reminder 2: Send reminder"]
/// );
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct Reminders {
    name: String,
    notify: Chain,
    every: Dynamic<u64>,
    times: usize,
}

impl Reminders {
    /// Reminders named `name` that run `notify`; by default once, after a day.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Reminders;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reminders = Reminders::new("Nudge", PassState::builder("Notify"));
    /// let machine = StateMachine::builder().start(reminders).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Nudge 1: wait"]["Seconds"], 86_400);
    /// assert_eq!(states["Nudge 1: wait"]["Next"], "Nudge 1: Notify");
    /// assert_eq!(states.as_object().map(|states| states.len()), Some(2));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(name: impl Into<String>, notify: impl Into<Chain>) -> Self {
        Self {
            name: name.into(),
            notify: notify.into(),
            every: Dynamic::Literal(86_400),
            times: 1,
        }
    }

    /// The wait before each reminder.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Reminders;
    /// use sfn_dsl::prelude::*;
    ///
    /// // The interval read from the input at run time.
    /// let reminders = Reminders::new("Nudge", PassState::builder("Notify")).every(Dynamic::path("$.interval"));
    /// let machine = StateMachine::builder().start(reminders).build()?;
    /// assert_eq!(machine.to_value()["States"]["Nudge 1: wait"]["SecondsPath"], "$.interval");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn every(mut self, seconds: impl Into<Dynamic<u64>>) -> Self {
        self.every = seconds.into();
        self
    }

    /// How many reminders to send.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::Reminders;
    /// use sfn_dsl::prelude::*;
    ///
    /// let chain = Chain::from(Reminders::new("Nudge", PassState::builder("Notify")).every(3600).times(3));
    /// assert_eq!(chain.state_names().len(), 6);
    /// assert_eq!(chain.state_names().last(), Some(&"Nudge 3: Notify"));
    /// // No reminders at all: an empty chain.
    /// assert!(Chain::from(Reminders::new("Nudge", PassState::builder("Notify")).times(0)).is_empty());
    /// ```
    pub fn times(mut self, times: usize) -> Self {
        self.times = times;
        self
    }
}

impl From<Reminders> for Chain {
    fn from(reminders: Reminders) -> Self {
        let mut chain = Chain::new();
        for round in 1..=reminders.times {
            let prefix = format!("{} {round}: ", reminders.name);
            let wait = WaitState::builder(format!("{prefix}wait")).seconds(reminders.every.clone());
            chain = chain
                .next(wait)
                .next(reminders.notify.clone().prefixed(&prefix));
        }
        chain
    }
}
