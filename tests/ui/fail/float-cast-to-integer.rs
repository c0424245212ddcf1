use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Reading {
    celsius: f64,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn report(degrees: i64);

#[workflow]
fn thermometer(reading: Reading) {
    report(reading.celsius as i64);
}

fn main() {}
