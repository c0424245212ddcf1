//! Names that carry meaning in a definition: state names.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

/// The name of a state: a key of a `States` object, and the target of `Next`, `Default`,
/// `StartAt` and catcher `Next` fields.
///
/// Any string is representable, so that every definition parses; the rules the spec sets
/// (1 to 80 characters, unique across the whole machine) are checked when a machine is built
/// and by the validator.
///
/// The text is shared: a clone (a `Next`, `Default` or catcher target naming the state)
/// points at the same string instead of copying it.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::StateName;
///
/// let name = StateName::from("ChargeCard");
/// assert_eq!(name.as_str(), "ChargeCard");
/// assert_eq!(name.char_count(), 10);
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StateName(Arc<str>);

impl StateName {
    /// The longest state name AWS accepts, in Unicode characters.
    pub const MAX_CHARS: usize = 80;

    /// Wraps a string as a state name.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateName;
    ///
    /// let name = StateName::new(format!("Step {}", 2));
    /// assert_eq!(name, "Step 2");
    /// ```
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self(Arc::from(name.into()))
    }

    /// The name as a string slice.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateName;
    ///
    /// assert_eq!(StateName::from("Charge").as_str(), "Charge");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number of Unicode scalar values, the unit of the 80-character limit.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateName;
    ///
    /// let name = StateName::from("Café");
    /// assert_eq!((name.char_count(), name.as_str().len()), (4, 5)); // characters, not bytes
    /// ```
    #[must_use]
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }

    /// Consumes the name, returning the string.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateName;
    ///
    /// let text: String = StateName::from("Charge").into_string();
    /// assert_eq!(text, "Charge");
    /// ```
    #[must_use]
    pub fn into_string(self) -> String {
        String::from(&*self.0)
    }
}

impl fmt::Debug for StateName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for StateName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Default for StateName {
    /// The empty name (which allocates nothing).
    fn default() -> Self {
        Self(Arc::default())
    }
}

impl From<&str> for StateName {
    fn from(name: &str) -> Self {
        Self(Arc::from(name))
    }
}

impl From<String> for StateName {
    fn from(name: String) -> Self {
        Self(Arc::from(name))
    }
}

impl From<&String> for StateName {
    fn from(name: &String) -> Self {
        Self(Arc::from(name.as_str()))
    }
}

impl From<&StateName> for StateName {
    fn from(name: &StateName) -> Self {
        name.clone()
    }
}

impl AsRef<str> for StateName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for StateName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for StateName {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for StateName {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}
