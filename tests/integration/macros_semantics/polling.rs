//! Polling (`examples/src/macros/polling.rs` and its builder twin
//! `examples/src/polling.rs`): start an Athena query, then every ten seconds read its
//! state until it succeeds (the output is its status), fails or is cancelled
//! (`Query.Failed`), or sixty reads found it unfinished (`Query.TimedOut`).

use serde_json::{Value, json};
use sfn_local::Response;

use super::twins::Twins;
use super::world::{Run, World};

const START: &str = "arn:aws:states:::aws-sdk:athena:startQueryExecution";
const STATE: &str = "arn:aws:states:::aws-sdk:athena:getQueryExecution";

fn twins() -> Twins {
    Twins::new(
        sfn_examples::macros::polling::definition(),
        sfn_examples::polling::definition(),
    )
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

fn execute(world: &World) -> (Run, Run) {
    twins().run(world, &query())
}

/// The states of the macro workflow: `reads` unfinished reads, then `last`.
fn macro_path(reads: usize, last: &'static str) -> Vec<&'static str> {
    let mut states = vec!["StartQuery"];
    for _ in 0..reads {
        states.extend(["Wait10Seconds", "GetQueryState", "CheckState"]);
    }
    states.push(last);
    states
}

/// The states of the builder workflow: `reads` unfinished reads, then `last`.
fn builder_path(reads: usize, last: &[&'static str]) -> Vec<&'static str> {
    let mut states = vec!["Start query", "Query: start"];
    for _ in 0..reads {
        states.extend([
            "Query: wait",
            "Get query state",
            "Query: count attempt",
            "Query: finished?",
        ]);
    }
    states.extend(last);
    states
}

#[test]
fn a_query_done_at_the_first_read_returns_its_status() {
    let (macros, builder) = execute(&athena(&["SUCCEEDED"]));
    macros.assert_output(&json!({"State": "SUCCEEDED"}));
    assert_eq!(macros.states(), macro_path(1, "Done"));
    assert_eq!(
        builder.states(),
        builder_path(1, &["Query: done", "Query finished"])
    );
    assert_eq!(
        macros.inputs_of(START),
        [&json!({"QueryString": "SELECT 1", "WorkGroup": "${WorkGroup}"})]
    );
    assert_eq!(
        macros.inputs_of(STATE),
        [&json!({"QueryExecutionId": "Q-1"})]
    );
    assert_eq!(macros.times_of(STATE), [10]);
}

#[test]
fn a_query_done_at_the_third_read_waits_three_times() {
    let (macros, builder) = execute(&athena(&["QUEUED", "RUNNING", "SUCCEEDED"]));
    macros.assert_output(&json!({"State": "SUCCEEDED"}));
    assert_eq!(macros.states(), macro_path(3, "Done"));
    assert_eq!(
        builder.states(),
        builder_path(3, &["Query: done", "Query finished"])
    );
    assert_eq!(macros.times_of(STATE), [10, 20, 30]);
    assert_eq!(macros.seconds(), 30);
}

#[test]
fn a_failed_or_cancelled_query_fails_naming_its_state() {
    for ending in ["FAILED", "CANCELLED"] {
        let (macros, builder) = execute(&athena(&["RUNNING", ending]));
        macros.assert_failed("Query.Failed", format!("the query ended {ending}").as_str());
        assert_eq!(macros.states(), macro_path(2, "QueryFailed"));
        assert_eq!(builder.states(), builder_path(2, &["Query failed"]));
        assert_eq!(macros.seconds(), 20);
    }
}

#[test]
fn sixty_unfinished_reads_give_up_after_ten_minutes() {
    let (macros, builder) = execute(&athena(&["RUNNING"]));
    macros.assert_failed("Query.TimedOut", "the query did not finish in 10 minutes");
    assert_eq!(
        macros.times_of(STATE),
        (1..=60).map(|read| read * 10).collect::<Vec<i64>>()
    );
    assert_eq!(macros.states(), macro_path(60, "QueryTimedOut"));
    assert_eq!(builder.states(), builder_path(60, &["Query timed out"]));
    assert_eq!(macros.seconds(), 600);
}

#[test]
fn the_sixtieth_read_still_counts() {
    // The state is checked before the attempts: success or failure at the last read wins.
    let mut answers = vec!["RUNNING"; 59];
    answers.push("SUCCEEDED");
    let (macros, _) = execute(&athena(&answers));
    macros.assert_output(&json!({"State": "SUCCEEDED"}));
    assert_eq!(macros.inputs_of(STATE).len(), 60);

    answers[59] = "FAILED";
    let (macros, _) = execute(&athena(&answers));
    macros.assert_failed("Query.Failed", "the query ended FAILED");
}

#[test]
fn service_errors_propagate_unchanged() {
    let world = athena(&["RUNNING"]).throws(START, "Athena.InvalidRequestException", "bad SQL");
    let (macros, builder) = execute(&world);
    macros.assert_failed("Athena.InvalidRequestException", "bad SQL");
    assert_eq!(macros.states(), ["StartQuery"]);
    assert_eq!(builder.states(), ["Start query"]);

    let world = World::new()
        .returns(START, json!({"QueryExecutionId": "Q-1"}))
        .sequence(
            STATE,
            [
                status("RUNNING"),
                Response::throw("Athena.ThrottlingException", "rate"),
            ],
        );
    let (macros, _) = execute(&world);
    macros.assert_failed("Athena.ThrottlingException", "rate");
    assert_eq!(macros.times_of(STATE), [10, 20]);
}
