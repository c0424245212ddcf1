//! A plain function called as a step: one error (E0573) at the call, not one for each
//! place the expansion reads the task it takes it for.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    total: i64,
    items: Vec<i64>,
    coupon: Option<String>,
}

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge")]
fn charge(total: i64) -> i64;

fn discount(total: i64) -> i64 {
    total - 1
}

#[workflow]
fn checkout(order: Order) -> i64 {
    let reduced = discount(order.total);
    charge(reduced)
}

fn main() {}
