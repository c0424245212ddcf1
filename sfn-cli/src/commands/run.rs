//! `sfn run`: run a definition locally with mocked tasks, in virtual time.

use std::path::{Path, PathBuf};

use sfn_local::cli::{Format, RunCommand};
use sfn_local::{Timestamp, WorkflowType};

use super::Outcome;
use super::fixtures::FixtureArgs;
use super::local::{FromStdin, ReportTo, finish, template_machine};
use crate::input::{Standin, StdinReaders, json_argument};
use crate::output::out;

/// Run a definition locally: tasks answered by mocks, waits and retries in virtual time.
///
/// Exits 0 when the execution succeeds, 1 when it fails or times out, 2 on usage or file
/// errors and on a definition the validator finds errors in (AWS would refuse to create it;
/// `--skip-validation` runs it all the same). With `--format json` the last line printed is
/// `{"status", "output", "error", "cause", "states"}`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition file, JSON or YAML (`.yaml`, `.yml`), or a CloudFormation/SAM
    /// template's state machine (`template.yaml#Orders`; the logical id is the state
    /// machine's name); `-` reads standard input.
    file: PathBuf,
    /// The execution input: JSON text, or `@FILE` to read it from a file (`@-` reads
    /// standard input); default `{}`.
    #[arg(long)]
    input: Option<String>,
    #[command(flatten)]
    fixtures: FixtureArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,
    /// Run as a Standard workflow (one year at most, 25,000 history events) or an Express
    /// one (five minutes at most, no history limit); by default as the template deploys
    /// the state machine (`Type`/`StateMachineType`), else Standard.
    #[arg(long = "type", value_enum)]
    workflow_type: Option<TypeArg>,
    /// Run the definition even when `sfn validate` finds errors in it (by default it is
    /// refused, as AWS refuses to create it).
    #[arg(long)]
    skip_validation: bool,
    /// Write the execution's history to FILE, as `aws stepfunctions
    /// get-execution-history` prints it; `sfn replay` reads it back. `-` writes it to
    /// standard output, and the report to standard error.
    #[arg(long, value_name = "FILE")]
    history: Option<PathBuf>,
    /// When the execution starts, in virtual time: an RFC 3339 timestamp such as
    /// `2025-06-01T00:00:00Z`. `$$.Execution.StartTime` and `$$.State.EnteredTime` show it,
    /// and Wait `Timestamp`s are measured from it. Default `2024-01-01T00:00:00Z`, a fixed
    /// instant so that runs repeat: a Wait until a later date waits that long.
    #[arg(long, value_name = "TIMESTAMP", value_parser = parse_start_time)]
    start_time: Option<Timestamp>,
}

/// Reads `--start-time`.
fn parse_start_time(text: &str) -> Result<Timestamp, String> {
    Timestamp::parse_rfc3339(text).ok_or_else(|| {
        format!("`{text}` is not an RFC 3339 timestamp (such as 2025-06-01T00:00:00Z)")
    })
}

/// `--type`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum TypeArg {
    /// A Standard workflow.
    Standard,
    /// An Express workflow.
    Express,
}

/// `--format`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum FormatArg {
    /// Readable lines.
    Text,
    /// A JSON summary on the last line.
    Json,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Text => Self::Text,
            FormatArg::Json => Self::Json,
        }
    }
}

pub(crate) fn run(args: &Args) -> Outcome {
    run_checked(args).unwrap_or_else(|failed| failed)
}

fn run_checked(args: &Args) -> Result<Outcome, Outcome> {
    args.fixtures
        .reading_stdin(
            StdinReaders::default()
                .definition("the definition", &args.file)
                .json("--input", args.input.as_deref()),
        )
        .check()?;
    let resolved = template_machine(&args.file, FromStdin::Machine)?;
    let input = json_argument("--input", args.input.as_deref())?;
    // `sfn-local` reads the mock configuration from a file, and writes the history to one.
    let (fixtures, mock_config) = args.fixtures.fixtures()?;
    let history = match args.history.as_deref() {
        // Here `-` is standard output.
        Some(path) if path == Path::new("-") => Some(Standin::standard_output("history")?),
        _ => None,
    };
    let express = match args.workflow_type {
        Some(kind) => matches!(kind, TypeArg::Express),
        None => resolved.workflow_type == Some(sfn_dsl::validate::WorkflowType::Express),
    };
    let command = RunCommand {
        definition: resolved.definition,
        machine: resolved.machine,
        input,
        fixtures,
        format: args.format.into(),
        workflow_type: if express {
            WorkflowType::Express
        } else {
            WorkflowType::Standard
        },
        skip_validation: args.skip_validation,
        history: standin_or(history.as_ref(), args.history.as_ref()),
        start_time: args.start_time,
    };
    let result = sfn_local::cli::run(&command);
    let mut report_to = ReportTo::Stdout;
    if let (Ok(_), Some(history)) = (&result, &history) {
        out!("{}", history.read_back()?);
        report_to = ReportTo::Stderr;
    }
    let standins: Vec<&Standin> = mock_config.iter().chain(&history).collect();
    Ok(finish(result, &standins, report_to))
}

/// The path to hand to `sfn-local`: the stand-in's, or the one given.
fn standin_or(standin: Option<&Standin>, given: Option<&PathBuf>) -> Option<PathBuf> {
    standin.map_or_else(
        || given.cloned(),
        |standin| Some(standin.path().to_path_buf()),
    )
}
