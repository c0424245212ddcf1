//! `for` bodies that update outer variables below their top level: in nested loops, in
//! branches, or before a `let` shadows the variable. The loops run as Choice loops, so the
//! updates reach the code after them. Each workflow is compared with the same Rust.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::{Payload, task, workflow};

use super::world::World;

const RECORD: &str = "${RecordArn}";

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Grid {
    xs: Vec<i64>,
    ys: Vec<i64>,
}

#[task(resource = "${RecordArn}")]
fn rec(value: i64);

fn recorder() -> World {
    World::new().returns(RECORD, Value::Null)
}

const GRIDS: [(&[i64], &[i64]); 4] = [
    (&[], &[1, 2]),
    (&[1, 2, 3], &[]),
    (&[1, 2, 3], &[4, 5]),
    (&[-2, 7], &[3, -1, 2]),
];

#[workflow]
fn products(i: Grid) -> i64 {
    let mut sum = 0;
    for x in i.xs {
        for y in i.ys.clone() {
            sum += x * y;
        }
    }
    sum
}

#[test]
fn nested_loops_update_an_outer_variable() {
    let machine = products::state_machine();
    for (xs, ys) in GRIDS {
        let mut sum = 0;
        for x in xs {
            for y in ys {
                sum += x * y;
            }
        }
        recorder()
            .run(&machine, &json!({"xs": xs, "ys": ys}))
            .assert_output(&json!(sum));
    }
}

#[workflow]
fn doubled(i: Grid) -> i64 {
    let mut acc = 0;
    for v in i.xs {
        acc += v;
        let acc = acc * 2;
        rec(acc);
    }
    acc
}

#[test]
fn a_shadowing_let_after_an_update_keeps_both_variables() {
    let machine = doubled::state_machine();
    for (xs, _) in GRIDS {
        let mut acc = 0;
        let mut recorded = Vec::new();
        for v in xs {
            acc += v;
            let acc = acc * 2;
            recorded.push(json!(acc));
        }
        let run = recorder().run(&machine, &json!({"xs": xs, "ys": []}));
        run.assert_output(&json!(acc));
        assert_eq!(run.inputs_of(RECORD), recorded.iter().collect::<Vec<_>>());
    }
}

#[workflow]
fn positives(i: Grid) -> i64 {
    let mut count = 0;
    for x in i.xs {
        if x > 0 {
            count += 1;
        } else {
            rec(x);
        }
    }
    count
}

#[test]
fn an_update_in_a_branch_of_the_body_reaches_the_end() {
    let machine = positives::state_machine();
    for (xs, _) in GRIDS {
        let count = xs.iter().filter(|x| **x > 0).count();
        let negatives: Vec<Value> = xs.iter().filter(|x| **x <= 0).map(|x| json!(x)).collect();
        let run = recorder().run(&machine, &json!({"xs": xs, "ys": []}));
        run.assert_output(&json!(count));
        assert_eq!(run.inputs_of(RECORD), negatives.iter().collect::<Vec<_>>());
    }
}

#[workflow]
fn pair_products(i: Grid) -> i64 {
    let mut sum = 0;
    for (x, y) in [(i.xs.len() as i64, 2), (3, 4)] {
        sum += x * y;
    }
    sum
}

#[workflow]
fn pair_records(i: Grid) -> Vec<i64> {
    for (x, _) in [(i.xs.len() as i64, 0), (7, 1)] {
        rec(x);
    }
    fan_out([(1, i.ys.len() as i64), (2, 3)], 2, |(_, y)| y * 2)
}

#[test]
fn tuple_items_of_a_loop_or_fan_out_are_read_by_position() {
    let products_machine = pair_products::state_machine();
    let records_machine = pair_records::state_machine();
    for (xs, ys) in GRIDS {
        let input = json!({"xs": xs, "ys": ys});
        let length = |list: &[i64]| i64::try_from(list.len()).expect("a short list");
        let (n, m) = (length(xs), length(ys));
        recorder()
            .run(&products_machine, &input)
            .assert_output(&json!(n * 2 + 3 * 4));
        let run = recorder().run(&records_machine, &input);
        run.assert_output(&json!([m * 2, 6]));
        assert_eq!(run.inputs_of(RECORD), [&json!(n), &json!(7)]);
    }
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Rows {
    rows: Vec<Vec<i64>>,
}

#[workflow]
fn corner(i: Rows) -> i64 {
    i.rows[1][0] * 10 + i.rows[0][1]
}

#[test]
fn an_element_of_an_element_is_read_as_rust_reads_it() {
    let machine = corner::state_machine();
    for rows in [[[1, 2], [3, 4]], [[5, -6], [7, 8]]] {
        recorder()
            .run(&machine, &json!({ "rows": rows }))
            .assert_output(&json!(rows[1][0] * 10 + rows[0][1]));
    }
}
