//! `sfn fmt`: rewrite definitions in canonical form.

use std::path::PathBuf;

use super::Outcome;
use crate::input::{Source, StdinReaders, definition_text, parse, refuse_template};
use crate::output::{errln, out, outln};

/// Rewrite definitions in canonical form (field order of the spec, two-space indentation).
///
/// With `--check`, changes nothing and exits 1 when a file is not in canonical form. `-`
/// reads standard input and writes the result to standard output (the lines naming the
/// files formatted then go to standard error).
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
    let mode = if args.check { Mode::Check } else { Mode::Write };
    // Formatting `-` writes its document to standard output: the status lines of the other
    // files then go to standard error, so that the document stays whole.
    let status = if mode == Mode::Write
        && args
            .files
            .iter()
            .any(|file| Source::new(file).is_standard_input())
    {
        Status::Stderr
    } else {
        Status::Stdout
    };
    let mut outcome = Outcome::Ok;
    for file in &args.files {
        outcome = outcome.max(format(&Source::new(file), mode, status));
    }
    outcome
}

/// What `sfn fmt` does with a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Rewrites it (standard input: writes the result to standard output).
    Write,
    /// Only says whether it would change (`--check`).
    Check,
}

/// Where the status lines (`formatted FILE`, `would reformat FILE`) go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Stdout,
    /// When standard output carries the document formatted from standard input.
    Stderr,
}

impl Status {
    fn say(self, line: std::fmt::Arguments<'_>) {
        match self {
            Self::Stdout => outln!("{line}"),
            Self::Stderr => errln!("{line}"),
        }
    }
}

/// Formats one file (or checks it), printing what it did or why not.
fn format(source: &Source, mode: Mode, status: Status) -> Outcome {
    let text = match definition_text(source) {
        Ok(text) => text,
        Err(failed) => return failed,
    };
    // Decided on the text, as every command reads a definition: a file named other than
    // `.json`, `.yaml` or `.yml` is YAML unless it starts with `{`.
    if !source.is_standard_input() && source.is_yaml(&text) {
        // A YAML template is a template before it is YAML: say so, as for a JSON one.
        if let Err(failed) = refuse_template(source, &text) {
            return failed;
        }
        errln!(
            "sfn: {}: fmt writes canonical JSON and leaves YAML definitions as they are (`sfn validate` checks them)",
            source.name
        );
        return Outcome::Failure;
    }
    let (text, parsed) = match parse(source, text) {
        Ok(read) => read,
        Err(failed) => return failed,
    };
    if refuses_inexact_numbers(source, mode, &text) {
        if mode == Mode::Write && source.is_standard_input() {
            // A pipeline (`sfn fmt - < draft.json > order.asl.json`) gets the text back
            // rather than an empty file.
            out!("{text}");
        }
        return Outcome::Problems;
    }
    let mut canonical = parsed.to_json_pretty();
    canonical.push('\n');
    match (mode, &source.path) {
        (Mode::Check, _) => {
            if canonical == text {
                return Outcome::Ok;
            }
            status.say(format_args!("would reformat {}", source.name));
            Outcome::Problems
        }
        (Mode::Write, None) => {
            out!("{canonical}");
            Outcome::Ok
        }
        (Mode::Write, Some(_)) if canonical == text => Outcome::Ok,
        (Mode::Write, Some(path)) => {
            if let Err(error) = std::fs::write(path, canonical) {
                errln!("sfn: cannot write {}: {error}", source.name);
                return Outcome::Failure;
            }
            status.say(format_args!("formatted {}", source.name));
            Outcome::Ok
        }
    }
}

/// Reports the numbers that rewriting would change (`18446744073709551616` would be
/// printed as `1.8446744073709552e19`); returns whether there are any. Such a file is
/// left as it is: formatting must never change a value. Standard input is written out
/// as it was (see [`format`](fn@format)).
fn refuses_inexact_numbers(source: &Source, mode: Mode, text: &str) -> bool {
    // YAML (on standard input) is checked through the JSON it is read as, with each number
    // placed back in the YAML text.
    let yaml = if source.is_yaml(text) {
        sfn_dsl::source::YamlDocument::parse(text).ok()
    } else {
        None
    };
    let json = yaml.as_ref().map_or(text, |yaml| yaml.json());
    let Ok(document) = sfn_dsl::source::Document::parse(json) else {
        return false;
    };
    let inexact = document.inexact_numbers();
    let outcome = match (mode, source.is_standard_input()) {
        (Mode::Write, true) => "standard input is written to standard output unchanged",
        (Mode::Check, true) => "fmt would write standard input out unchanged",
        (_, false) => "the file is left unchanged",
    };
    for number in &inexact {
        let at = match &yaml {
            Some(yaml) => yaml
                .locate(&number.pointer)
                .map_or_else(|| yaml.line_column(0), |span| yaml.line_column(span.start)),
            None => document.line_column(number.span.start),
        };
        errln!(
            "{}:{}:{}: the number `{}` at {} would be rewritten as `{}` (more digits or range than a 64-bit integer or float holds); {outcome}",
            source.name,
            at.line,
            at.column,
            number.literal,
            number.pointer,
            number.read_as
        );
    }
    !inexact.is_empty()
}
