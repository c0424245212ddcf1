//! The validator's rules on what expressions read: where `$states.result` and
//! `$states.errorOutput` may appear, JSONata's missing input document, and variables read
//! before any state assigns them.

use sfn_dsl::validate::{Code, validate_str};

use super::assert_diagnostics;

/// A JSONata machine with the given states (a JSON object body) starting at `A`.
fn jsonata_machine(states: &str) -> String {
    format!(r#"{{"QueryLanguage": "JSONata", "StartAt": "A", "States": {{{states}}}}}"#)
}

/// A JSONPath machine with the given states starting at `A`.
fn jsonpath_machine(states: &str) -> String {
    format!(r#"{{"StartAt": "A", "States": {{{states}}}}}"#)
}

const LAMBDA: &str = r#""Resource": "arn:aws:states:::lambda:invoke""#;

#[test]
fn states_result_only_in_the_output_and_assign_of_a_state_with_a_result() {
    let task = jsonata_machine(&format!(
        r#""A": {{"Type": "Task", {LAMBDA},
              "Arguments": {{"FunctionName": "f", "Payload": "{{% $states.result %}}"}},
              "Output": {{"deep": ["{{% $states.result.Payload %}}"]}},
              "Assign": {{"r": "{{% $states.result %}}"}},
              "Catch": [{{"ErrorEquals": ["States.ALL"], "Output": "{{% $states.result %}}",
                          "Assign": {{"e": "{{% $states.errorOutput.Cause %}}"}}, "Next": "B"}}],
              "Next": "B"}},
           "B": {{"Type": "Pass", "Output": "{{% $states.result %}}", "End": true}}"#
    ));
    assert_diagnostics(
        &task,
        &[
            (Code::MisplacedStatesResult, "/States/A/Arguments/Payload"),
            (Code::MisplacedStatesResult, "/States/A/Catch/0/Output"),
            (Code::MisplacedStatesResult, "/States/B/Output"),
        ],
    );
    let report = validate_str(&task);
    let arguments = report.errors().next().unwrap();
    assert!(
        arguments
            .message
            .contains("`Arguments` is evaluated before"),
        "{arguments}"
    );
    // The position is that of `$states` inside the string.
    let line = task
        .lines()
        .position(|line| line.contains(r#""Payload": "{% $states.result %}""#))
        .unwrap();
    let column = task
        .lines()
        .nth(line)
        .unwrap()
        .find("$states.result")
        .unwrap()
        + 1;
    assert_eq!(
        (arguments.line, arguments.column),
        (Some(line + 1), Some(column))
    );
    let pass_output = report.errors().nth(2).unwrap();
    assert!(pass_output.message.contains("a Pass state has no result"));
}

#[test]
fn map_and_parallel_results_and_nested_states() {
    let text = jsonata_machine(
        r#""A": {"Type": "Map", "Items": "{% $states.input.xs %}",
                  "ItemSelector": {"v": "{% $states.result %}"},
                  "ItemProcessor": {"StartAt": "In", "States": {
                      "In": {"Type": "Pass", "Output": "{% $states.result %}", "Next": "T"},
                      "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "Output": "{% $states.result %}", "End": true}}},
                  "Output": "{% $states.result %}", "Next": "P"},
           "P": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
                 "Assign": {"all": "{% $states.result %}"}, "Next": "W"},
           "W": {"Type": "Wait", "Seconds": "{% $states.result.delay %}", "Next": "C"},
           "C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.errorOutput != null %}", "Next": "D",
                 "Output": "{% $states.result %}"}], "Default": "D"},
           "D": {"Type": "Succeed"}"#,
    );
    assert_diagnostics(
        &text,
        &[
            (Code::MisplacedStatesResult, "/States/A/ItemSelector/v"),
            (
                Code::MisplacedStatesResult,
                "/States/A/ItemProcessor/States/In/Output",
            ),
            (Code::MisplacedStatesResult, "/States/W/Seconds"),
            (
                Code::MisplacedStatesErrorOutput,
                "/States/C/Choices/0/Condition",
            ),
            (Code::MisplacedStatesResult, "/States/C/Choices/0/Output"),
        ],
    );
}

#[test]
fn error_output_only_in_catchers() {
    let text = jsonata_machine(&format!(
        r#""A": {{"Type": "Task", {LAMBDA}, "Output": "{{% $states.errorOutput %}}",
                  "Arguments": {{"FunctionName": "f", "e": "{{% $states.errorOutput %}}"}},
                  "Catch": [{{"ErrorEquals": ["States.ALL"], "Output": {{"e": "{{% $states.errorOutput %}}"}}, "Next": "B"}}],
                  "End": true}},
           "B": {{"Type": "Succeed"}}"#
    ));
    assert_diagnostics(
        &text,
        &[
            (Code::MisplacedStatesErrorOutput, "/States/A/Output"),
            (Code::MisplacedStatesErrorOutput, "/States/A/Arguments/e"),
        ],
    );
}

#[test]
fn jsonata_has_no_input_document() {
    let text = jsonata_machine(
        r#""A": {"Type": "Pass", "Output": {
                "whole": "{% $ %}",
                "field": "{% $.order.total %}",
                "bare": "{% total * 2 %}",
                "root": "{% $states.input.items[$$.x] %}",
                "fine": "{% $states.input.items[price > 10].{'sku': sku, 'half': $.price / 2} %}",
                "block": "{% $states.input.($ ~> $keys()) %}",
                "local": "{% ($t := $states.input.a; $map($t, function($v) { $v * 2 })) %}"
              }, "End": true}"#,
    );
    assert_diagnostics(
        &text,
        &[
            (Code::JsonataInputReference, "/States/A/Output/whole"),
            (Code::JsonataInputReference, "/States/A/Output/field"),
            (Code::JsonataInputReference, "/States/A/Output/bare"),
            (Code::JsonataRootReference, "/States/A/Output/root"),
        ],
    );
    let report = validate_str(&text);
    let hints: Vec<Option<&str>> = report
        .diagnostics()
        .iter()
        .map(|diagnostic| diagnostic.hint.as_deref())
        .collect();
    assert_eq!(
        hints,
        [
            Some("use `$states.input`"),
            Some("did you mean `$states.input.order`?"),
            Some("did you mean `$states.input.total` or the variable `$total`?"),
            Some(
                "read the state's input with `$states.input` and the context with `$states.context`"
            ),
        ]
    );
    let bare = report.diagnostics().get(2).unwrap();
    let line = text.lines().nth(bare.line.unwrap() - 1).unwrap();
    assert_eq!(
        line.get(bare.column.unwrap() - 1..).unwrap().get(..5),
        Some("total")
    );
}

#[test]
fn states_cannot_be_rebound() {
    assert_diagnostics(
        &jsonata_machine(
            r#""A": {"Type": "Pass", "Output": "{% ($states := {'input': 1}; $states.input) %}", "End": true}"#,
        ),
        &[(Code::JsonataBindsStates, "/States/A/Output")],
    );
}

#[test]
fn only_functions_step_functions_provides() {
    let text = jsonata_machine(
        r#""A": {"Type": "Pass", "Output": {
                "eval": "{% $eval('1 + 1') %}",
                "typo": "{% $uppercse($states.input.name) %}",
                "made_up": "{% $frobnicate() %}",
                "fine": "{% $uppercase($partition($parse('[1]'), 1)) & $uuid() %}",
                "local": "{% ($double := function($v) { $v * 2 }; $double(2)) %}",
                "value": "{% $map($states.input.xs, $string) %}"
              }, "End": true}"#,
    );
    assert_diagnostics(
        &text,
        &[
            (Code::UnknownJsonataFunction, "/States/A/Output/eval"),
            (Code::UnknownJsonataFunction, "/States/A/Output/typo"),
            (Code::UnknownJsonataFunction, "/States/A/Output/made_up"),
        ],
    );
    let report = validate_str(&text);
    let hints: Vec<Option<&str>> = report
        .diagnostics()
        .iter()
        .map(|diagnostic| diagnostic.hint.as_deref())
        .collect();
    assert_eq!(
        hints,
        [
            Some("Step Functions leaves out `$eval`; use `$parse` to read JSON text"),
            Some("did you mean `$uppercase`?"),
            Some(
                "JSONata 2.0.6 built-ins and `$partition`, `$range`, `$hash`, `$random`, `$uuid` and `$parse` are available"
            ),
        ]
    );
    let typo = report.diagnostics().get(1).unwrap();
    assert_eq!(
        typo.message,
        "`Output.typo` of state `A` calls `$uppercse`, a function Step Functions' JSONata does not provide"
    );
    let line = text.lines().nth(typo.line.unwrap() - 1).unwrap();
    assert_eq!(
        line.get(typo.column.unwrap() - 1..).unwrap().get(..9),
        Some("$uppercse")
    );
}

#[test]
fn jsonpath_states_are_not_checked_as_jsonata() {
    // In a JSONPath state `{% %}` is a literal (reported as such), not an expression.
    assert_diagnostics(
        &jsonpath_machine(r#""A": {"Type": "Pass", "Parameters": {"x": "{% $$ %}"}, "End": true}"#),
        &[(Code::JsonataSyntaxInJsonPath, "/States/A/Parameters/x")],
    );
}

#[test]
fn reads_after_an_assignment_are_clean() {
    let text = jsonata_machine(
        r#""A": {"Type": "Pass", "Assign": {"total": 1, "items": "{% $states.input.items %}"}, "Next": "B"},
           "B": {"Type": "Pass", "Output": "{% $total + $count($items) + $sum($map($items, $number)) %}", "Next": "P"},
           "P": {"Type": "Parallel", "Branches": [{"StartAt": "In", "States": {
                   "In": {"Type": "Pass", "Output": "{% $total %}", "End": true}}}], "End": true}"#,
    );
    assert_diagnostics(&text, &[]);
}

#[test]
fn reads_of_variables_nothing_assigns() {
    let text = jsonata_machine(
        r#""A": {"Type": "Pass", "Assign": {"total": 1}, "Next": "B"},
           "B": {"Type": "Pass", "Output": {"t": "{% $totl %}", "s": "{% $state.input %}", "x": "{% $x %}"}, "End": true}"#,
    );
    assert_diagnostics(
        &text,
        &[
            (Code::UnassignedVariable, "/States/B/Output/t"),
            (Code::UnassignedVariable, "/States/B/Output/s"),
            (Code::UnassignedVariable, "/States/B/Output/x"),
        ],
    );
    let report = validate_str(&text);
    let hints: Vec<Option<&str>> = report
        .diagnostics()
        .iter()
        .map(|diagnostic| diagnostic.hint.as_deref())
        .collect();
    assert_eq!(
        hints,
        [
            Some("did you mean `$total`?"),
            Some("did you mean `$states`?"),
            Some("to read the input field, write `$states.input.x`"),
        ]
    );
    let jsonpath = jsonpath_machine(
        r#""A": {"Type": "Pass", "Parameters": {"id.$": "$orderId", "f.$": "States.Format('{}', $name)"}, "Next": "C"},
           "C": {"Type": "Choice", "Choices": [{"Variable": "$flag", "BooleanEquals": true, "Next": "D"}], "Default": "D"},
           "D": {"Type": "Succeed"}"#,
    );
    assert_diagnostics(
        &jsonpath,
        &[
            (Code::UnassignedVariable, "/States/A/Parameters/id.$"),
            (Code::UnassignedVariable, "/States/A/Parameters/f.$"),
            (Code::UnassignedVariable, "/States/C/Choices/0/Variable"),
        ],
    );
    let report = validate_str(&jsonpath);
    assert_eq!(
        report.diagnostics().first().unwrap().hint.as_deref(),
        Some("to read the input field, write `$.orderId`")
    );
}

#[test]
fn reads_before_the_only_assignment() {
    let text = jsonata_machine(
        r#""A": {"Type": "Pass", "Output": "{% $late %}", "Assign": {"self": "{% $self + 1 %}"}, "Next": "B"},
           "B": {"Type": "Pass", "Assign": {"late": 1}, "End": true}"#,
    );
    assert_diagnostics(
        &text,
        &[
            (Code::UnassignedVariable, "/States/A/Output"),
            (Code::UnassignedVariable, "/States/A/Assign/self"),
        ],
    );
    let report = validate_str(&text);
    assert!(
        report.diagnostics()[0]
            .message
            .contains("which only `B` assigns"),
        "{report}"
    );
}

#[test]
fn some_path_assigning_first_is_enough() {
    // One Choice branch assigns, the other does not: the join may read it.
    let choice = jsonata_machine(
        r#""A": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.x %}", "Next": "Set"}], "Default": "Join"},
           "Set": {"Type": "Pass", "Assign": {"v": 1}, "Next": "Join"},
           "Join": {"Type": "Pass", "Output": "{% $v %}", "End": true}"#,
    );
    assert_diagnostics(&choice, &[]);
    // A loop: the read in `Check` follows the assignment in `Count` on the way round.
    let looping = jsonata_machine(
        r#""A": {"Type": "Pass", "Next": "Check"},
           "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $exists($n) and $n > 3 %}", "Next": "Done"}], "Default": "Count"},
           "Count": {"Type": "Wait", "Seconds": 1, "Assign": {"n": "{% $exists($n) ? $n + 1 : 1 %}"}, "Next": "Check"},
           "Done": {"Type": "Succeed"}"#,
    );
    assert_diagnostics(&looping, &[]);
    // Choice-rule and catcher assignments count.
    let handlers = jsonata_machine(&format!(
        r#""A": {{"Type": "Choice", "Choices": [{{"Condition": true, "Assign": {{"route": "a"}}, "Next": "T"}}], "Default": "T"}},
           "T": {{"Type": "Task", {LAMBDA}, "Catch": [{{"ErrorEquals": ["States.ALL"], "Assign": {{"err": "{{% $states.errorOutput %}}"}}, "Next": "F"}}], "End": true}},
           "F": {{"Type": "Fail", "Error": "{{% $route %}}", "Cause": "{{% $string($err) %}}"}}"#
    ));
    assert_diagnostics(&handlers, &[]);
}

#[test]
fn branch_variables_do_not_leave_the_branch() {
    let text = jsonata_machine(
        r#""A": {"Type": "Parallel", "Branches": [{"StartAt": "In", "States": {
                   "In": {"Type": "Pass", "Assign": {"inner": 1}, "End": true}}}], "Next": "After"},
           "After": {"Type": "Pass", "Output": "{% $inner %}", "End": true}"#,
    );
    assert_diagnostics(&text, &[(Code::UnassignedVariable, "/States/After/Output")]);
    let report = validate_str(&text);
    assert_eq!(
        report.diagnostics()[0].hint.as_deref(),
        Some(
            "`$inner` is assigned only inside a Parallel branch or Map processor this state cannot see; a branch's variables end with it, so pass the value on in its output"
        )
    );
    // Siblings do not see each other either.
    let siblings = jsonata_machine(
        r#""A": {"Type": "Parallel", "Branches": [
                   {"StartAt": "One", "States": {"One": {"Type": "Pass", "Assign": {"one": 1}, "End": true}}},
                   {"StartAt": "Two", "States": {"Two": {"Type": "Pass", "Output": "{% $one %}", "End": true}}}],
                 "End": true}"#,
    );
    assert_diagnostics(
        &siblings,
        &[(
            Code::UnassignedVariable,
            "/States/A/Branches/1/States/Two/Output",
        )],
    );
}

#[test]
fn distributed_map_children_cannot_read_outer_variables() {
    let text = jsonata_machine(
        r#""A": {"Type": "Pass", "Assign": {"limit": 5}, "Next": "M"},
           "M": {"Type": "Map", "ItemSelector": {"limit": "{% $limit %}"},
                 "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                   "StartAt": "B", "States": {"B": {"Type": "Pass", "Output": "{% $limit %}", "End": true}}},
                 "End": true}"#,
    );
    assert_diagnostics(
        &text,
        &[(
            Code::OuterVariableInDistributedMap,
            "/States/M/ItemProcessor/States/B/Output",
        )],
    );
    // Inline Map children can.
    assert_diagnostics(
        &text
            .replace("DISTRIBUTED", "INLINE")
            .replace(r#", "ExecutionType": "STANDARD""#, ""),
        &[],
    );
}

#[test]
fn unreachable_states_are_not_warned_twice() {
    let text = jsonata_machine(
        r#""A": {"Type": "Succeed"},
           "Lost": {"Type": "Pass", "Output": "{% $nothing %}", "End": true}"#,
    );
    assert_diagnostics(&text, &[(Code::Unreachable, "/States/Lost")]);
}

#[test]
fn a_variable_hides_the_function_of_its_name() {
    let text = jsonata_machine(
        r#""A": {"Type": "Pass", "Assign": {"count": 5}, "Next": "B"},
           "B": {"Type": "Pass", "Output": {"n": "{% $count([1, 2]) + $count %}"}, "End": true}"#,
    );
    assert_diagnostics(
        &text,
        &[(Code::VariableHidesFunction, "/States/B/Output/n")],
    );
    let report = validate_str(&text);
    let [diagnostic] = report.diagnostics() else {
        panic!("one diagnostic expected: {report}")
    };
    assert_eq!(
        diagnostic.message,
        "state `B` calls `$count`, but the variable `count` (assigned by `A`) may be set when it runs, and a variable hides the function of the same name: the call then fails (JSONata T1006, attempted to invoke a non-function)"
    );
    assert_eq!(super::text_at(&text, diagnostic, 6), "$count");
    // The local executor fails the call the same way.
    let machine = sfn_dsl::StateMachine::from_json(&text).expect("parses");
    let execution = sfn_local::Executor::new(machine)
        .run(serde_json::json!({}))
        .expect("runs");
    assert_eq!(
        execution.error.as_deref(),
        Some("States.QueryEvaluationError")
    );
    assert!(
        execution
            .cause
            .as_deref()
            .is_some_and(|cause| cause.contains("T1006")),
        "{:?}",
        execution.cause
    );
}

#[test]
fn a_function_called_where_no_variable_of_its_name_is_set_is_not_reported() {
    for states in [
        // The call runs before the assignment.
        r#""A": {"Type": "Pass", "Output": "{% $count([1]) %}", "Next": "B"},
           "B": {"Type": "Pass", "Assign": {"count": 5}, "End": true}"#,
        // A state's own `Assign` is evaluated with the variables it starts with.
        r#""A": {"Type": "Pass", "Assign": {"count": "{% $count([1]) %}"}, "End": true}"#,
        // The variable of another name.
        r#""A": {"Type": "Pass", "Assign": {"total": 5}, "Next": "B"},
           "B": {"Type": "Pass", "Output": "{% $count([1]) %}", "End": true}"#,
        // A Distributed Map's children do not see the parent's variables.
        r#""A": {"Type": "Pass", "Assign": {"count": 5}, "Next": "M"},
           "M": {"Type": "Map", "Items": "{% [1] %}",
                 "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                   "StartAt": "C", "States": {"C": {"Type": "Pass", "Output": "{% $count([1]) %}", "End": true}}},
                 "End": true}"#,
    ] {
        assert_diagnostics(&jsonata_machine(states), &[]);
    }
}

#[test]
fn a_branch_sees_the_variables_of_the_states_before_its_parallel_state() {
    let text = jsonata_machine(
        r#""A": {"Type": "Pass", "Assign": {"keys": ["a"]}, "Next": "P"},
           "P": {"Type": "Parallel", "Branches": [{"StartAt": "C", "States": {
                   "C": {"Type": "Pass", "Output": "{% $keys({'a': 1}) %}", "End": true}}}],
                 "End": true}"#,
    );
    assert_diagnostics(
        &text,
        &[(
            Code::VariableHidesFunction,
            "/States/P/Branches/0/States/C/Output",
        )],
    );
}

#[test]
fn a_field_states_does_not_have_is_reported_with_the_fields_it_has_there() {
    let text = jsonata_machine(&format!(
        r#""A": {{"Type": "Pass", "Output": "{{% $states.inputs %}}", "Next": "T"}},
           "T": {{"Type": "Task", {LAMBDA},
                 "Arguments": {{"FunctionName": "f", "Payload": "{{% $states.Input.x %}}", "r": "{{% $states.results %}}"}},
                 "Output": {{"p": "{{% $states.results.Payload %}}"}},
                 "Catch": [{{"ErrorEquals": ["States.ALL"], "Output": "{{% $exists($states.errorOuput) %}}", "Next": "E"}}],
                 "End": true}},
           "E": {{"Type": "Succeed"}}"#
    ));
    let report = validate_str(&text);
    let found: Vec<(Code, &str, &str, Option<&str>)> = report
        .diagnostics()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic.code,
                diagnostic.pointer.as_str(),
                diagnostic.message.as_str(),
                diagnostic.hint.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                Code::UnknownStatesField,
                "/States/A/Output",
                "`Output` of state `A` reads `$states.inputs`, which is undefined: `$states` has only `input`, `context`, `result` and `errorOutput`",
                Some("did you mean `$states.input`?"),
            ),
            (
                Code::UnknownStatesField,
                "/States/T/Arguments/Payload",
                "`Arguments.Payload` of state `T` reads `$states.Input`, which is undefined: `$states` has only `input`, `context`, `result` and `errorOutput`",
                Some("did you mean `$states.input`?"),
            ),
            // `result` is no suggestion where the state has no result yet.
            (
                Code::UnknownStatesField,
                "/States/T/Arguments/r",
                "`Arguments.r` of state `T` reads `$states.results`, which is undefined: `$states` has only `input`, `context`, `result` and `errorOutput`",
                Some("here `$states` has `input`, `context`"),
            ),
            (
                Code::UnknownStatesField,
                "/States/T/Output/p",
                "`Output.p` of state `T` reads `$states.results`, which is undefined: `$states` has only `input`, `context`, `result` and `errorOutput`",
                Some("did you mean `$states.result`?"),
            ),
            (
                Code::UnknownStatesField,
                "/States/T/Catch/0/Output",
                "`Catch[0].Output` of state `T` reads `$states.errorOuput`, which is undefined: `$states` has only `input`, `context`, `result` and `errorOutput`",
                Some("did you mean `$states.errorOutput`?"),
            ),
        ],
        "{report}"
    );
    // The diagnostic points at the `$states` that reads the field.
    let first = &report.diagnostics()[0];
    let column = text
        .lines()
        .find(|line| line.contains("$states.inputs"))
        .and_then(|line| line.find("$states.inputs"))
        .unwrap();
    assert_eq!(first.column, Some(column + 1));
}

#[test]
fn the_fields_of_states_and_computed_reads_are_not_reported() {
    for expression in [
        "$states.input",
        "$states.context.Execution.Input.x",
        "$states.context.Execution.Inputs",
        "$states.input.inputs",
        "$states.`input`.x",
        "$states",
        "$states.*",
        "$states[0]",
        "$states['inputs']",
        "$lookup($states, 'in' & 'put')",
        "$keys($states)",
        "(function($states) { $states.inputs })({'inputs': 1})",
    ] {
        let text = jsonata_machine(&format!(
            r#""A": {{"Type": "Pass", "Output": "{{% {expression} %}}", "End": true}}"#
        ));
        assert_diagnostics(&text, &[]);
    }
}
