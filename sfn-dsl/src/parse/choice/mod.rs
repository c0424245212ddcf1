//! Reading Choice states and their rules.

use std::fmt;

use serde_json::Number;

use self::operator::{OPERATOR_NAMES, OperatorName, operator_name};
use super::Cx;
use super::fields::{Fields, read_string};
use crate::error::ParseIssueKind;
use crate::model::{
    ChoiceRule, ChoiceState, Comparison, Condition, DataTest, JsonPath, Jsonata, JsonataCondition,
    NearMiss, NestedRule, Operand, QueryLanguage, State,
};
use crate::shorten::quoted;
use crate::source::{Member, Node, NodeValue, Pointer};

pub(super) fn choice(
    cx: &mut Cx,
    fields: &mut Fields<'_, '_>,
    what: &dyn fmt::Display,
) -> Option<State> {
    let mark = cx.mark();
    let comment = fields.string(cx, "Comment");
    let query_language = fields.query_language(cx);
    let input_path = fields.nullable_path(cx, "InputPath");
    let output_path = fields.nullable_path(cx, "OutputPath");
    let choices = match fields.take("Choices") {
        None => {
            fields.missing(cx, "Choices", &format_args!("the {what}"));
            None
        }
        Some(node) => {
            let pointer = fields.pointer.key("Choices");
            if let Some(items) = node.as_array() {
                Some(
                    items
                        .iter()
                        .enumerate()
                        .filter_map(|(index, item)| rule(cx, item, &pointer.index(index)))
                        .collect::<Vec<_>>(),
                )
            } else {
                cx.wrong_type(&pointer, node, "an array of Choice rules");
                None
            }
        }
    };
    let default = fields.state_name(cx, "Default");
    let output = fields.payload(cx, "Output");
    let assign = fields.payload_object(cx, "Assign");
    fields.finish(cx, &format_args!("a {what}"));
    if cx.failed_since(mark) {
        return None;
    }
    Some(State::from(ChoiceState {
        comment,
        query_language,
        input_path,
        output_path,
        choices: choices?,
        default,
        output,
        assign,
    }))
}

fn rule(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<ChoiceRule> {
    let what: &dyn fmt::Display = &"a Choice rule";
    let mark = cx.mark();
    let mut fields = Fields::new(cx, node, pointer, "a Choice rule object")?;
    let form = condition(cx, &mut fields, what);
    let assign = fields.payload_object(cx, "Assign");
    let output = fields.payload(cx, "Output");
    let next = fields.required_state_name(cx, "Next", what);
    let comment = fields.string(cx, "Comment");
    fields.finish(cx, what);
    let condition = form.and_then(|form| nested_condition(cx, form, pointer));
    if cx.failed_since(mark) {
        return None;
    }
    Some(ChoiceRule {
        condition: condition?,
        assign,
        output,
        next: next?,
        comment,
    })
}

/// A rule's condition as read from its object: finished, or the nested rules still to read.
/// Nested rules are read after the object's fields are checked and dropped, so that each
/// level of `And`/`Or`/`Not` keeps only a small frame on the stack while the levels below
/// it are read (rules may nest some 250 levels deep).
enum Form<'n> {
    Done(Condition),
    And(Node<'n>),
    Or(Node<'n>),
    Not(Node<'n>),
}

/// Reads the rules a [`Form`] still holds.
fn nested_condition(cx: &mut Cx, form: Form<'_>, pointer: &Pointer<'_>) -> Option<Condition> {
    match form {
        Form::Done(condition) => Some(condition),
        Form::And(node) => rule_list(cx, node, &pointer.key("And")).map(Condition::And),
        Form::Or(node) => rule_list(cx, node, &pointer.key("Or")).map(Condition::Or),
        Form::Not(node) => {
            nested_rule(cx, node, &pointer.key("Not")).map(|rule| Condition::Not(Box::new(rule)))
        }
    }
}

fn nested_rule(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<NestedRule> {
    let mark = cx.mark();
    let (form, comment) = nested_rule_fields(cx, node, pointer)?;
    let condition = form.and_then(|form| nested_condition(cx, form, pointer));
    if cx.failed_since(mark) {
        return None;
    }
    Some(NestedRule {
        condition: condition?,
        comment,
    })
}

/// The fields of a nested rule's object, checked; out of line, so that its [`Fields`] is
/// not on the stack while the rules below are read.
#[inline(never)]
fn nested_rule_fields<'n>(
    cx: &mut Cx,
    node: Node<'n>,
    pointer: &Pointer<'_>,
) -> Option<(Option<Form<'n>>, Option<String>)> {
    let what: &dyn fmt::Display = &"a nested Choice rule (inside `And`, `Or` or `Not`)";
    let mut fields = Fields::new(cx, node, pointer, "a Choice rule object")?;
    let form = condition(cx, &mut fields, what);
    let comment = fields.string(cx, "Comment");
    let next_key = fields
        .remaining()
        .find(|(_, member)| member.key == "Next")
        .map(|(_, member)| member.key_span);
    if let (Some(key_span), Some(_)) = (next_key, fields.take("Next")) {
        cx.report_with_hint(
            ParseIssueKind::UnknownField,
            &pointer.key("Next"),
            key_span,
            "a nested Choice rule cannot have `Next`".to_owned(),
            "only the rules directly in `Choices` transition; move `Next` there".to_owned(),
        );
    }
    fields.finish(cx, what);
    Some((form, comment))
}

fn condition<'n>(
    cx: &mut Cx,
    fields: &mut Fields<'n, '_>,
    what: &dyn fmt::Display,
) -> Option<Form<'n>> {
    let pointer = fields.pointer;
    fields.also_known(OPERATOR_NAMES);
    // Operators are found among the remaining members, as their names vary.
    let operators: Vec<(usize, Member<'_>, OperatorName)> = fields
        .remaining()
        .filter_map(|(index, member)| operator_name(&member.key).map(|name| (index, member, name)))
        .collect();
    for (index, _, _) in &operators {
        fields.mark_used(*index);
    }
    let has_path_form_of_none = path_forms_of_none(cx, fields, what);
    let jsonata = fields.take("Condition");
    let variable = fields.take("Variable");
    let and = fields.take("And");
    let or = fields.take("Or");
    let not = fields.take("Not");

    let forms: Vec<&str> = [
        jsonata.map(|_| "Condition"),
        variable
            .or(operators.first().map(|(_, member, _)| member.value))
            .map(|_| "Variable"),
        and.map(|_| "And"),
        or.map(|_| "Or"),
        not.map(|_| "Not"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if forms.len() > 1 {
        cx.report_with_hint(
            ParseIssueKind::ConflictingFields,
            pointer,
            fields.span,
            format!("{what} combines {}", forms.join(" and ")),
            "a rule is exactly one of: `Condition` (JSONata), `Variable` with one operator, `And`, `Or` or `Not`".to_owned(),
        );
        return None;
    }

    if let Some(node) = jsonata {
        let key_pointer = pointer.key("Condition");
        return match node.value() {
            NodeValue::Bool(value) => Some(Form::Done(Condition::Jsonata(
                JsonataCondition::Literal(value),
            ))),
            NodeValue::String(text) => {
                if let Some(expression) = Jsonata::from_template_string(&text) {
                    Some(Form::Done(Condition::Jsonata(
                        JsonataCondition::Expression(expression),
                    )))
                } else {
                    cx.report_with_hint(
                    ParseIssueKind::WrongType,
                    &key_pointer,
                    node.span(),
                    "`Condition` must be a boolean or a `{% … %}` expression, found a plain string".to_owned(),
                    condition_hint(cx, &text),
                );
                    None
                }
            }
            _ => {
                cx.wrong_type(&key_pointer, node, "a boolean or a `{% … %}` expression");
                None
            }
        };
    }
    if let Some(node) = and {
        return Some(Form::And(node));
    }
    if let Some(node) = or {
        return Some(Form::Or(node));
    }
    if let Some(node) = not {
        return Some(Form::Not(node));
    }
    // The `…Path` name said what is wrong with the operator: the rule is not also
    // missing one.
    if has_path_form_of_none && variable.is_some() && operators.is_empty() {
        return None;
    }
    data_test(cx, fields, variable, &operators, what).map(Form::Done)
}

/// Reports the members named as the `…Path` form of an operator that has none
/// (`StringMatchesPath`, `IsNullPath`), which AWS refuses, and whether there were any.
fn path_forms_of_none(cx: &mut Cx, fields: &mut Fields<'_, '_>, what: &dyn fmt::Display) -> bool {
    let found: Vec<(usize, Member<'_>, &str)> = fields
        .remaining()
        .filter_map(|(index, member)| {
            operator::without_path_form(&member.key).map(|operator| (index, member, operator))
        })
        .collect();
    for (index, member, operator) in &found {
        fields.mark_used(*index);
        cx.report_with_hint(
            ParseIssueKind::UnknownField,
            &fields.pointer.key(&member.key),
            member.key_span,
            format!(
                "`{}` in {what} is not a comparison operator: `{operator}` has no `…Path` form",
                quoted(&member.key)
            ),
            operator::without_path_form_hint(operator),
        );
    }
    !found.is_empty()
}

/// The hint for a `Condition` that is a plain string: how to make it an expression, in a
/// JSONata state; in a JSONPath state an expression would only be refused in turn.
fn condition_hint(cx: &Cx, text: &str) -> String {
    if cx.language != QueryLanguage::Jsonata {
        return "`Condition` needs `\"QueryLanguage\": \"JSONata\"`; a JSONPath rule tests a `Variable` with an operator such as `StringEquals`".to_owned();
    }
    NearMiss::of(text).map_or_else(
        || format!("write `\"{{% {} %}}\"`", quoted(text.trim())),
        NearMiss::hint,
    )
}

fn rule_list(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<Vec<NestedRule>> {
    let Some(items) = node.as_array() else {
        cx.wrong_type(pointer, node, "an array of rules");
        return None;
    };
    let mark = cx.mark();
    let rules: Vec<NestedRule> = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| nested_rule(cx, item, &pointer.index(index)))
        .collect();
    (!cx.failed_since(mark)).then_some(rules)
}

fn data_test(
    cx: &mut Cx,
    fields: &Fields<'_, '_>,
    variable: Option<Node<'_>>,
    operators: &[(usize, Member<'_>, OperatorName)],
    what: &dyn fmt::Display,
) -> Option<Condition> {
    let pointer = fields.pointer;
    let Some(variable) = variable else {
        let message = if operators.is_empty() {
            format!("{what} has no condition")
        } else {
            format!("{what} has a comparison operator but no `Variable`")
        };
        cx.report_with_hint(
            ParseIssueKind::MissingField,
            pointer,
            fields.span,
            message,
            "write `Condition` (JSONata), or `Variable` with one operator such as `StringEquals`, or `And`/`Or`/`Not` (JSONPath)".to_owned(),
        );
        return None;
    };
    let variable = read_string(cx, variable, &pointer.key("Variable"))?;
    let (member, operator) = match operators {
        [(_, member, operator)] => (member, *operator),
        // A misspelt operator (`StringEqual`) is reported as such, with the fix.
        [] if fields.misspells(OPERATOR_NAMES) => return None,
        [] => {
            cx.report_with_hint(
                ParseIssueKind::MissingField,
                pointer,
                fields.span,
                format!("{what} has `Variable` but no comparison operator"),
                "add one operator such as `StringEquals`, `NumericGreaterThan` or `IsPresent`"
                    .to_owned(),
            );
            return None;
        }
        [_, second, ..] => {
            let names: Vec<&str> = operators
                .iter()
                .map(|(_, member, _)| &*member.key)
                .collect();
            cx.report(
                ParseIssueKind::ConflictingFields,
                &pointer.key(&second.1.key),
                second.1.key_span,
                format!(
                    "{what} has several comparison operators ({}); use `And` to combine them",
                    names.join(", ")
                ),
            );
            return None;
        }
    };
    let operand_pointer = pointer.key(&member.key);
    let node = member.value;
    let comparison = match operator {
        OperatorName::String(relation, is_path) => Comparison::String(
            relation,
            string_operand(cx, node, &operand_pointer, is_path)?,
        ),
        OperatorName::StringMatches => {
            Comparison::StringMatches(read_string(cx, node, &operand_pointer)?)
        }
        OperatorName::Timestamp(relation, is_path) => Comparison::Timestamp(
            relation,
            string_operand(cx, node, &operand_pointer, is_path)?,
        ),
        OperatorName::Numeric(relation, is_path) => {
            let operand = if is_path {
                Operand::Path(JsonPath::new(read_string(cx, node, &operand_pointer)?))
            } else {
                Operand::Literal(number(cx, node, &operand_pointer)?)
            };
            Comparison::Numeric(relation, operand)
        }
        OperatorName::Boolean(is_path) => {
            let operand = if is_path {
                Operand::Path(JsonPath::new(read_string(cx, node, &operand_pointer)?))
            } else {
                Operand::Literal(boolean(cx, node, &operand_pointer)?)
            };
            Comparison::Boolean(operand)
        }
        OperatorName::Type(test) => Comparison::Type(test, boolean(cx, node, &operand_pointer)?),
    };
    Some(Condition::Test(DataTest {
        variable: JsonPath::new(variable),
        comparison,
    }))
}

fn string_operand(
    cx: &mut Cx,
    node: Node<'_>,
    pointer: &Pointer<'_>,
    is_path: bool,
) -> Option<Operand<String>> {
    let text = read_string(cx, node, pointer)?;
    Some(if is_path {
        Operand::Path(JsonPath::new(text))
    } else {
        Operand::Literal(text)
    })
}

fn number(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<Number> {
    if let NodeValue::Number(number) = node.value() {
        Some(number)
    } else {
        wrong_operand(cx, node, pointer, "a number");
        None
    }
}

fn boolean(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<bool> {
    if let NodeValue::Bool(value) = node.value() {
        Some(value)
    } else {
        wrong_operand(cx, node, pointer, "a boolean");
        None
    }
}

/// A comparison's operand of the wrong type; a `{% %}` expression there gets the fix, since
/// only a JSONata state reads one, in a rule's `Condition`.
fn wrong_operand(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>, expected: &str) {
    let is_jsonata = node
        .as_str()
        .is_some_and(|text| Jsonata::from_template_string(&text).is_some());
    if is_jsonata {
        let hint = "a JSONPath rule compares with a literal or a `…Path` operand; to compare \
                    with a JSONata expression, set `\"QueryLanguage\": \"JSONata\"` and write the \
                    rule as a `Condition` (`\"Condition\": \"{% $states.input.x = 1 %}\"`)";
        cx.wrong_type_with_hint(pointer, node, expected, hint.to_owned());
    } else {
        cx.wrong_type(pointer, node, expected);
    }
}

mod operator;

#[cfg(test)]
mod tests {
    use crate::validate::{Code, diagnostic_hints, diagnostic_triples};

    /// A JSONPath Choice state whose first rule is `rule`.
    fn with_rule(rule: &str) -> String {
        format!(
            r#"{{"StartAt": "C", "States": {{"C": {{"Type": "Choice", "Choices": [{rule}], "Default": "S"}}, "S": {{"Type": "Succeed"}}}}}}"#
        )
    }

    #[test]
    fn a_jsonata_operand_of_a_jsonpath_comparison_gets_the_fix() {
        let hint = Some("a JSONPath rule compares with a literal or a `…Path` operand; to compare with a JSONata expression, set `\"QueryLanguage\": \"JSONata\"` and write the rule as a `Condition` (`\"Condition\": \"{% $states.input.x = 1 %}\"`)".to_owned());
        for (rule, field) in [
            (
                r#"{"Variable": "$.x", "NumericEquals": "{% 1 %}", "Next": "S"}"#,
                "NumericEquals",
            ),
            (
                r#"{"Variable": "$.x", "BooleanEquals": "{% true %}", "Next": "S"}"#,
                "BooleanEquals",
            ),
        ] {
            assert_eq!(
                diagnostic_hints(&with_rule(rule)),
                [(
                    Code::WrongType,
                    format!("/States/C/Choices/0/{field}"),
                    hint.clone()
                )]
            );
        }
        // Any other string is only of the wrong type.
        let text = with_rule(r#"{"Variable": "$.x", "NumericEquals": "1", "Next": "S"}"#);
        assert_eq!(
            diagnostic_hints(&text),
            [(
                Code::WrongType,
                "/States/C/Choices/0/NumericEquals".to_owned(),
                None
            )]
        );
    }

    #[test]
    fn a_path_form_of_an_operator_that_has_none_is_one_error_with_the_fix() {
        let text = with_rule(r#"{"Variable": "$.x", "StringMatchesPath": "$.y", "Next": "S"}"#);
        assert_eq!(
            diagnostic_triples(&text),
            [(
                Code::UnknownField,
                "/States/C/Choices/0/StringMatchesPath".to_owned(),
                "`StringMatchesPath` in a Choice rule is not a comparison operator: `StringMatches` has no `…Path` form".to_owned()
            )]
        );
        assert_eq!(
            diagnostic_hints(&text),
            [(
                Code::UnknownField,
                "/States/C/Choices/0/StringMatchesPath".to_owned(),
                Some("`StringMatches` compares with a literal pattern only: write `\"StringMatches\": \"log-*.txt\"`, or `StringEqualsPath` to compare with a value of the input".to_owned())
            )]
        );
        // The type tests, in a nested rule too.
        let text = with_rule(
            r#"{"And": [{"Variable": "$.x", "IsNullPath": "$.y"}, {"Variable": "$.z", "IsPresent": true}], "Next": "S"}"#,
        );
        assert_eq!(
            diagnostic_hints(&text),
            [(
                Code::UnknownField,
                "/States/C/Choices/0/And/0/IsNullPath".to_owned(),
                Some(
                    "`IsNull` tests the `Variable` itself and takes `true` or `false`: write `\"IsNull\": true`"
                        .to_owned()
                )
            )]
        );
        // Beside a real operator, it is the stray field it is; the rule has its operator.
        let text = with_rule(
            r#"{"Variable": "$.x", "IsStringPath": "$.y", "IsString": true, "Next": "S"}"#,
        );
        let codes: Vec<Code> = diagnostic_hints(&text)
            .into_iter()
            .map(|(code, _, _)| code)
            .collect();
        assert_eq!(codes, [Code::UnknownField]);
    }
}
