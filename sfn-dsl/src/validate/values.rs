//! Shared checks of literal values: numeric ranges, keywords and placeholders.

use serde_json::Number;

use super::code::Code;
use super::cx::{At, Cx};
use crate::model::Placeholder;
use crate::source::Pointer;
use crate::suggest::closest;

pub(super) use crate::limits::MAX_SECONDS;

/// Whether `text` holds a deployment substitution (`${Name}`) that SAM, CloudFormation or
/// Terraform replaces before AWS sees the definition.
pub(crate) fn is_substituted(text: &str) -> bool {
    // A byte scan: `str::find` with a string pattern sets up a searcher on every call,
    // which costs more than scanning the short texts checked here.
    text.as_bytes()
        .windows(2)
        .position(|pair| pair == b"${")
        .is_some_and(|start| text.get(start + 2..).is_some_and(|rest| rest.contains('}')))
}

/// `text` as quoted in a message: whole when short, else cut (a generated definition may
/// hold a path or expression of megabytes).
pub(super) fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    crate::shorten::quoted(text)
}

/// Reports an integer outside `min..=max`; returns whether it is inside.
pub(super) fn unsigned_in_range(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    field: &str,
    value: u64,
    (min, max): (u64, u64),
) -> bool {
    let inside = (min..=max).contains(&value);
    if !inside {
        cx.push(at.diagnostic(
            Code::OutOfRange,
            pointer,
            format!(
                "`{field}` of {} must be {}, found {value}",
                what(at),
                bounds(min, max, max == u64::MAX)
            ),
        ));
    }
    inside
}

/// "between `min` and `max`", or "at least `min`" when there is no upper bound.
fn bounds(min: impl std::fmt::Display, max: impl std::fmt::Display, unbounded: bool) -> String {
    if unbounded {
        format!("at least {min}")
    } else {
        format!("between {min} and {max}")
    }
}

/// Reports a number outside `min..=max`; returns whether it is inside.
pub(super) fn number_in_range(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    field: &str,
    value: &Number,
    (min, max): (f64, f64),
) -> bool {
    let Some(float) = value.as_f64() else {
        return true;
    };
    let inside = (min..=max).contains(&float);
    if !inside {
        cx.push(at.diagnostic(
            Code::OutOfRange,
            pointer,
            format!(
                "`{field}` of {} must be {}, found {value}",
                what(at),
                bounds(min, max, max >= f64::MAX)
            ),
        ));
    }
    inside
}

/// Reports an unknown keyword unless it is a deployment placeholder.
pub(super) fn keyword(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    field: &str,
    value: &str,
    known: &[&str],
) {
    if known.contains(&value) || is_substituted(value) {
        return;
    }
    let mut diagnostic = at.diagnostic(
        Code::UnknownKeyword,
        pointer,
        format!(
            "`{field}` of {} must be one of {}, found `{value}`",
            what(at),
            known
                .iter()
                .map(|known| format!("`{known}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    if let Some(suggestion) = closest(value, known.iter().copied()) {
        diagnostic = diagnostic.with_hint(format!("did you mean `{suggestion}`?"));
    }
    cx.push(diagnostic);
}

/// The words "state `Name`", for messages.
pub(super) fn what(at: &At<'_>) -> String {
    format!("state `{}`", at.name)
}

/// Whether a placeholder is only test scaffolding (`__tbd__`), which no deployment tool
/// replaces.
pub(super) fn is_scaffolding(placeholder: &Placeholder) -> bool {
    !is_substituted(placeholder.as_str())
}

/// Reports a deployment placeholder standing where a number belongs (`field` names the
/// field for messages, as "`Seconds` of state `Wait`"): test scaffolding that no tool
/// replaces and pseudo parameters that are never numbers are errors; a `${Name}` is a
/// `quoted-placeholder` warning, since in JSON it is a string, and stays one after the
/// deployment replaces its text. A YAML plain scalar (`Seconds: ${Delay}`) is not quoted:
/// YAML validation drops the warning there.
pub(super) fn numeric_placeholder(
    cx: &mut Cx<'_>,
    diagnostic: impl Fn(Code, String) -> super::diagnostic::Diagnostic,
    field: &str,
    placeholder: &Placeholder,
) {
    let text = placeholder.as_str();
    if is_scaffolding(placeholder) {
        cx.push(diagnostic(
            Code::WrongType,
            format!("{field} holds the unfilled test placeholder `{text}`"),
        ));
    } else if let Some(pseudo) = placeholder
        .substitutions()
        .find(|name| name.starts_with("AWS::"))
    {
        cx.push(
            diagnostic(
                Code::WrongType,
                format!(
                    "{field} must be a number, but holds the pseudo parameter `${{{pseudo}}}`, which is never one"
                ),
            )
            .with_hint("use a `${Name}` substitution, or a parameter of type `Number`"),
        );
    } else {
        cx.push(
            diagnostic(
                Code::QuotedPlaceholder,
                format!(
                    "{field} must be a number, but holds the string `\"{}\"`: the deployment replaces only its text, so AWS gets a string such as `\"30\"` and refuses it",
                    shorten(text)
                ),
            )
            .with_hint(
                "write the definition as YAML with the placeholder as a plain scalar (`Seconds: ${Delay}`, as the build Generator's `.with_yaml()` writes it), or, in a template's `DefinitionString`, leave out the quotes (`\"Seconds\": ${Delay}`)",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Code, Options, diagnostic_triples, validate_with};
    use crate::StateMachine;

    fn wait(seconds: &str) -> String {
        format!(
            r#"{{"StartAt": "W", "States": {{"W": {{"Type": "Wait", "Seconds": {seconds}, "End": true}}}}}}"#
        )
    }

    fn codes(text: &str) -> Vec<(Code, String)> {
        diagnostic_triples(text)
            .into_iter()
            .map(|(code, pointer, _)| (code, pointer))
            .collect()
    }

    #[test]
    fn a_quoted_placeholder_where_a_number_belongs_is_a_warning() {
        let found = diagnostic_triples(&wait(r#""${Delay}""#));
        assert_eq!(
            found,
            [(
                Code::QuotedPlaceholder,
                "/States/W/Seconds".to_owned(),
                "`Seconds` of state `W` must be a number, but holds the string `\"${Delay}\"`: the deployment replaces only its text, so AWS gets a string such as `\"30\"` and refuses it".to_owned()
            )]
        );
        let top = r#"{"TimeoutSeconds": "${Timeout}", "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#;
        assert_eq!(
            codes(top),
            [(Code::QuotedPlaceholder, "/TimeoutSeconds".to_owned())]
        );
        let map = r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": "${Width}",
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}"#;
        assert_eq!(
            codes(map),
            [(
                Code::QuotedPlaceholder,
                "/States/M/MaxConcurrency".to_owned()
            )]
        );
    }

    #[test]
    fn placeholders_in_strings_are_not_quoted_placeholders() {
        let text = r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "${At}", "Next": "F"},
            "F": {"Type": "Fail", "Error": "${Error}", "Cause": "${Cause}"}}}"#;
        assert_eq!(codes(text), []);
    }

    #[test]
    fn a_pseudo_parameter_is_never_a_number() {
        let found = diagnostic_triples(&wait(r#""${AWS::Region}""#));
        assert_eq!(
            found,
            [(
                Code::WrongType,
                "/States/W/Seconds".to_owned(),
                "`Seconds` of state `W` must be a number, but holds the pseudo parameter `${AWS::Region}`, which is never one".to_owned()
            )]
        );
        let top = r#"{"TimeoutSeconds": "${AWS::AccountId}", "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#;
        assert_eq!(
            codes(top),
            [(Code::WrongType, "/TimeoutSeconds".to_owned())]
        );
    }

    #[test]
    fn scaffolding_stays_an_unfilled_test_placeholder() {
        let found = diagnostic_triples(&wait(r#""__tbd__""#));
        assert_eq!(
            found,
            [(
                Code::WrongType,
                "/States/W/Seconds".to_owned(),
                "`Seconds` of state `W` holds the unfilled test placeholder `__tbd__`".to_owned()
            )]
        );
    }

    #[cfg(feature = "yaml")]
    #[test]
    fn a_plain_yaml_placeholder_is_a_number_once_substituted() {
        use super::super::validate_yaml_str;
        let yaml = |seconds: &str| {
            format!(
                "StartAt: W\nStates:\n  W:\n    Type: Wait\n    Seconds: {seconds}\n    End: true\n"
            )
        };
        assert!(validate_yaml_str(&yaml("${Delay}")).is_clean());
        for quoted in [r#""${Delay}""#, "'${Delay}'", "!!str ${Delay}"] {
            let report = validate_yaml_str(&yaml(quoted));
            let codes: Vec<_> = report
                .diagnostics()
                .iter()
                .map(|d| (d.code, d.line))
                .collect();
            assert_eq!(codes, [(Code::QuotedPlaceholder, Some(5))], "{quoted}");
        }
    }

    #[test]
    fn substitutions_are_checked_for_a_machine_too() {
        let machine = StateMachine::from_json(
            r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "${ChargeFunctionArn}",
                "Parameters": {"Table": "${OrdersTable}", "Region": "${AWS::Region}"}, "End": true}}}"#,
        )
        .expect("a definition");
        let options = Options::new().substitutions(["ChargeFunctionARN", "OrdersTable"]);
        let report = validate_with(&machine, &options);
        let found: Vec<_> = report
            .diagnostics()
            .iter()
            .map(|d| (d.code, d.pointer.as_str(), d.hint.as_deref(), d.line))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Code::UnknownSubstitution,
                    "/States/T/Resource",
                    Some("did you mean `${ChargeFunctionARN}`?"),
                    None
                ),
                // A pseudo parameter too: the deployment fills it in only inside `Fn::Sub`.
                (
                    Code::UnknownSubstitution,
                    "/States/T/Parameters/Region",
                    Some(
                        "the deployment fills in `${AWS::Region}` only inside an `Fn::Sub`: add `Region: !Ref AWS::Region` to the `DefinitionSubstitutions` and write `${Region}`, or build the definition with `Fn::Sub`"
                    ),
                    None
                ),
            ]
        );
        let allowed = options.allow(Code::UnknownSubstitution);
        assert!(validate_with(&machine, &allowed).is_clean());
    }
}
