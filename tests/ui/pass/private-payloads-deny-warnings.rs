//! Private payload types whose paths a workflow reads only in part (the first example of
//! docs/macros.md) compile without warnings: the generated path structs are not dead code.
//! (`dead_code` is named because trybuild allows it on its command line.)
#![deny(warnings, dead_code)]

use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
struct Order {
    order_id: String,
    total: f64,
    payment: Payment,
    lines: Lines,
    status: Status,
}

#[derive(Serialize, Deserialize, Payload)]
enum Payment {
    Card { card_number: String, expiry: String },
    Split(f64, f64),
    Voucher(String),
    Cash,
}

#[derive(Serialize, Deserialize, Payload)]
struct Lines(Vec<String>, u32);

#[derive(Clone, Copy, Serialize, Deserialize, Payload)]
enum Status {
    New,
    Held,
}

#[derive(Serialize, Deserialize, Payload)]
struct Charge {
    charge_id: String,
}

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge")]
fn charge_card(order: &Order) -> Charge;

#[workflow]
fn checkout(order: Order) -> Charge {
    let charge = charge_card(&order);
    if order.total > 100.0 {
        charge_card(&order);
    }
    charge
}

fn main() {
    let _ = checkout::state_machine();
}
