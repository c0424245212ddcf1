//! Error handlers on steps after a compensation is registered: a handler that catches
//! every error leaves the saga's unwind catcher out (the error is handled, nothing is
//! compensated), and one that catches some errors keeps it last, so the others still
//! unwind the completed steps in reverse.

use serde_json::{Value, json};
use sfn_dsl::{task, workflow};
use sfn_local::Response;

use super::world::World;

const STEP_A: &str = "${StepAArn}";
const STEP_B: &str = "${StepBArn}";
const UNDO: &str = "${UndoArn}";
const CLEANUP: &str = "${CleanupArn}";

#[derive(Clone, serde::Serialize, serde::Deserialize, sfn_dsl::Payload)]
struct In {
    a: i64,
}

#[task(resource = "${StepAArn}")]
fn step_a(value: i64) -> i64;

#[task(resource = "${StepBArn}")]
fn step_b(value: i64) -> i64;

#[task(resource = "${UndoArn}")]
fn undo(value: i64);

#[task(resource = "${CleanupArn}")]
fn cleanup(value: i64);

fn world() -> World {
    World::new()
        .returns(STEP_A, json!(10))
        .returns(STEP_B, json!(20))
        .returns(UNDO, Value::Null)
        .returns(CLEANUP, Value::Null)
}

#[workflow]
fn match_all(i: In) -> i64 {
    let a = step_a(i.a).compensate(|r| undo(r));
    match step_b(a) {
        Ok(v) => v,
        Err(_) => -1,
    }
}

#[workflow]
fn catch_all(i: In) -> i64 {
    let a = step_a(i.a).compensate(|r| undo(r));
    step_b(a).catch(|_| -1)
}

#[workflow]
fn deferred_catch_all(i: In) -> i64 {
    defer(|| cleanup(i.a));
    step_b(i.a).catch(|_| -1)
}

#[workflow]
fn match_some(i: In) -> i64 {
    let a = step_a(i.a).compensate(|r| undo(r));
    match step_b(a) {
        Ok(v) => v,
        Err(e) if e.error == "X" => -1,
        Err(_) => -2,
    }
}

#[workflow]
fn match_one(i: In) -> i64 {
    let a = step_a(i.a).compensate(|r| undo(r));
    let b = step_b(a).compensate(|r| undo(r));
    match step_b(b) {
        Ok(v) => v,
        Err(e) if e.error == "X" => -1,
        Err(e) => fail!(e.error, e.cause),
    }
}

#[test]
fn a_catch_all_handler_after_a_compensation_handles_the_error() {
    for machine in [match_all::state_machine(), catch_all::state_machine()] {
        let run = world().run(&machine, &json!({"a": 1}));
        run.assert_output(&json!(20));
        assert_eq!(run.services(), [STEP_A, STEP_B]);
        let run = world()
            .throws(STEP_B, "Any", "thing")
            .run(&machine, &json!({"a": 1}));
        run.assert_output(&json!(-1));
        assert_eq!(run.services(), [STEP_A, STEP_B]);
    }
}

#[test]
fn a_catch_all_handler_after_a_defer_handles_the_error_and_cleans_up() {
    let machine = deferred_catch_all::state_machine();
    let run = world()
        .throws(STEP_B, "Any", "thing")
        .run(&machine, &json!({"a": 3}));
    run.assert_output(&json!(-1));
    assert_eq!(run.services(), [STEP_B, CLEANUP]);
}

#[test]
fn guarded_handlers_then_a_catch_all_handle_every_error() {
    let machine = match_some::state_machine();
    for (error, output) in [("X", -1), ("Y", -2), ("States.TaskFailed", -2)] {
        let run = world()
            .throws(STEP_B, error, "no")
            .run(&machine, &json!({"a": 1}));
        run.assert_output(&json!(output));
        assert_eq!(run.services(), [STEP_A, STEP_B], "{error}");
    }
}

#[test]
fn errors_no_handler_catches_unwind_in_reverse() {
    let machine = match_one::state_machine();
    let world = || {
        World::new()
            .returns(STEP_A, json!(10))
            .sequence(
                STEP_B,
                [Response::Return(json!(20)), Response::throw("Y", "boom")],
            )
            .returns(UNDO, Value::Null)
    };
    let run = world().run(&machine, &json!({"a": 1}));
    run.assert_failed("Y", "boom");
    assert_eq!(run.services(), [STEP_A, STEP_B, STEP_B, UNDO, UNDO]);
    assert_eq!(run.inputs_of(UNDO), [&json!(20), &json!(10)]);
    let handled = World::new().returns(STEP_A, json!(10)).sequence(
        STEP_B,
        [Response::Return(json!(20)), Response::throw("X", "no")],
    );
    let run = handled.run(&machine, &json!({"a": 1}));
    run.assert_output(&json!(-1));
    assert_eq!(run.services(), [STEP_A, STEP_B, STEP_B]);
}
