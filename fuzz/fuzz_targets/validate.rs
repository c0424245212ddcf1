//! Validate arbitrary text, and run everything else that reads a machine over what parses:
//! no input may panic, and every diagnostic of text input has a position in it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_dsl::StateMachine;
use sfn_dsl::validate::{Options, WorkflowType, validate_str, validate_str_with, validate_with};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let report = validate_str(text);
    for diagnostic in report.diagnostics() {
        let span = diagnostic.span.expect("diagnostics of text have a span");
        assert!(span.start <= span.end && span.end <= text.len(), "span inside the text");
        assert!(diagnostic.line.is_some() && diagnostic.column.is_some());
        let _ = diagnostic.to_string();
    }
    let _ = validate_str_with(text, &Options::new().workflow_type(WorkflowType::Express));
    let Ok(machine) = StateMachine::from_json(text) else { return };
    let from_model = validate_with(&machine, &Options::new());
    assert_eq!(
        from_model.has_errors(),
        report.has_errors(),
        "the same machine from text and from the model"
    );
    let _ = sfn_dsl::render::mermaid(&machine);
    let _ = sfn_dsl::render::dot(&machine);
    assert!(sfn_dsl::diff::diff(&machine, &machine).is_empty(), "a machine equals itself");
    let _ = sfn_dsl::iam::policy(&machine).to_json();
    let _ = sfn_dsl::build::to_yaml(&machine.to_value());
});
