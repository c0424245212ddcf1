//! The hint of a `quoted-placeholder` warning in a definition written in a template,
//! which says how to write that definition so the placeholder deploys as a number.

use crate::template::{InlineDefinition, StateMachineType};
use crate::validate::diagnostic::Diagnostic;

/// Gives `diagnostic`, a `quoted-placeholder` warning still placed in the definition's
/// JSON, the hint for where the definition is: SAM and CloudFormation write a `Definition`
/// as JSON text before the `DefinitionSubstitutions` are written in, so the placeholder is
/// a string there however the template writes it; a `DefinitionString` can leave the
/// quotes out.
pub(super) fn explain(
    resource_type: StateMachineType,
    definition: &InlineDefinition,
    diagnostic: &mut Diagnostic,
) {
    let placeholder = diagnostic
        .span
        .and_then(|span| definition.json().get(span.start..span.end))
        .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
        .unwrap_or_else(|| "${Name}".to_owned());
    let placeholder = crate::shorten::shorten(&placeholder, 80);
    let field = diagnostic
        .pointer
        .rsplit('/')
        .next()
        .filter(|field| !field.is_empty())
        .unwrap_or("Seconds");
    let hint = if definition.is_text() {
        format!(
            "leave out the quotes in the `DefinitionString`'s text (`\"{field}\": {placeholder}`): the value written in is then read as a number"
        )
    } else {
        let key = placeholder
            .strip_prefix("${")
            .and_then(|rest| rest.strip_suffix('}'))
            .unwrap_or("Name");
        match resource_type {
            StateMachineType::Serverless => format!(
                "SAM writes an inline `Definition` as JSON text before the `DefinitionSubstitutions` are written in, so `{placeholder}` is a string there even as a plain YAML scalar: put the definition in a YAML file named by `DefinitionUri`, with `{field}: {placeholder}` unquoted"
            ),
            _ => format!(
                "CloudFormation writes a `Definition` as JSON text before the `DefinitionSubstitutions` are written in, so `{placeholder}` is a string there even as a plain YAML scalar: write the definition as a `DefinitionString` with the placeholder unquoted in its text (`\"{field}\": {placeholder}`, or `${{!{key}}}` inside `!Sub`), or as a YAML file at `DefinitionS3Location` with `{field}: {placeholder}` unquoted"
            ),
        }
    };
    diagnostic.hint = Some(hint);
}

#[cfg(test)]
mod tests {
    use crate::template::Template;
    use crate::validate::{Code, Options, validate_template_machine};

    /// The hint of the one `quoted-placeholder` warning of the template's only machine.
    fn hint(template: &Template) -> String {
        let machines = template.state_machines().expect("machines");
        let report =
            validate_template_machine(template, &machines[0], &Options::default()).expect("inline");
        let [warning] = report.diagnostics() else {
            panic!("one warning: {report:?}")
        };
        assert_eq!(warning.code, Code::QuotedPlaceholder);
        warning.hint.clone().unwrap_or_default()
    }

    const WAIT: &str = r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": "${Delay}", "End": true}}}"#;

    fn template(resource_type: &str, property: &str, definition: &str) -> Template {
        Template::from_json(&format!(
            r#"{{"Resources": {{"M": {{"Type": "{resource_type}", "Properties": {{"DefinitionSubstitutions": {{"Delay": 5}}, "{property}": {definition}}}}}}}}}"#
        ))
        .expect("a template")
    }

    #[test]
    fn the_hint_says_how_the_templates_form_deploys_a_number() {
        assert_eq!(
            hint(&template(
                "AWS::Serverless::StateMachine",
                "Definition",
                WAIT
            )),
            "SAM writes an inline `Definition` as JSON text before the `DefinitionSubstitutions` are written in, so `${Delay}` is a string there even as a plain YAML scalar: put the definition in a YAML file named by `DefinitionUri`, with `Seconds: ${Delay}` unquoted"
        );
        assert_eq!(
            hint(&template(
                "AWS::StepFunctions::StateMachine",
                "Definition",
                WAIT
            )),
            "CloudFormation writes a `Definition` as JSON text before the `DefinitionSubstitutions` are written in, so `${Delay}` is a string there even as a plain YAML scalar: write the definition as a `DefinitionString` with the placeholder unquoted in its text (`\"Seconds\": ${Delay}`, or `${!Delay}` inside `!Sub`), or as a YAML file at `DefinitionS3Location` with `Seconds: ${Delay}` unquoted"
        );
        let string = serde_json::to_string(WAIT).expect("a string");
        assert_eq!(
            hint(&template(
                "AWS::StepFunctions::StateMachine",
                "DefinitionString",
                &string
            )),
            "leave out the quotes in the `DefinitionString`'s text (`\"Seconds\": ${Delay}`): the value written in is then read as a number"
        );
    }

    /// A plain YAML scalar in a SAM template's inline `Definition` is a string once SAM
    /// writes the definition as JSON: the hint does not suggest the plain scalar written.
    #[cfg(feature = "yaml")]
    #[test]
    fn a_plain_scalar_in_a_sam_definition_is_pointed_at_a_definition_uri_file() {
        let template = Template::from_yaml(
            "Transform: AWS::Serverless-2016-10-31
Resources:
  M:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions: {Delay: 5}
      Definition:
        StartAt: W
        States:
          W:
            Type: Wait
            Seconds: ${Delay}
            End: true
",
        )
        .expect("a template");
        let hint = hint(&template);
        assert!(hint.contains("`DefinitionUri`"), "{hint}");
        assert!(hint.contains("even as a plain YAML scalar"), "{hint}");
    }
}
