use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    total: f64,
    customer: Customer,
}

#[derive(Serialize, Deserialize, Payload)]
struct Customer {
    email: String,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn notify(message: String);

#[workflow]
fn confirm(order: Order) {
    notify(order.customer.emial);
    if order.totl > 100.0 {
        notify(order.id);
    }
}
fn main() {}
