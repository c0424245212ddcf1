//! Timeouts and heartbeats are whole, positive seconds: finer units and zero do not compile.
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
}

#[task(resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken")]
fn approve(order: &Order);

#[workflow]
fn approval(order: Order) {
    approve(&order)
        .timeout(Duration::from_millis(1500))
        .heartbeat(Duration::from_secs(0));
}
fn main() {}
