//! `TaskError`: the error a failed step reports, as seen by a workflow's error handlers.

use serde::{Deserialize, Serialize};

use crate::typed::{Location, Path, PathNode, Payload};

/// The error output of a failed step: `{"Error": …, "Cause": …}`.
///
/// A workflow sees it in `match task(..) { Err(e) => … }` arms and `.catch(|e| …)`
/// handlers; a guard such as `Err(e) if e.error == "Payment.Declined"` selects which errors
/// an arm handles (its `ErrorEquals`).
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Payload, PathNode};
/// use sfn_dsl::workflow::TaskError;
///
/// let error = TaskError::var("failure");
/// assert_eq!(error.error.to_json_path().as_str(), "$failure.Error");
/// assert_eq!(error.cause.to_jsonata().to_template_string(), "{% $failure.Cause %}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaskError {
    /// The error name, such as `States.Timeout` or `Payment.Declined`. Serialized as
    /// `Error`.
    #[serde(rename = "Error")]
    pub error: String,
    /// The cause, often a JSON text. Serialized as `Cause`.
    #[serde(rename = "Cause", default)]
    pub cause: String,
}

/// The typed paths of a [`TaskError`].
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
/// use sfn_dsl::typed::{Location, PathNode};
/// use sfn_dsl::workflow::TaskErrorPath;
///
/// // A catcher placed the error output at `$.failure`: route on its `Error`.
/// let failure: TaskErrorPath = PathNode::at(Location::input().field("failure"));
/// let route = ChoiceState::builder("Why?")
///     .when(failure.error.equals("Payment.Declined").to_json_path(), SucceedState::builder("Declined"))
///     .otherwise(FailState::builder("Broken"));
/// let machine = StateMachine::builder().start(route).build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Why?"]["Choices"][0],
///     json!({"Variable": "$.failure.Error", "StringEquals": "Payment.Declined", "Next": "Declined"})
/// );
/// assert_eq!(failure.cause.json_path().as_str(), "$.failure.Cause");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct TaskErrorPath {
    /// `Error`.
    pub error: Path<String>,
    /// `Cause`.
    pub cause: Path<String>,
    location: Location,
}

impl PathNode for TaskErrorPath {
    fn at(location: Location) -> Self {
        Self {
            error: Path::at(location.field("Error")),
            cause: Path::at(location.field("Cause")),
            location,
        }
    }

    fn location(&self) -> &Location {
        &self.location
    }
}

impl Payload for TaskError {
    type Path = TaskErrorPath;
}
