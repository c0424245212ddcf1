//! Variables the macro adds (a loop's list and index, the saga's error) never take the
//! name of a user variable, whichever comes first in the body.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::{Payload, task, workflow};

use super::world::World;

const STEP: &str = "${StepArn}";
const UNDO: &str = "${UndoArn}";

#[derive(Clone, Serialize, Deserialize, Payload)]
struct In {
    a: i64,
    xs: Vec<i64>,
}

#[task(resource = "${StepArn}")]
fn step(value: i64) -> i64;

#[task(resource = "${UndoArn}")]
fn undo(value: i64);

#[workflow]
fn index_before(i: In) -> i64 {
    let x_index = i.a;
    let x_list = i.a * 10;
    let mut sum = 0;
    for x in i.xs {
        sum += x;
    }
    sum * 1000 + x_index + x_list
}

#[workflow]
fn index_after(i: In) -> i64 {
    let mut sum = 0;
    for x in i.xs {
        sum += x;
    }
    let x_index = i.a;
    let mut x_list = 0;
    for x in i.xs.clone() {
        x_list += x * x_index;
    }
    sum * 1000 + x_list
}

#[test]
fn a_loop_keeps_user_variables_named_like_its_index() {
    for (a, xs) in [(7, vec![1, 2, 3]), (2, vec![]), (-1, vec![5])] {
        let sum: i64 = xs.iter().sum();
        let input = json!({"a": a, "xs": xs});
        World::new()
            .run(&index_before::state_machine(), &input)
            .assert_output(&json!(sum * 1000 + a + a * 10));
        World::new()
            .run(&index_after::state_machine(), &input)
            .assert_output(&json!(sum * 1000 + sum * a));
    }
}

#[workflow]
fn error_in_compensation(i: In) -> i64 {
    let error = i.a + 1;
    let first = step(i.a).compensate(|r| undo(r + error));
    step(first)
}

#[test]
fn the_saga_error_keeps_a_user_variable_named_error() {
    let world = World::new()
        .sequence(
            STEP,
            [
                sfn_local::Response::Return(json!(10)),
                sfn_local::Response::throw("Step.Failed", "second"),
            ],
        )
        .returns(UNDO, Value::Null);
    let run = world.run(
        &error_in_compensation::state_machine(),
        &json!({"a": 4, "xs": []}),
    );
    run.assert_failed("Step.Failed", "second");
    assert_eq!(run.inputs_of(UNDO), [&json!(15)]);
}

// Names of JSONata functions the translation calls (`$count`, `$max`) are user names like
// any other: the variables get other names, so the functions stay callable.
#[workflow]
fn positives(i: In) -> (i64, usize, i64) {
    let mut count = 0;
    let mut max = 0;
    for x in i.xs.clone() {
        if x > 0 {
            count += 1;
        }
        max = x.max(max);
    }
    (count, i.xs.len(), max)
}

#[test]
fn variables_named_like_jsonata_functions_leave_the_functions_callable() {
    for xs in [vec![], vec![3], vec![-1, 4, 2, 0]] {
        let count = xs.iter().filter(|x| **x > 0).count();
        let max = xs.iter().copied().fold(0, i64::max);
        World::new()
            .run(&positives::state_machine(), &json!({"a": 0, "xs": xs}))
            .assert_output(&json!([count, xs.len(), max]));
    }
}
