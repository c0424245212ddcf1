//! `sfn validate`: check definitions, and the state machines of CloudFormation and SAM
//! templates, and report every problem.

use std::borrow::Cow;
use std::path::PathBuf;

use clap::ValueEnum;
use sfn_dsl::source::Document;
use sfn_dsl::template::{Template, is_template};
use sfn_dsl::validate::{
    Allowance, AllowanceError, Options, Report, WorkflowType, validate_document_and_read,
    validate_str_with, validate_yaml_str_with,
};

use super::Outcome;
use crate::input::{Source, StdinReaders};
use crate::output::{errln, out, outln};
use crate::report::{JsonFile, JsonReport, WarningPolicy, color_stdout, render_text_titled};

mod template;

/// Check definitions against the States Language and AWS rules.
///
/// A CloudFormation or SAM template (JSON or YAML, with `Resources`) is read too: every
/// state machine in it is validated, its problems shown on the template's lines (or in the
/// file its `DefinitionUri` names).
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
    /// `CODE@POINTER` only those at or below that JSON pointer (`loop-without-wait@/States/Poll`;
    /// the empty pointer, `CODE@`, is the whole definition). Repeat it, or separate several
    /// with commas. Errors cannot be allowed.
    #[arg(long, value_name = "CODE[@POINTER]", value_delimiter = ',', value_parser = allowance)]
    allow: Vec<Allowance>,
    /// Definition files, JSON or YAML (`.yaml`, `.yml`), or CloudFormation/SAM templates
    /// (`FILE#LogicalId` for one of a template's state machines); `-` reads standard input.
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
    /// A SARIF 2.1.0 log, for GitHub code scanning (`upload-sarif`) and other CI dashboards.
    Sarif,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Type {
    Standard,
    Express,
}

/// How reports are printed: the format, and whether warnings make a file invalid (which its
/// summary line says).
#[derive(Clone, Copy, Debug)]
struct Printing {
    format: Format,
    warnings: WarningPolicy,
}

/// `--allow CODE[@POINTER]`. `CODE@` names the empty pointer, which is the whole definition
/// (the pointer the JSON report gives a problem of the whole definition); the validator
/// reads `CODE@POINTER` only with a pointer that starts with `/`.
fn allowance(text: &str) -> Result<Allowance, AllowanceError> {
    match text.strip_suffix('@') {
        Some(code) if !code.contains('@') => {
            let mut allowance: Allowance = code.parse()?;
            allowance.under = Some(String::new());
            Ok(allowance)
        }
        _ => text.parse(),
    }
}

pub(crate) fn run(args: &Args) -> Outcome {
    let mut readers = StdinReaders::default();
    for file in &args.files {
        readers.definition("FILE", file);
    }
    if let Err(failed) = readers.check() {
        return failed;
    }
    let printing = Printing {
        format: args.format,
        warnings: if args.deny_warnings {
            WarningPolicy::Deny
        } else {
            WarningPolicy::Allow
        },
    };
    let mut options = Options::new();
    options.allowed.clone_from(&args.allow);
    if let Some(kind) = args.workflow_type {
        options = options.workflow_type(match kind {
            Type::Standard => WorkflowType::Standard,
            Type::Express => WorkflowType::Express,
        });
    }
    let mut entries: Vec<Entry> = Vec::new();
    for file in &args.files {
        let source = Source::new(file);
        let read = source.read().and_then(|text| {
            // A Terraform configuration is not read: one clear error, not a broken definition's.
            match crate::input::terraform_refusal(&source, &text) {
                Some(message) => Err(message),
                None => Ok(text),
            }
        });
        match read {
            Ok(text) => entries.extend(validate_text(printing, &options, &source, text)),
            Err(message) => entries.push(Entry::unreadable(
                printing,
                source.name.clone(),
                None,
                message,
            )),
        }
    }
    let mut outcome = Outcome::Ok;
    for entry in &entries {
        match &entry.result {
            Ok(report) => {
                if !printing
                    .warnings
                    .passes(report.errors().count(), report.warnings().count())
                {
                    outcome = outcome.max(Outcome::Problems);
                }
            }
            Err(_) => outcome = Outcome::Failure,
        }
    }
    match args.format {
        Format::Json => print_json(&entries, printing.warnings),
        Format::Sarif => print_sarif(&entries),
        Format::Text | Format::Github => {}
    }
    outcome
}

/// What was validated: a definition file, or one state machine of a template.
struct Entry {
    /// The file the diagnostics are in.
    file: String,
    /// For a state machine of a template.
    machine: Option<Machine>,
    /// The report, or why the file could not be read.
    result: Result<Report, String>,
    /// Why nothing was validated, when nothing was.
    note: Option<String>,
}

/// A state machine of a template.
struct Machine {
    template: String,
    logical_id: String,
}

impl Entry {
    fn new(file: String, machine: Option<Machine>, report: Report) -> Self {
        Self {
            file,
            machine,
            result: Ok(report),
            note: None,
        }
    }

    /// A file that could not be read, told at once.
    fn unreadable(
        printing: Printing,
        file: String,
        machine: Option<Machine>,
        message: String,
    ) -> Self {
        errln!("{message}");
        if printing.format == Format::Github {
            out!("{}", crate::github::unreadable(&file, &message));
        }
        Self {
            file,
            machine,
            result: Err(message),
            note: None,
        }
    }

    /// What the summary line names: the file, or `template#Id` (with the definition file
    /// it names, when that is where the problems are).
    fn title(&self) -> String {
        match &self.machine {
            None => self.file.clone(),
            Some(machine) if machine.template == self.file => {
                format!("{}#{}", machine.template, machine.logical_id)
            }
            Some(machine) => format!(
                "{}#{} ({})",
                machine.template, machine.logical_id, self.file
            ),
        }
    }
}

/// `FILE#Id` for a file that is not a template.
fn not_a_template(printing: Printing, source: &Source, id: &str) -> Entry {
    Entry::unreadable(
        printing,
        source.name.clone(),
        None,
        format!(
            "sfn: {} is not a CloudFormation or SAM template, so `#{id}` names nothing in it",
            source.name
        ),
    )
}

/// Validates the text of one file: a definition (one entry) or a template (one entry per
/// state machine).
fn validate_text(
    printing: Printing,
    options: &Options,
    source: &Source,
    text: String,
) -> Vec<Entry> {
    let only = source.resource.as_deref();
    let of_template = |template: &Template| {
        template::validate(
            printing,
            options,
            &source.name,
            source.directory(),
            template,
            only,
        )
    };
    if source.is_yaml(&text) {
        // Read as a template first: that mode accepts the CloudFormation tags a definition
        // refuses, so a definition is read again, strictly, when it is not one.
        if let Ok(template) = Template::from_yaml(&text)
            && template.is_template()
        {
            return of_template(&template);
        }
        if let Some(id) = only {
            return vec![not_a_template(printing, source, id)];
        }
        let report = validate_yaml_str_with(&text, options);
        print_report(printing, &source.name, &source.name, text.into(), &report);
        return vec![Entry::new(source.name.clone(), None, report)];
    }
    // The document takes the text over, so a large file is not copied.
    let (report, text) = match Document::parse_owned(text) {
        Ok(document) if is_template(&document) => {
            return of_template(&Template::from_document(document));
        }
        Ok(_) | Err(_) if only.is_some() => {
            return vec![not_a_template(printing, source, only.unwrap_or_default())];
        }
        Ok(document) => {
            let (report, machine) = validate_document_and_read(&document, options);
            // The process ends soon: the machine and the document are left to the
            // operating system instead of being freed piece by piece (freeing makes the
            // allocator hand pages back, one system call each), and the problems are drawn
            // against the document's text.
            std::mem::forget(machine);
            let document: &'static Document = Box::leak(Box::new(document));
            (report, Cow::Borrowed(document.text()))
        }
        Err(failed) => (
            validate_str_with(&failed.text, options),
            Cow::Owned(failed.text),
        ),
    };
    print_report(printing, &source.name, &source.name, text, &report);
    vec![Entry::new(source.name.clone(), None, report)]
}

/// Prints one report as it is made (`--format json` prints them all at the end): the
/// problems in file `name`, and a summary line about `title`.
fn print_report(
    printing: Printing,
    name: &str,
    title: &str,
    text: Cow<'static, str>,
    report: &Report,
) {
    match printing.format {
        Format::Text => out!(
            "{}",
            render_text_titled(name, title, text, report, printing.warnings, color_stdout())
        ),
        Format::Github => out!(
            "{}",
            crate::github::render(name, title, report, printing.warnings)
        ),
        Format::Json | Format::Sarif => {}
    }
}

fn print_sarif(entries: &[Entry]) {
    let files: Vec<crate::sarif::SarifFile<'_>> = entries
        .iter()
        .map(|entry| crate::sarif::SarifFile {
            file: &entry.file,
            result: match &entry.result {
                Ok(report) => Ok(report.diagnostics()),
                Err(message) => Err(message),
            },
        })
        .collect();
    match serde_json::to_string_pretty(&crate::sarif::render(&files)) {
        Ok(text) => outln!("{text}"),
        Err(error) => errln!("sfn: cannot write the report: {error}"),
    }
}

fn print_json(entries: &[Entry], policy: WarningPolicy) {
    let files: Vec<JsonFile<'_>> = entries
        .iter()
        .map(|entry| {
            let (template, resource) = match &entry.machine {
                Some(machine) => (
                    Some(machine.template.clone()),
                    Some(machine.logical_id.clone()),
                ),
                None => (None, None),
            };
            match &entry.result {
                Ok(report) => {
                    let errors = report.errors().count();
                    let warnings = report.warnings().count();
                    JsonFile {
                        file: entry.file.clone(),
                        valid: policy.passes(errors, warnings),
                        errors,
                        warnings,
                        template,
                        resource,
                        note: entry.note.clone(),
                        io_error: None,
                        diagnostics: report.diagnostics(),
                    }
                }
                Err(message) => JsonFile {
                    file: entry.file.clone(),
                    valid: false,
                    errors: 0,
                    warnings: 0,
                    template,
                    resource,
                    note: None,
                    io_error: Some(message.trim_start_matches("sfn: ").to_owned()),
                    diagnostics: &[],
                },
            }
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
        Ok(text) => outln!("{text}"),
        Err(error) => errln!("sfn: cannot write the report: {error}"),
    }
}
