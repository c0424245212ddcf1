//! Polling: start an Athena query, then check it every 10 seconds, at most 60 times; the
//! output is the query's final status. The same workflow as `macros::polling`.

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
    .result_selector(json!({"State.$": "$.QueryExecution.Status.State"}))
    .result_path("$.status");
    let poll = Polling::new("Query", start, check)
        .interval_seconds(10)
        .max_attempts(60)
        .succeeded_when(Rule::string_equals("$.status.State", "SUCCEEDED"))
        .failed_when(Rule::or([
            Rule::string_equals("$.status.State", "FAILED"),
            Rule::string_equals("$.status.State", "CANCELLED"),
        ]))
        .on_failure(
            FailState::builder("Query failed")
                .error(ErrorName::custom("Query.Failed"))
                .cause_path("States.Format('the query ended {}', $.status.State)"),
        )
        .on_gave_up(
            FailState::builder("Query timed out")
                .error(ErrorName::custom("Query.TimedOut"))
                .cause("the query did not finish in 10 minutes"),
        );
    let machine = StateMachine::builder()
        .comment("Run an Athena query and wait for it")
        .start(
            Chain::from(poll).next(SucceedState::builder("Query finished").output_path("$.status")),
        )
        .build()?;
    Ok(machine)
}
