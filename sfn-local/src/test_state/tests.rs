//! State tests of each kind of state and outcome.

use serde_json::json;

use super::{InspectionLevel, StateTest, TestErrorDetails, TestStateError, TestStatus};

#[test]
fn a_pass_state_shows_each_step_of_its_data_flow() {
    let pass = StateTest::state(
        r#"{"Type": "Pass", "InputPath": "$.order", "Parameters": {"id.$": "$.id"},
            "ResultPath": "$.picked", "OutputPath": "$.picked", "Next": "After"}"#,
    )
    .expect("a state")
    .input(json!({"order": {"id": 7, "extra": true}}))
    .inspection_level(InspectionLevel::Debug)
    .run()
    .expect("runs");
    assert_eq!(pass.status, TestStatus::Succeeded);
    assert_eq!(pass.next_state.as_deref(), Some("After"));
    assert_eq!(pass.output, Some(json!({"id": 7})));
    let inspection = pass.inspection.expect("debug");
    assert_eq!(
        inspection.after_input_path,
        Some(json!({"id": 7, "extra": true}))
    );
    assert_eq!(inspection.after_parameters, Some(json!({"id": 7})));
    assert_eq!(inspection.after_result_selector, Some(json!({"id": 7})));
    assert_eq!(
        inspection.after_result_path,
        Some(json!({"order": {"id": 7, "extra": true}, "picked": {"id": 7}}))
    );
    assert_eq!(inspection.result, None);
}

#[test]
fn info_level_reports_no_inspection_data() {
    let pass = StateTest::state(r#"{"Type": "Pass", "End": true}"#)
        .expect("a state")
        .run()
        .expect("runs");
    assert_eq!(pass.inspection, None);
    assert_eq!(
        pass.to_json(),
        json!({"status": "SUCCEEDED", "output": "{}"})
    );
}

#[test]
fn a_caught_task_error_names_the_catcher_and_its_target() {
    let caught = StateTest::state(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "f"},
            "Catch": [{"ErrorEquals": ["Other"], "Next": "Elsewhere"},
                      {"ErrorEquals": ["Boom"], "ResultPath": "$.error", "Next": "Recover"}],
            "Next": "Done"}"#,
    )
    .expect("a state")
    .input(json!({"a": 1}))
    .mock_error("Boom", "it broke")
    .inspection_level(InspectionLevel::Debug)
    .run()
    .expect("runs");
    assert_eq!(caught.status, TestStatus::CaughtError);
    assert_eq!(caught.next_state.as_deref(), Some("Recover"));
    assert_eq!(
        (caught.error.as_deref(), caught.cause.as_deref()),
        (Some("Boom"), Some("it broke"))
    );
    assert_eq!(
        caught.output,
        Some(json!({"a": 1, "error": {"Error": "Boom", "Cause": "it broke"}}))
    );
    assert_eq!(
        caught
            .inspection
            .and_then(|inspection| inspection.error_details),
        Some(TestErrorDetails {
            catch_index: Some(1),
            ..TestErrorDetails::default()
        })
    );
}

#[test]
fn a_retrier_with_attempts_left_makes_the_test_retriable_and_none_left_lets_it_fail() {
    let state = r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Arguments": {"FunctionName": "f"}, "QueryLanguage": "JSONata",
        "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "BackoffRate": 2, "MaxAttempts": 5}],
        "End": true}"#;
    let test = |made: u32| {
        StateTest::state(state)
            .expect("a state")
            .mock_error("MockException", "Mock the cause of the error.")
            .retries_made(made)
            .inspection_level(InspectionLevel::Trace)
            .run()
            .expect("runs")
    };
    let retriable = test(4);
    assert_eq!(retriable.status, TestStatus::Retriable);
    assert_eq!(retriable.output, None);
    assert_eq!(retriable.error.as_deref(), Some("MockException"));
    let inspection = retriable.inspection.expect("trace");
    assert_eq!(
        inspection.after_arguments,
        Some(json!({"FunctionName": "f"}))
    );
    assert_eq!(
        inspection.error_details,
        Some(TestErrorDetails {
            retry_index: Some(0),
            retry_backoff_interval_seconds: Some(16),
            catch_index: None,
        })
    );
    let failed = test(5);
    assert_eq!(failed.status, TestStatus::Failed);
    assert_eq!(
        failed
            .inspection
            .and_then(|inspection| inspection.error_details),
        Some(TestErrorDetails {
            retry_index: Some(0),
            ..TestErrorDetails::default()
        })
    );
}

#[test]
fn a_fail_state_fails_with_its_error_and_a_choice_names_its_branch() {
    let fail = StateTest::state(r#"{"Type": "Fail", "Error": "Nope", "Cause": "because"}"#)
        .expect("a state")
        .run()
        .expect("runs");
    assert_eq!(
        fail.to_json(),
        json!({"status": "FAILED", "error": "Nope", "cause": "because"})
    );
    let choice = StateTest::state(
        r#"{"Type": "Choice", "QueryLanguage": "JSONata",
            "Choices": [{"Condition": "{% $states.input.n > $limit %}", "Next": "Big"}],
            "Default": "Small"}"#,
    )
    .expect("a state")
    .input(json!({"n": 5}))
    .variables(serde_json::from_value(json!({"limit": 3})).expect("an object"))
    .inspection_level(InspectionLevel::Debug)
    .run()
    .expect("runs");
    assert_eq!(choice.next_state.as_deref(), Some("Big"));
    assert_eq!(
        choice
            .inspection
            .and_then(|inspection| inspection.variables)
            .map(serde_json::Value::Object),
        Some(json!({"limit": 3}))
    );
}

#[test]
fn a_state_of_a_machine_is_named_as_aws_names_it_and_assigns_variables() {
    let machine = r#"{"QueryLanguage": "JSONata", "StartAt": "First", "States": {
        "First": {"Type": "Pass", "Next": "Second"},
        "Second": {"Type": "Pass", "Assign": {"seen": "{% $states.context.State.Name %}"},
                   "Output": "{% $states.input.x + 1 %}", "End": true}}}"#;
    let second = StateTest::in_machine(machine, "Second")
        .expect("a state of the machine")
        .input(json!({"x": 1}))
        .inspection_level(InspectionLevel::Debug)
        .run()
        .expect("runs");
    assert_eq!(second.output, Some(json!(2)));
    assert_eq!(second.next_state, None);
    assert_eq!(
        second
            .inspection
            .and_then(|inspection| inspection.variables)
            .map(serde_json::Value::Object),
        // AWS's TestState context names the tested state `StateName`, whatever its name.
        Some(json!({"seen": "StateName"}))
    );
}

#[test]
fn states_that_cannot_be_tested_alone_say_why() {
    let invalid = StateTest::state(r#"{"Type": "Parallel", "Branches": [], "End": true}"#)
        .expect("a state")
        .mock_result(json!([]))
        .run();
    assert!(
        matches!(&invalid, Err(TestStateError::InvalidDefinition(errors)) if errors[0].starts_with("/Branches: ")),
        "{invalid:?}"
    );
    let task = r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}"#;
    let no_mock = StateTest::state(task).expect("a state").run();
    assert!(matches!(no_mock, Err(TestStateError::NeedsMock("Task"))));
    let mocked_pass = StateTest::state(r#"{"Type": "Pass", "End": true}"#)
        .expect("a state")
        .mock_result(json!(1))
        .run();
    assert!(matches!(
        mocked_pass,
        Err(TestStateError::MockNotSupported("Pass"))
    ));
    let parallel = StateTest::state(
        r#"{"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}], "End": true}"#,
    )
    .expect("a state");
    assert!(matches!(
        parallel.clone().run(),
        Err(TestStateError::NeedsMock("Parallel"))
    ));
    assert!(matches!(
        parallel.mock_result(json!({"not": "a list"})).run(),
        Err(TestStateError::InvalidMock(message)) if message == "Mocked result must be an array."
    ));
    let unknown = StateTest::in_machine(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
        "B",
    );
    assert!(matches!(unknown, Err(TestStateError::UnknownState(name)) if name == "B"));
    assert!(matches!(
        StateTest::state("{not json"),
        Err(TestStateError::Parse(_))
    ));
    // Text that would close the state and add another to the machine is refused.
    for text in [
        r#"{"Type": "Pass", "End": true}, "Other": {"Type": "Fail"}"#,
        "[1]",
    ] {
        assert!(
            matches!(
                StateTest::state(text),
                Err(TestStateError::NotAState | TestStateError::Parse(_))
            ),
            "{text}"
        );
    }
}

#[test]
fn problems_of_a_state_given_alone_are_located_in_its_own_text() {
    let text = "{\"Type\": \"Pass\", \"Nxt\": \"B\",\n \"Resul\": 1}";
    let Err(TestStateError::Parse(error)) = StateTest::state(text) else {
        panic!("two unknown fields");
    };
    let found: Vec<_> = error
        .issues()
        .iter()
        .map(|issue| {
            let span = &text[issue.span.start..issue.span.end];
            (issue.pointer.as_str(), issue.line, issue.column, span)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("", 1, 1, text),
            ("/Nxt", 1, 18, "\"Nxt\""),
            ("/Resul", 2, 2, "\"Resul\"")
        ]
    );
    let message = error.to_string();
    assert!(
        message.contains("at the document root (line 1, column 1): "),
        "{message}"
    );
    assert!(message.contains("at /Nxt (line 1, column 18)"), "{message}");
}

#[test]
fn a_given_context_object_is_seen_whole_and_checked() {
    let task = r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "f"}, "ResultSelector": {"context.$": "$$"}, "End": true}"#;
    let context = json!({"Execution": {}, "State": {"Name": "Mine"}, "StateMachine": {}});
    let seen = StateTest::state(task)
        .expect("a state")
        .mock_result(json!({}))
        .context(context.clone())
        .run()
        .expect("runs");
    assert_eq!(seen.output, Some(json!({"context": context})));
    for (context, message) in [
        (json!({"Pokedex": {}}), "Field 'Pokedex' is not allowed"),
        (
            json!({"Map": {}}),
            "'Map' field is not supported when mocking a Context object",
        ),
        (
            json!({"Task": {"Token": "t"}}),
            "Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern",
        ),
    ] {
        let refused = StateTest::state(task)
            .expect("a state")
            .mock_result(json!({}))
            .context(context)
            .run();
        assert!(
            matches!(&refused, Err(TestStateError::InvalidContext(why)) if why == message),
            "{refused:?}"
        );
    }
}

#[test]
fn parallel_and_map_states_take_their_branches_results_from_the_mock() {
    let parallel = StateTest::state(
        r#"{"Type": "Parallel", "InputPath": "$.in", "ResultSelector": {"first.$": "$[0]"},
            "ResultPath": "$.out", "Next": "After",
            "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Fail", "Error": "Never"}}}]}"#,
    )
    .expect("a state")
    .input(json!({"in": 1}))
    .mock_result(json!([{"a": 1}, {"b": 2}]))
    .inspection_level(InspectionLevel::Debug)
    .run()
    .expect("runs");
    assert_eq!(parallel.status, TestStatus::Succeeded);
    assert_eq!(
        parallel.output,
        Some(json!({"in": 1, "out": {"first": {"a": 1}}}))
    );
    assert_eq!(parallel.next_state.as_deref(), Some("After"));
    let map = StateTest::state(
        r#"{"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.xs %}",
            "MaxConcurrency": 4, "ToleratedFailurePercentage": 10,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                              "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
            "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}],
            "Output": "{% $count($states.result) %}", "End": true}"#,
    )
    .expect("a state")
    .input(json!({"xs": [1, 2, 3]}))
    .inspection_level(InspectionLevel::Debug);
    let done = map
        .clone()
        .mock_result(json!([1, 2, 3]))
        .run()
        .expect("runs");
    assert_eq!(done.output, Some(json!(3)));
    let inspection = done.inspection.expect("debug");
    assert_eq!(
        (
            inspection.max_concurrency,
            inspection.tolerated_failure_count,
            inspection.tolerated_failure_percentage
        ),
        (Some(4), None, Some(10.0))
    );
    let failing = map
        .mock_error("States.ExceedToleratedFailureThreshold", "too many")
        .run()
        .expect("runs");
    assert_eq!(failing.status, TestStatus::Retriable);
}

#[test]
fn reveal_secrets_changes_nothing_without_a_mock_and_is_refused_with_one() {
    let pass = StateTest::state(r#"{"Type": "Pass", "Result": 1, "End": true}"#)
        .expect("a state")
        .reveal_secrets(true)
        .run()
        .expect("runs");
    assert_eq!(pass.output, Some(json!(1)));
    let task = StateTest::state(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "f"}, "End": true}"#,
    )
    .expect("a state")
    .reveal_secrets(true);
    // Refused before the mock is looked at: an error mock is refused alike.
    let refused = task.clone().mock_error("Boom", "").run();
    assert!(
        matches!(&refused, Err(TestStateError::InvalidConfiguration(message))
            if message == "TestState does not support RevealSecrets when a mock is specified."),
        "{refused:?}"
    );
    assert!(
        task.reveal_secrets(false)
            .mock_error("Boom", "")
            .run()
            .is_ok()
    );
}

/// A state anywhere in a nested list, not only its first, is tested: the states before it
/// stay reachable in the list the test checks.
#[test]
fn any_state_of_a_branch_or_item_processor_is_tested() {
    let definition = r#"{"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Branches": [{"StartAt": "First", "States": {
            "First": {"Type": "Pass", "Next": "Second"},
            "Second": {"Type": "Pass", "Result": {"ok": true}, "Next": "Each"},
            "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "In", "States": {
                "In": {"Type": "Pass", "Next": "Out"},
                "Out": {"Type": "Pass", "Result": "out", "End": true}
            }}, "End": true}
        }}], "End": true}
    }}"#;
    for (state, output, next) in [
        ("Second", json!({"ok": true}), Some("Each")),
        ("Out", json!("out"), None),
        ("First", json!({"a": 1}), Some("Second")),
    ] {
        let test = StateTest::in_machine(definition, state)
            .unwrap_or_else(|error| panic!("{state}: {error}"))
            .input(json!({"a": 1}))
            .run()
            .unwrap_or_else(|error| panic!("{state}: {error}"));
        assert_eq!(test.status, TestStatus::Succeeded, "{state}");
        assert_eq!(test.output, Some(output), "{state}");
        assert_eq!(test.next_state.as_deref(), next, "{state}");
    }
}

/// AWS's response holds the output and the data of `inspectionData` as JSON text (a script
/// reads them with `jq -r .output | jq`); the counts and `errorDetails` stay numbers, and
/// the typed fields hold the values.
#[test]
fn the_response_holds_the_output_and_inspection_data_as_json_text() {
    let charge = StateTest::state(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "InputPath": "$.order", "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
            "ResultSelector": {"id.$": "$.Payload.id"}, "ResultPath": "$.receipt",
            "Assign": {"charged": true}, "Next": "Ship"}"#,
    )
    .expect("a state")
    .input(json!({"order": {"total": 42}}))
    .mock_result(json!({"Payload": {"id": "ch_1"}}))
    .inspection_level(InspectionLevel::Debug)
    .run()
    .expect("runs");
    assert_eq!(
        charge.output,
        Some(json!({"order": {"total": 42}, "receipt": {"id": "ch_1"}}))
    );
    assert_eq!(
        charge.to_json(),
        json!({
            "status": "SUCCEEDED",
            "output": r#"{"order":{"total":42},"receipt":{"id":"ch_1"}}"#,
            "nextState": "Ship",
            "inspectionData": {
                "input": r#"{"order":{"total":42}}"#,
                "afterInputPath": r#"{"total":42}"#,
                "afterParameters": r#"{"FunctionName":"charge","Payload":{"total":42}}"#,
                "result": r#"{"Payload":{"id":"ch_1"}}"#,
                "afterResultSelector": r#"{"id":"ch_1"}"#,
                "afterResultPath": r#"{"order":{"total":42},"receipt":{"id":"ch_1"}}"#,
                "variables": r#"{"charged":true}"#
            }
        })
    );
    let map = StateTest::state(
        r#"{"Type": "Map", "ItemsPath": "$.xs", "MaxConcurrency": 2,
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
            "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 3}], "End": true}"#,
    )
    .expect("a state")
    .input(json!({"xs": ["a", "b"]}))
    .mock_error("Oops", "it broke")
    .inspection_level(InspectionLevel::Debug)
    .run()
    .expect("runs");
    assert_eq!(
        map.to_json(),
        json!({
            "status": "RETRIABLE",
            "error": "Oops",
            "cause": "it broke",
            "inspectionData": {
                "input": r#"{"xs":["a","b"]}"#,
                "afterInputPath": r#"{"xs":["a","b"]}"#,
                "afterItemsPath": r#"["a","b"]"#,
                "maxConcurrency": 2,
                "errorDetails": {"retryIndex": 0, "retryBackoffIntervalSeconds": 3}
            }
        })
    );
}
