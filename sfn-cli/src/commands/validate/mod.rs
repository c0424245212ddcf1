//! `sfn validate`: check definitions and report every problem.

use std::borrow::Cow;
use std::path::PathBuf;

use clap::ValueEnum;
use sfn_dsl::source::Document;
use sfn_dsl::validate::{
    Allowance, Options, Report, WorkflowType, validate_document_and_read, validate_str_with,
    validate_yaml_str_with,
};

use super::Outcome;
use crate::input::Source;
use crate::report::{JsonFile, JsonReport, color_stdout, render_text};

/// Check definitions against the States Language and AWS rules.
///
/// Exits 0 when every file is valid, 1 when any has an error (or a warning, with
/// `--deny-warnings`), 2 when a file cannot be read.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// How to print the problems.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Fail on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// The workflow type the machines are deployed as (enables the Express rules).
    #[arg(long = "type", value_enum)]
    workflow_type: Option<Type>,
    /// Leave a warning out of the report: every warning of the code, or with
    /// `CODE@POINTER` only those at or below that JSON pointer (`loop-without-wait@/States/Poll`).
    /// Repeat it, or separate several with commas. Errors cannot be allowed.
    #[arg(long, value_name = "CODE[@POINTER]", value_delimiter = ',')]
    allow: Vec<Allowance>,
    /// Definition files, JSON or YAML (`.yaml`, `.yml`); `-` reads standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Each problem drawn against the source lines.
    Text,
    /// A machine-readable report (see docs/cli.md).
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), which GitHub shows as
    /// annotations on the pull request's diff.
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Type {
    Standard,
    Express,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let mut options = Options::new();
    options.allowed.clone_from(&args.allow);
    if let Some(kind) = args.workflow_type {
        options = options.workflow_type(match kind {
            Type::Standard => WorkflowType::Standard,
            Type::Express => WorkflowType::Express,
        });
    }
    let mut outcome = Outcome::Ok;
    let mut results: Vec<(Source, Result<Report, String>)> = Vec::new();
    for file in &args.files {
        let source = Source::new(file);
        let result = source.read().map(|text| {
            if source.is_yaml(&text) {
                let report = validate_yaml_str_with(&text, &options);
                print_report(args.format, &source, text.into(), &report);
                return report;
            }
            // The document takes the text over, so a large file is not copied.
            let (report, text) = match Document::parse_owned(text) {
                Ok(document) => {
                    let (report, machine) = validate_document_and_read(&document, &options);
                    // The process ends soon: the machine and the document are left to the
                    // operating system instead of being freed piece by piece (freeing
                    // makes the allocator hand pages back, one system call each), and the
                    // problems are drawn against the document's text.
                    std::mem::forget(machine);
                    let document: &'static Document = Box::leak(Box::new(document));
                    (report, Cow::Borrowed(document.text()))
                }
                Err(failed) => (
                    validate_str_with(&failed.text, &options),
                    Cow::Owned(failed.text),
                ),
            };
            print_report(args.format, &source, text, &report);
            report
        });
        match &result {
            Ok(report) => {
                let fails = report.has_errors()
                    || (args.deny_warnings && report.warnings().next().is_some());
                if fails {
                    outcome = outcome.max(Outcome::Problems);
                }
            }
            Err(message) => {
                eprintln!("{message}");
                if args.format == Format::Github {
                    print!("{}", crate::github::unreadable(&source.name, message));
                }
                outcome = Outcome::Failure;
            }
        }
        results.push((source, result));
    }
    if args.format == Format::Json {
        print_json(&results, args.deny_warnings);
    }
    outcome
}

/// Prints one file's report as it is read (`--format json` prints them all at the end).
fn print_report(format: Format, source: &Source, text: Cow<'static, str>, report: &Report) {
    match format {
        Format::Text => print!(
            "{}",
            render_text(&source.name, text, report, color_stdout())
        ),
        Format::Github => print!("{}", crate::github::render(&source.name, report)),
        Format::Json => {}
    }
}

fn print_json(results: &[(Source, Result<Report, String>)], deny_warnings: bool) {
    let files: Vec<JsonFile<'_>> = results
        .iter()
        .map(|(source, result)| match result {
            Ok(report) => {
                let errors = report.errors().count();
                let warnings = report.warnings().count();
                JsonFile {
                    file: source.name.clone(),
                    valid: errors == 0 && !(deny_warnings && warnings > 0),
                    errors,
                    warnings,
                    io_error: None,
                    diagnostics: report.diagnostics(),
                }
            }
            Err(message) => JsonFile {
                file: source.name.clone(),
                valid: false,
                errors: 0,
                warnings: 0,
                io_error: Some(message.trim_start_matches("sfn: ").to_owned()),
                diagnostics: &[],
            },
        })
        .collect();
    let report = JsonReport {
        version: 1,
        valid: files.iter().all(|file| file.valid),
        errors: files.iter().map(|file| file.errors).sum(),
        warnings: files.iter().map(|file| file.warnings).sum(),
        files,
    };
    match serde_json::to_string_pretty(&report) {
        Ok(text) => println!("{text}"),
        Err(error) => eprintln!("sfn: cannot write the report: {error}"),
    }
}
