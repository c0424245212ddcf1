//! Integer ranges in `for` loops (JSONata `[a .. b]`) and `return Err(..)` in a workflow
//! returning `Result<_, TaskError>` (a Fail state, or no catcher for a caught error
//! returned unchanged), each run on several inputs and compared with the same Rust.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::workflow::TaskError;
use sfn_dsl::{Payload, task, workflow};
use sfn_local::Response;

use super::world::World;

const RECORD: &str = "${RecordArn}";
const ECHO: &str = "${EchoArn}";

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Bounds {
    from: i64,
    to: i64,
}

#[task(resource = "${RecordArn}")]
fn rec(value: i64);

#[task(resource = "${EchoArn}")]
fn echo(value: i64) -> i64;

/// Ranges with both limits, empty ones included (`5..2`, `3..3`).
const BOUNDS: [(i64, i64); 5] = [(0, 5), (3, 3), (5, 2), (-2, 1), (4, 5)];

/// A Choice loop (the body updates `total`) over a half-open and a closed range.
#[workflow]
fn range_sum(bounds: Bounds) -> i64 {
    let mut total = 0;
    for k in bounds.from..bounds.to {
        total += k;
    }
    for k in bounds.from..=bounds.to {
        total += k * 100;
    }
    total
}

#[test]
fn a_for_loop_over_a_range_sums_what_rust_sums() {
    for (from, to) in BOUNDS {
        let run = World::new().run(
            &range_sum::state_machine(),
            &json!({"from": from, "to": to}),
        );
        let expected: i64 = (from..to).sum::<i64>() + (from..=to).map(|k| k * 100).sum::<i64>();
        run.assert_output(&json!(expected));
    }
}

/// A Map state (independent iterations) over a range.
#[workflow]
fn range_calls(bounds: Bounds) {
    for k in bounds.from..bounds.to {
        rec(k);
    }
}

#[test]
fn a_map_over_a_range_calls_once_per_integer() {
    for (from, to) in BOUNDS {
        let run = World::new().returns(RECORD, Value::Null).run(
            &range_calls::state_machine(),
            &json!({"from": from, "to": to}),
        );
        run.assert_output(&Value::Null);
        let expected: Vec<Value> = (from..to).map(Value::from).collect();
        assert_eq!(
            run.inputs_of(RECORD),
            expected.iter().collect::<Vec<_>>(),
            "{from}..{to}"
        );
    }
}

/// `return Err(e)` of a caught error, and of a `TaskError` built here.
#[workflow]
fn checked_echo(bounds: Bounds) -> Result<i64, TaskError> {
    let value = match echo(bounds.from) {
        Ok(value) => value,
        Err(error) => return Err(error),
    };
    if value > bounds.to {
        return Err(TaskError {
            error: "TooBig".to_owned(),
            cause: format!("{} > {}", value, bounds.to),
        });
    }
    let again = match echo(value) {
        Ok(again) => again,
        Err(error) => {
            rec(value);
            return Err(error);
        }
    };
    Ok(again)
}

#[test]
fn return_err_fails_the_execution_with_the_error() {
    let machine = checked_echo::state_machine();
    let input = json!({"from": 3, "to": 10});
    // The caught error is returned unchanged: the first call gets no catcher at all.
    assert!(machine.to_value()["States"]["Echo"].get("Catch").is_none());
    let run = World::new()
        .throws(ECHO, "Echo.Down", "no echo")
        .run(&machine, &input);
    run.assert_failed("Echo.Down", "no echo");
    assert_eq!(run.states(), ["Echo"]);

    let run = World::new().returns(ECHO, json!(12)).run(&machine, &input);
    run.assert_failed("TooBig", "12 > 10");

    let run = World::new()
        .sequence(
            ECHO,
            [
                Response::Return(json!(4)),
                Response::throw("Echo.Again", "second"),
            ],
        )
        .returns(RECORD, Value::Null)
        .run(&machine, &input);
    run.assert_failed("Echo.Again", "second");
    assert_eq!(run.inputs_of(RECORD), [&json!(4)]);

    let run = World::new().returns(ECHO, json!(7)).run(&machine, &input);
    run.assert_output(&json!(7));
}
