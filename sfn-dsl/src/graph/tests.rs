use super::{GraphIssueKind, check_graph};
use crate::StateMachine;

fn issues(json: &str) -> Vec<(GraphIssueKind, String, Option<String>)> {
    let machine = StateMachine::from_json(json).expect("test definition parses");
    check_graph(&machine)
        .into_iter()
        .map(|issue| {
            (
                issue.kind,
                issue.pointer,
                issue.state.map(crate::StateName::into_string),
            )
        })
        .collect()
}

fn owned(
    kind: GraphIssueKind,
    pointer: &str,
    state: Option<&str>,
) -> (GraphIssueKind, String, Option<String>) {
    (kind, pointer.to_owned(), state.map(str::to_owned))
}

#[test]
fn a_sound_machine_has_no_issues() {
    let found = issues(
        r#"{
        "StartAt": "Route",
        "States": {
            "Route": { "Type": "Choice",
                "Choices": [{ "Variable": "$.x", "IsPresent": true, "Next": "Work" }],
                "Default": "Done" },
            "Work": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Failed" }], "Next": "Fan" },
            "Fan": { "Type": "Parallel", "Next": "Done", "Branches": [
                { "StartAt": "B1", "States": { "B1": { "Type": "Pass", "End": true } } }
            ] },
            "Failed": { "Type": "Fail" },
            "Done": { "Type": "Succeed" }
        }
    }"#,
    );
    assert_eq!(found, []);
}

#[test]
fn missing_start_at_suggests_a_close_name_and_skips_reachability() {
    let machine = StateMachine::from_json(
        r#"{"StartAt": "Chage", "States": {"Charge": {"Type": "Pass", "End": true}}}"#,
    )
    .expect("parses");
    let found = check_graph(&machine);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, GraphIssueKind::MissingStartAt);
    assert_eq!(found[0].pointer, "/StartAt");
    assert_eq!(found[0].state, None);
    assert_eq!(found[0].hint.as_deref(), Some("did you mean `Charge`?"));
    assert_eq!(
        found[0].message,
        "`StartAt` names `Chage`, but no state of this list has that name"
    );
}

#[test]
fn every_transition_field_is_checked_with_its_pointer() {
    let found = issues(
        r#"{
        "StartAt": "Route",
        "States": {
            "Route": { "Type": "Choice",
                "Choices": [{ "Variable": "$.x", "IsPresent": true, "Next": "Nowhere" }],
                "Default": "Gone" },
            "Work": { "Type": "Task", "Resource": "x",
                "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Lost" }], "Next": "Missing" }
        }
    }"#,
    );
    // The missing targets may have led to an end: no `NoReachableTerminal`.
    assert_eq!(
        found,
        [
            owned(
                GraphIssueKind::UnknownTarget,
                "/States/Route/Choices/0/Next",
                Some("Route")
            ),
            owned(
                GraphIssueKind::UnknownTarget,
                "/States/Route/Default",
                Some("Route")
            ),
            owned(GraphIssueKind::Unreachable, "/States/Work", Some("Work")),
            owned(
                GraphIssueKind::UnknownTarget,
                "/States/Work/Catch/0/Next",
                Some("Work")
            ),
            owned(
                GraphIssueKind::UnknownTarget,
                "/States/Work/Next",
                Some("Work")
            ),
        ]
    );
}

#[test]
fn transitions_cannot_cross_list_boundaries() {
    let machine = StateMachine::from_json(
        r#"{
        "StartAt": "Fan",
        "States": {
            "Fan": { "Type": "Parallel", "Next": "Inner", "Branches": [
                { "StartAt": "Inner", "States": { "Inner": { "Type": "Pass", "Next": "After" } } }
            ] },
            "After": { "Type": "Succeed" }
        }
    }"#,
    )
    .expect("parses");
    let found = check_graph(&machine);
    let kinds: Vec<_> = found
        .iter()
        .map(|issue| (issue.kind, issue.pointer.as_str()))
        .collect();
    // Each list's only way on leads out of it, which is the error reported (not also a
    // list that cannot end).
    assert_eq!(
        kinds,
        [
            (
                GraphIssueKind::TargetOutOfScope,
                "/States/Fan/Branches/0/States/Inner/Next"
            ),
            (GraphIssueKind::TargetOutOfScope, "/States/Fan/Next"),
            (GraphIssueKind::Unreachable, "/States/After"),
        ]
    );
    assert_eq!(
        found[1].state.as_ref().map(crate::StateName::as_str),
        Some("Fan")
    );
    assert!(
        found[1]
            .message
            .contains("/States/Fan/Branches/0/States/Inner"),
        "{}",
        found[1].message
    );
}

#[test]
fn nested_start_at_in_another_list_is_missing() {
    let found = issues(
        r#"{
        "StartAt": "Map",
        "States": {
            "Map": { "Type": "Map", "End": true, "Iterator": {
                "StartAt": "Map", "States": { "Step": { "Type": "Pass", "End": true } } } }
        }
    }"#,
    );
    assert_eq!(
        found,
        [owned(
            GraphIssueKind::MissingStartAt,
            "/States/Map/Iterator/StartAt",
            Some("Map")
        )]
    );
}

#[test]
fn names_are_unique_across_lists_and_limited_in_length() {
    let long = "L".repeat(81);
    let exactly_80 = "E".repeat(80);
    let json = format!(
        r#"{{
        "StartAt": "A",
        "States": {{
            "A": {{ "Type": "Map", "Next": "{exactly_80}", "ItemProcessor": {{
                "StartAt": "A/B", "States": {{
                    "A/B": {{ "Type": "Pass", "Next": "Dup" }},
                    "Dup": {{ "Type": "Succeed" }} }} }} }},
            "{exactly_80}": {{ "Type": "Pass", "Next": "Dup" }},
            "Dup": {{ "Type": "Pass", "Next": "{long}" }},
            "{long}": {{ "Type": "Pass", "Next": "" }},
            "": {{ "Type": "Succeed" }}
        }}
    }}"#
    );
    let found = issues(&json);
    assert_eq!(
        found,
        [
            owned(GraphIssueKind::DuplicateName, "/States/Dup", Some("Dup")),
            owned(
                GraphIssueKind::NameTooLong,
                &format!("/States/{long}"),
                Some(&long)
            ),
            owned(GraphIssueKind::EmptyName, "/States/", Some("")),
        ]
    );
}

#[test]
fn duplicate_message_points_at_the_first_use() {
    let machine = StateMachine::from_json(
        r#"{
        "StartAt": "P",
        "States": {
            "P": { "Type": "Parallel", "End": true, "Branches": [
                { "StartAt": "X", "States": { "X": { "Type": "Pass", "End": true } } },
                { "StartAt": "X", "States": { "X": { "Type": "Pass", "End": true } } }
            ] }
        }
    }"#,
    )
    .expect("parses");
    let found = check_graph(&machine);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, GraphIssueKind::DuplicateName);
    assert_eq!(found[0].pointer, "/States/P/Branches/1/States/X");
    assert_eq!(
        found[0].message,
        "state name `X` is already used at /States/P/Branches/0/States/X"
    );
}

#[test]
fn loops_without_exit_have_no_reachable_terminal() {
    let found = issues(
        r#"{
        "StartAt": "A",
        "States": {
            "A": { "Type": "Pass", "Next": "B" },
            "B": { "Type": "Wait", "Seconds": 1, "Next": "A" },
            "End": { "Type": "Succeed" }
        }
    }"#,
    );
    assert_eq!(
        found,
        [
            owned(GraphIssueKind::NoReachableTerminal, "/StartAt", None),
            owned(GraphIssueKind::Unreachable, "/States/End", Some("End")),
        ]
    );
}

#[test]
fn catch_targets_make_states_reachable() {
    let found = issues(
        r#"{
        "StartAt": "A",
        "States": {
            "A": { "Type": "Task", "Resource": "x", "Next": "A",
                   "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Handle" }] },
            "Handle": { "Type": "Fail" }
        }
    }"#,
    );
    assert_eq!(found, []);
}

#[test]
fn the_corpus_style_empty_list_reports_missing_start() {
    let found = issues(r#"{"StartAt": "A", "States": {}}"#);
    assert_eq!(
        found,
        [owned(GraphIssueKind::MissingStartAt, "/StartAt", None)]
    );
}

#[test]
fn a_loop_nothing_enters_is_told_apart_from_a_state_nothing_names() {
    let machine = StateMachine::from_json(
        r#"{
        "StartAt": "A",
        "States": {
            "A": { "Type": "Succeed" },
            "Orphan": { "Type": "Pass", "Next": "Ping" },
            "Ping": { "Type": "Wait", "Seconds": 1, "Next": "Pong" },
            "Pong": { "Type": "Pass", "Next": "Ping" },
            "Self": { "Type": "Wait", "Seconds": 1, "Next": "Self" }
        }
    }"#,
    )
    .expect("parses");
    let kinds: Vec<_> = check_graph(&machine)
        .into_iter()
        .map(|issue| (issue.kind, issue.pointer))
        .collect();
    assert_eq!(
        kinds,
        [
            (GraphIssueKind::Unreachable, "/States/Orphan".to_owned()),
            (
                GraphIssueKind::ReachedOnlyFromUnreachable,
                "/States/Ping".to_owned()
            ),
            (
                GraphIssueKind::ReachedOnlyFromUnreachable,
                "/States/Pong".to_owned()
            ),
            (
                GraphIssueKind::ReachedOnlyFromUnreachable,
                "/States/Self".to_owned()
            ),
        ]
    );
}

#[test]
fn a_typo_in_a_transition_is_reported_once() {
    // Judged as if `Shipp` were `Ship`: neither `Ship`, nor `Notify` after it, nor the
    // missing end is reported on top of the typo.
    assert_eq!(
        issues(
            r#"{"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "Shipp"},
                "Ship": {"Type": "Pass", "Next": "Notify"},
                "Notify": {"Type": "Succeed"}}}"#
        ),
        [owned(
            GraphIssueKind::UnknownTarget,
            "/States/A/Next",
            Some("A")
        )]
    );
    // With no name close to it, the orphan is reported: it may be the mistake. The list
    // may still end through the missing state, so no missing end is reported.
    assert_eq!(
        issues(
            r#"{"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "Elsewhere"},
                "Ship": {"Type": "Succeed"}}}"#
        ),
        [
            owned(GraphIssueKind::UnknownTarget, "/States/A/Next", Some("A")),
            owned(GraphIssueKind::Unreachable, "/States/Ship", Some("Ship")),
        ]
    );
}

#[test]
fn a_typo_whose_guess_still_never_ends_reports_the_missing_end() {
    // Even with `Shp` read as `Ship`, `A` and `Ship` loop forever.
    assert_eq!(
        issues(
            r#"{"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "Shp"},
                "Ship": {"Type": "Pass", "Next": "A"}}}"#
        ),
        [
            owned(GraphIssueKind::NoReachableTerminal, "/StartAt", None),
            owned(GraphIssueKind::UnknownTarget, "/States/A/Next", Some("A")),
        ]
    );
}

#[test]
fn a_choice_with_no_rules_may_lead_anywhere() {
    // The validator reports the empty `Choices`; the states its rules were to reach are
    // not reported too.
    assert_eq!(
        issues(
            r#"{"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "C"},
                "C": {"Type": "Choice", "Choices": []},
                "W": {"Type": "Wait", "Seconds": 1, "Next": "P"},
                "P": {"Type": "Pass", "Next": "S"},
                "S": {"Type": "Succeed"}}}"#
        ),
        []
    );
    // Unless the Choice is never reached itself.
    assert_eq!(
        issues(
            r#"{"StartAt": "A", "States": {
                "A": {"Type": "Succeed"},
                "C": {"Type": "Choice", "Choices": []}}}"#
        ),
        [owned(GraphIssueKind::Unreachable, "/States/C", Some("C"))]
    );
}
