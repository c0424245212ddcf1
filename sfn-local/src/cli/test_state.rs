//! `sfn test-state`: one state tested alone, printed as AWS's `TestState` API answers.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{CliError, CommandOutput, parse_json, read};
use crate::test_state::{FieldValidation, InspectionLevel, StateTest, TestStatus};

/// `sfn test-state FILE [--state NAME] [--input JSON|@FILE] [--mock-result JSON|@FILE
/// [--field-validation strict|present|none] | --mock-error ERROR [--mock-cause CAUSE]]
/// [--variables JSON|@FILE] [--context JSON|@FILE]
/// [--inspection-level info|debug|trace] [--retries-made N] [--map-iteration-failures N]
/// [--error-caused-by-state NAME] [--map-item-reader-data JSON|@FILE] [--role-arn ARN]
/// [--reveal-secrets]`.
///
/// The file holds one state (an object with `Type`) or a whole machine, whose state
/// `--state` names. JSON arguments are JSON text, or `@FILE` to read a file.
///
/// # Examples
///
/// ```
/// use sfn_local::cli::{TestStateCommand, test_state};
///
/// let dir = std::env::temp_dir().join(format!("sfn-local-doc-test-state-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let state = dir.join("pick.json");
/// std::fs::write(&state, r#"{"Type": "Pass", "InputPath": "$.order", "Next": "Ship"}"#)?;
/// let output = test_state(&TestStateCommand {
///     definition: state,
///     input: Some(r#"{"order": {"id": 7}}"#.to_owned()),
///     ..TestStateCommand::default()
/// })?;
/// assert_eq!(output.exit_code, 0);
/// let response: serde_json::Value = serde_json::from_str(&output.stdout)?;
/// assert_eq!(response["nextState"], "Ship");
/// // As in AWS's response, the output is JSON text.
/// assert_eq!(response["output"], r#"{"id":7}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct TestStateCommand {
    /// The file holding the state or the machine.
    pub definition: PathBuf,
    /// The machine, when the caller already read it (a template's state machine).
    pub machine: Option<sfn_dsl::StateMachine>,
    /// The state of the machine to test.
    pub state: Option<String>,
    /// The state's input (default `{}`).
    pub input: Option<String>,
    /// What the Task's call (or the Parallel's or Map's branches) return.
    pub mock_result: Option<String>,
    /// The error the Task's call (or the Parallel or Map state) fails with.
    pub mock_error: Option<String>,
    /// The cause of `mock_error` (default empty).
    pub mock_cause: Option<String>,
    /// How `mock_result` is checked against the service API's response shape.
    pub field_validation: FieldValidation,
    /// The workflow variables in scope (a JSON object).
    pub variables: Option<String>,
    /// The context object the state sees.
    pub context: Option<String>,
    /// How much to report.
    pub inspection_level: InspectionLevel,
    /// The retries the state's retriers already made.
    pub retries_made: Option<u32>,
    /// How many of a Map's iterations failed.
    pub map_iteration_failures: Option<u64>,
    /// The state inside a Parallel or Map that raised the mocked error.
    pub error_caused_by_state: Option<String>,
    /// What a Map's `ItemReader` reads (a JSON list).
    pub map_item_reader_data: Option<String>,
    /// The execution role.
    pub role_arn: Option<String>,
    /// The API's `revealSecrets` (see [`StateTest::reveal_secrets`]).
    pub reveal_secrets: bool,
}

/// Runs `sfn test-state`: prints the response as pretty JSON, its output and inspection
/// data as JSON text as AWS's response holds them; exits 0 when the state
/// succeeded or a catcher caught its error, 1 when it failed or a retrier would run it
/// again.
///
/// # Errors
///
/// [`CliError`] when a file or argument cannot be read, or the state cannot be tested
/// (a Task without a mock, a machine without `--state`, `--state` with a file of one
/// state, a request AWS refuses).
///
/// # Examples
///
/// ```
/// use sfn_local::cli::{TestStateCommand, test_state};
///
/// let dir = std::env::temp_dir().join(format!("sfn-local-doc-test-state-fn-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let machine = dir.join("orders.asl.json");
/// std::fs::write(&machine, r#"{"StartAt": "Charge", "States": {"Charge": {"Type": "Task",
///     "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "charge"}, "End": true}}}"#)?;
/// // `sfn test-state orders.asl.json --state Charge --mock-error Card.Declined`
/// let output = test_state(&TestStateCommand {
///     definition: machine.clone(),
///     state: Some("Charge".into()),
///     mock_error: Some("Card.Declined".into()),
///     ..TestStateCommand::default()
/// })?;
/// assert_eq!(output.exit_code, 1);
/// let response: serde_json::Value = serde_json::from_str(&output.stdout)?;
/// assert_eq!((response["status"].as_str(), response["error"].as_str()), (Some("FAILED"), Some("Card.Declined")));
/// // A machine file needs `--state`.
/// assert!(test_state(&TestStateCommand { definition: machine, ..TestStateCommand::default() }).is_err());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn test_state(command: &TestStateCommand) -> Result<CommandOutput, CliError> {
    let named = |error: crate::test_state::TestStateError| {
        CliError(format!("{}: {error}", command.definition.display()))
    };
    let mut test = match (&command.machine, &command.state) {
        (Some(machine), Some(state)) => StateTest::for_machine(machine.clone(), state),
        (Some(_), None) => return Err(needs_state(&command.definition)),
        (None, state) => {
            let text = read(&command.definition)?;
            if is_state(&text, &command.definition)? {
                if let Some(state) = state {
                    return Err(one_state_named(&command.definition, state));
                }
                StateTest::state(&text)
            } else {
                let Some(state) = state else {
                    return Err(needs_state(&command.definition));
                };
                let machine = machine(&text, &command.definition)?;
                StateTest::for_machine(machine, state)
            }
        }
    }
    .map_err(named)?;
    if let Some(input) = &command.input {
        test = test.input(json_argument(input, "--input")?);
    }
    if let Some(result) = &command.mock_result {
        test = test.mock_result(json_argument(result, "--mock-result")?);
    }
    if let Some(error) = &command.mock_error {
        test = test.mock_error(error, command.mock_cause.as_deref().unwrap_or_default());
    }
    if let Some(variables) = &command.variables {
        let Value::Object(variables) = json_argument(variables, "--variables")? else {
            return Err(CliError("--variables must be a JSON object".to_owned()));
        };
        test = test.variables(variables);
    }
    if let Some(context) = &command.context {
        test = test.context(json_argument(context, "--context")?);
    }
    if let Some(items) = &command.map_item_reader_data {
        test = test.map_item_reader_data(json_argument(items, "--map-item-reader-data")?);
    }
    if let Some(count) = command.retries_made {
        test = test.retries_made(count);
    }
    if let Some(count) = command.map_iteration_failures {
        test = test.map_iteration_failures(count);
    }
    if let Some(state) = &command.error_caused_by_state {
        test = test.error_caused_by_state(state);
    }
    if let Some(role) = &command.role_arn {
        test = test.role_arn(role);
    }
    let result = test
        .field_validation(command.field_validation)
        .inspection_level(command.inspection_level)
        .reveal_secrets(command.reveal_secrets)
        .run()
        .map_err(named)?;
    let mut stdout = serde_json::to_string_pretty(&result.to_json())
        .map_err(|error| CliError(format!("cannot print the result: {error}")))?;
    stdout.push('\n');
    Ok(CommandOutput {
        stdout,
        exit_code: u8::from(matches!(
            result.status,
            TestStatus::Failed | TestStatus::Retriable
        )),
    })
}

/// `--state` given with a file of one state: AWS's `TestState` takes a state name only
/// with a whole definition, and the state in the file may not be the one meant.
fn one_state_named(definition: &Path, state: &str) -> CliError {
    CliError(format!(
        "{} holds one state, not a state machine: --state {state} names a state of a machine; drop --state to test the state in the file, or give the machine's definition",
        definition.display()
    ))
}

fn needs_state(definition: &Path) -> CliError {
    CliError(format!(
        "{} holds a state machine: name the state to test with --state",
        definition.display()
    ))
}

/// Whether the text is one state rather than a machine: a JSON object with `Type`. JSON
/// that does not parse is reported here, with its position.
fn is_state(text: &str, definition: &Path) -> Result<bool, CliError> {
    if is_yaml(definition) {
        return Ok(false);
    }
    match serde_json::from_str::<Value>(text) {
        Ok(value) => Ok(value.get("Type").is_some() && value.get("States").is_none()),
        Err(_) => Err(match sfn_dsl::StateMachine::from_json(text) {
            Err(error) => CliError(format!("{}: {error}", definition.display())),
            Ok(_) => CliError(format!("{}: not JSON", definition.display())),
        }),
    }
}

fn is_yaml(definition: &Path) -> bool {
    definition
        .extension()
        .is_some_and(|extension| extension == "yaml" || extension == "yml")
}

/// The machine of a JSON (or, with the `yaml` feature, YAML) definition file.
fn machine(text: &str, definition: &Path) -> Result<sfn_dsl::StateMachine, CliError> {
    let yaml = is_yaml(definition);
    #[cfg(feature = "yaml")]
    let parsed = if yaml {
        sfn_dsl::StateMachine::from_yaml(text)
    } else {
        sfn_dsl::StateMachine::from_json(text)
    };
    #[cfg(not(feature = "yaml"))]
    let parsed = if yaml {
        return Err(CliError(format!(
            "{}: reading YAML needs sfn-local's `yaml` feature",
            definition.display()
        )));
    } else {
        sfn_dsl::StateMachine::from_json(text)
    };
    parsed.map_err(|error| CliError(format!("{}: {error}", definition.display())))
}

/// A JSON argument: the text itself, or `@FILE`.
fn json_argument(text: &str, what: &str) -> Result<Value, CliError> {
    match text.strip_prefix('@') {
        Some(path) => parse_json(&read(Path::new(path))?, path),
        None => parse_json(text, what),
    }
}
