//! A value passed where the task takes a reference: rustc's own error and suggestion, at
//! the variable.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
}

#[derive(Serialize, Deserialize, Payload)]
struct Receipt {
    number: String,
}

#[task(lambda = "${ChargeFunctionArn}")]
fn charge(order: &Order) -> Receipt;

#[workflow]
fn pay(order: Order) -> Receipt {
    charge(order)
}
fn main() {}
