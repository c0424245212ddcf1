use serde_json::{Value, json};
use sfn_dsl::model::{DynamicValue, Payload};

use super::{evaluate, evaluate_field};
use crate::data::{Scope, SeededEntropy};

fn context() -> Value {
    json!({"Execution": {"Id": "arn:exec", "Input": {"int-literal": 0}, "Name": "run"}, "Map": {"Item": {"Index": 2, "Value": "x"}}})
}

fn run(template: Value, input: &Value) -> Result<Value, (String, String)> {
    let context = context();
    let variables = serde_json::Map::from_iter([("answer".to_owned(), json!(42))]);
    let scope = Scope::new(input, &context, &variables);
    evaluate(&Payload::from(template), &scope, &SeededEntropy::new(1))
        .map_err(|e| (e.error, e.cause))
}

#[test]
fn literal_and_dynamic_fields() {
    let input = json!({"order": {"id": 7, "items": [1, 2]}});
    let output = run(
        json!({
            "literal": "$.order.id",
            "id.$": "$.order.id",
            "execution.$": "$$.Execution.Id",
            "index.$": "$$.Map.Item.Index",
            "answer.$": "$answer",
            "count.$": "States.ArrayLength($.order.items)",
            "nested": {"list": [{"first.$": "$.order.items[0]"}, 3, null, true]},
            "jsonata": "{% $states.input %}",
            "all.$": "$.order.items[*]"
        }),
        &input,
    )
    .unwrap();
    assert_eq!(
        output,
        json!({
            "literal": "$.order.id",
            "id": 7,
            "execution": "arn:exec",
            "index": 2,
            "answer": 42,
            "count": 2,
            "nested": {"list": [{"first": 1}, 3, null, true]},
            "jsonata": "{% $states.input %}",
            "all": [1, 2]
        })
    );
    // Key order is kept.
    let keys: Vec<&String> = output.as_object().unwrap().keys().collect();
    assert_eq!(keys[0], "literal");
    assert_eq!(keys[8], "all");
}

#[test]
fn non_object_templates_and_non_string_dynamic_values() {
    assert_eq!(
        run(json!([1, {"a.$": "$"}]), &json!(5)).unwrap(),
        json!([1, {"a": 5}])
    );
    // A non-string value under a `.$` key is not evaluated (the validator reports it).
    assert_eq!(
        run(json!({"a.$": 5}), &json!({})).unwrap(),
        json!({"a.$": 5})
    );
}

#[test]
fn recorded_missing_path_causes() {
    // Recorded: test_invalid_jsonpath[INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH] and
    // [INVALID_JSONPATH_IN_STRING_EXPR_CONTEXTPATH]; the recording masks the input as
    // '<json-input:1>', which is the state input.
    let input = json!({"int-literal": 0});
    assert_eq!(
        run(json!({"value.$": "$.no_such_jsonpath"}), &input).unwrap_err(),
        (
            "States.Runtime".to_owned(),
            "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'".to_owned()
        )
    );
    assert_eq!(
        run(
            json!({"value.$": "$$.Execution.Input.no_such_jsonpath"}),
            &input
        )
        .unwrap_err()
        .1,
        "The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'"
    );
    assert_eq!(
        run(json!({"a": {"deep.$": "$.x.y"}}), &input)
            .unwrap_err()
            .1,
        "The JSONPath '$.x.y' specified for the field 'deep.$' could not be found in the input '{\"int-literal\":0}'"
    );
}

#[test]
fn intrinsic_failures_name_the_field_and_quote_paths_as_written() {
    let input = json!({"x": [1]});
    assert_eq!(
        run(
            json!({"a.$": "States.ArrayLength($.x)", "b": {"deep.$": "States.ArrayGetItem($.x, 5)"}}),
            &input
        )
        .unwrap_err(),
        (
            "States.Runtime".to_owned(),
            "The evaluation of the intrinsic function States.ArrayGetItem for the field 'deep.$' failed: the index 5 is out of bounds for an array of 1 element".to_owned()
        )
    );
    assert_eq!(
        run(
            json!({"r.$": "States.Format('{}', $.missing.deep)"}),
            &input
        )
        .unwrap_err()
        .1,
        "The evaluation of the intrinsic function States.Format for the field 'r.$' failed: Invalid path '$.missing.deep' : Missing property in path $['missing']"
    );
    assert_eq!(
        run(json!({"r.$": "States.Nope(1)"}), &input).unwrap_err().1,
        "The intrinsic function 'States.Nope' for the field 'r.$' is not supported"
    );
}

#[test]
fn error_path_fields() {
    let input = json!({"Error": "Oops"});
    let context = context();
    let scope = Scope::new(&input, &context, &crate::data::NoVariables);
    let entropy = SeededEntropy::new(1);
    let value = evaluate_field(
        &DynamicValue::parse("States.Format('E: {}', $.Error)"),
        "ErrorPath",
        &scope,
        &entropy,
    )
    .unwrap();
    assert_eq!(value, json!("E: Oops"));
    // Recorded: test_invalid_jsonpath[INVALID_JSONPATH_IN_ERRORPATH].
    let error = evaluate_field(
        &DynamicValue::parse("$.ErrorX"),
        "ErrorPath",
        &scope,
        &entropy,
    )
    .unwrap_err();
    assert_eq!(
        error.cause,
        "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{\"Error\":\"Oops\"}'"
    );
    let error = evaluate_field(
        &DynamicValue::parse("States.Format('x"),
        "CausePath",
        &scope,
        &entropy,
    )
    .unwrap_err();
    assert_eq!(
        error.cause,
        "The value for the field 'CausePath' must be a valid JSONPath or a valid intrinsic function call: at byte 14: the string opened here is never closed with `'` (write a quote inside a string as \\')"
    );
}
