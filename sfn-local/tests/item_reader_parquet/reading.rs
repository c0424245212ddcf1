//! Which rows become items, in which order: codecs, row groups, `MaxItems`,
//! `ItemBatcher`, Athena manifests, `LOAD_AND_FLATTEN`.

use parquet::basic::{Compression, GzipLevel, ZstdLevel};
use parquet::file::properties::WriterProperties;
use serde_json::json;
use sfn_local::Executor;

use super::fixture::{Values, compressed, leaf, parquet_groups, people};
use super::{failure, get_object, items, machine};

#[test]
fn every_codec_aws_reads_gives_the_same_items() {
    let schema = "message people { required int32 id; required binary name (STRING); }";
    let leaves = || {
        vec![
            leaf(Values::Int32(vec![1, 2, 3])),
            leaf(Values::Bytes(vec![b"ada", b"alan", b"grace"])),
        ]
    };
    let expected = json!([
        {"id": 1, "name": "ada"}, {"id": 2, "name": "alan"}, {"id": 3, "name": "grace"}
    ]);
    for codec in [
        Compression::UNCOMPRESSED,
        Compression::SNAPPY,
        Compression::GZIP(GzipLevel::default()),
        Compression::ZSTD(ZstdLevel::default()),
    ] {
        assert_eq!(
            items(compressed(schema, leaves(), codec)),
            expected,
            "{codec}"
        );
    }
    let (error, cause) = failure(compressed(schema, leaves(), Compression::LZ4_RAW));
    assert_eq!(error, "States.ItemReaderFailed");
    assert_eq!(
        cause,
        "s3://data/rows.parquet cannot be read as Parquet: column `id` of row group 0 is compressed with LZ4_RAW; AWS reads Parquet files compressed with GZIP, ZSTD or Snappy, or uncompressed"
    );
}

#[test]
fn rows_of_every_row_group_in_file_order() {
    let schema = "message row { required int32 n; }";
    let body = parquet_groups(
        schema,
        vec![
            vec![leaf(Values::Int32(vec![1, 2]))],
            vec![leaf(Values::Int32(vec![3]))],
        ],
        WriterProperties::default(),
    );
    assert_eq!(items(body), json!([{"n": 1}, {"n": 2}, {"n": 3}]));
}

#[test]
fn max_items_keeps_the_first_rows() {
    let executor = Executor::new(machine(
        &get_object(&json!({"InputType": "PARQUET", "MaxItems": 2})),
        &json!({}),
    ))
    .s3_object_bytes("data", "rows.parquet", people(&[0, 1, 2, 3, 4]));
    let execution = executor.run(json!({})).expect("runs");
    assert_eq!(
        execution.output,
        Some(json!([{"id": 0, "name": "ada"}, {"id": 1, "name": "alan"}]))
    );
}

#[test]
fn an_item_batcher_batches_parquet_rows() {
    let executor = Executor::new(machine(
        &get_object(&json!({"InputType": "PARQUET"})),
        &json!({"ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"file": "rows"}}}),
    ))
    .s3_object_bytes("data", "rows.parquet", people(&[0, 1, 2]));
    let execution = executor.run(json!({})).expect("runs");
    assert_eq!(
        execution.output,
        Some(json!([
            {"BatchInput": {"file": "rows"},
             "Items": [{"id": 0, "name": "ada"}, {"id": 1, "name": "alan"}]},
            {"BatchInput": {"file": "rows"}, "Items": [{"id": 2, "name": "grace"}]}
        ]))
    );
}

#[test]
fn an_athena_manifest_of_parquet_files_reads_them_in_order() {
    let executor = Executor::new(machine(
        &json!({
            "Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"ManifestType": "ATHENA_DATA", "InputType": "PARQUET", "MaxItems": 4},
            "Parameters": {"Bucket": "athena", "Key": "unload/q1-manifest.csv"}
        }),
        &json!({}),
    ))
    .s3_object(
        "athena",
        "unload/q1-manifest.csv",
        "s3://athena/unload/part-2.parquet\ns3://athena/unload/part-1.parquet\n",
    )
    .s3_object_bytes("athena", "unload/part-1.parquet", people(&[0, 1]))
    .s3_object_bytes("athena", "unload/part-2.parquet", people(&[2, 3, 4]));
    let execution = executor.run(json!({})).expect("runs");
    assert_eq!(
        execution.output,
        Some(json!([
            {"id": 2, "name": "grace"}, {"id": 3, "name": "edsger"}, {"id": 4, "name": "barbara"},
            {"id": 0, "name": "ada"}
        ]))
    );

    // A data file that is not Parquet fails the Map Run, naming it.
    let executor = executor.s3_object("athena", "unload/part-1.parquet", "id,name\n0,ada\n");
    let execution = executor.run(json!({})).expect("runs");
    assert_eq!(execution.error.as_deref(), Some("States.ItemReaderFailed"));
    assert_eq!(
        execution.cause.as_deref(),
        Some(
            "s3://athena/unload/part-1.parquet cannot be read as Parquet: it does not start and end with the Parquet magic bytes PAR1"
        )
    );
}

#[test]
fn load_and_flatten_reads_every_listed_parquet_object() {
    let executor = Executor::new(machine(
        &json!({
            "Resource": "arn:aws:states:::s3:listObjectsV2",
            "ReaderConfig": {"InputType": "PARQUET", "Transformation": "LOAD_AND_FLATTEN"},
            "Parameters": {"Bucket": "data", "Prefix": "2024/"}
        }),
        &json!({}),
    ))
    .s3_object_bytes("data", "2024/01.parquet", people(&[1]))
    .s3_object_bytes("data", "2023/12.parquet", people(&[0]))
    .s3_object_bytes("data", "2024/02.parquet", people(&[2, 3]));
    let execution = executor.run(json!({})).expect("runs");
    assert_eq!(
        execution.output,
        Some(json!([
            {"id": 1, "name": "alan"}, {"id": 2, "name": "grace"}, {"id": 3, "name": "edsger"}
        ]))
    );
}
