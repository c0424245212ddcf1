//! Amazon ECS `ecs:runTask`, after AWS's template for it (`ecs-iam`): `ecs:RunTask` on the
//! task definition's revisions.

use super::{is_sync, on_field, revisioned, sync_rule};
use crate::iam::Grants;
use crate::model::{IntegrationPattern, Payload};

/// `ecs:runTask` and its `.sync`.
pub(super) fn run_task(
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
        "TaskDefinition",
        &["ecs:RunTask"],
        revisioned(grants.deployment, partition, "ecs", "task-definition/"),
    );
    grants.unresolved(
        state,
        &["iam:PassRole"],
        "the task definition's task role and execution role must be passable; their ARNs are not in the definition",
    );
    if is_sync(pattern) {
        // The task's id is only known once it runs.
        grants.allow(&["ecs:StopTask", "ecs:DescribeTasks"], vec!["*".to_owned()]);
        sync_rule(grants, partition, "StepFunctionsGetEventsForECSTaskRule");
    }
}
