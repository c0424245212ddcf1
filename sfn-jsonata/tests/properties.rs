//! Property tests: no expression text and no input makes the engine panic.

#![allow(clippy::unwrap_used, reason = "test code")]

use std::time::Duration;

use proptest::prelude::*;
use serde_json::{Value, json};
use sfn_jsonata::{Environment, Limits, parse, step_functions};

fn env() -> Environment {
    let mut env = Environment::new()
        .bind(
            "states",
            json!({"input": {"a": [1, 2, 3], "b": {"c": "d"}}}),
        )
        .clock(|| 1_700_000_000_000)
        .random(|| 0.5)
        .limits(
            Limits::default()
                .max_steps(50_000)
                .max_items(50_000)
                .timeout(Duration::from_millis(200)),
        );
    step_functions::install(&mut env, step_functions::Options::default());
    env
}

/// Fragments that combine into mostly-plausible JSONata.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("$".to_string()),
        Just("$$".to_string()),
        Just("$states.input".to_string()),
        Just(".".to_string()),
        Just("a".to_string()),
        Just("b.c".to_string()),
        Just("*".to_string()),
        Just("**".to_string()),
        Just("%".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(":".to_string()),
        Just(",".to_string()),
        Just(";".to_string()),
        Just("?".to_string()),
        Just(" + ".to_string()),
        Just(" - ".to_string()),
        Just(" * ".to_string()),
        Just(" / ".to_string()),
        Just(" & ".to_string()),
        Just(" = ".to_string()),
        Just(" < ".to_string()),
        Just(" and ".to_string()),
        Just(" in ".to_string()),
        Just("..".to_string()),
        Just(":=".to_string()),
        Just("~>".to_string()),
        Just("@$x".to_string()),
        Just("#$i".to_string()),
        Just("^(".to_string()),
        Just("|".to_string()),
        Just("function($x){".to_string()),
        Just("$x".to_string()),
        Just("$f(".to_string()),
        Just("/a+/i".to_string()),
        Just("'str'".to_string()),
        Just("\"q\\u00e9\"".to_string()),
        Just("`n`".to_string()),
        Just("-1.5e3".to_string()),
        Just("0".to_string()),
        Just("true".to_string()),
        Just("null".to_string()),
        Just("$string(".to_string()),
        Just("$map(".to_string()),
        Just("$reduce(".to_string()),
        Just("$sort(".to_string()),
        Just("$formatNumber(".to_string()),
        Just("$fromMillis(".to_string()),
        Just("$toMillis(".to_string()),
        Just("$formatInteger(".to_string()),
        Just("$replace(".to_string()),
        Just("$split(".to_string()),
        Just("$range(".to_string()),
        Just("$partition(".to_string()),
        Just("$hash(".to_string()),
        Just("$parse(".to_string()),
        "[a-z$#@%()\\[\\]{}.,;:?'\"0-9 -]{1,4}",
    ]
}

fn expression() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 1..24).prop_map(|parts| parts.concat())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-1.0e6..1.0e6f64).prop_map(|n| json!(n)),
        any::<i32>().prop_map(|n| json!(n)),
        "[a-c]{0,3}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-c]", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn parsing_and_evaluating_never_panics(text in expression(), input in json_value()) {
        if let Ok(parsed) = parse(&text) {
            let _ = parsed.evaluate(Some(&input), &env());
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,40}") {
        if let Ok(parsed) = parse(&text) {
            let _ = parsed.evaluate(None, &env());
        }
    }

    #[test]
    fn syntax_error_offsets_are_inside_the_text(text in expression()) {
        if let Err(error) = parse(&text) {
            prop_assert!(error.offset <= text.len(), "{error} for {text:?}");
            prop_assert!(text.is_char_boundary(error.offset));
        }
    }
}
