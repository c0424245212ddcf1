//! `sleep(5)` and `.timeout(30)`: a number where a `Duration` goes. Each mistake is reported
//! once: by the macro for `sleep` (it names the constructors to use), by rustc for the
//! timeout ("expected `Duration`").
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
}

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge")]
fn charge(order: &Order) -> i64;

#[workflow]
fn pause(order: Order) -> i64 {
    sleep(5);
    charge(&order)
}

#[workflow]
fn slow(order: Order) -> i64 {
    let charged = charge(&order).timeout(30);
    charged
}

fn main() {}
