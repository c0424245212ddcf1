//! Tests of the JSON reader and its tape.

use std::borrow::Cow;

use super::{Entry, Kind, MAX_TEXT_LEN, NEXT_BITS, Node, parse};
use crate::error::ParseIssueKind;
use crate::source::{Document, MAX_DEPTH, NodeValue, Span};

fn value_of(text: &str) -> serde_json::Value {
    let document = Document::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"));
    document.root().to_value()
}

fn issues_of(text: &str) -> Vec<(ParseIssueKind, String)> {
    let parsed = parse(text);
    assert!(!parsed.complete || !parsed.issues.is_empty(), "{text}");
    parsed
        .issues
        .into_iter()
        .map(|issue| (issue.kind, issue.pointer))
        .collect()
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
        // `serde_json::Number` variant (unsigned, signed or float) as serde_json's. Not
        // `-0`, the one number read otherwise: serde_json makes it the float -0.0, AWS
        // (Jackson) the integer 0 (`integer_minus_zero_is_zero_as_aws_reads_it`).
        "[0, -0.0, 7, -7, 9999999999999999999, 18446744073709551615, 18446744073709551616]",
        "[-9223372036854775808, -9223372036854775809, 1.0, 1e2, 0.5]",
        r#"{"long": "an ARN-like value of more than eight bytes: arn:aws:lambda:us-east-1"}"#,
        "\"tab\\tafter \\u00e9 and \\ud83d\\ude00 past eight bytes\"",
        r#"{"esc\"aped key": {"nested": [[], [{}], {"x": [null]}]}, "é": "ü😀"}"#,
        "\u{feff}{\"bom\": 1}",
    ] {
        let expected: serde_json::Value =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("valid");
        assert_eq!(value_of(text), expected, "{text}");
    }
}

#[test]
fn integer_minus_zero_is_zero_as_aws_reads_it() {
    assert_eq!(
        value_of(r#"{"a": -0, "b": [-0], "c": -0.0, "d": -0e0, "e": -0E+1}"#).to_string(),
        r#"{"a":0,"b":[0],"c":-0.0,"d":-0.0,"e":-0.0}"#
    );
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
        "\"\\ud800\\u0041\"",
        "\"\\u12\"",
        "\"unterminated",
        "{} x",
        "{'a':1}",
        "{\"a\" 1}",
        "[1 2]",
        "1e999",
    ] {
        assert!(
            serde_json::from_str::<serde_json::Value>(text).is_err(),
            "{text}"
        );
        let parsed = parse(text);
        assert!(!parsed.complete, "{text}");
        assert_eq!(parsed.issues.len(), 1, "{text}");
        assert_eq!(parsed.issues[0].kind, ParseIssueKind::Syntax, "{text}");
        let error = Document::parse(text).unwrap_err();
        assert_eq!(error.issues().len(), 1, "{text}");
    }
}

#[test]
fn strings_without_escapes_are_borrowed_and_escaped_ones_unescaped() {
    let document = Document::parse(
        r#"{"plain": "arn:aws:lambda:x", "esc\u0061ped": "a\"b\\c\u00e9\ud83d\ude00"}"#,
    )
    .unwrap();
    let members: Vec<_> = document.root().as_object().unwrap().iter().collect();
    assert!(matches!(members[0].key, Cow::Borrowed("plain")));
    assert!(matches!(
        members[0].value.as_str(),
        Some(Cow::Borrowed("arn:aws:lambda:x"))
    ));
    assert!(matches!(&members[1].key, Cow::Owned(key) if key == "escaped"));
    assert_eq!(members[1].value.as_str().as_deref(), Some("a\"b\\cé😀"));
    // Members are found by their unescaped keys, plain or not.
    let object = document.root().as_object().unwrap();
    assert_eq!(object.get("escaped"), Some(members[1].value));
    assert_eq!(object.get("esc\\u0061ped"), None);
    assert_eq!(object.get("plai"), None);
}

#[test]
fn spans_cover_values_and_keys_in_bytes() {
    let text = "{\"é\": [1, \"x\\n\"],\n \"b\": {\"c\": null}}";
    let document = Document::parse(text).unwrap();
    let root = document.root();
    assert_eq!(root.span(), Span::new(0, text.len()));
    let members: Vec<_> = root.as_object().unwrap().iter().collect();
    assert_eq!(
        &text[members[0].key_span.start..members[0].key_span.end],
        "\"é\""
    );
    assert_eq!(
        &text[members[0].value.span().start..members[0].value.span().end],
        "[1, \"x\\n\"]"
    );
    let NodeValue::Array(items) = members[0].value.value() else {
        panic!("an array")
    };
    let spans: Vec<_> = items
        .iter()
        .map(|item| &text[item.span().start..item.span().end])
        .collect();
    assert_eq!(spans, ["1", "\"x\\n\""]);
    let null = document.node_at("/b/c").unwrap();
    assert_eq!(&text[null.span().start..null.span().end], "null");
    assert_eq!(document.line_column(null.span().start).line, 2);
    assert_eq!(
        document.locate_key("/b/c"),
        Some(Span::new(text.len() - 11, text.len() - 8))
    );
    assert_eq!(document.locate("/é/1"), Some(items.get(1).unwrap().span()));
    assert_eq!(document.locate("/é/2"), None);
    assert_eq!(document.locate("/b/d"), None);
}

#[test]
fn the_tape_skips_whole_values() {
    let parsed = parse(r#"{"a": [1, [2, 3], {"b": 4}], "c": 5}"#);
    assert!(parsed.complete);
    let kinds: Vec<_> = parsed.tape.iter().map(|entry| entry.kind()).collect();
    assert_eq!(
        kinds,
        [
            Kind::Object,
            Kind::Key,
            Kind::Array,
            Kind::Number,
            Kind::Array,
            Kind::Number,
            Kind::Number,
            Kind::Object,
            Kind::Key,
            Kind::Number,
            Kind::Key,
            Kind::Number,
        ]
    );
    let counts_and_next: Vec<_> = parsed
        .tape
        .iter()
        .map(|entry| (entry.count, entry.next()))
        .collect();
    assert_eq!(counts_and_next[0], (2, 12));
    assert_eq!(counts_and_next[2], (3, 10));
    assert_eq!(counts_and_next[4], (2, 7));
    assert_eq!(counts_and_next[7], (1, 10));
    let document = Document::parse(r#"{"a": [1, [2, 3], {"b": 4}], "c": 5}"#).unwrap();
    assert_eq!(document.node_at("/c").unwrap().to_value(), 5);
    assert_eq!(document.node_at("/a/2/b").unwrap().to_value(), 4);
}

#[test]
fn reports_every_duplicate_key_with_its_pointer() {
    let parsed = parse(r#"{"a": {"x": 1, "x": 2}, "a": 3, "\u0061": 4}"#);
    let pointers: Vec<_> = parsed
        .issues
        .iter()
        .map(|issue| (issue.kind, issue.pointer.as_str()))
        .collect();
    assert_eq!(
        pointers,
        [
            (ParseIssueKind::DuplicateKey, "/a/x"),
            (ParseIssueKind::DuplicateKey, "/a"),
            (ParseIssueKind::DuplicateKey, "/a"),
        ]
    );
    assert!(parsed.complete);
    assert_eq!(
        parsed.issues[0].message,
        "duplicate key `x`: JSON parsers keep only one of the values"
    );
}

#[test]
fn duplicates_in_large_objects_are_found() {
    let mut text = String::from("{");
    for index in 0..40 {
        use std::fmt::Write as _;
        let _ = write!(text, "\"k{index}\": {index},");
    }
    text.push_str("\"k3\": 0, \"k\\u0033\": 1}");
    let issues = issues_of(&text);
    assert_eq!(
        issues,
        [
            (ParseIssueKind::DuplicateKey, "/k3".to_owned()),
            (ParseIssueKind::DuplicateKey, "/k3".to_owned())
        ]
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = "[".repeat(100_000);
    let parsed = parse(&text);
    assert!(!parsed.complete);
    assert_eq!(parsed.issues.len(), 1);
    assert_eq!(parsed.issues[0].kind, ParseIssueKind::TooDeep);
    assert_eq!(parsed.issues[0].span, Span::new(256, 257));
    let nested = format!("{}{}", "[".repeat(256), "]".repeat(256));
    assert!(Document::parse(&nested).is_ok());
    let too_deep = format!("{}{}", "[".repeat(257), "]".repeat(257));
    assert!(Document::parse(&too_deep).is_err());
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
        assert!(!parsed.complete, "{text}");
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

#[test]
fn a_document_from_a_value_reads_the_same_without_positions() {
    let value = serde_json::json!({"b": [1, 2.5, "x\ny"], "a": {"k": null, "t": true}});
    let document = Document::from_value(&value);
    assert_eq!(document.root().to_value(), value);
    assert_eq!(document.text(), "");
    assert_eq!(document.root().span(), Span::default());
    assert_eq!(document.locate("/b/2"), Some(Span::default()));
    let keys: Vec<_> = document
        .root()
        .as_object()
        .unwrap()
        .iter()
        .map(|member| member.key.into_owned())
        .collect();
    assert_eq!(keys, ["b", "a"]);
}

#[test]
fn a_value_nested_too_deep_is_reported_as_too_deep_by_the_machine_reader() {
    let mut deep = serde_json::json!(1);
    for _ in 0..=MAX_DEPTH {
        deep = serde_json::json!([deep]);
    }
    let machine = serde_json::json!({
        "StartAt": "A",
        "States": {"A": {"Type": "Pass", "Result": deep, "End": true}}
    });
    let error = crate::StateMachine::from_value(&machine).unwrap_err();
    let kinds: Vec<_> = error.issues().iter().map(|issue| issue.kind).collect();
    assert_eq!(kinds, [ParseIssueKind::TooDeep]);
    // The infallible wrapper holds `null` instead.
    assert_eq!(
        Document::from_value(&machine).root().to_value(),
        serde_json::Value::Null
    );
}

#[test]
fn every_prefix_and_every_byte_flip_of_a_definition_is_handled() {
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": [1, -2.5e3, "é\n\u00e9"], "End": true}}}"#;
    for end in 0..text.len() {
        if let Some(prefix) = text.get(..end) {
            let parsed = parse(prefix);
            assert!(!parsed.complete || !parsed.issues.is_empty() || prefix.is_empty() || end > 0);
            let _ = Document::parse(prefix);
        }
    }
    for at in 0..text.len() {
        for byte in [
            b'"', b'\\', b'{', b'}', b'[', b']', b',', b':', b'0', b' ', 0x01,
        ] {
            let mut bytes = text.as_bytes().to_vec();
            bytes[at] = byte;
            if let Ok(mutated) = std::str::from_utf8(&bytes) {
                let ours = Document::parse(mutated).map(|document| document.root().to_value());
                let theirs = serde_json::from_str::<serde_json::Value>(mutated);
                match (ours, theirs) {
                    (Ok(ours), Ok(theirs)) => assert_eq!(ours, theirs, "{mutated}"),
                    (Err(error), Ok(_)) => assert!(
                        error
                            .issues()
                            .iter()
                            .all(|issue| issue.kind == ParseIssueKind::DuplicateKey),
                        "{mutated}"
                    ),
                    (Ok(_), Err(_)) => panic!("accepted invalid JSON: {mutated}"),
                    (Err(_), Err(_)) => {}
                }
            }
        }
    }
}

#[test]
fn the_field_index_finds_members_by_name_in_every_kind_of_object() {
    use super::FieldIndex;
    use std::fmt::Write as _;
    // Keys that share a signature (length, first and last byte) with the ones asked for.
    let small = r#"{"Tyxe": 1, "Type": 2, "Next": 3, "": 4, "N": 5}"#;
    let mut big = String::from("{");
    for index in 0..30 {
        let _ = write!(big, "\"k{index}\": {index},");
    }
    big.push_str("\"Type\": 99}");
    let escaped = r#"{"Tyxe": 1, "T\u0079pe": 2, "Next": 3, "": 4, "N": 5}"#;
    for text in [small, escaped] {
        let document = Document::parse(text).unwrap();
        let index = FieldIndex::new(document.root().as_object().unwrap());
        let found = |key: &str| {
            index
                .position(key)
                .map(|(position, node)| (position, node.to_value()))
        };
        assert_eq!(found("Type"), Some((1, serde_json::json!(2))), "{text}");
        assert_eq!(found("Tyxe"), Some((0, serde_json::json!(1))), "{text}");
        assert_eq!(found("Next"), Some((2, serde_json::json!(3))), "{text}");
        assert_eq!(found(""), Some((3, serde_json::json!(4))), "{text}");
        assert_eq!(found("N"), Some((4, serde_json::json!(5))), "{text}");
        assert_eq!(found("Tyqe"), None, "{text}");
        assert_eq!(found("End"), None, "{text}");
        assert_eq!(index.fields().count(), 5);
    }
    let document = Document::parse(&big).unwrap();
    let index = FieldIndex::new(document.root().as_object().unwrap());
    assert_eq!(
        index
            .position("Type")
            .map(|(position, node)| (position, node.to_value())),
        Some((30, serde_json::json!(99)))
    );
    assert_eq!(
        index.position("k29").map(|(position, _)| position),
        Some(29)
    );
    assert_eq!(index.position("k30"), None);
}

#[test]
fn an_entry_is_sixteen_bytes_and_keeps_every_field() {
    assert_eq!(size_of::<Entry>(), 16);
    let largest_next = (1 << NEXT_BITS) - 1;
    for kind in [
        Kind::Null,
        Kind::True,
        Kind::False,
        Kind::Number,
        Kind::String,
        Kind::Array,
        Kind::Object,
        Kind::Key,
    ] {
        for escaped in [false, true] {
            let mut entry = Entry::new(kind, escaped, 3, u32::MAX, largest_next, u32::MAX);
            assert_eq!(
                (entry.kind(), entry.escaped(), entry.next()),
                (kind, escaped, largest_next)
            );
            assert_eq!(
                (entry.start, entry.end, entry.count),
                (3, u32::MAX, u32::MAX)
            );
            entry.set_next(5);
            assert_eq!(
                (entry.kind(), entry.escaped(), entry.next()),
                (kind, escaped, 5)
            );
        }
    }
    // The longest text accepted has fewer entries than `next` can count, and its spans fit.
    assert!(MAX_TEXT_LEN.div_ceil(2) < 1 << NEXT_BITS);
    assert!(u32::try_from(MAX_TEXT_LEN).is_ok());
}

#[test]
fn keys_of_one_signature_are_compared_by_their_text() {
    // `axb` and `ayb` share length, first and last byte; the escaped `b` seen first is
    // unescaped from the text when the plain `b` comes.
    let parsed = parse(r#"{"\u0062": 1, "axb": 2, "ayb": 3, "b": 4, "o": {"b": 5}}"#);
    let issues: Vec<_> = parsed
        .issues
        .iter()
        .map(|issue| (issue.kind, issue.pointer.as_str()))
        .collect();
    assert_eq!(issues, [(ParseIssueKind::DuplicateKey, "/b")]);
}

#[test]
fn objects_and_arrays_are_told_from_the_entry() {
    let document =
        Document::parse(r#"{"o": {"a": 1}, "l": [1, 2], "s": "{}", "n": null}"#).unwrap();
    let root = document.root().as_object().expect("an object");
    assert_eq!(root.len(), 4);
    let object = root.get("o").and_then(Node::as_object).expect("an object");
    assert_eq!(
        object.get("a").map(Node::to_value),
        Some(serde_json::json!(1))
    );
    assert_eq!(
        root.get("l")
            .and_then(Node::as_array)
            .map(|items| items.len()),
        Some(2)
    );
    for key in ["s", "n"] {
        let node = root.get(key).expect("present");
        assert!(
            node.as_object().is_none() && node.as_array().is_none(),
            "{key}"
        );
    }
    assert!(root.get("o").and_then(Node::as_array).is_none());
    assert!(root.get("l").and_then(Node::as_object).is_none());
}

#[test]
fn a_misspelt_or_truncated_literal_is_located_where_it_differs() {
    let problem = |text: &str| {
        let error = Document::parse(text).expect_err("invalid");
        let issue = error.issues().first().expect("an issue").clone();
        (issue.span.start, issue.message)
    };
    assert_eq!(
        problem(r#"{"End": tr"#),
        (10, "unexpected end of input, expected `true`".to_owned())
    );
    assert_eq!(
        problem(r#"{"End": trxe}"#),
        (10, "unexpected character `x`, expected `true`".to_owned())
    );
    assert_eq!(
        problem("[nul]"),
        (4, "unexpected character `]`, expected `null`".to_owned())
    );
}

/// The pointer, span start and message of the first problem of `text`.
fn first_problem(text: &str) -> (String, usize, String) {
    let error = Document::parse(text).expect_err("invalid");
    let issue = error.issues().first().expect("an issue").clone();
    (issue.pointer, issue.span.start, issue.message)
}

#[test]
fn unexpected_characters_are_shown_as_written() {
    assert_eq!(
        first_problem("{'StartAt': 'A'}").2,
        "unexpected character `'`, expected a string key"
    );
    assert_eq!(
        first_problem(r#"{"States": {"A": {"Type": "Pass" "End": true}}}"#),
        (
            "/States/A".to_owned(),
            33,
            "unexpected character `\"`, expected `,` or `}`".to_owned()
        )
    );
    assert_eq!(
        first_problem(r#"{"a": \x}"#).2,
        "unexpected character `\\`, expected a JSON value"
    );
    assert_eq!(
        first_problem("{\"a\": “b”}").2,
        "unexpected character `“`, expected a JSON value"
    );
}

#[test]
fn invisible_unexpected_characters_are_named_by_code_point() {
    for (text, shown) in [
        ("{\"a\":\u{a0}1}", "U+00A0 (a no-break space)"),
        ("{\"a\": 1\u{200b}}", "U+200B (a zero-width space)"),
        ("{\"a\": 1\u{feff}}", "U+FEFF (a byte order mark)"),
        ("{\"a\": 1\u{2028}}", "U+2028 (a line separator)"),
        ("{\"a\": t\u{7}}", "U+0007"),
        ("{\"a\": tr ue}", "U+0020 (a space)"),
        ("{\"a\": tr\tue}", "U+0009 (a tab)"),
        ("{\"a\": 1\u{202e}}", "U+202E"),
    ] {
        let message = first_problem(text).2;
        assert!(
            message.starts_with(&format!("unexpected character {shown}, expected ")),
            "{text:?}: {message}"
        );
    }
}

#[test]
fn a_leading_zero_is_reported_at_the_number() {
    assert_eq!(
        first_problem(r#"{"States": {"A": {"Type": "Pass", "Result": 01}}}"#),
        (
            "/States/A/Result".to_owned(),
            44,
            "number `01` has a leading zero, which JSON does not allow".to_owned()
        )
    );
    assert_eq!(
        first_problem("[-007.5]"),
        (
            "/0".to_owned(),
            1,
            "number `-007` has a leading zero, which JSON does not allow".to_owned()
        )
    );
    // `0`, `-0` and `0.5` are numbers (`-0` the integer 0, as AWS reads it); `0x1` is `0`
    // followed by a stray character.
    assert_eq!(
        value_of("[0, -0, 0.5, -0.0]"),
        serde_json::json!([0, 0, 0.5, -0.0])
    );
    assert_eq!(
        first_problem("[0x1]").2,
        "unexpected character `x`, expected `,` or `]`"
    );
}

#[test]
fn a_byte_order_mark_takes_no_column() {
    // Editors and GitHub's annotations do not count it: `StartAt`'s value is at column 13
    // with or without one, and a problem the parser finds on line 1 too.
    for text in [
        "{\"StartAt\": \"A\",\n \"States\": {}}",
        "\u{feff}{\"StartAt\": \"A\",\n \"States\": {}}",
    ] {
        let document = Document::parse(text).unwrap();
        let start_at = document.locate("/StartAt").unwrap();
        assert_eq!(
            document.line_column(start_at.start),
            crate::source::LineColumn {
                line: 1,
                column: 13
            },
            "{text:?}"
        );
        // Only the first line can start with it.
        let states = document.locate("/States").unwrap();
        assert_eq!(
            document.line_column(states.start),
            crate::source::LineColumn {
                line: 2,
                column: 12
            },
            "{text:?}"
        );
        // At the very start (a document that is not an object).
        assert_eq!(document.line_column(0).column, 1);
        let broken = text.replacen("\"A\"", "A", 1);
        let error = Document::parse(&broken).expect_err("a syntax error");
        let issue = error.issues().first().unwrap();
        assert_eq!((issue.line, issue.column), (1, 13), "{broken:?}");
    }
}

#[test]
fn lines_end_at_a_line_feed_a_carriage_return_or_both() {
    // `States` is on line 3 whichever way the lines end.
    for text in [
        "{\"StartAt\": \"A\",\n\n \"States\": {}}",
        "{\"StartAt\": \"A\",\r\n\r\n \"States\": {}}",
        "{\"StartAt\": \"A\",\r\r \"States\": {}}",
    ] {
        let document = Document::parse(text).unwrap();
        let states = document.locate("/States").unwrap();
        assert_eq!(
            document.line_column(states.start),
            crate::source::LineColumn {
                line: 3,
                column: 12
            },
            "{text:?}"
        );
    }
}

#[test]
fn a_number_beyond_the_range_of_a_float_says_so() {
    let error = Document::parse(r#"{"big": 1e400}"#).expect_err("out of range");
    let issue = error.issues().first().unwrap();
    assert_eq!(issue.kind, ParseIssueKind::Syntax);
    assert!(
        issue.message.contains("beyond the range of a 64-bit float"),
        "{}",
        issue.message
    );
}
