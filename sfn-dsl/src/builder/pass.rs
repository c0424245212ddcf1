//! [`PassStateBuilder`]: the Pass state.

use serde_json::Value;

use super::chain::{Chain, NodeState};
use super::common::{Common, setters};
use crate::model::{PassState, StateName};

/// Builds a Pass state: passes its input on, optionally injecting a fixed `Result` or
/// reshaping the data.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let machine = StateMachine::builder()
///     .start(
///         PassState::builder("Defaults")
///             .result(json!({"retries": 0}))
///             .result_path("$.settings")
///             .next(SucceedState::builder("Done")),
///     )
///     .build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Defaults"],
///     json!({"Type": "Pass", "Result": {"retries": 0}, "ResultPath": "$.settings", "Next": "Done"})
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct PassStateBuilder {
    state: Box<PassState>,
    common: Common,
}

impl PassState {
    /// A builder for a Pass state named `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(PassState::builder("Noop"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Noop"];
    /// assert_eq!(state, &json!({"Type": "Pass", "End": true}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder(name: impl Into<StateName>) -> PassStateBuilder {
        PassStateBuilder {
            state: Box::default(),
            common: Common::new(name),
        }
    }
}

impl PassStateBuilder {
    setters!(
        example("PassState::builder(\"S\")", "");
        comment,
        query_language,
        input_path,
        parameters,
        result_path,
        output_path,
        output,
        assign,
        end
    );

    /// A fixed result; nothing inside is evaluated (JSONPath). Serialized as `Result`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(PassState::builder("Defaults").result(json!({"retries": 0})))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Defaults"];
    /// assert_eq!(state["Result"], json!({"retries": 0}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn result(mut self, result: impl Into<Value>) -> Self {
        self.state.result = Some(result.into());
        self
    }

    /// Continues with `then`: a state builder or a [`Chain`].
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(PassState::builder("First").next(PassState::builder("Second")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["First"];
    /// assert_eq!(state["Next"], json!("Second"));
    /// assert_eq!(value["StartAt"], json!("First"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn next(self, then: impl Into<Chain>) -> Chain {
        Chain::from(self).next(then)
    }
}

impl From<PassStateBuilder> for Chain {
    fn from(builder: PassStateBuilder) -> Self {
        builder.common.finish(NodeState::Pass(builder.state))
    }
}
