//! The mock configuration file of AWS Step Functions Local, form by form as AWS documents
//! it (`StateMachines` → `TestCases` → state → mocked response; `MockedResponses` keyed
//! by invocation `"0"` or inclusive range `"0-2"`, each with exactly one of `Return` or
//! `Throw` `{Error, Cause}`), and the corpus's files.

use std::path::Path;

use serde_json::{Value, json};
use sfn_dsl::StateMachine;
use sfn_local::{
    EventType, ExecutionStatus, Executor, MockConfig, MockConfigError, Mocks, Unmocked,
};

fn run(definition: &Value, mocks: Mocks, input: Value) -> sfn_local::Execution {
    let machine = StateMachine::from_value(definition).expect("valid definition");
    Executor::new(machine)
        .mocks(mocks)
        .run(input)
        .expect("runs")
}

const INVOKE: &str = "arn:aws:states:::lambda:invoke";

/// The documented example: `"0-2"` throws for the first three invocations and `"3"`
/// returns on the fourth; three retries reach it.
#[test]
fn a_range_answers_each_invocation_it_covers() {
    let config = MockConfig::from_value(&json!({
        "StateMachines": {"M": {"TestCases": {"Flaky": {"Call": "SomeMockedResponse"}}}},
        "MockedResponses": {"SomeMockedResponse": {
            "0-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
            "3": {"Return": {"StatusCode": 200, "Payload": "ok"}}
        }}
    }))
    .unwrap();
    let definition = json!({"StartAt": "Call", "States": {"Call": {
        "Type": "Task", "Resource": INVOKE, "OutputPath": "$.Payload", "End": true,
        "Retry": [{"ErrorEquals": ["Lambda.TimeoutException"], "IntervalSeconds": 1,
                   "MaxAttempts": 3, "BackoffRate": 1}]}}});
    let execution = run(&definition, config.mocks("M", "Flaky").unwrap(), json!({}));
    assert_eq!(execution.output, Some(json!("ok")));
    assert_eq!(execution.duration_ms(), 3_000);

    // With two retries only, the third throw is final and carries Error and Cause.
    let definition = json!({"StartAt": "Call", "States": {"Call": {
        "Type": "Task", "Resource": INVOKE, "End": true,
        "Retry": [{"ErrorEquals": ["Lambda.TimeoutException"], "IntervalSeconds": 1,
                   "MaxAttempts": 2, "BackoffRate": 1}]}}});
    let execution = run(&definition, config.mocks("M", "Flaky").unwrap(), json!({}));
    assert_eq!(execution.error.as_deref(), Some("Lambda.TimeoutException"));
    assert_eq!(execution.cause.as_deref(), Some("Lambda timed out."));
}

/// "When you mock a Task, you must specify a mocked response for every invocation … If
/// you do not specify a mocked response, the state machine execution will fail."
#[test]
fn an_invocation_without_a_response_fails_the_execution() {
    let config = MockConfig::from_value(&json!({
        "StateMachines": {"M": {"TestCases": {"Once": {"Call": "OnlyFirst"}}}},
        "MockedResponses": {"OnlyFirst": {"0": {"Return": 1}}}
    }))
    .unwrap();
    let definition = json!({"StartAt": "Items", "States": {"Items": {
        "Type": "Map", "End": true, "MaxConcurrency": 1,
        "ItemProcessor": {"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": INVOKE, "End": true,
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
            "Caught": {"Type": "Pass", "End": true}}}}}});
    let execution = run(
        &definition,
        config.mocks("M", "Once").unwrap(),
        json!([1, 2]),
    );
    assert_eq!(execution.status, ExecutionStatus::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        execution.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'Call' (entered at the event id #12). The mocked response 'OnlyFirst' has no answer for invocation 1 of this state; it answers invocations 0"
        )
    );
    // The second invocation never reached the service: no task was scheduled for it, and
    // `States.Runtime` is not caught by the `States.ALL` catcher.
    assert_eq!(
        execution.event_types(),
        [
            EventType::ExecutionStarted,
            EventType::MapStateEntered,
            EventType::MapStateStarted,
            EventType::MapIterationStarted,
            EventType::TaskStateEntered,
            EventType::TaskScheduled,
            EventType::TaskStarted,
            EventType::TaskSucceeded,
            EventType::TaskStateExited,
            EventType::MapIterationSucceeded,
            EventType::MapIterationStarted,
            EventType::TaskStateEntered,
            EventType::MapIterationFailed,
            EventType::TaskStateAborted,
            EventType::ExecutionFailed
        ]
    );
}

/// Invocations are counted per state across a Map's iterations (AWS's note on Map
/// states: set `MaxConcurrency` to 1 for a predictable order).
#[test]
fn invocations_count_across_map_iterations() {
    let config = MockConfig::from_value(&json!({
        "StateMachines": {"M": {"TestCases": {"Each": {"Call": "PerItem"}}}},
        "MockedResponses": {"PerItem": {
            "0": {"Return": "first"}, "1-2": {"Return": "later"}}}
    }))
    .unwrap();
    let definition = json!({"StartAt": "Items", "States": {"Items": {
        "Type": "Map", "End": true, "MaxConcurrency": 1,
        "ItemProcessor": {"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": INVOKE, "End": true}}}}}});
    let execution = run(
        &definition,
        config.mocks("M", "Each").unwrap(),
        json!([1, 2, 3]),
    );
    assert_eq!(execution.output, Some(json!(["first", "later", "later"])));
}

/// A `.waitForTaskToken` task's mocked response is its callback: `Return` as
/// `SendTaskSuccess` (here a string literal), `Throw` as `SendTaskFailure`.
#[test]
fn callback_tasks_take_the_mocked_response_as_their_callback() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corpus/localstack/mock-configs/mocked_responses/callback");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(corpus.join(name)).unwrap()).unwrap()
    };
    let config = MockConfig::from_value(&json!({
        "StateMachines": {"M": {"TestCases": {
            "Approved": {"Wait": "Success"}, "Rejected": {"Wait": "Failure"}}}},
        "MockedResponses": {
            "Success": read("task_success_string_literal.json"),
            "Failure": read("task_failure.json")}
    }))
    .unwrap();
    let definition = json!({"StartAt": "Wait", "States": {"Wait": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
        "End": true}}});
    let approved = run(
        &definition,
        config.mocks("M", "Approved").unwrap(),
        json!({}),
    );
    assert_eq!(approved.output, Some(json!("string-literal")));
    let rejected = run(
        &definition,
        config.mocks("M", "Rejected").unwrap(),
        json!({}),
    );
    assert_eq!(
        (rejected.error.as_deref(), rejected.cause.as_deref()),
        (Some("Failure error"), Some("Failure cause"))
    );
}

/// Every mock file of the corpus reads: the complete configuration, and each mocked
/// response file as the value of a `MockedResponses` entry.
#[test]
fn every_corpus_mock_file_reads() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/localstack/mock-configs");
    let mut files = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    assert_eq!(files.len(), 14);
    for path in files {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let config = if value.get("MockedResponses").is_some() {
            MockConfig::from_value(&value)
        } else {
            MockConfig::from_value(&json!({"MockedResponses": {"R": value}}))
        };
        assert!(config.is_ok(), "{}: {:?}", path.display(), config.err());
    }
}

fn error(config: &Value) -> String {
    MockConfig::from_value(config).unwrap_err().to_string()
}

fn response(body: &Value) -> String {
    error(&json!({"MockedResponses": {"R": body}}))
}

#[test]
fn a_response_is_exactly_one_of_return_or_throw() {
    assert_eq!(
        response(&json!({"0": {"Return": 1, "Throw": {"Error": "E", "Cause": "c"}}})),
        "mock configuration: /MockedResponses/R/0: has both `Return` and `Throw`: a response is one or the other"
    );
    assert_eq!(
        response(&json!({"0": {}})),
        "mock configuration: /MockedResponses/R/0: expected `Return` (a result) or `Throw` (an error)"
    );
    assert_eq!(
        response(&json!({"0": {"Retrun": 1}})),
        "mock configuration: /MockedResponses/R/0/Retrun: unknown field `Retrun` (expected Return or Throw)"
    );
    assert_eq!(
        response(&json!({"0": {"return": 1}})),
        "mock configuration: /MockedResponses/R/0/return: unknown field `return` (expected Return or Throw); did you mean `Return`?"
    );
    assert_eq!(
        response(&json!({"0": [{"Return": 1}]})),
        "mock configuration: /MockedResponses/R/0: expected an object, found an array"
    );
    // `Return` is the task's result and may be any JSON value.
    for result in [json!(null), json!("text"), json!([1, 2]), json!({"a": 1})] {
        let config =
            MockConfig::from_value(&json!({"MockedResponses": {"R": {"0": {"Return": result}}}}));
        assert!(config.is_ok(), "{result}");
    }
}

/// "The value of `Throw` must be an object containing an `Error` and `Cause` fields with
/// string values."
#[test]
fn a_throw_needs_error_and_cause_strings() {
    assert_eq!(
        response(&json!({"0": {"Throw": {"Error": "Only.Error"}}})),
        "mock configuration: /MockedResponses/R/0/Throw: missing `Cause`: `Throw` needs `Error` and `Cause` strings"
    );
    assert_eq!(
        response(&json!({"0": {"Throw": {"Cause": "c"}}})),
        "mock configuration: /MockedResponses/R/0/Throw: missing `Error`: `Throw` needs `Error` and `Cause` strings"
    );
    assert_eq!(
        response(&json!({"0": {"Throw": {"Error": 500, "Cause": "c"}}})),
        "mock configuration: /MockedResponses/R/0/Throw/Error: expected a string, found a number"
    );
    assert_eq!(
        response(&json!({"0": {"Throw": {"Error": "E", "Cause": null}}})),
        "mock configuration: /MockedResponses/R/0/Throw/Cause: expected a string, found null"
    );
    assert_eq!(
        response(&json!({"0": {"Throw": {"Error": "E", "Reason": "r"}}})),
        "mock configuration: /MockedResponses/R/0/Throw/Reason: unknown field `Reason` (expected Error or Cause)"
    );
    assert_eq!(
        response(&json!({"0": {"Throw": "E"}})),
        "mock configuration: /MockedResponses/R/0/Throw: expected an object, found a string"
    );
}

#[test]
fn invocation_keys_are_numbers_or_inclusive_ranges_that_do_not_overlap() {
    assert_eq!(
        response(&json!({"0-2": {"Return": 1}, "2": {"Return": 2}})),
        "mock configuration: /MockedResponses/R/2: `2` overlaps `0-2`: each invocation has one response"
    );
    assert_eq!(
        response(&json!({"1-3": {"Return": 1}, "0-1": {"Return": 2}})),
        "mock configuration: /MockedResponses/R/0-1: `0-1` overlaps `1-3`: each invocation has one response"
    );
    for key in ["2-1", "first", "-1", "1.5", " 1", "0-"] {
        assert_eq!(
            response(&json!({key: {"Return": 1}})),
            format!(
                "mock configuration: /MockedResponses/R/{key}: `{key}` is not an invocation number or inclusive range such as `0` or `1-2`"
            )
        );
    }
    assert_eq!(
        response(&json!({})),
        "mock configuration: /MockedResponses/R: expected at least one invocation key such as `0` or `0-2`"
    );
    assert_eq!(
        error(&json!({"MockedResponses": {"R": "0"}})),
        "mock configuration: /MockedResponses/R: expected an object, found a string"
    );
}

#[test]
fn state_machines_hold_test_cases_that_map_states_to_response_names() {
    assert_eq!(
        error(&json!({"MockedResponse": {}})),
        "mock configuration: /MockedResponse: unknown field `MockedResponse` (expected StateMachines or MockedResponses); did you mean `MockedResponses`?"
    );
    assert_eq!(
        error(&json!({"StateMachines": {"M": {"TestCase": {}}}})),
        "mock configuration: /StateMachines/M/TestCase: unknown field `TestCase` (expected TestCases); did you mean `TestCases`?"
    );
    assert_eq!(
        error(&json!({"StateMachines": {"M": {}}})),
        "mock configuration: /StateMachines/M: missing `TestCases`: a state machine lists its test cases there"
    );
    assert_eq!(
        error(&json!({"StateMachines": {"M": {"TestCases": {"T": {"S": 1}}}}})),
        "mock configuration: /StateMachines/M/TestCases/T/S: expected the name of a mocked response (a string), found a number"
    );
    assert_eq!(
        error(&json!({"StateMachines": {"M/1": {"TestCases": {"T": []}}}})),
        "mock configuration: /StateMachines/M~11/TestCases/T: expected an object, found an array"
    );
    assert_eq!(
        error(&json!([])),
        "mock configuration: : expected an object, found an array"
    );
    // A test case naming a response that is not defined is reported when it is used,
    // naming the test case, the state and the response.
    let config = MockConfig::from_value(&json!({
        "StateMachines": {"M": {"TestCases": {"T": {"Charge": "Missing"}}}},
        "MockedResponses": {}
    }))
    .unwrap();
    let missing = config.mocks("M", "T").unwrap_err();
    assert_eq!(
        missing,
        MockConfigError::UnknownResponse {
            test_case: "T".into(),
            state: "Charge".into(),
            response: "Missing".into()
        }
    );
    assert_eq!(
        missing.to_string(),
        "test case `T` maps state `Charge` to unknown mocked response `Missing`"
    );
}

/// JSON parsers keep one of two equal keys; a mock file that repeats a test case, a state
/// or an invocation key is reported instead (test case names "must be unique per state
/// machine").
#[test]
fn repeated_keys_are_reported_with_their_place() {
    let text = r#"{
  "MockedResponses": {
    "R": {
      "0": {"Return": 1},
      "0": {"Return": 2}
    }
  }
}"#;
    assert_eq!(
        MockConfig::from_json(text).unwrap_err().to_string(),
        "mock configuration: /MockedResponses/R/0: duplicate key `0`: JSON parsers keep only one of the values (line 5, column 7)"
    );
    let text = r#"{"StateMachines": {"M": {"TestCases": {"T": {}, "T": {}}}}}"#;
    assert!(matches!(
        MockConfig::from_json(text),
        Err(MockConfigError::Invalid { pointer, .. }) if pointer == "/StateMachines/M/TestCases/T"
    ));
    assert_eq!(
        MockConfig::from_json("{\"MockedResponses\": ")
            .unwrap_err()
            .to_string(),
        "mock configuration is not valid JSON: line 1, column 21: unexpected end of input, expected a JSON value"
    );
}

/// Gaps between keys are allowed, as in Step Functions Local: only an invocation that
/// actually falls in one fails the execution.
#[test]
fn an_invocation_in_a_gap_fails_only_when_it_happens() {
    let config = MockConfig::from_value(&json!({
        "StateMachines": {"M": {"TestCases": {"T": {"Call": "Gappy"}}}},
        "MockedResponses": {"Gappy": {
            "0": {"Throw": {"Error": "Busy", "Cause": "try again"}},
            "2": {"Return": "late"}}}
    }))
    .unwrap();
    let retrying = |max_attempts: u64| {
        json!({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": INVOKE, "End": true,
            "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 1,
                       "MaxAttempts": max_attempts}]}}})
    };
    // No retry: the one invocation is answered and its error is final.
    let execution = run(&retrying(0), config.mocks("M", "T").unwrap(), json!({}));
    assert_eq!(
        (execution.error.as_deref(), execution.cause.as_deref()),
        (Some("Busy"), Some("try again"))
    );
    // A retry reaches invocation 1, which the file leaves out.
    let execution = run(&retrying(2), config.mocks("M", "T").unwrap(), json!({}));
    assert_eq!(execution.status, ExecutionStatus::Failed);
    assert_eq!(execution.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        execution.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'Call' (entered at the event id #2). The mocked response 'Gappy' has no answer for invocation 1 of this state; it answers invocations 0, 2"
        )
    );
}

/// The example file of the AWS documentation (vendored from the corpus) with its state
/// machine, every test case: the happy path, the retry path through `"0"`, `"1-2"` and
/// `"3"`, and the hybrid path whose SQS state has no mocked response.
#[test]
fn the_documented_example_runs_every_test_case() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/localstack");
    let config = MockConfig::from_json(
        &std::fs::read_to_string(
            root.join("mock-configs/mock_config_files/lambda_sqs_integration.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let definition: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("templates/local_mocked/lambda_sqs_integration.json"))
            .unwrap(),
    )
    .unwrap();
    let sent = json!({
        "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51",
        "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"});

    let happy = run(
        &definition,
        config.mocks("LambdaSQSIntegration", "HappyPath").unwrap(),
        json!({}),
    );
    assert_eq!(happy.output, Some(sent.clone()));
    assert_eq!(happy.duration_ms(), 0);

    // Four invocations: two errors, then a third, then success after 1 + 2 + 4 seconds of
    // the default backoff.
    let retry = run(
        &definition,
        config.mocks("LambdaSQSIntegration", "RetryPath").unwrap(),
        json!({}),
    );
    assert_eq!(retry.output, Some(sent.clone()));
    assert_eq!(retry.duration_ms(), 7_000);
    let failed = retry
        .history
        .iter()
        .filter(|event| event.event_type == EventType::TaskFailed)
        .map(|event| event.details.error.clone().unwrap_or_default())
        .collect::<Vec<_>>();
    assert_eq!(
        failed,
        [
            "Lambda.ResourceNotReadyException",
            "Lambda.TimeoutException",
            "Lambda.TimeoutException"
        ]
    );

    // Step Functions Local would call the real SQS here; locally the unmocked policy
    // decides.
    let hybrid = run(
        &definition,
        config.mocks("LambdaSQSIntegration", "HybridPath").unwrap(),
        json!({}),
    );
    assert_eq!(hybrid.error.as_deref(), Some("States.Runtime"));
    assert_eq!(hybrid.states, ["LambdaState", "SQSState"]);
    let echoed = run(
        &definition,
        config
            .mocks("LambdaSQSIntegration", "HybridPath")
            .unwrap()
            .unmocked(Unmocked::Echo),
        json!({}),
    );
    assert_eq!(echoed.status, ExecutionStatus::Succeeded);
}

/// `MockConfig::response` gives one named response as a mock, with the same rule for
/// invocations past its last key.
#[test]
fn a_named_response_is_usable_on_its_own() {
    let config = MockConfig::from_value(&json!({
        "MockedResponses": {"Twice": {"0-1": {"Return": "ok"}}}
    }))
    .unwrap();
    assert!(config.response("Other").is_none());
    let definition = json!({"StartAt": "Items", "States": {"Items": {
        "Type": "Map", "End": true, "MaxConcurrency": 1,
        "ItemProcessor": {"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": INVOKE, "End": true}}}}}});
    let twice = run(
        &definition,
        Mocks::new().state("Call", config.response("Twice").unwrap()),
        json!([1, 2]),
    );
    assert_eq!(twice.output, Some(json!(["ok", "ok"])));
    let thrice = run(
        &definition,
        Mocks::new().state("Call", config.response("Twice").unwrap()),
        json!([1, 2, 3]),
    );
    assert_eq!(thrice.error.as_deref(), Some("States.Runtime"));
    assert!(
        thrice
            .cause
            .as_deref()
            .unwrap()
            .ends_with("The mocked response 'Twice' has no answer for invocation 2 of this state; it answers invocations 0-1")
    );
}
