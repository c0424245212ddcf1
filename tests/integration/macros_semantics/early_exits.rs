//! `return`, `break` and `continue` inside `for` loops, at any depth: the loop runs as a
//! Choice loop, so `return` ends the workflow (not one Map iteration) and `break` and
//! `continue` act on the loop they are written in. Each workflow is run on several inputs
//! and compared with the same Rust.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::{Payload, task, workflow};

use super::world::World;

const RECORD: &str = "${RecordArn}";

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Search {
    a: i64,
    xs: Vec<i64>,
    ys: Vec<i64>,
}

#[task(resource = "${RecordArn}")]
fn rec(value: i64);

fn recorder() -> World {
    World::new().returns(RECORD, Value::Null)
}

const INPUTS: [(i64, &[i64], &[i64]); 6] = [
    (4, &[1, 2, 3, 5, 7], &[1, 2]),
    (4, &[], &[1]),
    (10, &[1, 2, 3], &[]),
    (0, &[1], &[3, 1]),
    (2, &[-1, 2, 3, 4], &[2, 3]),
    (5, &[6, 2, 9], &[7, 0]),
];

/// Runs `machine` on every input and compares its output and `rec` calls with `rust`.
fn compare(
    machine: &sfn_dsl::StateMachine,
    rust: impl Fn(i64, &[i64], &[i64], &mut Vec<i64>) -> i64,
) {
    for (a, xs, ys) in INPUTS {
        let mut recorded = Vec::new();
        let output = rust(a, xs, ys, &mut recorded);
        let run = recorder().run(machine, &json!({"a": a, "xs": xs, "ys": ys}));
        run.assert_output(&json!(output));
        let recorded: Vec<Value> = recorded.into_iter().map(Value::from).collect();
        assert_eq!(
            run.inputs_of(RECORD),
            recorded.iter().collect::<Vec<_>>(),
            "a {a}, xs {xs:?}, ys {ys:?}"
        );
    }
}

#[workflow]
fn first_above(i: Search) -> i64 {
    for x in i.xs {
        if x > i.a {
            return x;
        }
        rec(x);
    }
    -1
}

#[test]
fn return_in_a_for_loop_ends_the_workflow() {
    compare(&first_above::state_machine(), |a, xs, _, recorded| {
        for &x in xs {
            if x > a {
                return x;
            }
            recorded.push(x);
        }
        -1
    });
}

#[workflow]
fn first_pair(i: Search) -> i64 {
    for x in i.xs {
        for y in i.ys.clone() {
            match x + y {
                0 => rec(0),
                sum => {
                    if sum == i.a {
                        return x * 100 + y;
                    }
                }
            }
        }
        rec(x);
    }
    0
}

#[test]
fn return_in_a_nested_for_loop_ends_the_workflow() {
    compare(&first_pair::state_machine(), |a, xs, ys, recorded| {
        for &x in xs {
            for &y in ys {
                match x + y {
                    0 => recorded.push(0),
                    sum => {
                        if sum == a {
                            return x * 100 + y;
                        }
                    }
                }
            }
            recorded.push(x);
        }
        0
    });
}

#[workflow]
fn skip_and_stop(i: Search) -> i64 {
    for x in i.xs {
        for y in i.ys.clone() {
            if y == x {
                break;
            }
            rec(x * 10 + y);
        }
        match x {
            2 => continue,
            _ => {
                if x > i.a {
                    break;
                }
            }
        }
        rec(x);
    }
    7
}

#[test]
fn break_and_continue_in_nested_blocks_act_on_their_own_loop() {
    compare(&skip_and_stop::state_machine(), |a, xs, ys, recorded| {
        for &x in xs {
            for &y in ys {
                if y == x {
                    break;
                }
                recorded.push(x * 10 + y);
            }
            match x {
                2 => continue,
                _ => {
                    if x > a {
                        break;
                    }
                }
            }
            recorded.push(x);
        }
        7
    });
}

// The outer loop has no exit of its own and updates nothing: it stays a Map state, and the
// inner loop's `break` runs as a Choice loop inside each iteration.
#[workflow]
fn prefixes(i: Search) -> i64 {
    for x in i.xs {
        for y in i.ys.clone() {
            if y == x {
                break;
            }
            rec(x * 10 + y);
        }
    }
    3
}

#[test]
fn break_of_a_loop_inside_a_map_iteration_leaves_that_loop() {
    let machine = prefixes::state_machine();
    assert_eq!(machine.to_value()["States"]["ForEachX"]["Type"], "Map");
    compare(&machine, |_, xs, ys, recorded| {
        for &x in xs {
            for &y in ys {
                if y == x {
                    break;
                }
                recorded.push(x * 10 + y);
            }
        }
        3
    });
}
