//! Task settings AWS refuses (a zero timeout, a heartbeat not shorter than the timeout) and
//! a `&mut` parameter: compile errors at the attribute or parameter.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
}

#[task(lambda = "${F}", timeout_secs = 0)]
fn zero_timeout(order: &Order);

#[task(lambda = "${F}", heartbeat_secs = 600, timeout_secs = 60)]
fn heartbeat_above_timeout(order: &Order);

#[task(lambda = "${F}")]
fn mutable(order: &mut Order);

#[workflow]
fn w(mut order: Order) {
    zero_timeout(&order);
    heartbeat_above_timeout(&order);
    mutable(&mut order);
}
fn main() {}
