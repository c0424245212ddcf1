//! [`FailStateBuilder`]: the Fail state.

use super::arg::jsonata;
use super::chain::{Chain, NodeState};
use super::common::{Common, setters};
use crate::model::{Dynamic, DynamicValue, ErrorName, FailState, StateName};

/// Builds a Fail state: ends the machine, branch or iteration with an error name and a
/// cause.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let machine = StateMachine::builder()
///     .start(
///         FailState::builder("Rejected")
///             .error(ErrorName::custom("Order.Rejected"))
///             .cause_path("$.reason"),
///     )
///     .build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Rejected"],
///     json!({"Type": "Fail", "Error": "Order.Rejected", "CausePath": "$.reason"})
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct FailStateBuilder {
    state: Box<FailState>,
    common: Common,
}

impl FailState {
    /// A builder for a Fail state named `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(FailState::builder("Rejected"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Rejected"];
    /// assert_eq!(state, &json!({"Type": "Fail"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder(name: impl Into<StateName>) -> FailStateBuilder {
        FailStateBuilder {
            state: Box::default(),
            common: Common::new(name),
        }
    }
}

impl FailStateBuilder {
    setters!(
        example("FailState::builder(\"S\")", "");
        comment,
        query_language
    );

    /// The error name. Serialized as `Error`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(FailState::builder("Rejected").error("OrderRejected"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Rejected"];
    /// assert_eq!(state["Error"], json!("OrderRejected"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn error(mut self, error: impl Into<ErrorName>) -> Self {
        self.state.error = Some(Dynamic::Literal(error.into().to_string()));
        self
    }

    /// A human-readable cause. Serialized as `Cause`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(FailState::builder("Rejected").cause("card declined"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Rejected"];
    /// assert_eq!(state["Cause"], json!("card declined"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn cause(mut self, cause: impl Into<String>) -> Self {
        self.state.cause = Some(Dynamic::Literal(cause.into()));
        self
    }

    /// The error name, read from a path or a string intrinsic at run time (JSONPath).
    /// Serialized as `ErrorPath`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(FailState::builder("Rejected").error_path("$.error"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Rejected"];
    /// assert_eq!(state["ErrorPath"], json!("$.error"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn error_path(mut self, path: impl Into<DynamicValue>) -> Self {
        self.state.error = Some(Dynamic::Path(path.into()));
        self
    }

    /// The cause, read from a path or a string intrinsic at run time (JSONPath).
    /// Serialized as `CausePath`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(FailState::builder("Rejected").cause_path("$.reason"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Rejected"];
    /// assert_eq!(state["CausePath"], json!("$.reason"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn cause_path(mut self, path: impl Into<DynamicValue>) -> Self {
        self.state.cause = Some(Dynamic::Path(path.into()));
        self
    }

    /// The error name, computed by a JSONata expression (JSONata). Serialized as
    /// `"Error": "{% … %}"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(FailState::builder("Rejected").error_jsonata("$states.input.code"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Rejected"];
    /// assert_eq!(state["Error"], json!("{% $states.input.code %}"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn error_jsonata(mut self, expression: impl AsRef<str>) -> Self {
        self.state.error = Some(Dynamic::Jsonata(jsonata(expression.as_ref())));
        self
    }

    /// The cause, computed by a JSONata expression (JSONata). Serialized as
    /// `"Cause": "{% … %}"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(FailState::builder("Rejected").cause_jsonata("$states.input.reason"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Rejected"];
    /// assert_eq!(state["Cause"], json!("{% $states.input.reason %}"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn cause_jsonata(mut self, expression: impl AsRef<str>) -> Self {
        self.state.cause = Some(Dynamic::Jsonata(jsonata(expression.as_ref())));
        self
    }
}

impl From<FailStateBuilder> for Chain {
    fn from(builder: FailStateBuilder) -> Self {
        builder.common.finish(NodeState::Fail(builder.state))
    }
}
