//! `sfn fmt`: rewrite definitions in canonical form.

use std::path::PathBuf;

use super::Outcome;
use crate::input::{Source, StdinReaders, machine};
use crate::output::{errln, out, outln};

/// Rewrite definitions in canonical form (field order of the spec, two-space indentation).
///
/// With `--check`, changes nothing and exits 1 when a file is not in canonical form. `-`
/// reads standard input and writes the result to standard output.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Only check; list the files that would change.
    #[arg(long)]
    check: bool,
    /// Definition files (JSON; `-` reads standard input, JSON or YAML, and writes JSON).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let mut readers = StdinReaders::default();
    for file in &args.files {
        readers.definition("FILE", file);
    }
    if let Err(failed) = readers.check() {
        return failed;
    }
    let mut outcome = Outcome::Ok;
    for file in &args.files {
        let source = Source::new(file);
        if source.path.is_some() && source.is_yaml("") {
            errln!(
                "sfn: {}: fmt writes canonical JSON and leaves YAML definitions as they are (`sfn validate` checks them)",
                source.name
            );
            outcome = outcome.max(Outcome::Failure);
            continue;
        }
        let (text, parsed) = match machine(&source) {
            Ok(read) => read,
            Err(failed) => {
                outcome = outcome.max(failed);
                continue;
            }
        };
        if refuses_inexact_numbers(&source.name, &text) {
            outcome = outcome.max(Outcome::Problems);
            continue;
        }
        let mut canonical = parsed.to_json_pretty();
        canonical.push('\n');
        if args.check {
            if canonical != text {
                outln!("would reformat {}", source.name);
                outcome = outcome.max(Outcome::Problems);
            }
            continue;
        }
        match &source.path {
            None => out!("{canonical}"),
            Some(path) if canonical != text => {
                if let Err(error) = std::fs::write(path, canonical) {
                    errln!("sfn: cannot write {}: {error}", source.name);
                    outcome = Outcome::Failure;
                } else {
                    outln!("formatted {}", source.name);
                }
            }
            Some(_) => {}
        }
    }
    outcome
}

/// Reports the numbers that rewriting would change (`18446744073709551616` would be
/// printed as `1.8446744073709552e19`); returns whether there are any. Such a file is
/// left as it is: formatting must never change a value.
fn refuses_inexact_numbers(name: &str, text: &str) -> bool {
    let Ok(document) = sfn_dsl::source::Document::parse(text) else {
        return false;
    };
    let inexact = document.inexact_numbers();
    for number in &inexact {
        let at = document.line_column(number.span.start);
        errln!(
            "{name}:{}:{}: the number `{}` at {} would be rewritten as `{}` (more digits or range than a 64-bit integer or float holds); the file is left unchanged",
            at.line,
            at.column,
            number.literal,
            number.pointer,
            number.read_as
        );
    }
    !inexact.is_empty()
}
