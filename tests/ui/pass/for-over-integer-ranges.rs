//! `for` over an integer range: JSONata's range operator, `a..b` as `[a .. b - 1]` (the
//! first state is a Map, which reads the execution's input from the context).

use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Job {
    n: i64,
}

#[task(resource = "arn:aws:states:::sqs:sendMessage")]
fn send(k: i64);

#[workflow]
fn run(job: Job) {
    for k in 0..job.n {
        send(k);
    }
    for k in 1..=3 {
        send(k);
    }
}

fn main() {
    let machine = run::state_machine().to_value();
    assert_eq!(
        machine["States"]["ForEachK"]["Items"],
        "{% [0 .. $states.context.Execution.Input.n - 1] %}"
    );
    assert_eq!(machine["States"]["ForEachK2"]["Items"], "{% [1 .. 3] %}");
}
