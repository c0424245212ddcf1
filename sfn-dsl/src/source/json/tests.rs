//! Tests of the JSON reader.

use super::{NodeValue, keys, parse};

fn value_of(text: &str) -> serde_json::Value {
    let parsed = parse(text);
    assert!(parsed.issues.is_empty(), "{text}: {:?}", parsed.issues);
    parsed.root.map(|root| root.to_value()).unwrap_or_default()
}

#[test]
fn agrees_with_serde_json_on_valid_documents() {
    for text in [
        r#"{"a": [1, -2.5e3, 0, true, false, null, "x\u00e9\ud83d\ude00\n"], "b": {}}"#,
        "[]",
        " \"s\" ",
        "1e2",
        r#"{"k": "\"\\\/\b\f\r\t"}"#,
        // Numbers at the edges of the integer fast path: each must be the same
        // `serde_json::Number` variant (unsigned, signed or float) as serde_json's.
        "[0, -0, 7, -7, 9999999999999999999, 18446744073709551615, 18446744073709551616]",
        "[-9223372036854775808, -9223372036854775809, 1.0, 1e2, 0.5]",
        r#"{"long": "an ARN-like value of more than eight bytes: arn:aws:lambda:us-east-1"}"#,
        "\"tab\\tafter \\u00e9 and \\ud83d\\ude00 past eight bytes\"",
    ] {
        let expected: serde_json::Value = serde_json::from_str(text).expect("valid");
        assert_eq!(value_of(text), expected, "{text}");
    }
}

#[test]
fn rejects_what_serde_json_rejects() {
    for text in [
        "",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        "-",
        "tru",
        "\"\u{1}\"",
        "\"\\x\"",
        "\"\\ud800\"",
        "{} x",
        "{'a':1}",
        "1e999",
    ] {
        assert!(
            serde_json::from_str::<serde_json::Value>(text).is_err(),
            "{text}"
        );
        let parsed = parse(text);
        assert!(parsed.root.is_none(), "{text}");
        assert_eq!(parsed.issues.len(), 1, "{text}");
    }
}

#[test]
fn reports_every_duplicate_key_with_its_pointer() {
    let parsed = parse(r#"{"a": {"x": 1, "x": 2}, "a": 3}"#);
    let pointers: Vec<_> = parsed
        .issues
        .iter()
        .map(|issue| issue.pointer.as_str())
        .collect();
    assert_eq!(pointers, ["/a/x", "/a"]);
    assert!(matches!(
        parsed.root.map(|root| root.value),
        Some(NodeValue::Object(_))
    ));
}

#[test]
fn duplicates_in_large_objects_are_found() {
    let mut text = String::from("{");
    for index in 0..40 {
        use std::fmt::Write as _;
        let _ = write!(text, "\"k{index}\": {index},");
    }
    text.push_str("\"k3\": 0}");
    let parsed = parse(&text);
    assert_eq!(parsed.issues.len(), 1);
    assert_eq!(parsed.issues[0].pointer, "/k3");
}

#[test]
fn known_keys_are_sorted_and_shared() {
    assert!(keys::KNOWN_KEYS.windows(2).all(|pair| pair[0] < pair[1]));
    for key in keys::KNOWN_KEYS {
        assert_eq!(keys::known_key(key), Some(*key));
    }
    assert_eq!(keys::known_key("Typo"), None);
    let parsed = parse(r#"{"Type": 1, "Custom": 2, "Esc\u0061ped": 3}"#);
    let Some(NodeValue::Object(members)) = parsed.root.map(|root| root.value) else {
        panic!("an object")
    };
    assert!(matches!(members[0].key, std::borrow::Cow::Borrowed("Type")));
    assert!(matches!(&members[1].key, std::borrow::Cow::Owned(key) if key == "Custom"));
    assert_eq!(members[2].key, "Escaped");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = "[".repeat(100_000);
    let parsed = parse(&text);
    assert!(parsed.root.is_none());
    assert!(parsed.issues[0].message.contains("nest deeper"));
}

#[test]
fn syntax_errors_carry_the_pointer_of_the_value_being_read() {
    for (text, pointer) in [
        (r#"{"a": [1, {"b~/": [tru]}]}"#, "/a/1/b~0~1/0"),
        (r#"{"a": [1 2]}"#, "/a"),
        (r#"{"a": {"b" 1}}"#, "/a"),
        (
            "[[], {\"x\": 1, \"x\": 2, \"y\": [1, {\"z\": \"\u{1}\"}]}]",
            "/1/y/1/z",
        ),
        ("[", "/0"),
    ] {
        let parsed = parse(text);
        assert!(parsed.root.is_none(), "{text}");
        let last = parsed.issues.last().expect("an issue");
        assert_eq!(last.pointer, pointer, "{text}");
    }
    let parsed = parse(r#"[{"x": 1, "x": 2}, {"y": {"z": 1, "z": 2}}]"#);
    let pointers: Vec<_> = parsed
        .issues
        .iter()
        .map(|issue| issue.pointer.as_str())
        .collect();
    assert_eq!(pointers, ["/0/x", "/1/y/z"]);
}
