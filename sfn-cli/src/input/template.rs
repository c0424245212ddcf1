//! The state machine of a CloudFormation or SAM template, for the commands that take one
//! definition (`graph`, `iam`, `diff`, `run`, `replay`).

use sfn_dsl::StateMachine;
use sfn_dsl::source::Document;
use sfn_dsl::template::{DefinitionSource, Template, TemplateStateMachine, is_template};
use sfn_dsl::validate::{Options, Report, validate_template_machine};

use super::{Definition, Deployed, Source};
use crate::commands::Outcome;
use crate::output::{err, errln};

/// The template `text` holds, if it is one.
pub(super) fn of(source: &Source, text: &str) -> Option<Template> {
    if source.is_yaml(text) {
        Template::from_yaml(text).ok().filter(Template::is_template)
    } else {
        let document = Document::parse(text).ok()?;
        is_template(&document).then(|| Template::from_document(document))
    }
}

/// The definition of the template's state machine that `source` names (or of its only
/// one), with the machine read from it.
pub(super) fn machine(
    source: &Source,
    template: &Template,
    deployed: Deployed,
) -> Result<Definition, Outcome> {
    let machines = match template.state_machines() {
        Ok(machines) => machines,
        Err(error) => return Err(problems(source, template, &Report::from(error))),
    };
    let chosen = choose(source, &machines)?;
    let read_from = |machine, yaml_file| Definition {
        machine,
        resource: Some(chosen.logical_id.clone()),
        workflow_type: chosen.workflow_type,
        template: Some((template.clone(), chosen.clone())),
        yaml_file,
    };
    let read = |machine| read_from(machine, None);
    let title = format!("{}#{}", source.name, chosen.logical_id);
    match &chosen.definition {
        DefinitionSource::Inline(definition) => match StateMachine::from_json(definition.json()) {
            Ok(machine) => Ok(read(machine)),
            Err(error) => {
                // A function stands where a number, boolean, list or object belongs
                // (`MaxAttempts: !Ref Attempts`): there is no value to run with, but drawing
                // the machine or deriving its permissions needs none, and, as for a plain
                // definition, other problems the validator finds do not stop them.
                if deployed == Deployed::StandIn
                    && let Ok((machine, stood_in)) = definition.machine_with_stand_ins()
                {
                    let what = match stood_in.as_slice() {
                        [one] => format!(
                            "a stand-in value for the CloudFormation function at {one}, whose value is"
                        ),
                        many => format!(
                            "stand-in values for the CloudFormation functions at {}, whose values are",
                            many.join(", ")
                        ),
                    };
                    errln!(
                        "sfn: note: {title}: read with {what} known only when the stack is deployed"
                    );
                    return Ok(read(machine));
                }
                let report = validate_template_machine(template, chosen, &Options::default())
                    .unwrap_or_default();
                if report.has_errors() {
                    return Err(problems(source, template, &report));
                }
                let at = error
                    .issues()
                    .first()
                    .map(|issue| format!(" (at {})", issue.pointer))
                    .unwrap_or_default();
                errln!(
                    "sfn: {title}: a CloudFormation function stands where the definition needs a number, boolean, list or object{at}; its value is known only when the stack is deployed"
                );
                Err(Outcome::Failure)
            }
        },
        DefinitionSource::File { path, .. } => {
            let file = Source::new(&source.directory().join(path));
            super::machine(&file).map(|(text, machine)| {
                let yaml = file.is_yaml(&text).then_some(text);
                read_from(machine, yaml)
            })
        }
        DefinitionSource::NotLocal { reason, .. } => {
            errln!("sfn: {title}: {reason}");
            Err(Outcome::Failure)
        }
        DefinitionSource::Invalid(error) => {
            Err(problems(source, template, &Report::from(error.clone())))
        }
        _ => {
            errln!("sfn: {title}: its definition cannot be read");
            Err(Outcome::Failure)
        }
    }
}

/// The state machine `source` names, or the template's only one.
fn choose<'m>(
    source: &Source,
    machines: &'m [TemplateStateMachine],
) -> Result<&'m TemplateStateMachine, Outcome> {
    let ids = || {
        machines
            .iter()
            .map(|machine| machine.logical_id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (&source.resource, machines) {
        (Some(id), _) => machines
            .iter()
            .find(|machine| &machine.logical_id == id)
            .ok_or_else(|| {
                if machines.is_empty() {
                    errln!("sfn: {} declares no state machine", source.name);
                } else {
                    errln!(
                        "sfn: {} declares no state machine `{id}`; it declares {}",
                        source.name,
                        ids()
                    );
                }
                Outcome::Failure
            }),
        (None, [only]) => Ok(only),
        (None, []) => {
            errln!(
                "sfn: {} is a template that declares no state machine (no resource of type AWS::Serverless::StateMachine or AWS::StepFunctions::StateMachine)",
                source.name
            );
            Err(Outcome::Failure)
        }
        (None, [first, ..]) => {
            errln!(
                "sfn: {} declares {} state machines ({}); name one: {}#{}",
                source.name,
                machines.len(),
                ids(),
                source.name,
                first.logical_id
            );
            Err(Outcome::Failure)
        }
    }
}

/// Prints `report` against the template's lines; the command fails with problems.
fn problems(source: &Source, template: &Template, report: &Report) -> Outcome {
    err!(
        "{}",
        crate::report::render_text(
            &source.name,
            template.text().to_owned().into(),
            report,
            crate::report::color_stderr(),
        )
    );
    Outcome::Problems
}
