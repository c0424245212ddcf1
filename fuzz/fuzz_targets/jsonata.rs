//! Fuzzes the JSONata parser and evaluator: any expression text against any input must
//! give a value or an error, never a panic, a hang or unbounded memory; and what it yields
//! must be among the kinds the static analysis (`result_kinds`) allows.
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use sfn_jsonata::{parse, step_functions, Environment, Kinds, Limits};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The text is `expression`, optionally followed by a NUL byte and JSON input.
    let (expression, input) = match text.split_once('\0') {
        Some((expression, input)) => (expression, serde_json::from_str(input).ok()),
        None => (text, None),
    };
    let Ok(parsed) = parse(expression) else { return };
    let mut env = Environment::new()
        .bind("states", serde_json::json!({"input": {"a": [1, 2, {"b": "c"}]}, "context": {}}))
        .clock(|| 1_700_000_000_000)
        .random(|| 0.25)
        .limits(
            Limits::default()
                .max_steps(200_000)
                .max_items(100_000)
                .timeout(Duration::from_millis(500)),
        );
    step_functions::install(&mut env, step_functions::Options::default());
    let sample = serde_json::json!({"Account": {"Order": [{"Product": [{"Price": 3.5, "Quantity": 2}]}]}, "x": [1, "two", null, true]});
    let kinds = parsed.result_kinds();
    let _ = parsed.type_mismatches();
    let actual = match parsed.evaluate(input.as_ref().or(Some(&sample)), &env) {
        Ok(Some(value)) => match value {
            serde_json::Value::Number(_) => Kinds::NUMBER,
            serde_json::Value::String(_) => Kinds::STRING,
            serde_json::Value::Bool(_) => Kinds::BOOLEAN,
            // Numbers that are not finite are written as `null`.
            serde_json::Value::Null if kinds.contains(Kinds::NUMBER) => Kinds::NUMBER,
            serde_json::Value::Null => Kinds::NULL,
            serde_json::Value::Array(_) => Kinds::ARRAY,
            serde_json::Value::Object(_) => Kinds::OBJECT,
        },
        Ok(None) => Kinds::UNDEFINED,
        // A function as the result, or inside an array or object of it (then the message
        // names where, and the result is one of those).
        Err(error) if error.code() == "T0500" && error.message().contains(" at /") => {
            assert!(
                kinds.intersects(Kinds::ARRAY | Kinds::OBJECT),
                "{expression:?} holds a function inside a result that is not among {kinds}"
            );
            return;
        }
        Err(error) if error.code() == "T0500" => Kinds::FUNCTION,
        Err(_) => return,
    };
    assert!(kinds.contains(actual), "{expression:?} yields {actual}, not among {kinds}");
});
