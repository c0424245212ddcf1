//! The polling workflow (`examples/src/macros/polling.rs`): start an Athena query, then
//! read its state, and every ten seconds again, until it succeeds (the output is its
//! status), fails or is cancelled (`Query.Failed`), or sixty reads found it unfinished
//! (`Query.TimedOut`).

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::Response;

use super::world::{Run, World};

const START: &str = "arn:aws:states:::aws-sdk:athena:startQueryExecution";
const STATE: &str = "arn:aws:states:::aws-sdk:athena:getQueryExecution";

fn machine() -> StateMachine {
    sfn_examples::macros::polling::definition().expect("the example builds")
}

fn query() -> Value {
    json!({"sql": "SELECT 1"})
}

fn status(state: &str) -> Response {
    Response::from(json!({"QueryExecution": {"Status": {"State": state}}}))
}

/// Athena answers `states` to the reads, the last one repeating.
fn athena(states: &[&str]) -> World {
    World::new()
        .returns(START, json!({"QueryExecutionId": "Q-1"}))
        .sequence(STATE, states.iter().map(|state| status(state)))
}

fn execute(world: &World) -> Run {
    world.run(&machine(), &query())
}

/// The states of `reads` reads that did not finish the query.
fn unfinished_reads(reads: usize) -> Vec<&'static str> {
    let mut states = vec!["StartQuery"];
    for _ in 0..reads {
        states.extend(["GetQueryState", "CheckState", "Wait10Seconds"]);
    }
    states
}

#[test]
fn a_query_done_at_the_first_read_returns_at_once() {
    let run = execute(&athena(&["SUCCEEDED"]));
    run.assert_output(&json!({"State": "SUCCEEDED"}));
    assert_eq!(
        run.states(),
        ["StartQuery", "GetQueryState", "CheckState", "Done"]
    );
    assert_eq!(
        run.inputs_of(START),
        [&json!({"QueryString": "SELECT 1", "WorkGroup": "${WorkGroup}"})]
    );
    assert_eq!(run.inputs_of(STATE), [&json!({"QueryExecutionId": "Q-1"})]);
    assert_eq!(run.seconds(), 0);
}

#[test]
fn a_query_done_at_the_third_read_waits_twice() {
    let run = execute(&athena(&["QUEUED", "RUNNING", "SUCCEEDED"]));
    run.assert_output(&json!({"State": "SUCCEEDED"}));
    let mut states = unfinished_reads(2);
    states.extend(["GetQueryState", "CheckState", "Done"]);
    assert_eq!(run.states(), states);
    assert_eq!(run.times_of(STATE), [0, 10, 20]);
    assert_eq!(run.seconds(), 20);
}

#[test]
fn a_failed_or_cancelled_query_fails_naming_its_state() {
    for ending in ["FAILED", "CANCELLED"] {
        let run = execute(&athena(&["RUNNING", ending]));
        run.assert_failed("Query.Failed", format!("the query ended {ending}").as_str());
        let mut states = unfinished_reads(1);
        states.extend(["GetQueryState", "CheckState", "QueryFailed"]);
        assert_eq!(run.states(), states);
        assert_eq!(run.seconds(), 10);
    }
}

#[test]
fn sixty_unfinished_reads_give_up() {
    let run = execute(&athena(&["RUNNING"]));
    run.assert_failed("Query.TimedOut", "the query did not finish in 10 minutes");
    // Sixty reads, fifty-nine waits between them.
    assert_eq!(run.inputs_of(STATE).len(), 60);
    assert_eq!(
        run.times_of(STATE),
        (0..60).map(|read| read * 10).collect::<Vec<i64>>()
    );
    let mut states = unfinished_reads(59);
    states.extend(["GetQueryState", "CheckState", "QueryTimedOut"]);
    assert_eq!(run.states(), states);
    assert_eq!(run.seconds(), 590);
}

#[test]
fn the_sixtieth_read_still_counts() {
    // The state is checked before the attempts: success or failure at the last read wins.
    let mut answers = vec!["RUNNING"; 59];
    answers.push("SUCCEEDED");
    let run = execute(&athena(&answers));
    run.assert_output(&json!({"State": "SUCCEEDED"}));
    assert_eq!(run.inputs_of(STATE).len(), 60);
    assert_eq!(run.seconds(), 590);

    answers[59] = "FAILED";
    let run = execute(&athena(&answers));
    run.assert_failed("Query.Failed", "the query ended FAILED");
}

#[test]
fn service_errors_propagate_unchanged() {
    let world = athena(&["RUNNING"]).throws(START, "Athena.InvalidRequestException", "bad SQL");
    let run = execute(&world);
    run.assert_failed("Athena.InvalidRequestException", "bad SQL");
    assert_eq!(run.states(), ["StartQuery"]);

    let world = World::new()
        .returns(START, json!({"QueryExecutionId": "Q-1"}))
        .sequence(
            STATE,
            [
                status("RUNNING"),
                Response::throw("Athena.ThrottlingException", "rate"),
            ],
        );
    let run = execute(&world);
    run.assert_failed("Athena.ThrottlingException", "rate");
    assert_eq!(run.times_of(STATE), [0, 10]);
}
