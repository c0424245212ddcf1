//! `sfn replay`: replay an execution history exported from AWS and report where the local
//! run diverges.

use std::path::{Path, PathBuf};

use sfn_local::cli::{CliError, CommandOutput, ReplayCommand};

use super::Outcome;
use super::run::FormatArg;
use crate::input::{Source, template_definition};

/// Replay a recorded execution: its input and task results come from the history
/// (`aws stepfunctions get-execution-history --execution-arn … > history.json`).
///
/// Exits 0 when the local run matches the recording, 1 when it diverges (the first
/// differing event is printed), 2 on usage or file errors.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition file, JSON or YAML (`.yaml`, `.yml`), or a CloudFormation/SAM
    /// template's state machine (`template.yaml#Orders`).
    file: PathBuf,
    /// The history: `{"events": [...]}`.
    history: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let (definition, machine) = match template_machine(&args.file) {
        Ok(read) => read,
        Err(failed) => return failed,
    };
    finish(sfn_local::cli::replay(&ReplayCommand {
        definition,
        machine,
        history: args.history.clone(),
        format: args.format.into(),
    }))
}

/// For a template's state machine (`template.yaml`, `template.yaml#Orders`): its logical id
/// as the name and its definition, read; for a definition file: the file, left to
/// `sfn-local` to read.
pub(crate) fn template_machine(
    file: &Path,
) -> Result<(PathBuf, Option<sfn_dsl::StateMachine>), Outcome> {
    let source = Source::new(file);
    // Read to find out whether it is a template; a definition file is left to `sfn-local`,
    // which reads it (again) and words its own errors.
    let text = match source.read() {
        Ok(text) => text,
        Err(_) if source.resource.is_none() => return Ok((file.to_path_buf(), None)),
        Err(message) => {
            eprintln!("{message}");
            return Err(Outcome::Failure);
        }
    };
    match template_definition(&source, &text) {
        None => Ok((file.to_path_buf(), None)),
        Some(Ok(read)) => Ok((
            PathBuf::from(read.resource.unwrap_or_default()),
            Some(read.machine),
        )),
        // A problem of the template is not an execution's: a usage or file error.
        Some(Err(_)) => Err(Outcome::Failure),
    }
}

/// Prints a command's output and maps its exit code.
pub(crate) fn finish(result: Result<CommandOutput, CliError>) -> Outcome {
    match result {
        Ok(output) => {
            print!("{}", output.stdout);
            if output.exit_code == 0 {
                Outcome::Ok
            } else {
                Outcome::Problems
            }
        }
        Err(error) => {
            eprintln!("sfn: {error}");
            Outcome::Failure
        }
    }
}
