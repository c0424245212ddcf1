//! Paths and intrinsic calls found in the corpus: every one that AWS accepted parses and
//! checks cleanly with `sfn_dsl::expr`.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sfn_dsl::expr::{intrinsic, jsonpath};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Definitions of the corpus that AWS accepted (or that come from working samples).
fn accepted_definitions() -> Vec<String> {
    let manifest = fs::read_to_string(corpus_dir().join("MANIFEST.tsv")).expect("manifest");
    let rejected = fs::read_to_string(corpus_dir().join("localstack/AWS-REJECTED.tsv"))
        .expect("AWS-REJECTED.tsv");
    manifest
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut columns = line.split('\t');
            let path = columns.next()?;
            let _source = columns.next()?;
            let kind = columns.next()?;
            (kind == "asl-machine" && !rejected.contains(path)).then(|| path.to_owned())
        })
        .collect()
}

/// Path-valued fields of JSONPath states (`ResultPath` and friends, Choice `Variable`).
const PATH_FIELDS: [&str; 4] = ["InputPath", "OutputPath", "ResultPath", "Variable"];

#[derive(Debug)]
enum Expression {
    Path(String),
    Dynamic(String),
}

fn collect(value: &Value, key: Option<&str>, found: &mut Vec<(String, Expression)>) {
    match value {
        Value::Object(map) => {
            // JSONata states treat `.$` keys as plain keys.
            if map.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata") {
                return;
            }
            for (key, value) in map {
                // A Pass state's `Result` is copied literally, `.$` keys included.
                if key != "Result" {
                    collect(value, Some(key), found);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect(item, None, found)),
        Value::String(text) => {
            let Some(key) = key else { return };
            // Deployment placeholders and JSONata stand for something else.
            let scaffolding = text.len() > 2 && text.starts_with('%') && text.ends_with('%');
            if text.contains("${")
                || text.starts_with("{%")
                || text.contains("__tbd__")
                || scaffolding
            {
                return;
            }
            if key.ends_with(".$") {
                found.push((key.to_owned(), Expression::Dynamic(text.clone())));
            } else if (PATH_FIELDS.contains(&key)
                || key.ends_with("Path") && key != "CausePath" && key != "ErrorPath")
                && text.starts_with('$')
            {
                found.push((key.to_owned(), Expression::Path(text.clone())));
            } else if matches!(key, "ErrorPath" | "CausePath") {
                found.push((key.to_owned(), Expression::Dynamic(text.clone())));
            }
        }
        _ => {}
    }
}

fn problems(expression: &Expression) -> Vec<String> {
    let (Expression::Path(text) | Expression::Dynamic(text)) = expression;
    if text.starts_with('$') {
        return jsonpath::parse(text)
            .err()
            .map(|e| e.to_string())
            .into_iter()
            .collect();
    }
    match intrinsic::parse(text) {
        Ok(call) => intrinsic::check(&call)
            .iter()
            .map(ToString::to_string)
            .collect(),
        Err(error) => vec![error.to_string()],
    }
}

/// Expressions of accepted definitions that are nonetheless invalid, with the reason.
const KNOWN_INVALID: [(&str, &str); 0] = [];

#[test]
fn corpus_expressions_parse_and_check() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in accepted_definitions() {
        let text = fs::read_to_string(corpus_dir().join(&path)).expect("readable corpus file");
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let mut found = Vec::new();
        collect(&value, None, &mut found);
        for (key, expression) in found {
            checked += 1;
            let problems = problems(&expression);
            let text = match &expression {
                Expression::Path(text) | Expression::Dynamic(text) => text.as_str(),
            };
            let known = KNOWN_INVALID.iter().any(|(invalid, _)| *invalid == text);
            if problems.is_empty() == known {
                failures.push(format!(
                    "{path}: {key}: {text:?}: {problems:?} (known invalid: {known})"
                ));
            }
        }
    }
    assert!(checked > 1000, "only {checked} expressions found");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
