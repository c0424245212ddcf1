//! `codebuild:startBuild`.

use super::{allow, document, expected, sync_rule};

const BUILD: &[&str] = &[
    "codebuild:StartBuild",
    "codebuild:StopBuild",
    "codebuild:BatchGetBuilds",
    "codebuild:BatchGetReports",
];

#[test]
fn a_build_run_to_completion_gets_its_project_and_the_managed_rule() {
    let build = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::codebuild:startBuild.sync",
            "Parameters": {"ProjectName": "web", "SourceVersion.$": "$.commit"}, "End": true}"#,
    );
    assert_eq!(
        build,
        expected(
            &[
                allow(
                    BUILD,
                    &["arn:aws:codebuild:${AWS::Region}:${AWS::AccountId}:project/web"]
                ),
                sync_rule("StepFunctionsGetEventForCodeBuildStartBuildRule"),
            ],
            &[]
        )
    );
}

#[test]
fn a_started_build_names_its_project_by_substitution_or_arn() {
    for (project, arn) in [
        (
            "${WebProjectName}",
            "arn:aws:codebuild:${AWS::Region}:${AWS::AccountId}:project/${WebProjectName}",
        ),
        (
            "arn:aws:codebuild:eu-west-1:123456789012:project/web",
            "arn:aws:codebuild:eu-west-1:123456789012:project/web",
        ),
    ] {
        let build = document(&format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::codebuild:startBuild",
                "Parameters": {{"ProjectName": "{project}"}}, "End": true}}"#
        ));
        assert_eq!(build, expected(&[allow(BUILD, &[arn])], &[]));
    }
}

#[test]
fn a_computed_project_is_listed_and_the_rule_still_granted() {
    let build = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::codebuild:startBuild.sync",
            "Parameters": {"ProjectName.$": "$.project"}, "End": true}"#,
    );
    assert_eq!(
        build,
        expected(
            &[sync_rule("StepFunctionsGetEventForCodeBuildStartBuildRule")],
            &[("T", BUILD, "`ProjectName` is computed at run time")]
        )
    );
}
