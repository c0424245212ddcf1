//! Distributed Map readers and writers.

use serde_json::json;

use super::policy;
use crate::StateMachine;

#[test]
fn readers_and_writers_use_their_partition() {
    let machine = StateMachine::from_json(
        r#"{"StartAt": "M", "States": {"M": {"Type": "Map",
            "ItemReader": {"Resource": "arn:aws-cn:states:::s3:getObject", "Parameters": {"Bucket": "in", "Key": "items.json"},
                           "ReaderConfig": {"InputType": "JSON"}},
            "ResultWriter": {"Resource": "arn:aws-us-gov:states:::s3:putObject", "Parameters": {"Bucket": "out"}},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "P",
                "States": {"P": {"Type": "Pass", "End": true}}},
            "End": true}}}"#,
    )
    .expect("valid definition");
    assert_eq!(
        policy(&machine).to_json()["PolicyDocument"]["Statement"],
        json!([
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws-cn:s3:::in/items.json"},
            {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"],
             "Resource": "arn:aws-us-gov:s3:::out/*"}
        ])
    );
}

/// A Distributed Map over `reader` and `writer` (JSON texts).
fn distributed(reader: &str, writer: &str) -> StateMachine {
    StateMachine::from_json(&format!(
        r#"{{"StartAt": "M", "States": {{"M": {{"Type": "Map", "ItemReader": {reader}, "ResultWriter": {writer},
            "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}}, "StartAt": "P",
                "States": {{"P": {{"Type": "Pass", "End": true}}}}}},
            "End": true}}}}}}"#
    ))
    .expect("valid definition")
}

#[test]
fn a_listing_reads_objects_only_when_it_loads_them() {
    let listing =
        r#"{"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "in"}}"#;
    let loading = r#"{"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "in"},
        "ReaderConfig": {"InputType": "JSON", "Transformation": "LOAD_AND_FLATTEN"}}"#;
    let compact = r#"{"WriterConfig": {"OutputType": "JSON", "Transformation": "COMPACT"}}"#;
    assert_eq!(
        policy(&distributed(listing, compact)).to_json()["PolicyDocument"]["Statement"],
        json!([{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::in"}])
    );
    assert_eq!(
        policy(&distributed(loading, compact)).to_json()["PolicyDocument"]["Statement"],
        json!([
            {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::in"},
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::in/*"}
        ])
    );
}

#[test]
fn a_writer_config_alone_writes_nothing_and_needs_nothing() {
    let listing =
        r#"{"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "in"}}"#;
    let compact = r#"{"WriterConfig": {"OutputType": "JSON", "Transformation": "COMPACT"}}"#;
    let unresolved = policy(&distributed(listing, compact)).to_json()["Unresolved"].clone();
    assert!(
        !unresolved.to_string().contains("ResultWriter"),
        "{unresolved}"
    );
}

/// The reasons listed under `Unresolved` for a Distributed Map, but the child executions'.
fn reasons(machine: &StateMachine) -> Vec<String> {
    policy(machine)
        .unresolved
        .into_iter()
        .skip(1)
        .map(|item| format!("{}: {}", item.actions.join(" "), item.reason))
        .collect()
}

#[test]
fn keys_and_prefixes_computed_at_run_time_are_listed_not_widened() {
    let reader = r#"{"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "data", "Key.$": "$.key"},
        "ReaderConfig": {"InputType": "JSON"}}"#;
    let writer = r#"{"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix.$": "$.prefix"}}"#;
    let machine = distributed(reader, writer);
    assert_eq!(
        policy(&machine).to_json()["PolicyDocument"]["Statement"],
        json!([])
    );
    assert_eq!(
        reasons(&machine),
        [
            "s3:GetObject: the `ItemReader` key in bucket `data` is computed at run time",
            "s3:PutObject s3:GetObject s3:ListMultipartUploadParts s3:AbortMultipartUpload: the `ResultWriter` prefix in bucket `out` is computed at run time",
        ]
    );
}

#[test]
fn a_listing_that_loads_objects_reads_only_below_its_prefix() {
    let loading = r#"{"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "src", "Prefix": "in/"},
        "ReaderConfig": {"InputType": "JSON", "Transformation": "LOAD_AND_FLATTEN"}}"#;
    let compact = r#"{"WriterConfig": {"OutputType": "JSON", "Transformation": "COMPACT"}}"#;
    assert_eq!(
        policy(&distributed(loading, compact)).to_json()["PolicyDocument"]["Statement"],
        json!([
            {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::src"},
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::src/in/*"}
        ])
    );
}

#[test]
fn a_manifest_reader_lists_the_data_files_it_reads() {
    let compact = r#"{"WriterConfig": {"OutputType": "JSON", "Transformation": "COMPACT"}}"#;
    for config in [
        r#"{"InputType": "MANIFEST"}"#,
        r#"{"InputType": "CSV", "ManifestType": "ATHENA_DATA"}"#,
    ] {
        let reader = format!(
            r#"{{"Resource": "arn:aws:states:::s3:getObject", "Parameters": {{"Bucket": "inv", "Key": "cfg/manifest.json"}},
                "ReaderConfig": {config}}}"#
        );
        let machine = distributed(&reader, compact);
        assert_eq!(
            policy(&machine).to_json()["PolicyDocument"]["Statement"],
            json!([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::inv/cfg/manifest.json"}]),
            "{config}"
        );
        assert_eq!(
            reasons(&machine),
            [
                "s3:GetObject: the `ItemReader` reads a manifest: the data files it lists are read too (for S3 Inventory, the `data/` folder beside the manifest)"
            ],
            "{config}"
        );
    }
}
