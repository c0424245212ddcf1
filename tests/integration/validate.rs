//! The validator, one rule at a time: each case is a small definition with the exact codes
//! and pointers it must produce (errors and warnings alike).

use sfn_dsl::validate::{Code, Options, Severity, WorkflowType, validate_str, validate_str_with};

use super::assert_diagnostics;

/// A machine whose only state is `state` (named `S`).
fn one(state: &str) -> String {
    format!(r#"{{"StartAt": "S", "States": {{"S": {state}}}}}"#)
}

/// A JSONata machine whose only state is `state`.
fn one_jsonata(state: &str) -> String {
    format!(r#"{{"QueryLanguage": "JSONata", "StartAt": "S", "States": {{"S": {state}}}}}"#)
}

/// The messages of the diagnostics of `text`, in order.
fn messages(text: &str) -> Vec<String> {
    validate_str(text)
        .diagnostics()
        .iter()
        .map(|diagnostic| diagnostic.message.clone())
        .collect()
}

const LAMBDA: &str = r#""Resource": "arn:aws:states:::lambda:invoke""#;

#[test]
fn a_valid_machine_is_clean() {
    assert_diagnostics(
        r#"{"Comment": "ok", "Version": "1.0", "TimeoutSeconds": 60, "StartAt": "A", "States": {
            "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 10,
                  "Parameters": {"FunctionName": "f", "x.$": "$.x", "id.$": "States.UUID()"}, "ResultSelector": {"p.$": "$.Payload"},
                  "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "MaxAttempts": 2}, {"ErrorEquals": ["States.ALL"]}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "F"}], "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "W"}], "Default": "OK"},
            "W": {"Type": "Wait", "Timestamp": "2024-01-31T12:00:00Z", "Next": "OK"},
            "OK": {"Type": "Succeed"},
            "F": {"Type": "Fail", "Error": "Failed", "CausePath": "$.error.Cause"}}}"#,
        &[],
    );
}

#[test]
fn recorded_aws_validation_results() {
    // test_sfn_api_validation.snapshot.json: ValidateStateMachineDefinition's own answers.
    let read = |name: &str| {
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus/localstack/templates/validation")
                .join(name),
        )
        .expect("corpus template")
    };
    assert_diagnostics(&read("valid_base_pass.json"), &[]);
    assert_diagnostics(&read("valid_query_language_pass.json"), &[]);
    // AWS: SCHEMA_VALIDATION_FAILED "These fields are required: [StartAt]" at /
    assert_diagnostics(
        &read("invalid_base_no_startat.json"),
        &[(Code::MissingField, "")],
    );
    // AWS: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine" at /States/Pass
    assert_diagnostics(
        &read("invalid_downgrade_query_language.json"),
        &[(Code::QueryLanguageDowngrade, "/States/Pass/QueryLanguage")],
    );
    // AWS: INVALID_JSON_DESCRIPTION for "not a definition"
    assert_diagnostics("not a definition", &[(Code::JsonSyntax, "")]);
}

#[test]
fn parse_problems_are_diagnostics_with_positions() {
    let report = validate_str(
        "{\"StartAt\": \"A\",\n \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true, \"End\": true}}}",
    );
    let diagnostic = &report.diagnostics()[0];
    assert_eq!(diagnostic.code, Code::DuplicateKey);
    assert_eq!(diagnostic.pointer, "/States/A/End");
    assert_eq!((diagnostic.line, diagnostic.column), (Some(2), Some(48)));
    assert_eq!(diagnostic.state.as_deref(), Some("A"));
}

#[test]
fn graph_problems() {
    let report = validate_str(&one(r#"{"Type": "Pass", "Next": "Sx"}"#));
    let diagnostic = report
        .diagnostics()
        .iter()
        .find(|diagnostic| diagnostic.code == Code::UnknownTarget)
        .expect("unknown target");
    assert_eq!(diagnostic.code, Code::UnknownTarget);
    assert_eq!(diagnostic.pointer, "/States/S/Next");
    assert_eq!(diagnostic.hint.as_deref(), Some("did you mean `S`?"));
    assert_diagnostics(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}"#,
        &[(Code::Unreachable, "/States/B")],
    );
}

#[test]
fn a_loop_nothing_enters_is_a_warning_and_a_state_nothing_names_an_error() {
    let text = r#"{"StartAt": "A", "States": {
        "A": {"Type": "Succeed"},
        "Orphan": {"Type": "Pass", "Next": "Poll"},
        "Poll": {"Type": "Wait", "Seconds": 5, "Next": "Check"},
        "Check": {"Type": "Choice", "Choices": [
            {"Variable": "$.done", "BooleanEquals": true, "Next": "Finished"}
        ], "Default": "Poll"},
        "Finished": {"Type": "Succeed"}
    }}"#;
    assert_diagnostics(
        text,
        &[
            (Code::Unreachable, "/States/Orphan"),
            (Code::ReachedOnlyFromUnreachable, "/States/Poll"),
            (Code::ReachedOnlyFromUnreachable, "/States/Check"),
            (Code::ReachedOnlyFromUnreachable, "/States/Finished"),
        ],
    );
    let report = validate_str(text);
    let severity = |code| {
        report
            .diagnostics()
            .iter()
            .find(|diagnostic| diagnostic.code == code)
            .map(|diagnostic| diagnostic.severity)
    };
    assert_eq!(severity(Code::Unreachable), Some(Severity::Error));
    assert_eq!(
        severity(Code::ReachedOnlyFromUnreachable),
        Some(Severity::Warning)
    );
    // Without the orphan, nothing is an error.
    let without_orphan = text.replace(r#""Orphan": {"Type": "Pass", "Next": "Poll"},"#, "");
    assert!(!validate_str(&without_orphan).has_errors());
}

#[test]
fn fields_of_the_other_query_language() {
    assert_diagnostics(
        &one_jsonata(&format!(
            r#"{{"Type": "Task", {LAMBDA}, "Parameters": {{}}, "ResultPath": "$.r", "End": true}}"#
        )),
        &[
            (Code::QueryLanguageField, "/States/S/Parameters"),
            (Code::QueryLanguageField, "/States/S/ResultPath"),
        ],
    );
    assert_diagnostics(
        &one(r#"{"Type": "Pass", "Output": {"a": 1}, "End": true}"#),
        &[(Code::QueryLanguageField, "/States/S/Output")],
    );
    assert_diagnostics(
        &one(r#"{"Type": "Wait", "Seconds": "{% 5 %}", "End": true}"#),
        &[(Code::QueryLanguageField, "/States/S/Seconds")],
    );
    assert_diagnostics(
        &one_jsonata(r#"{"Type": "Wait", "SecondsPath": "$.s", "End": true}"#),
        &[(Code::QueryLanguageField, "/States/S/SecondsPath")],
    );
    assert_diagnostics(
        &one(
            r#"{"Type": "Choice", "Choices": [{"Condition": true, "Next": "E"}], "Default": "E"}, "E": {"Type": "Succeed"}"#,
        ),
        &[(Code::QueryLanguageField, "/States/S/Choices/0/Condition")],
    );
    assert_diagnostics(
        &one_jsonata(
            r#"{"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "E"}], "Default": "E"}, "E": {"Type": "Succeed"}"#,
        ),
        &[(Code::QueryLanguageField, "/States/S/Choices/0/Variable")],
    );
}

#[test]
fn the_state_query_language_overrides_the_machine() {
    assert_diagnostics(
        &one(
            r#"{"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input %}", "End": true}"#,
        ),
        &[],
    );
}

#[test]
fn ranges_and_keywords() {
    assert_diagnostics(
        &one(&format!(
            r#"{{"Type": "Task", {LAMBDA}, "TimeoutSeconds": 0, "HeartbeatSeconds": 100000000,
                "Retry": [{{"ErrorEquals": ["X"], "IntervalSeconds": 0, "BackoffRate": 0.5, "MaxDelaySeconds": 31622401, "JitterStrategy": "FUL"}}],
                "End": true}}"#
        )),
        &[
            (Code::OutOfRange, "/States/S/TimeoutSeconds"),
            (Code::OutOfRange, "/States/S/HeartbeatSeconds"),
            (Code::HeartbeatNotBelowTimeout, "/States/S/HeartbeatSeconds"),
            (Code::OutOfRange, "/States/S/Retry/0/IntervalSeconds"),
            (Code::OutOfRange, "/States/S/Retry/0/BackoffRate"),
            (Code::OutOfRange, "/States/S/Retry/0/MaxDelaySeconds"),
            (Code::UnknownKeyword, "/States/S/Retry/0/JitterStrategy"),
        ],
    );
    let report = validate_str(&one(&format!(
        r#"{{"Type": "Task", {LAMBDA}, "Retry": [{{"ErrorEquals": ["X"], "JitterStrategy": "FUL"}}], "End": true}}"#
    )));
    assert_eq!(
        report.diagnostics()[0].hint.as_deref(),
        Some("did you mean `FULL`?")
    );
    assert_diagnostics(
        r#"{"Version": "2.0", "TimeoutSeconds": 0, "StartAt": "S", "States": {"S": {"Type": "Succeed"}}}"#,
        &[
            (Code::UnsupportedVersion, "/Version"),
            (Code::OutOfRange, "/TimeoutSeconds"),
        ],
    );
}

#[test]
fn retry_and_catch_rules() {
    assert_diagnostics(
        &one(&format!(
            r#"{{"Type": "Task", {LAMBDA},
                "Retry": [{{"ErrorEquals": ["States.ALL", "X"]}}, {{"ErrorEquals": []}}],
                "Catch": [{{"ErrorEquals": ["States.ALL"], "Next": "E"}}, {{"ErrorEquals": ["States.Tiemout", "States.Http.StatusCode.503"], "Next": "E"}}],
                "End": true}}, "E": {{"Type": "Succeed"}}"#
        )),
        &[
            (Code::StatesAllMisplaced, "/States/S/Retry/0/ErrorEquals/0"),
            (Code::EmptyArray, "/States/S/Retry/1/ErrorEquals"),
            (Code::StatesAllMisplaced, "/States/S/Catch/0/ErrorEquals/0"),
            (Code::UnknownStatesError, "/States/S/Catch/1/ErrorEquals/0"),
        ],
    );
    assert_diagnostics(
        &one(&format!(
            r#"{{"Type": "Task", {LAMBDA},
                "Catch": [{{"ErrorEquals": ["A", "B"], "Next": "E"}}, {{"ErrorEquals": ["B"], "Next": "E"}}, {{"ErrorEquals": ["States.Runtime"], "Next": "E"}}],
                "End": true}}, "E": {{"Type": "Succeed"}}"#
        )),
        &[
            (Code::UnreachableHandler, "/States/S/Catch/1/ErrorEquals"),
            (Code::UnreachableHandler, "/States/S/Catch/2/ErrorEquals/0"),
        ],
    );
    assert_diagnostics(
        &one(&format!(
            r#"{{"Type": "Task", {LAMBDA}, "Retry": [{{"ErrorEquals": ["X"], "MaxAttempts": 40, "IntervalSeconds": 10}}], "End": true}}"#
        )),
        &[(Code::UnboundedRetry, "/States/S/Retry/0")],
    );
}

#[test]
fn paths_and_templates() {
    assert_diagnostics(
        &one(
            r#"{"Type": "Pass", "InputPath": "$.a[", "ResultPath": "$.items[*]", "OutputPath": "x",
                 "Parameters": {"a.$": "$.a", "a": 1, "b.$": 5, "c.$": "States.Fromat('{}', 1)"}, "End": true}"#,
        ),
        &[
            (Code::InvalidPath, "/States/S/InputPath"),
            (Code::InvalidReferencePath, "/States/S/ResultPath"),
            (Code::InvalidPath, "/States/S/OutputPath"),
            (Code::InvalidPayloadTemplate, "/States/S/Parameters/a.$"),
            (Code::InvalidPayloadTemplate, "/States/S/Parameters/b.$"),
            (Code::InvalidIntrinsic, "/States/S/Parameters/c.$"),
        ],
    );
    assert_diagnostics(
        &one(r#"{"Type": "Pass", "ResultPath": "$$.Execution", "End": true}"#),
        &[(Code::InvalidReferencePath, "/States/S/ResultPath")],
    );
    assert_diagnostics(
        &one(r#"{"Type": "Fail", "CausePath": "States.ArrayLength($.a)"}"#),
        &[(Code::InvalidIntrinsic, "/States/S/CausePath")],
    );
    // Deployment substitutions are not judged.
    assert_diagnostics(
        &one(r#"{"Type": "Pass", "InputPath": "${InputPath}", "End": true}"#),
        &[],
    );
}

/// The code, message and hint of the only diagnostic of a Pass state whose `Parameters`
/// hold `"v.$": value`.
fn parameter_diagnostic(value: &str) -> (Code, String, Option<String>) {
    let text = one(&format!(
        r#"{{"Type": "Pass", "Parameters": {{"v.$": {}}}, "End": true}}"#,
        serde_json::Value::from(value)
    ));
    let report = validate_str(&text);
    assert_eq!(report.diagnostics().len(), 1, "{report}");
    let diagnostic = &report.diagnostics()[0];
    assert_eq!(diagnostic.pointer, "/States/S/Parameters/v.$");
    (
        diagnostic.code,
        diagnostic.message.clone(),
        diagnostic.hint.clone(),
    )
}

#[test]
fn json_merge_in_deep_mode_is_refused() {
    // AWS: "Step Functions only supports the shallow merging mode; therefore, you must
    // specify the boolean value as false".
    let (code, message, hint) = parameter_diagnostic("States.JsonMerge($.a, $.b, true)");
    assert_eq!(code, Code::InvalidIntrinsic);
    assert_eq!(
        message,
        "`Parameters.v.$` of state `S` calls `States.JsonMerge` wrongly: the third argument of `States.JsonMerge` must be `false`: Step Functions supports only the shallow merge"
    );
    assert_eq!(
        hint.as_deref(),
        Some(
            "write `false`: the second object's members replace the first's whole, nested objects included"
        )
    );
    assert_diagnostics(
        &one(
            r#"{"Type": "Pass", "Parameters": {"v.$": "States.JsonMerge($.a, $.b, false)", "w.$": "States.JsonMerge($.a, $.b, $.deep)"}, "End": true}"#,
        ),
        &[],
    );
}

#[test]
fn near_miss_intrinsic_names_get_a_suggestion() {
    let generic = |found: &str| {
        format!(
            "`Parameters.v.$` of state `S` must be a path starting with `$` or an intrinsic function such as `States.Format(…)`, found `{found}`"
        )
    };
    for (value, suggestion) in [
        ("states.UUID()", "States.UUID"),
        ("State.Format(1)", "States.Format"),
        ("Format('{}', $.a)", "States.Format"),
        ("STATES.ARRAYLENGTH($.a)", "States.ArrayLength"),
    ] {
        assert_eq!(
            parameter_diagnostic(value),
            (
                Code::InvalidIntrinsic,
                generic(value),
                Some(format!("did you mean `{suggestion}`?"))
            ),
            "{value}"
        );
    }
    for (value, trimmed) in [
        (" States.UUID()", "States.UUID()"),
        ("\tStates.Format('{}', 1)", "States.Format('{}', 1)"),
        (" $.a", "$.a"),
    ] {
        assert_eq!(
            parameter_diagnostic(value),
            (
                Code::InvalidIntrinsic,
                generic(value),
                Some(format!(
                    "remove the whitespace before `{trimmed}`: the value is read as written"
                ))
            ),
            "{value:?}"
        );
    }
    // Nothing that names no function gets a made-up suggestion.
    assert_eq!(parameter_diagnostic("lower(1)").2, None);
    assert_eq!(parameter_diagnostic("a b (c)").2, None);
}

#[test]
fn syntax_errors_point_inside_the_string() {
    let report = validate_str(
        "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"InputPath\": \"$.a b\", \"End\": true}}}",
    );
    let diagnostic = &report.diagnostics()[0];
    assert_eq!(diagnostic.code, Code::InvalidPath);
    // `$.a b`: the problem is the space, byte 3 of the string, column 68 of the line.
    assert_eq!(diagnostic.column, Some(68));
}

#[test]
fn task_resource_and_credentials() {
    assert_diagnostics(
        &one(
            r#"{"Type": "Task", "Resource": "__tbd__", "Credentials": {"Role": "x"}, "End": true}"#,
        ),
        &[
            (Code::InvalidResource, "/States/S/Resource"),
            (Code::MissingField, "/States/S/Credentials"),
            (Code::UnknownField, "/States/S/Credentials/Role"),
        ],
    );
    assert_diagnostics(
        &one(
            r#"{"Type": "Task", "Resource": "${ChargeFunctionArn}", "Credentials": {"RoleArn.$": "$.role"}, "End": true}"#,
        ),
        &[],
    );
    // A bad `RoleArn.$` is reported once.
    assert_diagnostics(
        &one(
            r#"{"Type": "Task", "Resource": "${ChargeFunctionArn}", "Credentials": {"RoleArn.$": "$.a["}, "End": true}"#,
        ),
        &[(Code::InvalidPath, "/States/S/Credentials/RoleArn.$")],
    );
    assert_diagnostics(
        &one(
            r#"{"Type": "Task", "Resource": "${ChargeFunctionArn}", "Credentials": {"RoleArn.$": "States.Nope()"}, "End": true}"#,
        ),
        &[(Code::InvalidIntrinsic, "/States/S/Credentials/RoleArn.$")],
    );
}

#[test]
fn waits_and_timestamps() {
    assert_diagnostics(
        &one(r#"{"Type": "Wait", "Timestamp": "2016-12-05 21:29:29Z", "End": true}"#),
        &[(Code::InvalidTimestamp, "/States/S/Timestamp")],
    );
    // A `{% %}` string in a JSONPath Wait is not evaluated, and not a timestamp: AWS
    // refuses it (recorded). It is reported once, as JSONata in a JSONPath state, as in
    // `Seconds`, `TimestampPath` and a rule's timestamp.
    assert_diagnostics(
        &one(r#"{"Type": "Wait", "Timestamp": "{% $now() %}", "End": true}"#),
        &[(Code::QueryLanguageField, "/States/S/Timestamp")],
    );
    assert_diagnostics(
        &one(r#"{"Type": "Wait", "TimestampPath": "{% $now() %}", "End": true}"#),
        &[(Code::QueryLanguageField, "/States/S/TimestampPath")],
    );
    assert_diagnostics(
        &one(
            r#"{"Type": "Choice", "Choices": [{"Variable": "$.t", "TimestampLessThan": "{% $now() %}", "Next": "E"}], "Default": "E"}, "E": {"Type": "Succeed"}"#,
        ),
        &[(
            Code::QueryLanguageField,
            "/States/S/Choices/0/TimestampLessThan",
        )],
    );
    // In a JSONata state, an expression that reads nothing is checked as a timestamp.
    assert_diagnostics(
        &one(
            r#"{"Type": "Wait", "QueryLanguage": "JSONata", "Timestamp": "{% '2024' %}", "End": true}"#,
        ),
        &[(Code::JsonataInvalidValue, "/States/S/Timestamp")],
    );
    assert_diagnostics(
        &one(
            r#"{"Type": "Choice", "Choices": [{"Variable": "$.t", "TimestampEquals": "yesterday", "Next": "E"},
                 {"Variable": "$.s", "StringMatches": "a\\b", "Next": "E"}, {"And": [], "Next": "E"}], "Default": "E"}, "E": {"Type": "Succeed"}"#,
        ),
        &[
            (
                Code::InvalidTimestamp,
                "/States/S/Choices/0/TimestampEquals",
            ),
            (Code::InvalidPattern, "/States/S/Choices/1/StringMatches"),
            (Code::EmptyArray, "/States/S/Choices/2/And"),
        ],
    );
}

#[test]
fn choice_without_default_warns() {
    let report = validate_str(&one(
        r#"{"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "E"}]}, "E": {"Type": "Succeed"}"#,
    ));
    let diagnostic = &report.diagnostics()[0];
    assert_eq!(
        (diagnostic.code, diagnostic.pointer.as_str()),
        (Code::MissingDefault, "/States/S")
    );
    assert!(!report.has_errors());
}

#[test]
fn map_rules() {
    let inline = r#"{"Type": "Map", "Label": "run", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject"},
        "ToleratedFailurePercentage": 101, "ItemSelector": {}, "Parameters": {},
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}, "End": true}"#;
    assert_diagnostics(
        &one(inline),
        &[
            (Code::DistributedOnlyField, "/States/S/Label"),
            (Code::DistributedOnlyField, "/States/S/ItemReader"),
            (
                Code::DistributedOnlyField,
                "/States/S/ToleratedFailurePercentage",
            ),
            (Code::OutOfRange, "/States/S/ToleratedFailurePercentage"),
            (Code::ConflictingFields, "/States/S/Parameters"),
        ],
    );
    let distributed = r#"{"Type": "Map", "Label": "bad label", "ItemBatcher": {},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Succeed"}}},
        "ResultWriter": {"WriterConfig": {"OutputType": "CSV"}}, "End": true}"#;
    assert_diagnostics(
        &one(distributed),
        &[
            (Code::InvalidLabel, "/States/S/Label"),
            (Code::MissingField, "/States/S/ItemBatcher"),
            (
                Code::MissingField,
                "/States/S/ItemProcessor/ProcessorConfig",
            ),
            (
                Code::UnknownKeyword,
                "/States/S/ResultWriter/WriterConfig/OutputType",
            ),
        ],
    );
    assert_diagnostics(
        &one(
            r#"{"Type": "Map", "Iterator": {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}, "End": true}"#,
        ),
        &[(Code::DeprecatedField, "/States/S/Iterator")],
    );
}

#[test]
fn variables() {
    assert_diagnostics(
        &one(
            r#"{"Type": "Pass", "Assign": {"states": 1, "a.b": 2, "ok": 3, "x.$": "$.x"}, "End": true}"#,
        ),
        &[
            (Code::InvalidVariableName, "/States/S/Assign/states"),
            (Code::InvalidVariableName, "/States/S/Assign/a.b"),
        ],
    );
    // In a JSONPath state `y.$` names the variable `y`: a value that is not a string is a
    // payload template problem, not a name problem.
    assert_diagnostics(
        &one(r#"{"Type": "Pass", "Assign": {"y.$": 5}, "End": true}"#),
        &[(Code::InvalidPayloadTemplate, "/States/S/Assign/y.$")],
    );
    // In JSONata `.$` means nothing: the key is the name.
    assert_diagnostics(
        &one_jsonata(r#"{"Type": "Pass", "Assign": {"y.$": 5}, "End": true}"#),
        &[(Code::InvalidVariableName, "/States/S/Assign/y.$")],
    );
    // Names follow Unicode identifier rules (UAX #31), and are read back as written.
    assert_diagnostics(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Assign": {"a‿b": 1, "x·y": 2, "e\u0301": 3, "x²": 4}, "Next": "B"},
            "B": {"Type": "Pass", "Parameters": {"r.$": "States.Array($a‿b, $x·y, $e\u0301)", "s.$": "$a‿b"}, "End": true}}}"#,
        &[(Code::InvalidVariableName, "/States/A/Assign/x²")],
    );
    let report = validate_str(&one(
        r#"{"Type": "Pass", "Assign": {"x²": 4}, "End": true}"#,
    ));
    assert_eq!(
        report.diagnostics()[0].message,
        "`x²` assigned by state `S` is not a valid variable name: it contains '²'"
    );
    assert!(
        report.diagnostics()[0]
            .hint
            .as_deref()
            .is_some_and(|hint| hint.contains("Unicode identifier rules")),
        "{report}"
    );
    let shadowing = r#"{"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Assign": {"total": 1}, "Next": "P"},
        "P": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Assign": {"total": 2}, "End": true}}}], "End": true}}}"#;
    assert_diagnostics(
        shadowing,
        &[(
            Code::VariableShadowing,
            "/States/P/Branches/0/States/B/Assign/total",
        )],
    );
    let distributed_read = r#"{"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Assign": {"limit": 1}, "Next": "M"},
        "M": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "B", "States": {"B": {"Type": "Pass", "Parameters": {"l.$": "$limit"}, "End": true}}}, "End": true}}}"#;
    assert_diagnostics(
        distributed_read,
        &[(
            Code::OuterVariableInDistributedMap,
            "/States/M/ItemProcessor/States/B/Parameters/l.$",
        )],
    );
}

#[test]
fn loops_without_wait() {
    let polling = format!(
        r#"{{"StartAt": "Check", "States": {{
            "Check": {{"Type": "Task", {LAMBDA}, "Next": "Done?"}},
            "Done?": {{"Type": "Choice", "Choices": [{{"Variable": "$.done", "BooleanEquals": false, "Next": "Check"}}], "Default": "End"}},
            "End": {{"Type": "Succeed"}}}}}}"#
    );
    assert_diagnostics(&polling, &[(Code::LoopWithoutWait, "/States/Check")]);
    let with_wait = polling.replace(r#""Next": "Check"}"#, r#""Next": "Pause"}"#).replace(
        r#""End": {"Type": "Succeed"}"#,
        r#""Pause": {"Type": "Wait", "Seconds": 5, "Next": "Check"}, "End": {"Type": "Succeed"}"#,
    );
    assert_diagnostics(&with_wait, &[]);
}

#[test]
fn workflow_type_rules() {
    let callback = one(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "TimeoutSeconds": 600,
            "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}"#,
    );
    assert_diagnostics(&callback, &[]);
    let report = validate_str_with(
        &callback,
        &Options::new().workflow_type(WorkflowType::Express),
    );
    let codes: Vec<Code> = report.diagnostics().iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [Code::UnsupportedByWorkflowType, Code::WorkflowTypeLimit]
    );
    assert_diagnostics(
        &one(r#"{"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true}"#),
        &[(Code::TaskWithoutTimeout, "/States/S/Resource")],
    );
}

#[test]
fn callback_tasks_pass_their_token() {
    let callback = |request: &str| {
        format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "TimeoutSeconds": 60, {request} "End": true}}"#
        )
    };
    for passes in [
        r#""Parameters": {"FunctionName": "f", "Payload": {"token.$": "$$.Task.Token", "input.$": "$"}},"#,
        r#""Parameters": {"FunctionName": "f", "Payload": {"context.$": "$$"}},"#,
        r#""Parameters": {"FunctionName": "f", "Payload": {"key.$": "States.Format('{}/{}', $$.Execution.Id, $$.Task.Token)"}},"#,
        r#""Parameters": {"FunctionName": "f", "Payload": [{"deep": {"token.$": "$$.Task.Token"}}]},"#,
    ] {
        assert_diagnostics(&one(&callback(passes)), &[]);
    }
    for never in [
        r#""Parameters": {"FunctionName": "f", "Payload.$": "$"},"#,
        r#""Parameters": {"FunctionName": "f", "Payload": {"id.$": "$$.Execution.Id"}},"#,
        "",
    ] {
        assert_diagnostics(
            &one(&callback(never)),
            &[(Code::CallbackWithoutToken, "/States/S/Resource")],
        );
    }
    // `{% %}` strings are literal in JSONPath states (and `.$` keys in JSONata ones).
    assert_diagnostics(
        &one(&callback(
            r#""Parameters": {"FunctionName": "f", "Payload": {"token": "{% $states.context.Task.Token %}"}},"#,
        )),
        &[
            (Code::CallbackWithoutToken, "/States/S/Resource"),
            (
                Code::JsonataSyntaxInJsonPath,
                "/States/S/Parameters/Payload/token",
            ),
        ],
    );
    assert_diagnostics(
        &one_jsonata(&callback(
            r#""Arguments": {"FunctionName": "f", "Payload": {"token": "{% $states.context.Task.Token %}"}},"#,
        )),
        &[],
    );
    for never in [
        r#""Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"},"#,
        "",
    ] {
        assert_diagnostics(
            &one_jsonata(&callback(never)),
            &[(Code::CallbackWithoutToken, "/States/S/Resource")],
        );
    }
    assert_diagnostics(
        &one_jsonata(&callback(
            r#""Arguments": {"FunctionName": "f", "Payload": {"token.$": "$$.Task.Token"}},"#,
        )),
        &[
            (Code::CallbackWithoutToken, "/States/S/Resource"),
            (
                Code::JsonPathSyntaxInJsonata,
                "/States/S/Arguments/Payload/token.$",
            ),
        ],
    );
    // An activity's worker gets the token from `GetActivityTask`.
    assert_diagnostics(
        &one(
            r#"{"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:approve", "TimeoutSeconds": 60, "End": true}"#,
        ),
        &[],
    );
}

#[test]
fn states_with_no_path_to_an_end() {
    let machine = |states: &str| format!(r#"{{"StartAt": "Pick", "States": {{{states}}}}}"#);
    let pick = r#""Pick": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Poll"}], "Default": "Done"},
                  "Done": {"Type": "Succeed"}"#;
    let trapped = machine(&format!(
        r#"{pick}, "Poll": {{"Type": "Wait", "Seconds": 60, "Next": "Check"}},
           "Check": {{"Type": "Pass", "Next": "Poll"}}"#
    ));
    assert_diagnostics(&trapped, &[(Code::NoPathToEnd, "/States/Poll")]);
    let report = validate_str(&trapped);
    assert_eq!(
        report.diagnostics()[0].message,
        "from the states `Poll`, `Check`, no transition leads to a Succeed, Fail or `End` state: an execution that gets there runs until it fails or times out"
    );
    // A Choice without `Default` only fails when no rule matches: no way out either.
    assert_diagnostics(
        &machine(&format!(
            r#"{pick}, "Poll": {{"Type": "Wait", "Seconds": 60, "Next": "Check"}},
               "Check": {{"Type": "Choice", "Choices": [{{"Variable": "$.x", "IsPresent": true, "Next": "Poll"}}]}}"#
        )),
        &[
            (Code::NoPathToEnd, "/States/Poll"),
            (Code::MissingDefault, "/States/Check"),
        ],
    );
    // A way out through a Choice rule, or through a catcher, is enough.
    for way_out in [
        r#""Check": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Done"}], "Default": "Poll"}"#,
        r#""Check": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
                     "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Next": "Poll"}"#,
    ] {
        assert_diagnostics(
            &machine(&format!(
                r#"{pick}, "Poll": {{"Type": "Wait", "Seconds": 60, "Next": "Check"}}, {way_out}"#
            )),
            &[],
        );
    }
    // Nested lists are checked on their own; more than five states are counted.
    let loop_states: Vec<String> = (0..7)
        .map(|index| {
            format!(
                r#""L{index}": {{"Type": "Pass", "Next": "L{}"}}"#,
                (index + 1) % 7
            )
        })
        .collect();
    let branch = format!(
        r#"{{"StartAt": "Pick", "States": {{{}, {pick}, "Poll": {{"Type": "Wait", "Seconds": 1, "Next": "L0"}}}}}}"#,
        loop_states.join(", ")
    );
    let nested = one(&format!(
        r#"{{"Type": "Parallel", "Branches": [{branch}], "End": true}}"#
    ));
    let report = validate_str(&nested);
    let trapped: Vec<_> = report
        .diagnostics()
        .iter()
        .filter(|diagnostic| diagnostic.code == Code::NoPathToEnd)
        .collect();
    assert_eq!(trapped.len(), 1, "{report}");
    assert_eq!(trapped[0].pointer, "/States/S/Branches/0/States/L0");
    assert!(
        trapped[0]
            .message
            .starts_with("from the states `L0`, `L1`, `L2`, `L3`, `L4`, 3 more, no transition"),
        "{}",
        trapped[0].message
    );
    // With no end reachable at all, the error says it.
    assert_diagnostics(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}"#,
        &[
            (Code::NoReachableTerminal, "/StartAt"),
            (Code::LoopWithoutWait, "/States/A"),
        ],
    );
    // A loop that nothing enters: its states are entered (by each other), so AWS accepts
    // them (E-REACH-1); a warning.
    assert_diagnostics(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Wait", "Seconds": 1, "Next": "B"}}}"#,
        &[(Code::ReachedOnlyFromUnreachable, "/States/B")],
    );
    // A transition to a missing state is its own error, not repeated as a trap.
    assert_diagnostics(
        &machine(&format!(
            r#"{pick}, "Poll": {{"Type": "Wait", "Seconds": 60, "Next": "Check"}},
               "Check": {{"Type": "Choice", "Choices": [{{"Variable": "$.done", "BooleanEquals": true, "Next": "Dnoe"}}], "Default": "Poll"}}"#
        )),
        &[(Code::UnknownTarget, "/States/Check/Choices/0/Next")],
    );
}

#[test]
fn large_payloads_and_definitions() {
    let big = "x".repeat(300_000);
    assert_diagnostics(
        &one(&format!(
            r#"{{"Type": "Pass", "Result": "{big}", "End": true}}"#
        )),
        &[(Code::PayloadTooLarge, "/States/S/Result")],
    );
    let huge = "x".repeat(1_100_000);
    let report = validate_str(&one(&format!(
        r#"{{"Type": "Pass", "Comment": "{huge}", "End": true}}"#
    )));
    assert_eq!(report.diagnostics()[0].code, Code::DefinitionTooLarge);
    assert_eq!(report.diagnostics()[0].pointer, "");
}

#[test]
fn every_code_is_documented() {
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/validate.md"),
    )
    .expect("docs/validate.md");
    for code in Code::ALL {
        assert!(
            docs.contains(&format!("| `{code}` |")),
            "docs/validate.md does not list `{code}`"
        );
    }
}

#[test]
fn jsonata_syntax() {
    assert_diagnostics(
        &one_jsonata(
            r#"{"Type": "Pass", "Output": {"ok": "{% $states.input.a + 1 %}", "bad": "{% $states.input.( %}"},
                "Assign": {"x": "{% %}"}, "End": true}"#,
        ),
        &[
            (Code::InvalidJsonata, "/States/S/Output/bad"),
            (Code::InvalidJsonata, "/States/S/Assign/x"),
        ],
    );
    let report = validate_str(&one_jsonata(
        r#"{"Type": "Pass", "Output": "{% 1 + %}", "End": true}"#,
    ));
    let diagnostic = &report.diagnostics()[0];
    assert!(
        diagnostic.message.contains("invalid JSONata expression"),
        "{diagnostic}"
    );
}

#[test]
fn numbers_the_model_rounds_are_warned_about() {
    let text = one(
        r#"{"Type": "Pass", "Result": {"id": 18446744073709551616, "tiny": 1e-400, "ok": [1e2, -0, 0.5, 18446744073709551615]}, "End": true}"#,
    );
    assert_diagnostics(
        &text,
        &[
            (Code::InexactNumber, "/States/S/Result/id"),
            (Code::InexactNumber, "/States/S/Result/tiny"),
        ],
    );
    let report = validate_str(&text);
    let first = report.diagnostics().first().expect("a diagnostic");
    assert!(!report.has_errors());
    assert_eq!(
        first.message,
        "the number `18446744073709551616` is read as `1.8446744073709552e+19`: it has more digits or range than a 64-bit integer or float holds"
    );
    let allowed = validate_str_with(&text, &Options::default().allow(Code::InexactNumber));
    assert!(allowed.is_clean());
    // Seventeen significant digits, and still not held: the hint says what is.
    let report = validate_str(&one(
        r#"{"Type": "Pass", "Result": 12345678901234567.0, "End": true}"#,
    ));
    let [diagnostic] = report.diagnostics() else {
        panic!("one diagnostic: {report:?}");
    };
    assert_eq!(
        diagnostic.hint.as_deref(),
        Some(
            "write the value it is read as (`1.2345678901234568e+16`), or a number a 64-bit float holds exactly (any of at most 15 significant digits between about 2.2e-308 and 1.8e308 in magnitude), or a string if every digit matters"
        )
    );
}

#[test]
fn payload_templates_that_are_not_objects_are_warned_about() {
    assert_diagnostics(
        &one(r#"{"Type": "Pass", "Parameters": [{"Item.$": "$.Item"}], "End": true}"#),
        &[(Code::TemplateNotObject, "/States/S/Parameters")],
    );
    assert_diagnostics(
        &one(&format!(
            r#"{{"Type": "Task", {LAMBDA}, "Parameters": "x", "End": true}}"#
        )),
        &[(Code::TemplateNotObject, "/States/S/Parameters")],
    );
    assert_diagnostics(
        &one(
            r#"{"Type": "Map", "ItemSelector": 5, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}"#,
        ),
        &[(Code::TemplateNotObject, "/States/S/ItemSelector")],
    );
    // JSONata item selectors may be any JSON.
    assert_diagnostics(
        &one_jsonata(
            r#"{"Type": "Map", "ItemSelector": "{% $states.context.Map.Item.Value %}", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}"#,
        ),
        &[],
    );
    // ResultSelector stays an error.
    assert_diagnostics(
        &one(&format!(
            r#"{{"Type": "Task", {LAMBDA}, "ResultSelector": [1], "End": true}}"#
        )),
        &[(Code::PayloadNotObject, "/States/S/ResultSelector")],
    );
}

#[test]
fn ranges_without_an_upper_bound_say_at_least() {
    assert_eq!(
        messages(&one(&format!(
            r#"{{"Type": "Task", {LAMBDA}, "Retry": [{{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}}], "End": true}}"#
        ))),
        ["`BackoffRate` of state `S` must be at least 1, found 0.5"]
    );
}

#[test]
fn an_intrinsic_in_a_path_field_is_explained() {
    let report = validate_str(&one(
        r#"{"Type": "Pass", "InputPath": "States.Array($.a)", "End": true}"#,
    ));
    let diagnostic = report.diagnostics().first().expect("a diagnostic");
    assert_eq!(diagnostic.code, Code::InvalidPath);
    let hint = diagnostic.hint.as_deref().unwrap_or_default();
    assert!(
        hint.starts_with("intrinsic functions are evaluated only"),
        "{hint}"
    );
    // A path without its `$` gets the `$.` suggestion.
    let report = validate_str(&one(
        r#"{"Type": "Pass", "InputPath": "order.id", "End": true}"#,
    ));
    assert_eq!(
        report.diagnostics().first().and_then(|d| d.hint.as_deref()),
        Some("did you mean `$.order.id`?")
    );
}

#[test]
fn messages_quote_long_values_and_loops_shortly() {
    let deep = format!("{}$.a{}", "States.Array(".repeat(70), ")".repeat(70));
    let report = validate_str(&one(&format!(
        r#"{{"Type": "Pass", "Parameters": {{"x.$": "{deep}"}}, "End": true}}"#
    )));
    let message = &report.diagnostics().first().expect("a diagnostic").message;
    assert!(message.len() < 300, "{message}");
    assert!(
        message.contains("States.Array(States.Array(") && message.contains('…'),
        "{message}"
    );
    let states: Vec<String> = (0..30)
        .map(|index| {
            format!(
                r#""C{index}": {{"Type": "Choice", "Choices": [{{"Variable": "$.done", "BooleanEquals": true, "Next": "Done"}}], "Default": "C{}"}}"#,
                (index + 1) % 30
            )
        })
        .collect();
    let text = format!(
        r#"{{"StartAt": "C0", "States": {{{}, "Done": {{"Type": "Succeed"}}}}}}"#,
        states.join(", ")
    );
    let report = validate_str(&text);
    let looping = report
        .diagnostics()
        .iter()
        .find(|diagnostic| diagnostic.code == Code::LoopWithoutWait)
        .expect("a loop");
    assert!(
        looping.message.starts_with("the states `C0`, `C1`, `C2`")
            && looping.message.contains("`C9`, and 20 more form a loop"),
        "{}",
        looping.message
    );
}

#[test]
fn problems_in_array_items_name_the_item() {
    let report = validate_str(&one_jsonata(
        r#"{"Type": "Pass", "Output": {"a": ["x", "{% 1 + %}"]}, "End": true}"#,
    ));
    let diagnostic = report.diagnostics().first().expect("a diagnostic");
    assert_eq!(diagnostic.pointer, "/States/S/Output/a/1");
    assert!(
        diagnostic
            .message
            .starts_with("`Output.a[1]` of state `S` holds an invalid JSONata expression"),
        "{}",
        diagnostic.message
    );
}

#[test]
fn an_intrinsic_in_a_jsonata_expression_is_named_as_such() {
    assert_eq!(
        messages(&one_jsonata(
            r#"{"Type": "Pass", "Output": {"x": "{% States.Format('a {}', $states.input.b) %}", "y": "{% States.total %}"}, "End": true}"#,
        )),
        [
            "`Output.x` of state `S` calls an intrinsic function (`States.…`), which only JSONPath states have",
            "`Output.y` of state `S` reads the field `States` of the input document, which JSONata expressions in Step Functions do not have",
        ]
    );
}

#[test]
fn integration_patterns_the_service_supports() {
    // The requests are not the point here: their missing fields are allowed.
    let allowed = Options::default().allow(Code::MissingRequestField);
    let assert_codes = |text: &str, expected: &[(Code, &str)]| {
        super::assert_diagnostics_with(text, &allowed, expected);
    };
    let task = |resource: &str| {
        one(&format!(
            r#"{{"Type": "Task", "Resource": "{resource}", "TimeoutSeconds": 60, "Parameters": {{"TaskToken.$": "$$.Task.Token"}}, "End": true}}"#
        ))
    };
    for supported in [
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "arn:aws:states:::ecs:runTask.sync",
        "arn:aws:states:::ecs:runTask.waitForTaskToken",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::glue:startJobRun.sync",
        "arn:aws:states:::athena:startQueryExecution.sync",
        "arn:aws:states:::codebuild:startBuildBatch.sync",
        "arn:aws:states:::sagemaker:createTrainingJob.sync",
        "arn:aws:states:::elasticmapreduce:addStep.sync",
        "arn:aws:states:::eks:createNodegroup.sync",
        "arn:aws:states:::emr-containers:startJobRun.sync",
        "arn:aws:states:::bedrock:createModelCustomizationJob.sync",
        "arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken",
        "arn:aws:states:::${Service}:run.sync",
    ] {
        assert_codes(&task(supported), &[]);
    }
    // A service the table does not know is reported as such, not for its pattern.
    assert_codes(
        &task("arn:aws:states:::newservice:doThing.sync"),
        &[(Code::UnknownIntegrationService, "/States/S/Resource")],
    );
    for unsupported in [
        "arn:aws:states:::lambda:invoke.sync",
        "arn:aws:states:::dynamodb:putItem.waitForTaskToken",
        "arn:aws:states:::glue:startJobRun.waitForTaskToken",
        "arn:aws:states:::batch:submitJob.sync:2",
        "arn:aws:states:::aws-sdk:s3:listObjectsV2.sync",
        "arn:aws:states:::aws-sdk:s3:getObject.sync:2",
        "arn:aws:states:::sqs:sendMessage.waitForTaskTokn",
        "arn:aws:states:::athena:getQueryResults.sync",
        "arn:aws:states:::codebuild:stopBuild.sync",
        "arn:aws:states:::sagemaker:createModel.sync",
        "arn:aws:states:::elasticmapreduce:cancelStep.sync",
        "arn:aws:states:::eks:call.sync",
        "arn:aws:states:::emr-containers:createVirtualCluster.sync",
        "arn:aws:states:::bedrock:invokeModel.sync",
        "arn:aws:states:::bedrockagentcore:invokeHarness.sync",
        "arn:aws:states:::bedrockagentcore:invokeHarness.waitForTaskToken",
    ] {
        assert_codes(
            &task(unsupported),
            &[(Code::UnsupportedIntegrationPattern, "/States/S/Resource")],
        );
    }
    let report = validate_str(&task("arn:aws:states:::sagemaker:createModel.sync"));
    assert_eq!(
        report.diagnostics().first().map(|d| d.message.as_str()),
        Some(
            "the `Resource` of state `S` uses `.sync` with `sagemaker:createModel`, which returns at once: only `createHyperParameterTuningJob`, `createLabelingJob`, `createProcessingJob`, `createTrainingJob`, `createTransformJob` can wait for the job"
        )
    );
    let report = validate_str_with(
        &task("arn:aws:states:::sqs:sendMessage.waitForTaskTokn"),
        &Options::default().allow(Code::MissingRequestField),
    );
    assert_eq!(
        report.diagnostics().first().and_then(|d| d.hint.as_deref()),
        Some("did you mean `.waitForTaskToken`?")
    );
}

/// The code and hint of each problem with a Task calling `resource` (missing request fields
/// allowed: the Tasks have no request).
fn resource_problems(resource: &str) -> Vec<(Code, String)> {
    let task = one(&format!(
        r#"{{"Type": "Task", "Resource": "{resource}", "TimeoutSeconds": 60, "End": true}}"#
    ));
    let report = validate_str_with(&task, &Options::default().allow(Code::MissingRequestField));
    report
        .diagnostics()
        .iter()
        .map(|d| (d.code, d.hint.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn resources_name_a_known_integration_action_and_partition_without_whitespace() {
    let allowed = Options::default().allow(Code::MissingRequestField);
    let task = |resource: &str| {
        one(&format!(
            r#"{{"Type": "Task", "Resource": "{resource}", "TimeoutSeconds": 60, "End": true}}"#
        ))
    };
    for fine in [
        "arn:aws:states:::lambda:invoke",
        "arn:aws:states:::dynamodb:deleteItem",
        "arn:aws:states:::ecs:runTask.sync",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::athena:getQueryResults",
        "arn:aws:states:::codebuild:retryBuildBatch.sync",
        "arn:aws:states:::aws-sdk:dynamodb:query",
        "arn:aws:states:::lambda:${Action}",
        "arn:aws-cn:lambda:cn-north-1:123456789012:function:f",
        "arn:aws-us-gov:states:::sns:publish",
        "arn:${AWS::Partition}:states:::sqs:sendMessage",
        "arn:aws:states:us-east-1:123456789012:activity:review",
        "${ChargeFunctionArn}",
    ] {
        assert_eq!(resource_problems(fine), [], "{fine}");
    }
    assert_eq!(
        resource_problems("arn:aws:states:::lambda:invok"),
        [(
            Code::UnknownIntegrationAction,
            "did you mean `invoke`?".to_owned()
        )]
    );
    assert_eq!(
        resource_problems("arn:aws:states:::dynamodb:query"),
        [(
            Code::UnknownIntegrationAction,
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:dynamodb:query`"
                .to_owned()
        )]
    );
    assert_eq!(
        resource_problems("arn:aws:states:::athena:getQueryResult"),
        [(
            Code::UnknownIntegrationAction,
            "did you mean `getQueryResults`?".to_owned()
        )]
    );
    assert_eq!(
        resource_problems("arn:aws:states:::lamda:invoke"),
        [(
            Code::UnknownIntegrationService,
            "did you mean `lambda`?".to_owned()
        )]
    );
    assert_eq!(
        resource_problems("arn:awz:lambda:us-east-1:123456789012:function:f"),
        [(Code::UnknownPartition, "did you mean `aws`?".to_owned())]
    );
    for spaced in [
        "arn:aws:states:::lambda:invoke ",
        " arn:aws:lambda:us-east-1:123456789012:function:f",
        "arn:aws:states:us-east-1:123456789012:activity:my review",
        "arn:aws:something:::with space",
    ] {
        let found = resource_problems(spaced);
        assert_eq!(
            found.first().map(|d| d.0),
            Some(Code::InvalidResource),
            "{spaced}"
        );
    }
    let report = validate_str_with(&task("arn:aws:lambda"), &allowed);
    assert_eq!(
        report.diagnostics()[0].message,
        "the `Resource` of state `S` is not a complete ARN: `arn:aws:lambda` has 3 of the 6 parts `arn:partition:service:region:account:resource`"
    );
}

/// An action five edits from a listed one (`deleteCluster`) is another action, not a typo:
/// the hint is the AWS SDK form, not "did you mean".
#[test]
fn distant_actions_get_the_sdk_hint_not_a_suggestion() {
    assert_eq!(
        resource_problems("arn:aws:states:::eks:describeCluster"),
        [(
            Code::UnknownIntegrationAction,
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:eks:describeCluster`".to_owned()
        )]
    );
}

/// The services whose action lists came from their pages under integrate-optimized.html
/// after the first ones: each listed action is fine, with its pattern; others are reported.
#[test]
fn the_later_optimized_integrations_have_their_actions_checked() {
    for fine in [
        "arn:aws:states:::bedrock:invokeModel",
        "arn:aws:states:::bedrock:createModelCustomizationJob.sync",
        "arn:aws:states:::bedrockagentcore:invokeHarness",
        "arn:aws:states:::databrew:startJobRun.sync",
        "arn:aws:states:::eks:runJob.sync",
        "arn:aws:states:::eks:call",
        "arn:aws:states:::eks:createNodegroup.sync",
        "arn:aws:states:::elasticmapreduce:terminateCluster.sync",
        "arn:aws:states:::elasticmapreduce:modifyInstanceGroupByName",
        "arn:aws:states:::emr-containers:startJobRun.sync",
        "arn:aws:states:::emr-serverless:cancelJobRun.sync",
        "arn:aws:states:::mediaconvert:createJob.sync",
        "arn:aws:states:::sagemaker:createProcessingJob.sync",
        "arn:aws:states:::sagemaker:updateEndpoint",
    ] {
        assert_eq!(resource_problems(fine), [], "{fine}");
    }
    for (resource, hint) in [
        (
            "arn:aws:states:::sagemaker:anyActionAtAll",
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:sagemaker:anyActionAtAll`",
        ),
        (
            "arn:aws:states:::sagemaker:createTrainingJobs.sync",
            "did you mean `createTrainingJob`?",
        ),
        (
            "arn:aws:states:::eks:createNodeGroup",
            "did you mean `createNodegroup`?",
        ),
        (
            "arn:aws:states:::bedrockagentcore:invokeHarnes",
            "did you mean `invokeHarness`?",
        ),
        (
            "arn:aws:states:::eks:listClusters",
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:eks:listClusters`",
        ),
        (
            "arn:aws:states:::elasticmapreduce:addSteps.sync",
            "did you mean `addStep`?",
        ),
        (
            "arn:aws:states:::emr-serverless:startJobRuns.sync",
            "did you mean `startJobRun`?",
        ),
        (
            "arn:aws:states:::bedrock:invokeModels",
            "did you mean `invokeModel`?",
        ),
        (
            "arn:aws:states:::databrew:startJob",
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:databrew:startJob`",
        ),
        (
            "arn:aws:states:::mediaconvert:createJobs",
            "did you mean `createJob`?",
        ),
        // The AWS SDK integration names some services otherwise.
        (
            "arn:aws:states:::elasticmapreduce:runJobFlow",
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:emr:runJobFlow`",
        ),
        (
            "arn:aws:states:::emr-containers:listJobRuns",
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:emrcontainers:listJobRuns`",
        ),
        (
            "arn:aws:states:::emr-serverless:getJobRun",
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:emrserverless:getJobRun`",
        ),
        (
            "arn:aws:states:::events:putRule",
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:eventbridge:putRule`",
        ),
        (
            "arn:aws:states:::states:describeExecution",
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:sfn:describeExecution`",
        ),
        // Bedrock's runtime API is an SDK service of its own; the HTTP Task has none.
        (
            "arn:aws:states:::bedrock:converse",
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:bedrockruntime:converse`",
        ),
        (
            "arn:aws:states:::bedrock:listFoundationModels",
            "call other actions through the AWS SDK integration, `arn:aws:states:::aws-sdk:bedrock:listFoundationModels`",
        ),
        (
            "arn:aws:states:::http:post",
            "an HTTP Task's `Resource` is always `arn:aws:states:::http:invoke`; the endpoint and method go in its request (`ApiEndpoint`, `Method`)",
        ),
    ] {
        assert_eq!(
            resource_problems(resource),
            [(Code::UnknownIntegrationAction, hint.to_owned())],
            "{resource}"
        );
    }
}

#[test]
fn distributed_map_readers_and_writers_use_their_s3_actions() {
    let map = |reader: &str, writer: &str| {
        one(&format!(
            r#"{{"Type": "Map", "ItemReader": {{"Resource": "{reader}", "Parameters": {{"Bucket": "b", "Key": "k"}}}},
                "ResultWriter": {{"Resource": "{writer}", "Parameters": {{"Bucket": "b", "Prefix": "p"}}}},
                "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}},
                                   "StartAt": "P", "States": {{"P": {{"Type": "Pass", "End": true}}}}}}, "End": true}}"#
        ))
    };
    assert_diagnostics(
        &map(
            "arn:aws:states:::s3:getObject",
            "arn:aws:states:::s3:putObject",
        ),
        &[],
    );
    assert_diagnostics(
        &map(
            "arn:aws:states:::s3:putObject",
            "arn:aws:states:::s3:getObject",
        ),
        &[
            (Code::InvalidResource, "/States/S/ItemReader/Resource"),
            (Code::InvalidResource, "/States/S/ResultWriter/Resource"),
        ],
    );
}

#[test]
fn map_run_labels_are_unique_and_have_no_slash() {
    let map = |name: &str, label: &str, next: &str| {
        format!(
            r#""{name}": {{"Type": "Map", "Label": "{label}", {next},
                "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}},
                                   "StartAt": "P{name}", "States": {{"P{name}": {{"Type": "Pass", "End": true}}}}}}}}"#
        )
    };
    let text = format!(
        r#"{{"StartAt": "A", "States": {{{}, {}}}}}"#,
        map("A", "Orders", r#""Next": "B""#),
        map("B", "Orders", r#""End": true"#)
    );
    assert_diagnostics(&text, &[(Code::DuplicateLabel, "/States/B/Label")]);
    let report = validate_str(&text);
    assert_eq!(
        report.diagnostics().first().map(|d| d.message.as_str()),
        Some(
            "Map state `B` has the `Label` `Orders` of Map state `A`; each Map Run label must be unique in the definition"
        )
    );
    let slash = format!(
        r#"{{"StartAt": "A", "States": {{{}}}}}"#,
        map("A", "eu/orders", r#""End": true"#)
    );
    assert_diagnostics(&slash, &[(Code::InvalidLabel, "/States/A/Label")]);
}

#[test]
fn requests_written_out_must_have_the_fields_the_api_requires() {
    let task = |resource: &str, request: &str| {
        one(&format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::{resource}", "Parameters": {request}, "End": true}}"#
        ))
    };
    assert_diagnostics(
        &task("sns:publish", r#"{"Message": "hi"}"#),
        &[(Code::MissingRequestField, "/States/S/Parameters")],
    );
    assert_diagnostics(
        &task(
            "sns:publish",
            r#"{"TargetArn.$": "$.arn", "Message.$": "$.text"}"#,
        ),
        &[],
    );
    assert_diagnostics(
        &task("dynamodb:putItem", r#"{"TableName": "t"}"#),
        &[(Code::MissingRequestField, "/States/S/Parameters")],
    );
    assert_diagnostics(
        &task("batch:submitJob", r#"{"JobName": "j"}"#),
        &[
            (Code::MissingRequestField, "/States/S/Parameters"),
            (Code::MissingRequestField, "/States/S/Parameters"),
        ],
    );
    assert_diagnostics(
        &task("apigateway:invoke", r#"{"Method": "GET"}"#),
        &[(Code::MissingRequestField, "/States/S/Parameters")],
    );
    // Bedrock reads the body from the request or from S3.
    for body in [r#""Body": {}"#, r#""Input": {"S3Uri": "s3://b/k"}"#] {
        assert_diagnostics(
            &task(
                "bedrock:invokeModel",
                &format!(r#"{{"ModelId.$": "$.model", {body}}}"#),
            ),
            &[],
        );
    }
    assert_eq!(
        messages(&task("bedrock:invokeModel", r#"{"ModelId": "m"}"#)),
        [
            "the `bedrock:invokeModel` request of state `S` has no `Body` or `Input`, which the API requires"
        ]
    );
    assert_eq!(
        messages(&task(
            "bedrockagentcore:invokeHarness",
            r#"{"HarnessArn": "h", "Messages": []}"#
        )),
        [
            "the `bedrockagentcore:invokeHarness` request of state `S` has no `RuntimeSessionId`, which the API requires"
        ]
    );
    // The API reference (InvokeHarness) marks `messages` required too.
    assert_eq!(
        messages(&task(
            "bedrockagentcore:invokeHarness",
            r#"{"HarnessArn": "h", "RuntimeSessionId.$": "$.id"}"#
        )),
        [
            "the `bedrockagentcore:invokeHarness` request of state `S` has no `Messages`, which the API requires"
        ]
    );
    assert_diagnostics(
        &task(
            "eks:runJob",
            r#"{"ClusterName": "c", "Endpoint": "e", "Job": {}, "Namespace": "n"}"#,
        ),
        &[(Code::MissingRequestField, "/States/S/Parameters")],
    );
    assert_diagnostics(
        &task(
            "elasticmapreduce:addStep",
            r#"{"ClusterId.$": "$.id", "Step": {}}"#,
        ),
        &[],
    );
    // A request passed whole, and AWS SDK integrations, are not checked.
    assert_diagnostics(
        &one(r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}"#),
        &[],
    );
    assert_diagnostics(&task("aws-sdk:sns:publish", r#"{"Message": "hi"}"#), &[]);
    let jsonata = one_jsonata(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"Payload": "{% $states.input %}"}, "End": true}"#,
    );
    assert_eq!(
        messages(&jsonata),
        ["the `lambda:invoke` request of state `S` has no `FunctionName`, which the API requires"]
    );
}

#[test]
fn yaml_merge_keys_are_read_as_sam_reads_them() {
    // SAM's loader (YAML 1.1) merges `<<`; a YAML 1.2 reader would see a key `<<`, which a
    // retrier does not have.
    let yaml = "\
StartAt: Charge
States:
  Charge:
    Type: Task
    Resource: arn:aws:states:::lambda:invoke
    Parameters: {FunctionName: charge}
    Retry:
      - &retry
        ErrorEquals: [States.ALL]
        BackoffRate: 0.5
    Next: Ship
  Ship:
    Type: Task
    Resource: arn:aws:states:::lambda:invoke
    Parameters: {FunctionName: ship}
    Retry:
      - <<: *retry
        MaxAttempts: 2
    End: true
";
    let report = sfn_dsl::validate::validate_yaml_str(yaml);
    let found: Vec<_> = report
        .diagnostics()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic.code,
                diagnostic.pointer.as_str(),
                diagnostic.line,
            )
        })
        .collect();
    // The merged value is reported on the merge key's line; nothing about a `<<` field.
    assert_eq!(
        found,
        [
            (
                Code::OutOfRange,
                "/States/Charge/Retry/0/BackoffRate",
                Some(10)
            ),
            (
                Code::OutOfRange,
                "/States/Ship/Retry/0/BackoffRate",
                Some(17)
            ),
        ]
    );
}

#[test]
fn problems_inside_yaml_block_scalars_are_shown_on_their_line() {
    // A long JSONata expression written as a block scalar: its syntax error is shown where
    // it is written, not at the start of the scalar.
    let yaml = "\
QueryLanguage: JSONata
StartAt: Shape
States:
  Shape:
    Type: Pass
    Output: |-
      {% {
        'total': $sum($states.input.items.price),
        'count': $count($states.input.items) +
      } %}
    End: true
";
    let report = sfn_dsl::validate::validate_yaml_str(yaml);
    let [problem] = report.diagnostics() else {
        panic!("one problem: {report:?}")
    };
    assert_eq!(problem.code, Code::InvalidJsonata, "{problem:?}");
    assert_eq!(problem.line, Some(10), "{problem:?}");
    let span = problem.span.expect("span");
    assert!(
        yaml[span.start..].starts_with("} %}"),
        "{:?}",
        &yaml[span.start..]
    );
}

#[test]
fn numbers_that_are_not_whole_are_shown_as_written() {
    let report = validate_str(
        r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10.0, "Next": "T"},
        "T": {"Type": "Pass", "End": true, "Comment": "x"},
        "U": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
              "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1e2}], "Next": "T"},
        "V": {"Type": "Wait", "Seconds": 18446744073709551616, "Next": "T"},
        "X": {"Type": "Wait", "Seconds": -5, "Next": "T"}}}"#,
    );
    let messages: Vec<&str> = report
        .diagnostics()
        .iter()
        .filter(|diagnostic| diagnostic.code == Code::InvalidValue)
        .map(|diagnostic| diagnostic.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "`Seconds` must be a whole number, found 10.0",
            "`MaxAttempts` must be a whole number, found 1e2",
            "`Seconds` is too large: at most 18446744073709551615 is read, found 18446744073709551616",
            "`Seconds` cannot be negative, found -5",
        ]
    );
}

/// connect-bedrockagentcore.html: an `invokeHarness` Task runs at most 15 minutes, even
/// with a larger `TimeoutSeconds`.
#[test]
fn a_harness_timeout_past_fifteen_minutes_is_warned_about() {
    let harness = |timeout: u64| {
        one(&format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::bedrockagentcore:invokeHarness",
                "Parameters": {{"HarnessArn": "h", "RuntimeSessionId.$": "$.id", "Messages": []}},
                "TimeoutSeconds": {timeout}, "End": true}}"#
        ))
    };
    assert_diagnostics(&harness(900), &[]);
    assert_diagnostics(
        &harness(3600),
        &[(Code::IntegrationTimeLimit, "/States/S/TimeoutSeconds")],
    );
    assert_eq!(
        messages(&harness(901)),
        [
            "`TimeoutSeconds` of state `S` is 901 s, but a `bedrockagentcore:invokeHarness` Task runs at most 900 s whatever its `TimeoutSeconds`"
        ]
    );
    // Other integrations may run longer.
    assert_diagnostics(
        &one(&format!(
            r#"{{"Type": "Task", {LAMBDA}, "Parameters": {{"FunctionName": "f"}}, "TimeoutSeconds": 3600, "End": true}}"#
        )),
        &[],
    );
}

/// JSONata `Items`: an array, an object (iterated by key and value on current AWS) or an
/// expression; any other literal is refused.
#[test]
fn jsonata_map_items_may_be_an_object() {
    let map = |items: &str| {
        one_jsonata(&format!(
            r#"{{"Type": "Map", "Items": {items}, "ItemProcessor": {{"StartAt": "P", "States": {{"P": {{"Type": "Pass", "End": true}}}}}}, "End": true}}"#
        ))
    };
    for items in [r#"{"a": 1, "b": 2}"#, "[1, 2]", r#""{% [1] %}""#] {
        let report = validate_str(&map(items));
        assert!(report.is_clean(), "{items}: {report}");
    }
    assert_eq!(
        messages(&map(r#""a,b""#)),
        ["`Items` of Map state `S` must be an array, an object or a `{% … %}` expression"]
    );
}

/// A `ResultWriter` is `WriterConfig` alone, or `Resource` with its bucket and prefix (and
/// optionally `WriterConfig`): one of the pair without the other is refused.
#[test]
fn a_result_writer_needs_its_resource_and_its_bucket_together() {
    let map = |writer: &str| {
        one(&format!(
            r#"{{"Type": "Map", "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}}, "StartAt": "P", "States": {{"P": {{"Type": "Pass", "End": true}}}}}}, "ResultWriter": {writer}, "End": true}}"#
        ))
    };
    let bucket = r#""Parameters": {"Bucket": "b", "Prefix": "p"}"#;
    let resource = r#""Resource": "arn:aws:states:::s3:putObject""#;
    let config = r#""WriterConfig": {"OutputType": "JSON", "Transformation": "COMPACT"}"#;
    for writer in [
        format!("{{{config}}}"),
        format!("{{{resource}, {bucket}}}"),
        format!("{{{resource}, {bucket}, {config}}}"),
    ] {
        let report = validate_str(&map(&writer));
        assert!(
            !report
                .diagnostics()
                .iter()
                .any(|d| d.code == Code::MissingField),
            "{writer}: {report}"
        );
    }
    assert_eq!(
        messages(&map(&format!("{{{bucket}}}"))),
        ["the `ResultWriter` of Map state `S` has `Parameters` but no `Resource`"]
    );
    assert_eq!(
        messages(&map(&format!("{{{resource}, {config}}}"))),
        [
            "the `ResultWriter` of Map state `S` has a `Resource` but no bucket: add `Parameters` with `Bucket` and `Prefix`"
        ]
    );
}

/// The AWS SDK integration names some services otherwise than their optimized
/// integrations do (`sfn`, `eventbridge`, `emr`): the optimized names are unknown to it.
#[test]
fn sdk_integrations_under_optimized_names_are_warned_about() {
    let task = |resource: &str| {
        one(&format!(
            r#"{{"Type": "Task", "Resource": "{resource}", "Parameters": {{}}, "End": true}}"#
        ))
    };
    assert_eq!(
        messages(&task("arn:aws:states:::aws-sdk:states:startExecution")),
        [
            "the `Resource` of state `S` calls `aws-sdk:states`, but the AWS SDK integration names that service `sfn`"
        ]
    );
    assert_eq!(
        messages(&task("arn:aws:states:::aws-sdk:s3:CopyObject")),
        [
            "the `Resource` of state `S` calls `aws-sdk:s3:CopyObject`, but AWS SDK integration actions are camelCase"
        ]
    );
    for fine in [
        "arn:aws:states:::aws-sdk:sfn:startExecution",
        "arn:aws:states:::aws-sdk:eventbridge:putEvents",
        "arn:aws:states:::aws-sdk:s3:copyObject",
        "arn:aws:states:::aws-sdk:bedrock:listFoundationModels",
    ] {
        let report = validate_str(&task(fine));
        assert!(
            !report
                .diagnostics()
                .iter()
                .any(|d| d.code == Code::UnknownIntegrationService),
            "{fine}: {report}"
        );
    }
}

/// `(pointer, hint)` of every diagnostic of `definition`.
fn pointers_and_hints(definition: &str) -> Vec<(String, Option<String>)> {
    validate_str(definition)
        .diagnostics()
        .iter()
        .map(|diagnostic| (diagnostic.pointer.clone(), diagnostic.hint.clone()))
        .collect()
}

#[test]
fn a_misspelt_comparison_operator_is_named_with_its_fix() {
    let found = pointers_and_hints(
        r#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
            {"Variable": "$.x", "StringEqual": "a", "Next": "D"},
            {"Or": [{"Variable": "$.x", "Stringequals": "b"}], "Next": "D"}]},
          "D": {"Type": "Succeed"}}}"#,
    );
    assert_eq!(
        found,
        [
            (
                "/States/C/Choices/0/StringEqual".to_owned(),
                Some("did you mean `StringEquals`?".to_owned())
            ),
            (
                "/States/C/Choices/1/Or/0/Stringequals".to_owned(),
                Some("did you mean `StringEquals`?".to_owned())
            ),
        ]
    );
}

#[test]
fn a_misspelt_type_is_named_and_the_state_still_checked_as_that_type() {
    let found = pointers_and_hints(
        r#"{"StartAt": "A", "States": {
            "A": {"Typ": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                  "TimeoutSecond": 5},
            "B": {"Kind": "Pass", "End": true}}}"#,
    );
    assert_eq!(
        found,
        [
            (
                "/States/A/Typ".to_owned(),
                Some("did you mean `Type`?".to_owned())
            ),
            (
                "/States/A/TimeoutSecond".to_owned(),
                Some("did you mean `TimeoutSeconds`?".to_owned())
            ),
            ("/States/B".to_owned(), None),
        ]
    );
}

#[test]
fn minus_zero_is_a_whole_number() {
    let found = pointers_and_hints(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": -0,
            "Retry": [{"ErrorEquals": ["X"], "MaxAttempts": -0}], "End": true}}}"#,
    );
    // Zero: out of `TimeoutSeconds`' range, and a valid `MaxAttempts`.
    assert_eq!(found, [("/States/A/TimeoutSeconds".to_owned(), None)]);
}

#[test]
fn a_wait_of_seconds_and_a_timestamp_is_reported_at_the_timestamp() {
    let found = pointers_and_hints(&one(
        r#"{"Type": "Wait", "Seconds": 5, "TimestampPath": "$.at", "End": true}"#,
    ));
    assert_eq!(found, [("/States/S/TimestampPath".to_owned(), None)]);
}

#[test]
fn next_in_a_nested_rule_is_reported_at_its_key() {
    let definition = r#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
  {"Not": {"Variable": "$.x", "IsNull": true, "Next": "D"}, "Next": "D"}]},
  "D": {"Type": "Succeed"}}}"#;
    let report = validate_str(definition);
    // The rules run too: `C` has no `Default`, a warning placed before the nested `Next`.
    let diagnostic = report
        .diagnostics()
        .iter()
        .find(|diagnostic| diagnostic.code == Code::UnknownField)
        .expect("the nested `Next`");
    assert_eq!(diagnostic.pointer, "/States/C/Choices/0/Not/Next");
    // Line 2, at `"Next"` (column 47), not at its value (column 55).
    assert_eq!((diagnostic.line, diagnostic.column), (Some(2), Some(47)));
}

#[test]
fn an_unassigned_read_is_not_pointed_at_a_name_no_state_may_assign() {
    let hints: Vec<Option<String>> = pointers_and_hints(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Assign": {"x²": {"a": 1}}, "Next": "B"},
            "B": {"Type": "Pass", "Parameters": {"v.$": "$x²"}, "End": true}}}"#,
    )
    .into_iter()
    .map(|(_, hint)| hint)
    .collect();
    assert!(
        !hints
            .iter()
            .flatten()
            .any(|hint| hint.contains("did you mean `$x²`")),
        "{hints:?}"
    );
}

/// In a template, a `DefinitionString` that writes the placeholder unquoted
/// (`"Seconds": ${Delay}`) substitutes a number; one that quotes it substitutes a string.
/// (Inside the `Fn::Sub`, `${Delay}` is the template's parameter.)
#[test]
fn a_template_placeholder_is_quoted_only_where_it_is_written_quoted() {
    use sfn_dsl::template::Template;
    use sfn_dsl::validate::validate_template_machine;

    let template = |seconds: &str| {
        let definition = format!(
            r#"{{\"StartAt\": \"W\", \"States\": {{\"W\": {{\"Type\": \"Wait\", \"Seconds\": {seconds}, \"End\": true}}}}}}"#
        );
        format!(
            r#"{{"Parameters": {{"Delay": {{"Type": "Number"}}}},
              "Resources": {{"Orders": {{"Type": "AWS::StepFunctions::StateMachine",
                "Properties": {{"DefinitionString": {{"Fn::Sub": "{definition}"}}}}}}}}}}"#
        )
    };
    let codes = |seconds: &str| {
        let template = Template::from_json(&template(seconds)).expect("a template");
        let machines = template.state_machines().expect("state machines");
        let report = validate_template_machine(&template, &machines[0], &Options::default())
            .expect("inline");
        report
            .diagnostics()
            .iter()
            .map(|diagnostic| (diagnostic.code, diagnostic.pointer.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes("${Delay}"), []);
    assert_eq!(
        codes(r#"\"${Delay}\""#),
        [(
            Code::QuotedPlaceholder,
            "/Resources/Orders/Properties/DefinitionString/States/W/Seconds".to_owned()
        )]
    );
}

/// Names and values of any size are quoted in at most 80 characters (a generated
/// definition may hold megabytes in one), short ones whole.
#[test]
fn messages_quote_long_names_and_values_cut() {
    let long = "x".repeat(100_000);
    let cut = format!("{}…", "x".repeat(79));
    let cases = [
        (
            format!(
                r#"{{"StartAt": "S", "States": {{"S": {{"Type": "Pass", "Next": "{long}"}}}}}}"#
            ),
            format!("`Next` of state `S` names `{cut}`, but no state has that name"),
        ),
        (
            format!(r#"{{"StartAt": "{long}", "States": {{"S": {{"Type": "Succeed"}}}}}}"#),
            format!("`StartAt` names `{cut}`, but no state of this list has that name"),
        ),
        (
            one(&format!(
                r#"{{"Type": "Task", "Resource": "{long}", "End": true}}"#
            )),
            format!("the `Resource` of state `S` must be an ARN, found `{cut}`"),
        ),
        (
            one(&format!(
                r#"{{"Type": "Task", {LAMBDA}, "End": true, "Retry": [{{"ErrorEquals": ["States.{long}"]}}]}}"#
            )),
            format!(
                "`States.{}…` is not an error the States Language defines, and user errors cannot start with `States.`",
                "x".repeat(72)
            ),
        ),
    ];
    for (text, message) in cases {
        let found = messages(&text);
        assert!(
            found.contains(&message),
            "{message}: {:?}",
            found
                .iter()
                .map(|m| m.chars().take(300).collect::<String>())
                .collect::<Vec<_>>()
        );
    }
    assert!(
        messages(&one(r#"{"Type": "Pass", "Next": "Gone"}"#))
            .contains(&"`Next` of state `S` names `Gone`, but no state has that name".to_owned())
    );
}
