//! Objects that cannot be read fail the Map Run with `States.ItemReaderFailed` and a
//! cause naming the object and the reason, and no damaged file panics out of the reader.

use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use serde_json::json;
use sfn_local::Executor;

use super::fixture::{Values, compressed, leaf, nested, parquet_groups, people};
use super::{failure, get_object, machine};

#[test]
fn a_corrupt_parquet_object_fails_the_map_run_saying_why() {
    let prefix = "s3://data/rows.parquet cannot be read as Parquet: ";
    let cases: Vec<(Vec<u8>, String)> = vec![
        (
            b"PAR1".to_vec(),
            "it is 4 bytes long, too short for a Parquet file".into(),
        ),
        (
            b"id,name\n1,ada\n".to_vec(),
            "it does not start and end with the Parquet magic bytes PAR1".into(),
        ),
        (
            b"PAR1\0\0\0\0\0\0\0\0PARE".to_vec(),
            "its footer is encrypted (magic bytes PARE), which is not supported".into(),
        ),
        // A footer length beyond the file.
        (
            [b"PAR1".as_slice(), &[0xff, 0, 0, 0], b"PAR1"].concat(),
            "its metadata is invalid: EOF: Parquet file too small. Size is 12 but need 263".into(),
        ),
        // The footer is not Thrift.
        (
            [b"PAR1".as_slice(), &[0xff; 8], &[8, 0, 0, 0], b"PAR1"].concat(),
            "its metadata is invalid: Parquet error: Unexpected struct field type 15".into(),
        ),
    ];
    for (body, why) in cases {
        let (error, cause) = failure(body);
        assert_eq!(error, "States.ItemReaderFailed");
        assert_eq!(cause, format!("{prefix}{why}"));
    }
    // A real file cut short, or with its data pages overwritten, fails without a panic.
    let whole = people(&[0, 1, 2]);
    let mut damaged = whole.clone();
    for byte in &mut damaged[4..40] {
        *byte = 0xee;
    }
    let (error, cause) = failure(damaged);
    assert_eq!(error, "States.ItemReaderFailed");
    assert!(cause.starts_with(prefix), "{cause}");
    let mut truncated = whole[..whole.len() / 2].to_vec();
    truncated.extend_from_slice(&whole[whole.len() - 8..]);
    let (error, cause) = failure(truncated);
    assert_eq!(error, "States.ItemReaderFailed");
    assert!(
        cause.starts_with(&format!("{prefix}its metadata is invalid: ")),
        "{cause}"
    );
}

#[test]
fn a_footer_over_5_mb_fails_as_aws_documents() {
    let properties = WriterProperties::builder()
        .set_key_value_metadata(Some(vec![KeyValue::new(
            "padding".to_owned(),
            "x".repeat(5 * 1024 * 1024),
        )]))
        .build();
    let body = parquet_groups(
        "message row { required int32 n; }",
        vec![vec![leaf(Values::Int32(vec![1]))]],
        properties,
    );
    let (error, cause) = failure(body);
    assert_eq!(error, "States.ItemReaderFailed");
    assert!(
        cause.starts_with("s3://data/rows.parquet cannot be read as Parquet: its footer is 52"),
        "{cause}"
    );
    assert!(
        cause.ends_with(" bytes; AWS reads Parquet footers of at most 5 MB (5242880 bytes)"),
        "{cause}"
    );
}

#[test]
fn version_id_is_refused_with_parquet() {
    let executor = Executor::new(machine(
        &json!({
            "Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "PARQUET"},
            "Parameters": {"Bucket": "data", "Key": "rows.parquet", "VersionId": "v1"}
        }),
        &json!({}),
    ))
    .s3_object_bytes("data", "rows.parquet", people(&[0]));
    let execution = executor.run(json!({})).expect("runs");
    assert_eq!(execution.error.as_deref(), Some("States.ItemReaderFailed"));
    assert_eq!(
        execution.cause.as_deref(),
        Some(
            "the ItemReader parameters have a 'VersionId', which AWS does not support with InputType PARQUET"
        )
    );
}

#[test]
fn a_binary_object_read_as_text_fails_saying_so() {
    let executor = Executor::new(machine(
        &get_object(&json!({"InputType": "CSV",
        "CSVHeaderLocation": "FIRST_ROW"})),
        &json!({}),
    ))
    .s3_object_bytes("data", "rows.parquet", people(&[0]));
    let execution = executor.run(json!({})).expect("runs");
    assert_eq!(execution.error.as_deref(), Some("States.ItemReaderFailed"));
    let cause = execution.cause.unwrap_or_default();
    assert!(
        cause.starts_with("s3://data/rows.parquet is not UTF-8 text (invalid utf-8 sequence"),
        "{cause}"
    );
    assert!(
        cause.ends_with("); only InputType PARQUET reads binary objects"),
        "{cause}"
    );
}

/// Every single-byte change of a valid file (nested and ZSTD-compressed flat ones) reads
/// as items or fails the Map Run with `States.ItemReaderFailed`: never a panic out of the
/// executor. The `parquet` crate's decoder does panic on some of them (an `assert!` in
/// its `util/bit_util.rs` on a short dictionary page, found by `fuzz/fuzz_targets/parquet.rs`);
/// those are caught and reported as the cause below, which this test also checks, so it
/// fails if the catch goes. (If the crate stops panicking there, the count drops to zero:
/// then keep the first assertion and drop the second.)
#[test]
fn a_damaged_file_never_panics_out_of_the_reader() {
    let flat = compressed(
        "message people { required int32 id; required binary name (STRING); }",
        vec![
            leaf(Values::Int32(vec![1, 2, 3])),
            leaf(Values::Bytes(vec![b"ada", b"alan", b"ada"])),
        ],
        Compression::ZSTD(ZstdLevel::default()),
    );
    let machine = machine(&get_object(&json!({"InputType": "PARQUET"})), &json!({}));
    let mut caught = 0;
    for file in [flat, nested()] {
        for offset in 0..file.len() {
            for byte in [0x32, 0xff] {
                let mut damaged = file.clone();
                damaged[offset] = byte;
                let execution = Executor::new(machine.clone())
                    .s3_object_bytes("data", "rows.parquet", damaged)
                    .run(json!({}))
                    .expect("runs");
                if let Some(error) = execution.error.as_deref() {
                    assert_eq!(error, "States.ItemReaderFailed", "{:?}", execution.cause);
                    let cause = execution.cause.unwrap_or_default();
                    caught += usize::from(
                        cause
                            .ends_with("the Parquet decoder stopped on malformed data in the file"),
                    );
                }
            }
        }
    }
    assert!(caught > 0, "no decoder panic was caught");
}
