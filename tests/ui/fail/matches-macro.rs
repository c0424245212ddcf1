//! `matches!` in a workflow: the hint is the `match` it stands for.
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

#[workflow]
fn checkout(order: Order) -> bool {
    let small = matches!(order.total, 1 | 2);
    small
}

fn main() {}
