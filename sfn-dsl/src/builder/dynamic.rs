//! Constructors of [`Dynamic`] settings for builders: read from a path, computed by JSONata,
//! or left as a deployment placeholder.

use super::arg::jsonata;
use crate::error::PlaceholderError;
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
    /// The text must be exactly one `${Name}`: anything else (`${Timeout` without its
    /// closing brace, `Timeout`, `30`, `${}`) is no placeholder a deployment tool fills in.
    /// For a number, write the definition as YAML (the [`Generator`](crate::build::Generator)'s
    /// `.with_yaml()`), where the placeholder is a plain scalar: in JSON it is quoted, and
    /// after substitution a string (`"30"`) that AWS refuses where a number belongs (the
    /// validator's `quoted-placeholder` warning).
    ///
    /// # Errors
    ///
    /// [`PlaceholderError::NotOnePlaceholder`] when the text is not exactly one `${Name}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::error::PlaceholderError;
    /// use sfn_dsl::model::Dynamic;
    ///
    /// let seconds: Dynamic<u64> = Dynamic::placeholder("${ReminderSeconds}")?;
    /// assert_eq!(seconds.as_literal(), None);
    ///
    /// let typo = Dynamic::<u64>::placeholder("${ReminderSeconds");
    /// assert!(matches!(typo, Err(PlaceholderError::NotOnePlaceholder { .. })));
    /// # Ok::<(), PlaceholderError>(())
    /// ```
    pub fn placeholder(text: impl Into<String>) -> Result<Self, PlaceholderError> {
        let text = text.into();
        if is_one_placeholder(&text) {
            Ok(Self::Placeholder(Placeholder::new(text)))
        } else {
            Err(PlaceholderError::NotOnePlaceholder { text })
        }
    }
}

/// Whether `text` is exactly `${Name}`: a name that is not blank and holds no brace (so
/// that one pair of braces encloses it, and the deployment replaces the whole text).
fn is_one_placeholder(text: &str) -> bool {
    text.strip_prefix("${")
        .and_then(|rest| rest.strip_suffix('}'))
        .is_some_and(|name| !name.trim().is_empty() && !name.contains(['{', '}']))
}

#[cfg(test)]
mod tests {
    use crate::error::PlaceholderError;
    use crate::model::{Dynamic, Placeholder};

    #[test]
    fn only_one_whole_placeholder_is_accepted() {
        for text in ["${Timeout}", "${AWS::Region}", "${var.timeout}"] {
            assert_eq!(
                Dynamic::<u64>::placeholder(text),
                Ok(Dynamic::Placeholder(Placeholder::new(text))),
                "{text}"
            );
        }
        for text in [
            "${Timeout",
            "Timeout",
            "30",
            "${}",
            "${ }",
            "x${A}",
            "${A}${B}",
            "${A}}",
            "__tbd__",
        ] {
            let error = Dynamic::<u64>::placeholder(text).expect_err(text);
            assert_eq!(
                error,
                PlaceholderError::NotOnePlaceholder {
                    text: text.to_owned()
                }
            );
        }
        assert_eq!(
            Dynamic::<u64>::placeholder("${Timeout")
                .expect_err("no closing brace")
                .to_string(),
            "`${Timeout` is not a deployment placeholder: write exactly one `${Name}`, such as `${Timeout}`"
        );
    }
}
