//! The logic behind `sfn run`, `sfn replay` and `sfn test-state`: read files, run, and
//! format the result. The `sfn` binary only parses arguments and prints [`CommandOutput`].

mod fixtures;
mod hint;
mod replay;
mod test_state;

pub use fixtures::Fixtures;
pub use replay::{ReplayCommand, replay};
pub use test_state::{TestStateCommand, test_state};

use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::cost::Pricing;
use crate::executor::Executor;
use crate::history::HistoryMode;
use crate::map_run::{FailedChild, MapRun};
use crate::result::{Execution, ExecutionStatus, WorkflowType};
use crate::time::Timestamp;

/// How results are printed.
///
/// # Examples
///
/// ```
/// use sfn_local::cli::{Format, RunCommand, run};
///
/// let dir = std::env::temp_dir().join(format!("sfn-local-doc-format-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let definition = dir.join("hello.asl.json");
/// std::fs::write(&definition, r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "hi", "End": true}}}"#)?;
/// let output = |format| run(&RunCommand { definition: definition.clone(), format, ..RunCommand::default() });
///
/// let text = output(Format::Text)?.stdout;
/// assert!(text.starts_with("SUCCEEDED after 1 states"));
/// assert!(text.contains("output: \"hi\"\n"));
/// let json = output(Format::Json)?.stdout;
/// assert_eq!(
///     json.lines().last(),
///     Some(r#"{"status":"SUCCEEDED","output":"hi","error":null,"cause":null,"states":["P"]}"#)
/// );
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Readable lines.
    #[default]
    Text,
    /// JSON; the last line is `{"status", "output", "error", "cause", "states"}`.
    Json,
}

/// A usage or I/O problem (exit code 2).
///
/// # Examples
///
/// ```
/// use sfn_local::cli::{RunCommand, run};
///
/// let missing = std::env::temp_dir().join("sfn-local-doc-no-such-file.asl.json");
/// let error = run(&RunCommand { definition: missing, ..RunCommand::default() }).unwrap_err();
/// // `sfn` prints it and exits with code 2.
/// assert!(error.to_string().starts_with("cannot read "));
/// ```
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CliError(String);

/// What to print and the exit code: 0 succeeded (or matched), 1 failed (or diverged).
///
/// # Examples
///
/// ```
/// use sfn_local::cli::{CommandOutput, RunCommand, run};
///
/// let dir = std::env::temp_dir().join(format!("sfn-local-doc-output-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let definition = dir.join("reject.asl.json");
/// std::fs::write(&definition, r#"{"StartAt": "No", "States": {"No": {"Type": "Fail", "Error": "Rejected"}}}"#)?;
/// let CommandOutput { stdout, exit_code } = run(&RunCommand { definition, ..RunCommand::default() })?;
/// assert_eq!(exit_code, 1); // the execution failed
/// assert!(stdout.contains("error: Rejected\n"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandOutput {
    /// Standard output.
    pub stdout: String,
    /// The process exit code.
    pub exit_code: u8,
}

/// `sfn run FILE --input JSON|@FILE [--mock-config FILE --state-machine NAME --test-case NAME] [--s3 DIR] [--unmocked fail|echo] [--type standard|express] [--format text|json] [--history FILE] [--start-time TIMESTAMP] [--skip-validation]`.
///
/// # Examples
///
/// ```
/// use sfn_local::cli::{Fixtures, Format, RunCommand, run};
///
/// let dir = std::env::temp_dir().join(format!("sfn-local-doc-run-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("orders.asl.json"), r#"{"StartAt": "Charge", "States": {"Charge": {
///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
/// // An AWS Step Functions Local mock configuration, used unchanged.
/// std::fs::write(dir.join("mocks.json"), r#"{
///     "StateMachines": {"orders": {"TestCases": {"Declined": {"Charge": "CardDeclined"}}}},
///     "MockedResponses": {"CardDeclined": {"0": {"Throw": {"Error": "Card.Declined", "Cause": "no funds"}}}}
/// }"#)?;
/// // `sfn run orders.asl.json --input '{"amount": 5}' --mock-config mocks.json --format json`
/// let output = run(&RunCommand {
///     definition: dir.join("orders.asl.json"),
///     input: Some(r#"{"amount": 5}"#.into()),
///     fixtures: Fixtures { mock_config: Some(dir.join("mocks.json")), ..Fixtures::default() },
///     format: Format::Json,
///     ..RunCommand::default()
/// })?;
/// assert_eq!(output.exit_code, 1);
/// assert!(output.stdout.ends_with(r#""error":"Card.Declined","cause":"no funds","states":["Charge"]}
/// "#));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct RunCommand {
    /// The definition file.
    pub definition: PathBuf,
    /// The definition, already read (a state machine of a CloudFormation template, say):
    /// when set, `definition` is not read, and only names the state machine (its file
    /// stem is the name `$$.StateMachine.Name` sees).
    pub machine: Option<sfn_dsl::StateMachine>,
    /// The input: JSON text, or `@path` of a file; `{}` when absent.
    pub input: Option<String>,
    /// The mocks of Task states and the S3 objects `ItemReader`s read.
    pub fixtures: Fixtures,
    /// The output format.
    pub format: Format,
    /// Standard (default) or Express: the maximum duration and the history limit.
    pub workflow_type: WorkflowType,
    /// Run the definition even when the validator finds errors in it. By default such a
    /// definition is refused, as AWS refuses to create it: a local run of it would prove
    /// nothing about a deployment.
    pub skip_validation: bool,
    /// A file to write the execution's history to, as `GetExecutionHistory` returns it
    /// (`{"events": [...]}`): [`replay()`] reads it back, so a local run becomes a regression
    /// test of later changes.
    pub history: Option<PathBuf>,
    /// When the execution starts, in virtual time (`$$.Execution.StartTime`, and what Wait
    /// `Timestamp`s are measured from); [`Timestamp::DEFAULT_START`] when absent.
    pub start_time: Option<Timestamp>,
}

/// Reads a file as text; for bytes that are not UTF-8, the error says where the first of
/// them is, as the `sfn` commands that read files themselves do.
fn read(path: &Path) -> Result<String, CliError> {
    let cannot_read = |error: &dyn std::fmt::Display| {
        CliError(format!("cannot read {}: {error}", path.display()))
    };
    let bytes = std::fs::read(path).map_err(|error| cannot_read(&error))?;
    sfn_dsl::source::text_from_bytes(bytes).map_err(|error| cannot_read(&error))
}

fn parse_json(text: &str, what: &str) -> Result<Value, CliError> {
    crate::data::read_json(text)
        .map_err(|error| CliError(format!("{what} is not valid JSON: {error}")))
}

/// The executor of a definition file, or of a definition already read, refused when the
/// validator finds errors in it unless `validation` is `None`.
fn executor(
    definition: &Path,
    machine: Option<&sfn_dsl::StateMachine>,
    validation: Option<WorkflowType>,
) -> Result<Executor, CliError> {
    let name = definition
        .file_stem()
        .and_then(|stem| stem.to_str())
        .map_or_else(
            || "StateMachine".to_owned(),
            |stem| stem.trim_end_matches(".asl").to_owned(),
        );
    let options = validation.map(validation_options);
    if let Some(machine) = machine {
        refuse_errors(definition, options.as_ref(), |options| {
            sfn_dsl::validate::validate_with(machine, options)
        })?;
        return Ok(Executor::new(machine.clone()).state_machine_name(name));
    }
    let text = read(definition)?;
    #[cfg(feature = "yaml")]
    if is_yaml_path(definition) {
        let machine = sfn_dsl::StateMachine::from_yaml(&text)
            .map_err(|error| CliError(format!("{}: {error}", definition.display())))?;
        refuse_errors(definition, options.as_ref(), |options| {
            sfn_dsl::validate::validate_yaml_str_with(&text, options)
        })?;
        return Ok(Executor::new(machine).state_machine_name(name));
    }
    let executor = Executor::from_json(&text)
        .map(|executor| executor.state_machine_name(name))
        .map_err(|error| CliError(format!("{}: {error}", definition.display())))?;
    // Validated from the text, so that each problem names its line.
    refuse_errors(definition, options.as_ref(), |options| {
        sfn_dsl::validate::validate_str_with(&text, options)
    })?;
    Ok(executor)
}

/// The validator's options for a run as `workflow_type` (Express has rules of its own).
fn validation_options(workflow_type: WorkflowType) -> sfn_dsl::validate::Options {
    sfn_dsl::validate::Options::new().workflow_type(match workflow_type {
        WorkflowType::Standard => sfn_dsl::validate::WorkflowType::Standard,
        WorkflowType::Express => sfn_dsl::validate::WorkflowType::Express,
    })
}

/// Refuses a definition the validator (`validate`, with `options`) finds errors in, with
/// every error on a line of its own; warnings do not stop a run, and without `options`
/// (validation skipped) nothing is checked.
fn refuse_errors(
    definition: &Path,
    options: Option<&sfn_dsl::validate::Options>,
    validate: impl FnOnce(&sfn_dsl::validate::Options) -> sfn_dsl::validate::Report,
) -> Result<(), CliError> {
    let Some(options) = options else {
        return Ok(());
    };
    let report = validate(options);
    let errors: Vec<_> = report.errors().collect();
    if errors.is_empty() {
        return Ok(());
    }
    let mut message = format!(
        "{}: AWS would refuse this definition, {} error{}:",
        definition.display(),
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    for error in errors {
        let _ = write!(message, "\n  {error}");
    }
    message.push_str(
        "\n`sfn validate` shows them against the file; --skip-validation runs it all the same",
    );
    Err(CliError(message))
}

/// Whether a definition file is YAML, by its extension (`.yaml`, `.yml`).
#[cfg(feature = "yaml")]
fn is_yaml_path(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extension.eq_ignore_ascii_case("yaml") || extension.eq_ignore_ascii_case("yml")
        })
}

/// Runs `sfn run`.
///
/// The text report of a run that failed for want of what an option supplies (a Task
/// state's result, the objects an `ItemReader` reads) ends with a `hint:` line naming the
/// option; the JSON summary line is the same either way.
///
/// # Errors
///
/// [`CliError`] when a file cannot be read or is invalid.
///
/// # Examples
///
/// ```
/// use sfn_local::cli::{Fixtures, Format, RunCommand, run};
/// use sfn_local::Unmocked;
///
/// let dir = std::env::temp_dir().join("sfn-local-cli-doc");
/// std::fs::create_dir_all(&dir)?;
/// let file = dir.join("hello.asl.json");
/// std::fs::write(&file, r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)?;
/// let output = run(&RunCommand {
///     definition: file,
///     input: Some(r#"{"a": 1}"#.into()),
///     fixtures: Fixtures { unmocked: Unmocked::Echo, ..Fixtures::default() },
///     format: Format::Json,
///     ..RunCommand::default()
/// })?;
/// assert_eq!(output.exit_code, 0);
/// assert_eq!(
///     output.stdout.lines().last(),
///     Some(r#"{"status":"SUCCEEDED","output":{"a":1},"error":null,"cause":null,"states":["T"]}"#)
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run(command: &RunCommand) -> Result<CommandOutput, CliError> {
    let input = match command.input.as_deref() {
        None => Value::Object(serde_json::Map::new()),
        Some(text) => match text.strip_prefix('@') {
            Some(path) => parse_json(&read(Path::new(path))?, path)?,
            None => parse_json(text, "--input")?,
        },
    };
    let validation = (!command.skip_validation).then_some(command.workflow_type);
    let mut executor = executor(&command.definition, command.machine.as_ref(), validation)?
        .mocks(command.fixtures.mocks()?);
    if let Some(objects) = command.fixtures.objects()? {
        executor = executor.objects(objects);
    }
    // Unless it is written out, the history is only counted (for the history limit).
    let history = if command.history.is_some() {
        HistoryMode::Full
    } else {
        HistoryMode::CountOnly
    };
    if let Some(start) = command.start_time {
        executor = executor.start_time(start);
    }
    let executor = executor
        .workflow_type(command.workflow_type)
        .history(history);
    let execution = executor
        .run(input)
        .map_err(|error| CliError(format!("{}: {error}", command.definition.display())))?;
    if let Some(path) = &command.history {
        write_history(path, &execution)?;
    }
    let stdout = match command.format {
        // The summary line has no place for a hint.
        Format::Json => summary_line(&execution),
        Format::Text => {
            let mut text = text_report(&execution);
            if let Some(hint) = hint::run_hint(&execution, &command.fixtures) {
                let _ = writeln!(text, "hint: {hint}");
            }
            text
        }
    };
    Ok(CommandOutput {
        stdout,
        exit_code: u8::from(!execution.succeeded()),
    })
}

/// Writes the history of `execution` to `path`, indented, as `GetExecutionHistory` returns
/// it.
fn write_history(path: &Path, execution: &Execution) -> Result<(), CliError> {
    let mut text = serde_json::to_string_pretty(&execution.history_json())
        .map_err(|error| CliError(format!("cannot write the history: {error}")))?;
    text.push('\n');
    std::fs::write(path, text)
        .map_err(|error| CliError(format!("cannot write {}: {error}", path.display())))
}

/// [`Execution::summary`] as one line, written straight from the execution (the states
/// of a long run are not copied into a `Value` first).
fn summary_line(execution: &Execution) -> String {
    #[derive(serde::Serialize)]
    struct Summary<'a> {
        status: &'a str,
        output: Option<&'a Value>,
        error: Option<&'a str>,
        cause: Option<&'a str>,
        states: &'a [String],
        #[serde(skip_serializing_if = "Option::is_none")]
        failed_child: Option<Value>,
    }
    let summary = Summary {
        status: execution.status.as_str(),
        output: execution.output.as_ref(),
        error: execution.error.as_deref(),
        cause: execution.cause.as_deref(),
        states: &execution.states,
        failed_child: execution.failed_child_json(),
    };
    // Serializing plain strings, options and a `Value` cannot fail; the `Value` form is
    // the fallback all the same.
    let mut line =
        serde_json::to_string(&summary).unwrap_or_else(|_| execution.summary().to_string());
    line.push('\n');
    line
}

/// How many states of a long run the text report shows from its start and its end; the
/// JSON report lists them all.
const SHOWN_FIRST: usize = 30;
const SHOWN_LAST: usize = 10;

/// The states entered, in order: all of them, or for a long run (a loop that ran into a
/// quota, say) the first and the last, with the number left out between them.
fn state_path(states: &[String]) -> String {
    if states.len() <= SHOWN_FIRST + SHOWN_LAST + 1 {
        return states.join(" -> ");
    }
    let first = states.get(..SHOWN_FIRST).unwrap_or_default();
    let last = states.get(states.len() - SHOWN_LAST..).unwrap_or_default();
    format!(
        "{} -> … {} more (all of them with --format json) … -> {}",
        first.join(" -> "),
        states.len() - SHOWN_FIRST - SHOWN_LAST,
        last.join(" -> ")
    )
}

/// The note naming why a Distributed Map's children failed, which the parent's error
/// (`States.ExceedToleratedFailureThreshold`) does not say.
fn failed_child_note(map_run: &MapRun, child: &FailedChild) -> String {
    let place = child
        .state
        .as_deref()
        .map_or_else(String::new, |state| format!(" in state `{state}`"));
    let counts = match map_run.items_timed_out {
        0 => format!(
            "{} of {} items failed",
            map_run.items_failed, map_run.items_total
        ),
        timed_out => format!(
            "{} of {} items failed or timed out, {timed_out} of them timed out",
            map_run.items_failed.saturating_add(timed_out),
            map_run.items_total
        ),
    };
    format!(
        "note: child {} of Map state `{}` failed{place} ({counts}): {}: {}",
        child.index,
        map_run.state_name,
        child.error.as_deref().unwrap_or("(no error)"),
        child.cause.as_deref().unwrap_or("(no cause)")
    )
}

/// The readable report of an execution.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::StateMachine;
/// use sfn_local::Executor;
/// use sfn_local::cli::text_report;
///
/// let machine = StateMachine::from_json(r#"{"StartAt": "Pause", "States": {
///     "Pause": {"Type": "Wait", "Seconds": 90, "Next": "Greet"},
///     "Greet": {"Type": "Pass", "Result": "hi", "End": true}}}"#)?;
/// let execution = Executor::new(machine).run(json!({}))?;
/// let report = text_report(&execution);
/// assert!(report.starts_with("SUCCEEDED after 2 states"));
/// assert!(report.contains("90.000 s of virtual time"));
/// assert!(report.contains("states: Pause -> Greet\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn text_report(execution: &Execution) -> String {
    let mut text = String::new();
    let duration = execution.duration_ms();
    let _ = writeln!(
        text,
        "{} after {} states, {} transitions, {}.{:03} s of virtual time",
        execution.status,
        execution.states.len(),
        execution.state_transitions,
        duration / 1000,
        duration % 1000
    );
    let _ = writeln!(text, "states: {}", state_path(&execution.states));
    if execution.status == ExecutionStatus::Succeeded {
        let output = execution
            .output
            .as_ref()
            .map_or_else(String::new, Value::to_string);
        let _ = writeln!(text, "output: {output}");
    } else {
        {
            let _ = writeln!(
                text,
                "error: {}",
                execution.error.as_deref().unwrap_or("(none)")
            );
            let _ = writeln!(
                text,
                "cause: {}",
                execution.cause.as_deref().unwrap_or("(none)")
            );
        }
        if let Some((map_run, child)) = execution.first_failed_child() {
            let _ = writeln!(text, "{}", failed_child_note(map_run, child));
        }
    }
    let cost = execution.cost(&Pricing::default());
    let _ = writeln!(
        text,
        "cost: ${:.6} as Standard, ${:.8} as Express (us-east-1 list prices)",
        cost.standard, cost.express
    );
    text
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn long_runs_show_their_first_and_last_states() {
        let names = |count: usize| -> Vec<String> { (0..count).map(|n| format!("S{n}")).collect() };
        let short = names(SHOWN_FIRST + SHOWN_LAST + 1);
        assert_eq!(state_path(&short), short.join(" -> "));
        let long = state_path(&names(12_500));
        assert!(long.starts_with("S0 -> S1 -> "), "{long}");
        assert!(
            long.contains("-> S29 -> … 12460 more (all of them with --format json) … -> S12490 ->"),
            "{long}"
        );
        assert!(long.ends_with("-> S12499"), "{long}");
        assert_eq!(long.matches(" -> S").count(), SHOWN_FIRST + SHOWN_LAST - 1);
    }

    #[test]
    fn the_failed_child_note_counts_timed_out_items_apart() {
        let child = FailedChild {
            index: 1,
            execution_arn: "arn".to_owned(),
            error: Some("States.Timeout".to_owned()),
            cause: Some("c".to_owned()),
            state: None,
        };
        let mut map_run = MapRun {
            map_run_arn: "arn".to_owned(),
            state_name: "M".to_owned(),
            status: crate::MapRunStatus::Failed,
            items_total: 5,
            items_succeeded: 2,
            items_failed: 2,
            items_timed_out: 1,
            failed_children: vec![child.clone()],
        };
        assert_eq!(
            failed_child_note(&map_run, &child),
            "note: child 1 of Map state `M` failed (3 of 5 items failed or timed out, 1 of them timed out): States.Timeout: c"
        );
        map_run.items_timed_out = 0;
        assert!(failed_child_note(&map_run, &child).contains("(2 of 5 items failed)"));
    }

    /// A definition already read (a template's state machine) is validated too; without a
    /// source text, its errors have no line.
    #[test]
    fn a_definition_already_read_is_refused_when_aws_would_refuse_it() {
        let machine = sfn_dsl::StateMachine::from_json(
            r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Gone"}}}"#,
        )
        .unwrap();
        let command = |skip_validation| RunCommand {
            definition: PathBuf::from("Orders"),
            machine: Some(machine.clone()),
            skip_validation,
            ..RunCommand::default()
        };
        let refused = run(&command(false)).unwrap_err().to_string();
        assert!(
            refused.starts_with("Orders: AWS would refuse this definition, 1 error:\n"),
            "{refused}"
        );
        assert!(
            refused.contains("\n  error[unknown-target] at /States/P/Next: "),
            "{refused}"
        );
        // Run all the same, it cannot: the executor needs its targets.
        let forced = run(&command(true)).unwrap_err().to_string();
        assert!(forced.contains("the definition cannot run"), "{forced}");
        let history = std::env::temp_dir().join(format!(
            "sfn-local-refused-history-{}.json",
            std::process::id()
        ));
        std::fs::write(&history, r#"{"events": []}"#).unwrap();
        let replayed = replay(&ReplayCommand {
            definition: PathBuf::from("Orders"),
            machine: Some(machine.clone()),
            history: history.clone(),
            ..ReplayCommand::default()
        });
        std::fs::remove_file(&history).unwrap();
        let replayed = replayed.unwrap_err().to_string();
        assert!(
            replayed.starts_with("Orders: AWS would refuse this definition, 1 error:\n"),
            "{replayed}"
        );
    }

    #[test]
    fn the_summary_line_is_the_summary_value_printed() {
        let succeeding = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"n.$": "$.n", "s": "é\"\n"}, "Next": "Q"}, "Q": {"Type": "Pass", "End": true}}}"#;
        let failing = r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E\"", "Cause": "c\\"}}}"#;
        let failing_child = r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "End": true,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "c"}}}}}}"#;
        for definition in [succeeding, failing, failing_child] {
            let execution = Executor::from_json(definition)
                .unwrap()
                .run(json!({"n": 1.5, "items": [1]}))
                .unwrap();
            assert_eq!(
                summary_line(&execution),
                format!("{}\n", execution.summary())
            );
            if definition == failing_child {
                assert_eq!(execution.summary()["failed_child"]["state"], json!("F"));
            }
        }
    }
}
