//! A pattern as a workflow parameter: one error, at the pattern; the names it binds are
//! declared, so their uses are not reported as unknown variables.
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
fn checkout(Order { total, .. }: Order) -> i64 {
    charge(total)
}

fn main() {}
