//! Polling written with the macros: start an Athena query, then check it every ten
//! seconds, at most sixty times, until it succeeds or fails.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, StateMachine, task, workflow};

/// The report to run.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
pub struct ReportQuery {
    /// The SQL text.
    pub sql: String,
}

/// Athena's `StartQueryExecution` request.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "PascalCase")]
pub struct StartQueryExecution {
    /// The SQL text.
    pub query_string: String,
    /// The work group.
    pub work_group: String,
}

/// Athena's answer naming the query.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "PascalCase")]
pub struct QueryHandle {
    /// The query's id.
    pub query_execution_id: String,
}

/// Athena's `GetQueryExecution` answer.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "PascalCase")]
pub struct QueryExecutionResponse {
    /// The query.
    pub query_execution: QueryExecution,
}

/// A query's details.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "PascalCase")]
pub struct QueryExecution {
    /// Its status.
    pub status: QueryStatus,
}

/// A query's status.
#[derive(Clone, Debug, Serialize, Deserialize, Payload)]
#[serde(rename_all = "PascalCase")]
pub struct QueryStatus {
    /// `QUEUED`, `RUNNING`, `SUCCEEDED`, `FAILED` or `CANCELLED`.
    pub state: String,
}

/// Starts the query.
#[task(sdk = "athena:startQueryExecution")]
pub fn start_query(request: StartQueryExecution) -> QueryHandle;

/// Reads the query's status.
#[task(sdk = "athena:getQueryExecution")]
pub fn get_query_state(query: &QueryHandle) -> QueryExecutionResponse;

/// Runs an Athena query and waits for it.
#[workflow]
pub fn polling(query: ReportQuery) -> QueryStatus {
    let handle = start_query(StartQueryExecution {
        query_string: query.sql,
        work_group: "${WorkGroup}".to_owned(),
    });
    let mut attempts = 0;
    loop {
        let response = get_query_state(&handle);
        attempts += 1;
        let status = response.query_execution.status;
        if status.state == "SUCCEEDED" {
            break status;
        }
        if status.state == "FAILED" || status.state == "CANCELLED" {
            fail!("Query.Failed", format!("the query ended {}", status.state));
        }
        if attempts >= 60 {
            fail!("Query.TimedOut", "the query did not finish in 10 minutes");
        }
        sleep(Duration::from_secs(10));
    }
}

/// The polling workflow's state machine.
///
/// # Errors
///
/// Never in practice: the definition is compiled and checked at build time.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    polling::definition()
}
