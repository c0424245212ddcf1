//! The validator's JSONata kind rules: a field's expression that can only yield the wrong
//! kind of value, and operators that refuse their operands whatever the input. Each case
//! the validator reports is also run on the local executor, which must fail it.

use serde_json::json;
use sfn_dsl::StateMachine;
use sfn_dsl::validate::{Code, validate_str};
use sfn_local::{Executor, Mock, Mocks};

/// A JSONata machine whose first state is `A` (given as a JSON object body), followed by
/// a Succeed state `Done`.
fn machine(state: &str) -> String {
    format!(
        r#"{{"QueryLanguage": "JSONata", "StartAt": "A", "States": {{"A": {state}, "Done": {{"Type": "Succeed"}}}}}}"#
    )
}

const PROCESSOR: &str =
    r#""ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#;

/// The kind diagnostics the validator reports for `text`, with their pointers (a Fail
/// state leaves `Done` unreachable, which is beside the point here).
fn found(text: &str) -> Vec<(Code, String)> {
    validate_str(text)
        .diagnostics()
        .iter()
        .filter(|diagnostic| {
            matches!(
                diagnostic.code,
                Code::JsonataResultType | Code::JsonataTypeError | Code::JsonataInvalidValue
            )
        })
        .map(|diagnostic| (diagnostic.code, diagnostic.pointer.clone()))
        .collect()
}

/// The error name an execution of `text` ends with (Lambda calls answer `{}`).
fn run_error(text: &str) -> Option<String> {
    let machine = StateMachine::from_json(text).expect("parses");
    let mocks = Mocks::new().state("A", Mock::returns(json!({})));
    let execution = Executor::new(machine)
        .mocks(mocks)
        .run(json!({"n": 4, "items": [1, 2], "name": "x"}))
        .expect("runs");
    execution.error
}

#[test]
fn a_field_that_can_only_get_the_wrong_kind_is_reported_and_fails_when_run() {
    let cases = [
        (
            r#"{"Type": "Choice", "Choices": [{"Condition": "{% $count($states.input.items) %}", "Next": "Done"}], "Default": "Done"}"#,
            "/States/A/Choices/0/Condition",
        ),
        (
            r#"{"Type": "Wait", "Seconds": "{% '10' %}", "Next": "Done"}"#,
            "/States/A/Seconds",
        ),
        (
            r#"{"Type": "Wait", "Timestamp": "{% $millis() %}", "Next": "Done"}"#,
            "/States/A/Timestamp",
        ),
        (
            r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"}, "TimeoutSeconds": "{% $string($states.input.n) %}", "Next": "Done"}"#,
            "/States/A/TimeoutSeconds",
        ),
        (
            r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"}, "HeartbeatSeconds": "{% $states.input.n > 1 %}", "Next": "Done"}"#,
            "/States/A/HeartbeatSeconds",
        ),
        (
            &format!(r#"{{"Type": "Map", "Items": "{{% 'a,b' %}}", {PROCESSOR}, "Next": "Done"}}"#),
            "/States/A/Items",
        ),
        (
            &format!(
                r#"{{"Type": "Map", "Items": "{{% $states.input.items %}}", "MaxConcurrency": "{{% 'two' %}}", {PROCESSOR}, "Next": "Done"}}"#
            ),
            "/States/A/MaxConcurrency",
        ),
        (
            r#"{"Type": "Fail", "Error": "{% $count($states.input.items) %}"}"#,
            "/States/A/Error",
        ),
        (
            r#"{"Type": "Fail", "Error": "Failed", "Cause": "{% $exists($states.input.n) %}"}"#,
            "/States/A/Cause",
        ),
    ];
    for (state, pointer) in cases {
        let text = machine(state);
        assert_eq!(
            found(&text),
            [(Code::JsonataResultType, pointer.to_owned())],
            "{state}"
        );
        assert_eq!(
            run_error(&text).as_deref(),
            Some("States.QueryEvaluationError"),
            "{state}"
        );
    }
}

#[test]
fn fields_of_a_distributed_map_are_checked_too() {
    let text = machine(
        r#"{"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON", "MaxItems": "{% 'ten' %}"},
                            "Arguments": {"Bucket": "b", "Key": "k"}},
            "ItemBatcher": {"MaxItemsPerBatch": "{% true %}"},
            "ToleratedFailurePercentage": "{% {'p': 5} %}",
            "ToleratedFailureCount": "{% null %}",
            "Next": "Done"}"#,
    );
    let mut pointers: Vec<String> = found(&text)
        .into_iter()
        .map(|(code, pointer)| {
            assert_eq!(code, Code::JsonataResultType);
            pointer
        })
        .collect();
    pointers.sort();
    assert_eq!(
        pointers,
        [
            "/States/A/ItemBatcher/MaxItemsPerBatch",
            "/States/A/ItemReader/ReaderConfig/MaxItems",
            "/States/A/ToleratedFailureCount",
            "/States/A/ToleratedFailurePercentage",
        ]
    );
}

#[test]
fn expressions_that_may_yield_the_right_kind_are_not_reported() {
    for state in [
        // Data decides.
        r#"{"Type": "Wait", "Seconds": "{% $states.input.n %}", "Next": "Done"}"#,
        r#"{"Type": "Wait", "Seconds": "{% $states.input.n ? 5 : 'soon' %}", "Next": "Done"}"#,
        // A comparison is undefined when a side is, but otherwise a boolean.
        r#"{"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > 3 %}", "Next": "Done"}], "Default": "Done"}"#,
        r#"{"Type": "Wait", "Timestamp": "{% $fromMillis($millis()) %}", "Next": "Done"}"#,
        r#"{"Type": "Fail", "Error": "{% 'E' & $states.input.n %}", "Cause": "{% $string($states.input) %}"}"#,
        // A function the expression defines may return anything.
        r#"{"Type": "Wait", "Seconds": "{% ($string := function() { 1 }; $string()) %}", "Next": "Done"}"#,
        // Fields of any kind.
        r#"{"Type": "Pass", "Output": "{% 'text' %}", "Next": "Done"}"#,
    ] {
        assert_eq!(found(&machine(state)), [], "{state}");
    }
}

#[test]
fn an_operator_that_refuses_its_operand_is_reported_where_it_is_and_fails_when_run() {
    let text = machine(
        r#"{"Type": "Pass", "Output": {"total": "{% $states.input.n + ($count($states.input.items) > '1' ? 1 : 0) %}"}, "Next": "Done"}"#,
    );
    let report = validate_str(&text);
    let [diagnostic] = report.diagnostics() else {
        panic!("one diagnostic expected: {report}")
    };
    assert_eq!(diagnostic.code, Code::JsonataTypeError);
    assert_eq!(diagnostic.pointer, "/States/A/Output/total");
    assert_eq!(
        diagnostic.message,
        "`Output.total` of state `A` always fails where this operator is evaluated: `>` compares a number with a string; both sides must be of the same type (JSONata T2009)"
    );
    assert_eq!(super::text_at(&text, diagnostic, 5), "> '1'");
    assert_eq!(
        run_error(&text).as_deref(),
        Some("States.QueryEvaluationError")
    );
}

#[test]
fn a_call_its_signature_refuses_is_reported_at_the_function_and_fails_when_run() {
    let text = machine(
        r#"{"Type": "Pass", "Output": {"initial": "{% $substring($states.input.name, '0', 1) %}"}, "Next": "Done"}"#,
    );
    let report = validate_str(&text);
    let [diagnostic] = report.diagnostics() else {
        panic!("one diagnostic expected: {report}")
    };
    assert_eq!(diagnostic.code, Code::JsonataTypeError);
    assert_eq!(diagnostic.pointer, "/States/A/Output/initial");
    assert_eq!(
        diagnostic.message,
        "`Output.initial` of state `A` always fails where `$substring` is called: argument 2 of `$substring` is a string, which its signature `<s-nn?:s>` does not accept there (JSONata T0410)"
    );
    assert_eq!(super::text_at(&text, diagnostic, 10), "$substring");
    assert_eq!(
        run_error(&text).as_deref(),
        Some("States.QueryEvaluationError")
    );
}

#[test]
fn calls_step_functions_defines_or_data_decides_are_not_reported() {
    for output in [
        // Step Functions' `$random` takes a seed; JSONata's takes nothing.
        "{% $random(7) %}",
        "{% $hash($states.input.name, 'SHA-256') %}",
        "{% $partition($states.input.items, 1) %}",
        // The first argument may be a string or the context value, which data decides.
        "{% $substring($states.input.n, 1) %}",
        "{% $states.input.items ~> $join(',') %}",
    ] {
        let state = format!(r#"{{"Type": "Pass", "Output": "{output}", "Next": "Done"}}"#);
        assert_eq!(found(&machine(&state)), [], "{output}");
    }
}

#[test]
fn a_constant_its_field_refuses_is_reported_and_fails_when_run() {
    let task = |field: &str| {
        format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {{"FunctionName": "f"}}, {field}, "Next": "Done"}}"#
        )
    };
    let map = |field: &str| {
        format!(
            r#"{{"Type": "Map", "Items": "{{% $states.input.items %}}", {field}, {PROCESSOR}, "Next": "Done"}}"#
        )
    };
    let cases = [
        (
            r#"{"Type": "Wait", "Seconds": "{% -5 %}", "Next": "Done"}"#.to_owned(),
            "/States/A/Seconds",
            "`Seconds` of state `A` is always -5, which is negative",
        ),
        (
            r#"{"Type": "Wait", "Seconds": "{% 60 * 1.5 / 7 %}", "Next": "Done"}"#.to_owned(),
            "/States/A/Seconds",
            "`Seconds` of state `A` is always 12.857142857142858, which is not a whole number",
        ),
        (
            r#"{"Type": "Wait", "Timestamp": "{% '2024-13-01T00:00:00Z' %}", "Next": "Done"}"#
                .to_owned(),
            "/States/A/Timestamp",
            "`Timestamp` of state `A` is always `2024-13-01T00:00:00Z`, which is not an RFC 3339 timestamp",
        ),
        (
            task(r#""TimeoutSeconds": "{% 0 %}""#),
            "/States/A/TimeoutSeconds",
            "`TimeoutSeconds` of state `A` is always 0, less than 1",
        ),
        (
            task(r#""HeartbeatSeconds": "{% 3600 / 7 %}""#),
            "/States/A/HeartbeatSeconds",
            "`HeartbeatSeconds` of state `A` is always 514.2857142857143, which is not a whole number",
        ),
        (
            map(r#""MaxConcurrency": "{% -1 %}""#),
            "/States/A/MaxConcurrency",
            "`MaxConcurrency` of state `A` is always -1, which is negative",
        ),
        (
            map(r#""ToleratedFailurePercentage": "{% 150 %}""#),
            "/States/A/ToleratedFailurePercentage",
            "`ToleratedFailurePercentage` of state `A` is always 150, more than 100",
        ),
        (
            map(r#""ToleratedFailureCount": "{% -2 %}""#),
            "/States/A/ToleratedFailureCount",
            "`ToleratedFailureCount` of state `A` is always -2, which is negative",
        ),
        (
            map(r#""ItemBatcher": {"MaxItemsPerBatch": "{% 2.5 %}"}"#),
            "/States/A/ItemBatcher/MaxItemsPerBatch",
            "`ItemBatcher.MaxItemsPerBatch` of state `A` is always 2.5, which is not a whole number",
        ),
    ];
    for (state, pointer, message) in cases {
        let text = machine(&state);
        let report = validate_str(&text);
        let found: Vec<_> = report
            .diagnostics()
            .iter()
            .filter(|diagnostic| diagnostic.code == Code::JsonataInvalidValue)
            .map(|diagnostic| (diagnostic.pointer.as_str(), diagnostic.message.as_str()))
            .collect();
        let message = format!(
            "{message}: the state fails with `States.QueryEvaluationError` whenever it runs"
        );
        assert_eq!(found, [(pointer, message.as_str())], "{state}");
        assert_eq!(
            run_error(&text).as_deref(),
            Some("States.QueryEvaluationError"),
            "{state}"
        );
    }
}

#[test]
fn constants_in_range_and_expressions_that_read_something_are_not_reported() {
    for state in [
        r#"{"Type": "Wait", "Seconds": "{% 0 %}", "Next": "Done"}"#,
        r#"{"Type": "Wait", "Seconds": "{% 60 * 5 %}", "Next": "Done"}"#,
        r#"{"Type": "Wait", "Seconds": "{% 10 / 4 * 2 %}", "Next": "Done"}"#,
        r#"{"Type": "Wait", "Timestamp": "{% '2024-01-31T23:59:00Z' %}", "Next": "Done"}"#,
        // Data or a function decides.
        r#"{"Type": "Wait", "Seconds": "{% $states.input.n - 10 %}", "Next": "Done"}"#,
        r#"{"Type": "Wait", "Seconds": "{% $abs(-5) %}", "Next": "Done"}"#,
        // Upper bounds of the literal forms are not known to hold for expressions.
        r#"{"Type": "Wait", "Seconds": "{% 100000000 %}", "Next": "Done"}"#,
        // Out of range for `Seconds`, but this field takes any number.
        r#"{"Type": "Pass", "Output": "{% -5 %}", "Next": "Done"}"#,
    ] {
        assert_eq!(found(&machine(state)), [], "{state}");
    }
}
