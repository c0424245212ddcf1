//! `batch:submitJob`.

use super::{allow, document, expected, sync_rule};

#[test]
fn a_job_definition_by_name_grants_its_revisions() {
    let submit = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob",
            "Parameters": {"JobName": "nightly", "JobDefinition": "jd", "JobQueue": "jq"}, "End": true}"#,
    );
    assert_eq!(
        submit,
        expected(
            &[allow(
                &["batch:SubmitJob"],
                &[
                    "arn:aws:batch:${AWS::Region}:${AWS::AccountId}:job-definition/jd:*",
                    "arn:aws:batch:${AWS::Region}:${AWS::AccountId}:job-queue/jq"
                ]
            )],
            &[]
        )
    );
}

#[test]
fn a_job_run_to_completion_can_be_watched_and_stopped() {
    let submit = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync",
            "Parameters": {"JobName": "nightly",
                           "JobDefinition": "arn:aws:batch:us-east-1:123456789012:job-definition/jd:4",
                           "JobQueue": "arn:aws:batch:us-east-1:123456789012:job-queue/jq"},
            "End": true}"#,
    );
    assert_eq!(
        submit,
        expected(
            &[
                allow(
                    &["batch:SubmitJob"],
                    &[
                        "arn:aws:batch:us-east-1:123456789012:job-definition/jd:4",
                        "arn:aws:batch:us-east-1:123456789012:job-queue/jq"
                    ]
                ),
                allow(&["batch:DescribeJobs", "batch:TerminateJob"], &["*"]),
                sync_rule("StepFunctionsGetEventsForBatchJobsRule"),
            ],
            &[]
        )
    );
}
