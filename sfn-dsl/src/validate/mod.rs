//! Whole-definition validation: every rule of the States Language and of the AWS service
//! that can be checked without running the machine, as [`Diagnostic`]s with stable
//! [`Code`]s, JSON pointers, source positions and hints.
//!
//! ```
//! use sfn_dsl::validate::{validate_str, Code};
//!
//! let report = validate_str(r#"{
//!   "StartAt": "Charge",
//!   "States": {
//!     "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
//!                "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["Timeout"]}],
//!                "End": true}
//!   }
//! }"#);
//! let error = report.errors().next().expect("an error");
//! assert_eq!(error.code, Code::StatesAllMisplaced);
//! assert_eq!(error.pointer, "/States/Charge/Retry/0/ErrorEquals/0");
//! assert_eq!(error.line, Some(5));
//! ```
//!
//! The codes are listed in `docs/validate.md`; [`Code::ALL`] has them all.

mod arn;
mod callback;
pub(crate) mod choice;
mod code;
mod cx;
mod diagnostic;
mod distributed;
mod errors;
mod exits;
mod fields;
mod graph;
mod integration;
mod jsonata;
mod jsonata_hint;
mod locate;
mod lookalike;
mod loops;
mod map;
mod options;
mod payload;
mod reads;
mod repair;
pub(crate) mod request_values;
mod size;
mod state;
mod substitution;
mod syntax;
mod task;
mod task_token;
mod template;
pub(crate) mod timestamp;
mod top;
mod values;
mod variables;
mod walk;

/// The code, pointer and `part` of each diagnostic of the definition `text`.
#[cfg(test)]
fn diagnostic_parts<T>(text: &str, part: impl Fn(&Diagnostic) -> T) -> Vec<(Code, String, T)> {
    validate_str(text)
        .diagnostics()
        .iter()
        .map(|diagnostic| {
            (
                diagnostic.code,
                diagnostic.pointer.clone(),
                part(diagnostic),
            )
        })
        .collect()
}

/// The code, pointer and message of each diagnostic of the definition `text`: what the
/// validator's unit tests compare.
#[cfg(test)]
pub(crate) fn diagnostic_triples(text: &str) -> Vec<(Code, String, String)> {
    diagnostic_parts(text, |diagnostic| diagnostic.message.clone())
}

/// [`diagnostic_triples`] of a machine in `language` whose only state is `state`, named `S`.
#[cfg(test)]
pub(crate) fn single_state_triples(language: &str, state: &str) -> Vec<(Code, String, String)> {
    diagnostic_triples(&format!(
        r#"{{"QueryLanguage": "{language}", "StartAt": "S", "States": {{"S": {state}}}}}"#
    ))
}

/// The code, pointer and hint of each diagnostic of the definition `text`: what the unit
/// tests of hints compare.
#[cfg(test)]
pub(crate) fn diagnostic_hints(text: &str) -> Vec<(Code, String, Option<String>)> {
    diagnostic_parts(text, |diagnostic| diagnostic.hint.clone())
}
#[cfg(feature = "yaml")]
mod yaml;

pub use code::Code;
pub use diagnostic::{Diagnostic, Report, Severity};
pub(crate) use distributed::{MAX_ITEMS, MAX_LABEL_CHARS, is_forbidden_in_label};
pub use options::{Allowance, AllowanceError, Options, WorkflowType};
pub(crate) use size::MAX_PAYLOAD_BYTES;
pub use template::{machine_options, validate_template_machine, validate_template_substitutions};
pub(crate) use values::is_substituted;
pub(crate) use variables::shadowing as variable_shadowing;
pub(crate) use variables::{
    NAME_RULE as VARIABLE_NAME_RULE, is_name_continue as is_variable_char,
    is_name_start as is_variable_start, name_problem as variable_name_problem,
};
#[cfg(feature = "yaml")]
pub use yaml::{validate_yaml_str, validate_yaml_str_with};

use crate::model::StateMachine;
use crate::source::Document;

/// The largest definition AWS accepts, in bytes of UTF-8.
pub const MAX_DEFINITION_BYTES: usize = 1_048_576;

/// Validates a machine with the default [`Options`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::validate;
/// use sfn_dsl::StateMachine;
///
/// let machine = StateMachine::from_json(
///     r#"{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 5, "End": true}}}"#,
/// )?;
/// assert!(validate(&machine).is_clean());
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn validate(machine: &StateMachine) -> Report {
    validate_with(machine, &Options::default())
}

/// Validates a machine.
///
/// A machine put together by hand whose Parallel and Map states nest deeper than any
/// definition can be read (more than 63 Parallel or 84 Map states inside each other, so
/// that a `States` object lies past the 256 JSON levels
/// [`StateMachine::from_json`](crate::StateMachine::from_json) reads) gets one diagnostic,
/// `json-too-deep`, at the first list that is too deep, and no other checks: they would
/// recurse as deep as the machine goes.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{ParallelState, State, States};
/// use sfn_dsl::validate::{Code, Options, validate_with};
/// use sfn_dsl::StateMachine;
///
/// let mut machine = StateMachine::from_json(
///     r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
/// )?;
/// for _ in 0..64 {
///     let mut parallel = ParallelState::default();
///     parallel.branches.push(sfn_dsl::model::Branch {
///         start_at: machine.start_at.clone(),
///         states: std::mem::take(&mut machine.states),
///         ..Default::default()
///     });
///     let mut states = States::new();
///     states.insert("P", State::Parallel(Box::new(parallel)));
///     machine.states = states;
///     machine.start_at = "P".into();
/// }
/// let report = validate_with(&machine, &Options::default());
/// let [diagnostic] = report.diagnostics() else { panic!("one diagnostic") };
/// assert_eq!(diagnostic.code, Code::JsonTooDeep);
/// assert!(diagnostic.pointer.ends_with("/Branches/0/States/P/Branches/0"));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn validate_with(machine: &StateMachine, options: &Options) -> Report {
    if let Some(pointer) = machine.too_deep_list() {
        return Report::new(vec![Diagnostic::new(
            Code::JsonTooDeep,
            pointer,
            format!(
                "Parallel and Map states nest so deeply that this state list lies past the {} JSON levels a definition can have",
                crate::source::MAX_DEPTH
            ),
        )
        .with_hint("nest at most 63 Parallel or 84 Map states inside each other")]);
    }
    let mut diagnostics = walk::run(machine, options, compact_size(machine));
    if let Some(keys) = &options.substitutions {
        diagnostics.extend(machine_substitutions(machine, keys, options));
    }
    Report::new(diagnostics)
}

/// The `unknown-substitution` warnings of a machine: its placeholders are strings of its
/// JSON, whose pointers are the machine's (it has no text, so they have no positions).
fn machine_substitutions(
    machine: &StateMachine,
    keys: &[String],
    options: &Options,
) -> Vec<Diagnostic> {
    // The machine's own JSON always reads back: it is not too deep (checked above).
    let Ok(document) = Document::parse(&machine.to_json()) else {
        return Vec::new();
    };
    substitution::check(&document, keys)
        .into_iter()
        .filter(|diagnostic| !options.allows(diagnostic))
        .map(|mut diagnostic| {
            // No text to place a position in.
            diagnostic.inner_offset = None;
            diagnostic
        })
        .collect()
}

/// Reads and validates a definition; problems found while reading (invalid JSON, duplicate
/// keys, unknown fields, wrong types) are diagnostics too. Every diagnostic has its line and
/// column.
///
/// A field that cannot be read hides no other problem when it can simply be left out (an
/// unknown field, an optional one of the wrong type): the rules run on a copy without it,
/// and what they report only because it is missing is left out. A problem that leaving
/// fields out cannot get past (invalid JSON, a missing required field) is reported alone.
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::{validate_str, Code};
///
/// let report = validate_str(r#"{"StartAt": "A", "StartAt": "A", "States": {}}"#);
/// let codes: Vec<Code> = report.diagnostics().iter().map(|d| d.code).collect();
/// assert_eq!(codes, [Code::DuplicateKey]);
///
/// // A misspelt field does not keep the rules from finding the unknown target.
/// let report = validate_str(r#"{"StartAt": "A", "States": {
///     "A": {"Type": "Pass", "Coment": "x", "Next": "B"}, "Bee": {"Type": "Succeed"}}}"#);
/// let codes: Vec<Code> = report.diagnostics().iter().map(|d| d.code).collect();
/// assert!(codes.contains(&Code::UnknownField) && codes.contains(&Code::UnknownTarget));
/// ```
#[must_use]
pub fn validate_str(text: &str) -> Report {
    validate_str_with(text, &Options::default())
}

/// Reads and validates a definition with options; see [`validate_str`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::validate::{Code, Options, validate_str_with};
///
/// let text = r#"{"StartAt": "Save", "States": {"Save": {"Type": "Task",
///     "Resource": "arn:aws:states:::dynamodb:putItem",
///     "Parameters": {"TableName": "${OrdersTable}", "Item.$": "$"}, "End": true}}}"#;
/// // Told which `DefinitionSubstitutions` the deployment has, it reports the others.
/// let report = validate_str_with(text, &Options::new().substitutions(["Orders"]));
/// let [warning] = report.diagnostics() else { panic!("one warning") };
/// assert_eq!(warning.code, Code::UnknownSubstitution);
/// assert!(validate_str_with(text, &Options::new().substitutions(["OrdersTable"])).is_clean());
/// ```
#[must_use]
pub fn validate_str_with(text: &str, options: &Options) -> Report {
    let document = match Document::parse(text) {
        Ok(document) => document,
        Err(error) => return parse_report(&error),
    };
    validate_document_with(&document, options)
}

/// Validates an already parsed [`Document`]; see [`validate_str`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::Document;
/// use sfn_dsl::validate::{Code, Options, WorkflowType, validate_document_with};
///
/// let document = Document::parse(r#"{"StartAt": "Wait", "States": {
///     "Wait": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
///              "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
///              "TimeoutSeconds": 60, "End": true}}}"#)?;
/// assert!(validate_document_with(&document, &Options::new()).is_clean());
/// // Express workflows cannot wait for a callback.
/// let express = Options::new().workflow_type(WorkflowType::Express);
/// let report = validate_document_with(&document, &express);
/// assert!(report.has_errors());
/// assert!(report.errors().any(|diagnostic| diagnostic.code == Code::UnsupportedByWorkflowType));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn validate_document_with(document: &Document, options: &Options) -> Report {
    validate_document_and_read(document, options).0
}

/// Validates an already parsed [`Document`] and gives back the machine read from it too
/// (`None` when it could not be read; the report says why, together with what the rules
/// find in a repaired copy, as [`validate_str`] tells), for callers that go on to use the
/// machine, or that want to decide when it is freed; see [`validate_str`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::Document;
/// use sfn_dsl::validate::{Options, validate_document_and_read};
///
/// let document = Document::parse(
///     r#"{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 5, "End": true}}}"#,
/// )?;
/// let (report, machine) = validate_document_and_read(&document, &Options::default());
/// assert!(report.is_clean());
/// assert_eq!(machine.map(|machine| machine.states.len()), Some(1));
///
/// let broken = Document::parse(r#"{"StartAt": "A"}"#)?;
/// let (report, machine) = validate_document_and_read(&broken, &Options::default());
/// assert!(report.has_errors());
/// assert!(machine.is_none());
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[must_use]
pub fn validate_document_and_read(
    document: &Document,
    options: &Options,
) -> (Report, Option<StateMachine>) {
    let machine = match StateMachine::from_document(document) {
        Ok(machine) => machine,
        Err(error) => return (unreadable_report(document, &error, options), None),
    };
    let diagnostics = rule_diagnostics(document, &machine, options);
    (Report::new(diagnostics), Some(machine))
}

/// The report of a definition that does not read: the reading problems, and when a copy
/// without the fields in error reads ([`repair`]), what the rules find in it, minus what
/// they find only because those fields are missing. Without that, one misspelt field
/// would hide every other problem.
fn unreadable_report(document: &Document, error: &crate::ParseError, options: &Options) -> Report {
    let mut report = parse_report(error);
    if let Some(repaired) = repair::repair(document, error) {
        report.diagnostics.extend(
            rule_diagnostics(document, &repaired.machine, options)
                .into_iter()
                .filter(|diagnostic| !repaired.is_artifact(diagnostic)),
        );
        // Stable: problems at one place keep the order they were found in.
        report
            .diagnostics
            .sort_by_key(|diagnostic| diagnostic.span.map_or(0, |span| span.start));
    }
    report
}

/// What the rules find in `machine`, read from `document` (or from a repaired copy of it,
/// whose pointers are the same), placed in the document's text.
fn rule_diagnostics(
    document: &Document,
    machine: &StateMachine,
    options: &Options,
) -> Vec<Diagnostic> {
    let mut diagnostics = walk::run(machine, options, document.text().len());
    if let Some(keys) = &options.substitutions {
        diagnostics.extend(
            substitution::check(document, keys)
                .into_iter()
                .filter(|diagnostic| !options.allows(diagnostic)),
        );
    }
    diagnostics.extend(
        document
            .inexact_numbers()
            .into_iter()
            .map(|number| {
                let literal = crate::shorten::shorten(&number.literal, 80);
                let read_as = crate::shorten::shorten(&number.read_as, 80);
                // Whether a literal is held exactly depends on its digits, not only on how
                // many there are (`12345678901234567.0` has 17 and is not); 15 always are.
                Diagnostic::new(
                    Code::InexactNumber,
                    number.pointer,
                    format!(
                        "the number `{literal}` is read as `{read_as}`: it has more digits or range than a 64-bit integer or float holds"
                    ),
                )
                .with_hint(format!(
                    "write the value it is read as (`{read_as}`), or a number a 64-bit float holds exactly (any of at most 15 significant digits between about 2.2e-308 and 1.8e308 in magnitude), or a string if every digit matters"
                ))
            })
            .filter(|diagnostic| !options.allows(diagnostic)),
    );
    locate::locate_all(document, &mut diagnostics);
    diagnostics
}

/// The length of the machine's compact JSON, counted without building the text.
fn compact_size(machine: &StateMachine) -> usize {
    struct Counter(usize);
    impl std::io::Write for Counter {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    // Writing to a counter cannot fail; were it to, the size would only be underestimated.
    let _ = serde_json::to_writer(&mut counter, machine);
    counter.0
}

fn parse_report(error: &crate::ParseError) -> Report {
    Report::new(
        error
            .issues()
            .iter()
            .map(Diagnostic::from_parse_issue)
            .collect(),
    )
}
