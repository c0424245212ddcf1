//! A Distributed Map's `ResultWriter`: `WriterConfig` transformations and output types,
//! the manifest and result files per status, and the state's result.

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{Execution, ExecutionStatus, Executor, Mock, Mocks, Response};

/// A Distributed Map over the input whose `Work` task echoes its item, failing for
/// items that are objects with `"fail": true`.
fn machine(result_writer: &Value, extra: &Value) -> StateMachine {
    let mut map = json!({
        "Type": "Map", "End": true, "Label": "Ship",
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Work",
            "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                "OutputPath": "$.Payload", "End": true}}},
        "ResultWriter": result_writer
    });
    if let (Some(map), Some(extra)) = (map.as_object_mut(), extra.as_object()) {
        map.extend(extra.clone());
    }
    StateMachine::from_value(&json!({"StartAt": "Map", "States": {"Map": map}}))
        .expect("valid definition")
}

fn run(machine: StateMachine, input: Value) -> Execution {
    let work = Mock::from_fn(|call| {
        let item = call.input.clone();
        if item["fail"] == json!(true) {
            Response::throw("Broken", format!("item {item}"))
        } else {
            Response::from(json!({"Payload": item}))
        }
    });
    Executor::new(machine)
        .mocks(Mocks::new().state("Work", work))
        .run(input)
        .expect("runs")
}

fn export(writer_config: Option<Value>) -> Value {
    let mut writer = json!({"Resource": "arn:aws:states:::s3:putObject",
        "Parameters": {"Bucket": "results", "Prefix": "jobs"}});
    if let Some(config) = writer_config {
        writer["WriterConfig"] = config;
    }
    writer
}

fn object(execution: &Execution, key: &str) -> Value {
    let body = execution
        .objects_written
        .get("results", key)
        .unwrap_or_else(|| panic!("{key} written"));
    serde_json::from_str(body).expect("JSON")
}

/// The Map Run's id and the manifest, checked against the state's result.
fn manifest(execution: &Execution) -> (String, Value) {
    let output = execution.output.as_ref().expect("output");
    let arn = output["MapRunArn"].as_str().expect("MapRunArn").to_owned();
    let id = arn.rsplit(':').next().expect("id").to_owned();
    let key = format!("jobs/{id}/manifest.json");
    assert_eq!(
        output["ResultWriterDetails"],
        json!({"Bucket": "results", "Key": key})
    );
    let manifest = object(execution, &key);
    assert_eq!(manifest["DestinationBucket"], "results");
    assert_eq!(manifest["MapRunArn"], arn.as_str());
    (id, manifest)
}

#[test]
fn an_export_without_writer_config_writes_metadata_per_status() {
    let execution = run(
        machine(&export(None), &json!({"ToleratedFailureCount": 1})),
        json!([{"n": 1}, {"fail": true}, {"n": 3}]),
    );
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    let (id, manifest) = manifest(&execution);
    let succeeded_key = format!("jobs/{id}/SUCCEEDED_0.json");
    let failed_key = format!("jobs/{id}/FAILED_0.json");
    let size = |key: &str| execution.objects_written.get("results", key).map(str::len);
    assert_eq!(
        manifest["ResultFiles"],
        json!({
            "FAILED": [{"Key": failed_key, "Size": size(&failed_key)}],
            "PENDING": [],
            "SUCCEEDED": [{"Key": succeeded_key, "Size": size(&succeeded_key)}]
        })
    );
    let succeeded = object(&execution, &succeeded_key);
    let outputs: Vec<&Value> = succeeded
        .as_array()
        .expect("array")
        .iter()
        .map(|record| &record["Output"])
        .collect();
    assert_eq!(outputs, [&json!("{\"n\":1}"), &json!("{\"n\":3}")]);
    assert_eq!(succeeded[0]["Status"], "SUCCEEDED");
    assert_eq!(succeeded[1]["Input"], "{\"n\":3}");
    let failed = object(&execution, &failed_key);
    assert_eq!(failed[0]["Status"], "FAILED");
    assert_eq!(failed[0]["Error"], "Broken");
    assert_eq!(failed[0]["Cause"], "item {\"fail\":true}");
    assert_eq!(
        failed[0]["StateMachineArn"],
        "arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine/Ship"
    );
    assert_eq!(execution.objects_written.len(), 3);
}

#[test]
fn writer_config_alone_returns_the_transformed_results_and_writes_nothing() {
    let flatten = json!({"WriterConfig": {"Transformation": "FLATTEN", "OutputType": "JSON"}});
    let execution = run(machine(&flatten, &json!({})), json!([[1, 2], [3], 4]));
    assert_eq!(execution.output, Some(json!([1, 2, 3, 4])));
    assert!(execution.objects_written.is_empty());

    let compact = json!({"WriterConfig": {"Transformation": "COMPACT", "OutputType": "JSON"}});
    let execution = run(machine(&compact, &json!({})), json!([[1, 2], [3], 4]));
    assert_eq!(execution.output, Some(json!([[1, 2], [3], 4])));
}

#[test]
fn jsonl_writes_one_result_per_line() {
    let execution = run(
        machine(
            &export(Some(
                json!({"Transformation": "COMPACT", "OutputType": "JSONL"}),
            )),
            &json!({}),
        ),
        json!([{"n": 1}, [2, 3]]),
    );
    let (id, manifest) = manifest(&execution);
    let key = format!("jobs/{id}/SUCCEEDED_0.jsonl");
    assert_eq!(manifest["ResultFiles"]["SUCCEEDED"][0]["Key"], key.as_str());
    assert_eq!(
        execution.objects_written.get("results", &key),
        Some("{\"n\":1}\n[2,3]\n")
    );
    assert_eq!(manifest["ResultFiles"]["SUCCEEDED"][0]["Size"], 14);
}

/// One item at a time, no failure tolerated: the second item fails the Map Run, the
/// first is `SUCCEEDED`, the second `FAILED`, the last two never start (`PENDING`), and
/// the results are written before the state fails.
#[test]
fn a_failed_map_run_still_writes_its_results_with_the_pending_items() {
    let execution = run(
        machine(&export(None), &json!({"MaxConcurrency": 1})),
        json!([{"n": 1}, {"fail": true}, {"n": 3}, {"n": 4}]),
    );
    assert_eq!(
        execution.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
    let manifest_key = execution
        .objects_written
        .iter()
        .map(|(_, key, _)| key)
        .find(|key| key.ends_with("/manifest.json"))
        .expect("manifest")
        .to_owned();
    let manifest = object(&execution, &manifest_key);
    let count = |group: &str| {
        let key = manifest["ResultFiles"][group][0]["Key"]
            .as_str()
            .expect("file");
        object(&execution, key).as_array().map(Vec::len)
    };
    assert_eq!(
        (count("SUCCEEDED"), count("FAILED"), count("PENDING")),
        (Some(1), Some(1), Some(2))
    );
    let pending_key = manifest["ResultFiles"]["PENDING"][0]["Key"]
        .as_str()
        .expect("file");
    let pending = object(&execution, pending_key);
    assert_eq!(pending[0]["Status"], "PENDING");
    assert_eq!(pending[1]["Input"], "{\"n\":4}");
}

#[test]
fn an_export_without_a_bucket_fails_the_map_run() {
    let writer =
        json!({"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Prefix": "p"}});
    let execution = run(machine(&writer, &json!({})), json!([1]));
    assert_eq!(
        execution.error.as_deref(),
        Some("States.ResultWriterFailed")
    );
    assert_eq!(
        execution.cause.as_deref(),
        Some("the ResultWriter parameters have no string field 'Bucket'")
    );
}
