//! A labelled loop: one error, at the label (not again at `break 'outer`), saying how to
//! leave the outer loop.
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
    'outer: for item in order.items {
        for _ in 0..item {
            total += 1;
            if total > 10 {
                break 'outer;
            }
        }
    }
    total
}

fn main() {}
