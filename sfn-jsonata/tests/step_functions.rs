//! The Step Functions additions, with the values the ASL reference (§7.1) records.

#![allow(clippy::unwrap_used, reason = "test code")]

use serde_json::{Value, json};
use sfn_jsonata::{Environment, parse, step_functions};

fn env() -> Environment {
    let mut env = Environment::new().random(|| 0.5);
    step_functions::install(&mut env, step_functions::Options::default());
    env
}

fn eval(text: &str) -> Option<Value> {
    parse(text).unwrap().evaluate(None, &env()).unwrap()
}

fn error_code(text: &str) -> String {
    parse(text)
        .unwrap()
        .evaluate(None, &env())
        .unwrap_err()
        .code()
        .to_string()
}

#[test]
fn range_is_inclusive_and_steps() {
    assert_eq!(eval("$range(0, 9, 3)"), Some(json!([0, 3, 6, 9])));
    assert_eq!(eval("$range(0, 10, 3)"), Some(json!([0, 3, 6, 9])));
    assert_eq!(eval("$range(1, 9, 2)"), Some(json!([1, 3, 5, 7, 9])));
    assert_eq!(eval("$range(9, 1, -3)"), Some(json!([9, 6, 3])));
}

#[test]
fn range_of_one_item_collapses_to_the_item() {
    assert_eq!(eval("$range(1, 9, 9)"), Some(json!(1)));
    assert_eq!(eval("[$range(1, 9, 9)]"), Some(json!([1])));
}

#[test]
fn range_with_step_zero_or_wrong_direction_is_empty() {
    assert_eq!(eval("$range(1, 5, 0)"), Some(json!([])));
    assert_eq!(eval("$range(5, 1, 1)"), Some(json!([])));
}

#[test]
fn range_limit_applies() {
    let mut env = Environment::new();
    step_functions::install(
        &mut env,
        step_functions::Options::default().range_limit(1000),
    );
    let error = parse("$range(1, 1001, 1)")
        .unwrap()
        .evaluate(None, &env)
        .unwrap_err();
    assert_eq!(error.code(), "D2014");
    assert_eq!(
        parse("$count($range(1, 1000, 1))")
            .unwrap()
            .evaluate(None, &env)
            .unwrap(),
        Some(json!(1000))
    );
}

#[test]
fn range_rejects_fractions() {
    assert_eq!(error_code("$range(1, 5.5, 1)"), "D3200");
    assert_eq!(error_code("$range('a', 5, 1)"), "T0410");
}

#[test]
fn partition_chunks() {
    assert_eq!(
        eval("$partition([1, 2, 3, 4, 5], 2)"),
        Some(json!([[1, 2], [3, 4], [5]]))
    );
    assert_eq!(eval("$partition([], 2)"), Some(json!([])));
    assert_eq!(eval("$partition([1, 2, 3], 10)"), Some(json!([[1, 2, 3]])));
    assert_eq!(error_code("$partition([1, 2], 0)"), "D3200");
}

#[test]
fn hash_algorithms() {
    let cases = [
        ("MD5", "812f45842bc6d66ee14572ce20db8e86"),
        ("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7"),
        (
            "SHA-256",
            "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
        ),
        (
            "SHA-384",
            "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
        ),
        (
            "SHA-512",
            "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
        ),
    ];
    for (algorithm, digest) in cases {
        assert_eq!(
            eval(&format!("$hash('input data', '{algorithm}')")),
            Some(json!(digest)),
            "{algorithm}"
        );
    }
    assert_eq!(error_code("$hash('x', 'SHA-3')"), "D3200");
}

#[test]
fn random_with_a_seed_is_repeatable() {
    let first = eval("$random(42)").unwrap().as_f64().unwrap();
    assert_eq!(eval("$random(42)"), Some(json!(first)));
    assert!((0.0..1.0).contains(&first));
    assert_ne!(eval("$random(43)"), Some(json!(first)));
    // Without a seed it draws on the environment's randomness.
    assert_eq!(eval("$random()"), Some(json!(0.5)));
}

#[test]
fn uuid_is_version_4() {
    let uuid = eval("$uuid()").unwrap();
    let text = uuid.as_str().unwrap();
    assert_eq!(text, "80808080-8080-4080-8080-808080808080");
    let mut real = Environment::new();
    step_functions::install(&mut real, step_functions::Options::default());
    let a = parse("$uuid()")
        .unwrap()
        .evaluate(None, &real)
        .unwrap()
        .unwrap();
    let b = parse("$uuid()")
        .unwrap()
        .evaluate(None, &real)
        .unwrap()
        .unwrap();
    assert_ne!(a, b);
    let a = a.as_str().unwrap();
    assert_eq!(a.len(), 36);
    assert_eq!(a.chars().nth(14), Some('4'));
    assert!(matches!(a.chars().nth(19), Some('8' | '9' | 'a' | 'b')));
}

#[test]
fn parse_reads_json() {
    assert_eq!(
        eval(r#"$parse('{"a": [1, 2], "b": null}')"#),
        Some(json!({"a": [1, 2], "b": null}))
    );
    assert_eq!(eval("$parse('[1, 2]')[1]"), Some(json!(2)));
    assert_eq!(error_code("$parse('{oops')"), "D3200");
}

#[test]
fn eval_is_unavailable() {
    assert_eq!(error_code("$eval('1 + 1')"), "T1006");
    assert!(!sfn_jsonata::builtin_functions().contains(&"eval"));
}

#[test]
fn states_variable_works_with_the_functions() {
    let mut env = Environment::new().bind("states", json!({"input": {"items": [5, 6, 7, 8, 9]}}));
    step_functions::install(&mut env, step_functions::Options::default());
    let result = parse("$partition($states.input.items[$ > 5], 2)")
        .unwrap()
        .evaluate(None, &env)
        .unwrap();
    assert_eq!(result, Some(json!([[6, 7], [8, 9]])));
}
