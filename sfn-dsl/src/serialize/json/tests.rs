use std::fmt;

use proptest::prelude::*;
use serde::Serialize;
use serde_json::json;
use serde_json::ser::{CompactFormatter, PrettyFormatter};

use super::escape::needs_escaping;
use super::write;

fn compact<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    write(value, &mut out, CompactFormatter)?;
    Ok(String::from_utf8(out).expect("UTF-8"))
}

fn pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    write(value, &mut out, PrettyFormatter::new())?;
    Ok(String::from_utf8(out).expect("UTF-8"))
}

/// Both forms must be exactly `serde_json`'s.
fn assert_same<T: Serialize + ?Sized>(value: &T) {
    assert_eq!(
        compact(value).expect("writes"),
        serde_json::to_string(value).expect("serde_json writes")
    );
    assert_eq!(
        pretty(value).expect("writes"),
        serde_json::to_string_pretty(value).expect("serde_json writes")
    );
}

#[test]
fn every_ascii_byte_is_escaped_as_serde_json_escapes_it() {
    let all: String = (0u8..=0x7f).map(char::from).collect();
    assert_same(&all);
    for byte in 0u8..=0x7f {
        assert_same(&char::from(byte).to_string());
        assert_same(&char::from(byte));
    }
    assert_eq!(
        compact("a\"b\\c\u{8}\u{c}\n\r\t\u{1}\u{1f}\u{7f}é").expect("writes"),
        r#""a\"b\\c\b\f\n\r\t\u0001\u001f"#.to_owned() + "\u{7f}é\""
    );
}

#[test]
fn escapes_are_found_at_every_position_of_long_strings() {
    for length in 0..48 {
        for position in 0..length {
            for special in ['"', '\\', '\n', '\u{0}', '\u{1f}'] {
                let text: String = (0..length)
                    .map(|index| if index == position { special } else { 'x' })
                    .collect();
                assert!(needs_escaping(text.as_bytes()), "{length} {position}");
                assert_same(&text);
                assert_same(&[text.as_str(), "a", &text]);
            }
        }
        let plain = "é".repeat(length);
        assert!(!needs_escaping(plain.as_bytes()));
        assert_same(&plain);
        let plain = "\u{7f}~ ".repeat(length);
        assert!(!needs_escaping(plain.as_bytes()));
        assert_same(&["\"", &plain, "\\", &plain]);
    }
}

#[test]
fn values_are_written_as_serde_json_writes_them() {
    assert_same(&json!({
        "empty object": {},
        "empty array": [],
        "nested": {"a": [1, [], {}, [{"b": null}]], "c": {"d": {}}},
        "numbers": [0, -1, u64::MAX, i64::MIN, 0.1, 1e300, -0.0, 2.5e-8, 1.0],
        "literals": [true, false, null],
        "text": "line\nbreak \"quoted\" ünïcödé 🦀",
        "": "empty key"
    }));
    assert_same(&json!([]));
    assert_same(&json!({}));
    assert_same(&json!("top-level string"));
    assert_same(&(
        1u8,
        -2i16,
        3u32,
        -4i64,
        5u128,
        -6i128,
        1.5f32,
        f64::NAN,
        f32::INFINITY,
    ));
    assert_same(&Some(()));
    assert_same(&Option::<u8>::None);
    assert_same(&b"bytes"[..]);
}

#[test]
fn displayed_values_are_escaped_piece_by_piece() {
    struct Pieces(u8);
    impl fmt::Display for Pieces {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a\"")?;
            write!(f, "{}", self.0)?;
            f.write_str("\\")?;
            f.write_str("\n\u{2}")
        }
    }
    impl Serialize for Pieces {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self)
        }
    }
    assert_same(&Pieces(1));
    assert_same(&std::collections::BTreeMap::from([("k", Pieces(2))]));
}

#[test]
fn what_the_model_does_not_use_is_refused() {
    #[derive(Serialize)]
    struct Struct {
        field: u8,
    }
    #[derive(Serialize)]
    enum Enum {
        Newtype(u8),
    }
    assert!(compact(&Struct { field: 1 }).is_err());
    assert!(compact(&Enum::Newtype(1)).is_err());
    assert!(compact(&std::collections::BTreeMap::from([(1, 2)])).is_err());
    // The callers fall back to serde_json, which writes them.
    assert_eq!(
        super::super::to_bytes(&Struct { field: 1 }, || CompactFormatter),
        br#"{"field":1}"#
    );
    assert_eq!(
        super::super::to_bytes(
            &std::collections::BTreeMap::from([(1, 2)]),
            PrettyFormatter::new
        ),
        b"{\n  \"1\": 2\n}"
    );
}

proptest! {
    #[test]
    fn any_string_is_written_as_serde_json_writes_it(text in any::<String>()) {
        prop_assert_eq!(compact(&text).expect("writes"), serde_json::to_string(&text).expect("writes"));
    }

    #[test]
    fn any_map_of_strings_is_written_as_serde_json_writes_it(
        map in proptest::collection::btree_map("[ -~\\n\\t\"\\\\é]{0,20}", "[\\x00-\\x7f]{0,40}", 0..6)
    ) {
        assert_same(&map);
    }
}
