//! How each Parquet type becomes JSON.

use parquet::data_type::Int96;
use serde_json::json;

use super::fixture::{Values, leaf, nested, parquet};
use super::items;

#[test]
fn numbers_strings_and_booleans_keep_their_json_types() {
    let schema = "message row {
        required boolean flag;
        required int32 tiny (INTEGER(8,true));
        required int32 int;
        required int64 long;
        required int32 unsigned (INTEGER(32,false));
        required int64 unsigned_long (INTEGER(64,false));
        required float ratio;
        required double amount;
        required binary name (STRING);
        required binary kind (ENUM);
        required binary document (JSON);
    }";
    let body = parquet(
        schema,
        vec![
            leaf(Values::Bool(vec![true, false])),
            leaf(Values::Int32(vec![-128, 127])),
            leaf(Values::Int32(vec![i32::MIN, 7])),
            leaf(Values::Int64(vec![i64::MAX, -1])),
            leaf(Values::Int32(vec![-1, 5])),
            leaf(Values::Int64(vec![-1, 5])),
            leaf(Values::Float(vec![1.1, f32::NAN])),
            leaf(Values::Double(vec![-0.25, f64::INFINITY])),
            leaf(Values::Bytes(vec![b"Ada", "\u{e9}t\u{e9}".as_bytes()])),
            leaf(Values::Bytes(vec![b"RED", b"BLUE"])),
            leaf(Values::Bytes(vec![br#"{"a": 1}"#, b"[]"])),
        ],
    );
    assert_eq!(
        items(body),
        json!([
            {"flag": true, "tiny": -128, "int": i32::MIN, "long": i64::MAX,
             "unsigned": u32::MAX, "unsigned_long": u64::MAX, "ratio": 1.1, "amount": -0.25,
             "name": "Ada", "kind": "RED", "document": "{\"a\": 1}"},
            {"flag": false, "tiny": 127, "int": 7, "long": -1,
             "unsigned": 5, "unsigned_long": 5, "ratio": "NaN", "amount": "Infinity",
             "name": "\u{e9}t\u{e9}", "kind": "BLUE", "document": "[]"}
        ])
    );
}

#[test]
fn decimals_are_exact() {
    let schema = "message row {
        required int32 price (DECIMAL(9,2));
        required int64 count (DECIMAL(18,0));
        required fixed_len_byte_array(16) wide (DECIMAL(38,10));
        required binary small (DECIMAL(5,3));
    }";
    let wide = |value: i128| value.to_be_bytes().to_vec();
    let body = parquet(
        schema,
        vec![
            leaf(Values::Int32(vec![1234, -5])),
            leaf(Values::Int64(vec![999_999_999_999_999_999, -42])),
            leaf(Values::Fixed(vec![
                wide(123_456_789_012_345_678_901_234_567_890),
                wide(-1),
            ])),
            // Big-endian two's complement of any length: 0x00_FF = 255, 0xFF_01 = -255.
            leaf(Values::Bytes(vec![&[0x00, 0xff], &[0xff, 0x01]])),
        ],
    );
    assert_eq!(
        items(body),
        json!([
            {"price": 12.34, "count": 999_999_999_999_999_999_i64,
             "wide": "12345678901234567890.1234567890", "small": 0.255},
            {"price": -0.05, "count": -42, "wide": "-0.0000000001", "small": -0.255}
        ])
    );
}

#[test]
fn dates_times_and_timestamps() {
    let schema = "message row {
        required int32 day (DATE);
        required int32 clock (TIME(MILLIS,true));
        required int64 clock_micros (TIME(MICROS,true));
        required int64 clock_nanos (TIME(NANOS,false));
        required int64 at_millis (TIMESTAMP(MILLIS,true));
        required int64 at_micros (TIMESTAMP(MICROS,true));
        required int64 at_nanos (TIMESTAMP(NANOS,true));
        required int64 local_micros (TIMESTAMP(MICROS,false));
        required int96 legacy;
    }";
    // 2024-02-29T12:34:56.789Z is 1,709,210,096,789 ms after the epoch; INT96 holds the
    // nanoseconds of the day and the Julian day (2,440,588 is 1970-01-01).
    let instant_ms = 1_709_210_096_789_i64;
    let of_day_nanos = u64::try_from((instant_ms % 86_400_000) * 1_000_000 + 123_456).unwrap();
    let mut legacy = Int96::new();
    legacy.set_data(
        u32::try_from(of_day_nanos & 0xffff_ffff).unwrap(),
        u32::try_from(of_day_nanos >> 32).unwrap(),
        u32::try_from(2_440_588 + instant_ms / 86_400_000).unwrap(),
    );
    let body = parquet(
        schema,
        vec![
            leaf(Values::Int32(vec![19_782, -1])),
            leaf(Values::Int32(vec![45_296_789, 0])),
            leaf(Values::Int64(vec![45_296_789_012, 1])),
            leaf(Values::Int64(vec![45_296_789_012_345, 86_399_999_999_999])),
            leaf(Values::Int64(vec![instant_ms, -1])),
            leaf(Values::Int64(vec![instant_ms * 1_000 + 999, -1])),
            leaf(Values::Int64(vec![instant_ms * 1_000_000 + 999_999, -1])),
            leaf(Values::Int64(vec![instant_ms * 1_000, 0])),
            leaf(Values::Int96(vec![legacy, legacy])),
        ],
    );
    let first = json!({
        "day": "2024-02-29", "clock": "12:34:56.789", "clock_micros": "12:34:56.789012",
        "clock_nanos": "12:34:56.789012345", "at_millis": instant_ms, "at_micros": instant_ms,
        "at_nanos": instant_ms, "local_micros": instant_ms, "legacy": instant_ms
    });
    // Before the epoch, instants round down to the millisecond before.
    let second = json!({
        "day": "1969-12-31", "clock": "00:00:00.000", "clock_micros": "00:00:00.000001",
        "clock_nanos": "23:59:59.999999999", "at_millis": -1, "at_micros": -1, "at_nanos": -1,
        "local_micros": 0, "legacy": instant_ms
    });
    assert_eq!(items(body), json!([first, second]));
}

#[test]
fn binary_and_uuid_columns_are_text() {
    let schema = "message row {
        required binary raw;
        required fixed_len_byte_array(16) id (UUID);
        required fixed_len_byte_array(3) code;
    }";
    let id: Vec<u8> = (0x10..0x20).collect();
    let body = parquet(
        schema,
        vec![
            leaf(Values::Bytes(vec![&[0, 159, 146, 150]])),
            leaf(Values::Fixed(vec![id])),
            leaf(Values::Fixed(vec![b"abc".to_vec()])),
        ],
    );
    assert_eq!(
        items(body),
        json!([{"raw": "AJ+Slg==", "id": "10111213-1415-1617-1819-1a1b1c1d1e1f", "code": "YWJj"}])
    );
}

#[test]
fn nulls_structs_lists_and_maps_nest() {
    assert_eq!(
        items(nested()),
        json!([
            {"maybe": 1, "address": {"city": "Oslo", "zip": null}, "tags": ["a", null],
             "scores": {"x": 1.5, "y": null}},
            {"maybe": null, "address": null, "tags": null, "scores": {}},
            {"maybe": 3, "address": {"city": "Rome", "zip": 100}, "tags": [], "scores": null}
        ])
    );
}
