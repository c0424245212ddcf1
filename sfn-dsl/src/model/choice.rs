//! The Choice state and its rules.

use std::fmt;

use serde_json::Number;

use super::name::StateName;
use super::path::{JsonPath, Jsonata, Nullable};
use super::payload::{Payload, PayloadObject};
use super::state::QueryLanguage;

/// `"Type": "Choice"`: picks the next state with the first matching rule, or `Default`.
///
/// Serialization order: `Type`, `Comment`, `QueryLanguage`, `InputPath`, `OutputPath`,
/// `Choices`, `Default`, `Output`, `Assign`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::State;
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Route",
///   "States": {
///     "Route": {
///       "Type": "Choice",
///       "Choices": [
///         {"Variable": "$.total", "NumericGreaterThanPath": "$.limit", "Next": "Review"},
///         {"And": [
///           {"Variable": "$.country", "IsPresent": true},
///           {"Not": {"Variable": "$.country", "StringMatches": "U*"}}
///         ], "Next": "Export", "Comment": "outside U…"}
///       ],
///       "Default": "Done"
///     },
///     "Review": {"Type": "Succeed"}, "Export": {"Type": "Succeed"}, "Done": {"Type": "Succeed"}
///   }
/// }"#)?;
/// let Some(State::Choice(choice)) = machine.states.get("Route") else { panic!("a Choice state") };
/// assert_eq!(choice.choices.len(), 2);
/// assert_eq!(choice.default.as_ref().map(|name| name.as_str()), Some("Done"));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChoiceState {
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
    /// Overrides the machine's query language. Serialized as `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// Selects part of the input (JSONPath). Serialized as `InputPath`.
    pub input_path: Option<Nullable<JsonPath>>,
    /// Selects part of the output (JSONPath). Serialized as `OutputPath`.
    pub output_path: Option<Nullable<JsonPath>>,
    /// The rules, tried in order. Serialized as `Choices`.
    pub choices: Vec<ChoiceRule>,
    /// The state to go to when no rule matches. Serialized as `Default`.
    pub default: Option<StateName>,
    /// The output when no rule matches (JSONata). Serialized as `Output`.
    pub output: Option<Payload>,
    /// Variables to set when no rule matches. Serialized as `Assign`.
    pub assign: Option<PayloadObject>,
}

/// A member of `Choices`: a condition and the state to go to when it holds.
///
/// Serialization order: the condition's fields, `Assign`, `Output`, `Next`, `Comment`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::State;
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Route",
///   "States": {
///     "Route": {
///       "Type": "Choice",
///       "Choices": [
///         {"Variable": "$.total", "NumericGreaterThanPath": "$.limit", "Next": "Review"},
///         {"And": [
///           {"Variable": "$.country", "IsPresent": true},
///           {"Not": {"Variable": "$.country", "StringMatches": "U*"}}
///         ], "Next": "Export", "Comment": "outside U…"}
///       ],
///       "Default": "Done"
///     },
///     "Review": {"Type": "Succeed"}, "Export": {"Type": "Succeed"}, "Done": {"Type": "Succeed"}
///   }
/// }"#)?;
/// let Some(State::Choice(choice)) = machine.states.get("Route") else { panic!("a Choice state") };
/// let rule = &choice.choices[1];
/// assert_eq!((rule.next.as_str(), rule.comment.as_deref()), ("Export", Some("outside U…")));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceRule {
    /// When the rule matches.
    pub condition: Condition,
    /// Variables to set when the rule matches. Serialized as `Assign`.
    pub assign: Option<PayloadObject>,
    /// The output when the rule matches (JSONata). Serialized as `Output`.
    pub output: Option<Payload>,
    /// The state to go to. Serialized as `Next`.
    pub next: StateName,
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
}

/// A rule nested in `And`, `Or` or `Not`: a condition without a `Next`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{Condition, State};
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Route",
///   "States": {
///     "Route": {
///       "Type": "Choice",
///       "Choices": [
///         {"Variable": "$.total", "NumericGreaterThanPath": "$.limit", "Next": "Review"},
///         {"And": [
///           {"Variable": "$.country", "IsPresent": true},
///           {"Not": {"Variable": "$.country", "StringMatches": "U*"}}
///         ], "Next": "Export", "Comment": "outside U…"}
///       ],
///       "Default": "Done"
///     },
///     "Review": {"Type": "Succeed"}, "Export": {"Type": "Succeed"}, "Done": {"Type": "Succeed"}
///   }
/// }"#)?;
/// let Some(State::Choice(choice)) = machine.states.get("Route") else { panic!("a Choice state") };
/// let Condition::And(rules) = &choice.choices[1].condition else { panic!("an And rule") };
/// assert!(matches!(rules[1].condition, Condition::Not(_)));
/// assert!(rules.iter().all(|rule| rule.comment.is_none()));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct NestedRule {
    /// The condition.
    pub condition: Condition,
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
}

impl From<Condition> for NestedRule {
    fn from(condition: Condition) -> Self {
        Self {
            condition,
            comment: None,
        }
    }
}

/// The test a Choice rule applies.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{Comparison, Condition, Operand, Relation, State};
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Route",
///   "States": {
///     "Route": {
///       "Type": "Choice",
///       "Choices": [
///         {"Variable": "$.total", "NumericGreaterThanPath": "$.limit", "Next": "Review"},
///         {"And": [
///           {"Variable": "$.country", "IsPresent": true},
///           {"Not": {"Variable": "$.country", "StringMatches": "U*"}}
///         ], "Next": "Export", "Comment": "outside U…"}
///       ],
///       "Default": "Done"
///     },
///     "Review": {"Type": "Succeed"}, "Export": {"Type": "Succeed"}, "Done": {"Type": "Succeed"}
///   }
/// }"#)?;
/// let Some(State::Choice(choice)) = machine.states.get("Route") else { panic!("a Choice state") };
/// let Condition::Test(test) = &choice.choices[0].condition else { panic!("a data test") };
/// assert_eq!(test.variable.to_string(), "$.total");
/// assert!(matches!(&test.comparison, Comparison::Numeric(Relation::GreaterThan, Operand::Path(_))));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// `Condition` (JSONata): a boolean literal or an expression.
    Jsonata(JsonataCondition),
    /// `Variable` plus one comparison operator (JSONPath).
    Test(DataTest),
    /// `And`: every nested rule holds.
    And(Vec<NestedRule>),
    /// `Or`: some nested rule holds.
    Or(Vec<NestedRule>),
    /// `Not`: the nested rule does not hold.
    Not(Box<NestedRule>),
}

/// The value of a JSONata rule's `Condition`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{Condition, JsonataCondition, State};
///
/// let machine = StateMachine::from_json(r#"{
///   "QueryLanguage": "JSONata",
///   "StartAt": "Big?",
///   "States": {
///     "Big?": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.total > 100 %}", "Next": "Big"}], "Default": "Small"},
///     "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}
///   }
/// }"#)?;
/// let Some(State::Choice(choice)) = machine.states.get("Big?") else { panic!("a Choice state") };
/// let Condition::Jsonata(JsonataCondition::Expression(expression)) = &choice.choices[0].condition else {
///     panic!("a JSONata condition")
/// };
/// assert_eq!(expression.to_template_string(), "{% $states.input.total > 100 %}");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonataCondition {
    /// `true` or `false`.
    Literal(bool),
    /// A `{% %}` expression that must evaluate to a boolean.
    Expression(Jsonata),
}

/// A JSONPath data test: `Variable` compared by one operator.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{Comparison, Condition, State, TypeTest};
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Route",
///   "States": {
///     "Route": {
///       "Type": "Choice",
///       "Choices": [
///         {"Variable": "$.total", "NumericGreaterThanPath": "$.limit", "Next": "Review"},
///         {"And": [
///           {"Variable": "$.country", "IsPresent": true},
///           {"Not": {"Variable": "$.country", "StringMatches": "U*"}}
///         ], "Next": "Export", "Comment": "outside U…"}
///       ],
///       "Default": "Done"
///     },
///     "Review": {"Type": "Succeed"}, "Export": {"Type": "Succeed"}, "Done": {"Type": "Succeed"}
///   }
/// }"#)?;
/// let Some(State::Choice(choice)) = machine.states.get("Route") else { panic!("a Choice state") };
/// let Condition::And(rules) = &choice.choices[1].condition else { panic!("an And rule") };
/// let Condition::Test(test) = &rules[0].condition else { panic!("a data test") };
/// assert_eq!(test.variable.to_string(), "$.country");
/// assert_eq!(test.comparison, Comparison::Type(TypeTest::IsPresent, true));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DataTest {
    /// The value tested. Serialized as `Variable`.
    pub variable: JsonPath,
    /// The operator and its operand.
    pub comparison: Comparison,
}

/// How two values are ordered by a String, Numeric or Timestamp operator.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{Comparison, Operand, Relation};
///
/// let comparison = Comparison::Timestamp(Relation::LessThanEquals, Operand::Literal("2030-01-01T00:00:00Z".to_owned()));
/// assert_eq!(comparison.operator_name(), "TimestampLessThanEquals");
/// assert_eq!(Relation::ALL.map(Relation::as_str)[0], "Equals");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Relation {
    /// `…Equals`.
    Equals,
    /// `…LessThan`.
    LessThan,
    /// `…GreaterThan`.
    GreaterThan,
    /// `…LessThanEquals`.
    LessThanEquals,
    /// `…GreaterThanEquals`.
    GreaterThanEquals,
}

impl Relation {
    /// All relations, in the order of the operator names.
    pub const ALL: [Self; 5] = [
        Self::Equals,
        Self::LessThan,
        Self::GreaterThan,
        Self::LessThanEquals,
        Self::GreaterThanEquals,
    ];

    /// The suffix of the operator name (`Equals`, `LessThan`, …).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Relation;
    ///
    /// assert_eq!(Relation::LessThanEquals.as_str(), "LessThanEquals");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Equals => "Equals",
            Self::LessThan => "LessThan",
            Self::GreaterThan => "GreaterThan",
            Self::LessThanEquals => "LessThanEquals",
            Self::GreaterThanEquals => "GreaterThanEquals",
        }
    }
}

/// The right-hand side of a comparison: a literal, or a path (the operator's `…Path` form).
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{Comparison, Operand};
///
/// assert_eq!(Comparison::Boolean(Operand::Literal(true)).operator_name(), "BooleanEquals");
/// assert_eq!(Comparison::Boolean(Operand::Path("$.flag".into())).operator_name(), "BooleanEqualsPath");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Operand<T> {
    /// A literal value.
    Literal(T),
    /// A path resolved against the state's input, the context object or a variable.
    Path(JsonPath),
}

/// The type tests `IsNull`, `IsPresent`, `IsNumeric`, `IsString`, `IsBoolean`,
/// `IsTimestamp`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{Comparison, TypeTest};
///
/// let missing = Comparison::Type(TypeTest::IsPresent, false);
/// assert_eq!(missing.operator_name(), "IsPresent");
/// assert_eq!(TypeTest::ALL.len(), 6);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeTest {
    /// `IsNull`.
    IsNull,
    /// `IsPresent`.
    IsPresent,
    /// `IsNumeric`.
    IsNumeric,
    /// `IsString`.
    IsString,
    /// `IsBoolean`.
    IsBoolean,
    /// `IsTimestamp`.
    IsTimestamp,
}

impl TypeTest {
    /// All type tests.
    pub const ALL: [Self; 6] = [
        Self::IsNull,
        Self::IsPresent,
        Self::IsNumeric,
        Self::IsString,
        Self::IsBoolean,
        Self::IsTimestamp,
    ];

    /// The operator name.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::TypeTest;
    ///
    /// assert_eq!(TypeTest::IsTimestamp.as_str(), "IsTimestamp");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IsNull => "IsNull",
            Self::IsPresent => "IsPresent",
            Self::IsNumeric => "IsNumeric",
            Self::IsString => "IsString",
            Self::IsBoolean => "IsBoolean",
            Self::IsTimestamp => "IsTimestamp",
        }
    }
}

/// One of the 39 comparison operators with its operand.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{Comparison, Operand, Relation};
///
/// let over_limit = Comparison::Numeric(Relation::GreaterThan, Operand::Literal(100.into()));
/// assert_eq!(over_limit.operator_name(), "NumericGreaterThan");
/// let same_as = Comparison::String(Relation::Equals, Operand::Path("$.expected".into()));
/// assert_eq!(same_as.operator_name(), "StringEqualsPath");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Comparison {
    /// `String…` and `String…Path`: code-point order of strings.
    String(Relation, Operand<String>),
    /// `StringMatches`: a pattern where `*` matches any run of characters.
    StringMatches(String),
    /// `Numeric…` and `Numeric…Path`.
    Numeric(Relation, Operand<Number>),
    /// `BooleanEquals` and `BooleanEqualsPath`.
    Boolean(Operand<bool>),
    /// `Timestamp…` and `Timestamp…Path`: RFC 3339 instants.
    Timestamp(Relation, Operand<String>),
    /// `IsNull`, `IsPresent`, … compared with the given boolean.
    Type(TypeTest, bool),
}

impl Comparison {
    /// The ASL operator key, such as `NumericLessThanEqualsPath`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Comparison, Operand, Relation, TypeTest};
    ///
    /// assert_eq!(Comparison::Timestamp(Relation::LessThan, Operand::Path("$.deadline".into())).operator_name(), "TimestampLessThanPath");
    /// assert_eq!(Comparison::Type(TypeTest::IsPresent, true).operator_name(), "IsPresent");
    /// ```
    #[must_use]
    pub fn operator_name(&self) -> String {
        fn named<T>(family: &str, relation: Relation, operand: &Operand<T>) -> String {
            let path = if matches!(operand, Operand::Path(_)) {
                "Path"
            } else {
                ""
            };
            format!("{family}{}{path}", relation.as_str())
        }
        match self {
            Self::String(relation, operand) => named("String", *relation, operand),
            Self::StringMatches(_) => "StringMatches".to_owned(),
            Self::Numeric(relation, operand) => named("Numeric", *relation, operand),
            Self::Boolean(operand) => named("Boolean", Relation::Equals, operand),
            Self::Timestamp(relation, operand) => named("Timestamp", *relation, operand),
            Self::Type(test, _) => test.as_str().to_owned(),
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
