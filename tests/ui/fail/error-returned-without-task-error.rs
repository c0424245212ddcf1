//! `Err(..)` as the value of a workflow whose error type is not `TaskError`: the execution
//! fails with an `Error` and a `Cause`, which only a `TaskError` names.
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
fn checkout(order: Order) -> Result<i64, String> {
    if order.total > 100 {
        return Err("too much".to_owned());
    }
    let charged = charge(order.total);
    Ok(charged)
}

fn main() {}
