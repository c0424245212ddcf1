//! Settings of a validation run.

use std::str::FromStr;

use super::code::Code;
use super::diagnostic::{Diagnostic, Severity};

/// The workflow type a machine is deployed as, which decides some limits.
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::{Code, Options, WorkflowType, validate_str_with};
///
/// let text = r#"{"StartAt": "Cool down", "States": {
///     "Cool down": {"Type": "Wait", "Seconds": 600, "End": true}}}"#;
/// let codes = |workflow_type| -> Vec<Code> {
///     let options = Options::new().workflow_type(workflow_type);
///     validate_str_with(text, &options).diagnostics().iter().map(|d| d.code).collect()
/// };
/// // An Express execution may run for 5 minutes only.
/// assert_eq!(codes(WorkflowType::Express), [Code::WorkflowTypeLimit]);
/// assert_eq!(codes(WorkflowType::Standard), []);
/// ```
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
    /// Warnings left out of the report; see [`Options::allow`].
    pub allowed: Vec<Allowance>,
    /// The keys of the `DefinitionSubstitutions` the machine is deployed with, when known;
    /// see [`Options::substitutions`].
    pub substitutions: Option<Vec<String>>,
}

/// A warning to leave out of a report: every warning of `code`, or only those at or below
/// the JSON pointer `under` (a state, such as `/States/Poll`, or any field).
///
/// It reads from text as `CODE` or `CODE@POINTER`, as `sfn validate --allow` takes it.
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::{Allowance, Code};
///
/// let allowance: Allowance = "loop-without-wait@/States/Poll".parse()?;
/// assert_eq!(allowance.code, Code::LoopWithoutWait);
/// assert_eq!(allowance.under.as_deref(), Some("/States/Poll"));
///
/// let error = "loop-without-wiat".parse::<Allowance>().unwrap_err();
/// assert_eq!(error.to_string(), "unknown code `loop-without-wiat`: did you mean `loop-without-wait`?");
/// let error = "unknown-target".parse::<Allowance>().unwrap_err();
/// assert!(error.to_string().starts_with("`unknown-target` is an error"));
/// # Ok::<(), sfn_dsl::validate::AllowanceError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Allowance {
    /// The warning's code.
    pub code: Code,
    /// Where it is allowed: everywhere when `None`.
    pub under: Option<String>,
}

/// Why a text is not an [`Allowance`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::{Allowance, AllowanceError, Code};
///
/// let Err(AllowanceError::NotAWarning(code)) = "unknown-target".parse::<Allowance>() else {
///     panic!("an error code")
/// };
/// assert_eq!(code, Code::UnknownTarget);
///
/// let Err(AllowanceError::UnknownCode { code, suggestion }) = "missing-defualt".parse::<Allowance>() else {
///     panic!("a misspelt code")
/// };
/// assert_eq!((code.as_str(), suggestion), ("missing-defualt", Some("missing-default")));
///
/// let error = "missing-default@States/Route".parse::<Allowance>().unwrap_err();
/// assert_eq!(error, AllowanceError::NotAPointer("States/Route".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AllowanceError {
    /// No code is spelled like that.
    #[error("unknown code `{code}`{}", suggestion.as_ref().map_or_else(String::new, |close| format!(": did you mean `{close}`?")))]
    UnknownCode {
        /// The text given as the code.
        code: String,
        /// A code spelled closely, if any.
        suggestion: Option<&'static str>,
    },
    /// The code is an error's.
    #[error("`{0}` is an error: AWS rejects a definition that has one, so it cannot be allowed")]
    NotAWarning(Code),
    /// The text after `@` is not a JSON pointer.
    #[error("`{0}` is not a JSON pointer: write it as the report shows it, such as `/States/Poll`")]
    NotAPointer(String),
}

impl FromStr for Allowance {
    type Err = AllowanceError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (spelling, under) = match text.split_once('@') {
            Some((spelling, under)) => (spelling, Some(under)),
            None => (text, None),
        };
        let code = Code::parse(spelling).ok_or_else(|| AllowanceError::UnknownCode {
            code: spelling.to_owned(),
            suggestion: crate::suggest::closest(
                spelling,
                Code::ALL.iter().map(|code| code.as_str()),
            ),
        })?;
        if code.severity() == Severity::Error {
            return Err(AllowanceError::NotAWarning(code));
        }
        if let Some(under) = under
            && !under.starts_with('/')
        {
            return Err(AllowanceError::NotAPointer(under.to_owned()));
        }
        Ok(Allowance {
            code,
            under: under.map(str::to_owned),
        })
    }
}

impl Allowance {
    /// Whether `diagnostic` is a warning this allowance covers.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{Allowance, Code, Diagnostic};
    ///
    /// let allowance: Allowance = "loop-without-wait@/States/Poll".parse()?;
    /// let at = |pointer| Diagnostic::new(Code::LoopWithoutWait, pointer, "a loop");
    /// assert!(allowance.covers(&at("/States/Poll")));
    /// assert!(allowance.covers(&at("/States/Poll/Next")));
    /// assert!(!allowance.covers(&at("/States/Poll again")));
    /// # Ok::<(), sfn_dsl::validate::AllowanceError>(())
    /// ```
    #[must_use]
    pub fn covers(&self, diagnostic: &Diagnostic) -> bool {
        !diagnostic.is_error()
            && diagnostic.code == self.code
            && self.under.as_deref().is_none_or(|under| {
                diagnostic
                    .pointer
                    .strip_prefix(under)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
    }
}

impl Options {
    /// The defaults: workflow type unknown.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{Options, validate_str_with};
    ///
    /// let options = Options::new();
    /// assert_eq!(options.workflow_type, None);
    /// assert!(validate_str_with(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#, &options).is_clean());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Validates for this workflow type.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{Code, Options, WorkflowType, validate_str_with};
    ///
    /// let text = r#"{"StartAt": "Run", "States": {"Run": {"Type": "Task",
    ///     "Resource": "arn:aws:states:::states:startExecution.sync:2", "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:child"}, "End": true}}}"#;
    /// assert!(!validate_str_with(text, &Options::new().workflow_type(WorkflowType::Standard)).has_errors());
    /// let express = validate_str_with(text, &Options::new().workflow_type(WorkflowType::Express));
    /// assert_eq!(express.errors().next().map(|d| d.code), Some(Code::UnsupportedByWorkflowType)); // no `.sync` in Express
    /// ```
    #[must_use]
    pub fn workflow_type(mut self, workflow_type: WorkflowType) -> Self {
        self.workflow_type = Some(workflow_type);
        self
    }

    /// Checks `${Name}` placeholders against the keys of the `DefinitionSubstitutions` the
    /// machine is deployed with (CloudFormation's and SAM's, or the variables Terraform's
    /// `templatefile()` is given): a placeholder with no key of its name is an
    /// `unknown-substitution` warning, since a CloudFormation deployment leaves it as
    /// written and `templatefile()` fails. Pseudo parameters (`${AWS::Partition}`) are no exception: the deployment
    /// fills them in only inside an `Fn::Sub`, so one in a definition file needs a key too
    /// (`Partition: !Ref AWS::Partition`). A machine given to
    /// [`validate_with`](super::validate_with) (or to the build
    /// [`Generator`](crate::build::Generator)) is checked too, without positions.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{validate_str_with, Code, Options};
    ///
    /// let text = r#"{"StartAt": "Charge", "States": {"Charge": {"Type": "Task",
    ///     "Resource": "${ChargeFunctionArn}", "End": true}}}"#;
    /// let options = Options::new().substitutions(["ChargeFunctionARN"]);
    /// let report = validate_str_with(text, &options);
    /// let [warning] = report.diagnostics() else { panic!("one warning") };
    /// assert_eq!(warning.code, Code::UnknownSubstitution);
    /// assert_eq!(warning.pointer, "/States/Charge/Resource");
    /// assert_eq!(warning.hint.as_deref(), Some("did you mean `${ChargeFunctionARN}`?"));
    /// assert!(validate_str_with(text, &Options::new().substitutions(["ChargeFunctionArn"])).is_clean());
    ///
    /// let partition = text.replace("${ChargeFunctionArn}", "arn:${AWS::Partition}:states:::lambda:invoke");
    /// let report = validate_str_with(&partition, &options);
    /// let [warning] = report.diagnostics() else { panic!("one warning") };
    /// assert_eq!(warning.code, Code::UnknownSubstitution);
    /// assert!(warning.hint.as_deref().is_some_and(|hint| hint.contains("!Ref AWS::Partition")));
    /// ```
    #[must_use]
    pub fn substitutions<I>(mut self, keys: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.substitutions = Some(keys.into_iter().map(Into::into).collect());
        self
    }

    /// Leaves the warnings of `code` out of the report, for a warning a team has looked at
    /// and accepts (a polling loop that waits in its Lambda function, say). Errors cannot be
    /// allowed: AWS rejects a definition that has one, so an error code here changes
    /// nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{validate_str_with, Code, Options};
    ///
    /// let text = r#"{"StartAt": "Poll", "States": {
    ///     "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///              "Parameters": {"FunctionName": "poll"}, "Next": "Done?"},
    ///     "Done?": {"Type": "Choice", "Default": "Poll", "Choices": [
    ///         {"Variable": "$.Payload.done", "BooleanEquals": true, "Next": "Done"}]},
    ///     "Done": {"Type": "Succeed"}}}"#;
    /// let codes = |options: &Options| -> Vec<Code> {
    ///     validate_str_with(text, options).diagnostics().iter().map(|d| d.code).collect()
    /// };
    /// assert_eq!(codes(&Options::new()), [Code::LoopWithoutWait]);
    /// assert_eq!(codes(&Options::new().allow(Code::LoopWithoutWait)), []);
    /// ```
    #[must_use]
    pub fn allow(mut self, code: Code) -> Self {
        self.allowed.push(Allowance { code, under: None });
        self
    }

    /// Leaves the warnings of `code` at or below the JSON pointer `under` out of the
    /// report: `/States/Poll` allows them for that state (and anything nested in it) only.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::validate::{Code, Options};
    ///
    /// let options = Options::new().allow_under(Code::LoopWithoutWait, "/States/Poll");
    /// assert_eq!(options.allowed[0].under.as_deref(), Some("/States/Poll"));
    /// ```
    #[must_use]
    pub fn allow_under(mut self, code: Code, under: impl Into<String>) -> Self {
        self.allowed.push(Allowance {
            code,
            under: Some(under.into()),
        });
        self
    }

    /// Whether an allowance covers `diagnostic`.
    pub(crate) fn allows(&self, diagnostic: &Diagnostic) -> bool {
        self.allowed
            .iter()
            .any(|allowance| allowance.covers(diagnostic))
    }
}
