//! The public API: syntax errors, environments, native functions, clock and randomness.

#![allow(clippy::unwrap_used, reason = "test code")]

use serde_json::json;
use sfn_jsonata::{Environment, EvaluationError, parse};

#[test]
fn syntax_errors_carry_code_and_offset() {
    let cases = [
        ("$x + ", "S0207", 5),
        ("a[", "S0203", 2),
        ("(1", "S0203", 2),
        (")", "S0211", 0),
        ("1 2", "S0201", 2),
        ("!a", "S0204", 0),
        ("{'a' 1}", "S0202", 5),
        ("'abc", "S0101", 0),
        ("a.1", "S0213", 2),
        ("%", "S0217", 0),
        ("2 := 3", "S0212", 0),
        ("a#b", "S0214", 2),
        ("/ab", "S0302", 0),
        ("1 /* x", "S0106", 2),
        ("function($x, 1){1}", "S0208", 13),
        ("'\\q'", "S0103", 1),
        ("$x ?? 1", "S0211", 4),
        ("$x ?: 1", "S0211", 4),
    ];
    for (text, code, offset) in cases {
        let error = parse(text).unwrap_err();
        assert_eq!(
            (error.code, error.offset),
            (code, offset),
            "{text}: {error}"
        );
    }
}

#[test]
fn valid_step_functions_expressions_parse() {
    for text in [
        "$states.input.orders[status = 'open'].{ 'id': id, 'total': $sum(items.price) }",
        "$states.context.Execution.Id",
        "$count($states.input.items) > 0 and $exists($states.result.Payload)",
        "($x := $states.input.n; $x * 2)",
        "$states.input ~> |items|{'checked': true}|",
        "$map($states.input, function($v, $i) { $v & '-' & $i })",
    ] {
        assert!(parse(text).is_ok(), "{text}");
    }
}

#[test]
fn evaluation_errors_carry_code_and_offset() {
    let env = Environment::new();
    let error = parse("1 + 'a'").unwrap().evaluate(None, &env).unwrap_err();
    assert_eq!((error.code(), error.offset()), ("T2002", Some(2)));
    let error = parse("$undefinedFunction()")
        .unwrap()
        .evaluate(None, &env)
        .unwrap_err();
    assert_eq!(error.code(), "T1006");
    let error = parse("function($x){$x}")
        .unwrap()
        .evaluate(None, &env)
        .unwrap_err();
    assert_eq!(error.code(), "T0500");
}

#[test]
fn undefined_results_are_none() {
    let env = Environment::new();
    assert_eq!(
        parse("missing")
            .unwrap()
            .evaluate(Some(&json!({"a": 1})), &env)
            .unwrap(),
        None
    );
    assert_eq!(
        parse("$doesNotExist")
            .unwrap()
            .evaluate(None, &env)
            .unwrap(),
        None
    );
}

#[test]
fn bindings_and_native_functions() {
    let env = Environment::new()
        .bind("rate", json!(0.25))
        .function("greet", Some("<s-:s>"), |call| {
            let name = call.arg(0).and_then(|v| v.as_str()).unwrap_or("nobody");
            Ok(Some(json!(format!("hello {name}"))))
        })
        .unwrap()
        .function("fail", None, |_| {
            Err(EvaluationError::new("X0001", "no such customer"))
        })
        .unwrap();
    let input = json!({"name": "ada", "price": 8});
    assert_eq!(
        parse("$greet(name)")
            .unwrap()
            .evaluate(Some(&input), &env)
            .unwrap(),
        Some(json!("hello ada"))
    );
    // `-` in the signature: the context is the argument.
    assert_eq!(
        parse("name.$greet()")
            .unwrap()
            .evaluate(Some(&input), &env)
            .unwrap(),
        Some(json!("hello ada"))
    );
    assert_eq!(
        parse("price * $rate")
            .unwrap()
            .evaluate(Some(&input), &env)
            .unwrap(),
        Some(json!(2))
    );
    let error = parse("$greet(1)")
        .unwrap()
        .evaluate(None, &env)
        .unwrap_err();
    assert_eq!(error.code(), "T0410");
    let error = parse("$fail()").unwrap().evaluate(None, &env).unwrap_err();
    assert_eq!(
        (error.code(), error.message()),
        ("X0001", "no such customer")
    );
}

#[test]
fn native_functions_replace_builtins_and_can_be_removed() {
    let mut env = Environment::new()
        .function("uppercase", None, |_| Ok(Some(json!("replaced"))))
        .unwrap();
    assert_eq!(
        parse("$uppercase('a')")
            .unwrap()
            .evaluate(None, &env)
            .unwrap(),
        Some(json!("replaced"))
    );
    env.remove_function("uppercase");
    env.remove_function("lowercase");
    assert_eq!(
        parse("$lowercase('A')")
            .unwrap()
            .evaluate(None, &env)
            .unwrap_err()
            .code(),
        "T1006"
    );
}

#[test]
fn clock_and_randomness_are_injectable() {
    let env = Environment::new()
        .clock(|| 1_510_067_557_121)
        .random(|| 0.75);
    let eval = |text: &str| parse(text).unwrap().evaluate(None, &env).unwrap();
    assert_eq!(eval("$now()"), Some(json!("2017-11-07T15:12:37.121Z")));
    assert_eq!(eval("$millis()"), Some(json!(1_510_067_557_121_i64)));
    assert_eq!(
        eval("$now('[Y]-[M01]-[D01]', '-0500')"),
        Some(json!("2017-11-07"))
    );
    assert_eq!(eval("$random()"), Some(json!(0.75)));
    // The clock is read once per evaluation: every $now() in it agrees.
    assert_eq!(eval("$now() = $now()"), Some(json!(true)));
}

#[test]
fn top_level_arrays_are_the_context() {
    let env = Environment::new();
    let input = json!([{"a": 1}, {"a": 2}]);
    assert_eq!(
        parse("$").unwrap().evaluate(Some(&input), &env).unwrap(),
        Some(input.clone())
    );
    assert_eq!(
        parse("a").unwrap().evaluate(Some(&input), &env).unwrap(),
        Some(json!([1, 2]))
    );
    assert_eq!(
        parse("$[0]").unwrap().evaluate(Some(&input), &env).unwrap(),
        Some(json!({"a": 1}))
    );
}

#[test]
fn infinity_prints_as_null_like_json_stringify() {
    let env = Environment::new();
    assert_eq!(
        parse("1/0").unwrap().evaluate(None, &env).unwrap(),
        Some(json!(null))
    );
}

#[test]
fn expressions_and_environments_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<sfn_jsonata::Expression>();
    assert_send_sync::<Environment>();
    assert_send_sync::<EvaluationError>();
    assert_send_sync::<sfn_jsonata::SyntaxError>();
    let expression = std::sync::Arc::new(parse("$x * 2").unwrap());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let expression = expression.clone();
            std::thread::spawn(move || {
                let env = Environment::new().bind("x", json!(i));
                expression.evaluate(None, &env).unwrap()
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(
        results,
        vec![
            Some(json!(0)),
            Some(json!(2)),
            Some(json!(4)),
            Some(json!(6))
        ]
    );
}

/// Differences found by running the suite's expressions against other inputs through both
/// this engine and jsonata-js 2.0.6; the expected values are jsonata-js's.
#[test]
fn agrees_with_jsonata_js_on_other_inputs() {
    let env = Environment::new();
    let input = json!({"a": 1});
    let eval = |text: &str| parse(text).unwrap().evaluate(Some(&input), &env).unwrap();
    assert_eq!(
        eval("$substring('Hello World', nothing, 5)"),
        Some(json!(""))
    );
    assert_eq!(eval("$map($, $match(?, /^(\\w*\\s\\w*)/)).match"), None);
    assert_eq!(eval("$#$pos[$pos < 3]^($)"), Some(json!({"a": 1})));
}
