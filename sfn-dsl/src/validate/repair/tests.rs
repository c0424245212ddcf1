//! Tests of the repair: what the rules report past a reading problem, and what they do not.

use super::place::{StatePlace, state_place};
use crate::template::Template;
use crate::validate::{Code, Options, Report, validate_str, validate_template_machine};

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

/// Code, pointer and line of every diagnostic of `report`.
fn lines(report: &Report) -> Vec<(Code, &str, Option<usize>)> {
    report
        .diagnostics()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic.code,
                diagnostic.pointer.as_str(),
                diagnostic.line,
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
    assert_eq!(
        lines(&report),
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
    assert_eq!(
        lines(&report),
        [
            (Code::UnknownField, "/States/A/Commment", Some(5)),
            (Code::UnknownTarget, "/States/A/Next", Some(6)),
        ]
    );
}

#[test]
fn the_state_of_a_pointer_is_read_from_its_structure() {
    let place = |list, state| Some(StatePlace { list, state });
    assert_eq!(
        state_place("/States/P/Branches/0/States/In~1ner/Next"),
        place(
            "/States/P/Branches/0",
            "/States/P/Branches/0/States/In~1ner"
        )
    );
    assert_eq!(
        state_place("/States/M/ItemProcessor/States/X"),
        place(
            "/States/M/ItemProcessor",
            "/States/M/ItemProcessor/States/X"
        )
    );
    assert_eq!(
        state_place("/States/M/Iterator/States/X/End"),
        place("/States/M/Iterator", "/States/M/Iterator/States/X")
    );
    assert_eq!(state_place("/States/P"), place("", "/States/P"));
    // A state may be named like a field: `States` is a name after a state list, and a
    // field inside a state.
    assert_eq!(
        state_place("/States/States/Comment"),
        place("", "/States/States")
    );
    assert_eq!(
        state_place("/States/States/States"),
        place("", "/States/States")
    );
    assert_eq!(
        state_place("/States/Branches/Branches/0/States/States/Next"),
        place(
            "/States/Branches/Branches/0",
            "/States/Branches/Branches/0/States/States"
        )
    );
    // `States` elsewhere is not a state list.
    assert_eq!(
        state_place("/States/T/Parameters/States/X"),
        place("", "/States/T")
    );
    assert_eq!(state_place("/States"), None);
    assert_eq!(state_place("/StartAt"), None);
    assert_eq!(state_place("/Parameters/States/X"), None);
    assert_eq!(state_place(""), None);
}

/// An orphan and a loop nothing enters, in the top-level list after the states of `first`.
fn with_unrelated_problems(first: &str) -> String {
    format!(
        r#"{{"StartAt": "A", "States": {{
  {first},
  "Orphan": {{"Type": "Pass", "End": true}},
  "L1": {{"Type": "Pass", "Next": "L2"}},
  "L2": {{"Type": "Pass", "Next": "L1"}}}}}}"#
    )
}

fn unrelated_problems() -> Vec<(Code, String)> {
    owned(&[
        (Code::Unreachable, "/States/Orphan"),
        (Code::LoopWithoutWait, "/States/L1"),
        (Code::ReachedOnlyFromUnreachable, "/States/L1"),
        (Code::ReachedOnlyFromUnreachable, "/States/L2"),
    ])
}

#[test]
fn a_stray_field_next_to_the_field_it_means_hides_nothing() {
    // Each unknown field is near a known one (`Text`, `next`, `Ends`, `Catches`) or
    // is one of another state type (`Default`), but the transition it could mean is
    // there and was read: the graph is the author's own.
    for stray in [
        r#""Text": "x""#,
        r#""next": "Orphan""#,
        r#""Ends": true"#,
        r#""Catches": [{"ErrorEquals": ["States.ALL"], "Next": "Orphan"}]"#,
        r#""Default": "Orphan""#,
    ] {
        let text = with_unrelated_problems(&format!(
            r#""A": {{"Type": "Pass", {stray}, "Next": "B"}}, "B": {{"Type": "Pass", "End": true}}"#
        ));
        let found = codes(&text);
        assert_eq!(
            found.first().map(|(code, _)| *code),
            Some(Code::UnknownField)
        );
        assert_eq!(
            found.get(1..),
            Some(unrelated_problems().as_slice()),
            "{stray}"
        );
    }
}

#[test]
fn a_transition_left_out_hides_only_what_it_led_to() {
    // A misspelt `Default` leads to `Done`, reached anyway: nothing else is hidden.
    let text = with_unrelated_problems(
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Done"}], "Defualt": "Done"},
  "Done": {"Type": "Succeed"}"#,
    );
    let mut expected = owned(&[(Code::UnknownField, "/States/A/Defualt")]);
    expected.extend(unrelated_problems());
    assert_eq!(codes(&text), expected);
    // A misspelt `Default` that alone leads to `Other`: `Other` (and what only it leads
    // to) would be unreachable in the copy, not in the original.
    let text = with_unrelated_problems(
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Done"}], "Defualt": "Other"},
  "Other": {"Type": "Pass", "Next": "Done"}, "Done": {"Type": "Succeed"}"#,
    );
    let mut expected = owned(&[(Code::UnknownField, "/States/A/Defualt")]);
    expected.extend(unrelated_problems());
    assert_eq!(codes(&text), expected);
    // A `Catch` of the wrong type: the states it leads to only, in its own list; the
    // orphan of a Parallel branch, a busy loop it is no exit of and an orphan stay.
    let text = r#"{"StartAt": "A", "States": {
  "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "TimeoutSeconds": 10, "Catch": {"ErrorEquals": ["States.ALL"], "Next": "Handled"}, "Next": "P"},
  "Handled": {"Type": "Fail"},
  "P": {"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}, "BranchOrphan": {"Type": "Succeed"}}}], "Next": "Poll"},
  "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "TimeoutSeconds": 10, "Next": "Check"},
  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Done"}], "Default": "Poll"},
  "Done": {"Type": "Succeed"},
  "Orphan": {"Type": "Pass", "End": true}}}"#;
    assert_eq!(
        codes(text),
        owned(&[
            (Code::WrongType, "/States/A/Catch"),
            (
                Code::Unreachable,
                "/States/P/Branches/0/States/BranchOrphan"
            ),
            (Code::LoopWithoutWait, "/States/Poll"),
            (Code::Unreachable, "/States/Orphan"),
        ])
    );
}

#[test]
fn a_transition_its_state_type_refuses_hides_what_it_led_to() {
    // Each transition is spelt right, but the state type has no such field: the states
    // it led to are unreachable in the copy only.
    for (state, refused) in [
        (
            r#""Type": "Wait", "Seconds": 1, "End": true"#,
            r#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]"#,
        ),
        (
            r#""Type": "Pass", "End": true"#,
            r#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]"#,
        ),
        (r#""Type": "Succeed""#, r#""Next": "Handler""#),
        (r#""Type": "Fail""#, r#""Next": "Handler""#),
        (
            r#""Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Done"}]"#,
            r#""Next": "Handler""#,
        ),
        (r#""Type": "Succeed""#, r#""Default": "Handler""#),
    ] {
        let text = with_unrelated_problems(&format!(
            r#""A": {{{state}, {refused}}}, "Handler": {{"Type": "Pass", "Next": "Done"}}, "Done": {{"Type": "Succeed"}}"#
        ));
        let key = if refused.contains("Catch") {
            "Catch"
        } else if refused.contains("Default") {
            "Default"
        } else {
            "Next"
        };
        let mut expected = owned(&[(Code::UnknownField, &format!("/States/A/{key}"))]);
        expected.extend(unrelated_problems());
        assert_eq!(codes(&text), expected, "{state}, {refused}");
    }
    // A `Next` on a Choice state stands for its `Default`: beside a `Default` it takes
    // nothing away, so the state only it names stays unreachable.
    let text = with_unrelated_problems(
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Done"}], "Default": "Done", "Next": "Handler"},
  "Handler": {"Type": "Pass", "Next": "Done"}, "Done": {"Type": "Succeed"}"#,
    );
    let mut expected = owned(&[
        (Code::UnknownField, "/States/A/Next"),
        (Code::Unreachable, "/States/Handler"),
    ]);
    expected.extend(unrelated_problems());
    assert_eq!(codes(&text), expected);
}

#[test]
fn an_end_left_out_for_its_next_hides_only_the_loops_through_it() {
    // The `Next` is kept, so the graph is the author's: the `End` left out was an exit
    // of the states that reach `A` only. The loop `Poll`/`Check` never reaches `A`: it
    // is the author's, and reported.
    let text = r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Next": "Poll", "End": true},
  "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "TimeoutSeconds": 10, "Next": "Check"},
  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Done"}], "Default": "Poll"},
  "Done": {"Type": "Succeed"}}}"#;
    assert_eq!(
        codes(text),
        owned(&[
            (Code::ConflictingFields, "/States/A/End"),
            (Code::LoopWithoutWait, "/States/Poll"),
        ])
    );
    // An invalid `End` next to a `Next`: the loop `A`/`B` goes through `A` (hidden),
    // the loop `X`/`Y` does not.
    let text = r#"{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "End": "yes", "Next": "B"},
  "B": {"Type": "Pass", "Next": "A"},
  "X": {"Type": "Pass", "Next": "Y"},
  "Y": {"Type": "Pass", "Next": "X"}}}"#;
    assert_eq!(
        codes(text),
        owned(&[
            (Code::WrongType, "/States/A/End"),
            (Code::ConflictingFields, "/States/A/End"),
            (Code::LoopWithoutWait, "/States/X"),
            (Code::ReachedOnlyFromUnreachable, "/States/X"),
            (Code::ReachedOnlyFromUnreachable, "/States/Y"),
        ])
    );
}

#[test]
fn an_assign_left_out_hides_only_the_reads_of_its_variables() {
    let text = r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
  "A": {"Type": "Pass", "Asign": {"x": 1}, "Next": "B"},
  "B": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $totallyUnassigned %}"}, "End": true}}}"#;
    assert_eq!(
        codes(text),
        owned(&[
            (Code::UnknownField, "/States/A/Asign"),
            (Code::UnassignedVariable, "/States/B/Output/y"),
        ])
    );
    // An `Assign` that is not an object may have assigned anything its list reads.
    let text = r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
  "A": {"Type": "Pass", "Assign": "{% $x %}", "Next": "B"},
  "B": {"Type": "Pass", "Output": {"y": "{% $totallyUnassigned %}"}, "End": true}}}"#;
    assert_eq!(codes(text), owned(&[(Code::WrongType, "/States/A/Assign")]));
}

#[test]
fn a_state_named_like_a_field_is_repaired_too() {
    let text = r#"{"StartAt": "States", "States": {
  "States": {"Type": "Pass", "Comment": 5, "Next": "B"},
  "B": {"Type": "Pass", "Next": "Cee"},
  "C": {"Type": "Succeed"}}}"#;
    assert_eq!(
        codes(text),
        owned(&[
            (Code::WrongType, "/States/States/Comment"),
            (Code::UnknownTarget, "/States/B/Next"),
            (Code::Unreachable, "/States/C"),
        ])
    );
}
