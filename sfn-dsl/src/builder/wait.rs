//! [`WaitStateBuilder`]: the Wait state.

use std::marker::PhantomData;

use super::chain::{Chain, NodeState};
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
    pub fn seconds(self, seconds: impl Into<Dynamic<u64>>) -> WaitStateBuilder<Present> {
        self.duration(WaitDuration::Seconds(seconds.into()))
    }

    /// Waits the number of seconds found at `path` in the input (JSONPath). Serialized as
    /// `SecondsPath`.
    pub fn seconds_path(self, path: impl Into<ReferencePath>) -> WaitStateBuilder<Present> {
        self.duration(WaitDuration::Seconds(Dynamic::path(path.into())))
    }

    /// Waits until an RFC 3339 instant such as `2025-01-01T00:00:00Z`, or a
    /// [`Dynamic::jsonata`] expression. Serialized as `Timestamp`.
    pub fn timestamp(self, timestamp: impl Into<Dynamic<String>>) -> WaitStateBuilder<Present> {
        self.duration(WaitDuration::Timestamp(timestamp.into()))
    }

    /// Waits until the instant found at `path` in the input (JSONPath). Serialized as
    /// `TimestampPath`.
    pub fn timestamp_path(self, path: impl Into<ReferencePath>) -> WaitStateBuilder<Present> {
        self.duration(WaitDuration::Timestamp(Dynamic::path(path.into())))
    }

    /// Sets the duration from the model type.
    pub fn duration(mut self, duration: WaitDuration) -> WaitStateBuilder<Present> {
        self.state.duration = duration;
        WaitStateBuilder {
            state: self.state,
            common: self.common,
            marker: PhantomData,
        }
    }

    /// Continues with `then`: a state builder or a [`Chain`].
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
