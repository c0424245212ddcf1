//! Behaviour of the executor on small machines: flow, errors, time, mocks and history.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{
    EventType, Execution, ExecutionStatus, Executor, JsonText, Limits, Mock, MockConfig, Mocks,
    Response, Unmocked, WorkflowType,
};

#[expect(
    clippy::needless_pass_by_value,
    reason = "call sites pass json! literals"
)]
fn machine(definition: Value) -> StateMachine {
    StateMachine::from_value(&definition).expect("valid definition")
}

fn run(definition: Value, mocks: Mocks, input: Value) -> Execution {
    Executor::new(machine(definition))
        .mocks(mocks)
        .run(input)
        .expect("runs")
}

const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:work";

#[test]
fn pass_states_reshape_data_in_order() {
    let execution = run(
        json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.a", "Next": "B"},
            "B": {"Type": "Pass", "InputPath": "$.a", "Parameters": {"y.$": "$.x", "z": "$.literal"}, "Next": "C"},
            "C": {"Type": "Pass", "ResultPath": null, "OutputPath": "$.y", "End": true}
        }}),
        Mocks::new(),
        json!({"keep": true}),
    );
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    assert_eq!(execution.output, Some(json!(1)));
    assert_eq!(execution.states, ["A", "B", "C"]);
    assert_eq!(execution.state_transitions, 3);
}

#[test]
fn retries_wait_with_backoff_in_virtual_time_then_catch() {
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": LAMBDA,
                  "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 2}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}],
                  "End": true},
            "Recover": {"Type": "Pass", "End": true}
        }}),
        Mocks::new().state("T", Mock::throws("Busy", "try later")),
        json!({"id": 1}),
    );
    assert_eq!(
        execution.output,
        Some(json!({"id": 1, "error": {"Error": "Busy", "Cause": "try later"}}))
    );
    // 2 s then 6 s between the three attempts.
    assert_eq!(execution.duration_ms(), 8_000);
    assert_eq!(execution.state_transitions, 4);
    let failures = execution
        .event_types()
        .into_iter()
        .filter(|kind| *kind == EventType::LambdaFunctionFailed)
        .count();
    assert_eq!(failures, 3);
}

#[test]
fn sequences_fail_then_succeed_and_count_attempts() {
    let seen = Rc::new(Cell::new(0u32));
    let seen_in_mock = Rc::clone(&seen);
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": LAMBDA,
                  "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 1, "MaxAttempts": 5}],
                  "End": true}
        }}),
        Mocks::new().state(
            "T",
            Mock::from_fn(move |call| {
                seen_in_mock.set(call.attempt);
                if call.invocation < 2 {
                    Response::throw("Flaky", "again")
                } else {
                    Response::from(json!({"attempt": call.attempt}))
                }
            }),
        ),
        json!({}),
    );
    assert_eq!(execution.output, Some(json!({"attempt": 2})));
    assert_eq!(seen.get(), 2);
    assert_eq!(execution.duration_ms(), 3_000);
}

#[test]
fn runtime_errors_cannot_be_caught() {
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": LAMBDA, "OutputPath": "$.missing",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}], "End": true},
            "C": {"Type": "Succeed"}
        }}),
        Mocks::new().state("T", json!({"present": 1})),
        json!({}),
    );
    assert_eq!(execution.status, ExecutionStatus::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert!(execution.cause.as_deref().unwrap().starts_with(
        "An error occurred while executing the state 'T' (entered at the event id #2)."
    ));
    assert_eq!(execution.states, ["T"]);
}

/// connect-bedrockagentcore.html: an `invokeHarness` Task runs at most 900 s, whatever its
/// `TimeoutSeconds` (and without one).
#[test]
fn a_harness_call_times_out_after_fifteen_minutes() {
    const HARNESS: &str = "arn:aws:states:::bedrockagentcore:invokeHarness";
    for timeout in [json!(3600), Value::Null] {
        let mut state = json!({"Type": "Task", "Resource": HARNESS,
            "Parameters": {"HarnessArn": "h", "RuntimeSessionId": "s", "Messages": []},
            "End": true});
        if !timeout.is_null() {
            state["TimeoutSeconds"] = timeout;
        }
        let execution = run(
            json!({"StartAt": "T", "States": {"T": state}}),
            Mocks::new().state(
                "T",
                Response::from(json!({})).after(Duration::from_secs(901)),
            ),
            json!({}),
        );
        assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
        assert_eq!(execution.duration_ms(), 900_000);
    }
    let within = run(
        json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": HARNESS,
            "Parameters": {"HarnessArn": "h", "RuntimeSessionId": "s", "Messages": []},
            "TimeoutSeconds": 3600, "End": true}}}),
        Mocks::new().state(
            "T",
            Response::from(json!({})).after(Duration::from_secs(899)),
        ),
        json!({}),
    );
    assert_eq!(within.status, ExecutionStatus::Succeeded);
}

#[test]
fn task_timeouts_raise_states_timeout() {
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": LAMBDA, "TimeoutSeconds": 30, "End": true}
        }}),
        Mocks::new().state("T", Response::from(json!(1)).after(Duration::from_secs(31))),
        json!({}),
    );
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    assert_eq!(execution.duration_ms(), 30_000);
    assert!(
        execution
            .event_types()
            .contains(&EventType::LambdaFunctionTimedOut)
    );
}

#[test]
fn a_slow_answer_within_the_timeout_succeeds() {
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": LAMBDA, "TimeoutSeconds": 30, "End": true}
        }}),
        Mocks::new().state(
            "T",
            Response::from(json!("ok")).after(Duration::from_secs(29)),
        ),
        json!({}),
    );
    assert_eq!(execution.output, Some(json!("ok")));
    assert_eq!(execution.duration_ms(), 29_000);
}

#[test]
fn callbacks_without_heartbeats_time_out() {
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"MessageBody": {"token.$": "$$.Task.Token"}},
                  "HeartbeatSeconds": 5, "TimeoutSeconds": 60, "End": true}
        }}),
        Mocks::new().state("T", Mock::no_response()),
        json!({}),
    );
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    assert_eq!(execution.cause, None);
    assert_eq!(execution.duration_ms(), 5_000);
    assert_eq!(
        execution.event_types(),
        [
            EventType::ExecutionStarted,
            EventType::TaskStateEntered,
            EventType::TaskScheduled,
            EventType::TaskStarted,
            EventType::TaskSubmitted,
            EventType::TaskTimedOut,
            EventType::ExecutionFailed,
        ]
    );
}

#[test]
fn heartbeats_keep_a_callback_alive_until_it_answers() {
    let worker = Mock::from_async(|call| async move {
        for _ in 0..3 {
            call.sleep(Duration::from_secs(4)).await;
            call.heartbeat().expect("token is open");
        }
        call.sleep(Duration::from_secs(4)).await;
        let token = call.token.clone().expect("callback task has a token");
        call.callbacks()
            .send_task_success(&token, json!({"approved": true}))
            .expect("token is open");
        Response::NoResponse
    });
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
                  "HeartbeatSeconds": 5, "End": true}
        }}),
        Mocks::new().state("T", worker),
        json!({}),
    );
    assert_eq!(execution.output, Some(json!({"approved": true})));
    assert_eq!(execution.duration_ms(), 16_000);
}

#[test]
fn a_mock_answering_at_once_can_complete_its_own_token() {
    let worker = Mock::from_fn(|call| {
        let token = call.token.clone().expect("callback task has a token");
        assert_eq!(
            call.callbacks().pending_tokens(),
            std::slice::from_ref(&token)
        );
        call.callbacks()
            .send_task_failure(&token, "Worker.Refused", "not today")
            .expect("the token is valid while the service is called");
        Response::NoResponse
    });
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
                  "Parameters": {"TopicArn": "t", "Message.$": "$$.Task.Token"}, "End": true}
        }}),
        Mocks::new().state("T", worker),
        json!({}),
    );
    assert_eq!(execution.error.as_deref(), Some("Worker.Refused"));
    assert_eq!(execution.cause.as_deref(), Some("not today"));
    assert_eq!(execution.duration_ms(), 0);
}

const LAMBDA_INVOKE: &str = "arn:aws:states:::lambda:invoke";
const CALLBACK: &str = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";

/// A Task with `limits` whose catchers send a missed heartbeat to `WorkerLost` and any other
/// timeout to `TooSlow`, run with `mock`; the states it went through.
fn timeout_catcher(resource: &str, limits: Value, mock: Mock) -> Vec<String> {
    let parameters = if resource == CALLBACK {
        json!({"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"})
    } else {
        json!({"FunctionName": "f"})
    };
    let mut task = json!({"Type": "Task", "Resource": resource, "Parameters": parameters,
        "Catch": [
            {"ErrorEquals": ["States.HeartbeatTimeout"], "Next": "WorkerLost"},
            {"ErrorEquals": ["States.Timeout"], "Next": "TooSlow"}
        ],
        "End": true});
    if let (Some(task), Value::Object(limits)) = (task.as_object_mut(), limits) {
        task.extend(limits);
    }
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": task,
            "WorkerLost": {"Type": "Pass", "End": true},
            "TooSlow": {"Type": "Pass", "End": true}
        }}),
        Mocks::new().state("T", mock),
        json!({}),
    );
    assert_eq!(
        execution.status,
        ExecutionStatus::Succeeded,
        "{:?}",
        execution.cause
    );
    execution.states
}

#[test]
fn heartbeat_timeout_catchers_catch_only_missed_heartbeats() {
    // Running into `TimeoutSeconds` is not a missed heartbeat.
    let states = timeout_catcher(
        LAMBDA_INVOKE,
        json!({"TimeoutSeconds": 10}),
        Mock::no_response(),
    );
    assert_eq!(states, ["T", "TooSlow"]);
    let states = timeout_catcher(
        CALLBACK,
        json!({"TimeoutSeconds": 10, "HeartbeatSeconds": 20}),
        Mock::no_response(),
    );
    assert_eq!(states, ["T", "TooSlow"]);
    // A heartbeat missed before the timeout is, though its error is `States.Timeout`.
    let states = timeout_catcher(
        CALLBACK,
        json!({"TimeoutSeconds": 60, "HeartbeatSeconds": 5}),
        Mock::no_response(),
    );
    assert_eq!(states, ["T", "WorkerLost"]);
    // A mock throws a name only: `States.Timeout` is no heartbeat, a thrown
    // `States.HeartbeatTimeout` is.
    let states = timeout_catcher(
        LAMBDA_INVOKE,
        json!({}),
        Mock::throws("States.Timeout", "late"),
    );
    assert_eq!(states, ["T", "TooSlow"]);
    let states = timeout_catcher(
        LAMBDA_INVOKE,
        json!({}),
        Mock::throws("States.HeartbeatTimeout", "lost"),
    );
    assert_eq!(states, ["T", "WorkerLost"]);
}

#[test]
fn heartbeat_timeout_retriers_retry_only_missed_heartbeats() {
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": LAMBDA_INVOKE,
                  "Parameters": {"FunctionName": "f"}, "TimeoutSeconds": 10,
                  "Retry": [{"ErrorEquals": ["States.HeartbeatTimeout"], "MaxAttempts": 3}],
                  "End": true}
        }}),
        Mocks::new().state("T", Mock::no_response()),
        json!({}),
    );
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    // One attempt of ten seconds: no retry.
    assert_eq!(execution.duration_ms(), 10_000);
}

#[test]
fn parallel_branches_keep_their_order_and_run_concurrently() {
    let execution = run(
        json!({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 10, "Next": "S1"}, "S1": {"Type": "Pass", "Result": "slow", "End": true}}},
                {"StartAt": "Fast", "States": {"Fast": {"Type": "Pass", "Result": "fast", "End": true}}}
            ]}
        }}),
        Mocks::new(),
        json!({}),
    );
    assert_eq!(execution.output, Some(json!(["slow", "fast"])));
    assert_eq!(execution.duration_ms(), 10_000);
    assert_eq!(execution.states, ["P", "Slow", "Fast", "S1"]);
}

#[test]
fn a_failing_branch_cancels_the_others_and_keeps_its_error() {
    let execution = run(
        json!({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Next": "Done", "Branches": [
                {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 100, "Next": "Never"}, "Never": {"Type": "Pass", "End": true}}},
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "FailureType", "Cause": "Cause description"}}}
            ], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
            "Caught": {"Type": "Pass", "End": true},
            "Done": {"Type": "Succeed"}
        }}),
        Mocks::new(),
        json!({}),
    );
    assert_eq!(
        execution.output,
        Some(json!({"Error": "FailureType", "Cause": "Cause description"}))
    );
    assert_eq!(execution.states, ["P", "Long", "Boom", "Caught"]);
    assert_eq!(execution.duration_ms(), 0);
}

#[test]
fn map_iterations_respect_max_concurrency_and_input_order() {
    let execution = run(
        json!({"StartAt": "M", "States": {
            "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "End": true,
                  "ItemProcessor": {"StartAt": "W", "States": {
                      "W": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Out"},
                      "Out": {"Type": "Pass", "InputPath": "$.id", "End": true}}}}
        }}),
        Mocks::new(),
        json!({"items": [{"id": "a", "wait": 10}, {"id": "b", "wait": 1}, {"id": "c", "wait": 1}, {"id": "d", "wait": 1}]}),
    );
    assert_eq!(execution.output, Some(json!(["a", "b", "c", "d"])));
    // b, c and d run one after another beside a: 10 s in all.
    assert_eq!(execution.duration_ms(), 10_000);
    let started = execution
        .history
        .iter()
        .filter(|event| event.event_type == EventType::MapIterationStarted)
        .count();
    assert_eq!(started, 4);
}

#[test]
fn map_tolerates_failures_up_to_the_threshold() {
    let definition = |tolerated: u64| {
        json!({"StartAt": "M", "States": {
            "M": {"Type": "Map", "ToleratedFailureCount": tolerated, "End": true,
                  "ItemProcessor": {"StartAt": "C", "States": {
                      "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 0, "Next": "Bad"}], "Default": "Good"},
                      "Bad": {"Type": "Fail", "Error": "Zero"},
                      "Good": {"Type": "Succeed"}}}}
        }})
    };
    let tolerated = run(definition(2), Mocks::new(), json!([0, 1, 0, 2]));
    assert_eq!(
        tolerated.output,
        Some(json!([{"Error": "Zero"}, 1, {"Error": "Zero"}, 2]))
    );
    let exceeded = run(definition(1), Mocks::new(), json!([0, 1, 0, 2]));
    assert_eq!(
        exceeded.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
    assert_eq!(
        exceeded.cause.as_deref(),
        Some("The specified tolerated failure threshold was exceeded")
    );
}

#[test]
fn wait_accepts_timestamps_and_past_instants_do_not_wait() {
    let execution = run(
        json!({"StartAt": "Until", "States": {
            "Until": {"Type": "Wait", "TimestampPath": "$.at", "Next": "Past"},
            "Past": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "End": true}
        }}),
        Mocks::new(),
        json!({"at": "2024-01-02T00:00:00+00:00"}),
    );
    assert_eq!(execution.duration_ms(), 86_400_000);
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
}

#[test]
fn negative_seconds_paths_fail_with_aws_message() {
    let execution = run(
        json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}),
        Mocks::new(),
        json!({"s": -1}),
    );
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        execution.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'W' (entered at the event id #2). The SecondsPath parameter references a negative value: $.s == -1"
        )
    );
}

/// A `SecondsPath` that finds a string (or another non-number) says what it found rather
/// than calling it missing; a missing value keeps AWS's recorded wording (`test_logs`).
#[test]
fn seconds_paths_to_a_non_number_name_the_value_found() {
    let cause = |input: Value| {
        let execution = run(
            json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}),
            Mocks::new(),
            input,
        );
        assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
        let cause = execution.cause.unwrap_or_default();
        let prefix =
            "An error occurred while executing the state 'W' (entered at the event id #2). ";
        cause.strip_prefix(prefix).unwrap_or(&cause).to_owned()
    };
    assert_eq!(
        cause(json!({"s": "5"})),
        "The SecondsPath field refers to value \"5\" which is not a valid non-negative integer (a string, not a number): $.s"
    );
    assert_eq!(
        cause(json!({"s": [5]})),
        "The SecondsPath field refers to value [5] which is not a valid non-negative integer (an array, not a number): $.s"
    );
    assert_eq!(
        cause(json!({})),
        "The SecondsPath parameter does not reference an input value: $.s"
    );
}

#[test]
fn task_seconds_paths_show_a_refused_value_once_as_json() {
    let cause = |field: &str, value: Value| {
        let execution = run(
            json!({"StartAt": "T", "States": {
                "T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                      "Parameters": {"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"},
                      field: "$.t", "End": true}
            }}),
            Mocks::new().state("T", Mock::no_response()),
            json!({ "t": value }),
        );
        assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
        let cause = execution.cause.unwrap_or_default();
        let prefix =
            "An error occurred while executing the state 'T' (entered at the event id #2). ";
        cause.strip_prefix(prefix).unwrap_or(&cause).to_owned()
    };
    assert_eq!(
        cause("TimeoutSecondsPath", json!("10")),
        "The TimeoutSecondsPath field refers to value \"10\" which is not a valid positive integer (a string, not a number): $.t"
    );
    assert_eq!(
        cause("HeartbeatSecondsPath", json!(null)),
        "The HeartbeatSecondsPath field refers to value null which is not a valid positive integer: $.t"
    );
    assert_eq!(
        cause("TimeoutSecondsPath", json!(0)),
        "The TimeoutSecondsPath field refers to value 0 which is not a valid positive integer: $.t"
    );
    assert_eq!(
        cause("TimeoutSecondsPath", json!({"s": 1})),
        "The TimeoutSecondsPath field refers to value {\"s\":1} which is not a valid positive integer: $.t"
    );
}

#[test]
fn out_of_range_and_fractional_jsonata_seconds_fail_saying_which() {
    let wait = || {
        json!({"QueryLanguage": "JSONata", "StartAt": "W", "States": {
            "W": {"Type": "Wait", "Seconds": "{% $states.input.s %}", "End": true}}})
    };
    for (seconds, shown) in [(json!(-1), "-1"), (json!(100_000_000), "100000000")] {
        let out_of_range = run(wait(), Mocks::new(), json!({ "s": seconds }));
        assert_eq!(
            out_of_range.error.as_deref(),
            Some("States.QueryEvaluationError")
        );
        let cause = out_of_range.cause.as_deref().unwrap_or_default();
        assert!(
            cause.ends_with(&format!(
                "returned {shown}, out of the range a Wait takes: 0 to 99999999 seconds"
            )),
            "{cause}"
        );
    }
    // The longest wait is taken, and outlasts a Standard execution's year.
    let longest = run(wait(), Mocks::new(), json!({"s": 99_999_999}));
    assert_eq!(longest.error.as_deref(), Some("States.Timeout"));
    let fractional = run(wait(), Mocks::new(), json!({"s": 1.5}));
    assert_eq!(
        fractional.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    let cause = fractional.cause.as_deref().unwrap_or_default();
    assert!(
        cause.ends_with("Expected 'integer', but was 'number' for value: 1.5"),
        "{cause}"
    );
}

#[test]
fn a_wait_until_a_timestamp_ignores_its_milliseconds() {
    // AWS's Wait page: "Step Functions considers the time value up to seconds and truncates
    // milliseconds". The run starts at 2024-01-01T00:00:00Z.
    for (timestamp, waited_ms) in [
        ("2024-01-01T00:00:10.900Z", 10_000),
        ("2024-01-01T00:00:00.500Z", 0),
        ("2024-01-01T00:00:10Z", 10_000),
    ] {
        let execution = run(
            json!({"StartAt": "W", "States": {
                "W": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}}),
            Mocks::new(),
            json!({ "t": timestamp }),
        );
        assert_eq!(execution.duration_ms(), waited_ms, "{timestamp}");
    }
}

#[test]
fn a_choice_rules_assign_and_output_are_named_as_the_rules_in_errors() {
    // The state has an `Assign` and an `Output` of the same names: the message says which.
    let choice = |rule_field: &str| {
        let mut rule = json!({"Condition": "{% true %}", "Next": "T"});
        rule[rule_field] = json!({"x": "{% $states.input.nope %}"});
        json!({"QueryLanguage": "JSONata", "StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Condition": "{% false %}", "Next": "T"}, rule],
                  "Default": "T", "Assign": {"x": "{% 1 %}"}, "Output": {"x": "{% 1 %}"}},
            "T": {"Type": "Succeed"}}})
    };
    for (field, location) in [
        ("Assign", "Choices/1/Assign/x"),
        ("Output", "Choices/1/Output/x"),
    ] {
        let execution = run(choice(field), Mocks::new(), json!({}));
        assert_eq!(
            execution.error.as_deref(),
            Some("States.QueryEvaluationError")
        );
        let cause = execution.cause.as_deref().unwrap_or_default();
        assert!(
            cause.contains(&format!("specified for the field '{location}'")),
            "{cause}"
        );
    }
}

#[test]
fn a_path_into_a_variable_never_assigned_says_so() {
    let machine = |path: &str| {
        json!({"StartAt": "P", "States": {"P": {
            "Type": "Pass", "Assign": {"d": 1}, "Next": "U"},
            "U": {"Type": "Pass", "Parameters": {"vars.$": path}, "End": true}}})
    };
    let unassigned = run(machine("$e.x"), Mocks::new(), json!({"e": 1}));
    assert_eq!(
        unassigned.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'U' (entered at the event id #4). The JSONPath '$e.x' specified for the field 'vars.$' reads the variable 'e', which has not been assigned"
        )
    );
    // An assigned variable without the field: AWS's message, with the input.
    let missing = run(machine("$d.x"), Mocks::new(), json!({"e": 1}));
    let cause = missing.cause.as_deref().unwrap_or_default();
    assert!(
        cause.ends_with("could not be found in the input '{\"e\":1}'"),
        "{cause}"
    );
}

#[test]
fn a_failing_intrinsic_names_its_field_and_quotes_its_path_as_written() {
    let execution = run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass",
            "Parameters": {"b": {"deep.$": "States.Format('{}', $.missing.deep)"}}, "End": true}}}),
        Mocks::new(),
        json!({}),
    );
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        execution.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'P' (entered at the event id #2). The evaluation of the intrinsic function States.Format for the field 'deep.$' failed: Invalid path '$.missing.deep' : Missing property in path $['missing']"
        )
    );
}

#[test]
fn the_execution_timeout_stops_a_long_wait() {
    let execution = run(
        json!({"TimeoutSeconds": 60, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}),
        Mocks::new(),
        json!({}),
    );
    assert_eq!(execution.status, ExecutionStatus::TimedOut);
    assert_eq!(execution.error.as_deref(), Some("States.Timeout"));
    assert_eq!(execution.duration_ms(), 60_000);
    assert_eq!(
        execution.event_types().last(),
        Some(&EventType::ExecutionTimedOut)
    );
}

#[test]
fn choice_operators_and_default() {
    let definition = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [
            {"And": [{"Variable": "$.n", "NumericGreaterThanEquals": 10}, {"Variable": "$.s", "StringMatches": "log-*.txt"}], "Next": "Big"},
            {"Not": {"Variable": "$.flag", "IsPresent": true}, "Next": "NoFlag"},
            {"Variable": "$.when", "TimestampLessThan": "2020-01-01T00:00:00Z", "Next": "Old"}
        ], "Default": "Other"},
        "Big": {"Type": "Pass", "Result": "big", "End": true},
        "NoFlag": {"Type": "Pass", "Result": "no flag", "End": true},
        "Old": {"Type": "Pass", "Result": "old", "End": true},
        "Other": {"Type": "Pass", "Result": "other", "End": true}
    }});
    let cases = [
        (json!({"n": 10, "s": "log-1.txt", "flag": 1}), "big"),
        (json!({"n": 9, "s": "log-1.txt"}), "no flag"),
        (
            json!({"n": 9, "flag": null, "when": "2019-12-31T23:59:59+00:00"}),
            "old",
        ),
        (json!({"n": "10", "flag": 1, "when": "not a time"}), "other"),
    ];
    for (input, expected) in cases {
        let execution = run(definition.clone(), Mocks::new(), input.clone());
        assert_eq!(execution.output, Some(json!(expected)), "{input}");
    }
}

#[test]
fn variables_are_assigned_after_the_state_and_visible_in_branches() {
    let execution = run(
        json!({"StartAt": "Set", "States": {
            "Set": {"Type": "Pass", "Result": {"v": 42}, "Assign": {"answer.$": "$.v", "old.$": "$answer"}, "Next": "P"},
            "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Read", "States": {"Read": {"Type": "Pass", "Parameters": {"seen.$": "$answer"}, "End": true}}}
            ]}
        }}),
        Mocks::new(),
        json!({}),
    );
    // `$answer` is not set while Set evaluates its own Assign: the path fails.
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));

    let execution = run(
        json!({"StartAt": "Set", "States": {
            "Set": {"Type": "Pass", "Result": {"v": 42}, "Assign": {"answer.$": "$.v"}, "Next": "P"},
            "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Read", "States": {"Read": {"Type": "Pass", "Parameters": {"seen.$": "$answer"}, "End": true}}}
            ]}
        }}),
        Mocks::new(),
        json!({}),
    );
    assert_eq!(execution.output, Some(json!([{"seen": 42}])));
    let exited = execution
        .history
        .iter()
        .find(|event| event.event_type == EventType::PassStateExited)
        .unwrap();
    assert_eq!(
        exited.to_aws_json()["stateExitedEventDetails"]["assignedVariables"],
        json!({"answer": "42"})
    );
}

#[test]
fn oversized_outputs_fail_with_data_limit_exceeded() {
    let big = "x".repeat(300_000);
    let execution = run(
        json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": big, "End": true}}}),
        Mocks::new(),
        json!({}),
    );
    assert_eq!(execution.error.as_deref(), Some("States.DataLimitExceeded"));
}

/// A result over the payload quota fails the Task with a cause naming a service
/// integration by its service, as AWS recorded for `lambda:invoke`
/// (`test_service_task_lambada_data_limit_exceeded_on_large_utf8_response`), and a
/// Lambda function by its ARN (`test_task_lambda_data_limit_exceeded_on_large_utf8_response`).
#[test]
fn an_oversized_task_result_names_the_service_or_the_function() {
    let function = "arn:aws:lambda:us-east-1:123456789012:function:f";
    for (resource, named) in [
        ("arn:aws:states:::lambda:invoke", "lambda"),
        ("arn:aws:states:::aws-sdk:s3:getObject", "aws-sdk:s3"),
        (function, function),
    ] {
        let execution = run(
            json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": resource,
                "Parameters": {"FunctionName": "f", "Bucket": "b", "Key": "k"}, "End": true}}}),
            Mocks::new().state(
                "T",
                Mock::sequence([Response::from(json!({"Payload": "x".repeat(280_000)}))]),
            ),
            json!({}),
        );
        let expected = format!(
            "The state/task '{named}' returned a result with a size exceeding the maximum number of bytes service limit."
        );
        assert_eq!(
            execution.error.as_deref(),
            Some("States.DataLimitExceeded"),
            "{resource}"
        );
        assert_eq!(
            execution.cause.as_deref(),
            Some(expected.as_str()),
            "{resource}"
        );
    }
}

/// Runs `definition` with input `{}` and a history limit of `limit` events.
fn with_history_limit(definition: Value, limit: u64) -> Execution {
    Executor::new(machine(definition))
        .limits(Limits {
            max_history_events: Some(limit),
            ..Limits::default()
        })
        .run(json!({}))
        .unwrap()
}

#[test]
fn endless_loops_stop_at_the_history_limit() {
    let definition = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Next": "A"}
    }});
    let execution = with_history_limit(definition, 1_000);
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        execution.cause.as_deref(),
        Some("The execution reached the maximum number of history events (1000).")
    );
    // The history holds exactly the limit, the closing `ExecutionFailed` included.
    assert_eq!(execution.event_count, 1_000);
    assert_eq!(execution.history.len(), 1_000);
    assert_eq!(
        execution.history.last().map(|event| event.event_type),
        Some(EventType::ExecutionFailed)
    );
}

#[test]
fn express_loops_that_never_exit_stop_at_the_transition_guard() {
    // Valid, but its exit is never taken: Express executions have no history limit and
    // virtual time does not pass in Pass and Choice states.
    let definition = json!({"StartAt": "Done?", "States": {
        "Done?": {"Type": "Choice", "Choices": [
            {"Variable": "$.done", "BooleanEquals": true, "Next": "Finished"}
        ], "Default": "Again"},
        "Again": {"Type": "Pass", "Next": "Done?"},
        "Finished": {"Type": "Succeed"}
    }});
    let execution = Executor::new(machine(definition))
        .workflow_type(WorkflowType::Express)
        .limits(Limits {
            max_state_transitions: Some(10_000),
            ..Limits::default()
        })
        .run(json!({"done": false}))
        .unwrap();
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(execution.state_transitions, 10_000);
    assert!(
        execution
            .cause
            .as_deref()
            .is_some_and(|cause| cause.contains("Limits::max_state_transitions")),
        "{:?}",
        execution.cause
    );
}

#[test]
fn the_transition_guard_counts_each_state_list_apart() {
    // 40 iterations of three states each: 120 transitions in all, 3 per iteration.
    let definition = json!({"StartAt": "Each", "States": {"Each": {
        "Type": "Map",
        "ItemProcessor": {"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Pass", "Next": "C"},
            "C": {"Type": "Pass", "End": true}
        }},
        "End": true
    }}});
    let execution = Executor::new(machine(definition))
        .limits(Limits {
            max_state_transitions: Some(10),
            ..Limits::default()
        })
        .run(json!((0..40).collect::<Vec<_>>()))
        .unwrap();
    assert_eq!(
        execution.status,
        ExecutionStatus::Succeeded,
        "{:?}",
        execution.cause
    );
    assert_eq!(execution.state_transitions, 121);
}

#[test]
fn retries_within_one_state_stop_at_the_history_limit() {
    // Three events per attempt and a hundred million attempts: the limit, not the retrier
    // or the year-long execution timeout, ends the run.
    let definition = json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": LAMBDA,
        "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 99_999_999, "IntervalSeconds": 1, "BackoffRate": 1}],
        "End": true
    }}});
    let execution = Executor::new(machine(definition))
        .mocks(Mocks::new().state("T", Mock::throws("Busy", "try later")))
        .run(json!({}))
        .unwrap();
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(execution.event_count, 25_000);
    let failed = execution
        .event_types()
        .iter()
        .filter(|kind| **kind == EventType::LambdaFunctionFailed)
        .count();
    assert!(failed > 8_000, "{failed} attempts");
}

#[test]
fn concurrent_branches_stop_at_the_history_limit_exactly() {
    let endless = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Wait", "Seconds": 1, "Next": "A"}
    }});
    let definition = json!({"StartAt": "Fan", "States": {"Fan": {
        "Type": "Parallel", "Branches": [endless.clone(), endless.clone(), endless], "End": true
    }}});
    let execution = with_history_limit(definition, 500);
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(execution.event_count, 500);
}

#[test]
fn a_run_needing_one_event_more_than_the_limit_fails() {
    let definition = json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}});
    // Started, entered, exited, succeeded: four events.
    let fits = with_history_limit(definition.clone(), 4);
    assert_eq!(fits.status, ExecutionStatus::Succeeded);
    assert_eq!(fits.event_count, 4);
    let over = with_history_limit(definition.clone(), 3);
    assert_eq!(over.status, ExecutionStatus::Failed);
    assert_eq!(over.states, ["P"]);
    // With room for the start only, the state's entered event is dropped: not entered.
    let none = with_history_limit(definition, 2);
    assert_eq!(
        none.event_types(),
        [EventType::ExecutionStarted, EventType::ExecutionFailed]
    );
    assert!(none.states.is_empty(), "{:?}", none.states);
    assert_eq!(
        over.event_types(),
        [
            EventType::ExecutionStarted,
            EventType::PassStateEntered,
            EventType::ExecutionFailed
        ]
    );
}

#[test]
fn unmocked_tasks_fail_or_echo() {
    let definition =
        json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": LAMBDA, "End": true}}});
    let failed = run(definition.clone(), Mocks::new(), json!({"a": 1}));
    assert_eq!(failed.error.as_deref(), Some("States.Runtime"));
    assert!(
        failed
            .cause
            .as_deref()
            .unwrap()
            .contains("No mock answers Task state 'T'")
    );
    // A mock registered under a misspelt name is pointed out.
    let misspelt = run(
        definition.clone(),
        Mocks::new().state("Tt", Mock::returns(json!(1))),
        json!({}),
    );
    assert!(
        misspelt.cause.as_deref().is_some_and(
            |cause| cause.ends_with("a mock is registered for state 'Tt': did you mean 'T'?")
        ),
        "{:?}",
        misspelt.cause
    );
    let echoed = run(
        definition,
        Mocks::new().unmocked(Unmocked::Echo),
        json!({"a": 1}),
    );
    assert_eq!(echoed.output, Some(json!({"a": 1})));
}

#[test]
fn step_functions_local_mock_files_drive_test_cases() {
    let config = MockConfig::from_json(include_str!(
        "../../tests/corpus/localstack/mock-configs/mock_config_files/lambda_sqs_integration.json"
    ))
    .unwrap();
    let definition = json!({"StartAt": "LambdaState", "States": {
        "LambdaState": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 1}],
            "ResultSelector": {"body.$": "$.Payload.body"}, "Next": "SQSState"},
        "SQSState": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "ResultPath": "$.sent", "End": true}
    }});
    let mocks = config.mocks("LambdaSQSIntegration", "RetryPath").unwrap();
    let execution = run(definition, mocks, json!({}));
    assert_eq!(
        execution.output,
        Some(json!({"body": "Hello from Lambda!", "sent": {
            "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51",
            "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}}))
    );
    assert_eq!(execution.duration_ms(), 3_000);
}

#[test]
fn async_mocks_may_wait_on_the_outside_world() {
    let (sender, receiver) = std::sync::mpsc::channel::<Value>();
    let receiver = Rc::new(std::cell::RefCell::new(Some(receiver)));
    let external = Mock::from_async(move |_call| {
        let receiver = receiver.borrow_mut().take().expect("called once");
        async move {
            // A future that is ready only once another thread has sent a value.
            let value = std::thread::spawn(move || receiver.recv().unwrap());
            std::future::poll_fn(move |cx| {
                if value.is_finished() {
                    std::task::Poll::Ready(())
                } else {
                    let waker = cx.waker().clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(Duration::from_millis(5));
                        waker.wake();
                    });
                    std::task::Poll::Pending
                }
            })
            .await;
            Response::from(json!("from outside"))
        }
    });
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        sender.send(json!(1)).unwrap();
    });
    let execution = run(
        json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": LAMBDA, "TimeoutSeconds": 1, "End": true}}}),
        Mocks::new().state("T", external),
        json!({}),
    );
    // Real time passed, virtual time did not: no timeout.
    assert_eq!(execution.output, Some(json!("from outside")));
    assert_eq!(execution.duration_ms(), 0);
}

#[test]
fn runs_are_reproducible_and_snapshot_friendly() {
    let definition = json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"Payload.$": "$", "Exec.$": "$$.Execution.Name"}, "End": true}
    }});
    let first = run(
        definition.clone(),
        Mocks::new().unmocked(Unmocked::Echo),
        json!({"a": 1}),
    );
    let second = run(
        definition,
        Mocks::new().unmocked(Unmocked::Echo),
        json!({"a": 1}),
    );
    assert_eq!(first.snapshot(), second.snapshot());
    insta::assert_json_snapshot!("echo_task", first.snapshot());
}

/// An inline Map whose input is read only for its items moves them into the iterations;
/// one whose `ResultPath` keeps the input copies them. Both give AWS's outputs.
#[test]
fn inline_map_items_are_moved_or_copied_as_the_input_is_needed() {
    let map = |result_path: Value| {
        let mut state = json!({
            "Type": "Map",
            "ItemsPath": "$.items",
            "ItemProcessor": {
                "StartAt": "P",
                "States": {"P": {"Type": "Pass", "Parameters": {"i.$": "$.i"}, "End": true}}
            },
            "End": true
        });
        if !result_path.is_null() {
            state["ResultPath"] = result_path;
        }
        json!({"StartAt": "M", "States": {"M": state}})
    };
    let input = json!({"items": [{"i": 1}, {"i": 2}], "other": true});
    let moved = run(map(Value::Null), Mocks::new(), input.clone());
    assert_eq!(moved.output, Some(json!([{"i": 1}, {"i": 2}])));
    let replaced = run(map(json!("$")), Mocks::new(), input.clone());
    assert_eq!(replaced.output, Some(json!([{"i": 1}, {"i": 2}])));
    let kept = run(map(json!("$.result")), Mocks::new(), input.clone());
    assert_eq!(
        kept.output,
        Some(json!({"items": [{"i": 1}, {"i": 2}], "other": true, "result": [{"i": 1}, {"i": 2}]}))
    );
    // The MapStateEntered event shows the whole input either way.
    let entered = moved
        .history
        .iter()
        .find(|event| event.event_type == EventType::MapStateEntered)
        .and_then(|event| event.details.input.as_ref().map(JsonText::value));
    assert_eq!(entered.and_then(Result::ok), Some(input));
    // Items that are not an array are not taken: the failure names the whole value.
    let not_array = run(map(Value::Null), Mocks::new(), json!({"items": "x"}));
    assert_eq!(not_array.status, ExecutionStatus::Failed);
    assert_eq!(
        not_array.cause.as_deref(),
        Some(
            r#"An error occurred while executing the state 'M' (entered at the event id #2). Map state input must be an array but was: "x""#
        )
    );
}

#[test]
fn map_item_context_shows_index_key_value_and_source() {
    let selector = json!({
        "index.$": "$$.Map.Item.Index",
        "value.$": "$$.Map.Item.Value",
        "source.$": "$$.Map.Item.Source",
        "item.$": "$$.Map.Item"
    });
    let map = |items_path: &str| {
        json!({"StartAt": "M", "States": {"M": {
            "Type": "Map", "ItemsPath": items_path, "ItemSelector": selector,
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
            "End": true
        }}})
    };
    let array = run(map("$.list"), Mocks::new(), json!({"list": ["a"]}));
    assert_eq!(
        array.output,
        Some(json!([{"index": 0, "value": "a", "source": "STATE_DATA",
            "item": {"Index": 0, "Value": "a", "Source": "STATE_DATA"}}]))
    );
    // An object is iterated by entry; `Key` is the entry's key, `Value` its value.
    let object = run(
        map("$.prices"),
        Mocks::new(),
        json!({"prices": {"tea": 2, "cake": 4}}),
    );
    assert_eq!(
        object.output,
        Some(json!([
            {"index": 0, "value": 2, "source": "STATE_DATA",
             "item": {"Index": 0, "Key": "tea", "Value": 2, "Source": "STATE_DATA"}},
            {"index": 1, "value": 4, "source": "STATE_DATA",
             "item": {"Index": 1, "Key": "cake", "Value": 4, "Source": "STATE_DATA"}}
        ]))
    );
    // Without a selector an entry is passed on whole.
    let whole = json!({"StartAt": "M", "States": {"M": {
        "Type": "Map", "ItemsPath": "$.prices",
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "End": true
    }}});
    let whole = run(whole, Mocks::new(), json!({"prices": {"tea": 2}}));
    assert_eq!(whole.output, Some(json!([{"Key": "tea", "Value": 2}])));
}

#[test]
fn jsonata_maps_iterate_objects_as_jsonpath_maps_do() {
    let definition = json!({"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {
        "Type": "Map", "Items": "{% $states.input.prices %}",
        "ItemSelector": {
            "key": "{% $states.context.Map.Item.Key %}",
            "value": "{% $states.context.Map.Item.Value %}",
            "source": "{% $states.context.Map.Item.Source %}"
        },
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "End": true
    }}});
    let input = json!({"prices": {"tea": 2}});
    let current = run(definition.clone(), Mocks::new(), input.clone());
    assert_eq!(
        current.output,
        Some(json!([{"key": "tea", "value": 2, "source": "STATE_DATA"}]))
    );
    // AWS before 2025 refused an object, in both languages.
    let before = Executor::new(machine(definition))
        .map_object_items(false)
        .run(input)
        .expect("runs");
    assert_eq!(before.error.as_deref(), Some("States.QueryEvaluationError"));
    assert!(
        before
            .cause
            .as_deref()
            .is_some_and(|cause| cause.contains("Expected 'array', but was 'object'")),
        "{:?}",
        before.cause
    );
}

#[test]
fn jsonata_fails_on_input_nested_too_deeply_to_convert() {
    // `$states.input` nested more than 1000 levels once read as undefined, so `$count` of
    // it gave 0; it is the conversion error U1004, as for an expression's own input.
    let input = (0..1001).fold(json!(1), |value, _| json!([value]));
    let definition = json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {
        "Type": "Pass", "Output": {"count": "{% $count($states.input) %}"}, "End": true
    }}});
    let execution = run(definition, Mocks::new(), input);
    assert_eq!(
        execution.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    assert!(
        execution
            .cause
            .as_deref()
            .is_some_and(|cause| cause.contains("U1004")),
        "{:?}",
        execution.cause
    );
}

#[test]
fn context_timestamps_drop_zero_milliseconds_as_aws_prints_them() {
    let definition = json!({"StartAt": "Wait", "States": {
        "Wait": {"Type": "Wait", "Seconds": 1, "Next": "Show"},
        "Show": {"Type": "Pass", "Parameters": {
            "start.$": "$$.Execution.StartTime", "entered.$": "$$.State.EnteredTime"
        }, "End": true}
    }});
    let execution = run(definition, Mocks::new(), json!({}));
    assert_eq!(
        execution.output,
        Some(json!({"start": "2024-01-01T00:00:00Z", "entered": "2024-01-01T00:00:01Z"}))
    );
}

#[test]
fn builder_args_read_the_result_and_error_output_in_both_languages() {
    use sfn_dsl::prelude::{
        Arg, Catcher, ErrorName, PassState, QueryLanguage, StateMachine as Machine, TaskState,
    };
    for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
        let show = match language {
            QueryLanguage::JsonPath => PassState::builder("Show")
                .parameters(json!({"receipt.$": "$receipt", "cause.$": "$cause"})),
            QueryLanguage::Jsonata => PassState::builder("Show")
                .output(json!({"receipt": "{% $receipt %}", "cause": "{% $cause %}"})),
        };
        let machine = Machine::builder()
            .query_language(language)
            .start(
                PassState::builder("Init").assign("cause", "none").next(
                    TaskState::lambda_invoke("Charge", "charge")
                        .assign("receipt", Arg::result_field("Payload.receipt"))
                        .next(
                            TaskState::lambda_invoke("Ship", "ship")
                                .catch(
                                    Catcher::builder([ErrorName::All])
                                        .assign("cause", Arg::error_output_field("Cause")),
                                    show.clone(),
                                )
                                .next(show),
                        ),
                ),
            )
            .build()
            .expect("builds");
        let execution = Executor::new(machine)
            .mocks(
                Mocks::new()
                    .state(
                        "Charge",
                        Mock::returns(json!({"Payload": {"receipt": "r-1"}})),
                    )
                    .state("Ship", Mock::throws("Ship.Failed", "no stock")),
            )
            .run(json!({}))
            .expect("runs");
        assert_eq!(
            execution.output,
            Some(json!({"receipt": "r-1", "cause": "no stock"})),
            "{language}"
        );
    }
}

#[test]
fn distributed_map_children_see_their_own_execution_in_the_context() {
    let definition = json!({"StartAt": "Each", "States": {
        "Each": {
            "Type": "Map", "Label": "Orders", "ItemsPath": "$.items", "ResultPath": "$.children", "Next": "After",
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Show",
                "States": {"Show": {"Type": "Pass", "Parameters": {
                    "input.$": "$$.Execution.Input", "id.$": "$$.Execution.Id",
                    "name.$": "$$.Execution.Name", "machine.$": "$$.StateMachine.Name"
                }, "End": true}}
            }
        },
        "After": {"Type": "Pass", "Parameters": {"input.$": "$$.Execution.Input", "children.$": "$.children"}, "End": true}
    }});
    let execution = run(definition, Mocks::new(), json!({"items": [10, 20]}));
    let output = execution.output.expect("succeeds");
    assert_eq!(
        output["input"],
        json!({"items": [10, 20]}),
        "the parent keeps its own input"
    );
    let children = output["children"].as_array().expect("children");
    for (child, item) in children.iter().zip([10, 20]) {
        assert_eq!(child["input"], json!(item));
        let name = child["name"].as_str().expect("a name");
        let id = child["id"].as_str().expect("an id");
        assert!(
            id.ends_with(&format!(
                ":execution:{}/Orders:{name}",
                child["machine"]
                    .as_str()
                    .expect("a machine")
                    .split('/')
                    .next()
                    .expect("machine")
            )),
            "{id}"
        );
        assert!(
            child["machine"]
                .as_str()
                .is_some_and(|machine| machine.ends_with("/Orders"))
        );
    }
    assert_ne!(children[0]["name"], children[1]["name"]);
}

/// An Express execution's ARN is `…:express:<machine>:<name>:<id>` (recorded:
/// `test_express_sync`, `test_express_async`), and `$$.Execution.Id` shows it; a Standard
/// one keeps `…:execution:<machine>:<name>`.
#[test]
fn an_express_execution_has_an_express_arn() {
    let definition = json!({"StartAt": "Show", "States": {
        "Show": {"Type": "Pass", "Parameters": {"id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name"},
                 "End": true}}});
    let run_as = |workflow_type| {
        Executor::new(machine(definition.clone()))
            .state_machine_name("Orders")
            .execution_name("run-1")
            .workflow_type(workflow_type)
            .run(json!({}))
            .expect("runs")
    };
    let express = run_as(WorkflowType::Express);
    let prefix = "arn:aws:states:us-east-1:123456789012:express:Orders:run-1:";
    let id = express
        .execution_arn
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{}", express.execution_arn));
    assert_eq!(
        id.split('-').map(str::len).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12],
        "a UUID: {id}"
    );
    assert_eq!(
        express.output,
        Some(json!({"id": express.execution_arn, "name": "run-1"}))
    );
    // The same settings give the same ARN.
    assert_eq!(
        run_as(WorkflowType::Express).execution_arn,
        express.execution_arn
    );
    let standard = run_as(WorkflowType::Standard);
    assert_eq!(
        standard.execution_arn,
        "arn:aws:states:us-east-1:123456789012:execution:Orders:run-1"
    );
    assert_eq!(
        standard.output,
        Some(json!({"id": standard.execution_arn, "name": "run-1"}))
    );
}

#[test]
fn failures_in_handling_a_result_are_retried_like_the_tasks_own() {
    // The first result has no `ok`, so the JSONata `Output` fails with
    // `States.QueryEvaluationError`; the retrier runs the task again, and the second
    // result is shaped.
    let definition = json!({"QueryLanguage": "JSONata", "StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": LAMBDA,
              "Output": "{% $states.result.ok ? 'fine' : $error('no ok') %}",
              "Retry": [{"ErrorEquals": ["States.QueryEvaluationError"], "IntervalSeconds": 3, "MaxAttempts": 1}],
              "End": true}
    }});
    let mocks = || {
        Mocks::new().state(
            "T",
            Mock::sequence([
                Response::from(json!({"ok": false})),
                Response::from(json!({"ok": true})),
            ]),
        )
    };
    let execution = run(definition.clone(), mocks(), json!({}));
    assert_eq!(
        execution.status,
        ExecutionStatus::Succeeded,
        "{execution:?}"
    );
    assert_eq!(execution.output, Some(json!("fine")));
    assert_eq!(execution.duration_ms(), 3_000);
    // A `ResultPath` that cannot be applied: retried, then caught once the retrier is used
    // up, with the error the catcher expects.
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": LAMBDA, "ResultPath": "$.text.inner",
                  "Retry": [{"ErrorEquals": ["States.ResultPathMatchFailure"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Caught"}],
                  "End": true},
            "Caught": {"Type": "Pass", "End": true}
        }}),
        Mocks::new().state("T", Mock::returns(json!({"done": true}))),
        json!({"text": "not an object"}),
    );
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    assert_eq!(
        execution
            .output
            .as_ref()
            .and_then(|output| output["error"]["Error"].as_str()),
        Some("States.ResultPathMatchFailure")
    );
    let calls = execution
        .event_types()
        .into_iter()
        .filter(|kind| *kind == EventType::LambdaFunctionScheduled)
        .count();
    assert_eq!(calls, 3, "the first attempt and two retries");
    assert_eq!(execution.duration_ms(), 3_000);
    // A Parallel state runs its branches again.
    let execution = run(
        json!({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "ResultPath": "$.text.inner",
                  "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}],
                  "Retry": [{"ErrorEquals": ["States.ResultPathMatchFailure"], "MaxAttempts": 1}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Caught"}],
                  "End": true},
            "Caught": {"Type": "Pass", "End": true}
        }}),
        Mocks::new(),
        json!({"text": "not an object"}),
    );
    assert_eq!(execution.status, ExecutionStatus::Succeeded);
    let runs = execution
        .event_types()
        .into_iter()
        .filter(|kind| *kind == EventType::ParallelStateStarted)
        .count();
    assert_eq!(runs, 2, "{:?}", execution.event_types());
    // `States.Runtime` (an `OutputPath` that finds nothing) is never retried.
    let execution = run(
        json!({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": LAMBDA, "OutputPath": "$.missing",
                  "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}],
                  "End": true}
        }}),
        Mocks::new().state("T", Mock::returns(json!({"done": true}))),
        json!({}),
    );
    assert_eq!(execution.status, ExecutionStatus::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(execution.duration_ms(), 0);
}

/// The history keeps payloads as compact JSON text: a loop whose payload grows one level
/// per turn keeps its copies small, and a payload nested deeper than `serde_json` reads back
/// (128 levels) is still shown, as text.
#[test]
fn history_keeps_payloads_as_text_however_deep() {
    // `Wrap` puts its input under `p`, 150 times.
    let execution = run(
        json!({"StartAt": "Start", "States": {
            "Start": {"Type": "Pass", "Assign": {"turn": 0}, "Next": "Wrap"},
            "Wrap": {"Type": "Pass", "Parameters": {"p.$": "$"},
                     "Assign": {"turn.$": "States.MathAdd($turn, 1)"}, "Next": "Again?"},
            "Again?": {"Type": "Choice",
                       "Choices": [{"Variable": "$turn", "NumericLessThan": 150, "Next": "Wrap"}],
                       "Default": "Done"},
            "Done": {"Type": "Succeed"}
        }}),
        Mocks::new(),
        json!(1),
    );
    assert_eq!(
        execution.status,
        ExecutionStatus::Succeeded,
        "{:?}",
        execution.cause
    );
    let outputs: Vec<&JsonText> = execution
        .history
        .iter()
        .filter(|event| event.event_type == EventType::PassStateExited)
        .filter_map(|event| event.details.output.as_ref())
        .collect();
    assert_eq!(outputs.len(), 151);
    // The first turn's output, and its variables, as AWS writes them.
    assert_eq!(outputs[1].as_str(), r#"{"p":1}"#);
    assert_eq!(outputs[1].value().ok(), Some(json!({"p": 1})));
    let variables = execution
        .history
        .iter()
        .filter(|event| event.event_type == EventType::PassStateExited)
        .nth(1)
        .and_then(|event| event.details.assigned_variables.as_ref())
        .and_then(|variables| variables.get("turn"))
        .map(JsonText::as_str);
    assert_eq!(variables, Some("1"));
    // The last is 150 levels deep: kept and written as text, not read back as a value.
    let last = outputs[150];
    assert_eq!(last.as_str().len(), 150 * r#"{"p":}"#.len() + 1);
    assert!(last.value().is_err());
    let snapshot = execution.snapshot();
    let shown: Vec<&Value> = snapshot["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|event| event["type"] == "PassStateExited")
        .map(|event| &event["details"]["output"])
        .collect();
    assert_eq!(shown.len(), 151);
    assert_eq!(shown[150], &Value::String(last.as_str().to_owned()));
    // A shallow one is shown as a value.
    assert_eq!(shown[1], &json!({"p": 1}));
}

/// The trace of a run links its states as AWS links its events (an entered event's
/// `previousEventId` is the exited event of the state before), inside Parallel branches
/// and Map iterations too, and marks where a failed run stopped.
#[test]
fn a_runs_trace_follows_its_transitions_inside_branches_and_iterations() {
    let execution = run(
        json!({"StartAt": "Both", "States": {
            "Both": {"Type": "Parallel", "Branches": [
                {"StartAt": "L1", "States": {"L1": {"Type": "Pass", "Next": "L2"}, "L2": {"Type": "Pass", "End": true}}},
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
                    "ItemProcessor": {"StartAt": "I1", "States": {
                        "I1": {"Type": "Pass", "Next": "I2"}, "I2": {"Type": "Pass", "End": true}}},
                    "End": true}}}
            ], "Next": "Stop"},
            "Stop": {"Type": "Fail", "Error": "Done"}}}),
        Mocks::new(),
        json!({"items": [1, 2, 3]}),
    );
    let trace = execution.trace();
    assert_eq!(trace.entered("Both"), 1);
    assert_eq!(trace.transitions("L1", "L2"), 1);
    assert_eq!(trace.entered("I1"), 3);
    assert_eq!(trace.transitions("I1", "I2"), 3);
    assert_eq!(trace.transitions("Both", "Stop"), 1);
    assert!(trace.is_unfinished("Stop"));
    assert!(!trace.is_unfinished("Both"));
    assert!(!trace.is_unfinished("I2"));
    // The history the trace is read from is the one `sfn run --history` writes.
    assert_eq!(
        trace,
        sfn_dsl::render::Trace::from_history(&execution.history_json()).unwrap()
    );
}

/// Identifiers drawn by expressions come from a stream of their own: the first
/// `States.UUID()` (or `$uuid()`) of a run, and of a Map's first iteration, is not the
/// execution's name, whatever the seed.
#[test]
fn expression_uuids_do_not_repeat_the_execution_name() {
    let definition = json!({"StartAt": "Ids", "States": {
        "Ids": {"Type": "Pass", "Parameters": {
            "name.$": "$$.Execution.Name", "first.$": "States.UUID()", "second.$": "States.UUID()"
        }, "ResultPath": "$.ids", "Next": "Each"},
        "Each": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "Id", "States": {
            "Id": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()"}, "End": true}
        }}, "ResultPath": "$.each", "Next": "Lata"},
        "Lata": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $merge([$states.input, {'lata': $uuid()}]) %}", "End": true}
    }});
    for seed in 0..8 {
        let execution = Executor::new(machine(definition.clone()))
            .seed(seed)
            .run(json!({"items": [1, 2]}))
            .expect("runs");
        let output = execution
            .output
            .unwrap_or_else(|| panic!("seed {seed}: {:?}", execution.cause));
        let mut ids = vec![
            output["ids"]["name"].clone(),
            output["ids"]["first"].clone(),
            output["ids"]["second"].clone(),
            output["each"][0]["id"].clone(),
            output["each"][1]["id"].clone(),
            output["lata"].clone(),
        ];
        assert!(ids.iter().all(Value::is_string), "seed {seed}: {ids:?}");
        let count = ids.len();
        ids.sort_by_key(ToString::to_string);
        ids.dedup();
        assert_eq!(ids.len(), count, "seed {seed}: an identifier repeats");
    }
}

/// `(id, previousEventId, type)` of every event of a history as `GetExecutionHistory`
/// returns it.
fn links(history: &Value) -> Vec<(u64, u64, String)> {
    history["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|event| {
            (
                event["id"].as_u64().expect("id"),
                event["previousEventId"].as_u64().expect("previousEventId"),
                event["type"].as_str().expect("type").to_owned(),
            )
        })
        .collect()
}

/// A Map's iteration events link as AWS links them: an iteration's end to its last event,
/// an iteration's start to the Map's latest event (`MapStateStarted`, or the last event of
/// the iteration that ended before), and the Map's closing events to the last iteration's
/// end. Recorded: `test_base_map[ITEMS]`, whose Map runs one iteration at a time.
#[test]
fn map_iteration_events_link_as_aws_links_them() {
    let recordings: Value = serde_json::from_str(include_str!(
        "../../tests/corpus/localstack/snapshots/v2/evaluate_jsonata/test_base_evaluate_expressions.snapshot.json"
    ))
    .expect("recording");
    let (_, recorded) = recordings
        .as_object()
        .expect("recordings")
        .iter()
        .find(|(key, _)| key.ends_with("::test_base_map[ITEMS]"))
        .expect("test_base_map[ITEMS]");
    let recorded = &recorded["recorded-content"]["get_execution_history"];
    let map = |max_concurrency: u64| {
        json!({"QueryLanguage": "JSONata", "StartAt": "Start", "States": {"Start": {
            "Type": "Map", "Items": [1, 2, 3], "MaxConcurrency": max_concurrency,
            "ItemProcessor": {"StartAt": "Process", "States": {"Process": {"Type": "Pass", "End": true}}},
            "End": true}}})
    };
    let one_at_a_time = run(map(1), Mocks::new(), json!({}));
    assert_eq!(links(&one_at_a_time.history_json()), links(recorded));

    // All at once (recorded: `test_service_lambda_map_timeout`, every iteration's start
    // links to `MapStateStarted`).
    let all_at_once = links(&run(map(0), Mocks::new(), json!({})).history_json());
    let by_id = |id: u64| &all_at_once[usize::try_from(id).expect("small") - 1].2;
    for (_, previous, kind) in &all_at_once {
        match kind.as_str() {
            "MapIterationStarted" => assert_eq!(by_id(*previous), "MapStateStarted"),
            "MapIterationSucceeded" => assert_eq!(by_id(*previous), "PassStateExited"),
            "MapStateSucceeded" | "MapStateExited" => {
                assert_eq!(by_id(*previous), "MapIterationSucceeded");
            }
            _ => {}
        }
    }
}
