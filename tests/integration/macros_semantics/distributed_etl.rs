//! The Distributed Map ETL (`examples/src/distributed_etl.rs`, builder only): read a CSV
//! object, transform it in batches of 1,000 rows (retrying Lambda's transient errors
//! twice), tolerate up to 5 % failed batches, write the results to S3, then summarise.

use std::fmt::Write as _;

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::Response;

use super::world::{Run, World};

const TRANSFORM: &str = "${TransformFunctionArn}";
const SUMMARIZE: &str = "${SummarizeFunctionArn}";

fn machine() -> StateMachine {
    sfn_examples::distributed_etl::definition().expect("the example builds")
}

/// A CSV of `rows` rows `id,amount` with ids from 1 and amounts `id * 10`.
fn csv(rows: usize) -> String {
    let mut text = String::from("id,amount\n");
    for id in 1..=rows {
        let _ = writeln!(text, "{id},{}", id * 10);
    }
    text
}

/// The first row id of a batch.
fn first_id(call: &sfn_local::TaskCall) -> String {
    call.input["Payload"]["Items"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Transforms count their batch's rows; batches starting at a `failing` id fail for good.
fn services(rows: usize, failing: &'static [&'static str]) -> World {
    World::new()
        .s3_object("${InputBucket}", "in/rows.csv", csv(rows))
        .answer(TRANSFORM, move |call, _| {
            if failing.contains(&first_id(call).as_str()) {
                return Response::throw("Transform.BadRow", first_id(call));
            }
            let items = call.input["Payload"]["Items"]
                .as_array()
                .map_or(0, Vec::len);
            Response::from(json!({"rows": items}))
        })
        .returns(SUMMARIZE, json!({"ok": true}))
}

fn execute(world: &World) -> Run {
    world.run(&machine(), &json!({"key": "in/rows.csv"}))
}

/// The rows counted in the results file the Map wrote: JSON Lines (`OutputType: JSONL`) of
/// the children's outputs alone (`Transformation: COMPACT`).
fn written_rows(run: &Run) -> Vec<u64> {
    let (_, _, body) = run
        .execution
        .objects_written
        .iter()
        .find(|(bucket, key, _)| *bucket == "${OutputBucket}" && key.ends_with("SUCCEEDED_0.jsonl"))
        .expect("the results were written");
    body.lines()
        .map(|line| {
            let result: Value = serde_json::from_str(line).expect("one JSON value per line");
            result["rows"].as_u64().unwrap_or_default()
        })
        .collect()
}

#[test]
fn rows_are_transformed_in_batches_and_summarised() {
    let run = execute(&services(2_500, &[]));
    assert_eq!(run.execution.status.as_str(), "SUCCEEDED");
    let batches: Vec<usize> = run
        .inputs_of(TRANSFORM)
        .iter()
        .map(|input| input["Items"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(batches, [1_000, 1_000, 500]);
    assert_eq!(
        run.inputs_of(TRANSFORM)[2]["Items"][0],
        json!({"id": "2001", "amount": "20010"})
    );
    assert_eq!(written_rows(&run), [1_000, 1_000, 500]);
    // The summary gets the input and where the results went, and is stored beside them.
    let summary_input = run.inputs_of(SUMMARIZE)[0].clone();
    assert_eq!(summary_input["key"], "in/rows.csv");
    let details = &summary_input["results"]["ResultWriterDetails"];
    assert_eq!(details["Bucket"], "${OutputBucket}");
    assert!(
        details["Key"]
            .as_str()
            .is_some_and(|key| key.starts_with("transformed/") && key.ends_with("/manifest.json")),
        "{details}"
    );
    let output = run.execution.output.as_ref().expect("an output");
    assert_eq!(output["summary"]["Payload"], json!({"ok": true}));
    assert_eq!(output["results"], summary_input["results"]);
    assert_eq!(run.states(), ["Transform rows", "Summarize", "Done"]);
}

#[test]
fn an_empty_file_runs_no_batch() {
    let run = execute(&services(0, &[]));
    assert_eq!(run.execution.status.as_str(), "SUCCEEDED");
    assert!(run.inputs_of(TRANSFORM).is_empty());
    assert_eq!(run.services(), [SUMMARIZE]);
}

#[test]
fn transient_lambda_errors_are_retried_twice() {
    let world = services(1_500, &[]).sequence(
        TRANSFORM,
        [
            Response::throw("Lambda.ServiceException", "blip"),
            Response::throw("Lambda.TooManyRequestsException", "slow down"),
            Response::from(json!({"rows": 1})),
        ],
    );
    let run = execute(&world);
    assert_eq!(run.execution.status.as_str(), "SUCCEEDED");
    // Two batches; whichever ran first took both errors and succeeded on its third try.
    assert_eq!(run.inputs_of(TRANSFORM).len(), 4);
    // One batch that keeps failing: the first attempt and two retries, then the batch
    // fails, which is more than 5 % of the batches.
    let world = services(800, &[]).throws(TRANSFORM, "Lambda.ServiceException", "down");
    let run = execute(&world);
    assert_eq!(run.execution.status.as_str(), "FAILED");
    assert_eq!(
        run.execution.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
    assert_eq!(run.times_of(TRANSFORM), [0, 1, 3]);
}

#[test]
fn five_percent_of_failed_batches_are_tolerated_and_more_are_not() {
    // Twenty batches: one failure is 5 %, two are 10 %.
    let run = execute(&services(20_000, &["5001"]));
    assert_eq!(run.execution.status.as_str(), "SUCCEEDED");
    assert_eq!(written_rows(&run).iter().sum::<u64>(), 19_000);

    let run = execute(&services(20_000, &["5001", "12001"]));
    assert_eq!(run.execution.status.as_str(), "FAILED");
    assert_eq!(
        run.execution.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
    assert_eq!(
        run.execution.cause.as_deref(),
        Some("The specified tolerated failure threshold was exceeded")
    );
    assert!(run.inputs_of(SUMMARIZE).is_empty());
}
