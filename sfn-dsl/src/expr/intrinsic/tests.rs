use serde_json::Number;

use super::{Arg, FUNCTIONS, MAX_NESTING, ValueKind, check, function, parse};
use crate::expr::jsonpath;

fn error(text: &str) -> (usize, String) {
    let error = parse(text).unwrap_err();
    (error.offset, error.message)
}

fn problems(text: &str) -> Vec<(usize, String)> {
    check(&parse(text).unwrap())
        .into_iter()
        .map(|error| (error.offset, error.message))
        .collect()
}

#[test]
fn arguments_of_every_kind() {
    let text = "States.Array('a', 1, -2.5, true, false, null, $.x, $$.Execution.Id, $var.y, States.UUID())";
    let call = parse(text).unwrap();
    assert_eq!(call.args.len(), 10);
    assert!(matches!(&call.args[0], Arg::String(s) if s == "a"));
    assert_eq!(call.args[1], Arg::Number(Number::from(1)));
    assert_eq!(call.args[2].to_string(), "-2.5");
    assert_eq!(call.args[3], Arg::Bool(true));
    assert_eq!(call.args[4], Arg::Bool(false));
    assert_eq!(call.args[5], Arg::Null);
    assert_eq!(call.args[6], Arg::Path(jsonpath::parse("$.x").unwrap()));
    assert!(matches!(&call.args[7], Arg::Path(path) if path.root == jsonpath::Root::Context));
    assert!(
        matches!(&call.args[8], Arg::Path(path) if path.root == jsonpath::Root::Variable("var".into()))
    );
    assert!(matches!(&call.args[9], Arg::Call(nested) if nested.name == "States.UUID"));
    assert_eq!(call.arg_spans[1], 18..19);
    assert_eq!(call.span, 0..text.len());
    assert!(check(&call).is_empty());
}

#[test]
fn paths_with_commas_and_parentheses() {
    let call = parse("States.Array($.a[0,1], $.b[?(@.c == ')')], $['x,y'])").unwrap();
    assert_eq!(call.args.len(), 3);
    assert_eq!(call.args[0].to_string(), "$['a'][0,1]");
    assert_eq!(call.args[1].to_string(), "$['b'][?(@['c'] == \")\")]");
    assert_eq!(call.args[2].to_string(), "$['x,y']");
}

#[test]
fn escapes() {
    let call = parse(r"States.Format('\'\{\}\\ {}', 'x')").unwrap();
    let Arg::String(template) = &call.args[0] else {
        panic!()
    };
    assert_eq!(template.as_str(), r"'{}\ {}");
    assert_eq!(template.placeholder_count(), 1);
    assert_eq!(template.template_pieces(), [r"'{}\ ", ""]);
    // Unescaped braces outside placeholders and double quotes need no backslash: AWS ran
    // States.StringToJson('{"constant_in_literal": "false"}').
    let call = parse(r#"States.StringToJson('{"constant_in_literal": "false"}')"#).unwrap();
    assert!(matches!(&call.args[0], Arg::String(s) if s == r#"{"constant_in_literal": "false"}"#));
    // A raw newline is an ordinary character (recorded: StringSplit('Hello\nWorld', '\n')).
    assert!(parse("States.StringSplit('Hello\nWorld', '\n')").is_ok());
}

#[test]
fn illegal_escapes_are_syntax_errors() {
    // Recorded: AWS rejected both of these at creation.
    let first =
        parse(r#"States.StringToJson('{"text":"An \"escaped double quote\" here"}')"#).unwrap_err();
    assert_eq!(first.offset, 33);
    assert_eq!(
        first.message,
        r#"invalid escape `\"` in a string; only \', \{, \} and \\ are allowed"#
    );
    assert_eq!(
        first.hint.as_deref(),
        Some("a double quote needs no backslash here")
    );
    let (offset, _) = error(r#"States.Format('He said, \"Hello, {}!\"', 'Test \"Name\" Here')"#);
    assert_eq!(offset, 24);
    assert_eq!(error(r"States.Format('a\nb')").0, 16);
    assert_eq!(
        error(r"States.Format('a\"),
        (14, "the string opened here is never closed with `'`".into())
    );
}

#[test]
fn syntax_errors() {
    assert_eq!(error(""), (0, "expected an intrinsic function name such as `States.Format`, found the end of the text".into()));
    assert_eq!(
        error(" States.UUID()"),
        (
            0,
            "an intrinsic function call cannot start with whitespace".into()
        )
    );
    assert_eq!(
        error("States.UUID() "),
        (13, "unexpected ` ` after the closing parenthesis".into())
    );
    assert_eq!(
        error("States.UUID"),
        (
            11,
            "expected `(` after the function name `States.UUID`, found the end of the text".into()
        )
    );
    assert_eq!(
        error("States.Array(1,)"),
        (15, "expected an argument after `,`".into())
    );
    assert_eq!(
        error("States.Array(1 2)"),
        (15, "expected `,` or `)`, found `2`".into())
    );
    assert_eq!(
        error("States.Array(1"),
        (14, "expected `,` or `)`, found the end of the text".into())
    );
    assert_eq!(
        error("States.Array(\"a\")"),
        (
            13,
            "strings in intrinsic functions use single quotes".into()
        )
    );
    assert_eq!(
        error("States.Array(yes)"),
        (13, "`yes` is not a valid argument".into())
    );
    assert_eq!(
        error("States.Array(1x)"),
        (13, "`1x` is not a valid number".into())
    );
    assert_eq!(
        error("States.Array($.a b)"),
        (17, "expected `,` or `)`, found `b`".into())
    );
    assert_eq!(
        error("States.Array($.a[)"),
        (
            17,
            "expected a quoted name, an index, a slice, `*` or a filter `?(…)`, found `)`".into()
        )
    );
    let deep = format!("{}1{}", "States.Array(".repeat(100), ")".repeat(100));
    assert_eq!(
        error(&deep).1,
        "intrinsic functions nest more than 64 levels deep"
    );
}

#[test]
fn catalogue() {
    assert_eq!(FUNCTIONS.len(), 18);
    let strings: Vec<&str> = FUNCTIONS
        .iter()
        .filter(|f| f.returns_string)
        .map(|f| f.name)
        .collect();
    assert_eq!(
        strings,
        [
            "States.Format",
            "States.JsonToString",
            "States.ArrayGetItem",
            "States.Base64Encode",
            "States.Base64Decode",
            "States.Hash",
            "States.UUID"
        ]
    );
    assert_eq!(
        function("States.Format").unwrap().arity(),
        "at least 1 argument"
    );
    assert_eq!(
        function("States.MathRandom").unwrap().arity(),
        "2 or 3 arguments"
    );
    assert_eq!(function("States.UUID").unwrap().arity(), "0 arguments");
    assert_eq!(
        function("States.ArrayRange").unwrap().param(2),
        Some(ValueKind::Integer)
    );
    assert_eq!(
        function("States.Array").unwrap().param(7),
        Some(ValueKind::Any)
    );
    assert_eq!(function("States.Hash").unwrap().param(2), None);
    assert!(function("States.format").is_none());
}

#[test]
fn unknown_names() {
    let hint = |text: &str| check(&parse(text).unwrap())[0].hint.clone();
    assert_eq!(
        hint("Format('x')").as_deref(),
        Some("did you mean `States.Format`?")
    );
    assert_eq!(
        hint("States.format('x')").as_deref(),
        Some("did you mean `States.Format`?")
    );
    assert_eq!(
        hint("States.StringSplitt('a', 'b')").as_deref(),
        Some("did you mean `States.StringSplit`?")
    );
    assert_eq!(
        hint("States.Nothing()").as_deref(),
        Some("see the list of intrinsic functions in the AWS Step Functions documentation")
    );
    assert_eq!(
        problems("States.Array(Nope.Call())"),
        [(13, "unknown intrinsic function `Nope.Call`".into())]
    );
}

#[test]
fn arity_and_kinds() {
    assert_eq!(
        problems("States.UUID(1)"),
        [(12, "`States.UUID` takes 0 arguments, found 1".into())]
    );
    assert_eq!(
        problems("States.ArrayRange(1, 2)"),
        [(22, "`States.ArrayRange` takes 3 arguments, found 2".into())]
    );
    assert_eq!(
        problems("States.MathRandom(1, 2, 3, 4)"),
        [(
            27,
            "`States.MathRandom` takes 2 or 3 arguments, found 4".into()
        )]
    );
    assert_eq!(
        problems("States.Format()"),
        [(
            14,
            "`States.Format` takes at least 1 argument, found 0".into()
        )]
    );
    assert_eq!(
        problems("States.ArrayLength('abc')"),
        [(
            19,
            "argument 1 of `States.ArrayLength` must be an array, found a string".into()
        )]
    );
    assert_eq!(
        problems("States.StringSplit(null, ',')"),
        [(
            19,
            "argument 1 of `States.StringSplit` must be a string, found null".into()
        )]
    );
    assert_eq!(
        problems("States.ArrayGetItem($.a, 1.5)"),
        [(
            25,
            "argument 2 of `States.ArrayGetItem` must be an integer, found a number".into()
        )]
    );
    assert_eq!(
        problems("States.MathAdd(States.UUID(), 1)"),
        [(
            15,
            "argument 1 of `States.MathAdd` must be a number, found a string".into()
        )]
    );
    assert!(problems("States.MathAdd(1.5, States.ArrayLength($.a))").is_empty());
    assert!(problems("States.JsonMerge($.a, States.StringToJson($.b), false)").is_empty());
}

#[test]
fn literal_values() {
    assert_eq!(
        problems("States.Format('{} {}', 1)"),
        [(
            14,
            "the template has 2 placeholders `{}` but 1 value follows".into()
        )]
    );
    assert_eq!(
        problems("States.Format('x', 1, 2)"),
        [(
            14,
            "the template has 0 placeholders `{}` but 2 values follow".into()
        )]
    );
    assert_eq!(
        problems("States.Format('{}')"),
        [(
            14,
            "the template has 1 placeholder `{}` but 0 values follow".into()
        )]
    );
    assert!(problems(r"States.Format('\{\} {}', 1)").is_empty());
    assert!(problems("States.Format($.template, 1, 2)").is_empty());
    let hash = check(&parse("States.Hash($.a, 'SHA256')").unwrap());
    assert_eq!(
        (hash[0].offset, hash[0].message.as_str()),
        (17, "unknown hash algorithm 'SHA256'")
    );
    assert_eq!(hash[0].hint.as_deref(), Some("did you mean 'SHA-256'?"));
    assert_eq!(
        problems("States.ArrayRange(1, 5, 0)"),
        [(24, "the step of `States.ArrayRange` cannot be 0".into())]
    );
    assert_eq!(
        problems("States.ArrayRange(0, 1000, 1)"),
        [(
            0,
            "`States.ArrayRange` would produce 1001 elements; AWS allows at most 1000".into()
        )]
    );
    assert!(problems("States.ArrayRange(0, 999, 1)").is_empty());
    assert!(problems("States.ArrayRange(10, 0, 1)").is_empty());
    assert!(problems("States.ArrayRange(1000, 1, -1)").is_empty());
    assert_eq!(
        problems("States.ArrayPartition($.a, 0)"),
        [(27, "the chunk size must be positive, found 0".into())]
    );
    let long = format!("States.Base64Encode('{}')", "a".repeat(10_001));
    assert_eq!(
        problems(&long),
        [(
            20,
            "`States.Base64Encode` accepts at most 10000 characters, found 10001".into()
        )]
    );
}

#[test]
fn json_merge_accepts_only_the_shallow_mode() {
    let deep = check(&parse("States.JsonMerge($.a, $.b, true)").unwrap());
    assert_eq!(
        (deep[0].offset, deep[0].message.as_str()),
        (
            27,
            "the third argument of `States.JsonMerge` must be `false`: Step Functions supports only the shallow merge"
        )
    );
    assert_eq!(
        deep[0].hint.as_deref(),
        Some(
            "write `false`: the second object's members replace the first's whole, nested objects included"
        )
    );
    assert!(problems("States.JsonMerge($.a, $.b, false)").is_empty());
    // A flag read from a path is known only at run time, where the executor refuses `true`.
    assert!(problems("States.JsonMerge($.a, $.b, $.deep)").is_empty());
}

#[test]
fn nesting_limit() {
    let nest = |levels: usize| format!("{}1{}", "States.Array(".repeat(levels), ")".repeat(levels));
    assert!(problems(&nest(MAX_NESTING)).is_empty());
    assert_eq!(
        problems(&nest(MAX_NESTING + 1)),
        [(
            0,
            "intrinsic functions nest 11 levels deep; AWS allows at most 10".into()
        )]
    );
    let recorded = "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))";
    let call = parse(recorded).unwrap();
    assert_eq!(call.depth(), 4);
    assert!(check(&call).is_empty());
}

mod never_panics {
    use proptest::prelude::*;

    use super::{check, parse};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn on_any_text(text in "\\PC{0,40}") {
            if let Ok(call) = parse(&text) {
                let _ = check(&call);
            }
        }

        #[test]
        fn on_call_like_text(text in "States\\.[A-Za-z]{0,12}\\([$a-zA-Z.'\\\\{}(),0-9 \\[\\]-]{0,40}") {
            if let Ok(call) = parse(&text) {
                let _ = check(&call);
                let _ = call.to_string();
            }
        }
    }
}
