//! Distributed Map Runs: their tolerance counted in items (a failed batch counts all its
//! items) and the report of each Map Run in `Execution::map_runs`, which says why the
//! children failed when the parent's history only says the threshold was exceeded.

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{Execution, ExecutionStatus, Executor, MapRunStatus, Mock, Mocks};

const THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";

fn run(definition: &Value, mocks: Mocks, input: Value) -> Execution {
    let machine = StateMachine::from_value(definition).expect("valid definition");
    Executor::new(machine)
        .mocks(mocks)
        .run(input)
        .expect("runs")
}

/// A Distributed Map over `$.items` in batches of two, whose child fails when its first
/// item is below 2 (the batch `[1, 2]` of `[1, 2, 3]`); `tolerance` is merged into it.
fn batched(tolerance: &Value) -> Value {
    let mut map = json!({
        "Type": "Map", "End": true, "ItemsPath": "$.items",
        "ItemBatcher": {"MaxItemsPerBatch": 2},
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "C",
            "States": {
                "C": {"Type": "Choice",
                      "Choices": [{"Variable": "$.Items[0]", "NumericLessThan": 2, "Next": "F"}],
                      "Default": "P"},
                "F": {"Type": "Fail", "Error": "Small", "Cause": "too small"},
                "P": {"Type": "Pass", "End": true}}}
    });
    if let (Some(map), Some(tolerance)) = (map.as_object_mut(), tolerance.as_object()) {
        map.extend(tolerance.clone());
    }
    json!({"StartAt": "M", "States": {"M": map}})
}

/// AWS: "the percentage of failed items [is] the total number of failed or timed out items
/// divided by the total number of items". The failed batch holds 2 of the 3 items: 66.7 %,
/// more than 50 %, though it is only 1 of the 2 batches.
#[test]
fn a_failed_batch_counts_its_items_against_the_tolerated_percentage() {
    let input = json!({"items": [1, 2, 3]});
    let execution = run(
        &batched(&json!({"ToleratedFailurePercentage": 50})),
        Mocks::new(),
        input.clone(),
    );
    assert_eq!(execution.status, ExecutionStatus::Failed);
    assert_eq!(execution.error.as_deref(), Some(THRESHOLD));
    let map_run = &execution.map_runs[0];
    assert_eq!(map_run.status, MapRunStatus::Failed);
    assert_eq!(map_run.items_total, 3);
    assert_eq!(map_run.items_failed, 2);
    // 2 of 3 items is within 67 %.
    let tolerated = run(
        &batched(&json!({"ToleratedFailurePercentage": 67})),
        Mocks::new(),
        input,
    );
    assert_eq!(tolerated.status, ExecutionStatus::Succeeded);
    assert_eq!(
        tolerated.output,
        Some(json!([{"Error": "Small", "Cause": "too small"}, {"Items": [3]}]))
    );
    let map_run = &tolerated.map_runs[0];
    assert_eq!(map_run.status, MapRunStatus::Succeeded);
    assert_eq!(
        (
            map_run.items_total,
            map_run.items_succeeded,
            map_run.items_failed
        ),
        (3, 1, 2)
    );
}

/// `ToleratedFailureCount` is "the maximum number of failed items": one failed batch of two
/// items is two failed items, one too many.
#[test]
fn a_failed_batch_counts_its_items_against_the_tolerated_count() {
    let input = json!({"items": [1, 2, 3]});
    let execution = run(
        &batched(&json!({"ToleratedFailureCount": 1})),
        Mocks::new(),
        input.clone(),
    );
    assert_eq!(execution.status, ExecutionStatus::Failed);
    assert_eq!(execution.error.as_deref(), Some(THRESHOLD));
    let tolerated = run(
        &batched(&json!({"ToleratedFailureCount": 2})),
        Mocks::new(),
        input,
    );
    assert_eq!(tolerated.status, ExecutionStatus::Succeeded);
}

/// The parent's error stays AWS's, and its history does not show the children; the Map
/// Run's report says which child failed, in which state, and why.
#[test]
fn the_map_run_report_says_why_the_children_failed() {
    let definition = json!({"StartAt": "M", "States": {"M": {
    "Type": "Map", "End": true, "ItemsPath": "$.items", "ToleratedFailureCount": 1,
    "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Both",
        "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "T", "States": {"T": {"Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}
        ]}}}}}});
    let execution = run(
        &definition,
        Mocks::new().state("T", Mock::throws("Boom", "it broke")),
        json!({"items": [{"d": 5}, {"d": 1}]}),
    );
    assert_eq!(execution.status, ExecutionStatus::Failed);
    assert_eq!(execution.error.as_deref(), Some(THRESHOLD));
    assert_eq!(
        execution.cause.as_deref(),
        Some("The specified tolerated failure threshold was exceeded")
    );
    let [map_run] = execution.map_runs.as_slice() else {
        panic!("one Map Run: {:?}", execution.map_runs);
    };
    assert_eq!(map_run.state_name, "M");
    assert!(
        map_run.map_run_arn.contains(":mapRun:StateMachine/M:"),
        "{}",
        map_run.map_run_arn
    );
    assert_eq!(map_run.status, MapRunStatus::Failed);
    assert_eq!((map_run.items_total, map_run.items_failed), (2, 2));
    let first = &map_run.failed_children[0];
    assert_eq!(first.index, 0);
    // The innermost state, not the Parallel around it.
    assert_eq!(first.state.as_deref(), Some("T"));
    assert_eq!(first.error.as_deref(), Some("Boom"));
    assert_eq!(first.cause.as_deref(), Some("it broke"));
    assert!(
        first.execution_arn.contains(":execution:StateMachine/M:"),
        "{}",
        first.execution_arn
    );
}

/// An unmocked task fails its child with `States.Runtime` naming the state.
#[test]
fn an_unmocked_child_task_is_reported_with_its_runtime_error() {
    let definition = json!({"StartAt": "M", "States": {"M": {
        "Type": "Map", "End": true,
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "T",
            "States": {"T": {"Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}}}});
    let execution = run(&definition, Mocks::new(), json!([1]));
    let child = &execution.map_runs[0].failed_children[0];
    assert_eq!(child.state.as_deref(), Some("T"));
    assert_eq!(child.error.as_deref(), Some("States.Runtime"));
    assert!(
        child
            .cause
            .as_deref()
            .is_some_and(|cause| cause.contains("'T'")),
        "{:?}",
        child.cause
    );
}

/// An Express child that runs out of time failed as a whole: no state is named.
#[test]
fn a_timed_out_child_names_no_state() {
    let definition = json!({"StartAt": "M", "States": {"M": {
        "Type": "Map", "End": true, "ToleratedFailureCount": 1,
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "W",
            "States": {"W": {"Type": "Wait", "SecondsPath": "$", "End": true}}}}}});
    let execution = run(&definition, Mocks::new(), json!([400, 100]));
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    let map_run = &execution.map_runs[0];
    assert_eq!(map_run.status, MapRunStatus::Succeeded);
    assert_eq!(
        (
            map_run.items_total,
            map_run.items_succeeded,
            map_run.items_failed,
            map_run.items_timed_out
        ),
        (2, 1, 0, 1)
    );
    let child = &map_run.failed_children[0];
    assert_eq!((child.index, child.state.as_deref()), (0, None));
    assert_eq!(child.error.as_deref(), Some("States.Timeout"));
}

/// Inline Maps have no Map Run; a Map Run cut short by the execution's timeout is aborted.
#[test]
fn inline_maps_have_no_map_run_and_an_interrupted_one_is_aborted() {
    let inline = run(
        &json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}),
        Mocks::new(),
        json!([1, 2]),
    );
    assert!(inline.map_runs.is_empty());
    let cut_short = run(
        &json!({"TimeoutSeconds": 10, "StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}}}}),
        Mocks::new(),
        json!([1]),
    );
    assert_eq!(cut_short.status, ExecutionStatus::TimedOut);
    assert_eq!(cut_short.map_runs[0].status, MapRunStatus::Aborted);
}

/// A Map Run failure a catcher handled did not fail the execution, so a later failure is
/// not blamed on the Map's children; the Map Run still reports them.
#[test]
fn a_caught_map_run_failure_is_not_the_executions_failed_child() {
    let mut definition = batched(&json!({"ToleratedFailurePercentage": 50}));
    if let Some(map) = definition["States"]["M"].as_object_mut() {
        map.remove("End");
        map.insert("Next".to_owned(), json!("Done"));
        map.insert(
            "Catch".to_owned(),
            json!([{"ErrorEquals": ["States.ALL"], "Next": "After"}]),
        );
    }
    definition["States"]["After"] = json!({"Type": "Fail", "Error": "Other", "Cause": "later"});
    definition["States"]["Done"] = json!({"Type": "Succeed"});
    let execution = run(&definition, Mocks::new(), json!({"items": [1, 2, 3]}));
    assert_eq!(execution.error.as_deref(), Some("Other"));
    assert_eq!(execution.map_runs[0].status, MapRunStatus::Failed);
    assert_eq!(execution.map_runs[0].failed_children.len(), 1);
    assert!(execution.first_failed_child().is_none());
}

/// The tolerance counts failed and timed-out items together, while the Map Run counts
/// them apart, as `DescribeMapRun` does.
#[test]
fn failed_and_timed_out_items_are_counted_apart_and_tolerated_together() {
    let definition = |tolerated: u64| {
        json!({"StartAt": "M", "States": {"M": {
            "Type": "Map", "End": true, "ToleratedFailureCount": tolerated,
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "Route",
                "States": {
                    "Route": {"Type": "Choice", "Choices": [
                        {"Variable": "$", "NumericEquals": 0, "Next": "Broken"}],
                        "Default": "W"},
                    "Broken": {"Type": "Fail", "Error": "Broken"},
                    "W": {"Type": "Wait", "SecondsPath": "$", "End": true}}}}}})
    };
    let execution = run(&definition(2), Mocks::new(), json!([400, 0, 100]));
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    let map_run = &execution.map_runs[0];
    assert_eq!(
        (
            map_run.items_total,
            map_run.items_succeeded,
            map_run.items_failed,
            map_run.items_timed_out
        ),
        (3, 1, 1, 1)
    );
    let execution = run(&definition(1), Mocks::new(), json!([400, 0, 100]));
    assert_eq!(
        execution.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
}

/// A child execution's history is numbered as an execution of its own: the cause of a
/// failed child names the event id the same workflow run alone gives (not the parent's),
/// through its Pass, Parallel and inline Map states.
#[test]
fn a_failed_childs_cause_names_event_ids_of_its_own_history() {
    let processor = json!({
        "StartAt": "Prepare",
        "States": {
            "Prepare": {"Type": "Pass", "Next": "Both"},
            "Both": {"Type": "Parallel", "Next": "Each", "ResultPath": null, "Branches": [
                {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
                {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "End": true}}}]},
            "Each": {"Type": "Map", "ItemsPath": "$.list", "ResultPath": null, "Next": "Read",
                "ItemProcessor": {"StartAt": "One", "States": {"One": {"Type": "Pass", "End": true}}}},
            "Read": {"Type": "Pass", "InputPath": "$.missing", "End": true}}
    });
    let alone = run(&processor, Mocks::new(), json!({"list": [1, 2]}));
    let expected = alone.cause.expect("a cause");
    assert!(
        expected.contains("(entered at the event id #"),
        "{expected}"
    );

    let mut item_processor = processor.clone();
    item_processor["ProcessorConfig"] = json!({"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"});
    let parent = json!({"StartAt": "Start", "States": {
        "Start": {"Type": "Pass", "Next": "M"},
        "M": {"Type": "Map", "End": true, "ItemProcessor": item_processor}}});
    let execution = run(&parent, Mocks::new(), json!([{"list": [1, 2]}]));
    let (_, child) = execution.first_failed_child().expect("a failed child");
    assert_eq!(child.cause.as_deref(), Some(expected.as_str()));
}

/// A Distributed Map over `[1, 2, 3]` whose children pass their batch on, batched by
/// `item_batcher`, in `query_language`.
fn batches_of(query_language: &str, item_batcher: &Value, input: Value) -> Execution {
    let mut definition = json!({"QueryLanguage": query_language, "StartAt": "M", "States": {"M": {
        "Type": "Map", "End": true, "ItemBatcher": item_batcher,
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}});
    if query_language == "JSONPath" {
        definition["States"]["M"]["ItemsPath"] = json!("$.items");
    } else {
        definition["States"]["M"]["Items"] = json!([1, 2, 3]);
    }
    run(&definition, Mocks::new(), input)
}

/// Batch sizes read from the input or computed by JSONata are not held to the ranges
/// `build()` and `sfn validate` apply to numbers: 0 means no limit and a byte limit above
/// 256 KiB is accepted, as AWS does for `MaxItemsPath` (recorded:
/// `test_map_item_reader_csv_max_items_paths[0]`, `[100000001]`). No recording shows the
/// batch sizes themselves, so this is inferred; a batch over 256 KiB still fails with
/// `States.DataLimitExceeded` (`payload_limit.rs`).
#[test]
fn dynamic_batch_sizes_of_zero_mean_no_limit_and_are_not_capped() {
    let one_batch = json!([{"Items": [1, 2, 3]}]);
    let three_batches = json!([{"Items": [1]}, {"Items": [2]}, {"Items": [3]}]);
    let cases = [
        (
            "JSONPath",
            json!({"MaxItemsPerBatchPath": "$.n"}),
            json!({"n": 0}),
            &one_batch,
        ),
        (
            "JSONPath",
            json!({"MaxInputBytesPerBatchPath": "$.n"}),
            json!({"n": 0}),
            &one_batch,
        ),
        (
            "JSONPath",
            json!({"MaxItemsPerBatchPath": "$.one", "MaxInputBytesPerBatchPath": "$.n"}),
            json!({"one": 1, "n": 262_145}),
            &three_batches,
        ),
        (
            "JSONata",
            json!({"MaxItemsPerBatch": "{% $states.input.n %}"}),
            json!({"n": 0}),
            &one_batch,
        ),
        (
            "JSONata",
            json!({"MaxInputBytesPerBatch": "{% $states.input.n %}"}),
            json!({"n": 0}),
            &one_batch,
        ),
        (
            "JSONata",
            json!({"MaxItemsPerBatch": 1, "MaxInputBytesPerBatch": "{% $states.input.n %}"}),
            json!({"n": 262_145}),
            &three_batches,
        ),
    ];
    for (query_language, item_batcher, mut input, expected) in cases {
        input["items"] = json!([1, 2, 3]);
        let execution = batches_of(query_language, &item_batcher, input);
        assert_eq!(
            execution.output.as_ref(),
            Some(expected),
            "{query_language} {item_batcher}: {:?}",
            execution.cause
        );
    }
}
