use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    total: f64,
    items: Vec<String>,
}

#[derive(Serialize, Deserialize, Payload)]
struct Receipt {
    number: String,
}

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge")]
fn charge(order: &Order) -> Receipt;

#[task(resource = "arn:aws:states:::sns:publish")]
fn notify(message: String);

use std::time::Duration;

#[workflow]
fn nap(order: Order) {
    sleep(Duration::from_millis(500));
    notify(order.id);
}
fn main() {}
