//! `eks:runJob`.

use super::{document, expected};

#[test]
fn running_a_job_needs_kubernetes_access_not_iam() {
    let run = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::eks:runJob.sync",
            "Parameters": {"ClusterName": "search", "CertificateAuthority": "${ClusterCertificateAuthority}",
                           "Endpoint": "${ClusterEndpoint}", "Namespace": "jobs",
                           "Job": {"apiVersion": "batch/v1", "kind": "Job"}, "LogOptions": {"RetrieveLogs": true}},
            "End": true}"#,
    );
    assert_eq!(
        run,
        expected(
            &[],
            &[(
                "T",
                &[],
                "`eks:runJob` needs no IAM permission, but the Kubernetes RBAC of cluster `search` (an EKS access entry or the `aws-auth` ConfigMap) must let the role run Jobs in namespace `jobs`"
            )]
        )
    );
}

#[test]
fn computed_clusters_and_the_default_namespace() {
    let run = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::eks:runJob",
            "Parameters": {"ClusterName.$": "$.cluster", "CertificateAuthority.$": "$.ca",
                           "Endpoint.$": "$.endpoint", "Job.$": "$.job"},
            "End": true}"#,
    );
    assert_eq!(
        run,
        expected(
            &[],
            &[(
                "T",
                &[],
                "`eks:runJob` needs no IAM permission, but the Kubernetes RBAC of the cluster (an EKS access entry or the `aws-auth` ConfigMap) must let the role run Jobs in namespace `default`"
            )]
        )
    );
    let computed_namespace = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::eks:runJob",
            "Parameters": {"ClusterName": "search", "CertificateAuthority": "ca", "Endpoint": "https://e",
                           "Namespace.$": "$.namespace", "Job": {}},
            "End": true}"#,
    );
    assert_eq!(
        computed_namespace["Unresolved"][0]["Reason"],
        "`eks:runJob` needs no IAM permission, but the Kubernetes RBAC of cluster `search` (an EKS access entry or the `aws-auth` ConfigMap) must let the role run Jobs in the namespace computed at run time"
    );
}
