//! Error names spelt out in `Retry::on([..])` are checked as catch arms' are: a misspelt
//! predefined name, and `States.Runtime`, which no retrier matches (an HTTP Task's
//! `States.Http.StatusCode.503` is fine, in a retrier and in a catch arm).
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
    charge(&order).retry(Retry::on(["States.Timout", "States.Runtime", "States.Http.StatusCode.503"]));
    match charge(&order) {
        Ok(()) => {}
        Err(error) if error.error == "States.Http.StatusCode.404" => fail!("NotFound"),
        Err(error) => fail!(error.error, error.cause),
    }
}
fn main() {}
