//! The envelope checks and value conversions that the integration tests
//! (`tests/item_reader_parquet/`) cannot reach with files the writer makes.

use parquet::basic::{Compression, ConvertedType, LogicalType, TimeUnit, Type as PhysicalType};
use serde_json::json;

use super::value::{decimal_text, integer, time, unscaled};
use super::{check_envelope, readable};

#[test]
fn the_footer_length_is_checked_before_decoding() {
    let footer = |length: u32| [b"PAR1".as_slice(), &length.to_le_bytes(), b"PAR1"].concat();
    assert_eq!(check_envelope(&footer(5 * 1024 * 1024)), Ok(()));
    assert_eq!(
        check_envelope(&footer(5 * 1024 * 1024 + 1)),
        Err(
            "its footer is 5242881 bytes; AWS reads Parquet footers of at most 5 MB (5242880 bytes)"
                .to_owned()
        )
    );
    assert_eq!(
        check_envelope(b"PAR1PAR1"),
        Err("it is 8 bytes long, too short for a Parquet file".to_owned())
    );
    assert_eq!(
        check_envelope(b"PAR\0\0\0\0\0PAR1"),
        Err("it does not start and end with the Parquet magic bytes PAR1".to_owned())
    );
}

#[test]
fn decimals_of_any_width_keep_every_digit() {
    assert_eq!(unscaled(&[]), Some(0));
    assert_eq!(unscaled(&[0xff]), Some(-1));
    assert_eq!(unscaled(&[0x7f, 0xff]), Some(32_767));
    // 20 bytes whose first 4 only extend the sign: the value fits 128 bits.
    let mut wide = vec![0xff; 4];
    wide.extend_from_slice(&(-5_i128).to_be_bytes());
    assert_eq!(unscaled(&wide), Some(-5));
    let mut too_wide = vec![0x01];
    too_wide.extend_from_slice(&[0; 16]);
    assert_eq!(unscaled(&too_wide), None);
    // The extension must agree with the sign of the 128 bits it extends.
    let mut inconsistent = vec![0x00];
    inconsistent.extend_from_slice(&(-5_i128).to_be_bytes());
    assert_eq!(unscaled(&inconsistent), None);

    assert_eq!(decimal_text(12_345, 2), "123.45");
    assert_eq!(decimal_text(-5, 3), "-0.005");
    assert_eq!(decimal_text(7, 0), "7");
    assert_eq!(decimal_text(i128::MIN, 0), i128::MIN.to_string());
}

#[test]
fn times_and_timestamps_without_converted_types() {
    let timestamp = |unit| LogicalType::timestamp(false, unit);
    assert_eq!(
        integer(1_500, Some(&timestamp(TimeUnit::MILLIS))),
        json!(1_500)
    );
    assert_eq!(integer(-1, Some(&timestamp(TimeUnit::MICROS))), json!(-1));
    assert_eq!(
        integer(2_999_999, Some(&timestamp(TimeUnit::NANOS))),
        json!(2)
    );
    assert_eq!(
        integer(1, Some(&LogicalType::time(true, TimeUnit::MILLIS))),
        json!("00:00:00.001")
    );
    assert_eq!(integer(42, None), json!(42));
    // A time of day out of range wraps rather than failing.
    assert_eq!(time(-1, 9), "23:59:59.999999999");
}

#[test]
fn annotations_the_decoder_cannot_convert_are_refused() {
    assert!(readable(
        PhysicalType::INT64,
        ConvertedType::TIMESTAMP_MICROS
    ));
    assert!(!readable(
        PhysicalType::FIXED_LEN_BYTE_ARRAY,
        ConvertedType::INTERVAL
    ));
    assert!(!readable(PhysicalType::INT32, ConvertedType::UTF8));
    assert_eq!(super::codec_name(Compression::LZO), "LZO");
}

#[test]
fn a_limit_stops_the_decoding_after_that_many_rows() {
    use std::sync::Arc;

    use parquet::data_type::Int32Type;
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;

    let schema = Arc::new(parse_message_type("message row { required int32 n; }").unwrap());
    let mut file = Vec::new();
    let mut writer =
        SerializedFileWriter::new(&mut file, schema, Arc::new(WriterProperties::default()))
            .unwrap();
    let mut group = writer.next_row_group().unwrap();
    let mut column = group.next_column().unwrap().unwrap();
    column
        .typed::<Int32Type>()
        .write_batch(&[1, 2, 3], None, None)
        .unwrap();
    column.close().unwrap();
    group.close().unwrap();
    writer.close().unwrap();

    let read = |limit| super::read(&file, "s3://b/k", limit).unwrap();
    assert_eq!(read(Some(2)), [json!({"n": 1}), json!({"n": 2})]);
    assert_eq!(read(Some(5)).len(), 3);
    assert_eq!(read(None).len(), 3);
}
