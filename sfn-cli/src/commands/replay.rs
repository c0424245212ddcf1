//! `sfn replay`: replay an execution history exported from AWS and report where the local
//! run diverges.

use std::path::PathBuf;

use sfn_local::cli::ReplayCommand;

use super::Outcome;
use super::local::{FromStdin, ReportTo, finish, template_machine};
use super::run::FormatArg;
use crate::input::{Source, Standin, StdinReaders};

/// Replay a recorded execution: its input and task results come from the history
/// (`aws stepfunctions get-execution-history --execution-arn … > history.json`).
///
/// The local run starts when the recorded one did, with its role. Each event is compared
/// with the recorded one (its state, output, error and cause, and what each task sends);
/// among the events of a Parallel or Map state's branches or iterations, which run
/// concurrently, the order is not compared.
///
/// Exits 0 when the local run matches the recording, 1 when it diverges (the first
/// differing event is printed), 2 on usage or file errors and on a definition the validator
/// finds errors in (`--skip-validation` replays it all the same).
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition file, JSON or YAML (`.yaml`, `.yml`), or a CloudFormation/SAM
    /// template's state machine (`template.yaml#Orders`); `-` reads standard input.
    file: PathBuf,
    /// The history: `{"events": [...]}`; `-` reads standard input.
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
    replay(args).unwrap_or_else(|failed| failed)
}

fn replay(args: &Args) -> Result<Outcome, Outcome> {
    StdinReaders::default()
        .definition("the definition", &args.file)
        .file("HISTORY `-`", Some(&args.history))
        .check()?;
    let resolved = template_machine(&args.file, FromStdin::Machine)?;
    // `sfn-local` reads the history from a file.
    let history = if Source::file(&args.history).is_standard_input() {
        Some(Standin::standard_input("history", "json")?)
    } else {
        None
    };
    let result = sfn_local::cli::replay(&ReplayCommand {
        definition: resolved.definition,
        machine: resolved.machine,
        history: history.as_ref().map_or_else(
            || args.history.clone(),
            |standin| standin.path().to_path_buf(),
        ),
        format: args.format.into(),
        skip_validation: args.skip_validation,
    });
    Ok(finish(
        result,
        &history.iter().collect::<Vec<_>>(),
        ReportTo::Stdout,
    ))
}
