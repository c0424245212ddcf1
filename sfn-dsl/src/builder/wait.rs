//! [`WaitStateBuilder`]: the Wait state.

use std::marker::PhantomData;

use super::arg::{Arg, Request};
use super::chain::{Chain, Deferred, DeferredField, NodeState};
use super::common::{Common, setters};
use super::marker::{DurationIsSet, Missing, Present};
use crate::model::{Dynamic, ReferencePath, StateName, WaitDuration, WaitState};

/// Builds a Wait state: pauses for a number of seconds or until a timestamp, given
/// literally, read from the input (JSONPath) or computed (JSONata).
///
/// The duration is required: [`next`](Self::next) and the conversion into a [`Chain`]
/// only exist once it is set.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let machine = StateMachine::builder()
///     .start(
///         WaitState::builder("Cool down").seconds(30)
///             .next(WaitState::builder("Until ship date").timestamp_path("$.shipDate"))
///             .next(WaitState::builder("Computed").seconds(Dynamic::jsonata("$states.input.delay"))
///                 .query_language(QueryLanguage::Jsonata)),
///     )
///     .build()?;
/// let states = &machine.to_value()["States"];
/// assert_eq!(states["Cool down"]["Seconds"], json!(30));
/// assert_eq!(states["Until ship date"]["TimestampPath"], json!("$.shipDate"));
/// assert_eq!(states["Computed"]["Seconds"], json!("{% $states.input.delay %}"));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
///
/// A Wait state without a duration does not compile:
///
/// ```compile_fail
/// use sfn_dsl::prelude::*;
///
/// let chain: Chain = WaitState::builder("Forever").into();
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct WaitStateBuilder<D = Missing> {
    state: Box<WaitState>,
    common: Common,
    marker: PhantomData<D>,
}

impl WaitState {
    /// A builder for a Wait state named `name`; set its duration next.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(WaitState::builder("Pause").seconds(10))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Pause"];
    /// assert_eq!(state, &json!({"Type": "Wait", "Seconds": 10, "End": true}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder(name: impl Into<StateName>) -> WaitStateBuilder<Missing> {
        WaitStateBuilder {
            state: Box::default(),
            common: Common::new(name),
            marker: PhantomData,
        }
    }
}

impl<D> WaitStateBuilder<D> {
    setters!(
        example("WaitState::builder(\"S\").seconds(5)", "");
        comment,
        query_language,
        input_path,
        output_path,
        output,
        assign,
        end
    );

    /// Waits this many seconds: a number, [`Dynamic::jsonata`] or [`Dynamic::placeholder`].
    /// Serialized as `Seconds`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(WaitState::builder("Pause").seconds(10))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Pause"];
    /// assert_eq!(state["Seconds"], json!(10));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn seconds(self, seconds: impl Into<Dynamic<u64>>) -> WaitStateBuilder<Present> {
        self.duration(WaitDuration::Seconds(seconds.into()))
    }

    /// Waits the number of seconds found at `path` in the input (JSONPath). Serialized as
    /// `SecondsPath`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(WaitState::builder("Pause").seconds_path("$.delay"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Pause"];
    /// assert_eq!(state["SecondsPath"], json!("$.delay"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn seconds_path(self, path: impl Into<ReferencePath>) -> WaitStateBuilder<Present> {
        self.duration(WaitDuration::Seconds(Dynamic::path(path.into())))
    }

    /// Waits until an RFC 3339 instant such as `2025-01-01T00:00:00Z`, or a
    /// [`Dynamic::jsonata`] expression. Serialized as `Timestamp`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(WaitState::builder("Until").timestamp("2025-01-01T00:00:00Z"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Until"];
    /// assert_eq!(state["Timestamp"], json!("2025-01-01T00:00:00Z"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn timestamp(self, timestamp: impl Into<Dynamic<String>>) -> WaitStateBuilder<Present> {
        self.duration(WaitDuration::Timestamp(timestamp.into()))
    }

    /// Waits until the instant found at `path` in the input (JSONPath). Serialized as
    /// `TimestampPath`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(WaitState::builder("Until").timestamp_path("$.shipAt"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Until"];
    /// assert_eq!(state["TimestampPath"], json!("$.shipAt"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn timestamp_path(self, path: impl Into<ReferencePath>) -> WaitStateBuilder<Present> {
        self.duration(WaitDuration::Timestamp(Dynamic::path(path.into())))
    }

    /// Waits the number of seconds `value` gives, written for the state's query language:
    /// [`Arg::input_field`]`("delay")` is `"SecondsPath": "$.delay"` in JSONPath and
    /// `"Seconds": "{% $states.input.delay %}"` in JSONata; [`Arg::var`] reads a variable,
    /// [`Arg::context`] the context object, and a number is a literal `Seconds`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let wait = |language| {
    ///     let machine = StateMachine::builder()
    ///         .query_language(language)
    ///         .start(WaitState::builder("Back off").seconds_from(Arg::input_field("delay")))
    ///         .build()?;
    ///     Ok::<_, sfn_dsl::Error>(machine.to_value()["States"]["Back off"].clone())
    /// };
    /// assert_eq!(wait(QueryLanguage::JsonPath)?["SecondsPath"], "$.delay");
    /// assert_eq!(wait(QueryLanguage::Jsonata)?["Seconds"], "{% $states.input.delay %}");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn seconds_from(self, value: impl Into<Arg>) -> WaitStateBuilder<Present> {
        self.deferred_duration(value.into(), false)
    }

    /// Waits until the RFC 3339 instant `value` gives, written for the state's query
    /// language: [`Arg::input_field`]`("shipAt")` is `"TimestampPath": "$.shipAt"` in
    /// JSONPath and `"Timestamp": "{% $states.input.shipAt %}"` in JSONata; a string is a
    /// literal `Timestamp`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(WaitState::builder("Until shipping").timestamp_from(Arg::var("shipAt")))
    ///     .build()?;
    /// assert_eq!(machine.to_value()["States"]["Until shipping"]["Timestamp"], "{% $shipAt %}");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn timestamp_from(self, value: impl Into<Arg>) -> WaitStateBuilder<Present> {
        self.deferred_duration(value.into(), true)
    }

    fn deferred_duration(self, value: Arg, timestamp: bool) -> WaitStateBuilder<Present> {
        let mut builder = self.duration(WaitDuration::default());
        builder.common.deferred.push(Deferred {
            into: DeferredField::WaitDuration { timestamp },
            request: Request::new()
                .field_static(if timestamp { "Timestamp" } else { "Seconds" }, value),
        });
        builder
    }

    /// Sets the duration from the model type.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::model::{Dynamic, WaitDuration};
    /// use sfn_dsl::prelude::*;
    ///
    /// let pause = WaitState::builder("Pause").duration(WaitDuration::Seconds(Dynamic::Literal(30)));
    /// let machine = StateMachine::builder().start(pause).build()?;
    /// assert_eq!(machine.to_value()["States"]["Pause"]["Seconds"], json!(30));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn duration(mut self, duration: WaitDuration) -> WaitStateBuilder<Present> {
        // A duration set now replaces one still to be written for the query language.
        self.common
            .deferred
            .retain(|deferred| !matches!(deferred.into, DeferredField::WaitDuration { .. }));
        self.state.duration = duration;
        WaitStateBuilder {
            state: self.state,
            common: self.common,
            marker: PhantomData,
        }
    }

    /// Continues with `then`: a state builder or a [`Chain`].
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(WaitState::builder("Pause").seconds(5).next(PassState::builder("Retry")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Pause"];
    /// assert_eq!(state["Next"], json!("Retry"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn next(self, then: impl Into<Chain>) -> Chain
    where
        D: DurationIsSet,
    {
        Chain::from(self).next(then)
    }
}

impl<D: DurationIsSet> From<WaitStateBuilder<D>> for Chain {
    fn from(builder: WaitStateBuilder<D>) -> Self {
        builder.common.finish(NodeState::Wait(builder.state))
    }
}
