//! Parse, check and evaluate arbitrary intrinsic calls (and payload templates holding them):
//! no input may panic.
//!
//! Input: the call on the first line, a JSON document after it (a fixed sample when it is
//! not valid JSON).

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use sfn_dsl::expr::intrinsic;
use sfn_dsl::model::Payload;
use sfn_local::data::{Scope, SeededEntropy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (call_text, document) = text.split_once('\n').unwrap_or((text, ""));
    let document: Value = serde_json::from_str(document).unwrap_or_else(|_| {
        json!({"a": [1, 2, 3], "s": "a,b", "o": {"k": "v"}, "n": 1.5, "b": "RGF0YQ=="})
    });
    let variables = serde_json::Map::from_iter([("v".to_owned(), document.clone())]);
    let scope = Scope::new(&document, &document, &variables);
    let entropy = SeededEntropy::new(u64::try_from(data.len()).unwrap_or_default());
    if let Ok(call) = intrinsic::parse(call_text) {
        let _ = intrinsic::check(&call);
        let _ = call.to_string();
        let _ = sfn_local::intrinsic::evaluate(&call, &scope, &entropy);
    }
    let template = Payload::from(json!({"value.$": call_text, "nested": [{"x.$": call_text}]}));
    let _ = sfn_local::template::evaluate(&template, &scope, &entropy);
});
