//! Inputs on which a fuzz target failed once, run through the same checks as the targets
//! (`fuzz/fuzz_targets/parse.rs` and `validate.rs`).

use std::fs;
use std::path::Path;

use sfn_dsl::StateMachine;
use sfn_dsl::validate::{Options, validate_str, validate_with};

fn check(text: &str) {
    let report = validate_str(text);
    for diagnostic in report.diagnostics() {
        let span = diagnostic.span.expect("diagnostics of text have a span");
        assert!(span.start <= span.end && span.end <= text.len());
    }
    let Ok(machine) = StateMachine::from_json(text) else {
        return;
    };
    assert_eq!(
        StateMachine::from_json(&machine.to_json()).expect("own output parses"),
        machine
    );
    assert_eq!(
        validate_with(&machine, &Options::new()).has_errors(),
        report.has_errors()
    );
    let _ = sfn_dsl::render::mermaid(&machine);
    let _ = sfn_dsl::render::dot(&machine);
    assert!(
        sfn_dsl::diff::diff(&machine, &machine).is_empty(),
        "a machine equals itself"
    );
    let _ = sfn_dsl::iam::policy(&machine).to_json();
    let _ = sfn_dsl::build::to_yaml(&machine.to_value());
}

#[test]
fn every_recorded_fuzz_failure_passes() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz-regressions");
    let mut checked = 0;
    for entry in fs::read_dir(&folder).expect("fuzz-regressions folder") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("readable input");
        check(&text);
        checked += 1;
    }
    assert!(checked >= 1, "no regression inputs in {}", folder.display());
}
