//! The `template-substitution` errors of a template's state machine: the
//! `DefinitionSubstitutions` its deployment refuses, found by writing them into its
//! definition as the deployment does ([`Template::deployed`]).

use super::super::diagnostic::{Diagnostic, Report};
use crate::template::{DefinitionSource, Template, TemplateStateMachine};
use crate::{ParseError, ParseIssueKind, StateMachine};

/// The `template-substitution` errors of `machine`, whose definition is in the file of
/// text `file` that its `DefinitionUri` (or `DefinitionS3Location`) names, at the values in
/// the template: a value that is not a string, an integer or a boolean; and, when the file
/// reads as a definition, a value that makes its text invalid once written in, or keys
/// whose values name each other (see [`Template::deployed`]). The file is read as the
/// deployment reads it: as JSON, or else as YAML (with the `yaml` feature). For a
/// definition written in the template, [`validate_template_machine`](super::validate_template_machine)
/// reports them.
///
/// # Examples
///
/// ```
/// use sfn_dsl::template::Template;
/// use sfn_dsl::validate::{Code, validate_template_substitutions};
///
/// let template = Template::from_json(r#"{"Resources": {"Greeter": {
///   "Type": "AWS::Serverless::StateMachine",
///   "Properties": {"DefinitionUri": "greeter.asl.json", "DefinitionSubstitutions": {"Greeting": "say \"hi\""}}
/// }}}"#)?;
/// let [machine] = &template.state_machines()?[..] else { panic!("one") };
/// let file = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "${Greeting}", "End": true}}}"#;
/// let report = validate_template_substitutions(&template, machine, file);
/// let [problem] = report.diagnostics() else { panic!("one") };
/// assert_eq!(problem.code, Code::TemplateSubstitution);
/// assert_eq!(problem.pointer, "/Resources/Greeter/Properties/DefinitionSubstitutions/Greeting");
/// assert!(problem.message.contains("makes it invalid JSON"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn validate_template_substitutions(
    template: &Template,
    machine: &TemplateStateMachine,
    file: &str,
) -> Report {
    let refused = match StateMachine::from_json(file) {
        Ok(definition) => template.deployed(machine, &definition).err(),
        #[cfg(feature = "yaml")]
        Err(_) if StateMachine::from_yaml(file).is_ok() => {
            template.deployed_yaml(machine, file).err()
        }
        // Its problems are reported; the values' types still can be.
        Err(_) => template.refused_substitutions(machine),
    };
    Report::new(diagnostics(refused.as_ref()))
}

/// The `template-substitution` errors of `machine`, whose definition is written in the
/// template.
pub(super) fn inline(template: &Template, machine: &TemplateStateMachine) -> Vec<Diagnostic> {
    let DefinitionSource::Inline(inline) = &machine.definition else {
        return Vec::new();
    };
    let refused = match StateMachine::from_json(inline.json()) {
        Ok(definition) => template.deployed(machine, &definition).err(),
        // Its problems are reported; the values' types still can be.
        Err(_) => template.refused_substitutions(machine),
    };
    diagnostics(refused.as_ref())
}

/// The diagnostics of the `Substitution` problems of `error`.
fn diagnostics(error: Option<&ParseError>) -> Vec<Diagnostic> {
    error
        .map(|error| {
            error
                .issues()
                .iter()
                .filter(|issue| issue.kind == ParseIssueKind::Substitution)
                .map(Diagnostic::from_parse_issue)
                .collect()
        })
        .unwrap_or_default()
}
