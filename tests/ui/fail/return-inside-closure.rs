//! `return` in a `.catch`, `.compensate` or `defer` closure returns from the closure in
//! Rust; the macro would end the workflow, so it refuses it at the `return`. (In a
//! fan-out closure it gives the iteration's value, as in Rust.)
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    items: Vec<String>,
}

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge")]
fn charge(order: &Order) -> i64;

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:refund")]
fn refund(amount: i64) -> i64;

#[task(resource = "arn:aws:states:::sns:publish")]
fn notify(message: String);

#[workflow]
fn early(order: Order) -> i64 {
    defer(|| {
        if order.items.is_empty() {
            return;
        }
        notify(order.id.clone())
    });
    let charged = charge(&order).compensate(|amount| {
        if amount == 0 {
            return 0;
        }
        refund(amount)
    });
    let checked = charge(&order).catch(|_error| {
        return -1;
    });
    charged + checked
}
fn main() {}
