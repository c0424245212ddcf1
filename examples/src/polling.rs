//! Polling: start an Athena query, then check it every 10 seconds, at most 60 times.

use serde_json::json;
use sfn_dsl::patterns::Polling;
use sfn_dsl::prelude::*;

/// The report query workflow.
///
/// # Errors
///
/// Never in practice; building checks the machine.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    let start = TaskState::call(
        "Start query",
        sdk::AwsSdk::new("athena", "startQueryExecution")
            .field("QueryString", Arg::input_field("sql"))
            .field("WorkGroup", "${WorkGroup}"),
    )
    .result_path("$.query");
    let check = TaskState::call(
        "Get query state",
        sdk::AwsSdk::new("athena", "getQueryExecution").field(
            "QueryExecutionId",
            Arg::input_field("query.QueryExecutionId"),
        ),
    )
    .result_selector(json!({"state.$": "$.QueryExecution.Status.State"}))
    .result_path("$.status");
    let poll = Polling::new("Query", start, check)
        .interval_seconds(10)
        .max_attempts(60)
        .succeeded_when(Rule::string_equals("$.status.state", "SUCCEEDED"))
        .failed_when(Rule::or([
            Rule::string_equals("$.status.state", "FAILED"),
            Rule::string_equals("$.status.state", "CANCELLED"),
        ]));
    let machine = StateMachine::builder()
        .comment("Run an Athena query and wait for it")
        .start(Chain::from(poll).next(SucceedState::builder("Query finished")))
        .build()?;
    Ok(machine)
}
