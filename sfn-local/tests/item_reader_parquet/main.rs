//! Distributed Map `ItemReader`s over Parquet objects (`InputType: PARQUET`): each row an
//! item keyed by column name, with the type mapping of docs/local.md (`mapping`),
//! `MaxItems`, `ItemBatcher`, Athena manifests and `LOAD_AND_FLATTEN` (`reading`), and
//! the failures AWS names `States.ItemReaderFailed` (`failures`).
//!
//! The fixtures are written at test time with the `parquet` crate's writer (`fixture`), so
//! every byte a test reads is made by the test.

#![cfg(feature = "parquet")]

mod failures;
mod fixture;
mod mapping;
mod reading;

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{Execution, Executor};

/// A Distributed Map over `item_reader` whose iterations pass their item through.
pub(crate) fn machine(item_reader: &Value, extra: &Value) -> StateMachine {
    let mut map = json!({
        "Type": "Map", "End": true, "ItemReader": item_reader,
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}
    });
    if let (Some(map), Some(extra)) = (map.as_object_mut(), extra.as_object()) {
        map.extend(extra.clone());
    }
    StateMachine::from_value(&json!({"StartAt": "Map", "States": {"Map": map}}))
        .expect("valid definition")
}

pub(crate) fn get_object(reader_config: &Value) -> Value {
    json!({
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": reader_config,
        "Parameters": {"Bucket": "data", "Key": "rows.parquet"}
    })
}

/// Runs a Map reading `body` as `data/rows.parquet`.
pub(crate) fn read(body: Vec<u8>) -> Execution {
    Executor::new(machine(
        &get_object(&json!({"InputType": "PARQUET"})),
        &json!({}),
    ))
    .s3_object_bytes("data", "rows.parquet", body)
    .run(json!({}))
    .expect("runs")
}

pub(crate) fn items(body: Vec<u8>) -> Value {
    let execution = read(body);
    assert_eq!(execution.error, None, "cause: {:?}", execution.cause);
    execution.output.expect("output")
}

pub(crate) fn failure(body: Vec<u8>) -> (String, String) {
    let execution = read(body);
    (
        execution.error.expect("an error"),
        execution.cause.expect("a cause"),
    )
}
