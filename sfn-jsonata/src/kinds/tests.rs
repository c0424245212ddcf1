//! The analysis is checked against the evaluator: what it says an expression yields must
//! include what evaluation yields, and an operator it reports must fail evaluation with the
//! code it names.

use serde_json::{Value, json};

use super::Kinds;
use crate::{Environment, parse, step_functions};

fn environment() -> Environment {
    let mut env = Environment::new().bind(
        "states",
        json!({"input": {"n": 4, "text": "abc", "flag": true, "items": [1, 2]}}),
    );
    step_functions::install(&mut env, step_functions::Options::default());
    env
}

fn kind_of(value: &Value) -> Kinds {
    match value {
        Value::Number(_) => Kinds::NUMBER,
        Value::String(_) => Kinds::STRING,
        Value::Bool(_) => Kinds::BOOLEAN,
        Value::Null => Kinds::NULL,
        Value::Array(_) => Kinds::ARRAY,
        Value::Object(_) => Kinds::OBJECT,
    }
}

/// Expressions whose kinds the analysis narrows down, each evaluated to check the claim.
const NARROWED: &[&str] = &[
    "1",
    "[1, 2]",
    "[]",
    "[[1]]",
    "[$states.input.missing]",
    "[1..3]",
    "($x := [1]; [$x])",
    "'a'",
    "true",
    "null",
    "{'a': 1}",
    "function($x) { $x }",
    "-5",
    "- $states.input.n",
    "- $states.input.missing",
    "1 + 2",
    "$states.input.n * 2",
    "$states.input.missing + 1",
    "7 % 3",
    "1 = 'a'",
    "1 < 2",
    "'a' < 'b'",
    "$states.input.missing < 1",
    "true and false",
    "1 in [1, 2]",
    "'a' & 1",
    "'a' & $states.input.missing",
    "$states.input.flag ? 1 : 'x'",
    "$states.input.flag ? 1",
    "false ? 1",
    "(1; 'a')",
    "()",
    "$x := 5",
    "$string(1)",
    "$string($states.input.missing)",
    "$substring('abc', 1)",
    "$substringBefore('a-b', '-')",
    "$substringAfter('a-b', '-')",
    "$uppercase('a')",
    "$lowercase($states.input.missing)",
    "$trim(' a ')",
    "$pad('a', 3)",
    "$join(['a', 'b'])",
    "$join($states.input.missing)",
    "$replace('abc', 'b', 'x')",
    "$base64encode('a')",
    "$base64decode('YQ==')",
    "$encodeUrlComponent('a b')",
    "$encodeUrl('a b')",
    "$decodeUrlComponent('a%20b')",
    "$decodeUrl('a%20b')",
    "$formatNumber(1.5, '#0.0')",
    "$formatBase(10, 2)",
    "$formatInteger(12, 'w')",
    "$fromMillis(0)",
    "$type(1)",
    "$type($states.input.missing)",
    "$now()",
    "$hash('a', 'SHA-256')",
    "$uuid()",
    "$length('abc')",
    "$length($states.input.missing)",
    "$number('5')",
    "$abs(-1)",
    "$floor(1.5)",
    "$ceil(1.5)",
    "$round(1.5)",
    "$power(2, 3)",
    "$sqrt(4)",
    "$sum([1, 2])",
    "$sum([])",
    "$max([1, 2])",
    "$min([])",
    "$average([1, 2])",
    "$toMillis('1970-01-01T00:00:00Z')",
    "$parseInteger('12', '#0')",
    "$count([1, 2])",
    "$count($states.input.missing)",
    "$millis()",
    "$random()",
    "$boolean(0)",
    "$boolean($states.input.missing)",
    "$not(true)",
    "$contains('abc', 'b')",
    "$exists($states.input.missing)",
    "$split('a,b', ',')",
    "$split('a', ',')",
    "$merge([{'a': 1}, {'b': 2}])",
    "$merge([])",
    // A function inside the result (found by the fuzzer as `**[$]?[$uuid]`): the result is
    // an array or object, and evaluation fails with `T0500` naming where the function is.
    "[$sum]",
    "{'f': [1, $sum]}",
    "true ? [$sum]",
];

#[test]
fn what_evaluation_yields_is_among_the_kinds_found() {
    let env = environment();
    for text in NARROWED {
        let expression = parse(text).expect("parses");
        let kinds = expression.result_kinds();
        assert_ne!(kinds, Kinds::ANY, "`{text}` was not narrowed down");
        let actual = match expression.evaluate(None, &env) {
            Ok(Some(value)) => kind_of(&value),
            Ok(None) => Kinds::UNDEFINED,
            Err(error) if error.code() == "T0500" && error.message().contains(" at /") => {
                assert!(
                    kinds.intersects(Kinds::ARRAY | Kinds::OBJECT),
                    "`{text}` holds a function inside a result that is not among {kinds}"
                );
                continue;
            }
            Err(error) if error.code() == "T0500" => Kinds::FUNCTION,
            Err(error) => panic!("`{text}` fails: {error}"),
        };
        assert!(
            kinds.contains(actual),
            "`{text}` yields {actual}, not among {kinds}"
        );
    }
}

#[test]
fn data_and_functions_the_expression_defines_are_not_narrowed_down() {
    for text in [
        "$states.input.n",
        "$x",
        "($x := 'a'; $x)",
        "$states.input.[1, 2]",
        "$states.input.items[0]",
        "($string := function($x) { 5 }; $string(1))",
        "(function($length) { $length('abc') })(function($v) { 'x' })",
        "$map([1], $string)",
        "$states.input ~> $keys()",
        "$parse('1')",
        "$lookup({'a': 1}, 'a')",
    ] {
        let kinds = parse(text).expect("parses").result_kinds();
        assert!(
            kinds.contains(Kinds::NUMBER | Kinds::STRING | Kinds::OBJECT),
            "`{text}` narrowed to {kinds}"
        );
    }
}

#[test]
fn reported_operators_and_calls_fail_with_the_code_named() {
    let env = environment();
    for (text, code) in [
        ("'a' + 1", "T2001"),
        ("1 + 'a'", "T2002"),
        ("true * 2", "T2001"),
        ("null - 1", "T2001"),
        ("{'a': 1} / 2", "T2001"),
        ("$states.input.n % 'x'", "T2002"),
        ("1 < 'a'", "T2009"),
        ("'b' >= 2", "T2009"),
        ("$count($states.input.items) > '3'", "T2009"),
        ("true < 1", "T2010"),
        ("1 > null", "T2010"),
        ("{} <= 1", "T2010"),
        ("-'a'", "D1002"),
        ("['a'..3]", "T2003"),
        ("[1..'b']", "T2004"),
        ("$exists($states.input.n) + 1", "T2001"),
        // Calls of built-ins whose signature refuses the arguments.
        ("$substring($states.input.text, '1')", "T0410"),
        ("$substring('abc', 1, 'x')", "T0410"),
        ("$uppercase('a', 'b')", "T0410"),
        ("$uppercase(5)", "T0410"),
        ("$number({})", "T0410"),
        ("$string(1, 'x')", "T0410"),
        ("$keys(1, 2)", "T0410"),
        ("$join()", "T0410"),
        ("$exists()", "T0410"),
        ("$join('a', 1)", "T0410"),
        ("$map([1], 'f')", "T0410"),
        ("$states.input.items.$substring(1, 'x')", "T0410"),
        ("'abc' ~> $substring('1')", "T0410"),
        ("$sum('a')", "T0412"),
        ("$sum(true)", "T0412"),
        ("$join(1, ',')", "T0412"),
        ("$sum(['1'])", "T0412"),
        ("$join([1, 2, 3], ', ')", "T0412"),
        ("$average(['1', '2', 3])", "T0412"),
        ("[{}, 1] ~> $max()", "T0412"),
        // Step Functions' functions, against their Step Functions signatures.
        ("$hash('abc')", "T0410"),
        ("$range(1, 10)", "T0410"),
        ("$partition([1, 2], 'two')", "T0410"),
        ("$random('seed')", "T0410"),
        ("$uuid(1)", "T0410"),
        ("$merge([{}], 1) ", "T0410"),
        ("$number([])", "T0410"),
        ("$length(['str'])", "T0410"),
        ("$uppercase($states.input.items, [1])", "T0410"),
    ] {
        let expression = parse(text).expect("parses");
        let errors = expression.type_mismatches();
        assert_eq!(
            errors.iter().map(|error| error.code).collect::<Vec<_>>(),
            [code],
            "`{text}`"
        );
        let failure = expression
            .evaluate(None, &env)
            .expect_err("the operator fails");
        assert_eq!(failure.code(), code, "`{text}`: {failure}");
    }
}

#[test]
fn operators_and_calls_that_can_succeed_are_not_reported() {
    for text in [
        "$states.input.n + 1",
        "$x * 2",
        "[1] + 1",
        "[1..3] + 1",
        "[1..$states.input.missing]",
        "$uppercase($states.input.missing) * 2",
        "$states.input.text < 'b'",
        "1 = 'a'",
        "'a' & true",
        "true and 'a'",
        "$count($states.input.items) > $states.input.n",
        "- $states.input.n",
        // Calls; in the first three the context value takes the first parameter (it may
        // be a string).
        "$substring(1, 2)",
        "$uppercase()",
        "$states.input.text ~> $substring(1)",
        "$substring($states.input.text, 1)",
        "$sum($states.input.items)",
        "$sum([1, 2])",
        "$sum(1)",
        "$join(['a'], ',')",
        "$map([1], $string)",
        "$map([1], function($v) { $v })",
        "$contains('abc', /b/)",
        "$string($states.input.n, true)",
        "$exists($states.input.missing)",
        // Items that may be of the right type, be left out (undefined) or be flattened in.
        "$sum([1, $states.input.n])",
        "$sum([$states.input.missing, 2])",
        "$join([$states.input.names, 'b'])",
        "$sum([1..3])",
        // Step Functions' `$random` takes a seed, JSONata's does not.
        "$random(7)",
        "$random()",
        "$hash($states.input.text, 'MD5')",
        "$range(0, $states.input.n, 1)",
        // Not checked: partial application and a name the expression binds.
        "$substring(?, 'x')",
        "($substring := function($a, $b) { $a }; $substring(1, 'x'))",
    ] {
        let errors = parse(text).expect("parses").type_mismatches();
        assert!(errors.is_empty(), "`{text}`: {errors:?}");
    }
}

#[test]
fn a_refused_call_names_the_argument_and_the_signature() {
    let cases = [
        (
            "$join(1, ',')",
            0,
            "argument 1 of `$join` is a number, which its signature `<a<s>s?:s>` does not accept there",
        ),
        (
            "$join()",
            0,
            "`$join` is called with no arguments, too few for its signature `<a<s>s?:s>`",
        ),
        (
            "'abc' ~> $substring('1')",
            9,
            "argument 2 of `$substring` is a string, which its signature `<s-nn?:s>` does not accept there",
        ),
        (
            "$sum([1, 'two'])",
            0,
            "argument 1 of `$sum` holds an item of a type its signature `<a<n>:n>` does not accept there",
        ),
        (
            "$uppercase('a', $states.input.text)",
            0,
            "`$uppercase` is called with more arguments than its signature `<s-:s>` accepts",
        ),
        (
            "$substring($states.input.text, '1')",
            0,
            "argument 2 of `$substring` is a string, which its signature `<s-nn?:s>` does not accept there",
        ),
        (
            "1 ~> $uppercase()",
            5,
            "the value `~>` passes to `$uppercase` as argument 1 is a number, which its signature `<s-:s>` does not accept",
        ),
    ];
    for (text, offset, message) in cases {
        let errors = parse(text).expect("parses").type_mismatches();
        let [error] = errors.as_slice() else {
            panic!("`{text}`: one error expected: {errors:?}")
        };
        assert_eq!(
            (error.offset, error.message.as_str()),
            (offset, message),
            "`{text}`"
        );
    }
}

#[test]
fn call_checks_stop_at_their_budget() {
    // Four arguments of any kind: 4^4 combinations of the kinds `$fromMillis` tells apart
    // (numbers, strings, undefined, the rest), all refused (it takes three at most). The
    // budget of 1,024 covers four such calls; the rest go unchecked.
    let text = ["$fromMillis($a, $b, $c, $d)"; 10].join(" & ");
    let errors = parse(&text).expect("parses").type_mismatches();
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(errors.iter().all(|error| error.code == "T0410"));
}

#[test]
fn an_operator_that_always_fails_is_reported_where_it_may_not_run() {
    // A mistake wherever it is, though evaluation fails only if the branch is taken.
    let expression = parse("$states.input.missing ? 'a' + 1 : 2").expect("parses");
    assert_eq!(expression.type_mismatches().len(), 1);
}

#[test]
fn offsets_point_at_the_operator() {
    let errors = parse("($a := 1; 'x' + $a)")
        .expect("parses")
        .type_mismatches();
    let [error] = errors.as_slice() else {
        panic!("one error expected: {errors:?}")
    };
    assert_eq!(error.offset, 14);
    assert_eq!(
        error.message,
        "the left side of `+` is a string, which is not a number"
    );
}

#[test]
fn kinds_read_as_words() {
    assert_eq!(Kinds::ANY.to_string(), "any value");
    assert_eq!(Kinds::NONE.to_string(), "no value");
    assert_eq!(
        (Kinds::NUMBER | Kinds::STRING | Kinds::NULL).to_string(),
        "a number, a string or null"
    );
}
