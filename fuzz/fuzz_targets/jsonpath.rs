//! Parse and evaluate arbitrary paths over arbitrary documents: no input may panic, and a
//! parsed path's canonical text parses back to the same path.
//!
//! Input: the path on the first line, a JSON document after it (a fixed sample when it is
//! not valid JSON).

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use sfn_dsl::expr::jsonpath;
use sfn_dsl::model::ReferencePath;
use sfn_local::data::Scope;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (path_text, document) = text.split_once('\n').unwrap_or((text, ""));
    let document: Value = serde_json::from_str(document).unwrap_or_else(|_| {
        json!({"a": [1, {"b": "x", "c": [null, true, 2.5]}], "s": "text", "o": {"k": {"n": -1}}})
    });
    let variables = serde_json::Map::from_iter([("v".to_owned(), document.clone())]);
    let scope = Scope::new(&document, &document, &variables);
    let _ = ReferencePath::new(path_text).parse();
    if let Ok(path) = jsonpath::parse(path_text) {
        // The canonical text reads back as the same path.
        let canonical = path.to_string();
        assert_eq!(jsonpath::parse(&canonical).as_ref().ok(), Some(&path), "{canonical}");
        let _ = path.is_reference();
        let _ = sfn_local::jsonpath::select(&path, &scope);
        let _ = sfn_local::jsonpath::set(&document, &path, json!(1));
    }
    let _ = sfn_local::jsonpath::evaluate(path_text, &scope);
    let _ = sfn_local::jsonpath::apply_result_path(&document, path_text, json!({"r": 1}));
});
