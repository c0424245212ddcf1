//! Settings of a validation run.

/// The workflow type a machine is deployed as, which decides some limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WorkflowType {
    /// Standard workflows: up to a year, exactly-once, every integration pattern.
    Standard,
    /// Express workflows: up to 5 minutes, no `.sync`, `.waitForTaskToken` or activities.
    Express,
}

/// How to validate.
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::{validate_with, Code, Options, WorkflowType};
/// use sfn_dsl::StateMachine;
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Approve", "States": {"Approve": {
///     "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
///     "TimeoutSeconds": 60, "End": true}}}"#)?;
/// let report = validate_with(&machine, &Options::new().workflow_type(WorkflowType::Express));
/// assert_eq!(report.errors().next().map(|d| d.code), Some(Code::UnsupportedByWorkflowType));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The workflow type the machine is deployed as, when known.
    pub workflow_type: Option<WorkflowType>,
}

impl Options {
    /// The defaults: workflow type unknown.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Validates for this workflow type.
    #[must_use]
    pub fn workflow_type(mut self, workflow_type: WorkflowType) -> Self {
        self.workflow_type = Some(workflow_type);
        self
    }
}
