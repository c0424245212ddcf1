//! `PredicateError`: a typed-path predicate refused when it is made.

/// A literal that a typed-path predicate cannot use, found when the predicate is made
/// (the validator would refuse the JSONPath rule, and the JSONata form would fail or mean
/// something else).
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Location, Path, PredicateError, Timestamp};
///
/// let at: Path<Timestamp> = Path::at(Location::input().field("at"));
/// assert!(matches!(at.after("yesterday"), Err(PredicateError::InvalidTimestamp { .. })));
/// let name: Path<String> = Path::at(Location::input().field("name"));
/// assert!(matches!(name.matches(r"\d*"), Err(PredicateError::InvalidPattern { .. })));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PredicateError {
    /// A timestamp comparison's literal is not an RFC 3339 timestamp.
    #[error(
        "`{literal}` is not an RFC 3339 timestamp (write it like `2024-01-31T23:59:00Z` or `2024-01-31T23:59:00.5+02:00`, uppercase `T` and `Z`)"
    )]
    InvalidTimestamp {
        /// The literal as given.
        literal: String,
    },
    /// A `matches` pattern has a backslash that escapes neither `*` nor a backslash.
    #[error(
        "the pattern `{pattern}` has a backslash followed by {found}: only `\\*` (a literal star) and `\\\\` (a literal backslash) are escapes"
    )]
    InvalidPattern {
        /// The pattern as given.
        pattern: String,
        /// What follows the backslash: a quoted character or `the end of the pattern`.
        found: String,
    },
}
