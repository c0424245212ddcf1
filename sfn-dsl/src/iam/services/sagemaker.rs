//! Amazon SageMaker AI `sagemaker:createTrainingJob`, after the CDK's
//! `SageMakerCreateTrainingJob` (`sagemaker/create-training-job.ts`).

use serde_json::json;

use super::{account_arn, is_sync, sync_rule};
use crate::iam::Grants;
use crate::iam::field::{Field, field};
use crate::model::{IntegrationPattern, Payload};

/// `sagemaker:createTrainingJob` and its `.sync`.
pub(super) fn create_training_job(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
    pattern: IntegrationPattern,
) {
    // The CDK grants describing and stopping whatever the pattern, on every job whose name
    // starts with the given one (AWS's templates: `.sync` only). The API takes a name, so a
    // `${…}` substitution is one too.
    let actions = [
        "sagemaker:CreateTrainingJob",
        "sagemaker:DescribeTrainingJob",
        "sagemaker:StopTrainingJob",
    ];
    match field(payload, "TrainingJobName") {
        Field::Literal(name) => grants.allow(
            &actions,
            vec![account_arn(
                partition,
                "sagemaker",
                &format!("training-job/{name}*"),
            )],
        ),
        Field::Dynamic => grants.unresolved(
            state,
            &actions,
            "`TrainingJobName` is computed at run time (the CDK grants `training-job/*` in that case)",
        ),
        Field::Absent => grants.unresolved(
            state,
            &actions,
            "the task input has no `TrainingJobName`",
        ),
    }
    // SageMaker reads the job's tags back when it creates it; `ListTags` has no resource.
    grants.allow(&["sagemaker:ListTags"], vec!["*".to_owned()]);
    // The role SageMaker runs the job as.
    match field(payload, "RoleArn") {
        Field::Literal(role) => grants.allow_with_condition(
            &["iam:PassRole"],
            vec![role],
            Some(json!({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}})),
        ),
        Field::Dynamic => grants.unresolved(
            state,
            &["iam:PassRole"],
            "`RoleArn` is computed at run time",
        ),
        Field::Absent => {
            grants.unresolved(state, &["iam:PassRole"], "the task input has no `RoleArn`");
        }
    }
    if is_sync(pattern) {
        sync_rule(
            grants,
            partition,
            "StepFunctionsGetEventsForSageMakerTrainingJobsRule",
        );
    }
}
