//! Amazon EKS: `eks:runJob`, running a Kubernetes Job on a cluster.

use super::{request_type, wait_for_completion};
use crate::builder::{Arg, Request};

request_type!(
    /// Runs a Kubernetes `batch/v1` Job on an EKS cluster (`arn:aws:states:::eks:runJob`),
    /// typically waiting for it to finish (`.sync`), optionally with its logs. The cluster's
    /// Kubernetes API must be public and grant the state machine's role access. AWS's EKS
    /// integration page rules out `.waitForTaskToken`, so there is no `wait_for_task_token`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let job = json!({
    ///     "apiVersion": "batch/v1",
    ///     "kind": "Job",
    ///     "metadata": {"name": "reindex"},
    ///     "spec": {"backoffLimit": 0, "template": {"spec": {
    ///         "containers": [{"name": "reindex", "image": "${ReindexImage}"}],
    ///         "restartPolicy": "Never"
    ///     }}}
    /// });
    /// let run = eks::RunJob::new("search", "${ClusterCertificateAuthority}", "${ClusterEndpoint}", job)
    ///     .namespace("jobs")
    ///     .log_options(json!({"RetrieveLogs": true}))
    ///     .wait_for_completion();
    /// let machine = StateMachine::builder().start(TaskState::call("Reindex", run)).build()?;
    /// let task = &machine.to_value()["States"]["Reindex"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::eks:runJob.sync");
    /// let parameters = &task["Parameters"];
    /// assert_eq!(parameters["ClusterName"], "search");
    /// assert_eq!(parameters["CertificateAuthority"], "${ClusterCertificateAuthority}");
    /// assert_eq!(parameters["Endpoint"], "${ClusterEndpoint}");
    /// assert_eq!(parameters["Job"]["metadata"]["name"], "reindex");
    /// assert_eq!(parameters["Namespace"], "jobs");
    /// assert_eq!(parameters["LogOptions"], json!({"RetrieveLogs": true}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    RunJob,
    "eks",
    "runJob",
    "eks::RunJob::new(\"jobs\", \"${CertificateAuthority}\", \"${Endpoint}\", json!({\"kind\": \"Job\"}))"
);

impl RunJob {
    /// Runs `job` (a Kubernetes Job definition) on the cluster `cluster_name`, whose API
    /// server is at `endpoint` and has the base64-encoded certificate
    /// `certificate_authority` (both given by EKS `DescribeCluster`). Serialized as
    /// `ClusterName`, `CertificateAuthority`, `Endpoint` and `Job`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = eks::RunJob::new("jobs", "${CertificateAuthority}", "${Endpoint}", json!({"kind": "Job"}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let task = &machine.to_value()["States"]["Call"];
    /// assert_eq!(task["Resource"], "arn:aws:states:::eks:runJob");
    /// assert_eq!(task["Parameters"], json!({"ClusterName": "jobs", "CertificateAuthority": "${CertificateAuthority}", "Endpoint": "${Endpoint}", "Job": {"kind": "Job"}}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(
        cluster_name: impl Into<Arg>,
        certificate_authority: impl Into<Arg>,
        endpoint: impl Into<Arg>,
        job: impl Into<Arg>,
    ) -> Self {
        Self::from_request(
            Request::with_capacity(4)
                .field_static("ClusterName", cluster_name)
                .field_static("CertificateAuthority", certificate_authority)
                .field_static("Endpoint", endpoint)
                .field_static("Job", job),
        )
    }

    /// The namespace the job runs in (`default` when left out). Serialized as `Namespace`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = eks::RunJob::new("jobs", "${CertificateAuthority}", "${Endpoint}", json!({"kind": "Job"}))
    ///     .namespace("batch");
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["Namespace"], "batch");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn namespace(self, namespace: impl Into<Arg>) -> Self {
        self.with("Namespace", namespace)
    }

    /// Whether and how to retrieve the job's logs once it finished, with `.sync` only
    /// (`{"RetrieveLogs": true, "RawLogs": …, "LogParameters": {"tailLines": ["6"]}}`).
    /// Serialized as `LogOptions`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let call = eks::RunJob::new("jobs", "${CertificateAuthority}", "${Endpoint}", json!({"kind": "Job"}))
    ///     .log_options(json!({"RetrieveLogs": true}));
    /// let machine = StateMachine::builder().start(TaskState::call("Call", call)).build()?;
    /// let parameters = &machine.to_value()["States"]["Call"]["Parameters"];
    /// assert_eq!(parameters["LogOptions"], json!({"RetrieveLogs": true}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn log_options(self, options: impl Into<Arg>) -> Self {
        self.with("LogOptions", options)
    }

    wait_for_completion!(
        Sync,
        ".sync",
        "eks::RunJob::new(\"jobs\", \"${CertificateAuthority}\", \"${Endpoint}\", json!({\"kind\": \"Job\"}))"
    );
}
