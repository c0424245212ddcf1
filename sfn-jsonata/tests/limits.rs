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
fn deeply_nested_bound_values_fail_like_deeply_nested_input() {
    // A value nested 1001 levels deep is refused with U1004 whether it comes as the input
    // or as a variable (once read as undefined, so `$count($d)` gave 0).
    let deep = nested_array(1001);
    let env = Environment::new().bind("d", deep.clone());
    let expression = parse("$count($d)").unwrap();
    let error = expression.evaluate(None, &env).unwrap_err();
    assert_eq!((error.code(), error.offset()), ("U1004", Some(7)));
    let error = parse("$").unwrap().evaluate(Some(&deep), &env).unwrap_err();
    assert_eq!(error.code(), "U1004");
    // 1000 levels are within the limit.
    let env = Environment::new().bind("d", nested_array(1000));
    assert_eq!(expression.evaluate(None, &env).unwrap(), Some(json!(1)));
}

#[test]
fn values_nested_up_to_the_limit_are_handled_on_a_two_mib_stack() {
    // Converting, printing, comparing, searching and copying a value 1000 levels deep took
    // about 2 KB of stack a level in debug builds, and overflowed a 2 MiB stack.
    on_two_mib_stack(|| {
        // Built twice, not cloned: cloning or comparing serde_json values that deep would
        // overflow this stack in the test itself.
        let nested = || (0..1000).fold(json!(1), |value, _| json!({"a": value}));
        let deep = nested();
        let env = Environment::new().bind("d", nested());
        let evaluate = |text: &str| parse(text).unwrap().evaluate(Some(&deep), &env);
        assert!(
            evaluate("$")
                .unwrap()
                .is_some_and(|value| value.is_object())
        );
        assert_eq!(evaluate("$ = $d").unwrap(), Some(json!(true)));
        assert_eq!(
            evaluate("$length($string($))").unwrap(),
            Some(json!(r#"{"a":"#.len() * 1000 + 1 + 1000))
        );
        assert_eq!(evaluate("$count(**)").unwrap(), Some(json!(1001)));
        assert_eq!(evaluate("($ ~> |a|{'b': 2}|).a.b").unwrap(), Some(json!(2)));
    });
}

#[test]
fn values_built_deeper_than_the_limit_are_walked_in_full_or_refused() {
    // Values built in the expression can nest past the 1000 levels an input may have.
    // `**` and `*` once stopped at that depth and gave a wrong result; `$clone` cut the
    // value off. They walk it all now (the results are jsonata-js 2.0.5's), or, for a copy
    // that could not be output either, fail with U1004 as output and `$string` do.
    on_two_mib_stack(|| {
        let env = Environment::new();
        let evaluate = |text: &str| {
            let text = format!("($d := {}; {text})", deep_value(1500));
            parse(&text).unwrap().evaluate(None, &env)
        };
        // 1500 objects and the 0 in the innermost one.
        assert_eq!(evaluate("$count($d.**)").unwrap(), Some(json!(1501)));
        assert_eq!(evaluate("$d.**[$ = 0]").unwrap(), Some(json!(0)));
        // `[[$acc]]` nests one array deeper at each step; `*` flattens it to its item.
        let arrays = "$reduce([1..1500], function($acc, $x){ [[$acc]] }, 0)";
        let text = format!("{{'x': {arrays}}}.*");
        assert_eq!(
            parse(&text).unwrap().evaluate(None, &env).unwrap(),
            Some(json!([0]))
        );
        assert_eq!(evaluate("$clone($d)").unwrap_err().code(), "U1004");
        assert_eq!(evaluate("$clone($d) = $d").unwrap_err().code(), "U1004");
        // Within the limit, the copy is equal.
        let text = format!("($d := {}; $clone($d) = $d)", deep_value(999));
        assert_eq!(
            parse(&text).unwrap().evaluate(None, &env).unwrap(),
            Some(json!(true))
        );
    });
}

/// An expression building `{"a": {"a": ... 0}}`, `levels` objects deep.
fn deep_value(levels: usize) -> String {
    format!("$reduce([1..{levels}], function($acc, $x){{ {{'a': $acc}} }}, 0)")
}

/// `[[...[1]...]]`: `1` inside `depth` arrays.
fn nested_array(depth: usize) -> serde_json::Value {
    (0..depth).fold(json!(1), |value, _| json!([value]))
}

/// Runs `test` on a thread with a 2 MiB stack, what a spawned thread gets by default.
fn on_two_mib_stack<R: Send + 'static>(test: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(test)
        .unwrap()
        .join()
        .unwrap()
}

/// Parses `text`, runs every static analysis on it and evaluates it against `input`.
fn parse_analyse_evaluate(
    text: &str,
    input: &serde_json::Value,
    env: &Environment,
) -> Result<Option<serde_json::Value>, String> {
    let expression = parse(text).map_err(|error| error.code.to_string())?;
    let _ = (
        expression.references(),
        expression.bindings(),
        expression.result_kinds(),
        expression.type_mismatches(),
    );
    expression
        .evaluate(Some(input), env)
        .map_err(|error| error.code().to_string())
}

fn parentheses(depth: usize) -> String {
    format!("{}1{}", "(".repeat(depth), ")".repeat(depth))
}

fn sum(terms: usize) -> String {
    vec!["1"; terms].join(" + ")
}

/// `f0 & f1 & ...`: what a `#[workflow]` returning `format!` compiles to.
fn concatenation(terms: usize) -> (String, serde_json::Value) {
    let text = (0..terms)
        .map(|index| format!("f{index}"))
        .collect::<Vec<_>>()
        .join(" & ");
    let input = (0..terms)
        .map(|index| (format!("f{index}"), json!(index.to_string())))
        .collect();
    (text, serde_json::Value::Object(input))
}

fn expected_concatenation(terms: usize) -> serde_json::Value {
    json!(
        (0..terms)
            .map(|index| index.to_string())
            .collect::<String>()
    )
}

/// `$a.b[0].b[0]...` and a value `$a` in which it finds `"leaf"`.
fn path(steps: usize) -> (String, Environment) {
    let value = (0..steps).fold(json!("leaf"), |value, _| json!({"b": [value]}));
    (
        format!("$a{}", ".b[0]".repeat(steps)),
        Environment::new().bind("a", value),
    )
}

fn calls(depth: usize) -> String {
    format!("{}1{}", "$string(".repeat(depth), ")".repeat(depth))
}

#[test]
fn ordinary_nesting_parses_in_debug_builds() {
    // These once failed with U1002 in debug builds, whose parser frames took about 40 KB
    // a level and ran into the 1 MiB parsing budget at 26 levels.
    on_two_mib_stack(|| {
        let env = Environment::new();
        let none = json!({});
        assert_eq!(
            parse_analyse_evaluate(&parentheses(27), &none, &env),
            Ok(Some(json!(1)))
        );
        assert_eq!(
            parse_analyse_evaluate(&sum(27), &none, &env),
            Ok(Some(json!(27)))
        );
        let (text, input) = concatenation(27);
        assert_eq!(
            parse_analyse_evaluate(&text, &input, &env),
            Ok(Some(expected_concatenation(27)))
        );
        let (text, env) = path(24);
        assert_eq!(
            parse_analyse_evaluate(&text, &none, &env),
            Ok(Some(json!("leaf")))
        );
    });
}

#[test]
fn nesting_up_to_the_limit_parses_and_evaluates_on_a_two_mib_stack() {
    // The limits docs/jsonata.md states: 500 levels, so 499 nested parentheses, 499 terms,
    // 496 path steps with a filter each, or 249 nested calls. One more is U1002.
    on_two_mib_stack(|| {
        let env = Environment::new();
        let none = json!({});
        let too_deep = Err("U1002".to_string());
        assert_eq!(
            parse_analyse_evaluate(&parentheses(499), &none, &env),
            Ok(Some(json!(1)))
        );
        assert_eq!(
            parse_analyse_evaluate(&parentheses(500), &none, &env),
            too_deep
        );
        assert_eq!(
            parse_analyse_evaluate(&sum(499), &none, &env),
            Ok(Some(json!(499)))
        );
        assert_eq!(parse_analyse_evaluate(&sum(500), &none, &env), too_deep);
        let (text, input) = concatenation(499);
        assert_eq!(
            parse_analyse_evaluate(&text, &input, &env),
            Ok(Some(expected_concatenation(499)))
        );
        let (text, input) = concatenation(500);
        assert_eq!(parse_analyse_evaluate(&text, &input, &env), too_deep);
        let (text, path_env) = path(496);
        assert_eq!(
            parse_analyse_evaluate(&text, &none, &path_env),
            Ok(Some(json!("leaf")))
        );
        let (text, path_env) = path(497);
        assert_eq!(parse_analyse_evaluate(&text, &none, &path_env), too_deep);
        assert_eq!(
            parse_analyse_evaluate(&calls(249), &none, &env),
            Ok(Some(json!("1")))
        );
        assert_eq!(parse_analyse_evaluate(&calls(250), &none, &env), too_deep);
    });
}

#[test]
fn deeply_nested_text_is_a_syntax_error() {
    on_two_mib_stack(|| {
        let env = Environment::new();
        let nested = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert_eq!(error_code(&nested, &env), "U1002");
        let chain = format!("1{}", "+1".repeat(100_000));
        assert_eq!(error_code(&chain, &env), "U1002");
        let negations = format!("{}1", "-".repeat(100_000));
        assert_eq!(error_code(&negations, &env), "U1002");
        let arrays = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(error_code(&arrays, &env), "U1002");
        let calls = calls(100_000);
        assert_eq!(error_code(&calls, &env), "U1002");
    });
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

/// Recursion whose calls are tail calls to a higher-order built-in, a chain or a partial
/// application: the callback runs inside the built-in, so each call nests.
const RECURSION_THROUGH_FUNCTIONS: [&str; 8] = [
    "($f := function($a){ $map([$a], $f) }; $f(1))",
    "($f := function($a){ $filter([$a], $f) }; $f(1))",
    "($f := function($a){ $single([$a], $f) }; $f(1))",
    "($f := function($a, $b){ $reduce([$a, $b], $f) }; $f(1, 2))",
    "($f := function($a, $b){ $sort([$a, $b], $f) }; $f(1, 2))",
    "($f := function($v, $k){ $each({'k': $v}, $f) }; $f(1))",
    "($f := function($v, $k){ $sift({'k': $v}, $f) }; $f(1))",
    "($f := function($x){ ($f ~> $string)($x) }; $f(1))",
];

#[test]
fn recursion_through_higher_order_functions_stops_with_u1001() {
    // These once overflowed the thread's stack and aborted the process: the trampoline
    // that runs tail calls called the built-in directly, counting no depth.
    let env = Environment::new();
    for text in RECURSION_THROUGH_FUNCTIONS {
        assert_eq!(error_code(text, &env), "U1001", "{text}");
    }
    on_two_mib_stack(|| {
        let env = Environment::new();
        let text = "($f := function($n){ $n = 0 ? 'done' : $map([$n - 1], $f) }; $f(1000000))";
        assert_eq!(error_code(text, &env), "U1001");
    });
}

#[test]
fn recursion_through_higher_order_functions_nests_one_level_a_call() {
    // jsonata-js 2.0.5 gives "done" for these (it has no depth limit); here each call is
    // one level, so the default `max_depth` allows about 1000 and a higher one more.
    let text = |n: u32| {
        format!(
            "($f := function($n){{ $n = 0 ? 'done' \
             : $reduce([$n - 1], function($a, $b){{ $f($b) }}, 0) }}; $f({n}))"
        )
    };
    let done = Some(json!("done"));
    let env = Environment::new();
    assert_eq!(
        parse(&text(990)).unwrap().evaluate(None, &env).unwrap(),
        done
    );
    assert_eq!(error_code(&text(3_000), &env), "U1001");
    let deep = Environment::new().limits(Limits::default().max_depth(10_010));
    assert_eq!(
        parse(&text(10_000)).unwrap().evaluate(None, &deep).unwrap(),
        done
    );
}

#[test]
fn tail_recursion_through_partials_and_chains_runs_in_constant_depth() {
    // In jsonata-js a partial application or a chain of a lambda is a lambda whose body is
    // the call, so recursing through one in tail position goes on at the same depth.
    let env = Environment::new();
    // Endless, it is an endless loop: the step budget stops it, as any loop.
    assert_eq!(
        error_code("($f := function($x){ $f(?)($x) }; $f(1))", &env),
        "U1002"
    );
    let done = Some(json!("done"));
    for text in [
        "($f := function($n){ $n = 0 ? 'done' : $f(?)($n - 1) }; $f(20000))",
        "($dec := function($n){ $n - 1 }; \
         $f := function($n){ $n <= 0 ? 'done' : ($dec ~> $f)($n) }; $f(5000))",
    ] {
        assert_eq!(
            parse(text).unwrap().evaluate(None, &env).unwrap(),
            done,
            "{text}"
        );
    }
    let sum = "($add := function($acc, $n){ $n = 0 ? $acc : $add($acc + $n, ?)($n - 1) }; \
               $add(0, 20000))";
    assert_eq!(
        parse(sum).unwrap().evaluate(None, &env).unwrap(),
        Some(json!(200_010_000))
    );
}
