use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Signup {
    name: String,
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn record(length: usize);

#[workflow]
fn measure(signup: Signup) {
    record(signup.name.len());
}

fn main() {}
