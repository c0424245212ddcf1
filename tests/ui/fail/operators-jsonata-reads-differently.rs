//! Operators Rust and JSONata read differently, each refused once at the operator or its
//! operand: `!` on an integer, a cast that may wrap, a bool cast to an integer, `.min` of
//! strings, ordering of `Option`s, and an empty pattern.
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Input {
    a: i64,
    small: u8,
    s: String,
    t: String,
    o: Option<i64>,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn record(value: i64);

#[task(resource = "arn:aws:states:::sns:publish")]
fn note(text: String);

#[workflow]
fn operators(input: Input) {
    record(!input.a);
    record((input.a as u8) as i64);
    record(input.small as u16 as i64);
    record((input.a > 3) as i64);
    note(input.s.clone().min(input.t.clone()));
    record(input.a.min(3));
    if input.o > Some(3) {
        note(input.s.replace("", "-"));
    }
}
fn main() {}
