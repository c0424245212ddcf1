//! Type-checked Choice conditions built from typed paths, rendered as a JSONPath rule or a
//! JSONata expression.

use serde_json::Number;

use super::location::Location;
use crate::model::{
    Comparison, Condition, DataTest, Jsonata, JsonataCondition, NestedRule, Operand, Relation,
    TypeTest,
};

/// A Choice condition built from typed paths, such as `Order::path().total.gt(100.0)`.
///
/// The same predicate renders for both query languages: [`to_json_path`](Self::to_json_path)
/// gives a JSONPath rule (`Variable` plus an operator, or `And`/`Or`/`Not`) and
/// [`to_jsonata`](Self::to_jsonata) a JSONata `Condition`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Location, Path, Predicate};
///
/// let total: Path<f64> = Path::at(Location::input().field("total"));
/// let express: Path<bool> = Path::at(Location::input().field("express"));
/// let rule: Predicate = total.gt(100.0).and(express.is_true().not());
/// assert_eq!(rule.jsonata_text(), "($states.input.total > 100) and ($not($states.input.express = true))");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Predicate {
    json_path: Condition,
    jsonata: String,
    compound: bool,
}

impl Predicate {
    pub(crate) fn test(location: &Location, comparison: Comparison, jsonata: String) -> Self {
        Self {
            json_path: Condition::Test(DataTest {
                variable: location.to_json_path(),
                comparison,
            }),
            jsonata,
            compound: false,
        }
    }

    /// A comparison that can never hold (used for `NaN` operands, which compare false in
    /// Rust too).
    pub(crate) fn never(location: &Location) -> Self {
        let null = |expected| {
            NestedRule::from(Condition::Test(DataTest {
                variable: location.to_json_path(),
                comparison: Comparison::Type(TypeTest::IsNull, expected),
            }))
        };
        Self {
            json_path: Condition::And(vec![null(true), null(false)]),
            jsonata: "false".to_owned(),
            compound: false,
        }
    }

    /// Replaces the JSONata rendering with an equivalent, more idiomatic one.
    pub(crate) fn set_jsonata(&mut self, jsonata: String) {
        self.jsonata = jsonata;
        self.compound = false;
    }

    fn combine(self, other: Self, conjunction: bool) -> Self {
        let word = if conjunction { "and" } else { "or" };
        let jsonata = format!("({}) {word} ({})", self.jsonata, other.jsonata);
        let mut rules = Vec::new();
        for part in [self.json_path, other.json_path] {
            match (part, conjunction) {
                (Condition::And(nested), true) | (Condition::Or(nested), false) => {
                    rules.extend(nested);
                }
                (part, _) => rules.push(NestedRule::from(part)),
            }
        }
        Self {
            json_path: if conjunction {
                Condition::And(rules)
            } else {
                Condition::Or(rules)
            },
            jsonata,
            compound: true,
        }
    }

    /// Both predicates hold.
    #[must_use]
    pub fn and(self, other: Self) -> Self {
        self.combine(other, true)
    }

    /// Either predicate holds.
    #[must_use]
    pub fn or(self, other: Self) -> Self {
        self.combine(other, false)
    }

    /// The predicate does not hold.
    #[must_use]
    #[expect(
        clippy::should_implement_trait,
        reason = "reads like the ASL `Not` operator; `!` on a predicate would hide that it builds a rule"
    )]
    pub fn not(self) -> Self {
        Self {
            jsonata: format!("$not({})", self.jsonata),
            json_path: Condition::Not(Box::new(NestedRule::from(self.json_path))),
            compound: false,
        }
    }

    /// The JSONPath form: a data test or an `And`/`Or`/`Not` rule.
    #[must_use]
    pub fn to_json_path(&self) -> Condition {
        self.json_path.clone()
    }

    /// The JSONata form, a `Condition` expression.
    #[must_use]
    pub fn to_jsonata(&self) -> Condition {
        Condition::Jsonata(JsonataCondition::Expression(Jsonata::new(format!(
            " {} ",
            self.jsonata
        ))))
    }

    /// The JSONata expression text, without `{% %}`.
    #[must_use]
    pub fn jsonata_text(&self) -> &str {
        &self.jsonata
    }
}

/// The JSONata operator for a relation.
pub(crate) fn jsonata_operator(relation: Relation) -> &'static str {
    match relation {
        Relation::Equals => "=",
        Relation::LessThan => "<",
        Relation::GreaterThan => ">",
        Relation::LessThanEquals => "<=",
        Relation::GreaterThanEquals => ">=",
    }
}

/// A string literal in JSONata syntax with JSON's escapes: between single quotes, which
/// read best inside the JSON of a definition, or double quotes when the text holds a `'`
/// (JSONata has no `\'` escape).
pub(crate) fn jsonata_string(text: &str) -> String {
    let quoted = crate::builder::arg::field_path::string_literal(text);
    if text.contains('\'') {
        return quoted;
    }
    // The same escapes, a `"` left as it is.
    let inner = quoted
        .get(1..quoted.len() - 1)
        .unwrap_or_default()
        .replace("\\\"", "\"");
    format!("'{inner}'")
}

/// A numeric comparison of the value at `location` with a literal.
pub(crate) fn numeric(location: &Location, relation: Relation, value: Option<Number>) -> Predicate {
    match value {
        Some(number) => {
            let jsonata = format!(
                "{} {} {number}",
                location.to_jsonata_text(),
                jsonata_operator(relation)
            );
            Predicate::test(
                location,
                Comparison::Numeric(relation, Operand::Literal(number)),
                jsonata,
            )
        }
        None => Predicate::never(location),
    }
}

/// A string comparison of the value at `location` with a literal.
pub(crate) fn string(location: &Location, relation: Relation, value: &str) -> Predicate {
    let jsonata = format!(
        "{} {} {}",
        location.to_jsonata_text(),
        jsonata_operator(relation),
        jsonata_string(value)
    );
    Predicate::test(
        location,
        Comparison::String(relation, Operand::Literal(value.to_owned())),
        jsonata,
    )
}

/// A type test of the value at `location`.
pub(crate) fn type_test(location: &Location, test: TypeTest, expected: bool) -> Predicate {
    let subject = location.to_jsonata_text();
    let holds = match test {
        TypeTest::IsNull => format!("{subject} = null"),
        TypeTest::IsPresent => format!("$exists({subject})"),
        TypeTest::IsNumeric => format!("$type({subject}) = 'number'"),
        TypeTest::IsString => format!("$type({subject}) = 'string'"),
        TypeTest::IsBoolean => format!("$type({subject}) = 'boolean'"),
        TypeTest::IsTimestamp => format!("$exists($toMillis({subject}))"),
    };
    let jsonata = if expected {
        holds
    } else {
        format!("$not({holds})")
    };
    Predicate::test(location, Comparison::Type(test, expected), jsonata)
}

#[cfg(test)]
mod tests {
    use super::{Predicate, jsonata_string, numeric, string, type_test};
    use crate::model::{Condition, Relation, TypeTest};
    use crate::typed::Location;

    #[test]
    fn conjunctions_flatten_in_json_path() {
        let location = Location::input().field("n");
        let rule: Predicate = numeric(&location, Relation::GreaterThan, Some(1.into()))
            .and(numeric(&location, Relation::LessThan, Some(9.into())))
            .and(string(&Location::input().field("s"), Relation::Equals, "x"));
        let Condition::And(rules) = rule.to_json_path() else {
            panic!("not an And: {rule:?}")
        };
        assert_eq!(rules.len(), 3);
        assert_eq!(
            rule.jsonata_text(),
            "(($states.input.n > 1) and ($states.input.n < 9)) and ($states.input.s = 'x')"
        );
    }

    #[test]
    fn strings_are_escaped_and_nan_never_matches() {
        assert_eq!(jsonata_string("it's\n"), r#""it's\n""#);
        assert_eq!(jsonata_string(r#"say "hi"\"#), r#"'say "hi"\\'"#);
        for text in [
            "it's",
            r#"say "hi""#,
            r"back\slash",
            "both ' and \"",
            "tab\t",
            "",
        ] {
            let expression = sfn_jsonata::parse(&jsonata_string(text)).expect("a literal");
            let env = sfn_jsonata::Environment::new();
            assert_eq!(
                expression.evaluate(None, &env).ok().flatten(),
                Some(serde_json::Value::from(text)),
                "{text:?}"
            );
        }
        let location = Location::input().field("n");
        assert_eq!(
            numeric(&location, Relation::Equals, None).jsonata_text(),
            "false"
        );
        assert_eq!(
            type_test(&location, TypeTest::IsPresent, false).jsonata_text(),
            "$not($exists($states.input.n))"
        );
    }
}
