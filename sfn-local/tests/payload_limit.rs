//! The 256 KiB payload quota on what a Parallel or Map state hands to its branches,
//! iterations and child executions, and on the result it gathers from them before
//! `ResultSelector` or `ResultPath` reshape it (ASL-REFERENCE §3.8.5, §12, §14.11).

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{Execution, ExecutionStatus, Executor, Limits, MapRunStatus, Mocks};

const DATA_LIMIT: &str = "States.DataLimitExceeded";

fn executor(definition: &Value) -> Executor {
    let machine = StateMachine::from_value(definition).expect("valid definition");
    Executor::new(machine).mocks(Mocks::new())
}

fn run(definition: &Value, input: Value) -> Execution {
    executor(definition).run(input).expect("runs")
}

/// The cause of a payload over the quota in state `state`, which `what` it.
fn cause(state: &str, what: &str) -> String {
    format!(
        "The state/task '{state}' {what} with a size exceeding the maximum number of bytes service limit."
    )
}

fn assert_data_limit(execution: &Execution, cause: &str) {
    assert_eq!(execution.status, ExecutionStatus::Failed);
    assert_eq!(execution.error.as_deref(), Some(DATA_LIMIT));
    assert_eq!(execution.cause.as_deref(), Some(cause));
}

/// A Map state `M` over `$.items` whose iterations give 1; `extra` is merged into it.
fn map(distributed: bool, extra: &Value) -> Value {
    let mut processor =
        json!({"StartAt": "I", "States": {"I": {"Type": "Pass", "Result": 1, "End": true}}});
    if distributed {
        processor["ProcessorConfig"] = json!({"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"});
    }
    let mut state =
        json!({"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": processor, "End": true});
    if let (Some(state), Some(extra)) = (state.as_object_mut(), extra.as_object()) {
        state.extend(extra.clone());
    }
    json!({"StartAt": "M", "States": {"M": state}})
}

/// Gives each iteration the input string twice: 280,000 bytes from a 140,000-byte one.
fn doubling_selector() -> Value {
    json!({"ItemSelector": {"v.$": "$.a", "w.$": "$.a"}})
}

fn doubled_input() -> Value {
    json!({"items": [1], "a": "x".repeat(140_000)})
}

#[test]
fn an_inline_iteration_input_over_the_quota_fails_the_map() {
    let execution = run(&map(false, &doubling_selector()), doubled_input());
    assert_data_limit(&execution, &cause("M", "produced an iteration input"));
    // No iteration started.
    assert_eq!(execution.states, ["M"]);
}

#[test]
fn a_child_execution_input_over_the_quota_fails_the_map_run() {
    let execution = run(&map(true, &doubling_selector()), doubled_input());
    assert_data_limit(&execution, &cause("M", "produced a child execution input"));
    assert_eq!(execution.map_runs.len(), 1);
    assert_eq!(execution.map_runs[0].status, MapRunStatus::Failed);
}

#[test]
fn a_jsonata_item_selector_over_the_quota_fails_the_map() {
    let mut definition = map(
        false,
        &json!({"ItemSelector": "{% {'v': $states.input.a & $states.input.a} %}",
                "Items": "{% $states.input.items %}"}),
    );
    definition["QueryLanguage"] = json!("JSONata");
    if let Some(state) = definition["States"]["M"].as_object_mut() {
        state.remove("ItemsPath");
    }
    let execution = run(&definition, doubled_input());
    assert_data_limit(&execution, &cause("M", "produced an iteration input"));
}

#[test]
fn an_item_read_over_the_quota_fails_the_map_run() {
    let definition = map(
        true,
        &json!({"ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                               "ReaderConfig": {"InputType": "JSON"},
                               "Parameters": {"Bucket": "b", "Key": "items.json"}}}),
    );
    let body = json!(["x".repeat(300_000)]).to_string();
    let execution = executor(&definition)
        .s3_object("b", "items.json", body)
        .run(json!({}))
        .expect("runs");
    assert_data_limit(&execution, &cause("M", "produced a child execution input"));
    assert_eq!(execution.map_runs[0].status, MapRunStatus::Failed);
}

#[test]
fn a_batch_over_the_quota_fails_the_map_run() {
    // Three items of 90 KB: one batch of about 270 KB, as only the item count is limited.
    let definition = map(
        true,
        &json!({"ItemSelector": {"v.$": "$.a"}, "ItemBatcher": {"MaxItemsPerBatch": 10}}),
    );
    let input = json!({"items": [1, 2, 3], "a": "x".repeat(90_000)});
    let execution = run(&definition, input.clone());
    assert_data_limit(&execution, &cause("M", "produced a child execution input"));
    // Two items a batch stay within the quota.
    let definition = map(
        true,
        &json!({"ItemSelector": {"v.$": "$.a"}, "ItemBatcher": {"MaxItemsPerBatch": 2}}),
    );
    let execution = run(&definition, input);
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    assert_eq!(execution.output, Some(json!([1, 1])));
}

#[test]
fn an_iteration_input_of_exactly_the_quota_passes() {
    // The execution input is 60 bytes, each iteration's `{"v":"…","w":"…"}` 95.
    let limits = |max_payload_bytes| Limits {
        max_payload_bytes,
        ..Limits::default()
    };
    let definition = map(false, &doubling_selector());
    let input = json!({"items": [1], "a": "x".repeat(40)});
    let at_limit = executor(&definition)
        .limits(limits(95))
        .run(input.clone())
        .expect("runs");
    assert_eq!(at_limit.status, ExecutionStatus::Succeeded);
    let over_limit = executor(&definition)
        .limits(limits(94))
        .run(input)
        .expect("runs");
    assert_eq!(over_limit.error.as_deref(), Some(DATA_LIMIT));
}

/// A Parallel state `P` of three branches passing their input on; `extra` is merged
/// into it.
fn parallel(extra: &Value) -> Value {
    let branch =
        |name: &str| json!({"StartAt": name, "States": {name: {"Type": "Pass", "End": true}}});
    let mut state = json!({"Type": "Parallel", "Branches": [branch("A"), branch("B"), branch("C")], "End": true});
    if let (Some(state), Some(extra)) = (state.as_object_mut(), extra.as_object()) {
        state.extend(extra.clone());
    }
    json!({"StartAt": "P", "States": {"P": state}})
}

#[test]
fn a_parallel_input_over_the_quota_after_parameters_fails() {
    let definition = parallel(&json!({"Parameters": {"v.$": "$.a", "w.$": "$.a"}}));
    let execution = run(&definition, json!({"a": "x".repeat(140_000)}));
    assert_data_limit(&execution, &cause("P", "was given an input"));
    assert_eq!(execution.states, ["P"]);
}

/// Three results of 100 KB each: 300 KB together.
fn three_results_input() -> Value {
    json!({"a": "x".repeat(100_000), "items": [1, 2, 3]})
}

#[test]
fn map_results_over_the_quota_fail_though_the_output_is_small() {
    for shrink in [
        json!({"ResultPath": null}),
        json!({"ResultSelector": {"n": 1}}),
    ] {
        let mut extra = json!({"ItemSelector": {"v.$": "$.a"}});
        if let (Some(extra), Some(shrink)) = (extra.as_object_mut(), shrink.as_object()) {
            extra.extend(shrink.clone());
        }
        let mut definition = map(false, &extra);
        // The iterations pass their 100 KB input on.
        definition["States"]["M"]["ItemProcessor"]["States"]["I"] =
            json!({"Type": "Pass", "End": true});
        let execution = run(&definition, three_results_input());
        assert_data_limit(&execution, &cause("M", "returned a result"));
    }
}

#[test]
fn parallel_results_over_the_quota_fail_though_the_output_is_small() {
    for shrink in [
        json!({"ResultPath": null}),
        json!({"ResultSelector": {"n": 1}}),
    ] {
        let execution = run(&parallel(&shrink), json!({"a": "x".repeat(100_000)}));
        assert_data_limit(&execution, &cause("P", "returned a result"));
    }
}

#[test]
fn results_over_the_quota_are_caught_by_states_all() {
    let catch = json!({"ResultSelector": {"n": 1},
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]});
    let caught = json!({"Type": "Pass", "End": true});
    let mut definition = parallel(&catch);
    definition["States"]["P"]["Next"] = json!("Caught");
    if let Some(state) = definition["States"]["P"].as_object_mut() {
        state.remove("End");
    }
    definition["States"]["Caught"] = caught.clone();
    let execution = run(&definition, json!({"a": "x".repeat(100_000)}));
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    assert_eq!(
        execution.output,
        Some(json!({"Error": DATA_LIMIT, "Cause": cause("P", "returned a result")}))
    );

    let mut extra = json!({"ItemSelector": {"v.$": "$.a"}});
    if let (Some(extra), Some(catch)) = (extra.as_object_mut(), catch.as_object()) {
        extra.extend(catch.clone());
    }
    let mut definition = map(false, &extra);
    definition["States"]["M"]["ItemProcessor"]["States"]["I"] =
        json!({"Type": "Pass", "End": true});
    definition["States"]["M"]["Next"] = json!("Caught");
    if let Some(state) = definition["States"]["M"].as_object_mut() {
        state.remove("End");
    }
    definition["States"]["Caught"] = caught;
    let execution = run(&definition, three_results_input());
    assert_eq!(
        execution.output,
        Some(json!({"Error": DATA_LIMIT, "Cause": cause("M", "returned a result")}))
    );
}

/// A Distributed Map reading 400 items of about 1 KB from `b/items.json`, counting them
/// in its `ResultSelector`; `extra` is merged into it.
fn counted_reads(extra: &Value) -> Execution {
    let mut settings = json!({
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                       "ReaderConfig": {"InputType": "JSON"},
                       "Parameters": {"Bucket": "b", "Key": "items.json"}},
        "ResultSelector": {"count.$": "States.ArrayLength($)"}
    });
    if let (Some(settings), Some(extra)) = (settings.as_object_mut(), extra.as_object()) {
        settings.extend(extra.clone());
    }
    let mut definition = map(true, &settings);
    definition["States"]["M"]["ItemProcessor"]["States"]["I"] =
        json!({"Type": "Pass", "End": true});
    let items: Vec<Value> = (0..400).map(|_| json!("y".repeat(1_000))).collect();
    executor(&definition)
        .s3_object("b", "items.json", Value::Array(items).to_string())
        .run(json!({}))
        .expect("runs")
}

#[test]
fn read_results_over_the_quota_fail_without_a_result_writer() {
    let execution = counted_reads(&json!({}));
    assert_data_limit(&execution, &cause("M", "returned a result"));
    assert_eq!(execution.map_runs[0].status, MapRunStatus::Failed);
    // A ResultWriter takes them out of the state's result.
    let execution = counted_reads(&json!({
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                         "Parameters": {"Bucket": "results", "Prefix": "out"}},
        "ResultSelector": {"n": 1}
    }));
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    assert_eq!(execution.output, Some(json!({"n": 1})));
    // `WriterConfig` alone exports nothing: the results stay the state's result.
    let execution = counted_reads(&json!({
        "ResultWriter": {"WriterConfig": {"OutputType": "JSON", "Transformation": "COMPACT"}}
    }));
    assert_data_limit(&execution, &cause("M", "returned a result"));
}
