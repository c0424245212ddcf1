//! Amazon EventBridge: `events:putEvents`.

use super::{request_type, wait_for_task_token};
use crate::builder::{Arg, Request};

/// One event of a [`PutEvents`] call.
///
/// # Examples
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let event = eventbridge::Entry::new("shop.orders", "OrderPlaced", Arg::input()).event_bus_name("orders");
/// # let _ = event;
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct Entry {
    fields: Request,
}

impl Entry {
    /// An event from `source` of type `detail_type` carrying `detail`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let entry = eventbridge::Entry::new("shop", "OrderPlaced", json!({"id": 7}));
    /// let call = eventbridge::PutEvents::new([entry]);
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let entries = &machine.to_value()["States"]["Call"]["Parameters"]["Entries"];
    /// assert_eq!(entries, &json!([{"Source": "shop", "DetailType": "OrderPlaced", "Detail": {"id": 7}}]));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(
        source: impl Into<Arg>,
        detail_type: impl Into<Arg>,
        detail: impl Into<Arg>,
    ) -> Self {
        Self {
            fields: Request::new()
                .field_static("Source", source)
                .field_static("DetailType", detail_type)
                .field_static("Detail", detail),
        }
    }

    /// The bus to put the event on (the default bus when left out). Serialized as
    /// `EventBusName`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let entry = eventbridge::Entry::new("shop", "OrderPlaced", Arg::input()).event_bus_name("orders");
    /// let call = eventbridge::PutEvents::new([entry]);
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let entries = &machine.to_value()["States"]["Call"]["Parameters"]["Entries"];
    /// assert_eq!(entries[0]["EventBusName"], "orders");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn event_bus_name(mut self, bus: impl Into<Arg>) -> Self {
        self.fields.set_static("EventBusName", bus);
        self
    }
}

impl From<Entry> for Arg {
    fn from(entry: Entry) -> Self {
        Arg::Object(entry.fields)
    }
}

request_type!(
    /// Puts events on an EventBridge bus (`arn:aws:states:::events:putEvents`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let put = eventbridge::PutEvents::new([
    ///     eventbridge::Entry::new("shop.orders", "OrderPlaced", Arg::input_field("order")),
    /// ]);
    /// let machine = StateMachine::builder().start(TaskState::call("Announce", put)).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Announce"]["Parameters"],
    ///     json!({"Entries": [{"Source": "shop.orders", "DetailType": "OrderPlaced", "Detail.$": "$.order"}]})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    PutEvents,
    "events",
    "putEvents",
    "eventbridge::PutEvents::new([eventbridge::Entry::new(\"shop\", \"OrderPlaced\", Arg::input())])"
);

impl PutEvents {
    /// Puts `entries`: 1 to 10 of them, as the API takes (`build()` refuses other
    /// counts).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = eventbridge::PutEvents::new([
    ///     eventbridge::Entry::new("shop", "OrderPlaced", Arg::input()),
    ///     eventbridge::Entry::new("shop", "OrderLogged", Arg::input()),
    /// ]);
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::events:putEvents");
    /// assert_eq!(task["Parameters"]["Entries"][1]["DetailType"], "OrderLogged");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(entries: impl IntoIterator<Item = Entry>) -> Self {
        Self::from_request(Request::new().field_static("Entries", Arg::array(entries)))
    }

    wait_for_task_token!(
        "eventbridge::PutEvents::new([eventbridge::Entry::new(\"shop\", \"OrderPlaced\", Arg::input())])"
    );
}
