//! JSONPath evaluation as AWS Step Functions does it (Jayway's rules), and `ResultPath`.
//!
//! ```
//! use serde_json::json;
//! use sfn_local::data::{NoVariables, Scope};
//! use sfn_local::jsonpath;
//!
//! let input = json!({"a": [1, 2, 3], "users": [{"year": 1997}, {"year": 1998}]});
//! let context = json!({});
//! let scope = Scope::new(&input, &context, &NoVariables);
//! // A multi-select gives an array.
//! assert_eq!(jsonpath::evaluate("$.a[0,1]", &scope)?, json!([1, 2]));
//! assert_eq!(jsonpath::evaluate("$.users[?(@.year < 1998)].year", &scope)?, json!([1997]));
//! // A path that selects nothing fails with AWS's recorded cause.
//! let error = jsonpath::evaluate("$.NoSuchInputPath", &scope).unwrap_err();
//! assert_eq!(error.cause, "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
//! # Ok::<(), sfn_local::error::RuntimeError>(())
//! ```

mod filter;
mod function;
mod message;
mod result_path;
mod select;

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;
use sfn_dsl::expr::jsonpath::{self, Path, Root};

pub use result_path::{apply_result_path, set};

use crate::data::Scope;
use crate::error::RuntimeError;

/// Why a path could not be applied, in Jayway's words (as AWS reports it), for example
/// `No results for path: $['x']` or `Missing property in path $['no']`.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::expr::jsonpath::parse;
/// use sfn_local::data::{NoVariables, Scope};
/// use sfn_local::jsonpath::{PathError, select};
///
/// let (input, context) = (json!({"items": []}), json!({}));
/// let scope = Scope::new(&input, &context, &NoVariables);
/// let error: PathError = select(&parse("$.items[0]")?, &scope).unwrap_err();
/// // Jayway's words, as AWS reports them in the cause of `States.Runtime`.
/// assert_eq!(error.message(), "No results for path: $['items'][0]");
/// assert_eq!(error.to_string(), error.message());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    message: String,
}

impl PathError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The message.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::expr::jsonpath::parse;
    /// use sfn_local::data::{NoVariables, Scope};
    /// use sfn_local::jsonpath::select;
    ///
    /// let (input, context) = (json!({"order": "x"}), json!({}));
    /// let scope = Scope::new(&input, &context, &NoVariables);
    /// let error = select(&parse("$.order.id")?, &scope).unwrap_err();
    /// // A step into a string, in Jayway's words.
    /// assert!(error.message().starts_with("Expected to find an object with property ['id'] in path $['order']"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PathError {}

/// Applies a parsed path. A definite path (names and single indexes) gives the value it
/// finds; any other path gives the array of every value found, possibly empty.
///
/// # Errors
///
/// A [`PathError`] when a definite path finds nothing, when a step of a definite path meets
/// the wrong kind of value, or when a variable is not set.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::expr::jsonpath::parse;
/// use sfn_local::data::{NoVariables, Scope};
/// use sfn_local::jsonpath::select;
///
/// let input = json!({"a": {"b": 1}});
/// let context = json!(null);
/// let scope = Scope::new(&input, &context, &NoVariables);
/// assert_eq!(select(&parse("$.a.b").unwrap(), &scope)?, json!(1));
/// assert_eq!(select(&parse("$..b").unwrap(), &scope)?, json!([1]));
/// let error = select(&parse("$.no.such").unwrap(), &scope).unwrap_err();
/// assert_eq!(error.message(), "Missing property in path $['no']");
/// # Ok::<(), sfn_local::jsonpath::PathError>(())
/// ```
pub fn select(path: &Path, scope: &Scope<'_>) -> Result<Value, PathError> {
    select_borrowed(path, scope).map(Cow::into_owned)
}

/// The value a path from `$` of names and single indexes finds in `input`, for the caller
/// to change or take; `None` for any other path or when a step finds nothing.
pub(crate) fn find_mut<'a>(path: &Path, input: &'a mut Value) -> Option<&'a mut Value> {
    match path.root {
        Root::Input => select::direct_mut(input, &path.segments),
        Root::Context | Root::Variable(_) => None,
    }
}

/// [`select`] without copying what a definite path finds.
pub(crate) fn select_borrowed<'a>(
    path: &Path,
    scope: &Scope<'a>,
) -> Result<Cow<'a, Value>, PathError> {
    let (document, root_label): (&'a Value, Cow<'_, str>) = match &path.root {
        Root::Input => (scope.input, Cow::Borrowed("$")),
        // AWS drops one `$` and applies the rest to the context object.
        Root::Context => (scope.context, Cow::Borrowed("$")),
        Root::Variable(name) => match scope.variables.get(name) {
            Some(value) => (value, Cow::Owned(format!("${name}"))),
            None => {
                return Err(PathError::new(format!(
                    "The variable '${name}' is not defined"
                )));
            }
        },
    };
    if let Some(found) = select::direct(document, &path.segments) {
        return Ok(Cow::Borrowed(found));
    }
    let mut selection = select::select(document, &path.segments, &root_label)?;
    if selection.definite {
        selection.values.pop().ok_or_else(|| {
            PathError::new(format!(
                "No results for path: {}",
                message::path_text(&root_label, &path.segments)
            ))
        })
    } else {
        Ok(Cow::Owned(Value::Array(
            selection.values.into_iter().map(Cow::into_owned).collect(),
        )))
    }
}

/// Parses and applies a path, as `InputPath`, `OutputPath`, `ItemsPath` and the other path
/// fields do.
///
/// # Errors
///
/// `States.Runtime` with AWS's cause `Invalid path '<text>' : <reason>`, for a path that
/// does not parse or cannot be applied (see [`select`]).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::data::{NoVariables, Scope};
/// use sfn_local::jsonpath;
///
/// let (input, context) = (json!({"lines": [{"sku": "a"}, {"sku": "b"}]}), json!({}));
/// let scope = Scope::new(&input, &context, &NoVariables);
/// assert_eq!(jsonpath::evaluate("$.lines[1].sku", &scope)?, json!("b"));
/// assert_eq!(jsonpath::evaluate("$.lines[*].sku", &scope)?, json!(["a", "b"]));
/// let error = jsonpath::evaluate("$.lines[", &scope).unwrap_err();
/// assert_eq!(error.error, "States.Runtime");
/// assert!(error.cause.starts_with("Invalid path '$.lines[' : "));
/// # Ok::<(), sfn_local::error::RuntimeError>(())
/// ```
pub fn evaluate(text: &str, scope: &Scope<'_>) -> Result<Value, RuntimeError> {
    let invalid = |reason: &dyn fmt::Display| {
        RuntimeError::runtime(format!("Invalid path '{text}' : {reason}"))
    };
    let path = jsonpath::parse(text).map_err(|error| invalid(&error))?;
    select(&path, scope).map_err(|error| invalid(&error))
}

#[cfg(test)]
mod tests;
