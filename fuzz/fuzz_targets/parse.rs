//! Parse arbitrary text as a definition: no input may panic, the span parser reads the same
//! JSON values as serde_json, and whatever parses prints back to text that parses to the same
//! machine.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_dsl::source::Document;
use sfn_dsl::{ParseIssueKind, StateMachine};

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
        (Ok(document), Ok(value)) => assert_eq!(document.root().to_value(), value, "same value"),
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
