//! [`Rule`]: typed Choice conditions, with every comparison operator, `And`/`Or`/`Not` and
//! JSONata conditions.

use super::arg::{Arg, Numeric, Request, jsonata};
use crate::model::{
    Comparison, Condition, DataTest, JsonPath, JsonataCondition, NestedRule, Operand, Payload,
    Relation, TypeTest,
};

/// A Choice condition, with the variables and output it sets when it matches.
///
/// JSONPath states use the comparison operators (`Variable` plus one operator) combined
/// with [`and`](Rule::and), [`or`](Rule::or) and [`not`](Rule::not); JSONata states use
/// [`jsonata`](Rule::jsonata) conditions. Every one of the 39 operators has a constructor
/// named after it in snake case (`NumericLessThanEqualsPath` is
/// [`numeric_less_than_equals_path`](Rule::numeric_less_than_equals_path)).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let large_or_express = Rule::or([
///     Rule::numeric_greater_than("$.total", 1000),
///     Rule::and([
///         Rule::string_equals("$.shipping", "express"),
///         Rule::not(Rule::is_null("$.address", true)),
///     ]),
/// ]);
/// let route = ChoiceState::builder("Route")
///     .when(large_or_express, PassState::builder("Priority"))
///     .otherwise(PassState::builder("Standard"));
/// let machine = StateMachine::builder().start(route).build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Route"]["Choices"][0],
///     json!({
///         "Or": [
///             {"Variable": "$.total", "NumericGreaterThan": 1000},
///             {"And": [
///                 {"Variable": "$.shipping", "StringEquals": "express"},
///                 {"Not": {"Variable": "$.address", "IsNull": true}}
///             ]}
///         ],
///         "Next": "Priority"
///     })
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct Rule {
    pub(crate) condition: Condition,
    pub(crate) comment: Option<String>,
    pub(crate) assign: Request,
    pub(crate) output: Option<Payload>,
    /// Problems of this rule or its nested rules, reported at the rule's pointer.
    pub(crate) problems: Vec<String>,
}

impl Rule {
    fn new(condition: Condition) -> Self {
        Self {
            condition,
            comment: None,
            assign: Request::new(),
            output: None,
            problems: Vec::new(),
        }
    }

    /// `Variable` compared by `comparison`: any operator, as a model value.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::model::{Comparison, Operand};
    /// use sfn_dsl::prelude::*;
    ///
    /// let rule = Rule::compare("$.vip", Comparison::Boolean(Operand::Literal(true)));
    /// assert_eq!(rule, Rule::boolean_equals("$.vip", true));
    /// ```
    pub fn compare(variable: impl Into<JsonPath>, comparison: Comparison) -> Self {
        Self::new(Condition::Test(DataTest {
            variable: variable.into(),
            comparison,
        }))
    }

    fn string(variable: impl Into<JsonPath>, relation: Relation, value: impl Into<String>) -> Self {
        Self::compare(
            variable,
            Comparison::String(relation, Operand::Literal(value.into())),
        )
    }

    fn string_path(
        variable: impl Into<JsonPath>,
        relation: Relation,
        path: impl Into<JsonPath>,
    ) -> Self {
        Self::compare(
            variable,
            Comparison::String(relation, Operand::Path(path.into())),
        )
    }

    fn numeric(variable: impl Into<JsonPath>, relation: Relation, value: impl Numeric) -> Self {
        let number = value.to_number();
        let mut rule = Self::compare(
            variable,
            Comparison::Numeric(
                relation,
                Operand::Literal(number.clone().unwrap_or_else(|| 0.into())),
            ),
        );
        if number.is_none() {
            rule.problems.push(format!(
                "the value of `Numeric{relation}` must be a finite number"
            ));
        }
        rule
    }

    fn numeric_path(
        variable: impl Into<JsonPath>,
        relation: Relation,
        path: impl Into<JsonPath>,
    ) -> Self {
        Self::compare(
            variable,
            Comparison::Numeric(relation, Operand::Path(path.into())),
        )
    }

    fn timestamp(
        variable: impl Into<JsonPath>,
        relation: Relation,
        value: impl Into<String>,
    ) -> Self {
        Self::compare(
            variable,
            Comparison::Timestamp(relation, Operand::Literal(value.into())),
        )
    }

    fn timestamp_path(
        variable: impl Into<JsonPath>,
        relation: Relation,
        path: impl Into<JsonPath>,
    ) -> Self {
        Self::compare(
            variable,
            Comparison::Timestamp(relation, Operand::Path(path.into())),
        )
    }

    fn type_test(variable: impl Into<JsonPath>, test: TypeTest, expected: bool) -> Self {
        Self::compare(variable, Comparison::Type(test, expected))
    }
}

/// The `# Examples` section of a rule constructor: `$rule` (Rust source) routes a Choice
/// state, whose first entry of `Choices` is then `$json` plus `"Next": "Go"`.
macro_rules! rule_example {
    ($($rule:expr),+ => $json:expr) => {
        concat!(
            "# Examples\n\n```\nuse serde_json::json;\nuse sfn_dsl::prelude::*;\n\n",
            "let route = ChoiceState::builder(\"Route\")\n    .when(", $($rule),+, ", PassState::builder(\"Go\"))\n",
            "    .otherwise(PassState::builder(\"Wait\"));\n",
            "let machine = StateMachine::builder().start(route).build()?;\n",
            "assert_eq!(\n    machine.to_value()[\"States\"][\"Route\"][\"Choices\"][0],\n    json!(",
            $json,
            ")\n);\n# Ok::<(), sfn_dsl::Error>(())\n```"
        )
    };
}

macro_rules! relation_rules {
    ($kind:literal, $literal_type:ty, $literal:ident, $path:ident, $variable:literal, $value:literal;
     $($relation:ident => $literal_fn:ident, $path_fn:ident;)+) => {
        impl Rule {
            $(
                #[doc = concat!("`", $kind, stringify!($relation), "`: the value at `variable` compared with a literal.")]
                ///
                #[doc = rule_example!(
                    "Rule::", stringify!($literal_fn), "(\"", $variable, "\", ", $value, ")" =>
                    concat!("{\"Variable\": \"", $variable, "\", \"", $kind, stringify!($relation), "\": ", $value, ", \"Next\": \"Go\"}")
                )]
                pub fn $literal_fn(variable: impl Into<JsonPath>, value: $literal_type) -> Self {
                    Self::$literal(variable, Relation::$relation, value)
                }

                #[doc = concat!("`", $kind, stringify!($relation), "Path`: the value at `variable` compared with the value at `path`.")]
                ///
                #[doc = rule_example!(
                    "Rule::", stringify!($path_fn), "(\"", $variable, "\", \"$.limit\")" =>
                    concat!("{\"Variable\": \"", $variable, "\", \"", $kind, stringify!($relation), "Path\": \"$.limit\", \"Next\": \"Go\"}")
                )]
                pub fn $path_fn(variable: impl Into<JsonPath>, path: impl Into<JsonPath>) -> Self {
                    Self::$path(variable, Relation::$relation, path)
                }
            )+
        }
    };
}

relation_rules!("String", impl Into<String>, string, string_path, "$.status", "\"ready\"";
    Equals => string_equals, string_equals_path;
    LessThan => string_less_than, string_less_than_path;
    GreaterThan => string_greater_than, string_greater_than_path;
    LessThanEquals => string_less_than_equals, string_less_than_equals_path;
    GreaterThanEquals => string_greater_than_equals, string_greater_than_equals_path;
);

relation_rules!("Numeric", impl Numeric, numeric, numeric_path, "$.total", "100";
    Equals => numeric_equals, numeric_equals_path;
    LessThan => numeric_less_than, numeric_less_than_path;
    GreaterThan => numeric_greater_than, numeric_greater_than_path;
    LessThanEquals => numeric_less_than_equals, numeric_less_than_equals_path;
    GreaterThanEquals => numeric_greater_than_equals, numeric_greater_than_equals_path;
);

relation_rules!("Timestamp", impl Into<String>, timestamp, timestamp_path, "$.due", "\"2025-01-01T00:00:00Z\"";
    Equals => timestamp_equals, timestamp_equals_path;
    LessThan => timestamp_less_than, timestamp_less_than_path;
    GreaterThan => timestamp_greater_than, timestamp_greater_than_path;
    LessThanEquals => timestamp_less_than_equals, timestamp_less_than_equals_path;
    GreaterThanEquals => timestamp_greater_than_equals, timestamp_greater_than_equals_path;
);

macro_rules! type_rules {
    ($($test:ident => $name:ident;)+) => {
        impl Rule {
            $(
                #[doc = concat!("`", stringify!($test), "`: whether the type test of the value at `variable` gives `expected`.")]
                ///
                #[doc = rule_example!(
                    "Rule::", stringify!($name), "(\"$.address\", true)" =>
                    concat!("{\"Variable\": \"$.address\", \"", stringify!($test), "\": true, \"Next\": \"Go\"}")
                )]
                pub fn $name(variable: impl Into<JsonPath>, expected: bool) -> Self {
                    Self::type_test(variable, TypeTest::$test, expected)
                }
            )+
        }
    };
}

type_rules!(
    IsNull => is_null;
    IsPresent => is_present;
    IsNumeric => is_numeric;
    IsString => is_string;
    IsBoolean => is_boolean;
    IsTimestamp => is_timestamp;
);

impl Rule {
    /// `StringMatches`: the string at `variable` matches `pattern`, where `*` matches any
    /// run of characters (write `\\*` for a literal star).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let route = ChoiceState::builder("Route")
    ///     .when(Rule::string_matches("$.file", "*.csv"), PassState::builder("Go"))
    ///     .otherwise(PassState::builder("Wait"));
    /// let machine = StateMachine::builder().start(route).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Route"]["Choices"][0],
    ///     json!({"Variable": "$.file", "StringMatches": "*.csv", "Next": "Go"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn string_matches(variable: impl Into<JsonPath>, pattern: impl Into<String>) -> Self {
        Self::compare(variable, Comparison::StringMatches(pattern.into()))
    }

    /// `BooleanEquals`: the boolean at `variable` equals `value`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let route = ChoiceState::builder("Route")
    ///     .when(Rule::boolean_equals("$.vip", true), PassState::builder("Go"))
    ///     .otherwise(PassState::builder("Wait"));
    /// let machine = StateMachine::builder().start(route).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Route"]["Choices"][0],
    ///     json!({"Variable": "$.vip", "BooleanEquals": true, "Next": "Go"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn boolean_equals(variable: impl Into<JsonPath>, value: bool) -> Self {
        Self::compare(variable, Comparison::Boolean(Operand::Literal(value)))
    }

    /// `BooleanEqualsPath`: the boolean at `variable` equals the one at `path`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let route = ChoiceState::builder("Route")
    ///     .when(Rule::boolean_equals_path("$.vip", "$.expected"), PassState::builder("Go"))
    ///     .otherwise(PassState::builder("Wait"));
    /// let machine = StateMachine::builder().start(route).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Route"]["Choices"][0],
    ///     json!({"Variable": "$.vip", "BooleanEqualsPath": "$.expected", "Next": "Go"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn boolean_equals_path(variable: impl Into<JsonPath>, path: impl Into<JsonPath>) -> Self {
        Self::compare(variable, Comparison::Boolean(Operand::Path(path.into())))
    }

    /// `And`: every rule holds (JSONPath).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let route = ChoiceState::builder("Route")
    ///     .when(Rule::and([Rule::is_present("$.id", true), Rule::is_string("$.id", true)]), PassState::builder("Go"))
    ///     .otherwise(PassState::builder("Wait"));
    /// let machine = StateMachine::builder().start(route).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Route"]["Choices"][0],
    ///     json!({"And": [{"Variable": "$.id", "IsPresent": true}, {"Variable": "$.id", "IsString": true}], "Next": "Go"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn and(rules: impl IntoIterator<Item = impl Into<Rule>>) -> Self {
        let (nested, problems) = nest(rules);
        let mut rule = Self::new(Condition::And(nested));
        rule.problems = problems;
        rule
    }

    /// `Or`: some rule holds (JSONPath).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let route = ChoiceState::builder("Route")
    ///     .when(Rule::or([Rule::boolean_equals("$.vip", true), Rule::numeric_greater_than("$.total", 100)]), PassState::builder("Go"))
    ///     .otherwise(PassState::builder("Wait"));
    /// let machine = StateMachine::builder().start(route).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Route"]["Choices"][0],
    ///     json!({"Or": [{"Variable": "$.vip", "BooleanEquals": true}, {"Variable": "$.total", "NumericGreaterThan": 100}], "Next": "Go"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn or(rules: impl IntoIterator<Item = impl Into<Rule>>) -> Self {
        let (nested, problems) = nest(rules);
        let mut rule = Self::new(Condition::Or(nested));
        rule.problems = problems;
        rule
    }

    /// `Not`: the rule does not hold (JSONPath).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let route = ChoiceState::builder("Route")
    ///     .when(Rule::not(Rule::is_null("$.address", true)), PassState::builder("Go"))
    ///     .otherwise(PassState::builder("Wait"));
    /// let machine = StateMachine::builder().start(route).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Route"]["Choices"][0],
    ///     json!({"Not": {"Variable": "$.address", "IsNull": true}, "Next": "Go"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn not(rule: impl Into<Rule>) -> Self {
        let (mut nested, problems) = nest([rule]);
        let condition = match nested.pop() {
            Some(inner) => Condition::Not(Box::new(inner)),
            None => Condition::Jsonata(JsonataCondition::Literal(false)),
        };
        let mut rule = Self::new(condition);
        rule.problems = problems;
        rule
    }

    /// A JSONata `Condition`, written without the `{% %}` markers (JSONata).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let route = ChoiceState::builder("Big?")
    ///     .when(
    ///         Rule::jsonata("$states.input.total > 1000").assign("tier", "gold"),
    ///         PassState::builder("Gold"),
    ///     )
    ///     .otherwise(PassState::builder("Regular"));
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(route)
    ///     .build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Big?"]["Choices"][0],
    ///     json!({"Condition": "{% $states.input.total > 1000 %}", "Assign": {"tier": "gold"}, "Next": "Gold"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn jsonata(expression: impl AsRef<str>) -> Self {
        Self::new(Condition::Jsonata(JsonataCondition::Expression(jsonata(
            expression.as_ref(),
        ))))
    }

    /// A JSONata `Condition` that is always `value` (JSONata).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let route = ChoiceState::builder("Route")
    ///     .when(Rule::literal(true), PassState::builder("Go"))
    ///     .otherwise(PassState::builder("Wait"));
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata).start(route).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Route"]["Choices"][0],
    ///     json!({"Condition": true, "Next": "Go"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn literal(value: bool) -> Self {
        Self::new(Condition::Jsonata(JsonataCondition::Literal(value)))
    }

    /// Free text. Serialized as the rule's `Comment`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let route = ChoiceState::builder("Route")
    ///     .when(Rule::boolean_equals("$.vip", true).comment("VIP customers"), PassState::builder("Go"))
    ///     .otherwise(PassState::builder("Wait"));
    /// let machine = StateMachine::builder().start(route).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Route"]["Choices"][0],
    ///     json!({"Variable": "$.vip", "BooleanEquals": true, "Comment": "VIP customers", "Next": "Go"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// Sets the workflow variable `name` when this rule matches (top-level rules only).
    /// Serialized as an entry of the rule's `Assign`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let route = ChoiceState::builder("Route")
    ///     .when(Rule::boolean_equals("$.vip", true).assign("tier", "gold"), PassState::builder("Go"))
    ///     .otherwise(PassState::builder("Wait"));
    /// let machine = StateMachine::builder().start(route).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Route"]["Choices"][0],
    ///     json!({"Variable": "$.vip", "BooleanEquals": true, "Assign": {"tier": "gold"}, "Next": "Go"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn assign(mut self, name: impl Into<String>, value: impl Into<Arg>) -> Self {
        self.assign.set(name, value);
        self
    }

    /// The Choice state's output when this rule matches (JSONata, top-level rules only).
    /// Serialized as the rule's `Output`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let route = ChoiceState::builder("Route")
    ///     .when(Rule::jsonata("$states.input.vip").output(json!({"tier": "gold"})), PassState::builder("Go"))
    ///     .otherwise(PassState::builder("Wait"));
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata).start(route).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Route"]["Choices"][0],
    ///     json!({"Condition": "{% $states.input.vip %}", "Output": {"tier": "gold"}, "Next": "Go"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn output(mut self, output: impl Into<Payload>) -> Self {
        self.output = Some(output.into());
        self
    }

    /// The condition as a model value.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Comparison, Condition, Operand};
    /// use sfn_dsl::prelude::*;
    ///
    /// let rule = Rule::boolean_equals("$.vip", true);
    /// let Condition::Test(test) = rule.condition() else { panic!("a data test") };
    /// assert_eq!(test.variable.to_string(), "$.vip");
    /// assert_eq!(test.comparison, Comparison::Boolean(Operand::Literal(true)));
    /// ```
    #[must_use]
    pub fn condition(&self) -> &Condition {
        &self.condition
    }
}

/// Nested rules keep their comment; their problems, and any `Assign` or `Output` they were
/// given, are reported on the enclosing rule.
fn nest(rules: impl IntoIterator<Item = impl Into<Rule>>) -> (Vec<NestedRule>, Vec<String>) {
    let mut problems = Vec::new();
    let nested = rules
        .into_iter()
        .map(|rule| {
            let rule = rule.into();
            problems.extend(rule.problems);
            if !rule.assign.is_empty() || rule.output.is_some() {
                problems.push(
                    "`Assign` and `Output` apply only to rules directly in `Choices`, not to rules nested in `And`, `Or` or `Not`"
                        .to_owned(),
                );
            }
            NestedRule {
                condition: rule.condition,
                comment: rule.comment,
            }
        })
        .collect();
    (nested, problems)
}

impl From<Condition> for Rule {
    fn from(condition: Condition) -> Self {
        Self::new(condition)
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;
    use crate::model::{Comparison, Condition, Operand, Relation, TypeTest};

    fn operator(rule: &Rule) -> String {
        match rule.condition() {
            Condition::Test(test) => test.comparison.operator_name(),
            other => panic!("not a data test: {other:?}"),
        }
    }

    #[test]
    fn every_operator_has_a_constructor() {
        let v = "$.v";
        let rules = [
            Rule::string_equals(v, "a"),
            Rule::string_equals_path(v, "$.p"),
            Rule::string_less_than(v, "a"),
            Rule::string_less_than_path(v, "$.p"),
            Rule::string_greater_than(v, "a"),
            Rule::string_greater_than_path(v, "$.p"),
            Rule::string_less_than_equals(v, "a"),
            Rule::string_less_than_equals_path(v, "$.p"),
            Rule::string_greater_than_equals(v, "a"),
            Rule::string_greater_than_equals_path(v, "$.p"),
            Rule::string_matches(v, "a*"),
            Rule::numeric_equals(v, 1),
            Rule::numeric_equals_path(v, "$.p"),
            Rule::numeric_less_than(v, 1.5),
            Rule::numeric_less_than_path(v, "$.p"),
            Rule::numeric_greater_than(v, 1u8),
            Rule::numeric_greater_than_path(v, "$.p"),
            Rule::numeric_less_than_equals(v, -1),
            Rule::numeric_less_than_equals_path(v, "$.p"),
            Rule::numeric_greater_than_equals(v, 2),
            Rule::numeric_greater_than_equals_path(v, "$.p"),
            Rule::boolean_equals(v, true),
            Rule::boolean_equals_path(v, "$.p"),
            Rule::timestamp_equals(v, "2024-01-01T00:00:00Z"),
            Rule::timestamp_equals_path(v, "$.p"),
            Rule::timestamp_less_than(v, "2024-01-01T00:00:00Z"),
            Rule::timestamp_less_than_path(v, "$.p"),
            Rule::timestamp_greater_than(v, "2024-01-01T00:00:00Z"),
            Rule::timestamp_greater_than_path(v, "$.p"),
            Rule::timestamp_less_than_equals(v, "2024-01-01T00:00:00Z"),
            Rule::timestamp_less_than_equals_path(v, "$.p"),
            Rule::timestamp_greater_than_equals(v, "2024-01-01T00:00:00Z"),
            Rule::timestamp_greater_than_equals_path(v, "$.p"),
            Rule::is_null(v, true),
            Rule::is_present(v, true),
            Rule::is_numeric(v, true),
            Rule::is_string(v, true),
            Rule::is_boolean(v, true),
            Rule::is_timestamp(v, true),
        ];
        let names: Vec<String> = rules.iter().map(operator).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 39, "{names:?}");
        assert_eq!(names[0], "StringEquals");
        assert_eq!(names[20], "NumericGreaterThanEqualsPath");
        assert_eq!(names[38], "IsTimestamp");
    }

    #[test]
    fn literal_values_are_kept_exactly() {
        assert_eq!(
            Rule::numeric_less_than("$.v", 1.5).condition,
            Rule::compare(
                "$.v",
                Comparison::Numeric(
                    Relation::LessThan,
                    Operand::Literal(serde_json::Number::from_f64(1.5).expect("finite"))
                )
            )
            .condition
        );
        assert_eq!(
            Rule::is_present("$.v", false).condition,
            Rule::compare("$.v", Comparison::Type(TypeTest::IsPresent, false)).condition
        );
    }

    #[test]
    fn problems_bubble_up_from_nested_rules() {
        let rule = Rule::and([
            Rule::numeric_equals("$.a", f64::INFINITY),
            Rule::string_equals("$.b", "x").assign("v", 1),
        ]);
        assert_eq!(rule.problems.len(), 2, "{:?}", rule.problems);
        assert!(rule.problems[0].contains("NumericEquals"));
        assert!(rule.problems[1].contains("nested"));
    }
}
