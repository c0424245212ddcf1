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

#[workflow]
#[workflow]
fn guard_not_equal(order: Order) -> String {
    match charge(&order) {
        Ok(receipt) => receipt.number,
        Err(error) if error.error != "Payment.Declined" => error.cause,
        Err(other) => other.error,
    }
}
fn main() {}
