//! `Path<T>`: the typed path of a scalar value, with the comparisons its type allows.

use std::fmt;
use std::marker::PhantomData;

use serde_json::Number;

use super::error::PredicateError;
use super::location::Location;
use super::node::{PathNode, ValueKind};
use super::predicate::{NumericLiteral, Predicate, guarded, numeric, string};
use crate::model::{Comparison, JsonPath, Jsonata, Operand, Relation};

/// The typed path of a scalar field of type `T`.
///
/// The comparisons offered depend on `T`: numbers get numeric comparisons, `String` gets
/// string comparisons and `matches`, `bool` gets `is_true`/`is_false`, and
/// [`Timestamp`](super::Timestamp) gets `before`/`after`. Anything else does not compile:
///
/// ```compile_fail
/// use sfn_dsl::typed::{Location, Path};
/// let name: Path<String> = Path::at(Location::input().field("name"));
/// let _ = name.gt(5); // a numeric comparison on a string field
/// ```
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Location, Path};
///
/// let total: Path<f64> = Path::at(Location::input().field("total"));
/// assert_eq!(total.gt(100.0).jsonata_text(), "$states.input.total > 100");
/// assert_eq!(total.to_json_path().as_str(), "$.total");
/// ```
pub struct Path<T: ?Sized> {
    location: Location,
    value: PhantomData<fn() -> T>,
}

impl<T: ?Sized> Clone for Path<T> {
    fn clone(&self) -> Self {
        Self::at(self.location.clone())
    }
}

impl<T: ?Sized> fmt::Debug for Path<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Path").field(&self.location).finish()
    }
}

impl<T: ?Sized> Path<T> {
    /// The path at `location`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let id: Path<String> = Path::at(Location::input().field("order").field("id"));
    /// assert_eq!(id.to_json_path().as_str(), "$.order.id");
    /// ```
    #[must_use]
    pub fn at(location: Location) -> Self {
        Self {
            location,
            value: PhantomData,
        }
    }

    /// Where the path points.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let id: Path<String> = Path::at(Location::variable("order").field("id"));
    /// assert_eq!(id.location(), &Location::variable("order").field("id"));
    /// assert_eq!(id.location().last_field(), Some("id"));
    /// ```
    #[must_use]
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The path as a JSONPath.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let sku: Path<String> = Path::at(Location::input().field("items").index(0).field("sku"));
    /// assert_eq!(sku.to_json_path().as_str(), "$.items[0].sku");
    /// ```
    #[must_use]
    pub fn to_json_path(&self) -> JsonPath {
        self.location.to_json_path()
    }

    /// The path as a JSONata expression.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let sku: Path<String> = Path::at(Location::input().field("items").index(0).field("sku"));
    /// assert_eq!(sku.to_jsonata().as_str().trim(), "$states.input.items[0].sku");
    /// ```
    #[must_use]
    pub fn to_jsonata(&self) -> Jsonata {
        self.location.to_jsonata()
    }
}

/// Scalar types whose `Path` is [`Path<Self>`], with their JSON kind.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Location, Path, PathNode, Scalar, ValueKind};
///
/// fn kind_of<T: Scalar>() -> ValueKind {
///     T::KIND
/// }
/// assert_eq!(kind_of::<u32>(), ValueKind::Number);
/// assert_eq!(kind_of::<String>(), ValueKind::String);
///
/// // A scalar's typed path is `Path<T>`, with the comparisons of its kind.
/// let retries: Path<u32> = PathNode::at(Location::input().field("retries"));
/// assert_eq!(retries.gt(3).jsonata_text(), "$states.input.retries > 3");
/// ```
pub trait Scalar {
    /// The JSON kind of the values.
    const KIND: ValueKind;
}

impl<T: Scalar + ?Sized> PathNode for Path<T> {
    const KIND: ValueKind = T::KIND;

    fn at(location: Location) -> Self {
        Self::at(location)
    }

    fn location(&self) -> &Location {
        &self.location
    }
}

/// The `# Examples` section of a numeric comparison: `$method` on a `Path<$number>` gives
/// the same JSONPath condition as the `Rule` constructor `$rule`, and the JSONata `$op`.
macro_rules! numeric_example {
    ($number:ty, $method:ident, $rule:ident, $op:literal) => {
        concat!(
            "# Examples\n\n```\nuse sfn_dsl::prelude::*;\nuse sfn_dsl::typed::{Location, Path};\n\n",
            "let total: Path<", stringify!($number), "> = Path::at(Location::input().field(\"total\"));\n",
            "let predicate = total.", stringify!($method), "(5_", stringify!($number), ");\n",
            "assert_eq!(predicate.jsonata_text(), \"$states.input.total ", $op, " 5\");\n",
            "assert_eq!(\n    predicate.to_json_path(),\n    *Rule::", stringify!($rule),
            "(\"$.total\", 5).condition()\n);\n```"
        )
    };
}

macro_rules! numeric_paths {
    ($($number:ty => $convert:expr),* $(,)?) => {$(
        impl Scalar for $number {
            const KIND: ValueKind = ValueKind::Number;
        }

        impl super::Payload for $number {
            type Path = Path<$number>;
        }

        impl Path<$number> {
            fn compare(&self, relation: Relation, value: $number) -> Predicate {
                #[allow(clippy::redundant_closure_call, reason = "the conversion differs per number type")]
                let number: NumericLiteral = ($convert)(value);
                numeric(&self.location, relation, number)
            }

            /// The value equals `value` (`NumericEquals`).
            ///
            #[doc = numeric_example!($number, equals, numeric_equals, "=")]
            #[must_use]
            pub fn equals(&self, value: $number) -> Predicate {
                self.compare(Relation::Equals, value)
            }

            /// The value is less than `value` (`NumericLessThan`).
            ///
            #[doc = numeric_example!($number, lt, numeric_less_than, "<")]
            #[must_use]
            pub fn lt(&self, value: $number) -> Predicate {
                self.compare(Relation::LessThan, value)
            }

            /// The value is greater than `value` (`NumericGreaterThan`).
            ///
            #[doc = numeric_example!($number, gt, numeric_greater_than, ">")]
            #[must_use]
            pub fn gt(&self, value: $number) -> Predicate {
                self.compare(Relation::GreaterThan, value)
            }

            /// The value is at most `value` (`NumericLessThanEquals`).
            ///
            #[doc = numeric_example!($number, le, numeric_less_than_equals, "<=")]
            #[must_use]
            pub fn le(&self, value: $number) -> Predicate {
                self.compare(Relation::LessThanEquals, value)
            }

            /// The value is at least `value` (`NumericGreaterThanEquals`).
            ///
            #[doc = numeric_example!($number, ge, numeric_greater_than_equals, ">=")]
            #[must_use]
            pub fn ge(&self, value: $number) -> Predicate {
                self.compare(Relation::GreaterThanEquals, value)
            }
        }
    )*};
}

numeric_paths! {
    i8 => |value: i8| NumericLiteral::Finite(Number::from(value)),
    i16 => |value: i16| NumericLiteral::Finite(Number::from(value)),
    i32 => |value: i32| NumericLiteral::Finite(Number::from(value)),
    i64 => |value: i64| NumericLiteral::Finite(Number::from(value)),
    isize => |value: isize| NumericLiteral::Finite(Number::from(value)),
    u8 => |value: u8| NumericLiteral::Finite(Number::from(value)),
    u16 => |value: u16| NumericLiteral::Finite(Number::from(value)),
    u32 => |value: u32| NumericLiteral::Finite(Number::from(value)),
    u64 => |value: u64| NumericLiteral::Finite(Number::from(value)),
    usize => |value: usize| NumericLiteral::Finite(Number::from(value)),
    f32 => float32,
    f64 => float,
}

/// An `f32` as the shortest decimal that reads back as the same `f32` (`1.1`, not its
/// binary64 widening `1.100000023841858`): a JSON `1.1` deserializes to `1.1f32`, and Step
/// Functions compares the number as written, in binary64.
fn float32(value: f32) -> NumericLiteral {
    // `f32`'s `Display` writes that shortest decimal, which binary64 reads exactly enough.
    let shortest = value.to_string().parse().unwrap_or(f64::from(value));
    float(shortest)
}

/// Integral floats print without a fraction, as JSON writers do for `100.0`; JSON has no
/// infinities or `NaN`, which the comparisons handle apart.
fn float(value: f64) -> NumericLiteral {
    if value.is_nan() {
        return NumericLiteral::NotANumber;
    }
    if value == f64::INFINITY {
        return NumericLiteral::PositiveInfinity;
    }
    if value == f64::NEG_INFINITY {
        return NumericLiteral::NegativeInfinity;
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "only taken when the value is integral and within i64"
    )]
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        return NumericLiteral::Finite(Number::from(value as i64));
    }
    Number::from_f64(value).map_or(NumericLiteral::NotANumber, NumericLiteral::Finite)
}

impl Scalar for String {
    const KIND: ValueKind = ValueKind::String;
}

impl super::Payload for String {
    type Path = Path<String>;
}

impl Path<String> {
    /// The value equals `value` (`StringEquals`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let region: Path<String> = Path::at(Location::input().field("region"));
    /// let rule = region.equals("EU");
    /// let Condition::Test(test) = rule.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison.operator_name(), "StringEquals");
    /// assert!(rule.jsonata_text().contains("$states.input.region = "));
    /// ```
    #[must_use]
    pub fn equals(&self, value: &str) -> Predicate {
        string(&self.location, Relation::Equals, value)
    }

    /// The value sorts before `value` (`StringLessThan`).
    ///
    /// Strings sort by code point in Rust and in JSONPath rules, by UTF-16 code unit in
    /// JSONata: the two forms disagree only when, at the first character where the value
    /// and `value` differ, one is from U+E000 to U+FFFF and the other above U+FFFF, so never
    /// when `value` has neither (`"😀" < "\u{ff61}"` is false in Rust and JSONPath, true in
    /// JSONata). The same holds for [`gt`](Self::gt), [`le`](Self::le) and [`ge`](Self::ge).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let region: Path<String> = Path::at(Location::input().field("region"));
    /// let rule = region.lt("M");
    /// let Condition::Test(test) = rule.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison.operator_name(), "StringLessThan");
    /// assert!(rule.jsonata_text().contains("$states.input.region < "));
    /// ```
    #[must_use]
    pub fn lt(&self, value: &str) -> Predicate {
        string(&self.location, Relation::LessThan, value)
    }

    /// The value sorts after `value` (`StringGreaterThan`); see [`lt`](Self::lt) for
    /// characters above U+FFFF.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let region: Path<String> = Path::at(Location::input().field("region"));
    /// let rule = region.gt("M");
    /// let Condition::Test(test) = rule.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison.operator_name(), "StringGreaterThan");
    /// assert!(rule.jsonata_text().contains("$states.input.region > "));
    /// ```
    #[must_use]
    pub fn gt(&self, value: &str) -> Predicate {
        string(&self.location, Relation::GreaterThan, value)
    }

    /// The value sorts before or equals `value` (`StringLessThanEquals`); see
    /// [`lt`](Self::lt) for characters above U+FFFF.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let region: Path<String> = Path::at(Location::input().field("region"));
    /// let rule = region.le("M");
    /// let Condition::Test(test) = rule.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison.operator_name(), "StringLessThanEquals");
    /// assert!(rule.jsonata_text().contains("$states.input.region <= "));
    /// ```
    #[must_use]
    pub fn le(&self, value: &str) -> Predicate {
        string(&self.location, Relation::LessThanEquals, value)
    }

    /// The value sorts after or equals `value` (`StringGreaterThanEquals`); see
    /// [`lt`](Self::lt) for characters above U+FFFF.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let region: Path<String> = Path::at(Location::input().field("region"));
    /// let rule = region.ge("M");
    /// let Condition::Test(test) = rule.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison.operator_name(), "StringGreaterThanEquals");
    /// assert!(rule.jsonata_text().contains("$states.input.region >= "));
    /// ```
    #[must_use]
    pub fn ge(&self, value: &str) -> Predicate {
        string(&self.location, Relation::GreaterThanEquals, value)
    }

    /// The value matches `pattern`, where `*` matches any run of characters (newlines
    /// included), `\*` is a literal star and `\\` a literal backslash (`StringMatches`).
    ///
    /// # Errors
    ///
    /// [`PredicateError::InvalidPattern`] when a backslash escapes anything else (`\d`, or
    /// a backslash that ends the pattern): AWS refuses such a pattern.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let file: Path<String> = Path::at(Location::input().field("file"));
    /// assert_eq!(
    ///     file.matches(r"*.log\*")?.jsonata_text(),
    ///     r"$contains($states.input.file, /^[\s\S]*\.log\*$/)"
    /// );
    /// assert!(file.matches(r"\d").is_err());
    /// # Ok::<(), sfn_dsl::typed::PredicateError>(())
    /// ```
    pub fn matches(&self, pattern: &str) -> Result<Predicate, PredicateError> {
        if let Some(found) = crate::validate::choice::invalid_escape(pattern) {
            return Err(PredicateError::InvalidPattern {
                pattern: pattern.to_owned(),
                found,
            });
        }
        let test = format!(
            "$contains({}, /^{}$/)",
            self.location.to_jsonata_text(),
            pattern_regex(pattern)
        );
        Ok(Predicate::test(
            &self.location,
            Comparison::StringMatches(pattern.to_owned()),
            guarded(&self.location, "string", test),
        ))
    }
}

/// The body of a JSONata regex that matches what the `StringMatches` pattern does.
///
/// `*` becomes `[\s\S]*`, which takes newlines too (`.` does not). A backslash makes the
/// next character literal (`matches` accepts only `\*` and `\\`).
fn pattern_regex(pattern: &str) -> String {
    let mut regex = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => regex.push_str("[\\s\\S]*"),
            '\\' => push_literal(&mut regex, chars.next().unwrap_or('\\')),
            other => push_literal(&mut regex, other),
        }
    }
    regex
}

/// Appends `c` to a JSONata regex so that it matches only itself.
fn push_literal(regex: &mut String, c: char) {
    // Not `\\`: JSONata's scanner (jsonata-js's too) takes a bracket after a backslash
    // as escaped when it looks for the closing `/`, so `/^a\\[\s\S]*$/` would not end.
    if c == '\\' {
        regex.push_str("\\x5c");
        return;
    }
    if "^$.|?*+()[]{}/".contains(c) {
        regex.push('\\');
    }
    regex.push(c);
}

impl Scalar for bool {
    const KIND: ValueKind = ValueKind::Boolean;
}

impl super::Payload for bool {
    type Path = Path<bool>;
}

impl Path<bool> {
    /// The value equals `value` (`BooleanEquals`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Comparison, Condition, Operand};
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let express: Path<bool> = Path::at(Location::input().field("express"));
    /// let rule = express.equals(false);
    /// assert_eq!(rule.jsonata_text(), "$states.input.express = false");
    /// let Condition::Test(test) = rule.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison, Comparison::Boolean(Operand::Literal(false)));
    /// ```
    #[must_use]
    pub fn equals(&self, value: bool) -> Predicate {
        let jsonata = format!("{} = {value}", self.location.to_jsonata_text());
        Predicate::test(
            &self.location,
            Comparison::Boolean(Operand::Literal(value)),
            jsonata,
        )
    }

    /// The value is `true`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Comparison, Condition, Operand};
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let express: Path<bool> = Path::at(Location::input().field("express"));
    /// let rule = express.is_true();
    /// assert_eq!(rule.jsonata_text(), "$states.input.express = true");
    /// let Condition::Test(test) = rule.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison, Comparison::Boolean(Operand::Literal(true)));
    /// ```
    #[must_use]
    pub fn is_true(&self) -> Predicate {
        self.equals(true)
    }

    /// The value is `false`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Comparison, Condition, Operand};
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let express: Path<bool> = Path::at(Location::input().field("express"));
    /// let rule = express.is_false();
    /// assert_eq!(rule.jsonata_text(), "$states.input.express = false");
    /// let Condition::Test(test) = rule.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison, Comparison::Boolean(Operand::Literal(false)));
    /// ```
    #[must_use]
    pub fn is_false(&self) -> Predicate {
        self.equals(false)
    }
}

impl Scalar for serde_json::Value {
    const KIND: ValueKind = ValueKind::Other;
}

impl super::Payload for serde_json::Value {
    type Path = Path<serde_json::Value>;
}

impl Path<serde_json::Value> {
    /// The field `name` of an untyped object.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let extra: Path<serde_json::Value> = Path::at(Location::input().field("extra"));
    /// assert_eq!(extra.field("color").to_json_path().as_str(), "$.extra.color");
    /// ```
    #[must_use]
    pub fn field(&self, name: &str) -> Self {
        Self::at(self.location.field(name))
    }

    /// The element at `index` of an untyped array.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let rows: Path<serde_json::Value> = Path::at(Location::input().field("rows"));
    /// assert_eq!(rows.index(2).field("id").to_json_path().as_str(), "$.rows[2].id");
    /// ```
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        Self::at(self.location.index(index))
    }
}

impl Scalar for () {
    const KIND: ValueKind = ValueKind::Other;
}

impl super::Payload for () {
    type Path = Path<()>;
}

#[cfg(test)]
mod tests {
    use super::Path;
    use crate::model::{Comparison, Condition, Operand, Relation, TypeTest};
    use crate::typed::{Location, Timestamp};

    #[test]
    fn numbers_render_like_json() {
        let total: Path<f64> = Path::at(Location::input().field("total"));
        let Condition::Test(test) = total.ge(99.5).to_json_path() else {
            panic!("not a test")
        };
        assert_eq!(test.variable.as_str(), "$.total");
        assert_eq!(
            test.comparison,
            Comparison::Numeric(
                Relation::GreaterThanEquals,
                Operand::Literal(serde_json::Number::from_f64(99.5).expect("finite"))
            )
        );
        assert_eq!(total.equals(3.0).jsonata_text(), "$states.input.total = 3");
        assert_eq!(total.lt(f64::NAN).jsonata_text(), "false");
    }

    #[test]
    fn f32_literals_are_their_shortest_decimal() {
        let ratio: Path<f32> = Path::at(Location::input().field("ratio"));
        assert_eq!(
            ratio.equals(1.1).jsonata_text(),
            "$states.input.ratio = 1.1"
        );
        assert_eq!(ratio.gt(0.1).jsonata_text(), "$states.input.ratio > 0.1");
        assert_eq!(ratio.lt(1e30).jsonata_text(), "$states.input.ratio < 1e+30");
        assert_eq!(ratio.ge(3.0).jsonata_text(), "$states.input.ratio >= 3");
    }

    #[test]
    fn infinite_operands_are_type_tests_or_never() {
        let total: Path<f64> = Path::at(Location::input().field("total"));
        for every_number in [total.lt(f64::INFINITY), total.ge(f64::NEG_INFINITY)] {
            assert_eq!(
                every_number.jsonata_text(),
                "$type($states.input.total) = 'number'"
            );
            assert!(matches!(
                every_number.to_json_path(),
                Condition::Test(test) if test.comparison == Comparison::Type(TypeTest::IsNumeric, true)
            ));
        }
        for never in [total.gt(f64::INFINITY), total.le(f64::NEG_INFINITY)] {
            assert_eq!(never.jsonata_text(), "false");
        }
    }

    #[test]
    fn strings_timestamps_and_patterns() {
        let name: Path<String> = Path::at(Location::variable("order").field("name"));
        assert_eq!(
            name.matches("a*.log").expect("a pattern").jsonata_text(),
            "$contains($order.name, /^a[\\s\\S]*\\.log$/)"
        );
        // Only `\*` and `\\` are escapes: a literal star, a literal backslash.
        assert_eq!(
            name.matches(r"x\*y\\z*\\")
                .expect("a pattern")
                .jsonata_text(),
            r"$contains($order.name, /^x\*y\x5cz[\s\S]*\x5c$/)"
        );
        let at: Path<Timestamp> = Path::at(Location::input().field("at"));
        let before = at.before("2024-01-01T00:00:00Z").expect("a timestamp");
        assert!(
            before.jsonata_text().starts_with(
                "$type($states.input.at) = 'string' and $contains($states.input.at, /^"
            ) && before.jsonata_text().ends_with(
                "$/) and $toMillis($states.input.at) < $toMillis('2024-01-01T00:00:00Z')"
            ),
            "{}",
            before.jsonata_text()
        );
        assert_eq!(
            before.to_json_path(),
            Condition::Test(crate::model::DataTest {
                variable: "$.at".into(),
                comparison: Comparison::Timestamp(
                    Relation::LessThan,
                    Operand::Literal("2024-01-01T00:00:00Z".to_owned())
                ),
            })
        );
    }
}
