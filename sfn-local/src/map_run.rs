//! What the Distributed Map Runs of an execution did: how many items succeeded or failed,
//! and why each failed child execution failed (which AWS keeps in the children's own
//! histories, not the parent's).

/// How a Map Run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MapRunStatus {
    /// Every child execution ended and the failures stayed within the tolerance.
    Succeeded,
    /// The Map Run failed: too many children failed, or its items could not be read or
    /// its results written.
    Failed,
    /// The Map Run was stopped before it ended: the execution failed or timed out around
    /// it.
    Aborted,
}

impl MapRunStatus {
    /// The spelling AWS uses (`SUCCEEDED`, `FAILED`, `ABORTED`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::MapRunStatus;
    ///
    /// assert_eq!(MapRunStatus::Failed.as_str(), "FAILED");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "SUCCEEDED",
            Self::Failed => "FAILED",
            Self::Aborted => "ABORTED",
        }
    }
}

/// One Distributed Map Run of an execution (a Distributed Map state that a retrier runs
/// again starts a new one each time), as [`Execution::map_runs`](crate::Execution::map_runs)
/// lists them.
///
/// Items are counted as the Map's tolerance counts them: each item once, so a child that
/// ran a batch of an `ItemBatcher` counts as many items as the batch held.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::{Executor, MapRunStatus};
///
/// // No mock for the child's task: it fails with `States.Runtime`.
/// let executor = Executor::from_json(r#"{"StartAt": "Each", "States": {"Each": {
///     "Type": "Map", "End": true,
///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
///         "StartAt": "Charge", "States": {"Charge": {"Type": "Task",
///             "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge", "End": true}}}}}}"#)?;
/// let execution = executor.run(json!([{"order": 1}, {"order": 2}]))?;
/// assert_eq!(execution.error.as_deref(), Some("States.ExceedToleratedFailureThreshold"));
/// let map_run = &execution.map_runs[0];
/// assert_eq!(map_run.state_name, "Each");
/// assert_eq!(map_run.status, MapRunStatus::Failed);
/// assert_eq!((map_run.items_total, map_run.items_failed), (2, 1));
/// let child = &map_run.failed_children[0];
/// assert_eq!((child.index, child.state.as_deref()), (0, Some("Charge")));
/// assert_eq!(child.error.as_deref(), Some("States.Runtime"));
/// # Ok::<(), sfn_local::RunError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MapRun {
    /// The Map Run's ARN, as its `MapRunStarted` event records it.
    pub map_run_arn: String,
    /// The Distributed Map state that ran it.
    pub state_name: String,
    /// How it ended.
    pub status: MapRunStatus,
    /// The items it was given (0 when its `ItemReader` could not read them).
    pub items_total: u64,
    /// The items whose child execution succeeded.
    pub items_succeeded: u64,
    /// The items whose child execution failed (`FAILED`). Those neither succeeded, failed
    /// nor timed out were still running or never started when the Map Run ended.
    pub items_failed: u64,
    /// The items whose child execution timed out as a whole (`TIMED_OUT`: an Express child
    /// past its five minutes), which `DescribeMapRun` counts apart from the failed ones;
    /// the tolerance counts both.
    pub items_timed_out: u64,
    /// The child executions that failed or timed out, in the order they ended: the first
    /// 1,000 of them (all their items are counted in `items_failed` or `items_timed_out`).
    pub failed_children: Vec<FailedChild>,
}

/// A child execution of a Distributed Map Run that failed or timed out.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FailedChild {
    /// The child's index in the Map Run: its item's, or with an `ItemBatcher` its
    /// batch's.
    pub index: usize,
    /// The child execution's ARN (the `ExecutionArn` a `ResultWriter` records).
    pub execution_arn: String,
    /// The error it failed with (`States.Timeout` for an Express child that ran out of
    /// time).
    pub error: Option<String>,
    /// The cause it failed with.
    pub cause: Option<String>,
    /// The state in the child that failed with it, the innermost one when it came from a
    /// nested Parallel or Map; `None` when the child timed out as a whole.
    pub state: Option<String>,
}
