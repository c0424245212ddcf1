//! A misspelt field is reported once wherever it is read: in a condition, a task argument,
//! `format!`, a loop over a list, an element read by index and a task's result.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    total: f64,
    items: Vec<Line>,
}

#[derive(Serialize, Deserialize, Payload)]
struct Line {
    sku: String,
}

#[derive(Serialize, Deserialize, Payload)]
struct Receipt {
    number: String,
}

#[task(lambda = "${ChargeFunctionArn}")]
fn charge(order: &Order) -> Receipt;

#[task(resource = "arn:aws:states:::sns:publish")]
fn notify(message: String);

#[workflow]
fn confirm(order: Order) {
    let receipt = charge(&order);
    if order.totall > 100.0 {
        notify(order.idd);
    }
    notify(format!("receipt {}", receipt.numbr));
    notify(order.items[0].skew);
    for line in order.items {
        notify(line.sku_);
    }
}
fn main() {}
