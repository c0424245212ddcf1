//! A state machine's name AWS refuses: empty, longer than 80 characters, or with spaces.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
}

#[workflow(name = "")]
fn empty(order: Order) -> String {
    order.id
}

#[workflow(name = "AVeryLongNameThatGoesOnAndOnPastTheEightyCharacterLimitOfStateMachineNamesOnAWSToday")]
fn long(order: Order) -> String {
    order.id
}

#[workflow(name = "Order saga")]
fn spaced(order: Order) -> String {
    order.id
}

#[workflow(name = "OrderSaga-${Stage}")]
fn templated(order: Order) -> String {
    order.id
}
fn main() {}
