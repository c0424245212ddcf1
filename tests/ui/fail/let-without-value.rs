//! `let x;` assigned later in branches: the macro refuses the `let` once and does not
//! report each later use of `x` as an unknown variable.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    express: bool,
}

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge")]
fn charge(order: &Order) -> i64;

#[workflow]
fn shipping(order: Order) -> i64 {
    let fee;
    if order.express {
        fee = 10;
    } else {
        fee = 2;
    }
    let charged = charge(&order);
    charged + fee
}

fn main() {}
