//! AWS Glue `glue:startJobRun`, after the CDK's `GlueStartJobRun` (`glue/start-job-run.ts`).

use super::{is_sync, named, on_setting};
use crate::iam::Grants;
use crate::iam::field::field;
use crate::model::{IntegrationPattern, Payload};

const START: &[&str] = &["glue:StartJobRun"];

/// `.sync` also follows the run and stops it when the execution stops.
const RUN_TO_COMPLETION: &[&str] = &[
    "glue:StartJobRun",
    "glue:GetJobRun",
    "glue:GetJobRuns",
    "glue:BatchStopJobRun",
];

/// The actions on the job named by `JobName`.
pub(super) fn start_job_run(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
    pattern: IntegrationPattern,
) {
    let actions = if is_sync(pattern) {
        RUN_TO_COMPLETION
    } else {
        START
    };
    on_setting(
        grants,
        state,
        field(payload, "JobName"),
        "JobName",
        actions,
        named(grants.deployment, partition, "glue", "job/"),
        Some("AWS's template grants these on `*`"),
    );
}
