//! Fields read in a workflow through every kind of value the shadow body meets: a boxed
//! struct, a flattened struct, a list element by index, a loop variable, a task result,
//! a compensation's argument, and `+=` on a field.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    total: f64,
    customer: Box<Customer>,
    #[serde(flatten)]
    audit: Audit,
    lines: Vec<Line>,
}

#[derive(Serialize, Deserialize, Payload)]
struct Customer {
    email: String,
}

#[derive(Serialize, Deserialize, Payload)]
struct Audit {
    created_by: String,
}

#[derive(Serialize, Deserialize, Payload)]
struct Line {
    sku: String,
    quantity: u32,
}

#[derive(Serialize, Deserialize, Payload)]
struct Receipt {
    number: String,
    amount: f64,
}

#[task(lambda = "${ChargeFunctionArn}")]
fn charge(order: &Order) -> Receipt;

#[task(lambda = "${RefundFunctionArn}")]
fn refund(number: String);

#[task(resource = "arn:aws:states:::sns:publish")]
fn notify(message: String);

#[task(resource = "arn:aws:states:::sqs:sendMessage")]
fn record(amount: f64);

#[workflow]
fn fulfil(order: Order) {
    let receipt = charge(&order).compensate(|receipt| refund(receipt.number));
    notify(order.customer.email);
    notify(order.audit.created_by);
    notify(order.lines[0].sku);
    for line in order.lines {
        notify(line.sku);
    }
    let mut total = receipt.amount;
    total += order.total;
    record(total);
}

fn main() {
    let machine = fulfil::state_machine();
    assert!(machine.states.len() > 4);
}
