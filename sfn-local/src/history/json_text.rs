//! [`JsonText`]: a value of the history, kept as the compact JSON text AWS returns.

use std::fmt;

use serde_json::Value;

/// A JSON value held as compact JSON text, the way AWS's `GetExecutionHistory` returns
/// inputs, outputs, parameters and assigned variables.
///
/// A history keeps a copy of the data at every step; as text it takes a fraction of the
/// memory of a `serde_json::Value`, which spends a heap block on every string, array and
/// object: a run of 2,001 events looping over a payload that grows by one level per turn
/// peaked at 1.03 GB with the history held as values, and at 98 MB as text.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::JsonText;
///
/// let text = JsonText::from(&json!({"id": 7, "tags": ["a"]}));
/// assert_eq!(text.as_str(), r#"{"id":7,"tags":["a"]}"#);
/// assert_eq!(text.value()?, json!({"id": 7, "tags": ["a"]}));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct JsonText(Box<str>);

impl JsonText {
    /// The compact JSON text.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::JsonText;
    ///
    /// assert_eq!(JsonText::from(&json!({"a": [1, 2]})).as_str(), r#"{"a":[1,2]}"#);
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value, read back from the text.
    ///
    /// # Errors
    ///
    /// Only for a value nested more than 128 levels deep, which `serde_json` does not
    /// read (an execution can build one, for example a loop wrapping its input in an
    /// object at every turn); [`as_str`](Self::as_str) still has it.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::JsonText;
    ///
    /// let text = JsonText::from(&json!({"a": [1, 2]}));
    /// assert_eq!(text.value()?, json!({"a": [1, 2]}));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn value(&self) -> Result<Value, serde_json::Error> {
        serde_json::from_str(&self.0)
    }
}

impl From<&Value> for JsonText {
    fn from(value: &Value) -> Self {
        // `to_string` writes straight into a `String`; `Display` would go through a
        // formatter adapter, which measured slower on the executor benchmarks.
        Self(
            serde_json::to_string(value)
                .unwrap_or_default()
                .into_boxed_str(),
        )
    }
}

impl From<Value> for JsonText {
    fn from(value: Value) -> Self {
        Self::from(&value)
    }
}

impl fmt::Display for JsonText {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl fmt::Debug for JsonText {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "JsonText({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::JsonText;

    #[test]
    fn text_reads_back_as_the_value_it_was_made_from() {
        let value = json!({"b": [1, 2.5, null, true], "a": {"s": "é\"\n"}, "n": -0.0});
        let text = JsonText::from(&value);
        assert_eq!(text.value().ok(), Some(value));
        // Keys keep their order (the workspace's serde_json preserves it).
        assert!(text.as_str().starts_with(r#"{"b":"#), "{text}");
    }

    #[test]
    fn a_value_too_deep_to_read_back_is_an_error_and_keeps_its_text() {
        let mut value = json!(1);
        for _ in 0..200 {
            value = json!({ "p": value });
        }
        let text = JsonText::from(&value);
        assert!(text.value().is_err());
        assert_eq!(text.as_str().matches('{').count(), 200);
    }
}
