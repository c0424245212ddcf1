//! `glue:startJobRun`.

use super::{allow, document, expected};

const RUN_TO_COMPLETION: &[&str] = &[
    "glue:StartJobRun",
    "glue:GetJobRun",
    "glue:GetJobRuns",
    "glue:BatchStopJobRun",
];

#[test]
fn a_job_run_to_completion_by_name() {
    let start = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
            "Parameters": {"JobName": "etl"}, "End": true}"#,
    );
    assert_eq!(
        start,
        expected(
            &[allow(
                RUN_TO_COMPLETION,
                &["arn:aws:glue:${AWS::Region}:${AWS::AccountId}:job/etl"]
            )],
            &[]
        )
    );
}

#[test]
fn a_computed_job_lists_every_action_it_needs() {
    let start = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
            "Parameters": {"JobName.$": "$.job"}, "End": true}"#,
    );
    assert_eq!(
        start,
        expected(
            &[],
            &[(
                "T",
                RUN_TO_COMPLETION,
                "`JobName` is computed at run time (AWS's template grants these on `*`)"
            )]
        )
    );
}
