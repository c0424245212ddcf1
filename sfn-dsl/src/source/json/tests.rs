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
