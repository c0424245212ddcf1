//! Constructors of [`Dynamic`] settings for builders: read from a path, computed by JSONata,
//! or left as a deployment placeholder.

use super::arg::jsonata;
use crate::model::{Dynamic, DynamicValue, Placeholder};

impl<T> Dynamic<T> {
    /// A setting read from the input at run time (JSONPath), written under the field's
    /// `…Path` key.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Dynamic;
    ///
    /// let seconds: Dynamic<u64> = Dynamic::path("$.delay");
    /// assert!(seconds.is_path());
    /// ```
    #[must_use]
    pub fn path(path: impl Into<DynamicValue>) -> Self {
        Self::Path(path.into())
    }

    /// A setting computed by a JSONata expression, written without the `{% %}` markers
    /// (JSONata).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Dynamic, Jsonata};
    ///
    /// let seconds: Dynamic<u64> = Dynamic::jsonata("$states.input.delay");
    /// assert_eq!(seconds, Dynamic::Jsonata(Jsonata::new(" $states.input.delay ")));
    /// ```
    #[must_use]
    pub fn jsonata(expression: impl AsRef<str>) -> Self {
        Self::Jsonata(jsonata(expression.as_ref()))
    }

    /// A deployment placeholder such as `${ReminderSeconds}`, substituted by SAM,
    /// CloudFormation or Terraform before deployment.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Dynamic;
    ///
    /// let seconds: Dynamic<u64> = Dynamic::placeholder("${ReminderSeconds}");
    /// assert_eq!(seconds.as_literal(), None);
    /// ```
    #[must_use]
    pub fn placeholder(text: impl Into<String>) -> Self {
        Self::Placeholder(Placeholder::new(text))
    }
}
