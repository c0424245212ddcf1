//! Short labels for Choice conditions.

use crate::model::{Comparison, Condition, JsonataCondition, Operand, Relation};

/// The longest label, in characters, before it is cut with `…`.
const MAX_LABEL: usize = 48;

/// A one-line description of a Choice condition, such as `$.total > 100`.
pub(super) fn condition(condition: &Condition) -> String {
    shorten(&describe(condition))
}

fn describe(condition: &Condition) -> String {
    match condition {
        Condition::Jsonata(JsonataCondition::Literal(value)) => value.to_string(),
        Condition::Jsonata(JsonataCondition::Expression(expression)) => {
            expression.trimmed().to_owned()
        }
        Condition::Test(test) => {
            let variable = test.variable.as_str();
            match &test.comparison {
                Comparison::String(relation, operand)
                | Comparison::Timestamp(relation, operand) => {
                    let value = match operand {
                        Operand::Literal(literal) => format!("'{literal}'"),
                        Operand::Path(path) => path.to_string(),
                    };
                    format!("{variable} {} {value}", symbol(*relation))
                }
                Comparison::Numeric(relation, operand) => {
                    let value = match operand {
                        Operand::Literal(number) => number.to_string(),
                        Operand::Path(path) => path.to_string(),
                    };
                    format!("{variable} {} {value}", symbol(*relation))
                }
                Comparison::Boolean(operand) => {
                    let value = match operand {
                        Operand::Literal(value) => value.to_string(),
                        Operand::Path(path) => path.to_string(),
                    };
                    format!("{variable} == {value}")
                }
                Comparison::StringMatches(pattern) => format!("{variable} matches '{pattern}'"),
                Comparison::Type(test, expected) => {
                    let what = test.as_str().trim_start_matches("Is").to_lowercase();
                    if *expected {
                        format!("{variable} is {what}")
                    } else {
                        format!("{variable} is not {what}")
                    }
                }
            }
        }
        Condition::And(rules) | Condition::Or(rules) => {
            let joiner = if matches!(condition, Condition::And(_)) {
                " and "
            } else {
                " or "
            };
            rules
                .iter()
                .map(|rule| {
                    let inner = describe(&rule.condition);
                    if matches!(rule.condition, Condition::And(_) | Condition::Or(_)) {
                        format!("({inner})")
                    } else {
                        inner
                    }
                })
                .collect::<Vec<_>>()
                .join(joiner)
        }
        Condition::Not(rule) => format!("not ({})", describe(&rule.condition)),
    }
}

fn symbol(relation: Relation) -> &'static str {
    match relation {
        Relation::Equals => "==",
        Relation::LessThan => "<",
        Relation::GreaterThan => ">",
        Relation::LessThanEquals => "<=",
        Relation::GreaterThanEquals => ">=",
    }
}

fn shorten(text: &str) -> String {
    crate::shorten::shorten(text, MAX_LABEL).into_owned()
}
