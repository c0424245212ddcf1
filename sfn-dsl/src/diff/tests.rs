use serde_json::json;

use super::{Change, diff};
use crate::StateMachine;

fn machine(text: &str) -> StateMachine {
    StateMachine::from_json(text).expect("valid definition")
}

#[test]
fn identical_machines_have_no_changes() {
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#;
    assert!(diff(&machine(text), &machine(text)).is_empty());
}

#[test]
fn top_level_start_type_and_fields() {
    let old = machine(
        r#"{"StartAt": "A", "TimeoutSeconds": 10, "States": {
            "A": {"Type": "Pass", "Result": 1, "Next": "B"}, "B": {"Type": "Succeed"}}}"#,
    );
    let new = machine(
        r#"{"StartAt": "B", "States": {
            "A": {"Type": "Wait", "Seconds": 1, "Next": "B"}, "B": {"Type": "Succeed", "Comment": "done"}}}"#,
    );
    assert_eq!(
        diff(&old, &new).changes,
        [
            Change::TransitionChanged {
                state: None,
                field: "StartAt".to_owned(),
                from: Some("A".to_owned()),
                to: Some("B".to_owned()),
            },
            Change::FieldChanged {
                state: None,
                field: "TimeoutSeconds".to_owned(),
                from: json!(10),
                to: json!(null),
            },
            Change::TypeChanged {
                state: "A".to_owned(),
                from: "Pass".to_owned(),
                to: "Wait".to_owned(),
            },
            Change::FieldChanged {
                state: Some("B".to_owned()),
                field: "Comment".to_owned(),
                from: json!(null),
                to: json!("done"),
            },
        ]
    );
}

#[test]
fn moves_ends_and_nested_fields() {
    let old = machine(
        r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
            {"StartAt": "X", "States": {"X": {"Type": "Pass", "Parameters": {"a": {"b": 1}}, "End": true}}}],
            "Next": "Y"}, "Y": {"Type": "Succeed"}}}"#,
    );
    let new = machine(
        r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
            {"StartAt": "Y", "States": {"Y": {"Type": "Succeed"}}}], "End": true},
            "X": {"Type": "Pass", "Parameters": {"a": {"b": 2}}, "End": true}}}"#,
    );
    let text = diff(&old, &new).to_string();
    assert_eq!(
        text,
        "~ state `P`: Next `Y` -> (end)\n\
         ~ state `P`: Branches/0/StartAt \"X\" -> \"Y\"\n\
         ~ state `Y` moved from /States to /States/P/Branches/0/States\n\
         ~ state `X` moved from /States/P/Branches/0/States to /States\n\
         ~ state `X`: Parameters/a/b 1 -> 2\n"
    );
    let changes = diff(&old, &new).changes;
    assert!(changes.contains(&Change::StateMoved {
        state: "X".to_owned(),
        from: "/States/P/Branches/0/States".to_owned(),
        to: "/States".to_owned(),
    }));
    assert!(changes.contains(&Change::FieldChanged {
        state: Some("X".to_owned()),
        field: "Parameters/a/b".to_owned(),
        from: json!(1),
        to: json!(2),
    }));
    assert!(changes.contains(&Change::StateMoved {
        state: "Y".to_owned(),
        from: "/States".to_owned(),
        to: "/States/P/Branches/0/States".to_owned(),
    }));
}

#[test]
fn duplicate_names_are_matched_in_order() {
    // Found by the `validate` fuzz target: a name used in two state lists (invalid, but
    // diffable) made a machine differ from itself.
    let machine = machine(
        r#"{"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Branches": [{"StartAt": "N", "States": {"N": {"Type": "Succeed"}}}], "Next": "N"},
            "N": {"Type": "Pass", "End": true}}}"#,
    );
    assert!(diff(&machine, &machine).is_empty());
    let mut renamed = machine.clone();
    if let Some(crate::model::State::Pass(pass)) = renamed.states.get_mut("N") {
        pass.comment = Some("second".to_owned());
    }
    assert_eq!(
        diff(&machine, &renamed).to_string(),
        "~ state `N`: Comment set to \"second\"\n"
    );
}

/// Retriers and catchers are compared field by field while their lists keep their length;
/// one added or removed shows the lists whole.
#[test]
fn error_handling_changes_name_the_field_that_changed() {
    let task = |retry: &str, catch: &str| {
        machine(&format!(
            r#"{{"StartAt": "T", "States": {{
                "T": {{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                       "Retry": {retry}, "Catch": {catch}, "End": true}},
                "F": {{"Type": "Fail"}}}}}}"#
        ))
    };
    let old = task(
        r#"[{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 3}]"#,
        r#"[{"ErrorEquals": ["States.TaskFailed"], "Next": "F"}]"#,
    );
    let new = task(
        r#"[{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 5, "MaxDelaySeconds": 10}]"#,
        r#"[{"ErrorEquals": ["States.ALL"], "Next": "F"}]"#,
    );
    let changed = |field: &str, from, to| Change::ErrorHandlingChanged {
        state: "T".to_owned(),
        field: field.to_owned(),
        from,
        to,
    };
    assert_eq!(
        diff(&old, &new).changes,
        [
            changed("Retry/0/MaxAttempts", json!(3), json!(5)),
            changed("Retry/0/MaxDelaySeconds", json!(null), json!(10)),
            changed(
                "Catch/0/ErrorEquals/0",
                json!("States.TaskFailed"),
                json!("States.ALL")
            ),
        ]
    );
    let added = task(
        r#"[{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 3}, {"ErrorEquals": ["States.ALL"]}]"#,
        r#"[{"ErrorEquals": ["States.TaskFailed"], "Next": "F"}]"#,
    );
    assert_eq!(
        diff(&old, &added).changes,
        [changed(
            "Retry",
            json!([{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 3}]),
            json!([{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 3}, {"ErrorEquals": ["States.ALL"]}])
        )]
    );
}

/// Renamed states alike in everything but their names pair up in document order.
#[test]
fn alike_states_renamed_together_pair_in_order() {
    let old = machine(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "C"},
            "C": {"Type": "Succeed"}}}"#,
    );
    let new = machine(
        r#"{"StartAt": "X", "States": {
            "X": {"Type": "Pass", "Next": "Y"}, "Y": {"Type": "Pass", "Next": "C"},
            "C": {"Type": "Succeed"}}}"#,
    );
    assert_eq!(
        diff(&old, &new).to_string(),
        "~ state `A` renamed to `X`\n~ state `B` renamed to `Y`\n"
    );
}

#[test]
fn a_catcher_or_rule_added_or_removed_shows_the_lists_whole_with_their_targets() {
    let old = machine(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Catch": [
                {"ErrorEquals": ["E1"], "Next": "D"}, {"ErrorEquals": ["States.ALL"], "Next": "C"}], "Next": "Pick"},
            "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "C"}], "Default": "D"},
            "C": {"Type": "Succeed"}, "D": {"Type": "Succeed"}}}"#,
    );
    let new = machine(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Catch": [
                {"ErrorEquals": ["States.ALL"], "Next": "C"}], "Next": "Pick"},
            "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.y", "IsPresent": true, "Next": "D"},
                {"Variable": "$.x", "IsPresent": true, "Next": "C"}]},
            "C": {"Type": "Succeed"}, "D": {"Type": "Succeed"}}}"#,
    );
    let changes = diff(&old, &new);
    assert_eq!(
        changes.changes,
        [
            Change::ErrorHandlingChanged {
                state: "A".to_owned(),
                field: "Catch".to_owned(),
                from: json!([{"ErrorEquals": ["E1"], "Next": "D"}, {"ErrorEquals": ["States.ALL"], "Next": "C"}]),
                to: json!([{"ErrorEquals": ["States.ALL"], "Next": "C"}]),
            },
            Change::TransitionChanged {
                state: Some("Pick".to_owned()),
                field: "Default".to_owned(),
                from: Some("D".to_owned()),
                to: None,
            },
            Change::FieldChanged {
                state: Some("Pick".to_owned()),
                field: "Choices".to_owned(),
                from: json!([{"Variable": "$.x", "IsPresent": true, "Next": "C"}]),
                to: json!([{"Variable": "$.y", "IsPresent": true, "Next": "D"},
                    {"Variable": "$.x", "IsPresent": true, "Next": "C"}]),
            },
        ],
        "{changes}"
    );
    // A Choice state without `Default` does not end: its absence is not called an end.
    assert!(
        changes.to_string().contains("Default `D` -> (none)"),
        "{changes}"
    );
}

#[test]
fn a_branch_start_renamed_with_its_state_is_not_a_change() {
    let old = machine(
        r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
            {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "End": true}}}], "End": true}}}"#,
    );
    let new = machine(
        r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
            {"StartAt": "B1x", "States": {"B1x": {"Type": "Pass", "End": true}}}], "End": true}}}"#,
    );
    assert_eq!(
        diff(&old, &new).changes,
        [Change::StateRenamed {
            from: "B1".to_owned(),
            to: "B1x".to_owned(),
        }]
    );
}
