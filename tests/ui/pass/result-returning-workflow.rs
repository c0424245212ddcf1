//! A workflow may return `Result` and use `?` on steps: errors propagate either way.

use serde::{Deserialize, Serialize};
use sfn_dsl::workflow::TaskError;
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Job {
    id: String,
}

#[derive(Serialize, Deserialize, Payload)]
struct Outcome {
    done: bool,
}

#[task(sdk = "batch:submitJob")]
fn submit(job: &Job) -> Outcome;

#[task(sdk = "batch:describeJobs")]
fn describe(job: &Job) -> Outcome;

#[workflow]
fn run(job: Job) -> Result<Outcome, TaskError> {
    let first = submit(&job)?;
    if first.done {
        return Ok(first);
    }
    let second = describe(&job)?;
    Ok(second)
}

fn main() {
    let machine = run::state_machine();
    let names: Vec<&str> = machine.states.names().map(|name| name.as_str()).collect();
    assert_eq!(names, ["Submit", "CheckDone", "Done", "Describe"]);
}
