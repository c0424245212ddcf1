use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    total: f64,
    items: Vec<String>,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn notify(message: String);

#[workflow]
fn counting(order: Order) -> u32 {
    let mut sent = 0;
    parallel!(
        {
            notify(order.id);
            sent = 1;
        },
        notify("second".to_owned()),
    );
    sent
}

fn main() {}
