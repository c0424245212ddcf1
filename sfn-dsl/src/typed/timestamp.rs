//! `Timestamp`: an RFC 3339 instant carried as text, and the comparisons of its typed path.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::PredicateError;
use super::leaf::{Path, Scalar};
use super::node::{Payload, ValueKind};
use super::predicate::{Predicate, RFC_3339_REGEX, jsonata_operator, jsonata_string};
use crate::model::{Comparison, Operand, Relation};

/// An RFC 3339 instant such as `2024-05-01T12:00:00Z`, as Step Functions compares and waits
/// on them. Fields of this type get timestamp comparisons in typed paths
/// (`before`/`after`) and can be slept until in workflows (`sleep_until`).
///
/// Serialized as the plain string.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::Timestamp;
///
/// let at = Timestamp::new("2024-05-01T12:00:00Z");
/// assert_eq!(at.as_str(), "2024-05-01T12:00:00Z");
/// assert_eq!(serde_json::to_string(&at)?, "\"2024-05-01T12:00:00Z\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    /// Wraps RFC 3339 text (not checked here; Step Functions checks it when it compares or
    /// waits).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::Timestamp;
    ///
    /// let at = Timestamp::new("2024-05-01T12:00:00Z");
    /// assert_eq!(at.to_string(), "2024-05-01T12:00:00Z");
    /// ```
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The text.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::Timestamp;
    ///
    /// assert_eq!(Timestamp::from("2030-01-01T00:00:00Z").as_str(), "2030-01-01T00:00:00Z");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Timestamp {
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl From<String> for Timestamp {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl Scalar for Timestamp {
    const KIND: ValueKind = ValueKind::String;
}

impl Payload for Timestamp {
    type Path = Path<Timestamp>;
}

impl Path<Timestamp> {
    /// Compares the instant with `instant`.
    ///
    /// The JSONata form reads the value only when it is an RFC 3339 timestamp as Step
    /// Functions compares them (see [`RFC_3339_REGEX`]), so anything else is false, as in
    /// the JSONPath rule, where `$toMillis` alone would read more texts or fail.
    fn compare(&self, relation: Relation, instant: &str) -> Result<Predicate, PredicateError> {
        if !crate::validate::timestamp::is_rfc3339(instant) {
            return Err(PredicateError::InvalidTimestamp {
                literal: instant.to_owned(),
            });
        }
        let subject = self.location().to_jsonata_text();
        let jsonata = format!(
            "$type({subject}) = 'string' and $contains({subject}, {RFC_3339_REGEX}) and $toMillis({subject}) {} $toMillis({})",
            jsonata_operator(relation),
            jsonata_string(instant)
        );
        Ok(Predicate::test(
            self.location(),
            Comparison::Timestamp(relation, Operand::Literal(instant.to_owned())),
            jsonata,
        ))
    }

    /// The instant equals `instant`, an RFC 3339 timestamp (`TimestampEquals`). A value
    /// that is not such a timestamp (`2024-01-01`, a lowercase `t`, no offset) is not
    /// equal to anything, in both query languages.
    ///
    /// # Errors
    ///
    /// [`PredicateError::InvalidTimestamp`] when `instant` is not an RFC 3339 timestamp
    /// with uppercase `T` and `Z` (AWS refuses the rule). The same holds for the other
    /// comparisons.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::typed::{Location, Path, Timestamp};
    ///
    /// let at: Path<Timestamp> = Path::at(Location::input().field("at"));
    /// let rule = at.before("2024-01-01T00:00:00Z")?;
    /// assert!(rule.jsonata_text().ends_with(
    ///     "$toMillis($states.input.at) < $toMillis('2024-01-01T00:00:00Z')"
    /// ));
    /// assert!(at.after("yesterday").is_err());
    /// # Ok::<(), sfn_dsl::typed::PredicateError>(())
    /// ```
    pub fn equals(&self, instant: &str) -> Result<Predicate, PredicateError> {
        self.compare(Relation::Equals, instant)
    }

    /// The instant is before `instant` (`TimestampLessThan`).
    ///
    /// # Errors
    ///
    /// [`PredicateError::InvalidTimestamp`] when `instant` is not an RFC 3339 timestamp.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, Path, Timestamp};
    ///
    /// let due: Path<Timestamp> = Path::at(Location::input().field("due"));
    /// let Condition::Test(test) = due.before("2030-01-01T00:00:00Z")?.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison.operator_name(), "TimestampLessThan");
    /// assert!(due.before("next week").is_err());
    /// # Ok::<(), sfn_dsl::typed::PredicateError>(())
    /// ```
    pub fn before(&self, instant: &str) -> Result<Predicate, PredicateError> {
        self.compare(Relation::LessThan, instant)
    }

    /// The instant is after `instant` (`TimestampGreaterThan`).
    ///
    /// # Errors
    ///
    /// [`PredicateError::InvalidTimestamp`] when `instant` is not an RFC 3339 timestamp.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, Path, Timestamp};
    ///
    /// let due: Path<Timestamp> = Path::at(Location::input().field("due"));
    /// let Condition::Test(test) = due.after("2030-01-01T00:00:00Z")?.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison.operator_name(), "TimestampGreaterThan");
    /// assert!(due.after("next week").is_err());
    /// # Ok::<(), sfn_dsl::typed::PredicateError>(())
    /// ```
    pub fn after(&self, instant: &str) -> Result<Predicate, PredicateError> {
        self.compare(Relation::GreaterThan, instant)
    }

    /// The instant is not after `instant` (`TimestampLessThanEquals`).
    ///
    /// # Errors
    ///
    /// [`PredicateError::InvalidTimestamp`] when `instant` is not an RFC 3339 timestamp.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, Path, Timestamp};
    ///
    /// let due: Path<Timestamp> = Path::at(Location::input().field("due"));
    /// let Condition::Test(test) = due.not_after("2030-01-01T00:00:00Z")?.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison.operator_name(), "TimestampLessThanEquals");
    /// assert!(due.not_after("next week").is_err());
    /// # Ok::<(), sfn_dsl::typed::PredicateError>(())
    /// ```
    pub fn not_after(&self, instant: &str) -> Result<Predicate, PredicateError> {
        self.compare(Relation::LessThanEquals, instant)
    }

    /// The instant is not before `instant` (`TimestampGreaterThanEquals`).
    ///
    /// # Errors
    ///
    /// [`PredicateError::InvalidTimestamp`] when `instant` is not an RFC 3339 timestamp.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Condition;
    /// use sfn_dsl::typed::{Location, Path, Timestamp};
    ///
    /// let due: Path<Timestamp> = Path::at(Location::input().field("due"));
    /// let Condition::Test(test) = due.not_before("2030-01-01T00:00:00Z")?.to_json_path() else { panic!("a data test") };
    /// assert_eq!(test.comparison.operator_name(), "TimestampGreaterThanEquals");
    /// assert!(due.not_before("next week").is_err());
    /// # Ok::<(), sfn_dsl::typed::PredicateError>(())
    /// ```
    pub fn not_before(&self, instant: &str) -> Result<Predicate, PredicateError> {
        self.compare(Relation::GreaterThanEquals, instant)
    }
}
