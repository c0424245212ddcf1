//! Parse arbitrary text as a definition: no input may panic, and whatever parses prints back
//! to text that parses to the same machine.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_dsl::StateMachine;
use sfn_dsl::source::Document;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(document) = Document::parse(text) {
        let _ = document.line_column(text.len());
        let _ = document.locate("/States/A/Next");
    }
    let Ok(machine) = StateMachine::from_json(text) else { return };
    let compact = machine.to_json();
    let again = StateMachine::from_json(&compact).expect("own output parses");
    assert_eq!(again, machine, "compact round trip");
    assert_eq!(again.to_json(), compact, "stable output");
    let pretty = machine.to_json_pretty();
    let from_pretty = StateMachine::from_json(&pretty).expect("own pretty output parses");
    assert_eq!(from_pretty, machine, "pretty round trip");
});
