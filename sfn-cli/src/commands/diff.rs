//! `sfn diff`: structural differences between two definitions.

use std::path::PathBuf;

use clap::ValueEnum;

use super::Outcome;
use crate::input::{Deployed, Source, definition};

/// Compare two definitions: states added, removed and renamed, transitions, error handling
/// and fields changed.
///
/// Exits 0 when they are the same, 1 when they differ, 2 when a file cannot be read.
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
    let old = definition(&Source::new(&args.old), Deployed::Refuse);
    let new = definition(&Source::new(&args.new), Deployed::Refuse);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old.machine, new.machine),
        (Err(failed), Ok(_)) | (Ok(_), Err(failed)) => return failed,
        (Err(first), Err(second)) => return first.max(second),
    };
    let changes = sfn_dsl::diff::diff(&old, &new);
    match args.format {
        Format::Text => print!("{changes}"),
        Format::Json => match serde_json::to_string_pretty(&changes) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("sfn: cannot write the changes: {error}");
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
