//! Amazon EMR `elasticmapreduce:addStep`, after the CDK's `EmrAddStep`
//! (`emr/emr-add-step.ts`) and AWS's template for it.

use super::{account_arn, is_sync, on_setting, sync_rule};
use crate::iam::Grants;
use crate::iam::field::field;
use crate::model::{IntegrationPattern, Payload};

/// `elasticmapreduce:addStep` and its `.sync`.
pub(super) fn add_step(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
    pattern: IntegrationPattern,
) {
    // The CDK grants on `cluster/*` whatever the cluster; AWS's template narrows a cluster
    // id written in the definition to that cluster, as here. The API takes an id, so a
    // `${…}` substitution is one too.
    on_setting(
        grants,
        state,
        field(payload, "ClusterId"),
        "ClusterId",
        &[
            "elasticmapreduce:AddJobFlowSteps",
            "elasticmapreduce:DescribeStep",
            "elasticmapreduce:CancelSteps",
        ],
        |cluster| {
            Some(account_arn(
                partition,
                "elasticmapreduce",
                &format!("cluster/{cluster}"),
            ))
        },
        Some("the CDK grants `cluster/*` whatever the cluster"),
    );
    if is_sync(pattern) {
        sync_rule(
            grants,
            partition,
            "StepFunctionsGetEventForEMRAddJobFlowStepsRule",
        );
    }
}
