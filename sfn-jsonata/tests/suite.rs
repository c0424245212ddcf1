//! Runs the vendored JSONata conformance cases (see tests/suite/README.md).
//!
//! Every case either passes, is listed in `tests/suite/not-applicable.tsv` (not JSONata
//! 2.0.6 behaviour), or is listed with a reason in `tests/suite/known-failures.tsv`. A
//! listed failure that starts passing fails this test, so the list cannot go stale.

#![allow(clippy::unwrap_used, clippy::print_stdout, reason = "test harness")]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use sfn_jsonata::{Environment, Limits, parse};

/// Applicable cases that pass; raise it when more pass, never lower it.
const MIN_PASSING: usize = 1617;

/// Cases expecting a signature error (T0410, T0412) that the static analysis
/// (`type_mismatches`) finds from the text alone; raise it when it finds more.
const MIN_SIGNATURE_ERRORS_FOUND: usize = 83;

/// The static analysis against what the cases expect.
#[derive(Default)]
struct StaticCheck {
    /// Cases expecting a signature error.
    signature_errors: usize,
    /// Of those, the cases the analysis reports with that code.
    signature_errors_found: usize,
    /// Cases the analysis reports that evaluate, or fail with a code it did not name.
    contradicted: Vec<String>,
}

impl StaticCheck {
    fn record(&mut self, id: &str, expression: &str, expected_code: Option<&str>) {
        let Ok(parsed) = parse(expression) else {
            return;
        };
        let reported = parsed.type_mismatches();
        let named = |code: &str| reported.iter().any(|mismatch| mismatch.code == code);
        if let Some(code @ ("T0410" | "T0412")) = expected_code {
            self.signature_errors += 1;
            self.signature_errors_found += usize::from(named(code));
        }
        if !reported.is_empty() && !expected_code.is_some_and(named) {
            self.contradicted
                .push(format!("{id}\t{expression}\t{reported:?}"));
        }
    }
}

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite")
}

fn read_list(name: &str) -> BTreeMap<String, String> {
    let text = fs::read_to_string(suite_dir().join(name)).unwrap_or_default();
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (id, reason) = line.split_once('\t').unwrap_or((line, ""));
            (id.to_string(), reason.to_string())
        })
        .collect()
}

fn numbers_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| numbers_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, p)| y.get(key).is_some_and(|q| numbers_equal(p, q)))
        }
        _ => a == b,
    }
}

/// Runs one case; `Ok(())` when it passes, else what happened.
fn run_case(
    id: &str,
    case: &Value,
    group_dir: &Path,
    datasets: &Path,
    check: &mut StaticCheck,
) -> Result<(), String> {
    let expression = match case.get("expr-file").and_then(Value::as_str) {
        Some(file) => {
            fs::read_to_string(group_dir.join(file)).map_err(|e| format!("expression file: {e}"))?
        }
        None => case
            .get("expr")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    };
    let input = match case.get("dataset") {
        Some(Value::String(name)) => {
            let text = fs::read_to_string(datasets.join(format!("{name}.json")))
                .map_err(|e| e.to_string())?;
            Some(serde_json::from_str::<Value>(&text).map_err(|e| e.to_string())?)
        }
        Some(_) => None,
        None => case.get("data").cloned(),
    };
    let mut env = Environment::new();
    if let Some(Value::Object(bindings)) = case.get("bindings") {
        for (name, value) in bindings {
            env.set(name.clone(), value.clone());
        }
    }
    let mut limits = Limits::default()
        .max_stack_bytes(48 << 20)
        .max_depth(20_000);
    if let (Some(depth), Some(time)) = (
        case.get("depth").and_then(Value::as_u64),
        case.get("timelimit").and_then(Value::as_u64),
    ) {
        limits = limits
            .max_depth(usize::try_from(depth).unwrap())
            .timeout(Duration::from_millis(time));
    }
    let env = env.limits(limits);
    let outcome = parse(&expression)
        .map_err(|error| (error.code.to_string(), error.to_string()))
        .and_then(|parsed| {
            parsed
                .evaluate(input.as_ref(), &env)
                .map_err(|error| (error.code().to_string(), error.to_string()))
        });
    let expected_code = case
        .get("code")
        .or_else(|| case.get("error").and_then(|error| error.get("code")))
        .and_then(Value::as_str);
    check.record(id, &expression, expected_code);
    match (expected_code, outcome) {
        (Some(code), Err((actual, _))) if actual == code => Ok(()),
        // The reference harness reports its depth and time limits both as U1001.
        (Some("U1001"), Err((actual, _))) if actual == "U1002" => Ok(()),
        (Some(code), Err((_, message))) => Err(format!("expected {code}, got error {message}")),
        (Some(code), Ok(value)) => Err(format!("expected {code}, got {value:?}")),
        (None, outcome) => {
            if case.get("undefinedResult").and_then(Value::as_bool) == Some(true) {
                return match outcome {
                    Ok(None) => Ok(()),
                    other => Err(format!("expected undefined, got {other:?}")),
                };
            }
            let expected = case.get("result");
            match (expected, outcome) {
                (Some(expected), Ok(Some(actual))) if numbers_equal(expected, &actual) => Ok(()),
                (None, Ok(None)) => Ok(()),
                (expected, other) => Err(format!("expected {expected:?}, got {other:?}")),
            }
        }
    }
}

fn run_suite() {
    let root = suite_dir();
    let datasets = root.join("datasets");
    let not_applicable = read_list("not-applicable.tsv");
    let known_failures = read_list("known-failures.tsv");
    let mut groups: Vec<PathBuf> = fs::read_dir(root.join("groups"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    groups.sort();
    let mut passed = 0;
    let mut failures: BTreeMap<String, String> = BTreeMap::new();
    let mut skipped = 0;
    let mut check = StaticCheck::default();
    for group_dir in &groups {
        let group = group_dir.file_name().unwrap().to_string_lossy().to_string();
        let mut files: Vec<PathBuf> = fs::read_dir(group_dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        for file in files {
            let stem = file.file_stem().unwrap().to_string_lossy().to_string();
            let text = fs::read_to_string(&file).unwrap();
            let cases = match serde_json::from_str::<Value>(&text) {
                Ok(Value::Array(cases)) => cases,
                Ok(case) => vec![case],
                Err(error) => {
                    failures.insert(
                        format!("{group}/{stem}"),
                        format!("case file does not load: {error}"),
                    );
                    continue;
                }
            };
            let count = cases.len();
            for (index, case) in cases.iter().enumerate() {
                let id = if count > 1 {
                    format!("{group}/{stem}#{index}")
                } else {
                    format!("{group}/{stem}")
                };
                if not_applicable.contains_key(&id) {
                    skipped += 1;
                    continue;
                }
                match run_case(&id, case, group_dir, &datasets, &mut check) {
                    Ok(()) => passed += 1,
                    Err(why) => {
                        failures.insert(id, why);
                    }
                }
            }
        }
    }
    let total = passed + failures.len();
    println!(
        "jsonata suite: {passed} of {total} applicable cases pass ({} fail, {skipped} not applicable)",
        failures.len()
    );
    let unlisted: Vec<String> = failures
        .iter()
        .filter(|(id, _)| !known_failures.contains_key(*id))
        .map(|(id, why)| format!("{id}\t{why}"))
        .collect();
    let stale: Vec<&String> = known_failures
        .keys()
        .filter(|id| !failures.contains_key(*id))
        .collect();
    assert!(
        unlisted.is_empty(),
        "{} failing cases are not in known-failures.tsv:\n{}",
        unlisted.len(),
        unlisted.join("\n")
    );
    assert!(
        stale.is_empty(),
        "these cases pass now; remove them from known-failures.tsv: {stale:?}"
    );
    assert!(
        passed >= MIN_PASSING,
        "only {passed} cases pass; at least {MIN_PASSING} did before"
    );
    println!(
        "static analysis: {} of {} expected signature errors found from the text",
        check.signature_errors_found, check.signature_errors
    );
    assert!(
        check.contradicted.is_empty(),
        "the static analysis reports errors these cases do not raise:\n{}",
        check.contradicted.join("\n")
    );
    assert!(
        check.signature_errors_found >= MIN_SIGNATURE_ERRORS_FOUND,
        "the static analysis finds {} signature errors; it found {MIN_SIGNATURE_ERRORS_FOUND} before",
        check.signature_errors_found
    );
}

#[test]
fn conformance_suite() {
    // Deeply recursive cases need more stack than a test thread has by default.
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(run_suite)
        .unwrap()
        .join()
        .unwrap();
}
