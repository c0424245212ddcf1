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
                Code::JsonataResultType | Code::JsonataTypeError
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
        "`total` of state `A` always fails where this operator is evaluated: `>` compares a number with a string; both sides must be of the same type (JSONata T2009)"
    );
    let line = text
        .lines()
        .nth(diagnostic.line.expect("a line") - 1)
        .expect("the line");
    assert_eq!(
        line.get(diagnostic.column.expect("a column") - 1..)
            .and_then(|rest| rest.get(..5)),
        Some("> '1'")
    );
    assert_eq!(
        run_error(&text).as_deref(),
        Some("States.QueryEvaluationError")
    );
}
