//! `Timestamp`: an RFC 3339 instant carried as text.

use std::fmt;

use serde::{Deserialize, Serialize};

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
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The text.
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
