//! The Choice state and its rules (ASL reference §4).

use super::code::Code;
use super::cx::{At, Cx};
use super::fields::{self, report_field_at};
use super::payload::{self, Role};
use super::state::io_paths;
use super::syntax::{self, PathKind};
use super::timestamp;
use crate::model::{ChoiceState, Comparison, Condition, JsonataCondition, NestedRule, Operand};
use crate::source::Pointer;

pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, choice: &ChoiceState) {
    io_paths(
        cx,
        at,
        choice.input_path.as_ref(),
        None,
        choice.output_path.as_ref(),
    );
    payload::check_opt(cx, at, "Output", choice.output.as_ref(), Role::Expression);
    let choices = at.pointer.key("Choices");
    if choice.choices.is_empty() {
        cx.push(at.diagnostic(
            Code::EmptyArray,
            &choices,
            format!("`Choices` of Choice state `{}` is empty", at.name),
        ));
    }
    for (index, rule) in choice.choices.iter().enumerate() {
        let rule_pointer = choices.index(index);
        condition(cx, at, &rule_pointer, &rule.condition);
        if let Some(output) = &rule.output {
            if at.is_jsonata() {
                payload::check(
                    cx,
                    at,
                    &rule_pointer.key("Output"),
                    output,
                    Role::Expression,
                );
            } else {
                report_field_at(
                    cx,
                    at,
                    &rule_pointer.key("Output"),
                    "Output",
                    "a Choice rule passes its input on; shape it with `OutputPath`",
                );
            }
        }
    }
    if choice.default.is_none() && !choice.choices.is_empty() {
        cx.push(
            at.diagnostic(
                Code::MissingDefault,
                at.pointer,
                format!(
                    "Choice state `{}` has no `Default`: when no rule matches, the execution fails with `States.Runtime`",
                    at.name
                ),
            )
            .with_hint("add `Default` naming the state to go to otherwise"),
        );
    }
}

fn condition(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, condition: &Condition) {
    match condition {
        Condition::Jsonata(jsonata) => {
            if !at.is_jsonata() {
                report_field_at(
                    cx,
                    at,
                    &pointer.key("Condition"),
                    "Condition",
                    "write `Variable` with a comparison operator, or `And`/`Or`/`Not`",
                );
            } else if let JsonataCondition::Expression(expression) = jsonata {
                syntax::jsonata(cx, at, &pointer.key("Condition"), expression);
            }
        }
        Condition::Test(test) => {
            if at.is_jsonata() {
                report_field_at(
                    cx,
                    at,
                    &pointer.key("Variable"),
                    "Variable",
                    "write `\"Condition\": \"{% … %}\"`",
                );
                return;
            }
            syntax::path(
                cx,
                at,
                &pointer.key("Variable"),
                test.variable.as_str(),
                PathKind::Reference,
            );
            comparison(cx, at, pointer, &test.comparison);
        }
        Condition::And(rules) | Condition::Or(rules) => {
            let key = if matches!(condition, Condition::And(_)) {
                "And"
            } else {
                "Or"
            };
            let list = pointer.key(key);
            if at.is_jsonata() {
                report_field_at(
                    cx,
                    at,
                    &list,
                    key,
                    "combine tests inside `Condition` with `and`/`or`",
                );
                return;
            }
            if rules.is_empty() {
                cx.push(at.diagnostic(
                    Code::EmptyArray,
                    &list,
                    format!("`{key}` of a rule of Choice state `{}` is empty", at.name),
                ));
            }
            for (index, rule) in rules.iter().enumerate() {
                nested(cx, at, &list.index(index), rule);
            }
        }
        Condition::Not(rule) => {
            let nested_pointer = pointer.key("Not");
            if at.is_jsonata() {
                report_field_at(
                    cx,
                    at,
                    &nested_pointer,
                    "Not",
                    "negate inside `Condition` with `$not(…)`",
                );
                return;
            }
            nested(cx, at, &nested_pointer, rule);
        }
    }
}

fn nested(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, rule: &NestedRule) {
    condition(cx, at, pointer, &rule.condition);
}

fn comparison(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, comparison: &Comparison) {
    let operator = comparison.operator_name();
    let operand_pointer = pointer.key(&operator);
    match comparison {
        Comparison::String(_, operand) | Comparison::Timestamp(_, operand) => match operand {
            Operand::Path(path) => {
                syntax::path(cx, at, &operand_pointer, path.as_str(), PathKind::Reference);
            }
            Operand::Literal(text) if matches!(comparison, Comparison::Timestamp(..)) => {
                if fields::is_jsonata_in_jsonpath(at, text) {
                    // Meant as JSONata, which a JSONPath rule does not evaluate.
                    cx.push(fields::jsonata_in_jsonpath_field(
                        at,
                        &operand_pointer,
                        &at.field_path(&operand_pointer),
                        format!(
                            "use `{operator}Path` with a reference path, or set `\"QueryLanguage\": \"JSONata\"` on the state and write the rule as a `Condition`"
                        ),
                    ));
                } else {
                    timestamp::check(cx, at, &operand_pointer, text);
                }
            }
            Operand::Literal(_) => {}
        },
        Comparison::Numeric(_, Operand::Path(path)) | Comparison::Boolean(Operand::Path(path)) => {
            syntax::path(cx, at, &operand_pointer, path.as_str(), PathKind::Reference);
        }
        Comparison::StringMatches(pattern) => string_matches(cx, at, &operand_pointer, pattern),
        Comparison::Numeric(_, Operand::Literal(_))
        | Comparison::Boolean(Operand::Literal(_))
        | Comparison::Type(..) => {}
    }
}

/// A backslash must escape `*` or another backslash.
fn string_matches(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, pattern: &str) {
    if let Some(found) = invalid_escape(pattern) {
        cx.push(
            at.diagnostic(
                Code::InvalidPattern,
                pointer,
                format!(
                    "the `StringMatches` pattern `{pattern}` of state `{}` has a backslash followed by {found}",
                    at.name
                ),
            )
            .with_hint("only `\\*` (a literal star) and `\\\\` (a literal backslash) are escapes"),
        );
    }
}

/// What follows the first backslash of a `StringMatches` pattern that escapes neither `*`
/// nor a backslash: a quoted character, or `the end of the pattern`.
pub(crate) fn invalid_escape(pattern: &str) -> Option<String> {
    let mut characters = pattern.chars();
    while let Some(character) = characters.next() {
        if character != '\\' {
            continue;
        }
        match characters.next() {
            Some('*' | '\\') => {}
            other => {
                return Some(other.map_or_else(
                    || "the end of the pattern".to_owned(),
                    |next| format!("`{next}`"),
                ));
            }
        }
    }
    None
}
