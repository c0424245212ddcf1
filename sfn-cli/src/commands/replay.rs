//! `sfn replay`: replay an execution history exported from AWS and report where the local
//! run diverges.

use std::path::PathBuf;

use sfn_local::cli::ReplayCommand;

use super::Outcome;
use super::fixtures::FixtureArgs;
use super::local::{FromStdin, ReportTo, finish, template_machine};
use super::run::FormatArg;
use crate::input::{Source, Standin, StdinReaders};

/// Replay a recorded execution: its input and task results come from the history
/// (`aws stepfunctions get-execution-history --execution-arn … > history.json`).
///
/// What a history cannot hold is given as to `sfn run`: the S3 objects a Distributed Map's
/// `ItemReader` reads (`--s3`), and the results of the Task states of its child workflows,
/// whose events are in histories of their own (`--mock-config`, `--unmocked`); the
/// recorded task results come first. When the local run fails for want of them, the
/// report says so.
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
    #[command(flatten)]
    fixtures: FixtureArgs,
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
    args.fixtures
        .reading_stdin(
            StdinReaders::default()
                .definition("the definition", &args.file)
                .file("HISTORY `-`", Some(&args.history)),
        )
        .check()?;
    let resolved = template_machine(&args.file, FromStdin::Machine)?;
    // `sfn-local` reads the history from a file.
    let history = if Source::file(&args.history).is_standard_input() {
        Some(Standin::standard_input("history", "json")?)
    } else {
        None
    };
    let (fixtures, mock_config) = args.fixtures.fixtures()?;
    let result = sfn_local::cli::replay(&ReplayCommand {
        definition: resolved.definition,
        machine: resolved.machine,
        history: history.as_ref().map_or_else(
            || args.history.clone(),
            |standin| standin.path().to_path_buf(),
        ),
        fixtures,
        format: args.format.into(),
        skip_validation: args.skip_validation,
    });
    Ok(finish(
        result,
        &history.iter().chain(&mock_config).collect::<Vec<_>>(),
        ReportTo::Stdout,
    ))
}
