//! Inputs that once crashed the engine (found by fuzzing), kept as regression tests.

#![allow(clippy::unwrap_used, reason = "test code")]

use serde_json::json;
use sfn_jsonata::{Environment, parse};

/// `cargo fuzz` crash-9fbfe577: a huge time-zone offset overflowed the offset arithmetic
/// (`attempt to multiply with overflow` in `$fromMillis`).
#[test]
fn huge_timezone_offset_is_an_error_not_an_overflow() {
    let zone = format!("-0{}500", "4".repeat(117));
    let text = format!(
        "$fromMillis(1531310400000, '[Y]-[M01]-[D01]T[H01]:umber(2tNumberm]:[s][z]', '{zone}')"
    );
    let error = parse(&text)
        .unwrap()
        .evaluate(Some(&json!([20, "{}#0%'"])), &Environment::new())
        .unwrap_err();
    assert_eq!(error.code(), "D3110");
}

/// Found while fixing the above: huge parsed date components must not overflow either.
/// JavaScript gives an invalid date (`NaN`); a `NaN` must not leave `$toMillis`, so it is
/// error `D3110`.
#[test]
fn huge_parsed_dates_are_invalid_not_an_overflow() {
    let env = Environment::new();
    let code = |text: &str| {
        let error = parse(text).unwrap().evaluate(None, &env).unwrap_err();
        error.code().to_string()
    };
    assert_eq!(code("$toMillis('99999999999999999999', '[Y]')"), "D3110");
    assert_eq!(
        code("$toMillis('1-99999999999999999999-1', '[Y]-[M]-[D]')"),
        "D3110"
    );
}

/// `cargo fuzz` oom-e7e23f31: a picture width of 5,671,427,142 digits tried to allocate 22 GB.
#[test]
fn huge_picture_width_is_an_error_not_an_allocation() {
    let text = "$fromMillis(1521801216616, '[D#1,,56D#1,,56\n7142\n7142]/[Y0001(8]')";
    let error = parse(text)
        .unwrap()
        .evaluate(Some(&json!({})), &Environment::new())
        .unwrap_err();
    assert_eq!(error.code(), "D2014");
}

/// `cargo fuzz` crash-783d3a59: `**[$]?[$uuid]` yields an array holding a function. The
/// static analysis rightly says "an array or undefined"; evaluation fails with `T0500`,
/// which the fuzz target took for a function as the whole result. The error now names
/// where the function is, so the two cases are told apart.
#[test]
fn a_function_inside_the_result_is_named_by_its_place() {
    let mut env = Environment::new();
    sfn_jsonata::step_functions::install(&mut env, sfn_jsonata::step_functions::Options::default());
    let expression = parse("**[$]?[$uuid]").unwrap();
    let kinds = expression.result_kinds();
    assert!(kinds.contains(sfn_jsonata::Kinds::ARRAY), "{kinds}");
    let error = expression
        .evaluate(Some(&json!({"x": [1, "two"]})), &env)
        .unwrap_err();
    assert_eq!(error.code(), "T0500");
    assert_eq!(
        error.message(),
        "the result holds a function at /0, which has no JSON representation"
    );
}
