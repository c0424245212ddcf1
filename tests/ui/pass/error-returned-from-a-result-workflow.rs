//! A workflow returning `Result<_, TaskError>` ends with an error by `return Err(..)`: a
//! caught error returned unchanged needs no catcher, as `fail!(e.error, e.cause)`; a
//! `TaskError` built in the workflow is a Fail state.

use serde::{Deserialize, Serialize};
use sfn_dsl::workflow::TaskError;
use sfn_dsl::{Payload, task, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Job {
    n: i64,
}

#[task(resource = "arn:aws:states:::echo")]
fn echo(n: i64) -> i64;

#[workflow]
fn run(job: Job) -> Result<i64, TaskError> {
    let value = match echo(job.n) {
        Ok(value) => value,
        Err(error) => return Err(error),
    };
    if value > 10 {
        return Err(TaskError {
            error: "TooBig".to_owned(),
            cause: format!("{} is too big", value),
        });
    }
    Ok(value)
}

fn main() {
    let machine = run::state_machine().to_value();
    assert!(machine["States"]["Echo"].get("Catch").is_none());
    assert_eq!(
        machine["States"]["TooBig"],
        serde_json::json!({"Type": "Fail", "Error": "TooBig", "Cause": "{% $value_2 & ' is too big' %}"})
    );
}
