//! `sfn fmt`: rewrite definitions in canonical form.

use std::path::PathBuf;

use super::Outcome;
use crate::input::{Source, machine};

/// Rewrite definitions in canonical form (field order of the spec, two-space indentation).
///
/// With `--check`, changes nothing and exits 1 when a file is not in canonical form. `-`
/// reads standard input and writes the result to standard output.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Only check; list the files that would change.
    #[arg(long)]
    check: bool,
    /// Definition files (`-` reads standard input).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let mut outcome = Outcome::Ok;
    for file in &args.files {
        let source = Source::new(file);
        let (text, parsed) = match machine(&source) {
            Ok(read) => read,
            Err(failed) => {
                outcome = outcome.max(failed);
                continue;
            }
        };
        let mut canonical = parsed.to_json_pretty();
        canonical.push('\n');
        if args.check {
            if canonical != text {
                println!("would reformat {}", source.name);
                outcome = outcome.max(Outcome::Problems);
            }
            continue;
        }
        match &source.path {
            None => print!("{canonical}"),
            Some(path) if canonical != text => {
                if let Err(error) = std::fs::write(path, canonical) {
                    eprintln!("sfn: cannot write {}: {error}", source.name);
                    outcome = Outcome::Failure;
                } else {
                    println!("formatted {}", source.name);
                }
            }
            Some(_) => {}
        }
    }
    outcome
}
