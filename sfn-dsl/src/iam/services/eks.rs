//! Amazon EKS `eks:runJob`. The CDK has no construct for it; its `EksCall` (`eks/call.ts`),
//! which also talks to the cluster's Kubernetes API, grants nothing.

use crate::iam::Grants;
use crate::iam::field::{Field, field};
use crate::model::Payload;

/// `eks:runJob` and its `.sync` call the Kubernetes API with the role's identity, never an
/// AWS API: no IAM statement, but Kubernetes must authorize the role, which is listed for
/// the reader to do.
pub(super) fn run_job(grants: &mut Grants<'_>, state: &str, payload: Option<&Payload>) {
    let cluster = match field(payload, "ClusterName") {
        Field::Literal(cluster) => format!("cluster `{cluster}`"),
        Field::Dynamic | Field::Absent => "the cluster".to_owned(),
    };
    let namespace = match field(payload, "Namespace") {
        Field::Literal(namespace) => format!("namespace `{namespace}`"),
        Field::Absent => "namespace `default`".to_owned(),
        Field::Dynamic => "the namespace computed at run time".to_owned(),
    };
    grants.unresolved(
        state,
        &[],
        format!(
            "`eks:runJob` needs no IAM permission, but the Kubernetes RBAC of {cluster} (an EKS access entry or the `aws-auth` ConfigMap) must let the role run Jobs in {namespace}"
        ),
    );
}
