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

#[task(http = "https://example.com/approve", connection = "arn:aws:events:us-east-1:123456789012:connection/c/1")]
fn approve(order: &Order) -> Receipt;

#[workflow]
fn approval(order: Order) -> Receipt {
    approve(&order).wait_for_callback()
}
fn main() {}
