//! AWS Batch `batch:submitJob`, after AWS's template for it (`batch-iam`) and the CDK's
//! `BatchSubmitJob` (`batch/submit-job.ts`).

use super::{is_sync, named, on_field, revisioned, sync_rule};
use crate::iam::Grants;
use crate::model::{IntegrationPattern, Payload};

const SUBMIT: &[&str] = &["batch:SubmitJob"];

/// `batch:SubmitJob` on the job definition's revisions and the job queue; for `.sync`, the
/// actions Step Functions watches and stops the job with.
pub(super) fn submit_job(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
    pattern: IntegrationPattern,
) {
    on_field(
        grants,
        state,
        payload,
        "JobDefinition",
        SUBMIT,
        revisioned(grants.deployment, partition, "batch", "job-definition/"),
    );
    on_field(
        grants,
        state,
        payload,
        "JobQueue",
        SUBMIT,
        named(grants.deployment, partition, "batch", "job-queue/"),
    );
    if is_sync(pattern) {
        // The job's id is only known once it is submitted, and `DescribeJobs` takes no
        // resource: AWS's template grants both on `*`.
        grants.allow(
            &["batch:DescribeJobs", "batch:TerminateJob"],
            vec!["*".to_owned()],
        );
        sync_rule(grants, partition, "StepFunctionsGetEventsForBatchJobsRule");
    }
}
