//! A workflow cannot call itself: a state machine has no recursion. One error, at the call.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    items: Vec<String>,
}

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge")]
fn charge(order: &Order) -> i64;

#[workflow]
fn retry_forever(order: Order) -> i64 {
    let charged = charge(&order);
    if charged == 0 {
        let again = retry_forever(order);
        return again;
    }
    charged
}

fn main() {}
