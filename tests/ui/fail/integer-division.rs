use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Batch {
    rows: u32,
    workers: u32,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn announce(rows_per_worker: u32);

#[workflow]
fn split(batch: Batch) {
    announce(batch.rows / batch.workers);
}

fn main() {}
