//! Distributed Map `ItemReader`s that follow manifests or load listed objects (Parquet
//! objects: `item_reader_parquet/`).

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{Execution, Executor};

/// A Distributed Map whose iterations pass their item through.
fn machine(item_reader: &Value) -> StateMachine {
    StateMachine::from_value(&json!({"StartAt": "Map", "States": {"Map": {
        "Type": "Map", "End": true, "ItemReader": item_reader,
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}}}}))
    .expect("valid definition")
}

fn run(executor: &Executor) -> Execution {
    executor.run(json!({})).expect("runs")
}

fn inventory_manifest() -> String {
    json!({
        "sourceBucket": "photos",
        "destinationBucket": "arn:aws:s3:::inventory",
        "version": "2016-11-30",
        "creationTimestamp": "1514944800000",
        "fileFormat": "CSV",
        "fileSchema": "Bucket, Key, Size, LastModifiedDate",
        "files": [
            {"key": "photos/daily/data/a.csv.gz", "size": 100, "MD5checksum": "1"},
            {"key": "photos/daily/data/b.csv.gz", "size": 50, "MD5checksum": "2"}
        ]
    })
    .to_string()
}

fn with_inventory(reader_config: &Value) -> Executor {
    Executor::new(machine(&json!({
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": reader_config,
        "Parameters": {"Bucket": "inventory", "Key": "photos/daily/2024-01-01T00-00Z/manifest.json"}
    })))
    .s3_object(
        "inventory",
        "photos/daily/2024-01-01T00-00Z/manifest.json",
        inventory_manifest(),
    )
    .s3_object(
        "inventory",
        "photos/daily/data/a.csv.gz",
        "\"photos\",\"2024/cat.jpg\",\"2048\",\"2024-01-01T00:00:00.000Z\"\n\"photos\",\"2024/dog.jpg\",\"4096\",\"2024-01-01T00:00:00.000Z\"\n",
    )
    .s3_object(
        "inventory",
        "photos/daily/data/b.csv.gz",
        "\"photos\",\"2024/owl.jpg\",\"1024\",\"2024-01-02T00:00:00.000Z\"\n",
    )
}

#[test]
fn an_s3_inventory_manifest_yields_one_item_per_listed_object() {
    let expected = json!([
        {"Bucket": "photos", "Key": "2024/cat.jpg", "Size": "2048", "LastModifiedDate": "2024-01-01T00:00:00.000Z"},
        {"Bucket": "photos", "Key": "2024/dog.jpg", "Size": "4096", "LastModifiedDate": "2024-01-01T00:00:00.000Z"},
        {"Bucket": "photos", "Key": "2024/owl.jpg", "Size": "1024", "LastModifiedDate": "2024-01-02T00:00:00.000Z"}
    ]);
    let execution = run(&with_inventory(&json!({"InputType": "MANIFEST"})));
    assert_eq!(execution.output, Some(expected.clone()));
    let execution = run(&with_inventory(&json!({"ManifestType": "S3_INVENTORY"})));
    assert_eq!(execution.output, Some(expected));
    let execution = run(&with_inventory(
        &json!({"ManifestType": "S3_INVENTORY", "MaxItems": 2}),
    ));
    assert_eq!(
        execution
            .output
            .as_ref()
            .and_then(Value::as_array)
            .map(Vec::len),
        Some(2)
    );
}

#[test]
fn an_athena_manifest_reads_the_data_files_it_lists() {
    let executor = Executor::new(machine(&json!({
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": {"ManifestType": "ATHENA_DATA", "InputType": "CSV",
                         "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["id", "name"]},
        "Parameters": {"Bucket": "athena", "Key": "unload/q1-manifest.csv"}
    })))
    .s3_object(
        "athena",
        "unload/q1-manifest.csv",
        "s3://athena/unload/part-1\ns3://athena/unload/part-2\n",
    )
    .s3_object("athena", "unload/part-1", "1,ada\n2,alan\n")
    .s3_object("athena", "unload/part-2", "3,grace\n");
    let execution = run(&executor);
    assert_eq!(
        execution.output,
        Some(json!([
            {"id": "1", "name": "ada"}, {"id": "2", "name": "alan"}, {"id": "3", "name": "grace"}
        ]))
    );
}

#[test]
fn load_and_flatten_reads_every_listed_object() {
    let executor = Executor::new(machine(&json!({
        "Resource": "arn:aws:states:::s3:listObjectsV2",
        "ReaderConfig": {"InputType": "JSONL", "Transformation": "LOAD_AND_FLATTEN"},
        "Parameters": {"Bucket": "logs", "Prefix": "2024/"}
    })))
    .s3_object("logs", "2024/01.jsonl", "{\"n\":1}\n{\"n\":2}\n")
    .s3_object("logs", "2023/12.jsonl", "{\"n\":0}\n")
    .s3_object("logs", "2024/02.jsonl", "{\"n\":3}\n");
    let execution = run(&executor);
    assert_eq!(
        execution.output,
        Some(json!([{"n": 1}, {"n": 2}, {"n": 3}]))
    );
}

#[test]
fn a_text_object_read_as_parquet_fails_the_map_run_saying_why() {
    let executor = Executor::new(machine(&json!({
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": {"InputType": "PARQUET"},
        "Parameters": {"Bucket": "b", "Key": "data.parquet"}
    })))
    .s3_object("b", "data.parquet", "PAR1");
    let execution = run(&executor);
    assert_eq!(execution.error.as_deref(), Some("States.ItemReaderFailed"));
    let cause = if cfg!(feature = "parquet") {
        "s3://b/data.parquet cannot be read as Parquet: it is 4 bytes long, too short for a Parquet file"
    } else {
        "InputType PARQUET needs the `parquet` feature of sfn-local (on by default), which this build leaves out"
    };
    assert_eq!(execution.cause.as_deref(), Some(cause));
}

#[test]
fn items_read_from_s3_show_their_object_as_map_item_source() {
    let definition = |reader: Value| {
        json!({"StartAt": "Map", "States": {"Map": {
            "Type": "Map", "End": true, "ItemReader": reader,
            "ItemSelector": {"source.$": "$$.Map.Item.Source"},
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}}}})
    };
    let object = Executor::new(
        StateMachine::from_value(&definition(json!({
            "Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "JSON"},
            "Parameters": {"Bucket": "orders", "Key": "today.json"}
        })))
        .expect("valid definition"),
    )
    .s3_object("orders", "today.json", "[1]");
    assert_eq!(
        run(&object).output,
        Some(json!([{"source": "S3://orders/today.json"}]))
    );
    let listing = Executor::new(
        StateMachine::from_value(&definition(json!({
            "Resource": "arn:aws:states:::s3:listObjectsV2",
            "Parameters": {"Bucket": "orders", "Prefix": "2024/"}
        })))
        .expect("valid definition"),
    )
    .s3_object("orders", "2024/a.json", "[]");
    assert_eq!(
        run(&listing).output,
        Some(json!([{"source": "S3://orders"}]))
    );
}

/// A JSON object that holds an object, not an array, fails the Map Run with AWS's cause
/// (`test_map_item_reader_json_no_json_list_object`, the object from LocalStack's test).
#[test]
fn a_json_object_without_a_list_fails_with_the_recorded_cause() {
    let executor = Executor::new(machine(&json!({
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": {"InputType": "JSON"},
        "Parameters": {"Bucket": "b", "Key": "file.json"}
    })))
    .s3_object("b", "file.json", r#"{"Hello": "world"}"#);
    let execution = run(&executor);
    assert_eq!(execution.error.as_deref(), Some("States.ItemReaderFailed"));
    assert_eq!(
        execution.cause.as_deref(),
        Some("Attempting to map over non-iterable node.")
    );
}

#[test]
fn items_path_is_not_applied_to_what_a_reader_reads() {
    // AWS's runs of `map_item_reader_base_json_with_items_path` (localstack's
    // `test_base_scenarios.snapshot.json`, recorded against AWS on 2025-01-09): whether
    // `ItemsPath` points into the read items, into the input or at nothing, the Map runs on
    // the read items as they are and outputs `[["from-bucket-item-0"]]`.
    let definition = include_str!(
        "../../tests/corpus/localstack/templates/scenarios/map_item_reader_base_json_with_items_path.json"
    );
    for items_path in ["$.from_previous", "$[0]", "$.no_such_path_in_bucket_result"] {
        let mut value: Value = serde_json::from_str(definition).expect("JSON");
        value["States"]["MapState"]["ItemsPath"] = json!(items_path);
        let machine = StateMachine::from_value(&value).expect("valid definition");
        let execution = Executor::new(machine)
            .s3_object("bucket-name", "file.json", r#"[["from-bucket-item-0"]]"#)
            .run(json!({"Bucket": "bucket-name", "Key": "file.json", "computed_items": ["input-item-0"]}))
            .expect("runs");
        assert_eq!(
            execution.output,
            Some(json!([["from-bucket-item-0"]])),
            "ItemsPath {items_path}: {execution:?}"
        );
    }
}

/// A JSONata Distributed Map reading `d.csv` with the headers `csv_headers` declares.
fn jsonata_csv(csv_headers: &Value, body: &str) -> Execution {
    let machine = StateMachine::from_value(&json!({
        "QueryLanguage": "JSONata", "StartAt": "Map", "States": {"Map": {
        "Type": "Map", "End": true,
        "ItemReader": {
            "Resource": "arn:aws:states:::s3:getObject",
            "Arguments": {"Bucket": "b", "Key": "d.csv"},
            "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                             "CSVHeaders": csv_headers}},
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}}}}))
    .expect("valid definition");
    run(&Executor::new(machine).s3_object("b", "d.csv", body))
}

/// A JSONata `CSVHeaders` is evaluated and names the columns; the first row is data.
#[test]
fn jsonata_csv_headers_name_the_columns() {
    let execution = jsonata_csv(&json!("{% ['a', 'b'] %}"), "x,y\n1,2\n3,4\n");
    assert_eq!(
        execution.output,
        Some(json!([{"a": "x", "b": "y"}, {"a": "1", "b": "2"}, {"a": "3", "b": "4"}]))
    );
    let computed = jsonata_csv(&json!("{% $split('p,q', ',') %}"), "1,2\n");
    assert_eq!(computed.output, Some(json!([{"p": "1", "q": "2"}])));
}

/// Evaluated headers are checked like declared ones: duplicates fail the Map Run with
/// AWS's cause, and a value that is not an array of strings fails the state.
#[test]
fn jsonata_csv_headers_must_be_distinct_strings() {
    let duplicates = jsonata_csv(&json!("{% ['a', 'a'] %}"), "1,2\n");
    assert_eq!(duplicates.error.as_deref(), Some("States.ItemReaderFailed"));
    assert_eq!(
        duplicates.cause.as_deref(),
        Some("CSV headers cannot contain duplicates.")
    );
    let text = jsonata_csv(&json!("{% 'a' %}"), "1,2\n");
    assert_eq!(text.error.as_deref(), Some("States.QueryEvaluationError"));
    assert_eq!(
        text.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'Map' (entered at the event id #2). The JSONata expression ''a'' specified for the field 'CSVHeaders' returned an unexpected result type. Expected 'array', but was 'string' for value: \"a\""
        )
    );
    let numbers = jsonata_csv(&json!("{% ['a', 1] %}"), "1,2\n");
    assert_eq!(
        numbers.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    assert_eq!(
        numbers.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'Map' (entered at the event id #2). The JSONata expression '['a', 1]' specified for the field 'CSVHeaders' returned an unexpected result type. Expected an array of strings, but it holds 'number' for value: 1"
        )
    );
}

/// A deployment placeholder left in `CSVHeaders` fails the state rather than being
/// ignored (which would take the first row as the headers).
#[test]
fn an_unsubstituted_csv_headers_placeholder_fails() {
    let execution = jsonata_csv(&json!("${Headers}"), "x,y\n1,2\n");
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        execution.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'Map' (entered at the event id #2). CSVHeaders holds the unsubstituted placeholder ${Headers}"
        )
    );
}

/// A first row naming a column twice fails the Map Run as duplicate declared headers do
/// (inferred from `test_map_item_reader_csv_headers_decl_duplicate_headers`), instead of
/// merging the columns.
#[test]
fn a_first_row_with_duplicate_headers_fails_the_map_run() {
    let executor = Executor::new(machine(&json!({
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
        "Parameters": {"Bucket": "b", "Key": "dup.csv"}
    })))
    .s3_object("b", "dup.csv", "a,a\n1,2\n");
    let execution = run(&executor);
    assert_eq!(execution.error.as_deref(), Some("States.ItemReaderFailed"));
    assert_eq!(
        execution.cause.as_deref(),
        Some("CSV headers cannot contain duplicates.")
    );
    assert!(
        execution
            .event_types()
            .contains(&sfn_local::EventType::MapRunFailed),
        "{:?}",
        execution.event_types()
    );
}

/// The keys a `listObjectsV2` reader lists, in the order of its items.
fn listed_keys(executor: &Executor) -> Vec<String> {
    run(executor)
        .output
        .and_then(|output| output.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .map(|entry| entry["Key"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// `listObjectsV2` lists keys in ascending UTF-8 byte order, as S3 does, whatever order
/// the objects were stored or a fixture folder's files were read in.
#[test]
fn listings_are_in_s3_key_order() {
    let listing = machine(&json!({
        "Resource": "arn:aws:states:::s3:listObjectsV2",
        "Parameters": {"Bucket": "b"}
    }));
    let stored = Executor::new(listing.clone())
        .s3_object("b", "a/x.json", "[]")
        .s3_object("b", "a.json", "[]")
        .s3_object("b", "a-b.json", "[]")
        .s3_object("b", "Z.json", "[]");
    let expected = ["Z.json", "a-b.json", "a.json", "a/x.json"];
    assert_eq!(listed_keys(&stored), expected);

    let root = std::env::temp_dir().join(format!("sfn-local-listing-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("b/a")).expect("fixture folder");
    for key in expected {
        std::fs::write(root.join("b").join(key), "[]").expect("fixture file");
    }
    let objects = sfn_local::Objects::from_dir(&root).expect("fixture loads");
    std::fs::remove_dir_all(&root).expect("fixture removed");
    assert_eq!(
        listed_keys(&Executor::new(listing).objects(objects)),
        expected
    );
}
