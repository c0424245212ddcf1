//! A number on the left of `+` and a string on the right: one type mismatch.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    total: f64,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn record(amount: f64);

#[workflow]
fn confirm(order: Order) {
    record(order.total + order.id);
}
fn main() {}
