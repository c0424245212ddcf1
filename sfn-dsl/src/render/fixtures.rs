//! Machines the renderers' tests share.

use crate::StateMachine;

/// A Task whose one catcher lists 400 long error names, `Call` → `Caught`.
pub(super) fn catcher_of_many_errors() -> StateMachine {
    let errors: Vec<String> = (0..400)
        .map(|number| format!("MyService.Errors.SomethingWentWrongNumber{number:04}"))
        .collect();
    StateMachine::from_value(&serde_json::json!({
        "StartAt": "Call", "States": {
            "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Catch": [{"ErrorEquals": errors, "Next": "Caught"}], "End": true},
            "Caught": {"Type": "Pass", "End": true}}
    }))
    .expect("parses")
}
