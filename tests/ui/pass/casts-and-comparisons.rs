//! Casts that keep the value, and comparisons whose left operand is an operation.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Input {
    a: i64,
    b: i64,
    c: i64,
    n: i32,
    x: f64,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn record(value: i64);

#[workflow]
fn comparisons(input: Input) -> bool {
    record(input.n as i64 + 3 as i64);
    record(input.x.floor() as i64);
    input.a * input.b > input.c && input.a as f64 > input.x && input.a - 1 <= input.b
}

fn main() {}
