//! Read arbitrary text as a YAML definition: no input may panic, every diagnostic has a
//! position inside the text, and a machine read from YAML is the machine read from the JSON
//! it stands for. (The JSON may still be refused, as JSON text would be: `1e99999999999`
//! is out of range in both.)

#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_dsl::StateMachine;
use sfn_dsl::source::YamlDocument;
use sfn_dsl::validate::validate_yaml_str;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let report = validate_yaml_str(text);
    for diagnostic in report.diagnostics() {
        let span = diagnostic.span.expect("diagnostics of text have a span");
        assert!(span.start <= span.end && span.end <= text.len(), "span inside the text");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert!(diagnostic.line.is_some() && diagnostic.column.is_some());
    }
    let Ok(document) = YamlDocument::parse(text) else { return };
    assert_eq!(
        StateMachine::from_yaml(text).ok(),
        StateMachine::from_json(document.json()).ok(),
        "the same machine from YAML and from its JSON"
    );
});
