//! `sfn test-state`: one state tested alone, from a state file, a definition or a template.

mod common;

use std::process::Output;

use serde_json::{Value, json};

fn sfn(args: &[&str]) -> Output {
    common::run_sfn(&common::fixtures(""), args, b"")
}

/// `sfn test-state` of the charge Task with input `{"order": {}}`, the mocked result
/// `mock` and `extra` arguments.
fn charge_mocked(mock: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "test-state",
        "test-state/charge.json",
        "--input",
        r#"{"order": {}}"#,
        "--mock-result",
        mock,
    ];
    args.extend_from_slice(extra);
    sfn(&args)
}

fn response(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("the response is JSON")
}

/// A member of the response that AWS writes as JSON text (the output, the inspection
/// data), read as a script does with `jq -r .output | jq`.
fn read_text(member: &Value) -> Value {
    let text = member.as_str().expect("JSON text, as in AWS's response");
    serde_json::from_str(text).expect("the text is JSON")
}

#[test]
fn a_state_file_with_a_mocked_result_shows_its_data_flow() {
    let output = sfn(&[
        "test-state",
        "test-state/charge.json",
        "--input",
        r#"{"order": {"total": 42}}"#,
        "--mock-result",
        r#"{"Payload": {"id": "ch_1"}}"#,
        "--inspection-level",
        "debug",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let answer = response(&output);
    assert_eq!(answer["status"], "SUCCEEDED");
    assert_eq!(answer["nextState"], "Ship");
    // As AWS's response has them: JSON text, compact.
    assert_eq!(
        answer["output"],
        r#"{"order":{"total":42},"charge":{"receipt":"ch_1"}}"#
    );
    assert_eq!(
        read_text(&answer["output"]),
        json!({"order": {"total": 42}, "charge": {"receipt": "ch_1"}})
    );
    assert_eq!(
        read_text(&answer["inspectionData"]["afterParameters"]),
        json!({"FunctionName": "charge", "Payload": {"total": 42}})
    );
    assert_eq!(
        read_text(&answer["inspectionData"]["input"]),
        json!({"order": {"total": 42}})
    );
}

#[test]
fn errors_end_as_retriable_or_caught_with_their_exit_codes() {
    let input = r#"{"order": {"total": 42}}"#;
    let retriable = sfn(&[
        "test-state",
        "test-state/charge.json",
        "--input",
        input,
        "--mock-error",
        "Lambda.TooManyRequestsException",
        "--mock-cause",
        "slow down",
        "--inspection-level",
        "trace",
    ]);
    assert_eq!(retriable.status.code(), Some(1));
    let answer = response(&retriable);
    assert_eq!(answer["status"], "RETRIABLE");
    assert_eq!(
        answer["inspectionData"]["errorDetails"],
        json!({"retryIndex": 0, "retryBackoffIntervalSeconds": 2})
    );
    let caught = sfn(&[
        "test-state",
        "test-state/charge.json",
        "--input",
        input,
        "--mock-error",
        "Lambda.TooManyRequestsException",
        "--retries-made",
        "3",
    ]);
    assert_eq!(caught.status.code(), Some(0));
    let answer = response(&caught);
    assert_eq!(answer["status"], "CAUGHT_ERROR");
    assert_eq!(answer["nextState"], "Refund");
    assert_eq!(
        read_text(&answer["output"])["error"],
        json!({"Error": "Lambda.TooManyRequestsException", "Cause": ""})
    );
}

#[test]
fn a_state_of_a_yaml_definition_or_a_template_is_named_with_state() {
    let output = sfn(&[
        "test-state",
        "order.asl.yaml",
        "--state",
        "Charge",
        "--input",
        r#"{"order": {}}"#,
        "--mock-result",
        "{}",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(response(&output)["nextState"], "Ship");
    let from_template = sfn(&[
        "test-state",
        "templates/sam-inline.yaml#OrderProcessing",
        "--state",
        "Record",
        "--input",
        r#"{"orderId": "o-1"}"#,
        "--mock-result",
        r#"{"written": true}"#,
    ]);
    assert_eq!(from_template.status.code(), Some(0), "{from_template:?}");
    assert_eq!(
        response(&from_template),
        json!({"status": "SUCCEEDED", "output": r#"{"written":true}"#})
    );
    insta::assert_snapshot!(
        "cannot_be_tested",
        [
            common::transcript(&sfn(&["test-state", "order.asl.yaml"])),
            common::transcript(&sfn(&["test-state", "test-state/charge.json"])),
            common::transcript(&sfn(&["test-state", "test-state/broken.json"])),
        ]
        .join("\n")
    );
}

#[test]
fn a_mock_of_the_wrong_shape_is_refused_unless_validation_is_off() {
    let mock = r#"{"Payload": {"id": "ch_1"}, "StatusCode": "200"}"#;
    let strict = charge_mocked(mock, &[]);
    assert_eq!(strict.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&strict.stderr)
            .contains("Mock result schema validation error: Field 'StatusCode' must be a number"),
        "{strict:?}"
    );
    let none = charge_mocked(mock, &["--field-validation", "none"]);
    assert_eq!(none.status.code(), Some(0), "{none:?}");
}

#[test]
fn reveal_secrets_is_refused_with_a_mock_as_aws_refuses_it() {
    let mock = r#"{"Payload": {"id": "ch_1"}}"#;
    let refused = charge_mocked(mock, &["--reveal-secrets"]);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert!(
        String::from_utf8_lossy(&refused.stderr)
            .contains("TestState does not support RevealSecrets when a mock is specified."),
        "{refused:?}"
    );
    let accepted = charge_mocked(mock, &[]);
    assert_eq!(accepted.status.code(), Some(0), "{accepted:?}");
    // Without a mock the flag changes nothing: a Task still needs one.
    let unmocked = sfn(&["test-state", "test-state/charge.json", "--reveal-secrets"]);
    assert_eq!(unmocked.status.code(), Some(2), "{unmocked:?}");
    assert!(
        String::from_utf8_lossy(&unmocked.stderr).contains("needs a mock result or error"),
        "{unmocked:?}"
    );
}

/// `@-` reads a JSON argument from standard input, and `-` the state (or definition) to test.
#[test]
fn the_state_input_and_mocked_result_read_standard_input() {
    let reading = |args: &[&str], stdin: &str| {
        common::run_sfn(&common::fixtures("test-state"), args, stdin.as_bytes())
    };
    let input = r#"{"order": {"total": 42}}"#;
    let mock = r#"{"Payload": {"id": "ch_1"}}"#;
    let expected = reading(
        &[
            "test-state",
            "charge.json",
            "--input",
            input,
            "--mock-result",
            mock,
        ],
        "",
    );
    assert_eq!(
        expected.status.code(),
        Some(0),
        "{}",
        common::transcript(&expected)
    );
    let charge = std::fs::read_to_string(common::fixtures("test-state/charge.json")).unwrap();
    for (args, stdin) in [
        (
            [
                "test-state",
                "charge.json",
                "--input",
                "@-",
                "--mock-result",
                mock,
            ],
            input,
        ),
        (
            [
                "test-state",
                "charge.json",
                "--input",
                input,
                "--mock-result",
                "@-",
            ],
            mock,
        ),
        (
            ["test-state", "-", "--input", input, "--mock-result", mock],
            charge.as_str(),
        ),
    ] {
        assert_eq!(
            common::transcript(&reading(&args, stdin)),
            common::transcript(&expected),
            "{args:?}"
        );
    }
    // A state read from standard input is named as standard input.
    let broken = std::fs::read_to_string(common::fixtures("test-state/broken.json")).unwrap();
    let output = reading(&["test-state", "-"], &broken);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        common::transcript(&output)
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with("sfn: <stdin>: "),
        "{}",
        common::transcript(&output)
    );
}

/// `--state` names a state of a machine, nested ones included; with a file of one state it
/// is refused (AWS's `TestState` takes a state name only with a whole definition).
#[test]
fn state_names_a_state_of_a_machine_only() {
    let unknown = sfn(&["test-state", "order.asl.json", "--state", "Nope"]);
    assert_eq!(unknown.status.code(), Some(2), "{unknown:?}");
    assert_eq!(
        String::from_utf8_lossy(&unknown.stderr),
        "sfn: order.asl.json: the machine has no state named `Nope` (at its top level or inside a Parallel or Map state)\n"
    );
    let one_state = sfn(&[
        "test-state",
        "test-state/charge.json",
        "--state",
        "Charge",
        "--mock-result",
        "{}",
    ]);
    assert_eq!(one_state.status.code(), Some(2), "{one_state:?}");
    assert_eq!(
        String::from_utf8_lossy(&one_state.stderr),
        "sfn: test-state/charge.json holds one state, not a state machine: --state Charge names a state of a machine; drop --state to test the state in the file, or give the machine's definition\n"
    );
    assert!(one_state.stdout.is_empty());
}
