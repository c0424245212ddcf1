//! Conformance with AWS recordings: every recorded execution of a machine made of one
//! JSONPath Pass state (the intrinsic-function, path and escape suites of
//! `tests/corpus/localstack`) is replayed through `InputPath`, `Parameters`, `ResultPath`
//! and `OutputPath`, and the output (or error and cause) is compared with the recording.
//! Definitions that AWS refused at creation must fail to parse.
//!
//! Every case that does not pass is listed in `KNOWN_DIFFERENCES` with the reason; the test
//! fails when a listed case starts passing or an unlisted one fails.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use serde_json::{Map, Value, json};
use sfn_dsl::model::{DynamicValue, Payload};
use sfn_local::data::{NoVariables, Scope, SeededEntropy};
use sfn_local::error::RuntimeError;
use sfn_local::{jsonpath, template};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus")
}

/// Cases that do not pass, with the reason. Empty: every replayed case passes.
const KNOWN_DIFFERENCES: [(&str, &str); 0] = [];

/// Recorded tests that cannot be replayed, with the reason.
const NOT_REPLAYABLE: [(&str, &str); 2] = [
    (
        "TestSfnIntrinsicFunctionsArray::test_array_get_item",
        "an older recording whose template is not in the corpus (SNAPSHOT-MAP says `none`); the same inputs are replayed by TestArray::test_array_get_item",
    ),
    (
        "TestSfnIntrinsicFunctionsArray::test_array_length",
        "an older recording whose template is not in the corpus (SNAPSHOT-MAP says `none`); the same inputs are replayed by TestArray::test_array_length",
    ),
];

struct Row {
    snapshot: String,
    test_id: String,
    template: String,
}

fn rows() -> Vec<Row> {
    let text = fs::read_to_string(corpus().join("localstack/SNAPSHOT-MAP.tsv")).expect("map");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).expect("column");
    let (snapshot, test_id, templates, matched, mutates) = (
        column("snapshot_file"),
        column("test_id"),
        column("templates"),
        column("match"),
        column("test_mutates_template"),
    );
    lines
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .filter(|cells| {
            matches!(cells[matched], "single" | "param-id" | "none") && cells[mutates] == "False"
        })
        .filter(|cells| !cells[templates].contains(','))
        .map(|cells| Row {
            snapshot: cells[snapshot].to_owned(),
            test_id: cells[test_id].to_owned(),
            template: cells[templates].to_owned(),
        })
        .collect()
}

/// The single Pass state of a JSONPath machine without variables, if that is what the
/// template holds.
fn single_pass_state(definition: &Value) -> Option<(String, Map<String, Value>)> {
    if definition.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata") {
        return None;
    }
    let states = definition.get("States")?.as_object()?;
    let [(name, state)] = states.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let state = state.as_object()?;
    let allowed = [
        "Type",
        "End",
        "Comment",
        "InputPath",
        "Parameters",
        "Result",
        "ResultPath",
        "OutputPath",
    ];
    (state.get("Type")? == "Pass" && state.keys().all(|key| allowed.contains(&key.as_str())))
        .then(|| (name.clone(), state.clone()))
}

fn context(input: &Value, state_name: &str) -> Value {
    // The placeholders the recordings use for identifiers.
    json!({
        "Execution": {
            "Id": "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>",
            "Input": input,
            "Name": "<ExecArnPart_0idx>",
            "RoleArn": "snf_role_arn",
            "StartTime": "<start-time>",
            "RedriveCount": 0
        },
        "StateMachine": {
            "Id": "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>",
            "Name": "<ArnPart_0idx>"
        },
        "State": {"Name": state_name, "EnteredTime": "<entered-time>"}
    })
}

/// Runs the Pass state's data flow: `InputPath`, `Parameters` (or `Result`), `ResultPath`,
/// `OutputPath`.
fn run_pass(state: &Map<String, Value>, name: &str, input: &Value) -> Result<Value, RuntimeError> {
    let context = context(input, name);
    let entropy = SeededEntropy::new(0);
    let scope = |document| Scope::new(document, &context, &NoVariables);
    let effective = match state.get("InputPath") {
        None => input.clone(),
        Some(Value::Null) => json!({}),
        Some(path) => jsonpath::evaluate(path.as_str().unwrap_or_default(), &scope(input))?,
    };
    let parameters = match state.get("Parameters") {
        None => effective,
        Some(parameters) => template::evaluate(
            &Payload::from(parameters.clone()),
            &scope(&effective),
            &entropy,
        )?,
    };
    let result = state.get("Result").cloned().unwrap_or(parameters);
    let output = match state.get("ResultPath") {
        None => result,
        Some(Value::Null) => input.clone(),
        Some(path) => {
            jsonpath::apply_result_path(input, path.as_str().unwrap_or_default(), result)?
        }
    };
    match state.get("OutputPath") {
        None => Ok(output),
        Some(Value::Null) => Ok(json!({})),
        Some(path) => jsonpath::evaluate(path.as_str().unwrap_or_default(), &scope(&output)),
    }
}

enum Outcome {
    Succeeded(Value),
    Failed { error: String, cause: String },
}

/// Input and outcome of every recorded execution of a test.
fn executions(snapshot: &Value, test_id: &str) -> Vec<(String, Value, Outcome)> {
    let Some(entry) = snapshot.as_object().and_then(|tests| {
        tests
            .iter()
            .find(|(key, _)| key.ends_with(&format!("::{test_id}")))
    }) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let Some(content) = entry.1["recorded-content"].as_object() else {
        return found;
    };
    for (key, recorded) in content {
        let Some(events) = recorded["events"].as_array() else {
            continue;
        };
        let mut input = None;
        let mut outcome = None;
        for event in events {
            match event["type"].as_str() {
                Some("ExecutionStarted") => {
                    input = Some(event["executionStartedEventDetails"]["input"].clone());
                }
                Some("ExecutionSucceeded") => {
                    let output = event["executionSucceededEventDetails"]["output"].clone();
                    outcome = Some(Outcome::Succeeded(output));
                }
                Some("ExecutionFailed") => {
                    let details = &event["executionFailedEventDetails"];
                    outcome = Some(Outcome::Failed {
                        error: details["error"].as_str().unwrap_or_default().to_owned(),
                        cause: details["cause"].as_str().unwrap_or_default().to_owned(),
                    });
                }
                _ => {}
            }
        }
        if let (Some(input), Some(outcome)) = (input, outcome) {
            found.push((key.clone(), input, outcome));
        }
    }
    found
}

/// Compares an actual value with a recorded one in which random values were masked.
fn matches_recorded(actual: &Value, recorded: &Value) -> bool {
    match (actual, recorded) {
        (Value::Number(number), Value::String(mask)) if mask == "RandomNumberGenerated" => {
            number.is_i64()
        }
        (Value::String(uuid), Value::String(mask)) if mask == "generated-uuid" => is_uuid_v4(uuid),
        (Value::Array(actual), Value::Array(recorded)) => {
            actual.len() == recorded.len()
                && actual
                    .iter()
                    .zip(recorded)
                    .all(|(a, r)| matches_recorded(a, r))
        }
        (Value::Object(actual), Value::Object(recorded)) => {
            actual.len() == recorded.len()
                && actual
                    .iter()
                    .all(|(key, a)| recorded.get(key).is_some_and(|r| matches_recorded(a, r)))
        }
        _ => actual == recorded,
    }
}

fn is_uuid_v4(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|group| group.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|group| {
            group
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        })
        && groups[2].starts_with('4')
}

/// The recorded cause without the executor's prefix, with the masked input restored.
fn expected_cause(recorded: &str, input: &Value) -> String {
    let without_prefix = recorded
        .split_once("). ")
        .filter(|(prefix, _)| prefix.starts_with("An error occurred while executing the state"))
        .map_or(recorded, |(_, rest)| rest);
    without_prefix.replace("<json-input:1>", &input.to_string())
}

/// The `.$` values of a definition AWS refused, which must not parse.
fn dynamic_values(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                match item {
                    Value::String(text) if key.ends_with(".$") => found.push(text.clone()),
                    other => dynamic_values(other, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| dynamic_values(item, found)),
        _ => {}
    }
}

/// Whether AWS refused the definition when it was created (`Some(true)`), for recordings of
/// a creation attempt.
fn refused_at_creation(snapshot: &Value, test_id: &str) -> Option<bool> {
    let (_, entry) = snapshot
        .as_object()?
        .iter()
        .find(|(key, _)| key.ends_with(&format!("::{test_id}")))?;
    let exception = &entry["recorded-content"]["exception"];
    (!exception.is_null()).then(|| exception["exception_typename"] == "InvalidDefinition")
}

/// Whether some `.$` value of the definition fails to parse.
fn rejected_by_parser(definition: &Value) -> bool {
    let mut values = Vec::new();
    dynamic_values(definition, &mut values);
    values.iter().any(|text| match DynamicValue::parse(text) {
        DynamicValue::Path(path) => path.parse().is_err(),
        DynamicValue::Intrinsic(call) => call.parse().is_err(),
    })
}

fn verdict(
    actual: &Result<Value, RuntimeError>,
    outcome: &Outcome,
    input: &Value,
) -> Result<(), String> {
    match (actual, outcome) {
        (Ok(value), Outcome::Succeeded(recorded)) if matches_recorded(value, recorded) => Ok(()),
        (Err(error), Outcome::Failed { error: name, cause })
            if error.error == *name && error.cause == expected_cause(cause, input) =>
        {
            Ok(())
        }
        (Ok(value), Outcome::Succeeded(recorded)) => {
            Err(format!("output {value}, recorded {recorded}"))
        }
        (Ok(value), Outcome::Failed { error, cause }) => {
            Err(format!("output {value}, recorded failure {error}: {cause}"))
        }
        (Err(error), Outcome::Succeeded(recorded)) => {
            Err(format!("failed with {error}, recorded output {recorded}"))
        }
        (Err(error), Outcome::Failed { error: name, cause }) => Err(format!(
            "failed with {error}, recorded {name}: {}",
            expected_cause(cause, input)
        )),
    }
}

#[test]
fn recorded_pass_state_executions() {
    let mut passed = Vec::new();
    let mut failed = Vec::new();
    let mut not_replayable = Vec::new();
    let mut snapshots: BTreeMap<String, Value> = BTreeMap::new();
    for row in rows() {
        if row.template.is_empty() {
            if row.snapshot.contains("intrinsic_functions") {
                not_replayable.push(row.test_id.clone());
            }
            continue;
        }
        let definition: Value = serde_json::from_str(
            &fs::read_to_string(corpus().join(&row.template)).expect("template"),
        )
        .expect("template JSON");
        let Some((name, state)) = single_pass_state(&definition) else {
            continue;
        };
        if state.get("Parameters").is_none()
            && state.get("InputPath").is_none()
            && state.get("OutputPath").is_none()
        {
            continue;
        }
        let snapshot = snapshots.entry(row.snapshot.clone()).or_insert_with(|| {
            let text = fs::read_to_string(corpus().join(&row.snapshot)).expect("snapshot");
            serde_json::from_str(&text).expect("snapshot JSON")
        });
        if let Some(rejected) = refused_at_creation(snapshot, &row.test_id) {
            let id = format!("{} (refused at creation)", row.test_id);
            if rejected_by_parser(&definition) == rejected {
                passed.push(id);
            } else {
                failed.push((id, "our parser accepts it".to_owned()));
            }
            continue;
        }
        for (key, input, outcome) in executions(snapshot, &row.test_id) {
            let id = format!("{}#{key}", row.test_id);
            let actual = run_pass(&state, &name, &input);
            let verdict = verdict(&actual, &outcome, &input);
            match verdict {
                Ok(()) => passed.push(id),
                Err(reason) => failed.push((id, reason)),
            }
        }
    }
    eprintln!(
        "{} recorded cases pass, {} differ, {} not replayable",
        passed.len(),
        failed.len(),
        not_replayable.len()
    );
    for (id, reason) in &failed {
        eprintln!("  differs: {id}: {reason}");
    }
    let unexpected: Vec<_> = failed
        .iter()
        .filter(|(id, _)| !KNOWN_DIFFERENCES.iter().any(|(known, _)| known == id))
        .collect();
    assert!(
        unexpected.is_empty(),
        "unexpected differences: {unexpected:#?}"
    );
    let fixed: Vec<_> = KNOWN_DIFFERENCES
        .iter()
        .filter(|(known, _)| !failed.iter().any(|(id, _)| id == known))
        .collect();
    assert!(
        fixed.is_empty(),
        "listed differences that now pass: {fixed:?}"
    );
    let mut expected_unreplayable: Vec<_> = NOT_REPLAYABLE
        .iter()
        .map(|(id, _)| (*id).to_owned())
        .collect();
    expected_unreplayable.sort();
    not_replayable.sort();
    assert_eq!(not_replayable, expected_unreplayable);
    // The suite is as large as the recordings: a change that silently drops cases fails.
    // 107 executions of the intrinsic suites, 6 of path scenarios, 2 refused definitions.
    assert_eq!(passed.len(), 115, "passing cases: {passed:#?}");
}
