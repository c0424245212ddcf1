//! The state machines of a CloudFormation or SAM template: each validated where its
//! definition is (in the template, or in the file its `DefinitionUri` names).

use std::borrow::Cow;
use std::path::Path;

use sfn_dsl::template::{DefinitionSource, Template, TemplateStateMachine};
use sfn_dsl::validate::{
    Options, Report, machine_options, validate_str_with, validate_template_machine,
    validate_template_substitutions, validate_yaml_str_with,
};

use super::{Entry, Format, Machine, Printing, print_report};
use crate::input::Source;
use crate::output::outln;

/// Validates every state machine of `template` (the file `name`, in `directory`), or only
/// the one whose logical id is `only`, printing each report as it is made.
pub(super) fn validate(
    printing: Printing,
    options: &Options,
    name: &str,
    directory: &Path,
    template: &Template,
    only: Option<&str>,
) -> Vec<Entry> {
    let machines = match template.state_machines() {
        Ok(machines) => machines,
        Err(error) => {
            let report = Report::from(error);
            print_report(printing, name, name, text(template), &report);
            return vec![Entry::new(name.to_owned(), None, report)];
        }
    };
    if machines.is_empty() {
        let note = "the template declares no state machine (no resource of type AWS::Serverless::StateMachine or AWS::StepFunctions::StateMachine)";
        if printing.format != Format::Json {
            outln!("{name}: nothing to validate: {note}");
        }
        let mut entry = Entry::new(name.to_owned(), None, Report::default());
        entry.note = Some(note.to_owned());
        return vec![entry];
    }
    if let Some(id) = only
        && !machines.iter().any(|machine| machine.logical_id == id)
    {
        let declared: Vec<&str> = machines
            .iter()
            .map(|machine| machine.logical_id.as_str())
            .collect();
        let message = format!(
            "sfn: {name} declares no state machine `{id}`; it declares {}",
            declared.join(", ")
        );
        return vec![Entry::unreadable(printing, name.to_owned(), None, message)];
    }
    machines
        .iter()
        .filter(|machine| only.is_none_or(|id| machine.logical_id == id))
        .flat_map(|machine| one(printing, options, name, directory, template, machine))
        .collect()
}

/// Validates one state machine of the template: its definition, and, for one in a file,
/// the `DefinitionSubstitutions` that its deployment refuses (an entry of the template's).
fn one(
    printing: Printing,
    options: &Options,
    name: &str,
    directory: &Path,
    template: &Template,
    machine: &TemplateStateMachine,
) -> Vec<Entry> {
    let of = || Machine {
        template: name.to_owned(),
        logical_id: machine.logical_id.clone(),
    };
    if let Some(report) = validate_template_machine(template, machine, options) {
        let entry = Entry::new(name.to_owned(), Some(of()), report);
        if let Ok(report) = &entry.result {
            print_report(printing, name, &entry.title(), text(template), report);
        }
        return vec![entry];
    }
    match &machine.definition {
        DefinitionSource::File { path, pointer } => {
            let file = directory.join(path);
            let source = Source::new(&file);
            let text = match source.read() {
                Ok(text) => text,
                Err(message) => {
                    let message = format!(
                        "{message} (the `DefinitionUri` of {} in {name}{})",
                        machine.logical_id,
                        at(template, pointer)
                    );
                    return vec![Entry::unreadable(
                        printing,
                        source.name,
                        Some(of()),
                        message,
                    )];
                }
            };
            // The values the deployment refuses, at their places in the template.
            let refused = validate_template_substitutions(template, machine, &text);
            // Its placeholders are checked against the resource's substitutions, and an
            // Express machine gets the Express rules.
            let options = &machine_options(machine, options);
            let mut entries = vec![validate_definition(printing, options, &source, text, of())];
            if !refused.is_clean() {
                let entry = Entry::new(name.to_owned(), Some(of()), refused);
                if let Ok(report) = &entry.result {
                    print_report(printing, name, &entry.title(), self::text(template), report);
                }
                entries.push(entry);
            }
            entries
        }
        DefinitionSource::NotLocal { reason, pointer } => {
            let mut entry = Entry::new(name.to_owned(), Some(of()), Report::default());
            let note = format!("not validated: {reason}");
            if printing.format != Format::Json {
                outln!(
                    "{}: {note} ({name}{})",
                    entry.title(),
                    at(template, pointer)
                );
            }
            entry.note = Some(note);
            vec![entry]
        }
        // Validated above; no other kind exists today.
        _ => Vec::new(),
    }
}

/// Validates the file a `DefinitionUri` names (as a definition, whatever it holds),
/// reported under its own path.
fn validate_definition(
    printing: Printing,
    options: &Options,
    source: &Source,
    text: String,
    machine: Machine,
) -> Entry {
    let report = if source.is_yaml(&text) {
        validate_yaml_str_with(&text, options)
    } else {
        validate_str_with(&text, options)
    };
    let entry = Entry::new(source.name.clone(), Some(machine), report);
    if let Ok(report) = &entry.result {
        print_report(printing, &source.name, &entry.title(), text.into(), report);
    }
    entry
}

/// The template's text, for drawing problems against it.
fn text(template: &Template) -> Cow<'static, str> {
    Cow::Owned(template.text().to_owned())
}

/// `, line L, column C` of the value at `pointer`, or nothing when it has no place.
fn at(template: &Template, pointer: &str) -> String {
    template.locate(pointer).map_or_else(String::new, |span| {
        let position = template.line_column(span.start);
        format!(", line {}, column {}", position.line, position.column)
    })
}
