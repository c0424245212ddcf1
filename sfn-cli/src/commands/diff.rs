//! `sfn diff`: structural differences between two definitions.

use std::path::PathBuf;

use clap::ValueEnum;

use super::Outcome;
use crate::input::{Deployed, Source, StdinReaders, definition};
use crate::output::{errln, out, outln};

/// Compare two definitions: states added, removed and renamed, transitions, error handling
/// and fields changed.
///
/// Exits 0 when they are the same, 1 when they differ, 2 when a file cannot be read or does
/// not parse.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The old definition, JSON or YAML (`-` reads standard input), or a template's state
    /// machine (`template.yaml#Orders`).
    old: PathBuf,
    /// The new definition, JSON or YAML, or a template's state machine.
    new: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One change per line.
    Text,
    /// `{"changes": [{"kind": …}, …]}`.
    Json,
}

pub(crate) fn run(args: &Args) -> Outcome {
    if let Err(failed) = StdinReaders::default()
        .definition("OLD", &args.old)
        .definition("NEW", &args.new)
        .check()
    {
        return failed;
    }
    let old = definition(&Source::new(&args.old), Deployed::Refuse);
    let new = definition(&Source::new(&args.new), Deployed::Refuse);
    // Exit 1 says the definitions differ: a file that does not parse (which `definition`
    // reports as a problem, exit 1) cannot be compared, so it is a failure here.
    let (Ok(old), Ok(new)) = (old, new) else {
        return Outcome::Failure;
    };
    let (old, new) = (old.machine, new.machine);
    let changes = sfn_dsl::diff::diff(&old, &new);
    match args.format {
        Format::Text => out!("{changes}"),
        Format::Json => match serde_json::to_string_pretty(&changes) {
            Ok(text) => outln!("{text}"),
            Err(error) => {
                errln!("sfn: cannot write the changes: {error}");
                return Outcome::Failure;
            }
        },
    }
    if changes.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Problems
    }
}
