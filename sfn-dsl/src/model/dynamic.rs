//! Values that are either written literally or computed when the state runs.

use super::path::{DynamicValue, Jsonata, Placeholder};

/// A setting such as `TimeoutSeconds`, `Seconds`, `MaxConcurrency` or `Error` that may be a
/// literal, read from the data at run time (the `…Path` twin of the field, JSONPath only),
/// computed by a JSONata expression (JSONata only), or left as a deployment placeholder.
///
/// The variant decides the key it is written under: `TimeoutSeconds` for
/// [`Literal`](Dynamic::Literal), [`Jsonata`](Dynamic::Jsonata) and
/// [`Placeholder`](Dynamic::Placeholder), `TimeoutSecondsPath` for [`Path`](Dynamic::Path).
/// A field and its `…Path` twin therefore can never both be set.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{Dynamic, Jsonata};
///
/// let fixed: Dynamic<u64> = Dynamic::Literal(30);
/// let computed: Dynamic<u64> = Dynamic::Jsonata(Jsonata::new("$states.input.timeout"));
/// assert_eq!(fixed.as_literal(), Some(&30));
/// assert_eq!(computed.as_literal(), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Dynamic<T> {
    /// A value written in the definition.
    Literal(T),
    /// A reference path (or, for `ErrorPath` and `CausePath`, an intrinsic function call)
    /// resolved against the state's input; written under the `…Path` key.
    Path(DynamicValue),
    /// A JSONata expression evaluated when the state runs.
    Jsonata(Jsonata),
    /// A deployment placeholder (`"${Name}"`, `"__tbd__"`) standing where a non-string
    /// literal was expected. String-typed fields keep placeholders as literals.
    Placeholder(Placeholder),
}

impl<T> Dynamic<T> {
    /// The literal value, if the setting is literal.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Dynamic, DynamicValue};
    ///
    /// assert_eq!(Dynamic::Literal(5_u64).as_literal(), Some(&5));
    /// assert_eq!(Dynamic::<u64>::Path(DynamicValue::parse("$.seconds")).as_literal(), None);
    /// ```
    pub fn as_literal(&self) -> Option<&T> {
        match self {
            Self::Literal(value) => Some(value),
            _ => None,
        }
    }

    /// Whether the setting is written under the `…Path` key.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::model::State;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.delay", "End": true}}}"#)?;
    /// let Some(State::Wait(wait)) = machine.states.get("W") else { panic!("a Wait state") };
    /// let sfn_dsl::model::WaitDuration::Seconds(seconds) = &wait.duration else { panic!("seconds") };
    /// assert!(seconds.is_path()); // written under `SecondsPath`
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    pub fn is_path(&self) -> bool {
        matches!(self, Self::Path(_))
    }
}

impl<T> From<T> for Dynamic<T> {
    fn from(value: T) -> Self {
        Self::Literal(value)
    }
}

impl From<&str> for Dynamic<String> {
    fn from(value: &str) -> Self {
        Self::Literal(value.to_owned())
    }
}
