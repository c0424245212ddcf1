//! Hostile expressions stop with a clear error instead of crashing or running away.

#![allow(clippy::unwrap_used, reason = "test code")]

use std::time::{Duration, Instant};

use serde_json::json;
use sfn_jsonata::{Environment, Limits, parse};

fn error_code(text: &str, env: &Environment) -> String {
    match parse(text) {
        Err(error) => error.code.to_string(),
        Ok(expression) => expression
            .evaluate(Some(&json!({"a": 1})), env)
            .unwrap_err()
            .code()
            .to_string(),
    }
}

#[test]
fn deep_recursion_stops_with_u1001() {
    let env = Environment::new();
    let text = "($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000000))";
    assert_eq!(error_code(text, &env), "U1001");
}

#[test]
fn depth_limit_is_configurable() {
    // Each non-tail call nests about four evaluation levels.
    let env = Environment::new().limits(Limits::default().max_depth(50));
    let text = "($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(20))";
    assert_eq!(error_code(text, &env), "U1001");
    let relaxed = Environment::new().limits(Limits::default().max_depth(5000));
    assert_eq!(
        parse(text).unwrap().evaluate(None, &relaxed).unwrap(),
        Some(json!(20))
    );
}

#[test]
fn recursion_reaches_the_depth_limit_in_every_build() {
    // A non-tail call nests three levels: the default `max_depth` of 1000 allows 332 of
    // them, in debug builds as in release ones (the stack grows in segments as needed; a
    // debug build's larger frames once stopped this near 60).
    let env = Environment::new();
    let text = |n: u32| format!("($f := function($n){{ $n = 0 ? 0 : 1 + $f($n - 1) }}; $f({n}))");
    assert_eq!(
        parse(&text(330)).unwrap().evaluate(None, &env).unwrap(),
        Some(json!(330))
    );
    assert_eq!(error_code(&text(340), &env), "U1001");
    // Deeper with a higher limit: 2,000 calls.
    let deep = Environment::new().limits(Limits::default().max_depth(6_100));
    assert_eq!(
        parse(&text(2_000)).unwrap().evaluate(None, &deep).unwrap(),
        Some(json!(2_000))
    );
}

#[test]
fn added_stack_is_bounded_by_max_stack_bytes() {
    // No depth limit to speak of: the stack segments run out first, with an error.
    let env = Environment::new().limits(
        Limits::default()
            .max_depth(usize::MAX)
            .max_stack_bytes(8 << 20),
    );
    let text = "($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000000))";
    assert_eq!(error_code(text, &env), "U1001");
}

#[test]
fn tail_recursion_runs_in_constant_depth() {
    let env = Environment::new().limits(Limits::default().max_depth(100));
    let text =
        "($loop := function($n, $acc){ $n = 0 ? $acc : $loop($n - 1, $acc + 1) }; $loop(10000, 0))";
    assert_eq!(
        parse(text).unwrap().evaluate(None, &env).unwrap(),
        Some(json!(10000))
    );
}

#[test]
fn infinite_loops_stop_on_the_step_budget() {
    let env = Environment::new().limits(Limits::default().max_steps(100_000));
    assert_eq!(
        error_code("($f := function(){ $f() }; $f())", &env),
        "U1002"
    );
}

#[test]
fn infinite_loops_stop_on_the_time_limit() {
    let env = Environment::new().limits(
        Limits::default()
            .timeout(Duration::from_millis(100))
            .max_steps(u64::MAX),
    );
    let started = Instant::now();
    assert_eq!(
        error_code("($f := function(){ $f() }; $f())", &env),
        "U1002"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn huge_allocations_fail_cleanly() {
    let env = Environment::new();
    assert_eq!(error_code("[1..100000000]", &env), "D2014");
    assert_eq!(error_code("$pad('x', 1000000000)", &env), "D2014");
    assert_eq!(
        error_code("$reduce([1..40], function($s, $i){ $s & $s }, 'ab')", &env),
        "D2014"
    );
    let small = Environment::new().limits(Limits::default().max_items(1000));
    assert_eq!(error_code("[1..2000]", &small), "D2014");
    assert_eq!(
        error_code(
            "$join([1..600].$string() ~> $append([1..600].$string()), ',')",
            &small
        ),
        "D2014"
    );
}

#[test]
fn deeply_nested_values_are_rejected_not_overflowed() {
    let env = Environment::new().limits(Limits::default().max_steps(10_000_000));
    let text = "$reduce([1..20000], function($acc, $i){ {'a': $acc} }, 0)";
    assert_eq!(error_code(text, &env), "U1004");
}

#[test]
fn deeply_nested_text_is_a_syntax_error() {
    let env = Environment::new();
    let nested = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(error_code(&nested, &env), "U1002");
    let chain = format!("1{}", "+1".repeat(100_000));
    assert_eq!(error_code(&chain, &env), "U1002");
    let negations = format!("{}1", "-".repeat(100_000));
    assert_eq!(error_code(&negations, &env), "U1002");
}

#[test]
fn regular_expressions_run_in_linear_time() {
    let env = Environment::new();
    let started = Instant::now();
    let text = format!("$match('{}!', /(a+)+$/)", "a".repeat(5000));
    assert_eq!(parse(&text).unwrap().evaluate(None, &env).unwrap(), None);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(error_code("$replace('bbb', /a*/, 'x')", &env), "D1004");
}
