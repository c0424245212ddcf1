//! `.enumerate()` on the items of a `for` loop has no JSONata translation: the macro says
//! so once, and rustc adds nothing (the loop still iterates over a real iterator).
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    items: Vec<String>,
}

#[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge")]
fn charge(item: &String) -> i64;

#[workflow]
fn numbered(order: Order) -> i64 {
    let mut total = 0;
    for (index, item) in order.items.iter().enumerate() {
        let charged = charge(item);
        total = total + charged;
    }
    total
}

fn main() {}
