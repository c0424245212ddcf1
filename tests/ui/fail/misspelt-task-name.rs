// FIXME: reported twice (as the task marker type and as the shadow body's function);
// once would be enough (docs/macros.md, Limits).
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
fn misspelt_task(order: Order) -> String {
    let receipt = chrage(&order);
    receipt.number
}
fn main() {}
