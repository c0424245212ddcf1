//! Tests of the repair: what the rules report past a reading problem, and what they do not.

use super::state_pointer;
use crate::template::Template;
use crate::validate::{Code, Options, validate_str, validate_template_machine};

/// Code, pointer, line and column of every diagnostic of `text`.
fn placed(text: &str) -> Vec<(Code, String, Option<usize>, Option<usize>)> {
    validate_str(text)
        .diagnostics()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic.code,
                diagnostic.pointer.clone(),
                diagnostic.line,
                diagnostic.column,
            )
        })
        .collect()
}

fn codes(text: &str) -> Vec<(Code, String)> {
    placed(text)
        .into_iter()
        .map(|(code, pointer, _, _)| (code, pointer))
        .collect()
}

fn owned(expected: &[(Code, &str)]) -> Vec<(Code, String)> {
    expected
        .iter()
        .map(|(code, pointer)| (*code, (*pointer).to_owned()))
        .collect()
}

#[test]
fn a_misspelt_field_hides_no_other_problem() {
    let text = r#"{"StartAt": "Charge", "States": {
  "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Comments": "typo", "Next": "ChargeCrad"},
  "ChargeCard": {"Type": "Pass", "Parameters": {"x.$": "States.Formatt('{}', $.a)"}, "End": true},
  "Orphan": {"Type": "Wait", "Seconds": 5, "End": true}}}"#;
    let at =
        |code, pointer: &str, line, column| (code, pointer.to_owned(), Some(line), Some(column));
    assert_eq!(
        placed(text),
        [
            at(Code::UnknownField, "/States/Charge/Comments", 2, 76),
            // Placed in the original text, after the field left out of the copy. The
            // target it names (`ChargeCard`, its "did you mean") and the way out through
            // it are taken as meant, so neither is reported again.
            at(Code::UnknownTarget, "/States/Charge/Next", 2, 104),
            at(
                Code::InvalidIntrinsic,
                "/States/ChargeCard/Parameters/x.$",
                3,
                57
            ),
            at(Code::Unreachable, "/States/Orphan", 4, 13),
        ]
    );
    // Reading the definition itself still fails.
    assert!(crate::StateMachine::from_json(text).is_err());
}

#[test]
fn fields_left_out_together_leave_valid_json() {
    // The last members of an object, the first ones, one in the middle, and all of
    // one.
    let text = r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "X": 1, "Next": "B", "Y": 2, "Z": 3},
  "B": {"W": 0, "V": 0, "Type": "Pass", "Parameters": {"p.$": "$..["}, "Next": "D"},
  "C": {"Type": "Pass", "ResultPath": {"U": 1}, "End": true},
  "D": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"T": 1, "S": 2},
    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}"#;
    assert_eq!(
        codes(text),
        owned(&[
            (Code::UnknownField, "/States/A/X"),
            (Code::UnknownField, "/States/A/Y"),
            (Code::UnknownField, "/States/A/Z"),
            (Code::UnknownField, "/States/B/W"),
            (Code::UnknownField, "/States/B/V"),
            (Code::InvalidPath, "/States/B/Parameters/p.$"),
            (Code::Unreachable, "/States/C"),
            (Code::WrongType, "/States/C/ResultPath"),
            (
                Code::UnknownField,
                "/States/D/ItemProcessor/ProcessorConfig/T"
            ),
            (
                Code::UnknownField,
                "/States/D/ItemProcessor/ProcessorConfig/S"
            ),
        ])
    );
}

#[test]
fn a_problem_no_field_left_out_can_fix_is_reported_alone() {
    // `Resource` is required: the rules do not run (no `unknown-target` for `Nowhere`).
    assert_eq!(
        codes(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": 5, "Coment": "x", "Next": "Nowhere"}}}"#
        ),
        owned(&[
            (Code::WrongType, "/States/A/Resource"),
            (Code::UnknownField, "/States/A/Coment"),
        ])
    );
    // Nor for an unknown state type, or a `QueryLanguage` that decides what the
    // other fields mean.
    assert_eq!(
        codes(r#"{"StartAt": "A", "States": {"A": {"Type": "Pas", "Next": "Nowhere"}}}"#),
        owned(&[(Code::InvalidValue, "/States/A/Type")])
    );
    assert_eq!(
        codes(
            r#"{"QueryLanguage": "JSONATA", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% 1 %}", "Next": "Nowhere"}}}"#
        ),
        owned(&[(Code::InvalidValue, "/QueryLanguage")])
    );
    // An array item of the wrong type is not left out (the indexes after it would
    // shift).
    assert_eq!(
        codes(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [5], "Next": "Nowhere"}}}"#
        ),
        owned(&[(Code::WrongType, "/States/A/Retry/0")])
    );
}

#[test]
fn what_only_the_repair_causes_is_not_reported() {
    // Without its `End: false` the state would have no transition: it is read as
    // ending, and the rules run (they find the unknown `Default` target).
    assert_eq!(
        codes(
            r#"{"StartAt": "C", "States": {
                "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "A"}], "Default": "Nowhere"},
                "A": {"Type": "Pass", "End": false}}}"#
        ),
        owned(&[
            (Code::UnknownTarget, "/States/C/Default"),
            (Code::InvalidValue, "/States/A/End"),
        ])
    );
    // A callback Task whose invalid `TimeoutSeconds` is left out, or misspelt, still
    // has one as written: no `task-without-timeout`. Its Retry is still checked.
    for field in [r#""TimeoutSeconds": -1"#, r#""TimeoutSecond": 60"#] {
        let text = format!(
            r#"{{"StartAt": "Wait", "States": {{"Wait": {{"Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {{"QueueUrl": "q", "MessageBody": {{"token.$": "$$.Task.Token"}}}},
                {field}, "Retry": [{{"ErrorEquals": ["States.Timeot"]}}], "End": true}}}}}}"#
        );
        let found = codes(&text);
        assert!(
            !found
                .iter()
                .any(|(code, _)| *code == Code::TaskWithoutTimeout),
            "{found:?}"
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.contains(&(
            Code::UnknownStatesError,
            "/States/Wait/Retry/0/ErrorEquals/0".to_owned()
        )));
    }
    // A Task with neither gets it, whatever other field is left out.
    assert!(
        codes(
            r#"{"StartAt": "Wait", "States": {"Wait": {"Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
            "Coment": "x", "End": true}}}"#
        )
        .contains(&(Code::TaskWithoutTimeout, "/States/Wait/Resource".to_owned()))
    );
}

#[test]
fn an_end_left_out_for_its_next_closes_no_reported_loop() {
    // `B` both ends and goes back to `A`: without `End`, `A` and `B` would form a loop
    // with no end, which the author did not write.
    assert_eq!(
        codes(
            r#"{"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "B"},
                "B": {"Type": "Pass", "End": true, "Next": "A", "Parameters": {"x.$": "$$$"}}}}"#
        ),
        owned(&[
            (Code::ConflictingFields, "/States/B/End"),
            (Code::InvalidPath, "/States/B/Parameters/x.$"),
        ])
    );
}

#[test]
fn a_template_definition_is_repaired_too() {
    let template = Template::from_json(
        r#"{"Transform": "AWS::Serverless-2016-10-31", "Resources": {"M": {"Type": "AWS::Serverless::StateMachine", "Properties": {
            "DefinitionSubstitutions": {"FnArn": "arn:aws:lambda:us-east-1:123456789012:function:f"},
            "Definition": {
            "StartAt": "A",
            "States": {
                "A": {"Type": "Task", "Resource": "${FnArn}", "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": -1}], "Next": "B"},
                "B": {"Type": "Pass", "Next": "Missing"}}}}}}}"#,
    )
    .expect("a template");
    let machines = template.state_machines().expect("machines");
    let report =
        validate_template_machine(&template, &machines[0], &Options::default()).expect("inline");
    let found: Vec<(Code, &str, Option<usize>)> = report
        .diagnostics()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic.code,
                diagnostic.pointer.as_str(),
                diagnostic.line,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                Code::InvalidValue,
                "/Resources/M/Properties/Definition/States/A/Retry/0/MaxAttempts",
                Some(6)
            ),
            (
                Code::UnknownTarget,
                "/Resources/M/Properties/Definition/States/B/Next",
                Some(7)
            ),
        ]
    );
}

#[cfg(feature = "yaml")]
#[test]
fn a_yaml_definition_is_repaired_too() {
    let report = crate::validate::validate_yaml_str(
        "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Commment: x\n    Next: B\n",
    );
    let found: Vec<(Code, &str, Option<usize>)> = report
        .diagnostics()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic.code,
                diagnostic.pointer.as_str(),
                diagnostic.line,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (Code::UnknownField, "/States/A/Commment", Some(5)),
            (Code::UnknownTarget, "/States/A/Next", Some(6)),
        ]
    );
}

#[test]
fn the_state_of_a_pointer_is_its_innermost() {
    assert_eq!(
        state_pointer("/States/P/Branches/0/States/In~1ner/Next"),
        Some("/States/P/Branches/0/States/In~1ner")
    );
    assert_eq!(state_pointer("/States/P"), Some("/States/P"));
    assert_eq!(state_pointer("/States"), None);
    assert_eq!(state_pointer("/StartAt"), None);
    assert_eq!(state_pointer(""), None);
}
