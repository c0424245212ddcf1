//! Timeouts, heartbeats and retry delays are whole, positive seconds in ASL, within ASL's
//! limits: finer units, zero and more than the limit do not compile.
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sfn_dsl::workflow::Retry;
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
        .heartbeat(Duration::from_secs(0))
        .retry(Retry::on_all().interval(Duration::from_secs_f64(0.5)).max_delay(Duration::from_secs(30)));
    approve(&order)
        .timeout(Duration::from_hours(30_000))
        .retry(Retry::on_all().max_delay(Duration::from_mins(600_000)));
}
fn main() {}
