//! Conformance against recorded executions: runs each recorded test's template with the
//! recorded input (and the recorded task results as mocks) and compares the outcome and
//! the sequence of history event types with what AWS recorded.
//!
//! The suite format is LocalStack's: a folder of templates, a folder of
//! `*.snapshot.json` recordings (test id → `get_execution_history` responses), and a
//! tab-separated map from recorded test to template(s) (`SNAPSHOT-MAP.tsv`).

pub(crate) mod case;
pub(crate) mod compare;
mod events;
mod mocks;
pub(crate) mod order;
mod python_json;
mod repair;
mod template;
mod verdict;

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sfn_dsl::StateMachine;

use crate::executor::Executor;
use case::History;
use repair::{substitute_placeholders, substitute_single_path};
use template::Index;

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
///
/// # Examples
///
/// ```
/// use sfn_local::conformance::{Suite, SuiteError};
///
/// let dir = std::env::temp_dir().join(format!("sfn-local-doc-suite-error-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let suite = |map: &str| Suite::new(dir.join("templates"), dir.join("snapshots"), dir.join(map));
///
/// let Err(SuiteError::Io { path, .. }) = suite("no-such-map.tsv").run() else { panic!("no map file") };
/// assert!(path.ends_with("no-such-map.tsv"));
///
/// std::fs::write(dir.join("map.tsv"), "snapshot_file\ttemplates\n")?;
/// let Err(SuiteError::MissingColumn { column, .. }) = suite("map.tsv").run() else {
///     panic!("a column is missing")
/// };
/// assert_eq!(column, "test_id");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
///
/// # Examples
///
/// ```
/// use sfn_local::conformance::{Suite, Verdict};
///
/// # let dir = std::env::temp_dir().join(format!("sfn-local-doc-verdict-{}", std::process::id()));
/// # std::fs::create_dir_all(dir.join("templates"))?;
/// # std::fs::create_dir_all(dir.join("snapshots"))?;
/// # // The template now waits after greeting; AWS recorded a run that did not.
/// # std::fs::write(dir.join("templates/greet.json"), r#"{"StartAt": "Greet", "States": {
/// #     "Greet": {"Type": "Pass", "Next": "Pause"},
/// #     "Pause": {"Type": "Wait", "Seconds": 1, "End": true}}}"#)?;
/// # let history = |state: &str| serde_json::json!({"events": [
/// #     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
/// #      "executionStartedEventDetails": {"input": "{}"}},
/// #     {"id": 2, "previousEventId": 1, "type": "PassStateEntered",
/// #      "stateEnteredEventDetails": {"name": state, "input": "{}"}},
/// #     {"id": 3, "previousEventId": 2, "type": "PassStateExited",
/// #      "stateExitedEventDetails": {"name": state, "output": "{}"}},
/// #     {"id": 4, "previousEventId": 3, "type": "ExecutionSucceeded",
/// #      "executionSucceededEventDetails": {"output": "{}"}}
/// # ]});
/// # // The second recording is of a state no template has.
/// # let recording = serde_json::json!({
/// #     "test_greet.py::TestGreet::test_greet": {"recorded-content": {"get_execution_history": history("Greet")}},
/// #     "test_greet.py::TestGreet::test_farewell": {"recorded-content": {"get_execution_history": history("Farewell")}},
/// # });
/// # std::fs::write(dir.join("snapshots/test_greet.snapshot.json"), recording.to_string())?;
/// # std::fs::write(dir.join("map.tsv"), "snapshot_file\ttest_id\ttemplates\n\
/// #     test_greet.snapshot.json\tTestGreet::test_greet\tgreet.json\n\
/// #     test_greet.snapshot.json\tTestGreet::test_farewell\tfarewell.json\n")?;
/// // `dir` holds a suite (`templates/`, `snapshots/`, `map.tsv`) of two recordings: one its
/// // template no longer reproduces (it waits now), one of a state no template has.
/// let report = Suite::new(dir.join("templates"), dir.join("snapshots"), dir.join("map.tsv")).run()?;
/// let mut lines = Vec::new();
/// for case in &report.cases {
///     lines.push(match &case.verdict {
///         Verdict::Passed => format!("{}: ok", case.id),
///         Verdict::Failed(reason) => format!("{}: differs: {reason}", case.id),
///         Verdict::NotRunnable(reason) => format!("{}: skipped: {reason}", case.id),
///         _ => format!("{}: ?", case.id),
///     });
/// }
/// assert!(matches!(report.cases[0].verdict, Verdict::Failed(_)));
/// assert!(matches!(report.cases[1].verdict, Verdict::NotRunnable(_)));
/// assert!(lines[0].starts_with("test_greet.snapshot.json::TestGreet::test_greet: differs: "));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
///
/// # Examples
///
/// ```
/// use sfn_local::conformance::{Suite, Verdict};
///
/// # let dir = std::env::temp_dir().join(format!("sfn-local-doc-case-{}", std::process::id()));
/// # std::fs::create_dir_all(dir.join("templates"))?;
/// # std::fs::create_dir_all(dir.join("snapshots"))?;
/// # // The template now waits after greeting; AWS recorded a run that did not.
/// # std::fs::write(dir.join("templates/greet.json"), r#"{"StartAt": "Greet", "States": {
/// #     "Greet": {"Type": "Pass", "Next": "Pause"},
/// #     "Pause": {"Type": "Wait", "Seconds": 1, "End": true}}}"#)?;
/// # let history = |state: &str| serde_json::json!({"events": [
/// #     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
/// #      "executionStartedEventDetails": {"input": "{}"}},
/// #     {"id": 2, "previousEventId": 1, "type": "PassStateEntered",
/// #      "stateEnteredEventDetails": {"name": state, "input": "{}"}},
/// #     {"id": 3, "previousEventId": 2, "type": "PassStateExited",
/// #      "stateExitedEventDetails": {"name": state, "output": "{}"}},
/// #     {"id": 4, "previousEventId": 3, "type": "ExecutionSucceeded",
/// #      "executionSucceededEventDetails": {"output": "{}"}}
/// # ]});
/// # // The second recording is of a state no template has.
/// # let recording = serde_json::json!({
/// #     "test_greet.py::TestGreet::test_greet": {"recorded-content": {"get_execution_history": history("Greet")}},
/// #     "test_greet.py::TestGreet::test_farewell": {"recorded-content": {"get_execution_history": history("Farewell")}},
/// # });
/// # std::fs::write(dir.join("snapshots/test_greet.snapshot.json"), recording.to_string())?;
/// # std::fs::write(dir.join("map.tsv"), "snapshot_file\ttest_id\ttemplates\n\
/// #     test_greet.snapshot.json\tTestGreet::test_greet\tgreet.json\n\
/// #     test_greet.snapshot.json\tTestGreet::test_farewell\tfarewell.json\n")?;
/// // `dir` holds a suite (`templates/`, `snapshots/`, `map.tsv`) of two recordings: one its
/// // template no longer reproduces (it waits now), one of a state no template has.
/// let report = Suite::new(dir.join("templates"), dir.join("snapshots"), dir.join("map.tsv")).run()?;
/// let case = &report.cases[0];
/// assert_eq!(case.id, "test_greet.snapshot.json::TestGreet::test_greet");
/// assert_eq!(case.template.as_deref(), Some("greet.json"));
/// assert_ne!(case.verdict, Verdict::Passed);
/// // No template fits the second recording, so none ran.
/// assert_eq!(report.cases[1].template, None);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::conformance::{Suite, Verdict};
///
/// // A suite of one recorded execution, in LocalStack's layout.
/// let dir = std::env::temp_dir().join(format!("sfn-local-doc-suite-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("templates"))?;
/// std::fs::create_dir_all(dir.join("snapshots"))?;
/// std::fs::write(dir.join("templates/greet.json"), r#"{"StartAt": "Greet", "States": {
///     "Greet": {"Type": "Pass", "Result": {"greeting": "hello"}, "End": true}}}"#)?;
/// let history = json!({"events": [
///     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
///      "executionStartedEventDetails": {"input": "{}"}},
///     {"id": 2, "previousEventId": 1, "type": "PassStateEntered",
///      "stateEnteredEventDetails": {"name": "Greet", "input": "{}"}},
///     {"id": 3, "previousEventId": 2, "type": "PassStateExited",
///      "stateExitedEventDetails": {"name": "Greet", "output": "{\"greeting\":\"hello\"}"}},
///     {"id": 4, "previousEventId": 3, "type": "ExecutionSucceeded",
///      "executionSucceededEventDetails": {"output": "{\"greeting\":\"hello\"}"}}
/// ]});
/// let recording = json!({"test_greet.py::TestGreet::test_pass": {
///     "recorded-content": {"get_execution_history": history}}});
/// std::fs::write(dir.join("snapshots/test_greet.snapshot.json"), recording.to_string())?;
/// std::fs::write(
///     dir.join("map.tsv"),
///     "snapshot_file\ttest_id\ttemplates\ntest_greet.snapshot.json\tTestGreet::test_pass\tgreet.json\n",
/// )?;
///
/// let report = Suite::new(dir.join("templates"), dir.join("snapshots"), dir.join("map.tsv")).run()?;
/// assert_eq!((report.passed(), report.failed(), report.not_runnable()), (1, 0, 0));
/// assert_eq!(report.cases[0].verdict, Verdict::Passed);
/// assert_eq!(report.to_string(), "1 recorded executions: 1 passed, 0 failed, 0 not runnable locally");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Every recorded execution, in map order.
    pub cases: Vec<CaseResult>,
}

impl Report {
    /// How many passed.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::conformance::{CaseResult, Report, Verdict};
    ///
    /// let case = |verdict| CaseResult { id: String::from("suite::test"), template: None, verdict };
    /// let report = Report {
    ///     cases: vec![
    ///         case(Verdict::Passed),
    ///         case(Verdict::Passed),
    ///         case(Verdict::Failed("the output differs".into())),
    ///         case(Verdict::NotRunnable("no template".into())),
    ///     ],
    /// };
    /// assert_eq!(report.passed(), 2);
    /// ```
    #[must_use]
    pub fn passed(&self) -> usize {
        self.count(|verdict| matches!(verdict, Verdict::Passed))
    }

    /// How many failed.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::conformance::{CaseResult, Report, Verdict};
    ///
    /// let case = |verdict| CaseResult { id: String::from("suite::test"), template: None, verdict };
    /// let report = Report {
    ///     cases: vec![
    ///         case(Verdict::Passed),
    ///         case(Verdict::Passed),
    ///         case(Verdict::Failed("the output differs".into())),
    ///         case(Verdict::NotRunnable("no template".into())),
    ///     ],
    /// };
    /// assert_eq!(report.failed(), 1);
    /// ```
    #[must_use]
    pub fn failed(&self) -> usize {
        self.count(|verdict| matches!(verdict, Verdict::Failed(_)))
    }

    /// How many could not run locally.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::conformance::{CaseResult, Report, Verdict};
    ///
    /// let case = |verdict| CaseResult { id: String::from("suite::test"), template: None, verdict };
    /// let report = Report {
    ///     cases: vec![
    ///         case(Verdict::Passed),
    ///         case(Verdict::Passed),
    ///         case(Verdict::Failed("the output differs".into())),
    ///         case(Verdict::NotRunnable("no template".into())),
    ///     ],
    /// };
    /// assert_eq!(report.not_runnable(), 1);
    /// assert_eq!(report.to_string(), "4 recorded executions: 2 passed, 1 failed, 1 not runnable locally");
    /// ```
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

/// A recording file, parsed; why not, if it cannot be read or is not JSON.
fn read_recording(path: &Path) -> Result<Value, String> {
    let text = read(path).map_err(|error| error.to_string())?;
    serde_json::from_str(&text)
        .map_err(|error| format!("the recording `{}` is not JSON: {error}", path.display()))
}

/// The `recorded-content` of `row`'s test in its recording, or why there is none.
fn recorded_content<'a>(
    recording: &'a Result<Value, String>,
    row: &Row,
) -> Result<&'a serde_json::Map<String, Value>, String> {
    let Value::Object(tests) = recording.as_ref().map_err(Clone::clone)? else {
        return Err(format!(
            "the recording `{}` is not an object of tests",
            row.snapshot
        ));
    };
    let suffix = format!("::{}", row.test_id);
    let Some((_, test)) = tests.iter().find(|(key, _)| key.ends_with(&suffix)) else {
        return Err(format!(
            "the recording `{}` has no test `{}`",
            row.snapshot, row.test_id
        ));
    };
    match test.get("recorded-content") {
        Some(Value::Object(content)) => Ok(content),
        _ => Err(format!(
            "the test `{}` in `{}` has no `recorded-content` object",
            row.test_id, row.snapshot
        )),
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
    mutates: bool,
}

impl Suite {
    /// A suite with its templates folder, recordings folder and map file.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_local::conformance::{Suite, SuiteError};
    ///
    /// // Nothing is read until `run`.
    /// let suite = Suite::new("no/templates", "no/snapshots", "no/SNAPSHOT-MAP.tsv");
    /// let Err(SuiteError::Io { path, .. }) = suite.run() else { panic!("no map file") };
    /// assert_eq!(path, std::path::Path::new("no/SNAPSHOT-MAP.tsv"));
    /// ```
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
        let mutates = header
            .iter()
            .position(|column| *column == "test_mutates_template");
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
                    mutates: mutates.is_some_and(|index| field(index) == "True"),
                }
            })
            .collect())
    }

    /// Runs every recorded execution of the suite.
    ///
    /// # Errors
    ///
    /// [`SuiteError`] when the map file cannot be read. A row whose recording cannot be
    /// read, is not JSON, or lacks the row's test or its `recorded-content` is one case,
    /// [`Verdict::NotRunnable`] with the reason; so is a case whose template cannot be
    /// read. A test that recorded no execution history gives no case.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::conformance::{Suite, Verdict};
    ///
    /// let dir = std::env::temp_dir().join(format!("sfn-local-doc-suite-run-{}", std::process::id()));
    /// std::fs::create_dir_all(dir.join("templates"))?;
    /// std::fs::create_dir_all(dir.join("snapshots"))?;
    /// let history = json!({"events": [
    ///     {"id": 1, "previousEventId": 0, "type": "ExecutionStarted", "executionStartedEventDetails": {"input": "{}"}},
    ///     {"id": 2, "previousEventId": 1, "type": "ExecutionSucceeded", "executionSucceededEventDetails": {"output": "{}"}}
    /// ]});
    /// let recording = json!({"test_a.py::TestA::test_a": {"recorded-content": {"get_execution_history": history}}});
    /// std::fs::write(dir.join("snapshots/test_a.snapshot.json"), recording.to_string())?;
    /// // The map names a template that is not in the templates folder.
    /// std::fs::write(dir.join("map.tsv"), "snapshot_file\ttest_id\ttemplates\ntest_a.snapshot.json\tTestA::test_a\tgone.json\n")?;
    /// let report = Suite::new(dir.join("templates"), dir.join("snapshots"), dir.join("map.tsv")).run()?;
    /// assert!(matches!(report.cases.as_slice(), [case] if matches!(case.verdict, Verdict::NotRunnable(_))));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run(&self) -> Result<Report, SuiteError> {
        let mut report = Report::default();
        let index = Index::read(&self.templates);
        let mut recordings: std::collections::HashMap<String, Result<Value, String>> =
            std::collections::HashMap::new();
        for row in self.rows()? {
            let recording = recordings
                .entry(row.snapshot.clone())
                .or_insert_with(|| read_recording(&self.recordings.join(&row.snapshot)));
            let content = match recorded_content(recording, &row) {
                Ok(content) => content,
                Err(reason) => {
                    // A row the map lists is a case even when its recording is unusable.
                    report.cases.push(CaseResult {
                        id: format!("{}::{}", row.snapshot, row.test_id),
                        template: None,
                        verdict: Verdict::NotRunnable(reason),
                    });
                    continue;
                }
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
                let (template, verdict) = self.run_case(&index, &row, &history);
                report.cases.push(CaseResult {
                    id,
                    template,
                    verdict,
                });
            }
        }
        Ok(report)
    }

    fn run_case(&self, index: &Index, row: &Row, history: &History) -> (Option<String>, Verdict) {
        let templates = match choose(index, row, history) {
            Ok(templates) => templates,
            Err(reason) => return (None, Verdict::NotRunnable(reason)),
        };
        let several = templates.len() > 1;
        let mut verdicts = Vec::new();
        for template in &templates {
            let verdict = self.run_template(template, row, history);
            match verdict {
                Verdict::Failed(reason) if several => {
                    verdicts.push(Verdict::Failed(format!("with {template}: {reason}")));
                }
                other => verdicts.push(other),
            }
        }
        // Every candidate must reproduce the recording.
        let verdict = verdicts
            .iter()
            .find(|verdict| matches!(verdict, Verdict::Failed(_)))
            .or_else(|| {
                verdicts
                    .iter()
                    .find(|verdict| matches!(verdict, Verdict::NotRunnable(_)))
            })
            .cloned()
            .unwrap_or(Verdict::Passed);
        (Some(templates.join(", ")), verdict)
    }

    fn run_template(&self, template: &str, row: &Row, history: &History) -> Verdict {
        let param = row
            .test_id
            .split_once('[')
            .and_then(|(_, rest)| rest.strip_suffix(']'));
        let text = match read(&self.templates.join(template)) {
            Ok(text) => text,
            Err(error) => return Verdict::NotRunnable(error.to_string()),
        };
        let text = substitute_placeholders(&text, param);
        let text = if row.mutates {
            substitute_single_path(&text, param)
        } else {
            text
        };
        let parsed = serde_json::from_str::<Value>(&text).map(|mut definition| {
            repair::restore_values(&mut definition, history);
            definition
        });
        let machine = match parsed.as_ref().map(StateMachine::from_value) {
            Ok(Ok(machine)) => machine,
            Ok(Err(error)) => {
                return Verdict::NotRunnable(format!("{template} does not parse: {error}"));
            }
            Err(error) => {
                return Verdict::NotRunnable(format!("{template} is not JSON: {error}"));
            }
        };
        let mut machine = machine;
        restore_resources(&mut machine.states, history);
        let machine = &machine;
        let input = repair::revealed_input(history).unwrap_or_else(|| history.input.clone());
        if let Some(reason) = verdict::not_runnable(history, &input, machine) {
            return Verdict::NotRunnable(reason);
        }
        let mocks = match history.mocks(Some(machine)) {
            Ok(mocks) => mocks,
            Err(reason) => return Verdict::NotRunnable(reason),
        };
        let executor = Executor::new(machine.clone())
            .mocks(mocks)
            .account("111111111111")
            .objects(crate::objects::Objects::opaque())
            .map_object_items(false);
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| executor.run(input.clone())));
        match outcome {
            Err(_) => Verdict::Failed("the executor panicked".to_owned()),
            Ok(Err(error)) => Verdict::Failed(format!("the run did not start: {error}")),
            Ok(Ok(execution)) => {
                if let Some(reason) = verdict::needed_unknown_data(&execution) {
                    return Verdict::NotRunnable(reason);
                }
                match verdict::compare(history, &execution, machine) {
                    Ok(()) => Verdict::Passed,
                    Err(reason) => Verdict::Failed(reason),
                }
            }
        }
    }
}

/// The template a recorded test ran: the mapped template that fits the recording (by the
/// test's name when several do), else the template of the suite that fits it (or the few
/// that fit equally well).
fn choose(index: &Index, row: &Row, history: &History) -> Result<Vec<String>, String> {
    let fitting: Vec<&String> = row
        .templates
        .iter()
        .filter(|template| {
            index
                .shape(template)
                .is_some_and(|shape| shape.fits(history))
        })
        .collect();
    // The first of the best named, in map order.
    let mut best: Option<(&String, u8)> = None;
    for template in fitting {
        let score = template::affinity(template, &row.test_id);
        if best.is_none_or(|(_, best_score)| score > best_score) {
            best = Some((template, score));
        }
    }
    if let Some((template, _)) = best {
        return Ok(vec![template.clone()]);
    }
    index
        .find(history, &row.test_id, &row.templates)
        .map(|shapes| shapes.into_iter().map(|shape| shape.path.clone()).collect())
}

pub(crate) use repair::restore_resources;
