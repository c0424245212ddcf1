//! Casts whose Rust result is not the value JSONata keeps: signed to unsigned (wraps), a
//! rounded float to unsigned (saturates), a `char` or a `bool` to a number (converts).
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Input {
    a: i64,
    x: f64,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn record(value: u64);

#[workflow]
fn casts(input: Input) {
    record(input.a as u64);
    record(input.x.round() as u64);
}

#[workflow]
fn conversions(c: char, b: bool) -> (u32, u32) {
    (c as u32, b as u32)
}

fn main() {}
