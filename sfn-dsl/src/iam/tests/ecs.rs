//! `ecs:runTask`.

use super::{allow, document, expected};

const PASS_ROLE: (&str, &[&str], &str) = (
    "T",
    &["iam:PassRole"],
    "the task definition's task role and execution role must be passable; their ARNs are not in the definition",
);

#[test]
fn a_family_without_a_revision_grants_every_revision() {
    let run = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask",
            "Parameters": {"Cluster": "c", "TaskDefinition": "my-task"}, "End": true}"#,
    );
    assert_eq!(
        run,
        expected(
            &[allow(
                &["ecs:RunTask"],
                &["arn:aws:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/my-task:*"]
            )],
            &[PASS_ROLE]
        )
    );
}

#[test]
fn a_revision_is_kept_as_given() {
    for (task_definition, arn) in [
        (
            "my-task:3",
            "arn:aws:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/my-task:3",
        ),
        (
            "arn:aws:ecs:us-east-1:123456789012:task-definition/my-task:3",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/my-task:3",
        ),
    ] {
        let run = document(&format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask",
                "Parameters": {{"Cluster": "c", "TaskDefinition": "{task_definition}"}}, "End": true}}"#
        ));
        assert_eq!(
            run,
            expected(&[allow(&["ecs:RunTask"], &[arn])], &[PASS_ROLE]),
            "{task_definition}"
        );
    }
}
