//! `sfn replay`: replay a recorded history on a definition, with what the history cannot
//! hold given as to `sfn run`, and report where the runs part and why the local one failed.

use std::fmt::Write;
use std::path::PathBuf;

use serde_json::{Value, json};

use super::{CliError, CommandOutput, Fixtures, Format, executor, parse_json, read, text_report};
use crate::replay::{self, LocalFailure, Missing};
use crate::result::WorkflowType;

/// `sfn replay FILE HISTORY.json [--mock-config FILE --state-machine NAME --test-case NAME] [--s3 DIR] [--unmocked fail|echo] [--format text|json] [--skip-validation]`.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::cli::{ReplayCommand, replay};
///
/// let dir = std::env::temp_dir().join(format!("sfn-local-doc-replay-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("greet.asl.json"), r#"{"StartAt": "Greet", "States": {
///     "Greet": {"Type": "Pass", "Result": {"greeting": "hello"}, "End": true}}}"#)?;
/// // What `aws stepfunctions get-execution-history` printed for a run of it.
/// let history = json!({"events": [
///     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
///      "executionStartedEventDetails": {"input": "{}"}},
///     {"id": 2, "previousEventId": 1, "type": "PassStateEntered",
///      "stateEnteredEventDetails": {"name": "Greet", "input": "{}"}},
///     {"id": 3, "previousEventId": 2, "type": "PassStateExited",
///      "stateExitedEventDetails": {"name": "Greet", "output": "{\"greeting\":\"hello\"}"}},
///     {"id": 4, "previousEventId": 3, "type": "ExecutionSucceeded",
///      "executionSucceededEventDetails": {"output": "{\"greeting\":\"hello\"}"}}
/// ]});
/// std::fs::write(dir.join("history.json"), history.to_string())?;
/// let output = replay(&ReplayCommand {
///     definition: dir.join("greet.asl.json"),
///     history: dir.join("history.json"),
///     ..ReplayCommand::default()
/// })?;
/// assert_eq!(output.exit_code, 0);
/// assert!(output.stdout.ends_with("replay: the local run matches the recorded history\n"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct ReplayCommand {
    /// The definition file.
    pub definition: PathBuf,
    /// The definition, already read; when set, `definition` only names it (see
    /// [`RunCommand::machine`](super::RunCommand::machine)).
    pub machine: Option<sfn_dsl::StateMachine>,
    /// The history exported with `aws stepfunctions get-execution-history`.
    pub history: PathBuf,
    /// What the history cannot hold: the S3 objects a Distributed Map's `ItemReader`
    /// reads, and mocks for the Task states of its child workflows, whose events are not
    /// in the parent's history. The recorded task results come first.
    pub fixtures: Fixtures,
    /// The output format.
    pub format: Format,
    /// Replay the definition even when the validator finds errors in it (see
    /// [`RunCommand::skip_validation`](super::RunCommand::skip_validation)).
    pub skip_validation: bool,
}

/// Runs `sfn replay`.
///
/// # Errors
///
/// [`CliError`] when a file cannot be read or is not a definition or history.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::cli::{ReplayCommand, replay};
///
/// let dir = std::env::temp_dir().join(format!("sfn-local-doc-replay-fn-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// // A recorded run that greeted "hi", but the definition now says "hello".
/// std::fs::write(dir.join("greet.asl.json"), r#"{"StartAt": "Greet", "States": {
///     "Greet": {"Type": "Pass", "Result": {"greeting": "hello"}, "End": true}}}"#)?;
/// let history = json!({"events": [
///     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
///      "executionStartedEventDetails": {"input": "{}"}},
///     {"id": 2, "previousEventId": 1, "type": "PassStateEntered",
///      "stateEnteredEventDetails": {"name": "Greet", "input": "{}"}},
///     {"id": 3, "previousEventId": 2, "type": "PassStateExited",
///      "stateExitedEventDetails": {"name": "Greet", "output": "{\"greeting\":\"hi\"}"}},
///     {"id": 4, "previousEventId": 3, "type": "ExecutionSucceeded",
///      "executionSucceededEventDetails": {"output": "{\"greeting\":\"hi\"}"}}
/// ]});
/// std::fs::write(dir.join("history.json"), history.to_string())?;
/// let output = replay(&ReplayCommand {
///     definition: dir.join("greet.asl.json"),
///     history: dir.join("history.json"),
///     ..ReplayCommand::default()
/// })?;
/// // `sfn replay` exits with 1 and says where the runs part.
/// assert_eq!(output.exit_code, 1);
/// assert!(output.stdout.contains("replay: the local run diverges at\n"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn replay(command: &ReplayCommand) -> Result<CommandOutput, CliError> {
    let history = parse_json(
        &read(&command.history)?,
        &command.history.display().to_string(),
    )?;
    // Executions with a history to export are Standard ones.
    let validation = (!command.skip_validation).then_some(WorkflowType::Standard);
    let mut executor = executor(&command.definition, command.machine.as_ref(), validation)?;
    if let Some(objects) = command.fixtures.objects()? {
        executor = executor.objects(objects);
    }
    let report = replay::replay_with_fallback(executor, &history, command.fixtures.mocks()?)
        .map_err(|error| CliError(format!("{}: {error}", command.history.display())))?;
    let diverged = report.divergence.is_some();
    let stdout = match command.format {
        Format::Json => {
            let mut summary = report.execution.summary();
            if let Value::Object(map) = &mut summary {
                map.insert(
                    "divergence".into(),
                    report
                        .divergence
                        .as_ref()
                        .map_or(Value::Null, |divergence| {
                            Value::String(divergence.to_string())
                        }),
                );
                map.insert(
                    "failure".into(),
                    report.failure.as_ref().map_or(Value::Null, failure_json),
                );
            }
            format!("{summary}\n")
        }
        Format::Text => {
            let mut text = text_report(&report.execution);
            match &report.divergence {
                None => text.push_str("replay: the local run matches the recorded history\n"),
                Some(divergence) => {
                    let _ = writeln!(text, "replay: the local run diverges at\n  {divergence}");
                }
            }
            if let Some(failure) = &report.failure {
                let _ = writeln!(text, "  {failure}");
                if let Some(hint) = failure.missing.as_ref().map(hint) {
                    let _ = writeln!(text, "  hint: {hint}");
                }
            }
            text
        }
    };
    Ok(CommandOutput {
        stdout,
        exit_code: u8::from(diverged),
    })
}

/// The options that supply what a history lacks, when the local run failed for want of it.
fn hint(missing: &Missing) -> &'static str {
    match missing {
        Missing::ItemReaderObjects => {
            "give them with --s3 DIR, as to `sfn run` (a folder per bucket, a file per object)"
        }
        Missing::ChildTaskResults { .. } => {
            "give their results with --mock-config FILE (--state-machine, --test-case) or --unmocked echo, as to `sfn run`"
        }
    }
}

/// The JSON report's `failure`: `{"state", "error", "cause", "missing", "hint"}`.
fn failure_json(failure: &LocalFailure) -> Value {
    json!({
        "state": failure.state,
        "error": failure.error,
        "cause": failure.cause,
        "missing": failure.missing.as_ref().map(ToString::to_string),
        "hint": failure.missing.as_ref().map(hint),
    })
}
