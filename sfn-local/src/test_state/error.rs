//! Why a state test could not run.

use crate::RunError;

/// Why a state test could not run.
///
/// # Examples
///
/// ```
/// use sfn_local::test_state::{StateTest, TestStateError};
///
/// let error = StateTest::state(r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}"#)?
///     .run()
///     .unwrap_err();
/// assert!(matches!(error, TestStateError::NeedsMock("Task")));
/// # Ok::<(), TestStateError>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TestStateError {
    /// A state given on its own is not one JSON object.
    #[error("a state is one JSON object with its `Type`")]
    NotAState,
    /// The definition is not valid JSON or ASL.
    #[error("the definition cannot be read: {0}")]
    Parse(#[from] sfn_dsl::ParseError),
    /// The definition breaks a rule AWS checks before it tests anything (the validator's
    /// errors, each with its JSON pointer).
    #[error("the definition is not valid: {}", .0.join("; "))]
    InvalidDefinition(Vec<String>),
    /// The machine has no state of that name, at its top level or inside a Parallel or
    /// Map state.
    #[error(
        "the machine has no state named `{0}` (at its top level or inside a Parallel or Map state)"
    )]
    UnknownState(String),
    /// A Task, Parallel or Map state needs a mock: a test calls no service and runs no
    /// branch or iteration.
    #[error(
        "a {0} state needs a mock result or error to test (a state test calls no service and runs no branch or iteration)"
    )]
    NeedsMock(&'static str),
    /// A mock was given for a state that calls and runs nothing (AWS's message).
    #[error("State type '{0}' is not supported when a mock is specified")]
    MockNotSupported(&'static str),
    /// The mocked result has the wrong shape: not a list for a Parallel or Map state, or
    /// not the service API's response shape for a Task (see
    /// [`FieldValidation`](super::FieldValidation)); AWS's message.
    #[error("{0}")]
    InvalidMock(String),
    /// The context object given with [`StateTest::context`](super::StateTest::context) is not one a state can have
    /// (AWS's message).
    #[error("Invalid Context object provided: {0}")]
    InvalidContext(String),
    /// The test's settings do not fit the state or its mock (AWS's message).
    #[error("{0}")]
    InvalidConfiguration(String),
    /// The state could not run.
    #[error(transparent)]
    Run(#[from] RunError),
}
