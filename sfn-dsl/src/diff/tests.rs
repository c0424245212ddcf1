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
                from: Some(json!(10)),
                to: None,
            },
            Change::TypeChanged {
                state: "A".to_owned(),
                from: "Pass".to_owned(),
                to: "Wait".to_owned(),
            },
            Change::FieldChanged {
                state: Some("A".to_owned()),
                field: "Seconds".to_owned(),
                from: None,
                to: Some(json!(1)),
            },
            Change::FieldChanged {
                state: Some("A".to_owned()),
                field: "Result".to_owned(),
                from: Some(json!(1)),
                to: None,
            },
            Change::FieldChanged {
                state: Some("B".to_owned()),
                field: "Comment".to_owned(),
                from: None,
                to: Some(json!("done")),
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
        from: Some(json!(1)),
        to: Some(json!(2)),
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
            changed("Retry/0/MaxAttempts", Some(json!(3)), Some(json!(5))),
            changed("Retry/0/MaxDelaySeconds", None, Some(json!(10))),
            changed(
                "Catch/0/ErrorEquals/0",
                Some(json!("States.TaskFailed")),
                Some(json!("States.ALL"))
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
            Some(json!([{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 3}])),
            Some(
                json!([{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 3}, {"ErrorEquals": ["States.ALL"]}])
            )
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
                from: Some(
                    json!([{"ErrorEquals": ["E1"], "Next": "D"}, {"ErrorEquals": ["States.ALL"], "Next": "C"}])
                ),
                to: Some(json!([{"ErrorEquals": ["States.ALL"], "Next": "C"}])),
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
                from: Some(json!([{"Variable": "$.x", "IsPresent": true, "Next": "C"}])),
                to: Some(json!([{"Variable": "$.y", "IsPresent": true, "Next": "D"},
                    {"Variable": "$.x", "IsPresent": true, "Next": "C"}])),
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

/// A state whose `Type` changed is still compared: its new `Resource`, its changed `Next`
/// and the error handling it gained are what a review of the change must see.
#[test]
fn a_state_whose_type_changed_shows_its_other_changes() {
    let old = machine(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.a", "Next": "B"},
            "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Succeed"}}}"#,
    );
    let new = machine(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                  "ResultPath": "$.b", "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 10}],
                  "Next": "C"},
            "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Succeed"}}}"#,
    );
    let field = |field: &str, from: Option<serde_json::Value>, to| Change::FieldChanged {
        state: Some("A".to_owned()),
        field: field.to_owned(),
        from,
        to,
    };
    assert_eq!(
        diff(&old, &new).changes,
        [
            Change::TypeChanged {
                state: "A".to_owned(),
                from: "Pass".to_owned(),
                to: "Task".to_owned(),
            },
            Change::TransitionChanged {
                state: Some("A".to_owned()),
                field: "Next".to_owned(),
                from: Some("B".to_owned()),
                to: Some("C".to_owned()),
            },
            Change::ErrorHandlingChanged {
                state: "A".to_owned(),
                field: "Retry".to_owned(),
                from: None,
                to: Some(json!([{"ErrorEquals": ["States.ALL"], "MaxAttempts": 10}])),
            },
            field("ResultPath", Some(json!("$.a")), Some(json!("$.b"))),
            field(
                "Resource",
                None,
                Some(json!("arn:aws:lambda:us-east-1:123456789012:function:f"))
            ),
            field("Result", Some(json!({"x": 1})), None),
        ]
    );
    // The other way round, a Task that became a Choice: its rules and `Default` show with
    // their targets, its `Next` goes.
    let choice = machine(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "B"}],
                  "Default": "C"},
            "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Succeed"}}}"#,
    );
    assert_eq!(
        diff(&new, &choice).to_string(),
        "~ state `A`: Type Task -> Choice\n\
         ~ state `A`: Default set to \"C\"\n\
         ~ state `A`: Next removed (was \"C\")\n\
         ~ state `A`: Retry removed (was [{\"ErrorEquals\":[\"States.ALL\"],\"MaxAttempts\":10}])\n\
         ~ state `A`: Choices set to [{\"Variable\":\"$.x\",\"IsPresent\":true,\"Next\":\"B\"}]\n\
         ~ state `A`: ResultPath removed (was \"$.b\")\n\
         ~ state `A`: Resource removed (was \"arn:aws:lambda:us-east-1:123456789012:function:f\")\n"
    );
}

/// A state that ended and still ends under its new type (a Pass state with `End` that
/// became a Succeed or Fail state) has no transition change: only its type changed.
#[test]
fn a_terminal_state_of_another_type_has_no_transition_change() {
    let pass = machine(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#);
    let succeed = machine(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#);
    assert_eq!(
        diff(&pass, &succeed).to_string(),
        "~ state `A`: Type Pass -> Succeed\n"
    );
    assert_eq!(
        diff(&succeed, &pass).to_string(),
        "~ state `A`: Type Succeed -> Pass\n"
    );
}

/// `null` and absent mean different things in ASL (`"ResultPath": null` discards the
/// result; an absent one keeps it whole), so the diff tells them apart, in its data, its
/// text and its JSON.
#[test]
fn a_field_set_to_null_is_not_a_field_removed() {
    let old = machine(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
                  "Parameters": {"n": null, "m": null}, "ResultPath": "$.r",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}], "Next": "B"},
            "B": {"Type": "Pass", "End": true}}}"#,
    );
    let new = machine(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
                  "Parameters": {"m": true}, "ResultPath": null,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "B"}],
                  "Next": "B"},
            "B": {"Type": "Pass", "InputPath": null, "OutputPath": null, "End": true}}}"#,
    );
    let changes = diff(&old, &new);
    assert_eq!(
        changes.to_string(),
        "~ state `A`: Catch/0/ResultPath set to null\n\
         ~ state `A`: ResultPath set to null (was \"$.r\")\n\
         ~ state `A`: Parameters/m null -> true\n\
         ~ state `A`: Parameters/n removed (was null)\n\
         ~ state `B`: OutputPath set to null\n\
         ~ state `B`: InputPath set to null\n"
    );
    assert!(changes.changes.contains(&Change::FieldChanged {
        state: Some("A".to_owned()),
        field: "ResultPath".to_owned(),
        from: Some(json!("$.r")),
        to: Some(json!(null)),
    }));
    assert!(changes.changes.contains(&Change::ErrorHandlingChanged {
        state: "A".to_owned(),
        field: "Catch/0/ResultPath".to_owned(),
        from: None,
        to: Some(json!(null)),
    }));
    // In JSON an absent side is left out, a `null` one is `null`.
    let json = serde_json::to_value(&changes).expect("serializable");
    let field = |name: &str| {
        json["changes"]
            .as_array()
            .and_then(|changes| changes.iter().find(|change| change["field"] == name))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        field("Catch/0/ResultPath"),
        json!({"kind": "error-handling-changed", "state": "A", "field": "Catch/0/ResultPath", "to": null})
    );
    assert_eq!(
        field("Parameters/n"),
        json!({"kind": "field-changed", "state": "A", "field": "Parameters/n", "from": null})
    );
    assert_eq!(
        field("ResultPath"),
        json!({"kind": "field-changed", "state": "A", "field": "ResultPath", "from": "$.r", "to": null})
    );
}

/// Field paths are JSON pointers relative to the state: a `/` or `~` in a key is escaped, so
/// the key `a/b` is not taken for `b` inside `a`.
#[test]
fn field_paths_escape_slashes_and_tildes_in_keys() {
    let parameters = |parameters: &str| {
        machine(&format!(
            r#"{{"StartAt": "A", "States": {{
                "A": {{"Type": "Pass", "Parameters": {parameters}, "End": true}}}}}}"#
        ))
    };
    let old = parameters(r#"{"a/b": 1, "x~y": 2, "a": {"b": 1}, "~1": 1}"#);
    let new = parameters(r#"{"a/b": 2, "x~y": 3, "a": {"b": 2}, "~1": 2}"#);
    let fields: Vec<String> = diff(&old, &new)
        .changes
        .into_iter()
        .filter_map(|change| match change {
            Change::FieldChanged { field, .. } => Some(field),
            _ => None,
        })
        .collect();
    assert_eq!(
        fields,
        [
            "Parameters/a~1b",
            "Parameters/x~0y",
            "Parameters/a/b",
            "Parameters/~01"
        ]
    );
    // Each is a pointer into the state's JSON.
    let state = serde_json::to_value(new.states.get("A")).expect("serializable");
    for (field, value) in fields.iter().zip([2, 3, 2, 2]) {
        assert_eq!(
            state.pointer(&format!("/{field}")),
            Some(&json!(value)),
            "{field}"
        );
    }
}
