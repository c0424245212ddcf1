//! A workflow returning `()` outputs `null`, the JSON of `()`, on every way it can end:
//! after a task, a loop, an `if` without `else`, a `return;`, and after a cleanup.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::{Payload, task, workflow};

use super::world::World;

const RECORD: &str = "${RecordArn}";
const CLEANUP: &str = "${CleanupArn}";

#[derive(Clone, Serialize, Deserialize, Payload)]
struct In {
    a: i64,
    xs: Vec<i64>,
}

#[task(resource = "${RecordArn}")]
fn rec(value: i64) -> i64;

#[task(resource = "${CleanupArn}")]
fn cleanup(value: i64);

fn world() -> World {
    World::new()
        .returns(RECORD, json!(2))
        .returns(CLEANUP, json!({"done": true}))
}

#[workflow]
fn after_a_task(i: In) {
    rec(i.a);
}

#[workflow]
fn tail_task(i: In) -> () {
    if i.a > 0 {
        return;
    }
    for x in i.xs {
        rec(x);
    }
    if i.a < -5 {
        rec(i.a);
    }
}

#[workflow]
fn with_cleanup(i: In) {
    defer(|| cleanup(i.a));
    rec(i.a);
}

#[test]
fn a_unit_workflow_outputs_null() {
    for (a, xs) in [(1, vec![]), (0, vec![3, 4]), (-6, vec![]), (-1, vec![])] {
        let input = json!({"a": a, "xs": xs});
        for machine in [
            after_a_task::state_machine(),
            tail_task::state_machine(),
            with_cleanup::state_machine(),
        ] {
            world().run(&machine, &input).assert_output(&Value::Null);
        }
    }
}
