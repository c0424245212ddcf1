//! `let … else`: one error, naming the `match` to write; the name it binds is declared.
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
fn checkout(order: Order) -> String {
    let Some(code) = order.coupon else {
        fail!("NoCoupon", "the order has no coupon")
    };
    code
}

fn main() {}
