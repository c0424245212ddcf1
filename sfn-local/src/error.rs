//! The error of a failed evaluation, named as AWS names it.

use std::fmt;

/// A runtime failure: an error name such as `States.Runtime` and a human-readable cause, as
/// they appear in an execution's failure event.
///
/// The causes follow AWS's recorded texts where a recording exists (for example
/// `Invalid path '$.x' : No results for path: $['x']`). AWS prefixes them with
/// `An error occurred while executing the state '<name>' (entered at the event id #<n>). `;
/// that prefix is the executor's to add.
///
/// # Examples
///
/// ```
/// use sfn_local::error::RuntimeError;
///
/// let error = RuntimeError::runtime("something failed");
/// assert_eq!(error.error, "States.Runtime");
/// assert_eq!(error.to_string(), "States.Runtime: something failed");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RuntimeError {
    /// The error name, such as `States.Runtime`.
    pub error: String,
    /// What happened.
    pub cause: String,
}

impl RuntimeError {
    /// The name AWS gives to path, template and intrinsic failures. It cannot be caught.
    pub const RUNTIME: &'static str = "States.Runtime";
    /// The name of a `ResultPath` that cannot be applied to the state input.
    pub const RESULT_PATH_MATCH_FAILURE: &'static str = "States.ResultPathMatchFailure";

    /// An error with the given name and cause.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::error::RuntimeError;
    ///
    /// let error = RuntimeError::new(RuntimeError::RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath");
    /// assert_eq!(error.error, "States.ResultPathMatchFailure");
    /// assert_eq!(error.to_string(), "States.ResultPathMatchFailure: Unable to apply ResultPath");
    /// ```
    #[must_use]
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Self {
            error: error.into(),
            cause: cause.into(),
        }
    }

    /// A `States.Runtime` error.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::error::RuntimeError;
    ///
    /// assert_eq!(RuntimeError::runtime("bad path"), RuntimeError::new("States.Runtime", "bad path"));
    /// ```
    #[must_use]
    pub fn runtime(cause: impl Into<String>) -> Self {
        Self::new(Self::RUNTIME, cause)
    }
}

impl fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error, self.cause)
    }
}

impl std::error::Error for RuntimeError {}
