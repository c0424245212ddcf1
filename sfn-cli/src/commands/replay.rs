//! `sfn replay`: replay an execution history exported from AWS and report where the local
//! run diverges.

use std::path::PathBuf;

use sfn_local::cli::{CliError, CommandOutput, ReplayCommand};

use super::Outcome;
use super::run::FormatArg;

/// Replay a recorded execution: its input and task results come from the history
/// (`aws stepfunctions get-execution-history --execution-arn … > history.json`).
///
/// Exits 0 when the local run matches the recording, 1 when it diverges (the first
/// differing event is printed), 2 on usage or file errors.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition file, JSON or YAML (`.yaml`, `.yml`).
    file: PathBuf,
    /// The history: `{"events": [...]}`.
    history: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,
}

pub(crate) fn run(args: &Args) -> Outcome {
    finish(sfn_local::cli::replay(&ReplayCommand {
        definition: args.file.clone(),
        history: args.history.clone(),
        format: args.format.into(),
    }))
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
