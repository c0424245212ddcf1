//! Typed stand-ins for CloudFormation functions where the definition needs a number, a
//! boolean, a list or an object (`MaxAttempts: !Ref Attempts`): the function's value is
//! known only at deployment, so the definition is read with a value of the right type
//! instead, padded to the placeholder's length so that every other place in the text
//! stays where it was.

use super::InlineDefinition;
use crate::StateMachine;
use crate::error::{ParseError, ParseIssueKind};
use crate::source::Span;

/// What a deployment value is tried as, in turn: a number, a boolean, a list of one
/// string (a `CommaDelimitedList` parameter or `Fn::Split` as `ErrorEquals`), an object.
pub(crate) const STAND_INS: [&str; 4] = ["1", "true", r#"["x"]"#, "{}"];

/// The stand-in to try after the text now at `span` of `json` (the placeholder itself, or
/// an earlier stand-in), padded to the span's length; `None` when there is no further one
/// or it does not fit.
pub(crate) fn next(json: &str, span: Span) -> Option<String> {
    let current = json.get(span.start..span.end)?.trim_end();
    let next = if current.starts_with('"') {
        STAND_INS.first()
    } else {
        STAND_INS
            .iter()
            .position(|stand_in| *stand_in == current)
            .and_then(|index| STAND_INS.get(index + 1))
    }?;
    let width = span.end - span.start;
    (width >= next.len()).then(|| format!("{next:width$}"))
}

impl InlineDefinition {
    /// Reads the definition as a state machine, with a typed stand-in (`1`, `true`,
    /// `["x"]`, `{}`, the first that reads) for each CloudFormation function that stands
    /// where the definition needs another type than a string; gives the pointers of the
    /// values stood in for, in the definition. For commands whose result does not depend
    /// on those values (drawing the machine); where it does, say which values were
    /// invented.
    ///
    /// # Errors
    ///
    /// The parse error of the definition when it does not read with any stand-in.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::template::{DefinitionSource, Template};
    ///
    /// let template = Template::from_json(r#"{"Resources": {"M": {
    ///   "Type": "AWS::StepFunctions::StateMachine",
    ///   "Properties": {"Definition": {"StartAt": "T", "States": {
    ///     "T": {"Type": "Task", "Resource": {"Fn::GetAtt": ["Fn", "Arn"]}, "End": true,
    ///           "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": {"Ref": "Attempts"}}]}}}}}}}"#)?;
    /// let machines = template.state_machines()?;
    /// let DefinitionSource::Inline(definition) = &machines[0].definition else { panic!() };
    /// assert!(sfn_dsl::StateMachine::from_json(definition.json()).is_err());
    /// let (machine, stood_in) = definition.machine_with_stand_ins()?;
    /// assert_eq!(machine.states.len(), 1);
    /// assert_eq!(stood_in, ["/States/T/Retry/0/MaxAttempts"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn machine_with_stand_ins(&self) -> Result<(StateMachine, Vec<String>), ParseError> {
        let mut json = std::borrow::Cow::Borrowed(self.json());
        let mut stood_in: Vec<String> = Vec::new();
        // Each round replaces at least one placeholder, at most once per stand-in.
        for _ in 0..=self.deployed.len() * STAND_INS.len() {
            let error = match StateMachine::from_json(&json) {
                Ok(machine) => return Ok((machine, stood_in)),
                Err(error) => error,
            };
            let mut replaced = json.clone().into_owned();
            let mut changed = false;
            for issue in error.issues() {
                let deployed = self
                    .deployed
                    .iter()
                    .find(|deployed| deployed.start == issue.span.start);
                let Some(&span) = deployed.filter(|_| issue.kind == ParseIssueKind::WrongType)
                else {
                    continue;
                };
                if let Some(stand_in) = next(&json, span) {
                    replaced.replace_range(span.start..span.end, &stand_in);
                    changed = true;
                    if !stood_in.contains(&issue.pointer) {
                        stood_in.push(issue.pointer.clone());
                    }
                }
            }
            if !changed {
                return Err(error);
            }
            json = std::borrow::Cow::Owned(replaced);
        }
        StateMachine::from_json(&json).map(|machine| (machine, stood_in))
    }
}
