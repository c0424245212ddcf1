//! `break` with no loop around it: in a `fan_out` closure rustc says so (E0267) and the
//! macro adds nothing; in a `parallel!` branch inside a loop Rust would leave the loop,
//! which a branch cannot, so the macro refuses it.
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    items: Vec<String>,
}

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge")]
fn charge(item: &String) -> i64;

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:check")]
fn check(order: &Order) -> bool;

#[workflow]
fn in_fan_out(order: Order) -> Vec<i64> {
    let charged = fan_out(&order.items, 4, |item| {
        if item.is_empty() {
            break;
        }
        charge(item)
    });
    charged
}

#[workflow]
fn in_branch(order: Order) -> bool {
    loop {
        let (first, second) = parallel!(
            {
                let done = check(&order);
                if done {
                    break;
                }
                done
            },
            check(&order)
        );
        if first && second {
            return true;
        }
        sleep(Duration::from_secs(60));
    }
}

fn main() {}
