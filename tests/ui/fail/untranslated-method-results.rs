//! A refused method is one error wherever its result goes: bound and used later, passed
//! straight to a task, or continued by other calls, fields, indexes or `?` (rustc would
//! report them on the refused call's stand-in, `!`); and one that fills a collection
//! (`push`) leaves rustc the element type to infer, so it adds no "type annotations
//! needed".
use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    lines: Vec<Line>,
}

#[derive(Serialize, Deserialize, Payload)]
struct Line {
    sku: String,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn notify(message: String);

#[task(resource = "arn:aws:states:::sqs:sendMessage")]
fn record(count: u32);

#[workflow]
fn shouting(order: Order) {
    let loud = order.id.to_upper_case();
    notify(loud);
    record(order.lines.size());
    let reversed = order.id.trim().to_lowercase().chars().rev().count();
    record(reversed as u32);
    let parsed: u32 = order.id.parse().unwrap();
    record(parsed);
    let first = order.lines.first().unwrap().sku.len();
    record(first as u32);
    let mut skus = Vec::new();
    skus.push(order.id);
}
fn main() {}
