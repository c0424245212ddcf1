//! `sfn replay`: replay an execution history exported from AWS and report where the local
//! run diverges.

use std::path::{Path, PathBuf};

use sfn_local::cli::{CliError, CommandOutput, ReplayCommand};

use super::Outcome;
use super::run::FormatArg;
use crate::input::{Deployed, Source, parse, template_definition};

/// Replay a recorded execution: its input and task results come from the history
/// (`aws stepfunctions get-execution-history --execution-arn … > history.json`).
///
/// Exits 0 when the local run matches the recording, 1 when it diverges (the first
/// differing event is printed), 2 on usage or file errors and on a definition the validator
/// finds errors in (`--skip-validation` replays it all the same).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition file, JSON or YAML (`.yaml`, `.yml`), or a CloudFormation/SAM
    /// template's state machine (`template.yaml#Orders`); `-` reads standard input.
    file: PathBuf,
    /// The history: `{"events": [...]}`.
    history: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,
    /// Replay the definition even when `sfn validate` finds errors in it (by default it is
    /// refused, as AWS refuses to create it).
    #[arg(long)]
    skip_validation: bool,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let resolved = match template_machine(&args.file) {
        Ok(resolved) => resolved,
        Err(failed) => return failed,
    };
    finish(sfn_local::cli::replay(&ReplayCommand {
        definition: resolved.definition,
        machine: resolved.machine,
        history: args.history.clone(),
        format: args.format.into(),
        skip_validation: args.skip_validation,
    }))
}

/// What `run` and `replay` run: a definition file, or a template's state machine.
pub(crate) struct Resolved {
    /// The file, or for a template's machine its logical id (which names it).
    pub(crate) definition: PathBuf,
    /// A template's machine, read.
    pub(crate) machine: Option<sfn_dsl::StateMachine>,
    /// The workflow type the template deploys it as, when it says.
    pub(crate) workflow_type: Option<sfn_dsl::validate::WorkflowType>,
}

/// For a template's state machine (`template.yaml`, `template.yaml#Orders`): its logical id
/// as the name, its definition, read, and its workflow type; for a definition file: the
/// file, left to `sfn-local` to read.
pub(crate) fn template_machine(file: &Path) -> Result<Resolved, Outcome> {
    let unread = || Resolved {
        definition: file.to_path_buf(),
        machine: None,
        workflow_type: None,
    };
    let source = Source::new(file);
    // Read to find out whether it is a template; a definition file is left to `sfn-local`,
    // which reads it (again) and words its own errors.
    let text = match source.read() {
        Ok(text) => text,
        Err(_) if source.resource.is_none() => return Ok(unread()),
        Err(message) => {
            eprintln!("{message}");
            return Err(Outcome::Failure);
        }
    };
    match template_definition(&source, &text, Deployed::Refuse) {
        // Standard input cannot be read twice: read here.
        None if source.path.is_none() => {
            let (_, machine) = parse(&source, text)?;
            Ok(Resolved {
                definition: PathBuf::from("StateMachine"),
                machine: Some(machine),
                workflow_type: None,
            })
        }
        None => Ok(unread()),
        Some(Ok(read)) => Ok(Resolved {
            definition: PathBuf::from(read.resource.unwrap_or_default()),
            machine: Some(read.machine),
            workflow_type: read.workflow_type,
        }),
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
