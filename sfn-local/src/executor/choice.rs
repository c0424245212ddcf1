//! The Choice state and its rules.

use std::cmp::Ordering;

use serde_json::Value;
use sfn_dsl::model::{
    ChoiceRule, ChoiceState, Comparison, Condition, DataTest, JsonataCondition, Operand, Relation,
    TypeTest,
};

use super::eval::{self, Scope, States};
use super::failure::Failure;
use super::pipeline::{assign_jsonpath, filter, filter_owned};
use super::step::{Env, Step};
use crate::time::Timestamp;

/// Runs a Choice state.
pub(crate) fn run<'m>(
    env: &Env<'_, 'm>,
    state: &'m ChoiceState,
    input: &Value,
) -> Result<Step<'m>, Failure> {
    let context = env.context(None, None);
    if env.is_jsonata() {
        return run_jsonata(env, state, input, &context);
    }
    let effective = filter(env, input, state.input_path.as_ref(), &context)?;
    env.stage(|stages| stages.after_input_path = Some(effective.clone().into_owned()));
    let scope = env.scope(&effective, &context);
    let mut matched = None;
    for rule in &state.choices {
        if holds(&rule.condition, &scope)? {
            matched = Some(rule);
            break;
        }
    }
    let (next, assign) = match matched {
        Some(rule) => (&rule.next, rule.assign.as_ref()),
        None => match &state.default {
            Some(default) => (default, state.assign.as_ref()),
            None => return Err(no_match()),
        },
    };
    let assigned = assign_jsonpath(env, assign, &effective, &context)?;
    let output = filter_owned(
        env,
        effective.into_owned(),
        state.output_path.as_ref(),
        &context,
    )?;
    Ok(Step {
        output,
        next: Some(next),
        assigned,
    })
}

fn no_match() -> Failure {
    Failure::runtime("No Choice rule matched and there is no Default state")
}

fn run_jsonata<'m>(
    env: &Env<'_, 'm>,
    state: &'m ChoiceState,
    input: &Value,
    context: &Value,
) -> Result<Step<'m>, Failure> {
    let states = States::new(input, context, env.tools());
    let mut matched: Option<(usize, &ChoiceRule)> = None;
    for (index, rule) in state.choices.iter().enumerate() {
        if condition_jsonata(env, &rule.condition, &states, index)? {
            matched = Some((index, rule));
            break;
        }
    }
    // A rule's `Assign` and `Output` are named as the rule's in errors (`Choices/0/Assign/x`),
    // as its `Condition` is: the state may have its own of the same names.
    let (next, assign, output, at) = match matched {
        Some((index, rule)) => (
            &rule.next,
            rule.assign.as_ref(),
            rule.output.as_ref(),
            format!("Choices/{index}/"),
        ),
        None => match &state.default {
            Some(default) => (
                default,
                state.assign.as_ref(),
                state.output.as_ref(),
                String::new(),
            ),
            None => return Err(no_match()),
        },
    };
    let assigned = assign
        .map(|assign| eval::assign_jsonata(assign, &states, env.variables, &at))
        .transpose()?;
    let output = match output {
        None => input.clone(),
        Some(output) => {
            eval::jsonata_payload(output, &states, env.variables, &format!("{at}Output"))?
        }
    };
    Ok(Step {
        output,
        next: Some(next),
        assigned,
    })
}

fn condition_jsonata(
    env: &Env<'_, '_>,
    condition: &Condition,
    states: &States<'_>,
    index: usize,
) -> Result<bool, Failure> {
    match condition {
        Condition::Jsonata(JsonataCondition::Literal(value)) => Ok(*value),
        Condition::Jsonata(JsonataCondition::Expression(expression)) => {
            let location = format!("Choices/{index}/Condition");
            match eval::jsonata(expression, states, env.variables, &location)? {
                Value::Bool(value) => Ok(value),
                other => Err(Failure::query(
                    Some(location.clone()),
                    format!(
                        "The JSONata expression '{}' specified for the field '{location}' returned an unexpected result type. Expected 'boolean', but was '{}' for value: {other}",
                        expression.trimmed(),
                        type_name(&other)
                    ),
                )),
            }
        }
        // A JSONPath-style rule in a JSONata state: evaluate it as JSONPath.
        other => holds(other, &env.scope(states.input, states.context)),
    }
}

/// The JSON type name AWS uses in messages.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Whether a JSONPath condition holds; `And` and `Or` short-circuit.
fn holds(condition: &Condition, scope: &Scope<'_>) -> Result<bool, Failure> {
    match condition {
        Condition::Test(test) => test_holds(test, scope),
        Condition::And(rules) => {
            for rule in rules {
                if !holds(&rule.condition, scope)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Condition::Or(rules) => {
            for rule in rules {
                if holds(&rule.condition, scope)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Condition::Not(rule) => Ok(!holds(&rule.condition, scope)?),
        Condition::Jsonata(JsonataCondition::Literal(value)) => Ok(*value),
        Condition::Jsonata(JsonataCondition::Expression(_)) => Err(Failure::runtime(
            "a JSONata Condition cannot be evaluated in a JSONPath state",
        )),
    }
}

fn test_holds(test: &DataTest, scope: &Scope<'_>) -> Result<bool, Failure> {
    let path = test.variable.as_str();
    if let Comparison::Type(TypeTest::IsPresent, expected) = &test.comparison {
        let present = eval::select_optional(path, scope)?.is_some();
        return Ok(present == *expected);
    }
    let value = eval::select(path, scope)?;
    Ok(match &test.comparison {
        Comparison::Type(kind, expected) => type_test(*kind, &value) == *expected,
        Comparison::String(relation, operand) => {
            match (value.as_str(), operand_value(operand, scope)?) {
                (Some(left), Some(Value::String(right))) => {
                    relation_holds(*relation, left.cmp(right.as_str()))
                }
                _ => false,
            }
        }
        Comparison::StringMatches(pattern) => value
            .as_str()
            .is_some_and(|text| string_matches(text, pattern)),
        Comparison::Numeric(relation, operand) => {
            match (value.as_f64(), operand_value(operand, scope)?) {
                (Some(left), Some(right)) => right
                    .as_f64()
                    .and_then(|right| left.partial_cmp(&right))
                    .is_some_and(|ordering| relation_holds(*relation, ordering)),
                _ => false,
            }
        }
        Comparison::Boolean(operand) => match (value.as_bool(), operand_value(operand, scope)?) {
            (Some(left), Some(Value::Bool(right))) => left == right,
            _ => false,
        },
        Comparison::Timestamp(relation, operand) => {
            let left = value.as_str().and_then(Timestamp::parse_rfc3339);
            let right = operand_value(operand, scope)?
                .and_then(|right| right.as_str().and_then(Timestamp::parse_rfc3339));
            match (left, right) {
                (Some(left), Some(right)) => relation_holds(*relation, left.cmp(&right)),
                _ => false,
            }
        }
    })
}

/// The operand's value: the literal, or what its path selects.
fn operand_value<T: Clone + Into<Value>>(
    operand: &Operand<T>,
    scope: &Scope<'_>,
) -> Result<Option<Value>, Failure> {
    match operand {
        Operand::Literal(value) => Ok(Some(value.clone().into())),
        Operand::Path(path) => eval::select(path.as_str(), scope).map(Some),
    }
}

fn relation_holds(relation: Relation, ordering: Ordering) -> bool {
    match relation {
        Relation::Equals => ordering == Ordering::Equal,
        Relation::LessThan => ordering == Ordering::Less,
        Relation::GreaterThan => ordering == Ordering::Greater,
        Relation::LessThanEquals => ordering != Ordering::Greater,
        Relation::GreaterThanEquals => ordering != Ordering::Less,
    }
}

fn type_test(kind: TypeTest, value: &Value) -> bool {
    match kind {
        TypeTest::IsNull => value.is_null(),
        TypeTest::IsPresent => true,
        TypeTest::IsNumeric => value.is_number(),
        TypeTest::IsString => value.is_string(),
        TypeTest::IsBoolean => value.is_boolean(),
        TypeTest::IsTimestamp => value
            .as_str()
            .is_some_and(|text| Timestamp::parse_rfc3339(text).is_some()),
    }
}

/// `StringMatches`: `*` matches any run of characters, `\*` and `\\` are literals, and
/// the whole string must match.
pub(crate) fn string_matches(text: &str, pattern: &str) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Token {
        Char(char),
        Star,
    }
    let mut tokens = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(escaped) => tokens.push(Token::Char(escaped)),
                None => tokens.push(Token::Char('\\')),
            },
            '*' => tokens.push(Token::Star),
            other => tokens.push(Token::Char(other)),
        }
    }
    let text: Vec<char> = text.chars().collect();
    // Classic wildcard matching with backtracking to the last star.
    let (mut t, mut p) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match tokens.get(p) {
            Some(Token::Char(c)) if *c == text[t] => {
                t += 1;
                p += 1;
            }
            Some(Token::Star) => {
                star = Some((p, t));
                p += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    tokens[p..].iter().all(|token| *token == Token::Star)
}

#[cfg(test)]
mod tests {
    use super::string_matches;

    #[test]
    fn string_matches_follows_the_spec_examples() {
        assert!(string_matches("foo23.log", "foo*.log"));
        assert!(string_matches("zebra.log", "*.log"));
        assert!(string_matches("foobar.zebra", "foo*.*"));
        assert!(!string_matches("foo.txt", "*.log"));
        assert!(string_matches("a*b", "a\\*b"));
        assert!(!string_matches("axb", "a\\*b"));
        assert!(string_matches("a\\b", "a\\\\b"));
        assert!(string_matches("", "*"));
        assert!(!string_matches("", "a"));
        assert!(string_matches("abcabc", "*abc"));
    }
}
