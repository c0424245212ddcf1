//! A `for` over a range without an end: a state machine cannot iterate forever.
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
fn checkout(order: Order) -> i64 {
    let mut total = 0;
    for k in order.total.. {
        total += k;
    }
    total
}

fn main() {}
