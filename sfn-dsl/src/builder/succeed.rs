//! [`SucceedStateBuilder`]: the Succeed state.

use super::chain::{Chain, NodeState};
use super::common::{Common, setters};
use crate::model::{StateName, SucceedState};

/// Builds a Succeed state: ends the machine, branch or iteration successfully.
///
/// # Examples
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let machine = StateMachine::builder()
///     .start(SucceedState::builder("Done").comment("nothing to do"))
///     .build()?;
/// assert_eq!(
///     machine.to_json(),
///     r#"{"StartAt":"Done","States":{"Done":{"Type":"Succeed","Comment":"nothing to do"}}}"#
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct SucceedStateBuilder {
    state: Box<SucceedState>,
    common: Common,
}

impl SucceedState {
    /// A builder for a Succeed state named `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(SucceedState::builder("Done"))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Done"];
    /// assert_eq!(state, &json!({"Type": "Succeed"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder(name: impl Into<StateName>) -> SucceedStateBuilder {
        SucceedStateBuilder {
            state: Box::default(),
            common: Common::new(name),
        }
    }
}

impl SucceedStateBuilder {
    setters!(
        example("SucceedState::builder(\"S\")", "");
        comment,
        query_language,
        input_path,
        output_path,
        output
    );
}

impl From<SucceedStateBuilder> for Chain {
    fn from(builder: SucceedStateBuilder) -> Self {
        builder.common.finish(NodeState::Succeed(builder.state))
    }
}
