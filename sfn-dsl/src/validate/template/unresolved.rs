//! `unknown-substitution` warnings for the `${Name}`s of a definition's `Fn::Sub`s that
//! CloudFormation cannot resolve (the deployment refuses the template).

use super::text::source_offset;
use super::value_span;
use crate::source::Span;
use crate::template::{InlineDefinition, Template, Text, UnresolvedName};
use crate::validate::Options;
use crate::validate::code::Code;
use crate::validate::diagnostic::{Diagnostic, state_of_pointer};

/// A warning for every `${Name}` of the definition's `Fn::Sub`s that names no variable
/// of the `Fn::Sub`'s map, no parameter, resource or pseudo parameter of the template, at
/// its place in the `Fn::Sub`'s string.
pub(super) fn check(
    template: &Template,
    definition: &InlineDefinition,
    options: &Options,
) -> Vec<Diagnostic> {
    let keys = options.substitutions.as_deref().unwrap_or_default();
    template
        .unresolved_sub_names(definition)
        .into_iter()
        .map(|unresolved| {
            let shown = crate::shorten::shorten(&unresolved.name, 80);
            let mut diagnostic = Diagnostic::new(
                Code::UnknownSubstitution,
                unresolved.pointer.clone(),
                format!(
                    "`${{{shown}}}` in an `Fn::Sub` names no variable of its map and no parameter, resource or pseudo parameter of the template, so CloudFormation refuses the template"
                ),
            );
            let hint = if keys.contains(&unresolved.name) {
                format!(
                    "inside an `Fn::Sub`, `${{{shown}}}` is CloudFormation's, not the `DefinitionSubstitutions` key: write `${{!{shown}}}` for the key"
                )
            } else {
                format!(
                    "add a parameter `{shown}` or a variable to the `Fn::Sub`'s map, or write `${{!{shown}}}` for the literal `${{{shown}}}`"
                )
            };
            diagnostic = diagnostic.with_hint(hint);
            let span = place(template, &unresolved);
            let position = template.line_column(span.start);
            diagnostic.span = Some(span);
            diagnostic.line = Some(position.line);
            diagnostic.column = Some(position.column);
            diagnostic.state = unresolved
                .pointer
                .strip_prefix(definition.pointer())
                .filter(|_| !definition.is_text())
                .and_then(state_of_pointer);
            diagnostic
        })
        .collect()
}

/// Where `${Name}` is in the template: in the `Fn::Sub`'s string, escapes and all.
fn place(template: &Template, unresolved: &UnresolvedName) -> Span {
    let span = value_span(
        template,
        &unresolved.pointer,
        false,
        Some(unresolved.offset),
    );
    let length = unresolved.name.len() + 3;
    let source = template
        .text()
        .get(span.start..span.end)
        .unwrap_or_default();
    // A JSON string with escapes, whose span is all of it.
    if let Text::Json = template.positions()
        && let Some(body) = source
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
        && let Some(start) = source_offset(body, unresolved.offset)
    {
        let end = source_offset(body, unresolved.offset + length).unwrap_or(body.len());
        return Span::new(span.start + 1 + start, span.start + 1 + end);
    }
    // Otherwise the span starts at the placeholder, or holds it (a YAML string the
    // template does not write character for character).
    let placeholder = format!("${{{}}}", unresolved.name);
    source.find(&placeholder).map_or(span, |at| {
        Span::new(span.start + at, span.start + at + length)
    })
}

#[cfg(test)]
mod tests {
    use crate::template::Template;
    use crate::validate::{Code, Diagnostic, Options, validate_template_machine};

    /// The diagnostics of the template's only state machine.
    fn diagnostics(template: &Template) -> Vec<Diagnostic> {
        let machines = template.state_machines().expect("machines");
        validate_template_machine(template, &machines[0], &Options::default())
            .expect("inline")
            .diagnostics()
            .to_vec()
    }

    #[test]
    fn a_name_an_fn_sub_cannot_resolve_is_an_unknown_substitution() {
        // `Greeting` is a `DefinitionSubstitutions` key, which an `Fn::Sub` never reads;
        // `Stage` is a parameter, `Orders` a resource.
        for resource_type in [
            "AWS::StepFunctions::StateMachine",
            "AWS::Serverless::StateMachine",
        ] {
            let text = format!(
                r#"{{"Parameters": {{"Stage": {{"Type": "String"}}}}, "Resources": {{"Orders": {{"Type": "AWS::SNS::Topic"}}, "M": {{"Type": "{resource_type}", "Properties": {{
  "DefinitionSubstitutions": {{"Greeting": "hello"}},
  "Definition": {{"StartAt": "P", "States": {{"P": {{"Type": "Pass",
    "Result": {{"Fn::Sub": "${{Stage}} ${{Orders}} ${{!Greeting}} ${{Greeting}}"}}, "End": true}}}}}}}}}}}}}}"#
            );
            let template = Template::from_json(&text).expect("a template");
            let [warning] = &diagnostics(&template)[..] else {
                panic!("one warning: {:?}", diagnostics(&template))
            };
            assert_eq!(warning.code, Code::UnknownSubstitution);
            assert_eq!(
                warning.pointer,
                "/Resources/M/Properties/Definition/States/P/Result"
            );
            assert_eq!(
                warning.message,
                "`${Greeting}` in an `Fn::Sub` names no variable of its map and no parameter, resource or pseudo parameter of the template, so CloudFormation refuses the template"
            );
            assert_eq!(
                warning.hint.as_deref(),
                Some(
                    "inside an `Fn::Sub`, `${Greeting}` is CloudFormation's, not the `DefinitionSubstitutions` key: write `${!Greeting}` for the key"
                )
            );
            assert_eq!(warning.state.as_deref(), Some("P"));
            let span = warning.span.expect("a span");
            assert_eq!(&text[span.start..span.end], "${Greeting}");
            assert_eq!((warning.line, warning.column), (Some(4), Some(60)));
        }
    }

    #[test]
    fn a_definition_string_sub_and_its_map_are_checked() {
        let template = Template::from_json(
            r#"{"Resources": {"M": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
  "DefinitionString": {"Fn::Sub": ["{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Result\": \"${A} ${B}\", \"End\": true}}}", {"A": "a"}]}}}}}"#,
        )
        .expect("a template");
        let found = diagnostics(&template);
        let [warning] = &found[..] else {
            panic!("one warning: {found:?}")
        };
        assert_eq!(warning.code, Code::UnknownSubstitution);
        assert_eq!(warning.pointer, "/Resources/M/Properties/DefinitionString");
        assert!(warning.message.starts_with("`${B}` in an `Fn::Sub`"));
        assert_eq!(
            warning.hint.as_deref(),
            Some(
                "add a parameter `B` or a variable to the `Fn::Sub`'s map, or write `${!B}` for the literal `${B}`"
            )
        );
        assert_eq!(warning.state, None);
        let span = warning.span.expect("a span");
        assert_eq!(&template.text()[span.start..span.end], "${B}");
    }
}
