//! A plain function called in a task's argument: one error, at the call.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn notify(message: String);

fn shout(text: &str) -> String {
    text.to_uppercase()
}

#[workflow]
fn loud(order: Order) {
    notify(shout(&order.id));
    notify(order.id);
}
fn main() {}
