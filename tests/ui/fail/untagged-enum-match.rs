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
#[serde(untagged)]
enum Shape {
    Circle { radius: f64 },
    Square { side: f64 },
}

#[workflow]
fn shapes(shape: Shape) {
    match shape {
        Shape::Circle { .. } => notify("circle".to_owned()),
        Shape::Square { .. } => notify("square".to_owned()),
    }
}
fn main() {}
