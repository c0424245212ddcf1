//! State tests against the `TestState` responses AWS recorded (LocalStack's snapshots,
//! vendored under `tests/corpus/`): each request of `test_state/cases.json` is replayed with
//! [`sfn_local::test_state`] and its result compared with the recording.
//!
//! A case matches when our result equals AWS's response (where the recording masks a value,
//! any value of the same shape), or when AWS refused the request and `StateTest` refuses it
//! too (the refusal messages are not compared). Every other case is listed in
//! `test_state/known-differences.tsv` with the reason (AWS's validation of mocks against
//! service API shapes, which `StateTest` does not do). The test fails when an unlisted case
//! differs, when a listed case matches (the list cannot go stale), or when fewer cases match
//! than recorded below.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use sfn_local::test_state::{FieldValidation, InspectionLevel, StateTest, TestStateError};

/// Cases that match; raise it when more match, never lower it.
const MIN_MATCHING: usize = 167;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn corpus() -> PathBuf {
    root().join("tests/corpus")
}

/// The definition a case sends: its template (or the part of it the test sent), with the
/// test's edits.
fn definition(case: &Value) -> Result<String, String> {
    let inline = case
        .get("inline_definition")
        .filter(|value| !value.is_null());
    let mut value = if let Some(inline) = inline {
        inline.clone()
    } else {
        let path = corpus().join(text(case, "template").ok_or("no template")?);
        let shown = path.display();
        let text = fs::read_to_string(&path).map_err(|error| format!("{shown}: {error}"))?;
        serde_json::from_str(&text).map_err(|error| format!("{shown}: {error}"))?
    };
    if let Some(pointer) = text(case, "template_pointer") {
        value = value
            .pointer(pointer)
            .cloned()
            .ok_or_else(|| format!("the template has nothing at {pointer}"))?;
    }
    for edit in case["edits"].as_array().into_iter().flatten() {
        let pointer = edit["pointer"]
            .as_str()
            .ok_or("an edit without a pointer")?;
        set(&mut value, pointer, edit["value"].clone())?;
    }
    Ok(value.to_string())
}

/// Sets the value at a JSON pointer whose parent exists.
fn set(value: &mut Value, pointer: &str, new: Value) -> Result<(), String> {
    let (parent, key) = pointer.rsplit_once('/').ok_or("a pointer without /")?;
    let key = key.replace("~1", "/").replace("~0", "~");
    match value.pointer_mut(parent) {
        Some(Value::Object(object)) => {
            object.insert(key, new);
            Ok(())
        }
        _ => Err(format!("no object at {parent}")),
    }
}

fn text<'a>(case: &'a Value, key: &str) -> Option<&'a str> {
    case.get(key).and_then(Value::as_str)
}

/// Why a case is not replayed as sent, if it is not.
fn not_replayable(case: &Value) -> Option<String> {
    if let Some(configuration) = case["state_configuration"].as_object() {
        let others: Vec<&String> = configuration
            .keys()
            .filter(|key| {
                !matches!(
                    key.as_str(),
                    "retrier_retry_count"
                        | "map_iteration_failure_count"
                        | "error_caused_by_state"
                        | "map_item_reader_data"
                )
            })
            .collect();
        if !others.is_empty() {
            return Some(format!("stateConfiguration {others:?}"));
        }
    }
    None
}

/// Replays one case: the result as the API would write it, or our refusal.
fn replay(case: &Value) -> Result<Result<Value, String>, String> {
    let definition = definition(case)?;
    let test = match text(case, "definition_kind") {
        Some("machine") => match text(case, "state_name") {
            Some(state) => StateTest::in_machine(&definition, state),
            None => return Ok(Err("a machine without a state name".to_owned())),
        },
        _ => StateTest::state(&definition),
    };
    // The account the recordings were made in.
    let mut test = match test {
        Ok(test) => test.account("111111111111"),
        Err(error) => return Ok(Err(error.to_string())),
    };
    if !case["input"].is_null() {
        test = test.input(case["input"].clone());
    }
    if let Some(level) = text(case, "inspection_level") {
        test = test.inspection_level(InspectionLevel::parse(level).ok_or("a bad level")?);
    }
    let mock = case
        .get("replay_mock")
        .filter(|mock| !mock.is_null())
        .unwrap_or(&case["mock"]);
    if mock.get("result").is_some() && mock.get("error_output").is_some() {
        // AWS refuses such a mock; `StateTest` cannot express one.
        return Ok(Err(
            "a mock with both a result and an error output".to_owned()
        ));
    }
    test = test.field_validation(match text(mock, "field_validation_mode") {
        Some("NONE") => FieldValidation::None,
        Some("PRESENT") => FieldValidation::Present,
        _ => FieldValidation::Strict,
    });
    if let Some(reveal) = case["reveal_secrets"].as_bool() {
        test = test.reveal_secrets(reveal);
    }
    if let Some(role) = text(case, "role_arn") {
        test = test.role_arn(role);
    }
    if let Some(result) = mock.get("result") {
        test = test.mock_result(result.clone());
    } else if let Some(error) = mock.get("error_output") {
        test = test.mock_error(
            error["error"].as_str().unwrap_or_default(),
            error["cause"].as_str().unwrap_or_default(),
        );
    }
    if !case["context"].is_null() {
        test = test.context(case["context"].clone());
    }
    if let Some(variables) = case["variables"].as_object() {
        test = test.variables(variables.clone());
    }
    if let Some(count) = case["state_configuration"]["map_iteration_failure_count"].as_u64() {
        test = test.map_iteration_failures(count);
    }
    if let Some(items) = case["state_configuration"].get("map_item_reader_data") {
        test = test.map_item_reader_data(items.clone());
    }
    if let Some(state) = case["state_configuration"]["error_caused_by_state"].as_str() {
        test = test.error_caused_by_state(state);
    }
    if let Some(count) = case["state_configuration"]["retrier_retry_count"].as_u64() {
        test = test.retries_made(u32::try_from(count).map_err(|error| error.to_string())?);
    }
    Ok(match test.run() {
        Ok(result) => Ok(result.to_json()),
        Err(TestStateError::Run(error)) => Err(format!("cannot run: {error}")),
        Err(error) => Err(error.to_string()),
    })
}

/// The recorded response of a case.
fn recorded(case: &Value, snapshots: &mut BTreeMap<String, Value>) -> Result<Value, String> {
    let file = text(case, "recording").ok_or("no recording")?;
    if !snapshots.contains_key(file) {
        let path = corpus()
            .join("localstack/snapshots/v2/test_state")
            .join(file);
        let text = fs::read_to_string(&path).map_err(|error| error.to_string())?;
        let value = serde_json::from_str(&text).map_err(|error| error.to_string())?;
        snapshots.insert(file.to_owned(), value);
    }
    let snapshot = &snapshots[file];
    let test = text(case, "test").ok_or("no test")?;
    let suffix = format!("::{test}");
    let (_, entry) = snapshot
        .as_object()
        .and_then(|tests| tests.iter().find(|(key, _)| key.ends_with(&suffix)))
        .ok_or_else(|| format!("no recording of {test}"))?;
    entry["recorded-content"]
        .get(text(case, "response").ok_or("no response")?)
        .cloned()
        .ok_or_else(|| "no such response".to_owned())
}

/// Whether our response matches the recorded one. The API writes the output and the
/// inspection data as JSON text, and so do we; LocalStack's snapshots parsed objects back
/// and kept other values as their text (in Python's spacing), so both sides are read
/// before they are compared.
fn matches_response(theirs: &Value, ours: &Value) -> bool {
    let (Some(theirs), Some(ours)) = (theirs.as_object(), ours.as_object()) else {
        return false;
    };
    theirs.len() == ours.len()
        && theirs.iter().all(|(key, value)| {
            let Some(ours) = ours.get(key) else {
                return false;
            };
            match key.as_str() {
                "output" => matches_text(value, ours),
                "inspectionData" => match (value.as_object(), ours.as_object()) {
                    (Some(theirs), Some(ours)) => {
                        theirs.len() == ours.len()
                            && theirs.iter().all(|(key, value)| {
                                ours.get(key).is_some_and(|ours| {
                                    if INSPECTION_NUMBERS.contains(&key.as_str()) {
                                        matches(value, ours)
                                    } else {
                                        matches_text(value, ours)
                                    }
                                })
                            })
                    }
                    _ => false,
                },
                _ => matches(value, ours),
            }
        })
}

/// The members of `inspectionData` the API writes as numbers or objects, not JSON text.
const INSPECTION_NUMBERS: [&str; 4] = [
    "errorDetails",
    "maxConcurrency",
    "toleratedFailureCount",
    "toleratedFailurePercentage",
];

/// A value the API writes as JSON text: ours must be text too.
fn matches_text(theirs: &Value, ours: &Value) -> bool {
    let Some(ours) = ours
        .as_str()
        .and_then(|text| serde_json::from_str::<Value>(text).ok())
    else {
        return false;
    };
    match theirs {
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(parsed) => matches(&parsed, &ours),
            // A text the recording masked whole.
            Err(_) => ours.as_str().is_some_and(|ours| masked_equal(text, ours)),
        },
        other => matches(other, &ours),
    }
}

/// Whether `ours` matches the recorded `theirs`: equal, or where the recording masks a
/// value (`<resource:1>`, `arn:<partition>:…`, `date`), of the same shape.
fn matches(theirs: &Value, ours: &Value) -> bool {
    match (theirs, ours) {
        (Value::String(theirs), Value::String(ours)) => masked_equal(theirs, ours),
        (Value::Array(theirs), Value::Array(ours)) => {
            theirs.len() == ours.len() && theirs.iter().zip(ours).all(|(t, o)| matches(t, o))
        }
        (Value::Object(theirs), Value::Object(ours)) => {
            theirs.len() == ours.len()
                && theirs
                    .iter()
                    .all(|(key, value)| ours.get(key).is_some_and(|ours| matches(value, ours)))
        }
        (Value::Number(theirs), Value::Number(ours)) => theirs.as_f64() == ours.as_f64(),
        _ => theirs == ours,
    }
}

/// String equality where each `<…>` of the recording, and a recorded `date`, stands for
/// any text.
fn masked_equal(theirs: &str, ours: &str) -> bool {
    if theirs == ours || matches!(theirs, "date" | "start-date") {
        return true;
    }
    let mut parts = Vec::new();
    let mut rest = theirs;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        parts.push(&rest[..open]);
        rest = &rest[open + close + 1..];
    }
    if parts.is_empty() {
        return false;
    }
    parts.push(rest);
    let mut position = 0;
    for (index, part) in parts.iter().enumerate() {
        if index == 0 {
            if !ours.starts_with(part) {
                return false;
            }
            position = part.len();
        } else if index == parts.len() - 1 {
            return ours.len() >= position + part.len() && ours.ends_with(part);
        } else {
            match ours[position..].find(part) {
                Some(found) => position += found + part.len(),
                None => return false,
            }
        }
    }
    true
}

/// The recorded response without the transport's metadata.
fn response(recorded: &Value) -> Value {
    let mut response = recorded.clone();
    if let Value::Object(fields) = &mut response {
        fields.remove("ResponseMetadata");
    }
    response
}

fn is_error_response(recorded: &Value) -> bool {
    recorded.get("Error").is_some() || recorded.get("exception_typename").is_some()
}

fn read_list(name: &str) -> BTreeMap<String, String> {
    let path = root().join("sfn-local/tests/test_state").join(name);
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (id, reason) = line.split_once('\t').unwrap_or((line, ""));
            (id.to_owned(), reason.to_owned())
        })
        .collect()
}

#[test]
fn recorded_test_state_responses() {
    let cases: Vec<Value> = serde_json::from_str(
        &fs::read_to_string(root().join("sfn-local/tests/test_state/cases.json"))
            .expect("the cases"),
    )
    .expect("JSON");
    let known = read_list("known-differences.tsv");
    let mut snapshots = BTreeMap::new();
    let mut matching = 0;
    let mut differing = BTreeMap::new();
    for case in &cases {
        let id = format!(
            "{}::{}::{}",
            text(case, "recording").unwrap_or_default(),
            text(case, "test").unwrap_or_default(),
            text(case, "response").unwrap_or_default()
        );
        let recorded = recorded(case, &mut snapshots).expect("a recorded response");
        let verdict = if let Some(why) = not_replayable(case) {
            Err(format!("not replayed: {why}"))
        } else {
            match replay(case).expect("a readable case") {
                Ok(ours) if is_error_response(&recorded) => {
                    Err(format!("AWS refused the request; we gave {ours}"))
                }
                Ok(ours) => {
                    let theirs = response(&recorded);
                    if matches_response(&theirs, &ours) {
                        Ok(())
                    } else {
                        Err(format!("differs: AWS {theirs}, ours {ours}"))
                    }
                }
                Err(_) if is_error_response(&recorded) => Ok(()),
                Err(refusal) => Err(format!("refused: {refusal}")),
            }
        };
        match verdict {
            Ok(()) => matching += 1,
            Err(why) => {
                differing.insert(id, why);
            }
        }
    }
    println!(
        "test state: {matching} of {} recorded responses match ({} listed as known differences)",
        cases.len(),
        differing.len()
    );
    let unlisted: Vec<String> = differing
        .iter()
        .filter(|(id, _)| !known.contains_key(*id))
        .map(|(id, why)| format!("{id}\t{why}"))
        .collect();
    let stale: Vec<&String> = known
        .keys()
        .filter(|id| !differing.contains_key(*id))
        .collect();
    assert!(
        unlisted.is_empty(),
        "{} cases differ and are not in known-differences.tsv:\n{}",
        unlisted.len(),
        unlisted.join("\n")
    );
    assert!(
        stale.is_empty(),
        "known-differences.tsv lists cases that now match: {stale:?}"
    );
    assert!(
        matching >= MIN_MATCHING,
        "only {matching} cases match; at least {MIN_MATCHING} did before"
    );
}

#[test]
fn masks_stand_for_any_text_and_outputs_are_json_text() {
    assert!(masked_equal(
        "arn:<partition>:states:<region>:1:x",
        "arn:aws:states:us-east-1:1:x"
    ));
    assert!(!masked_equal("arn:<partition>:states", "arn:aws:lambda"));
    assert!(masked_equal("date", "2026-01-01T00:00:00Z"));
    assert!(!masked_equal("plain", "other"));
    let theirs = json!({"status": "SUCCEEDED", "output": "\"x\"",
        "inspectionData": {"input": {"b": [1, 2.0]}, "afterItemsPath": "[1, 2]", "maxConcurrency": 0}});
    let ours = json!({"status": "SUCCEEDED", "output": "\"x\"",
        "inspectionData": {"input": "{\"b\":[1,2]}", "afterItemsPath": "[1,2]", "maxConcurrency": 0}});
    assert!(matches_response(&theirs, &ours));
    let other = json!({"status": "SUCCEEDED", "output": "\"y\"",
        "inspectionData": {"input": "{\"b\":[1,2]}", "afterItemsPath": "[1,2]", "maxConcurrency": 0}});
    assert!(!matches_response(&theirs, &other));
    assert!(!matches_response(
        &theirs,
        &json!({"status": "SUCCEEDED", "output": "\"x\""})
    ));
    // The output and the inspection data as JSON values, not text, are not AWS's response.
    let values = json!({"status": "SUCCEEDED", "output": "x",
        "inspectionData": {"input": {"b": [1, 2]}, "afterItemsPath": [1, 2], "maxConcurrency": 0}});
    assert!(!matches_response(&theirs, &values));
}
