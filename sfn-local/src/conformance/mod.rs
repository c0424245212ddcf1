//! Conformance against recorded executions: runs each recorded test's template with the
//! recorded input (and the recorded task results as mocks) and compares the outcome and
//! the sequence of history event types with what AWS recorded.
//!
//! The suite format is LocalStack's: a folder of templates, a folder of
//! `*.snapshot.json` recordings (test id → `get_execution_history` responses), and a
//! tab-separated map from recorded test to template(s) (`SNAPSHOT-MAP.tsv`).

pub(crate) mod case;
pub(crate) mod compare;
mod python_json;

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sfn_dsl::StateMachine;

use crate::executor::Executor;
use crate::result::{Execution, ExecutionStatus};
use case::{History, Recorded, choose_template};

/// A suite of recorded executions.
///
/// # Examples
///
/// ```no_run
/// use sfn_local::conformance::Suite;
///
/// let report = Suite::new("corpus/templates", "corpus/snapshots/v2", "corpus/SNAPSHOT-MAP.tsv").run()?;
/// println!("{} of {} recorded executions match", report.passed(), report.cases.len());
/// # Ok::<(), sfn_local::conformance::SuiteError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Suite {
    templates: PathBuf,
    recordings: PathBuf,
    map: PathBuf,
}

/// Why a suite could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SuiteError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The map file lacks a required column.
    #[error("{path}: the header has no `{column}` column")]
    MissingColumn {
        /// The map file.
        path: PathBuf,
        /// The column.
        column: &'static str,
    },
}

/// The verdict on one recorded execution.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// The local run matches the recording.
    Passed,
    /// The local run differs; the reason says where.
    Failed(String),
    /// The recording cannot be replayed locally; the reason says why.
    NotRunnable(String),
}

/// One recorded execution and its verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseResult {
    /// `<recording file>::<test id>`, with `#<key>` when a test recorded several runs.
    pub id: String,
    /// The template that ran, relative to the templates folder.
    pub template: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
}

/// The verdicts of a suite.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Every recorded execution, in map order.
    pub cases: Vec<CaseResult>,
}

impl Report {
    /// How many passed.
    #[must_use]
    pub fn passed(&self) -> usize {
        self.count(|verdict| matches!(verdict, Verdict::Passed))
    }

    /// How many failed.
    #[must_use]
    pub fn failed(&self) -> usize {
        self.count(|verdict| matches!(verdict, Verdict::Failed(_)))
    }

    /// How many could not run locally.
    #[must_use]
    pub fn not_runnable(&self) -> usize {
        self.count(|verdict| matches!(verdict, Verdict::NotRunnable(_)))
    }

    fn count(&self, predicate: impl Fn(&Verdict) -> bool) -> usize {
        self.cases
            .iter()
            .filter(|case| predicate(&case.verdict))
            .count()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} recorded executions: {} passed, {} failed, {} not runnable locally",
            self.cases.len(),
            self.passed(),
            self.failed(),
            self.not_runnable()
        )
    }
}

fn read(path: &Path) -> Result<String, SuiteError> {
    std::fs::read_to_string(path).map_err(|source| SuiteError::Io {
        path: path.to_owned(),
        source,
    })
}

/// The part of a map path after `marker` (`templates/`, `snapshots/v2/`), or the path.
fn relative<'p>(path: &'p str, markers: &[&str]) -> &'p str {
    markers
        .iter()
        .find_map(|marker| path.find(marker).map(|index| &path[index + marker.len()..]))
        .unwrap_or(path)
}

struct Row {
    snapshot: String,
    test_id: String,
    templates: Vec<String>,
}

impl Suite {
    /// A suite with its templates folder, recordings folder and map file.
    #[must_use]
    pub fn new(
        templates: impl Into<PathBuf>,
        recordings: impl Into<PathBuf>,
        map: impl Into<PathBuf>,
    ) -> Self {
        Self {
            templates: templates.into(),
            recordings: recordings.into(),
            map: map.into(),
        }
    }

    fn rows(&self) -> Result<Vec<Row>, SuiteError> {
        let text = read(&self.map)?;
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
        let column = |name: &'static str| {
            header
                .iter()
                .position(|column| *column == name)
                .ok_or_else(|| SuiteError::MissingColumn {
                    path: self.map.clone(),
                    column: name,
                })
        };
        let (snapshot, test_id, templates) = (
            column("snapshot_file")?,
            column("test_id")?,
            column("templates")?,
        );
        Ok(lines
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                let fields: Vec<&str> = line.split('\t').collect();
                let field = |index: usize| fields.get(index).copied().unwrap_or_default();
                Row {
                    snapshot: relative(field(snapshot), &["snapshots/v2/", "snapshots/"])
                        .to_owned(),
                    test_id: field(test_id).to_owned(),
                    templates: field(templates)
                        .split(',')
                        .filter(|path| !path.is_empty())
                        .map(|path| relative(path, &["templates/"]).to_owned())
                        .collect(),
                }
            })
            .collect())
    }

    /// Runs every recorded execution of the suite.
    ///
    /// # Errors
    ///
    /// [`SuiteError`] when the map file cannot be read. Unreadable recordings or
    /// templates make their cases [`Verdict::NotRunnable`].
    pub fn run(&self) -> Result<Report, SuiteError> {
        let mut report = Report::default();
        let mut recordings: std::collections::HashMap<String, Option<Value>> =
            std::collections::HashMap::new();
        for row in self.rows()? {
            let recording = recordings.entry(row.snapshot.clone()).or_insert_with(|| {
                read(&self.recordings.join(&row.snapshot))
                    .ok()
                    .and_then(|text| serde_json::from_str(&text).ok())
            });
            let Some(Value::Object(tests)) = recording.as_ref() else {
                continue;
            };
            let suffix = format!("::{}", row.test_id);
            let Some((_, test)) = tests.iter().find(|(key, _)| key.ends_with(&suffix)) else {
                continue;
            };
            let Some(Value::Object(content)) = test.get("recorded-content") else {
                continue;
            };
            let histories: Vec<(&String, History)> = content
                .iter()
                .filter_map(|(key, value)| History::from_value(value).map(|history| (key, history)))
                .collect();
            let several = histories.len() > 1;
            for (key, history) in histories {
                let mut id = format!("{}::{}", row.snapshot, row.test_id);
                if several {
                    id = format!("{id}#{key}");
                }
                let (template, verdict) = self.run_case(&row, &history);
                report.cases.push(CaseResult {
                    id,
                    template,
                    verdict,
                });
            }
        }
        Ok(report)
    }

    fn run_case(&self, row: &Row, history: &History) -> (Option<String>, Verdict) {
        let param = row
            .test_id
            .rsplit_once('[')
            .and_then(|(_, rest)| rest.strip_suffix(']'));
        let mut candidates = Vec::new();
        let mut problems = Vec::new();
        for template in &row.templates {
            match read(&self.templates.join(template)) {
                Ok(text) => {
                    let text = substitute_placeholders(&text, param);
                    match StateMachine::from_json(&text) {
                        Ok(machine) => candidates.push((template.clone(), machine)),
                        Err(error) => problems.push(format!("{template} does not parse: {error}")),
                    }
                }
                Err(error) => problems.push(error.to_string()),
            }
        }
        let Some((template, machine)) = choose_template(&candidates, history) else {
            let reason = if problems.is_empty() {
                "no mapped template defines the states the recording entered".to_owned()
            } else {
                problems.join("; ")
            };
            return (None, Verdict::NotRunnable(reason));
        };
        if let Some(reason) = not_runnable(history, machine) {
            return (Some(template.clone()), Verdict::NotRunnable(reason));
        }
        let mut machine = machine.clone();
        restore_resources(&mut machine.states, history);
        let machine = &machine;
        let executor = Executor::new(machine.clone())
            .mocks(history.mocks())
            .account("111111111111")
            .map_object_items(false);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            executor.run(history.input.clone())
        }));
        let verdict = match outcome {
            Err(_) => Verdict::Failed("the executor panicked".to_owned()),
            Ok(Err(error)) => Verdict::Failed(format!("the run did not start: {error}")),
            Ok(Ok(execution)) => match compare(history, &execution, machine) {
                Ok(()) => Verdict::Passed,
                Err(reason) => Verdict::Failed(reason),
            },
        };
        (Some(template.clone()), verdict)
    }
}

/// Gives Task states whose `Resource` is a placeholder the resource the recording shows.
pub(crate) fn restore_resources(states: &mut sfn_dsl::model::States, history: &History) {
    use sfn_dsl::model::Resource;
    for (name, state) in states.iter_mut() {
        match state {
            sfn_dsl::State::Task(task) => {
                if let Resource::Other(_) = task.resource
                    && let Some(resource) = history.recorded_resource(name.as_str())
                {
                    task.resource = Resource::parse(&resource);
                }
            }
            sfn_dsl::State::Parallel(parallel) => {
                for branch in &mut parallel.branches {
                    restore_resources(&mut branch.states, history);
                }
            }
            sfn_dsl::State::Map(map) => restore_resources(&mut map.item_processor.states, history),
            _ => {}
        }
    }
}

/// Replaces `%NAME%` placeholders the tests filled in with the test's parameter.
fn substitute_placeholders(text: &str, param: Option<&str>) -> String {
    let Some(param) = param else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("\"%") {
        let after = &rest[start + 2..];
        match after.find("%\"") {
            Some(end)
                if after[..end]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_') =>
            {
                out.push_str(&rest[..=start]);
                out.push_str(&param.replace('\\', "\\\\").replace('"', "\\\""));
                out.push('"');
                rest = &after[end + 2..];
            }
            _ => {
                out.push_str(&rest[..start + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Why a recording cannot be replayed, if it cannot.
fn not_runnable(history: &History, machine: &StateMachine) -> Option<String> {
    if history.outcome == Recorded::Aborted {
        return Some("the test stopped the execution (ExecutionAborted)".to_owned());
    }
    if contains_mask(&history.input) && machine.to_json().contains("Timestamp") {
        return Some(
            "the recorded input is masked: a placeholder stands for the timestamp the test used"
                .to_owned(),
        );
    }
    let text = machine.to_json();
    if text.contains("\"_tbd_\"") || text.contains("\"ErrorEquals\":[\"__tbd__\"]") {
        return Some(
            "the test filled in the template's `__tbd__` values from its own parameter table"
                .to_owned(),
        );
    }
    if text.contains("\"ItemReader\"") && !text.contains("States.ItemReaderFailed") {
        return Some(
            "the Map reads S3 objects the test created; their contents are not recorded".to_owned(),
        );
    }
    None
}

fn contains_mask(value: &Value) -> bool {
    match value {
        Value::String(text) => {
            text.starts_with('<') && text.ends_with('>') && text.len() > 2
                || compare::is_whole_mask(text)
        }
        Value::Array(items) => items.iter().any(contains_mask),
        Value::Object(map) => map.values().any(contains_mask),
        _ => false,
    }
}

/// Compares a local run with the recording.
fn compare(history: &History, execution: &Execution, machine: &StateMachine) -> Result<(), String> {
    let local_status = execution.status;
    match &history.outcome {
        Recorded::Succeeded(output) => {
            if local_status != ExecutionStatus::Succeeded {
                return Err(format!(
                    "recorded SUCCEEDED, local {local_status} ({}: {})",
                    execution.error.as_deref().unwrap_or("-"),
                    execution.cause.as_deref().unwrap_or("-")
                ));
            }
            let local = execution.output.clone().unwrap_or(Value::Null);
            if !compare::matches(output, &local) {
                return Err(format!("output differs: recorded {output}, local {local}"));
            }
        }
        Recorded::Failed { error, cause } => {
            if local_status != ExecutionStatus::Failed {
                return Err(format!(
                    "recorded FAILED ({}), local {local_status}",
                    error.as_deref().unwrap_or("-")
                ));
            }
            if error != &execution.error {
                return Err(format!(
                    "error differs: recorded {error:?}, local {:?} ({})",
                    execution.error,
                    execution.cause.as_deref().unwrap_or("-")
                ));
            }
            let local_cause = execution.cause.clone().map_or(Value::Null, Value::String);
            let recorded_cause = cause.clone().unwrap_or(Value::Null);
            if !compare::matches(&recorded_cause, &local_cause) {
                return Err(format!(
                    "cause differs: recorded {recorded_cause}, local {local_cause}"
                ));
            }
        }
        Recorded::TimedOut => {
            if local_status != ExecutionStatus::TimedOut {
                return Err(format!("recorded TIMED_OUT, local {local_status}"));
            }
        }
        Recorded::Aborted | Recorded::Running => {}
    }
    // The recordings never show ParallelStateSucceeded (their ids leave a gap where it
    // was): the recorder dropped it, so it is left out of the comparison.
    let local: Vec<&str> = execution
        .history
        .iter()
        .map(|event| event.event_type.as_str())
        .filter(|kind| *kind != "ParallelStateSucceeded")
        .collect();
    let recorded: Vec<&str> = history.event_types.iter().map(String::as_str).collect();
    let comparable = if history.outcome == Recorded::Running {
        local.get(..recorded.len()).unwrap_or(&local)
    } else {
        &local[..]
    };
    if comparable == recorded.as_slice() {
        return Ok(());
    }
    let concurrent = machine
        .all_states()
        .iter()
        .any(|(_, state)| matches!(state, sfn_dsl::State::Parallel(_) | sfn_dsl::State::Map(_)));
    if concurrent {
        let mut sorted_local = comparable.to_vec();
        let mut sorted_recorded = recorded.clone();
        sorted_local.sort_unstable();
        sorted_recorded.sort_unstable();
        if sorted_local == sorted_recorded {
            return Ok(());
        }
    }
    let position = comparable
        .iter()
        .zip(&recorded)
        .position(|(left, right)| left != right)
        .unwrap_or_else(|| comparable.len().min(recorded.len()));
    Err(format!(
        "event types differ at #{}: recorded {}, local {}",
        position + 1,
        recorded.get(position).copied().unwrap_or("(end)"),
        comparable.get(position).copied().unwrap_or("(end)")
    ))
}

#[cfg(test)]
mod tests {
    use super::substitute_placeholders;

    #[test]
    fn placeholders_take_the_test_parameter() {
        assert_eq!(
            substitute_placeholders(
                r#"{"InputPath": "%CONTEXT_OBJECT_LITERAL_PLACEHOLDER%"}"#,
                Some("$$")
            ),
            r#"{"InputPath": "$$"}"#
        );
        assert_eq!(
            substitute_placeholders(r#"{"a": "%x%"}"#, Some("1")),
            r#"{"a": "%x%"}"#
        );
    }
}
