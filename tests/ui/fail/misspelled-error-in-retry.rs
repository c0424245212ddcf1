//! Error names spelt out in `Retry::on([..])` are checked as catch arms' are: a misspelt
//! predefined name, and `States.Runtime`, which no retrier matches.
use serde::{Deserialize, Serialize};
use sfn_dsl::workflow::Retry;
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
}

#[task(lambda = "${ChargeFunctionArn}")]
fn charge(order: &Order);

#[workflow]
fn patient(order: Order) {
    charge(&order).retry(Retry::on(["States.Timout", "States.Runtime", "Lambda.TooManyRequestsException"]));
}
fn main() {}
