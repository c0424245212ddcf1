//! The error of a deployment that refuses a machine's `DefinitionSubstitutions`, placed at
//! the values in the template.

use std::collections::HashMap;

use super::write::{Language, Refusal, json_string_body};
use super::{Value, replace};
use crate::source::escape_pointer_segment;
use crate::template::{Template, TemplateStateMachine};
use crate::{ParseError, ParseIssue, ParseIssueKind};

impl Template {
    /// A `Substitution` problem at the value of `key` (or, without one, at the
    /// machine's `DefinitionSubstitutions`), placed in the template.
    pub(super) fn substitution_issue(
        &self,
        machine: &TemplateStateMachine,
        key: Option<&str>,
        message: String,
    ) -> ParseIssue {
        let mut pointer = format!(
            "/Resources/{}/Properties/DefinitionSubstitutions",
            escape_pointer_segment(&machine.logical_id)
        );
        if let Some(key) = key {
            pointer.push('/');
            pointer.push_str(&escape_pointer_segment(key));
        }
        let span = self.nearest(&pointer);
        let position = self.line_column(span.start);
        let mut issue = ParseIssue::new(ParseIssueKind::Substitution, pointer, span, message);
        issue.line = position.line;
        issue.column = position.column;
        issue
    }

    /// The error of a deployment that refuses the machine's substitutions `values`.
    pub(super) fn refused(
        &self,
        machine: &TemplateStateMachine,
        values: &HashMap<String, Value>,
        refusal: Refusal,
    ) -> ParseError {
        let issue = match refusal {
            Refusal::Definition(error) => return error,
            Refusal::Unreadable {
                key,
                place,
                language,
                reason,
            } => self.unreadable(machine, &key, values, &place, language, &reason),
            Refusal::Cycle(keys) => {
                let first = keys.first().map(String::as_str).unwrap_or_default();
                self.substitution_issue(machine, Some(first), cycle_message(&keys))
            }
            Refusal::TooLong => self.substitution_issue(
                machine,
                None,
                format!(
                    "with the `DefinitionSubstitutions` written in, and written into again until nothing changes, the definition grows longer than the {} characters Step Functions accepts",
                    replace::MAX_LENGTH
                ),
            ),
        };
        ParseError::new(vec![issue])
    }

    /// The problem of the value of `key`, which makes the definition's text in `language`
    /// unreadable where it is written in (`place`), as its reader says (`reason`).
    fn unreadable(
        &self,
        machine: &TemplateStateMachine,
        key: &str,
        values: &HashMap<String, Value>,
        place: &str,
        language: Language,
        reason: &str,
    ) -> ParseIssue {
        let value = values.get(key).map(Value::text).unwrap_or_default();
        let issue = self.substitution_issue(
            machine,
            Some(key),
            format!(
                "written into the definition's {language} text at {place}, the value of `{}` (`{}`) makes it invalid {language} ({reason}), so the deployment would refuse the machine: it writes the value's text as it is, and reads the text after",
                shown(key),
                shown(&value),
            ),
        );
        let escaped = json_string_body(&value);
        if language == Language::Json && escaped != value {
            // The text the value must be, and how a template keeps a backslash in it (a
            // double-quoted YAML scalar reads `\n` as a line break again).
            issue.with_hint(format!(
                "inside a JSON string the value's text must be JSON-escaped, `{}`: in a YAML template write that single-quoted, in a JSON template with each `\\` doubled",
                shown(&escaped)
            ))
        } else {
            issue
        }
    }
}

/// What is wrong with `keys`, whose values name each other in this order.
fn cycle_message(keys: &[String]) -> String {
    let named: Vec<String> = keys.iter().map(|key| format!("`{}`", shown(key))).collect();
    let what = match (keys, named.first()) {
        ([one], Some(named)) => format!(
            "the `DefinitionSubstitutions` value of {named} holds `${{{}}}` itself",
            shown(one)
        ),
        (_, first) => format!(
            "the `DefinitionSubstitutions` values of {} name each other in a cycle ({} -> {})",
            named.join(", "),
            named.join(" -> "),
            first.map(String::as_str).unwrap_or_default()
        ),
    };
    format!(
        "{what}, so writing them in, which the deployment repeats until nothing changes, never settles: the deployment fails, or with some versions of the library AWS's provider uses writes them in a few times over"
    )
}

/// `text`, shortened for a message.
fn shown(text: &str) -> String {
    crate::shorten::shorten(text, 80).into_owned()
}
