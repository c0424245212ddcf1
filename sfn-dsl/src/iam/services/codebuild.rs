//! AWS CodeBuild `codebuild:startBuild`, after the CDK's `CodeBuildStartBuild`
//! (`codebuild/start-build.ts`).

use super::{account_arn, is_sync, on_field, sync_rule};
use crate::iam::Grants;
use crate::model::{IntegrationPattern, Payload};

/// `codebuild:startBuild` and its `.sync`.
pub(super) fn start_build(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
    pattern: IntegrationPattern,
) {
    // The CDK grants the four actions whatever the pattern; AWS's templates give
    // request-response `StartBuild` alone and `.sync` the first three.
    on_field(
        grants,
        state,
        payload,
        "ProjectName",
        &[
            "codebuild:StartBuild",
            "codebuild:StopBuild",
            "codebuild:BatchGetBuilds",
            "codebuild:BatchGetReports",
        ],
        // `StartBuild` takes a project name, so a `${…}` substitution is one too.
        |project| {
            Some(if project.starts_with("arn:") {
                project.to_owned()
            } else {
                account_arn(partition, "codebuild", &format!("project/{project}"))
            })
        },
    );
    if is_sync(pattern) {
        // `Event`, not `Events`, in this rule's name (the CDK and AWS agree).
        sync_rule(
            grants,
            partition,
            "StepFunctionsGetEventForCodeBuildStartBuildRule",
        );
    }
}
