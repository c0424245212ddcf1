//! When the branches of a Parallel state and the iterations of a Map start, how many run at
//! once, and what a failure on a first step leaves of the others.

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{EventType, Execution, Executor, Mock, Mocks};

fn run(definition: &Value, mocks: Mocks, input: Value) -> Execution {
    let machine = StateMachine::from_value(definition).expect("valid definition");
    Executor::new(machine)
        .mocks(mocks)
        .run(input)
        .expect("runs")
}

/// Each event as `Type` or `Type name` (state events) or `Type #index` (iterations),
/// with the virtual second it happened at when `timed`.
fn events(execution: &Execution, timed: bool) -> Vec<String> {
    let start = execution.start_time.as_millis();
    execution
        .history
        .iter()
        .map(|event| {
            let mut text = event.event_type.as_str().to_owned();
            if let Some(name) = &event.details.name
                && event.details.index.is_none()
            {
                text = format!("{text} {name}");
            }
            if let Some(index) = event.details.index {
                text = format!("{text} #{index}");
            }
            if timed {
                text = format!("{}s {text}", (event.timestamp.as_millis() - start) / 1000);
            }
            text
        })
        .collect()
}

const INVOKE: &str = "arn:aws:states:::lambda:invoke";

/// Every branch enters its first state before any branch runs a second one.
#[test]
fn parallel_branches_all_enter_their_first_state_before_any_goes_on() {
    let branch = |first: &str, second: &str| {
        json!({"StartAt": first, "States": {
            first: {"Type": "Pass", "Next": second},
            second: {"Type": "Pass", "End": true}}})
    };
    let execution = run(
        &json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
            "Branches": [branch("A1", "A2"), branch("B1", "B2"), branch("C1", "C2")]}}}),
        Mocks::new(),
        json!({}),
    );
    assert_eq!(execution.output, Some(json!([{}, {}, {}])));
    assert_eq!(
        events(&execution, false),
        [
            "ExecutionStarted",
            "ParallelStateEntered P",
            "ParallelStateStarted",
            "PassStateEntered A1",
            "PassStateEntered B1",
            "PassStateEntered C1",
            "PassStateExited A1",
            "PassStateEntered A2",
            "PassStateExited A2",
            "PassStateExited B1",
            "PassStateEntered B2",
            "PassStateExited B2",
            "PassStateExited C1",
            "PassStateEntered C2",
            "PassStateExited C2",
            "ParallelStateSucceeded",
            "ParallelStateExited P",
            "ExecutionSucceeded",
        ]
    );
}

/// A branch failing on its very first step no longer keeps the later branches from
/// starting: they are entered, then aborted with the Parallel state.
#[test]
fn a_branch_failing_on_its_first_step_lets_the_others_start() {
    let execution = run(
        &json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Boom", "Cause": "first"}}},
            {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": INVOKE, "End": true}}},
            {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 5, "End": true}}}
        ]}}}),
        Mocks::new().state("Work", json!({"Payload": 1})),
        json!({}),
    );
    assert_eq!(execution.error.as_deref(), Some("Boom"));
    assert_eq!(execution.duration_ms(), 0);
    assert_eq!(
        events(&execution, false),
        [
            "ExecutionStarted",
            "ParallelStateEntered P",
            "ParallelStateStarted",
            "FailStateEntered Boom",
            "TaskStateEntered Work",
            "WaitStateEntered Nap",
            "TaskStateAborted",
            "WaitStateAborted",
            "ParallelStateFailed",
            "ExecutionFailed",
        ]
    );
}

/// The same for Map iterations: all are started and enter their first state (a Choice
/// here) before the first goes on to fail; the others are aborted before they run theirs.
#[test]
fn a_map_iteration_failing_on_its_first_step_lets_the_others_start() {
    let execution = run(
        &json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "Route", "States": {
                "Route": {"Type": "Choice", "Choices": [
                    {"Variable": "$", "NumericEquals": 0, "Next": "Boom"}], "Default": "Nap"},
                "Boom": {"Type": "Fail", "Error": "Boom"},
                "Nap": {"Type": "Wait", "Seconds": 5, "End": true}}}}}}),
        Mocks::new(),
        json!([0, 1, 2]),
    );
    assert_eq!(execution.error.as_deref(), Some("Boom"));
    assert_eq!(
        events(&execution, false),
        [
            "ExecutionStarted",
            "MapStateEntered M",
            "MapStateStarted",
            "MapIterationStarted #0",
            "MapIterationStarted #1",
            "MapIterationStarted #2",
            "ChoiceStateEntered Route",
            "ChoiceStateEntered Route",
            "ChoiceStateEntered Route",
            "ChoiceStateExited Route",
            "FailStateEntered Boom",
            "MapIterationFailed #0",
            "MapIterationAborted #1",
            "MapIterationAborted #2",
            "MapStateFailed",
            "ExecutionFailed",
        ]
    );
}

/// `MaxConcurrency` 2 over five ten-second iterations: two start at once, each finished
/// one makes room for the next, and the Map takes 30 s.
#[test]
fn max_concurrency_bounds_the_iterations_running_at_once() {
    let execution = run(
        &json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "MaxConcurrency": 2,
            "ItemProcessor": {"StartAt": "Nap", "States": {
                "Nap": {"Type": "Wait", "Seconds": 10, "End": true}}}}}}),
        Mocks::new(),
        json!([0, 1, 2, 3, 4]),
    );
    assert_eq!(execution.output, Some(json!([0, 1, 2, 3, 4])));
    assert_eq!(execution.duration_ms(), 30_000);
    let started: Vec<String> = events(&execution, true)
        .into_iter()
        .filter(|event| event.contains("MapIterationStarted"))
        .collect();
    assert_eq!(
        started,
        [
            "0s MapIterationStarted #0",
            "0s MapIterationStarted #1",
            "10s MapIterationStarted #2",
            "10s MapIterationStarted #3",
            "20s MapIterationStarted #4",
        ]
    );
}

/// Without `MaxConcurrency` every iteration starts at once: five ten-second iterations
/// take ten seconds, and all are started before any enters its first state.
#[test]
fn without_a_limit_every_iteration_starts_at_once() {
    let execution = run(
        &json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "Work", "States": {
                "Work": {"Type": "Task", "Resource": INVOKE, "End": true}}}}}}),
        Mocks::new().state(
            "Work",
            Mock::sequence([
                sfn_local::Response::from(json!("done")).after(std::time::Duration::from_secs(10))
            ]),
        ),
        json!([0, 1, 2]),
    );
    assert_eq!(execution.duration_ms(), 10_000);
    let kinds: Vec<EventType> = execution.event_types();
    let last_started = kinds
        .iter()
        .rposition(|kind| *kind == EventType::MapIterationStarted)
        .expect("iterations");
    let first_entered = kinds
        .iter()
        .position(|kind| *kind == EventType::TaskStateEntered)
        .expect("tasks");
    assert_eq!((last_started, first_entered), (5, 6));
}

/// A Map over 41 items whose iterations each wait 200 s, with `extra` fields on the Map.
fn forty_one_waits(extra: &Value) -> Value {
    let mut map = json!({"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "W", "States": {
            "W": {"Type": "Wait", "Seconds": 200, "End": true}}}});
    if let (Some(map), Some(extra)) = (map.as_object_mut(), extra.as_object()) {
        map.extend(extra.clone());
    }
    json!({"StartAt": "M", "States": {"M": map}})
}

/// The virtual seconds at which each `MapIterationStarted` happened.
fn iteration_starts(execution: &Execution) -> Vec<String> {
    events(execution, true)
        .into_iter()
        .filter(|event| event.contains("MapIterationStarted"))
        .collect()
}

/// An Inline Map runs at most 40 iterations at once ("In this mode, the Map state
/// supports up to 40 concurrent iterations", AWS's Inline Map page), without
/// `MaxConcurrency` or with a larger one: the 41st waits for the first to end, so 41
/// iterations of 200 s take 400 s, in item order.
#[test]
fn an_inline_map_runs_at_most_forty_iterations_at_once() {
    let items: Vec<u64> = (0..=40).collect();
    for extra in [json!({}), json!({"MaxConcurrency": 100})] {
        let execution = run(&forty_one_waits(&extra), Mocks::new(), json!(items));
        assert_eq!(execution.output, Some(json!(items)), "{extra}");
        assert_eq!(execution.duration_ms(), 400_000, "{extra}");
        let starts = iteration_starts(&execution);
        assert_eq!(starts.len(), 41);
        assert_eq!(starts[39], "0s MapIterationStarted #39", "{extra}");
        assert_eq!(starts[40], "200s MapIterationStarted #40", "{extra}");
    }
    // A smaller `MaxConcurrency` still holds.
    let execution = run(
        &forty_one_waits(&json!({"MaxConcurrency": 20})),
        Mocks::new(),
        json!(items),
    );
    assert_eq!(execution.duration_ms(), 600_000);
}

/// So an Express execution of that Map times out at five minutes.
#[test]
fn forty_one_inline_iterations_of_200_seconds_outlast_an_express_execution() {
    let items: Vec<u64> = (0..=40).collect();
    let machine = StateMachine::from_value(&forty_one_waits(&json!({}))).expect("valid definition");
    let execution = Executor::new(machine)
        .workflow_type(sfn_local::WorkflowType::Express)
        .run(json!(items))
        .expect("runs");
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    assert_eq!(execution.duration_ms(), 300_000);
}

/// The cap is the Inline Map's: a Distributed Map's child executions all start at once.
#[test]
fn a_distributed_map_is_not_capped_at_forty() {
    let items: Vec<u64> = (0..=40).collect();
    let mut definition = forty_one_waits(&json!({}));
    definition["States"]["M"]["ItemProcessor"]["ProcessorConfig"] =
        json!({"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"});
    let execution = run(&definition, Mocks::new(), json!(items));
    assert_eq!(execution.output, Some(json!(items)));
    assert_eq!(execution.duration_ms(), 200_000);
}

/// A deployment placeholder left in a Map's concurrency or tolerance fails the state
/// rather than being ignored (which would run without the limit the deployment sets).
#[test]
fn an_unsubstituted_map_setting_fails_the_state() {
    for (field, value) in [
        ("MaxConcurrency", "${Concurrency}"),
        ("ToleratedFailureCount", "${Tolerated}"),
        ("ToleratedFailurePercentage", "${Percent}"),
    ] {
        let mut definition = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}});
        definition["States"]["M"][field] = json!(value);
        let execution = run(&definition, Mocks::new(), json!([1, 2]));
        assert_eq!(
            execution.error.as_deref(),
            Some("States.Runtime"),
            "{field}"
        );
        assert_eq!(
            execution.cause.as_deref(),
            Some(
                format!(
                    "An error occurred while executing the state 'M' (entered at the event id #2). {field} holds the unsubstituted placeholder {value}"
                )
                .as_str()
            ),
        );
    }
}

/// How the causes of a Map `M`, the machine's first state, begin.
const PREFIX: &str =
    "An error occurred while executing the state 'M' (entered at the event id #2). ";

/// A JSONata Map setting of the wrong type is a `States.QueryEvaluationError` naming the
/// field the expression is in: the percentage is worded as the integer settings are, not
/// with the `…Path` field (and empty path) of the JSONPath wording AWS recorded.
#[test]
fn a_jsonata_map_setting_of_the_wrong_type_names_its_field() {
    for (field, value, expected) in [
        (
            "ToleratedFailurePercentage",
            "{% 'x' %}",
            "The ToleratedFailurePercentage field refers to value \"x\" which is not a valid float",
        ),
        (
            "MaxConcurrency",
            "{% 1.5 %}",
            "The MaxConcurrency field refers to value \"1.5\" which is not a valid integer",
        ),
    ] {
        let mut definition = json!({"QueryLanguage": "JSONata", "StartAt": "M", "States": {
            "M": {"Type": "Map", "End": true,
                "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}});
        definition["States"]["M"][field] = json!(value);
        let execution = run(&definition, Mocks::new(), json!([1, 2]));
        assert_eq!(
            execution.error.as_deref(),
            Some("States.QueryEvaluationError"),
            "{field}"
        );
        assert_eq!(
            execution.cause.as_deref(),
            Some(format!("{PREFIX}{expected}").as_str()),
            "{field}"
        );
    }
}

/// The JSONPath `ToleratedFailurePercentagePath` keeps AWS's recorded wording
/// (`test_map_state_tolerated_failure_percentage_path[NoNumber]`).
#[test]
fn a_percentage_path_to_a_non_number_keeps_the_recorded_wording() {
    let execution = run(
        &json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemsPath": "$.items",
            "ToleratedFailurePercentagePath": "$.ToleratedFailurePercentage",
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}),
        Mocks::new(),
        json!({"items": [1], "ToleratedFailurePercentage": "NoNumber"}),
    );
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        execution.cause.as_deref(),
        Some(format!("{PREFIX}The ToleratedFailurePercentagePath field refers to value \"NoNumber\" which is not a valid float: $.ToleratedFailurePercentage").as_str())
    );
}
