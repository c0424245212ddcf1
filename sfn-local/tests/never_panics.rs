//! Evaluation never panics, whatever the path or intrinsic text (property tests; the
//! cargo-fuzz targets in `fuzz/` explore further).

use proptest::prelude::*;
use serde_json::{Value, json};
use sfn_dsl::model::Payload;
use sfn_local::data::{Scope, SeededEntropy};

fn document() -> Value {
    json!({"a": [1, {"b": "x", "c": [null, true, 2.5]}], "s": "a,b", "o": {"k": {"n": -1}}, "t": "{}"})
}

fn evaluate_everything(text: &str) {
    let document = document();
    let variables = serde_json::Map::from_iter([("v".to_owned(), document.clone())]);
    let scope = Scope::new(&document, &document, &variables);
    let entropy = SeededEntropy::new(9);
    let _ = sfn_local::jsonpath::evaluate(text, &scope);
    let _ = sfn_local::jsonpath::apply_result_path(&document, text, json!(1));
    let _ = sfn_local::intrinsic::evaluate_text(text, &scope, &entropy);
    let template = Payload::from(json!({"x.$": text}));
    let _ = sfn_local::template::evaluate(&template, &scope, &entropy);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn paths(text in "\\$[$av.\\[\\]'*?@()<>=!&|,:0-9 /bcoskn-]{0,30}") {
        evaluate_everything(&text);
    }

    #[test]
    fn calls(
        name in prop::sample::select(sfn_dsl::expr::intrinsic::FUNCTIONS.map(|f| f.name).to_vec()),
        args in "[$a.sotk'{}(),0-9 \\[\\]-]{0,30}",
    ) {
        evaluate_everything(&format!("{name}({args})"));
    }

    #[test]
    fn anything(text in "\\PC{0,30}") {
        evaluate_everything(&text);
    }
}
