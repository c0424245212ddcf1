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
/// [`to_jsonata`](Self::to_jsonata) a JSONata `Condition`. On data of the declared types,
/// both mean what the comparison means in Rust on the deserialized value; below
/// [`OptionPath::some`](super::OptionPath::some), they are false for `None`. A predicate on a
/// path through [`ListPath::all`](super::ListPath::all) is refused, since a Choice rule
/// compares one value: its JSONPath rule has a wildcard `Variable`, which validation refuses,
/// and its JSONata form fails with an `$error` that says why. docs/macros.md lists where the
/// two forms still differ (a missing field that is not an `Option`, a value of another type,
/// string order beyond U+FFFF).
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
    /// Made on a location that selects several values (see [`Predicate::test`]).
    refused: bool,
}

impl Predicate {
    /// The JSONPath data test `comparison` of the value at `location`, and its JSONata
    /// counterpart `jsonata`.
    ///
    /// Where the value, or one it is read from, is an unwrapped `Option`, the JSONPath rule
    /// first tests that each such value is present (and, above the compared value, not
    /// `null`): AWS fails a rule whose `Variable` does not select anything, and a `None` is
    /// absent or `null`, for which the predicate is false. The JSONata form must then give
    /// `false` for a `None` too, which `=` does by itself, the other operators through
    /// [`guarded`] and presence tests through [`type_test`].
    ///
    /// A location through `all()` selects several values, which a Choice rule cannot compare:
    /// the JSONPath rule keeps its wildcard `Variable`, which validation refuses, and the
    /// JSONata form raises an error that says so.
    pub(crate) fn test(location: &Location, comparison: Comparison, jsonata: String) -> Self {
        let test = Condition::Test(DataTest {
            variable: location.to_json_path(),
            comparison,
        });
        if location.has_wildcard() {
            return Self::several_values(location, test);
        }
        // A flattened `Option` is `Some` when its type's required fields are present, which
        // a JSONPath rule tests by itself (its JSONata form reads the `Option` so).
        let mut guards: Vec<NestedRule> = location
            .required_by_flattened_options()
            .iter()
            .map(|field| type_rule(field, TypeTest::IsPresent, true))
            .collect();
        for (value, compared) in location.optional_values() {
            guards.push(type_rule(&value, TypeTest::IsPresent, true));
            if !compared {
                guards.push(type_rule(&value, TypeTest::IsNull, false));
            }
        }
        let json_path = if guards.is_empty() {
            test
        } else {
            guards.push(NestedRule::from(test));
            Condition::And(guards)
        };
        Self {
            json_path,
            jsonata,
            compound: false,
            refused: false,
        }
    }

    /// A predicate on a location that selects several values.
    fn several_values(location: &Location, test: Condition) -> Self {
        let message = format!(
            "a Choice condition compares one value, but {} selects every element of an array (a typed path through all()); use index(n)",
            location.to_json_path().as_str()
        );
        Self {
            json_path: test,
            jsonata: format!("$error({})", jsonata_string(&message)),
            compound: false,
            refused: true,
        }
    }

    /// A comparison that can never hold (used for `NaN` operands, which compare false in
    /// Rust too, and for a number greater than `+∞` or less than `-∞`).
    ///
    /// The JSONPath form asks whether the value is both present and absent, which never
    /// fails, as JSONata's `false` does not.
    pub(crate) fn never(location: &Location) -> Self {
        let present = |expected| type_rule(location, TypeTest::IsPresent, expected);
        let json_path = Condition::And(vec![present(true), present(false)]);
        if location.has_wildcard() {
            return Self::several_values(location, json_path);
        }
        Self {
            json_path,
            jsonata: "false".to_owned(),
            compound: false,
            refused: false,
        }
    }

    /// Replaces the JSONata rendering with an equivalent, more idiomatic one.
    pub(crate) fn set_jsonata(&mut self, jsonata: String) {
        // A refusal stays one.
        if !self.refused {
            self.jsonata = jsonata;
            self.compound = false;
        }
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
            refused: self.refused || other.refused,
        }
    }

    /// Both predicates hold.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let total: Path<f64> = Path::at(Location::input().field("total"));
    /// let express: Path<bool> = Path::at(Location::input().field("express"));
    /// let rule = total.gt(100.0).and(express.is_true());
    /// assert_eq!(rule.jsonata_text(), "($states.input.total > 100) and ($states.input.express = true)");
    /// ```
    #[must_use]
    pub fn and(self, other: Self) -> Self {
        self.combine(other, true)
    }

    /// Either predicate holds.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let total: Path<f64> = Path::at(Location::input().field("total"));
    /// let express: Path<bool> = Path::at(Location::input().field("express"));
    /// let rule = total.gt(100.0).or(express.is_true());
    /// assert_eq!(rule.jsonata_text(), "($states.input.total > 100) or ($states.input.express = true)");
    /// ```
    #[must_use]
    pub fn or(self, other: Self) -> Self {
        self.combine(other, false)
    }

    /// The predicate does not hold.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let express: Path<bool> = Path::at(Location::input().field("express"));
    /// let rule = express.is_true().not();
    /// assert_eq!(rule.jsonata_text(), "$not($states.input.express = true)");
    /// assert!(matches!(rule.to_json_path(), Condition::Not(_)));
    /// ```
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
            refused: self.refused,
        }
    }

    /// The JSONPath form: a data test or an `And`/`Or`/`Not` rule.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let total: Path<f64> = Path::at(Location::input().field("total"));
    /// let Condition::Test(test) = total.gt(100.0).to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.variable.as_str(), "$.total");
    /// assert_eq!(test.comparison.operator_name(), "NumericGreaterThan");
    /// ```
    #[must_use]
    pub fn to_json_path(&self) -> Condition {
        self.json_path.clone()
    }

    /// The JSONata form, a `Condition` expression.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Condition, JsonataCondition};
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let total: Path<f64> = Path::at(Location::input().field("total"));
    /// let Condition::Jsonata(JsonataCondition::Expression(expression)) = total.gt(100.0).to_jsonata() else {
    ///     panic!("a JSONata expression")
    /// };
    /// assert_eq!(expression.as_str().trim(), "$states.input.total > 100");
    /// ```
    #[must_use]
    pub fn to_jsonata(&self) -> Condition {
        Condition::Jsonata(JsonataCondition::Expression(Jsonata::new(format!(
            " {} ",
            self.jsonata
        ))))
    }

    /// The JSONata expression text, without `{% %}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let total: Path<f64> = Path::at(Location::input().field("total"));
    /// assert_eq!(total.le(10.0).jsonata_text(), "$states.input.total <= 10");
    /// ```
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

/// A JSONPath type test of the value at `location`, as a nested rule.
fn type_rule(location: &Location, test: TypeTest, expected: bool) -> NestedRule {
    NestedRule::from(Condition::Test(DataTest {
        variable: location.to_json_path(),
        comparison: Comparison::Type(test, expected),
    }))
}

/// The JSONata `test` of the value at `location`, which fails on a value that is not of
/// the JSON `kind` (`null`, or nothing): where the value may be a `None`, it is preceded by
/// a test of its kind, so that such a value gives `false` as a type mismatch does in
/// JSONPath (`and` does not evaluate its right side when its left is false). Values of
/// non-optional types are taken to have their type, which keeps the expression short.
pub(crate) fn guarded(location: &Location, kind: &str, test: String) -> String {
    if location.is_optional() {
        format!(
            "$type({}) = '{kind}' and {test}",
            location.to_jsonata_text()
        )
    } else {
        test
    }
}

/// A number literal of a comparison.
#[derive(Clone, Debug)]
pub(crate) enum NumericLiteral {
    /// A finite number, as JSON writes it.
    Finite(Number),
    /// `+∞`: greater than every number.
    PositiveInfinity,
    /// `-∞`: less than every number.
    NegativeInfinity,
    /// `NaN`: compares false with everything, as in Rust.
    NotANumber,
}

/// A numeric comparison of the value at `location` with a literal.
///
/// JSON has no infinities: a comparison with one holds for every number (`x < +∞`), which
/// renders as a type test, or for none (`x > +∞`).
pub(crate) fn numeric(location: &Location, relation: Relation, value: NumericLiteral) -> Predicate {
    let every_number = match value {
        NumericLiteral::Finite(number) => {
            let test = format!(
                "{} {} {number}",
                location.to_jsonata_text(),
                jsonata_operator(relation)
            );
            let jsonata = match relation {
                // `=` gives false on a value of another type, `null` or nothing.
                Relation::Equals => test,
                _ => guarded(location, "number", test),
            };
            return Predicate::test(
                location,
                Comparison::Numeric(relation, Operand::Literal(number)),
                jsonata,
            );
        }
        NumericLiteral::NotANumber => false,
        NumericLiteral::PositiveInfinity => {
            matches!(relation, Relation::LessThan | Relation::LessThanEquals)
        }
        NumericLiteral::NegativeInfinity => {
            matches!(
                relation,
                Relation::GreaterThan | Relation::GreaterThanEquals
            )
        }
    };
    if every_number {
        type_test(location, TypeTest::IsNumeric, true)
    } else {
        Predicate::never(location)
    }
}

/// A string comparison of the value at `location` with a literal.
pub(crate) fn string(location: &Location, relation: Relation, value: &str) -> Predicate {
    let test = format!(
        "{} {} {}",
        location.to_jsonata_text(),
        jsonata_operator(relation),
        jsonata_string(value)
    );
    let jsonata = match relation {
        Relation::Equals => test,
        _ => guarded(location, "string", test),
    };
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
        TypeTest::IsTimestamp => {
            format!("$type({subject}) = 'string' and $contains({subject}, {RFC_3339_REGEX})")
        }
    };
    let mut jsonata = if expected {
        holds
    } else {
        format!("$not({holds})")
    };
    // The other tests are false for a `None` and the values below it by themselves.
    if test == TypeTest::IsPresent && location.is_optional() {
        let guards: Vec<String> = location
            .optional_values()
            .map(|(value, compared)| {
                let value_text = value.to_jsonata_text();
                if compared {
                    format!("$exists({value_text})")
                } else {
                    format!("{value_text} != null")
                }
            })
            .collect();
        jsonata = format!("{} and ({jsonata})", guards.join(" and "));
    }
    Predicate::test(location, Comparison::Type(test, expected), jsonata)
}

/// The RFC 3339 timestamps Step Functions compares (uppercase `T` and `Z`, seconds, an
/// optional fraction, a required offset, a real date and time), as a JSONata regex.
/// JSONata's `$toMillis` reads more (`2024-01-01`, no offset, `+0000`, `T24:00:00`, 30
/// February as 2 March) and fails on texts it cannot read, where a JSONPath timestamp
/// comparison is false. A leap second (`:60`) is refused, as `$toMillis` refuses it.
pub(crate) const RFC_3339_REGEX: &str = concat!(
    r"/^(\d{4}-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|1\d|2[0-8]))",
    r"|(\d\d(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29)",
    r"T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/"
);

#[cfg(test)]
mod tests {
    use super::{NumericLiteral, Predicate, jsonata_string, numeric, string, type_test};
    use crate::model::{Condition, Relation, TypeTest};
    use crate::typed::Location;

    #[test]
    fn conjunctions_flatten_in_json_path() {
        let location = Location::input().field("n");
        let rule: Predicate = numeric(
            &location,
            Relation::GreaterThan,
            NumericLiteral::Finite(1.into()),
        )
        .and(numeric(
            &location,
            Relation::LessThan,
            NumericLiteral::Finite(9.into()),
        ))
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
            numeric(&location, Relation::Equals, NumericLiteral::NotANumber).jsonata_text(),
            "false"
        );
        assert_eq!(
            type_test(&location, TypeTest::IsPresent, false).jsonata_text(),
            "$not($exists($states.input.n))"
        );
    }
}
