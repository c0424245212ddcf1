//! Fuzzes the JSONata parser and evaluator: any expression text against any input must
//! give a value or an error, never a panic, a hang or unbounded memory.
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use sfn_jsonata::{parse, step_functions, Environment, Limits};

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
    let _ = parsed.evaluate(input.as_ref().or(Some(&sample)), &env);
});
