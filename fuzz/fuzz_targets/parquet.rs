//! Read damaged Parquet objects through a Distributed Map `ItemReader` (`InputType:
//! PARQUET`): the executor must never panic and must end every run with its items or
//! `States.ItemReaderFailed`.
//!
//! Input: when the data starts with `PAR1`, it is the object itself. Otherwise its first
//! byte picks one of a few valid files written here with the `parquet` crate (flat and
//! nested schemas; no compression, Snappy, GZIP, ZSTD), and the rest are patches, three
//! bytes each: a 16-bit little-endian offset (modulo the file's length) and the byte to
//! write there. Valid files damaged this way reach the decoder's page, level and value
//! code, which random bytes seldom do.
//!
//! The `parquet` crate's decoder panics on some damaged files (an `assert!` in
//! `util/bit_util.rs` on a short dictionary page was the first found); sfn-local catches
//! such unwinds and fails the Map Run with `States.ItemReaderFailed`. libFuzzer's panic
//! hook aborts on any panic, caught or not, so this target lets panics raised inside the
//! `parquet` crate unwind to that catch and keeps aborting on every other panic.

#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use parquet::basic::{Compression, GzipLevel, ZstdLevel};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde_json::json;
use sfn_dsl::StateMachine;
use sfn_local::Executor;

const FLAT: &str = "message row {
    required int32 id; optional binary name (STRING); required int64 at (TIMESTAMP(MICROS,true));
    optional int32 price (DECIMAL(9,2)); required double ratio;
}";
const NESTED: &str = "message row {
    optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
    optional group scores (MAP) {
        repeated group key_value { required binary key (STRING); optional double value; }
    }
}";

fn flat(compression: Compression) -> Vec<u8> {
    let schema = Arc::new(parse_message_type(FLAT).expect("schema"));
    let properties = Arc::new(WriterProperties::builder().set_compression(compression).build());
    let mut file = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut file, schema, properties).expect("writer");
    let mut group = writer.next_row_group().expect("row group");
    let names: Vec<ByteArray> = vec!["ada".into(), "alan".into()];
    let mut column = group.next_column().expect("column").expect("id");
    column.typed::<Int32Type>().write_batch(&[1, 2, 3], None, None).expect("ids");
    column.close().expect("closed");
    let mut column = group.next_column().expect("column").expect("name");
    column.typed::<ByteArrayType>().write_batch(&names, Some(&[1, 0, 1]), None).expect("names");
    column.close().expect("closed");
    let mut column = group.next_column().expect("column").expect("at");
    column.typed::<Int64Type>().write_batch(&[1_700_000_000_000_000, -1, 0], None, None).expect("ats");
    column.close().expect("closed");
    let mut column = group.next_column().expect("column").expect("price");
    column.typed::<Int32Type>().write_batch(&[1234, -5], Some(&[1, 1, 0]), None).expect("prices");
    column.close().expect("closed");
    let mut column = group.next_column().expect("column").expect("ratio");
    column.typed::<DoubleType>().write_batch(&[0.5, f64::NAN, -1.0], None, None).expect("ratios");
    column.close().expect("closed");
    group.close().expect("row group closed");
    writer.close().expect("file closed");
    file
}

fn nested() -> Vec<u8> {
    let schema = Arc::new(parse_message_type(NESTED).expect("schema"));
    let mut file = Vec::new();
    let mut writer =
        SerializedFileWriter::new(&mut file, schema, Arc::new(WriterProperties::default())).expect("writer");
    let mut group = writer.next_row_group().expect("row group");
    let tags: Vec<ByteArray> = vec!["a".into()];
    let keys: Vec<ByteArray> = vec!["x".into(), "y".into()];
    let mut column = group.next_column().expect("column").expect("tags");
    column.typed::<ByteArrayType>().write_batch(&tags, Some(&[3, 2, 0, 1]), Some(&[0, 1, 0, 0])).expect("tags");
    column.close().expect("closed");
    let mut column = group.next_column().expect("column").expect("keys");
    column.typed::<ByteArrayType>().write_batch(&keys, Some(&[2, 2, 1, 0]), Some(&[0, 1, 0, 0])).expect("keys");
    column.close().expect("closed");
    let mut column = group.next_column().expect("column").expect("values");
    column.typed::<DoubleType>().write_batch(&[1.5], Some(&[3, 2, 1, 0]), Some(&[0, 1, 0, 0])).expect("values");
    column.close().expect("closed");
    group.close().expect("row group closed");
    writer.close().expect("file closed");
    file
}

fn files() -> &'static [Vec<u8>] {
    static FILES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        vec![
            flat(Compression::UNCOMPRESSED),
            flat(Compression::SNAPPY),
            flat(Compression::GZIP(GzipLevel::default())),
            flat(Compression::ZSTD(ZstdLevel::default())),
            nested(),
        ]
    })
}

fn machine() -> &'static StateMachine {
    static MACHINE: OnceLock<StateMachine> = OnceLock::new();
    MACHINE.get_or_init(|| {
        StateMachine::from_value(&json!({"StartAt": "Map", "States": {"Map": {
            "Type": "Map", "End": true,
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                           "ReaderConfig": {"InputType": "PARQUET"},
                           "Parameters": {"Bucket": "b", "Key": "k.parquet"}},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                              "StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}}}}))
        .expect("valid definition")
    })
}

/// Chains a panic hook that leaves panics raised in the `parquet` crate to sfn-local's
/// catch and hands every other one to libFuzzer's hook.
fn let_decoder_panics_unwind() {
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_decoder = info
                .location()
                .is_some_and(|location| location.file().contains("/parquet-60."));
            if !in_decoder {
                fuzzer_hook(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    let_decoder_panics_unwind();
    let body = if data.starts_with(b"PAR1") {
        data.to_vec()
    } else {
        let Some((pick, patches)) = data.split_first() else { return };
        let files = files();
        let mut body = files[usize::from(*pick) % files.len()].clone();
        for patch in patches.chunks_exact(3) {
            let offset = usize::from(u16::from_le_bytes([patch[0], patch[1]])) % body.len();
            body[offset] = patch[2];
        }
        body
    };
    let execution = Executor::new(machine().clone())
        .s3_object_bytes("b", "k.parquet", body)
        .run(json!({}))
        .expect("the definition runs");
    if let Some(error) = execution.error.as_deref() {
        assert_eq!(error, "States.ItemReaderFailed", "{:?}", execution.cause);
    }
});
