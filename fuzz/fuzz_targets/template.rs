//! Read arbitrary text as a CloudFormation or SAM template (JSON or YAML, CloudFormation's
//! tags read), validate every state machine in it, read it with stand-ins and write its
//! `DefinitionSubstitutions` in as the deployment would: no input may panic, and every
//! diagnostic has a position inside the text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sfn_dsl::template::Template;
use sfn_dsl::validate::{Options, validate_template_machine};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(template) = Template::parse(text) else { return };
    let Ok(machines) = template.state_machines() else { return };
    for machine in &machines {
        if let sfn_dsl::template::DefinitionSource::Inline(definition) = &machine.definition {
            let _ = definition.machine_with_stand_ins();
            if let Ok(parsed) = sfn_dsl::StateMachine::from_json(definition.json()) {
                let _ = template.deployed(machine, &parsed);
            }
        }
        let Some(report) = validate_template_machine(&template, machine, &Options::default())
        else {
            continue;
        };
        for diagnostic in report.diagnostics() {
            let span = diagnostic.span.expect("diagnostics of a template have a span");
            assert!(span.start <= span.end && span.end <= text.len(), "span inside the text");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            assert!(diagnostic.line.is_some() && diagnostic.column.is_some());
        }
    }
});
