//! `Path<T>`: the typed path of a scalar value, with the comparisons its type allows.

use std::fmt;
use std::marker::PhantomData;

use serde_json::Number;

use super::location::Location;
use super::node::{PathNode, ValueKind};
use super::predicate::{Predicate, jsonata_operator, jsonata_string, numeric, string};
use super::timestamp::Timestamp;
use crate::model::{Comparison, JsonPath, Jsonata, Operand, Relation};

/// The typed path of a scalar field of type `T`.
///
/// The comparisons offered depend on `T`: numbers get numeric comparisons, `String` gets
/// string comparisons and `matches`, `bool` gets `is_true`/`is_false`, and
/// [`Timestamp`] gets `before`/`after`. Anything else does not compile:
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
    #[must_use]
    pub fn at(location: Location) -> Self {
        Self {
            location,
            value: PhantomData,
        }
    }

    /// Where the path points.
    #[must_use]
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The path as a JSONPath.
    #[must_use]
    pub fn to_json_path(&self) -> JsonPath {
        self.location.to_json_path()
    }

    /// The path as a JSONata expression.
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
                let number: Option<Number> = ($convert)(value);
                numeric(&self.location, relation, number)
            }

            /// The value equals `value` (`NumericEquals`).
            #[must_use]
            pub fn equals(&self, value: $number) -> Predicate {
                self.compare(Relation::Equals, value)
            }

            /// The value is less than `value` (`NumericLessThan`).
            #[must_use]
            pub fn lt(&self, value: $number) -> Predicate {
                self.compare(Relation::LessThan, value)
            }

            /// The value is greater than `value` (`NumericGreaterThan`).
            #[must_use]
            pub fn gt(&self, value: $number) -> Predicate {
                self.compare(Relation::GreaterThan, value)
            }

            /// The value is at most `value` (`NumericLessThanEquals`).
            #[must_use]
            pub fn le(&self, value: $number) -> Predicate {
                self.compare(Relation::LessThanEquals, value)
            }

            /// The value is at least `value` (`NumericGreaterThanEquals`).
            #[must_use]
            pub fn ge(&self, value: $number) -> Predicate {
                self.compare(Relation::GreaterThanEquals, value)
            }
        }
    )*};
}

numeric_paths! {
    i8 => |value: i8| Some(Number::from(value)),
    i16 => |value: i16| Some(Number::from(value)),
    i32 => |value: i32| Some(Number::from(value)),
    i64 => |value: i64| Some(Number::from(value)),
    isize => |value: isize| Some(Number::from(value)),
    u8 => |value: u8| Some(Number::from(value)),
    u16 => |value: u16| Some(Number::from(value)),
    u32 => |value: u32| Some(Number::from(value)),
    u64 => |value: u64| Some(Number::from(value)),
    usize => |value: usize| Some(Number::from(value)),
    f32 => |value: f32| float(f64::from(value)),
    f64 => float,
}

/// Integral floats print without a fraction, as JSON writers do for `100.0`.
fn float(value: f64) -> Option<Number> {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "only taken when the value is integral and within i64"
    )]
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        return Some(Number::from(value as i64));
    }
    Number::from_f64(value)
}

impl Scalar for String {
    const KIND: ValueKind = ValueKind::String;
}

impl super::Payload for String {
    type Path = Path<String>;
}

impl Path<String> {
    /// The value equals `value` (`StringEquals`).
    #[must_use]
    pub fn equals(&self, value: &str) -> Predicate {
        string(&self.location, Relation::Equals, value)
    }

    /// The value sorts before `value` (`StringLessThan`).
    #[must_use]
    pub fn lt(&self, value: &str) -> Predicate {
        string(&self.location, Relation::LessThan, value)
    }

    /// The value sorts after `value` (`StringGreaterThan`).
    #[must_use]
    pub fn gt(&self, value: &str) -> Predicate {
        string(&self.location, Relation::GreaterThan, value)
    }

    /// The value sorts before or equals `value` (`StringLessThanEquals`).
    #[must_use]
    pub fn le(&self, value: &str) -> Predicate {
        string(&self.location, Relation::LessThanEquals, value)
    }

    /// The value sorts after or equals `value` (`StringGreaterThanEquals`).
    #[must_use]
    pub fn ge(&self, value: &str) -> Predicate {
        string(&self.location, Relation::GreaterThanEquals, value)
    }

    /// The value matches `pattern`, where `*` matches any run of characters (newlines
    /// included), `\*` is a literal star and `\\` a literal backslash (`StringMatches`).
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path};
    ///
    /// let file: Path<String> = Path::at(Location::input().field("file"));
    /// assert_eq!(
    ///     file.matches(r"*.log\*").jsonata_text(),
    ///     r"$contains($states.input.file, /^[\s\S]*\.log\*$/)"
    /// );
    /// ```
    #[must_use]
    pub fn matches(&self, pattern: &str) -> Predicate {
        let jsonata = format!(
            "$contains({}, /^{}$/)",
            self.location.to_jsonata_text(),
            pattern_regex(pattern)
        );
        Predicate::test(
            &self.location,
            Comparison::StringMatches(pattern.to_owned()),
            jsonata,
        )
    }
}

/// The body of a JSONata regex that matches what the `StringMatches` pattern does.
///
/// `*` becomes `[\s\S]*`, which takes newlines too (`.` does not). A backslash makes the
/// next character literal, as in sfn-local's JSONPath rule (the validator accepts only
/// `\*` and `\\`); a trailing backslash stands for itself.
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
    #[must_use]
    pub fn is_true(&self) -> Predicate {
        self.equals(true)
    }

    /// The value is `false`.
    #[must_use]
    pub fn is_false(&self) -> Predicate {
        self.equals(false)
    }
}

impl Scalar for Timestamp {
    const KIND: ValueKind = ValueKind::String;
}

impl super::Payload for Timestamp {
    type Path = Path<Timestamp>;
}

impl Path<Timestamp> {
    fn compare(&self, relation: Relation, instant: &str) -> Predicate {
        let jsonata = format!(
            "$toMillis({}) {} $toMillis({})",
            self.location.to_jsonata_text(),
            jsonata_operator(relation),
            jsonata_string(instant)
        );
        Predicate::test(
            &self.location,
            Comparison::Timestamp(relation, Operand::Literal(instant.to_owned())),
            jsonata,
        )
    }

    /// The instant equals `instant`, an RFC 3339 timestamp (`TimestampEquals`).
    #[must_use]
    pub fn equals(&self, instant: &str) -> Predicate {
        self.compare(Relation::Equals, instant)
    }

    /// The instant is before `instant` (`TimestampLessThan`).
    #[must_use]
    pub fn before(&self, instant: &str) -> Predicate {
        self.compare(Relation::LessThan, instant)
    }

    /// The instant is after `instant` (`TimestampGreaterThan`).
    #[must_use]
    pub fn after(&self, instant: &str) -> Predicate {
        self.compare(Relation::GreaterThan, instant)
    }

    /// The instant is not after `instant` (`TimestampLessThanEquals`).
    #[must_use]
    pub fn not_after(&self, instant: &str) -> Predicate {
        self.compare(Relation::LessThanEquals, instant)
    }

    /// The instant is not before `instant` (`TimestampGreaterThanEquals`).
    #[must_use]
    pub fn not_before(&self, instant: &str) -> Predicate {
        self.compare(Relation::GreaterThanEquals, instant)
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
    #[must_use]
    pub fn field(&self, name: &str) -> Self {
        Self::at(self.location.field(name))
    }

    /// The element at `index` of an untyped array.
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
    use crate::model::{Comparison, Condition, Operand, Relation};
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
    fn strings_timestamps_and_patterns() {
        let name: Path<String> = Path::at(Location::variable("order").field("name"));
        assert_eq!(
            name.matches("a*.log").jsonata_text(),
            "$contains($order.name, /^a[\\s\\S]*\\.log$/)"
        );
        // Only `\*` and `\\` are escapes: a literal star, a literal backslash.
        assert_eq!(
            name.matches(r"x\*y\\z*\\").jsonata_text(),
            r"$contains($order.name, /^x\*y\x5cz[\s\S]*\x5c$/)"
        );
        let at: Path<Timestamp> = Path::at(Location::input().field("at"));
        assert_eq!(
            at.before("2024-01-01T00:00:00Z").jsonata_text(),
            "$toMillis($states.input.at) < $toMillis('2024-01-01T00:00:00Z')"
        );
        assert_eq!(
            at.before("2024-01-01T00:00:00Z").to_json_path().clone(),
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
