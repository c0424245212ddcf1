//! Parse arbitrary text as a definition: no input may panic, the span parser reads the same
//! JSON values as serde_json, and whatever parses prints back to text that parses to the same
//! machine.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_dsl::source::Document;
use serde_json::Value;
use sfn_dsl::{ParseIssueKind, StateMachine};

/// Equal JSON values, except that `-0` is the integer 0 in a definition (as AWS's reader
/// reads it) where serde_json reads the float -0.0.
fn same_value(ours: &Value, theirs: &Value) -> bool {
    match (ours, theirs) {
        (Value::Number(ours), Value::Number(theirs)) => {
            let negative_zero = theirs.as_f64().is_some_and(|n| n == 0.0 && n.is_sign_negative());
            ours == theirs || (ours.as_u64() == Some(0) && negative_zero)
        }
        (Value::Array(ours), Value::Array(theirs)) => {
            ours.len() == theirs.len() && ours.iter().zip(theirs).all(|(a, b)| same_value(a, b))
        }
        (Value::Object(ours), Value::Object(theirs)) => {
            ours.len() == theirs.len()
                && ours.iter().all(|(key, a)| theirs.get(key).is_some_and(|b| same_value(a, b)))
        }
        _ => ours == theirs,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = Document::parse(text);
    if let Ok(document) = &parsed {
        let _ = document.line_column(text.len());
        let _ = document.locate("/States/A/Next");
    }
    // The span parser against serde_json: the same values; rejected only for what serde_json
    // does not check (duplicate keys); accepted beyond serde_json only for a byte order mark
    // or nesting deeper than serde_json's limit of 128.
    match (&parsed, serde_json::from_str::<serde_json::Value>(text)) {
        (Ok(document), Ok(value)) => {
            let ours = document.root().to_value();
            assert!(same_value(&ours, &value), "same value: {ours:?} against {value:?}");
        }
        (Err(error), Ok(_)) => assert!(
            error
                .issues()
                .iter()
                .all(|issue| issue.kind == ParseIssueKind::DuplicateKey),
            "rejected valid JSON: {error}"
        ),
        (Ok(_), Err(error)) => assert!(
            text.starts_with('\u{feff}') || text.matches(['[', '{']).count() > 128,
            "accepted invalid JSON: {error}"
        ),
        (Err(_), Err(_)) => {}
    }
    let Ok(machine) = StateMachine::from_json(text) else {
        return;
    };
    let compact = machine.to_json();
    let again = StateMachine::from_json(&compact).expect("own output parses");
    assert_eq!(again, machine, "compact round trip");
    assert_eq!(again.to_json(), compact, "stable output");
    let pretty = machine.to_json_pretty();
    let from_pretty = StateMachine::from_json(&pretty).expect("own pretty output parses");
    assert_eq!(from_pretty, machine, "pretty round trip");
});
