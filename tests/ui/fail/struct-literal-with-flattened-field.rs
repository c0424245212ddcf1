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

#[derive(Serialize, Deserialize, Payload)]
struct Audit {
    by: String,
}

#[derive(Serialize, Deserialize, Payload)]
struct Stamped {
    id: String,
    #[serde(flatten)]
    audit: Audit,
}

#[task(resource = "arn:aws:states:::sqs:sendMessage")]
fn record(stamped: Stamped);

#[workflow]
fn stamp(order: Order) {
    record(Stamped { id: order.id, audit: Audit { by: "me".to_owned() } });
}
fn main() {}
