//! Regular expressions as jsonata-js runs them: JavaScript regexes without the `u` flag. Each
//! expected value is jsonata-js 2.0.5's on Node 20 (an invalid pattern there is a JavaScript
//! `SyntaxError` without a code; here it is `S0303` with V8's reason).

#![allow(clippy::unwrap_used, reason = "test code")]

use serde_json::{Value, json};
use sfn_jsonata::{Environment, parse};

fn eval(text: &str) -> Option<Value> {
    parse(text)
        .unwrap()
        .evaluate(None, &Environment::new())
        .unwrap()
}

fn syntax_error(text: &str) -> (String, String) {
    let error = parse(text).unwrap_err();
    (error.code.to_string(), error.message)
}

/// `.` stops at, and multi-line `^`/`$` hold at, each of `\n`, `\r`, U+2028 and U+2029.
#[test]
fn line_terminators_are_javascripts() {
    assert_eq!(
        eval(r#"$match("id\r\nname\r\n", /^\w+$/m).match"#),
        Some(json!(["id", "name"]))
    );
    assert_eq!(eval(r#"$contains("a\rb", /a.b/)"#), Some(json!(false)));
    assert_eq!(eval(r#"$contains("a\u2028b", /a.b/)"#), Some(json!(false)));
    assert_eq!(eval(r#"$contains("a\u2029b", /a.b/)"#), Some(json!(false)));
    assert_eq!(
        eval(r#"$replace("x\r\ny", /x$/m, "X")"#),
        Some(json!("X\r\ny"))
    );
    assert_eq!(eval(r#"$replace("x\ry", /^y/m, "Y")"#), Some(json!("x\rY")));
    assert_eq!(
        eval(r#"$replace("x\u2029y\u2029", /y$/m, "Y")"#),
        Some(json!("x\u{2029}Y\u{2029}"))
    );
    // Each terminator ends a line of its own: `^$` holds between `\r` and `\n`.
    assert_eq!(
        eval(r#"$match("a\r\n\r\nb", /\r^$\n/m).index"#),
        Some(json!([1, 3]))
    );
    assert_eq!(
        eval(r#"$split("a\r\nb", /\r$/m)"#),
        Some(json!(["a", "\nb"]))
    );
}

/// `\w`, `\d` and `\b` are ASCII; `\s` is JavaScript's white space; `i` folds by the simple
/// uppercase mapping and never folds a non-ASCII letter to an ASCII one.
#[test]
fn classes_and_case_folding_are_javascripts() {
    assert_eq!(
        eval(r#"$match("naïve", /\b\w+\b/).match"#),
        Some(json!(["na", "ve"]))
    );
    assert_eq!(eval(r#"$replace("é", /\b/, "|")"#), Some(json!("é")));
    assert_eq!(eval(r#"$split("é-a", /[\W]/)"#), Some(json!(["", "", "a"])));
    assert_eq!(
        eval(r#"$split("a٣b", /[\D]/)"#),
        Some(json!(["", "", "", ""]))
    );
    assert_eq!(eval(r#"$contains("\uFEFF", /\s/)"#), Some(json!(true)));
    assert_eq!(eval(r#"$contains("\u0085", /\s/)"#), Some(json!(false)));
    assert_eq!(eval(r#"$contains("ſ", /s/i)"#), Some(json!(false)));
    assert_eq!(eval(r#"$contains("ſ", /[a-z]/i)"#), Some(json!(false)));
    assert_eq!(eval(r#"$contains("k", /\u212a/i)"#), Some(json!(false)));
    assert_eq!(eval(r#"$contains("ẞ", /ß/i)"#), Some(json!(false)));
    assert_eq!(eval(r#"$contains("ǅ", /ǆ/i)"#), Some(json!(true)));
    assert_eq!(eval(r#"$contains("σ", /ς/i)"#), Some(json!(true)));
    assert_eq!(eval(r#"$contains("K", /[^k]/i)"#), Some(json!(false)));
}

/// Other engines' syntax is refused as JavaScript refuses it.
#[test]
fn syntax_javascript_refuses_is_refused() {
    for (text, reason) in [
        ("/(?i)b/", "Invalid group"),
        ("/(?x)b/", "Invalid group"),
        ("/(?P<x>b)/", "Invalid group"),
        ("/a**/", "Nothing to repeat"),
        ("/a{2,1}/", "numbers out of order in {} quantifier"),
        ("/[a--b]/", "Range out of order in character class"),
        ("/(?<a>x)(?<a>y)/", "Duplicate capture group name"),
        ("/a/ii", "invalid flags"),
    ] {
        let (code, message) = syntax_error(text);
        assert_eq!(code, "S0303", "{text}");
        assert!(
            message.ends_with(&format!(": {reason}")),
            "{text}: {message}"
        );
    }
}

/// Without the `u` flag, JavaScript reads an escape it does not know as the character, and a
/// brace that starts no quantifier as a brace.
#[test]
fn syntax_other_engines_know_means_what_it_means_in_javascript() {
    for (text, expected) in [
        (r#"$contains("a", /\p{L}/)"#, false),
        (r#"$contains("p{L}", /\p{L}/)"#, true),
        (r#"$contains("pL", /\pL/)"#, true),
        (r#"$contains("a\u0008b", /a[\b]b/)"#, true),
        (r#"$contains("a{,2}", /a{,2}/)"#, true),
        (r#"$contains("aa", /a{,2}/)"#, false),
        (r#"$contains("Ab", /\Ab/)"#, true),
        (r#"$contains("bz", /b\z/)"#, true),
        (r#"$contains("Qb", /\Qb/)"#, true),
        (r#"$contains(":", /[[:alpha:]]/)"#, false),
        (r#"$contains("x{41}", /\x{41}/)"#, false),
        (r#"$contains("\u0001", /\1/)"#, true),
        (r#"$contains("\u0001", /\01/)"#, true),
        (r#"$contains("8", /\8/)"#, true),
        (r#"$contains("\\c1", /\c1/)"#, true),
        (r#"$contains("\u0011", /[\c1]/)"#, true),
        (r#"$contains("u{61}", /\u{61}/)"#, false),
        (r#"$contains("u12", /\u12/)"#, true),
        (r#"$contains("k<x>", /\k<x>/)"#, true),
        (r#"$contains("-", /[\w-z]/)"#, true),
        (r#"$contains("b", /(?<name>b)/)"#, true),
    ] {
        assert_eq!(eval(text), Some(json!(expected)), "{text}");
    }
}

/// A group that did not take part is `undefined` in `groups`: JSON `null`, not there when
/// read on its own, nothing in a `$replace` template.
#[test]
fn groups_that_did_not_take_part_are_undefined() {
    assert_eq!(
        eval(r#"$match("abc", /(x)?(b)/)"#),
        Some(json!({"match": "b", "index": 1, "groups": [null, "b"]}))
    );
    assert_eq!(
        eval(r#"$exists($match("abc", /(x)?b/).groups[0])"#),
        Some(json!(false))
    );
    assert_eq!(
        eval(r#"$match("abc", /(x)?b/).groups[0] = null"#),
        Some(json!(false))
    );
    assert_eq!(
        eval(r#"$count($match("abc", /(x)?b/).groups)"#),
        Some(json!(1))
    );
    assert_eq!(
        eval(r#"$string($match("abc", /(x)?b/).groups)"#),
        Some(json!("[null]"))
    );
    assert_eq!(eval(r#"$type($match("abc", /(x)?b/).groups[0])"#), None);
    assert_eq!(
        eval(r#"$match("abc", /(x)?b/).groups[0] & "!""#),
        Some(json!("!"))
    );
    assert_eq!(
        eval(r#"$map($match("abc", /(x)?(b)/).groups, $string)"#),
        Some(json!("b"))
    );
    assert_eq!(
        eval(r#"$append($match("abc", /(x)?b/).groups, 1)"#),
        Some(json!([null, 1]))
    );
    assert_eq!(eval(r#"/(x)?b/("abc").groups"#), Some(json!([null])));
    assert_eq!(
        eval(r#"$replace("abc", /(x)?b/, "[$1]")"#),
        Some(json!("a[]c"))
    );
    assert_eq!(
        eval(r#"$replace("abc", /(x)?b/, function($m){$string($m.groups)})"#),
        Some(json!("a[null]c"))
    );
}

/// An `undefined` group joins a group of `{...}` as nothing: jsonata-js builds each group
/// with `$append`, which drops it. Expected values are jsonata-js 2.0.5's.
#[test]
fn undefined_groups_join_no_group() {
    for (text, expected) in [
        (
            r#"$match("b", /(x)?(b)/).groups{"k": $count($)}"#,
            json!({"k": 1}),
        ),
        (
            r#"$match("b", /(x)?(b)/).groups{"k": $}"#,
            json!({"k": "b"}),
        ),
        (
            r#"$match("b", /(x)?(b)/).groups{"k": $type($)}"#,
            json!({"k": "string"}),
        ),
        (
            r#"$match("b", /(x)?(b)(y)?/).groups{"k": $}"#,
            json!({"k": "b"}),
        ),
        (
            r#"$match("b", /(x)?(y)?b/).groups{"k": $count($)}"#,
            json!({"k": 0}),
        ),
        (
            r#"$match("b", /(x)?(b)/).groups@$v{"k": $v}"#,
            json!({"k": "b"}),
        ),
        (
            r#"$match("b", /(x)?(b)/).groups@$v{"k": $count($v)}"#,
            json!({"k": 1}),
        ),
        // A binding with no value left still hides the outer `$v`.
        (
            r#"($v := 5; $match("b", /(x)?(y)?b/).groups@$v{"k": $v})"#,
            json!({}),
        ),
    ] {
        assert_eq!(eval(text), Some(expected), "{text}");
    }
}

/// An `undefined` group handed to a function is an undefined argument, whatever calls it:
/// a partial application, a path step (as its context), a chain, a native function.
/// Expected values are jsonata-js 2.0.5's.
#[test]
fn undefined_groups_are_undefined_arguments() {
    for (text, expected) in [
        (
            r#"$map($match("b", /(x)?(b)/).groups, $exists(?))"#,
            json!([false, true]),
        ),
        (
            r#"$map($match("b", /(x)?(b)/).groups, $count(?))"#,
            json!([0, 1]),
        ),
        (
            r#"$map($match("b", /(x)?(b)/).groups, $append(?, 1))"#,
            json!([1, ["b", 1]]),
        ),
        (
            r#"$map($match("b", /(x)?(b)/).groups, $not(?))"#,
            json!(false),
        ),
        (
            r#"$filter($match("b", /(x)?(b)/).groups, $exists(?))"#,
            json!("b"),
        ),
        (
            r#"$reduce($match("b", /(x)?(b)/).groups, $append(?, ?), [])"#,
            json!(["b"]),
        ),
        (r#"$match("b", /(x)?(b)/).groups.$string()"#, json!("b")),
        (
            r#"$match("b", /(x)?(b)/).groups.$exists($)"#,
            json!([false, true]),
        ),
        (
            r#"$map($match("b", /(x)?(b)/).groups, $exists ~> $not)"#,
            json!([true, false]),
        ),
        (
            r#"$map($match("b", /(x)?(b)/).groups, function($v){[$v]})"#,
            json!([[], ["b"]]),
        ),
        (
            r#"$sort($match("b", /(x)?(b)/).groups, function($a, $b){$exists($a)})"#,
            json!([null, "b"]),
        ),
    ] {
        assert_eq!(eval(text), Some(expected), "{text}");
    }
    // A native function is called with no value, not with `null`.
    let env = Environment::new()
        .function("given", None, |call| Ok(Some(json!(call.arg(0).is_some()))))
        .unwrap();
    let result = parse(r#"$map($match("b", /(x)?(b)/).groups, $given)"#)
        .unwrap()
        .evaluate(None, &env)
        .unwrap();
    assert_eq!(result, Some(json!([false, true])));
}

/// In `m` mode a class that can match a line terminator leaves as much room for repetition
/// as it does without `m` (jsonata-js 2.0.5 runs both, and finds no `x`).
#[test]
fn multi_line_classes_repeat_as_far_as_others() {
    for text in [
        r#"$contains("ab", /[\s\S]{1700}x/m)"#,
        r#"$contains("ab", /[\s\S]{1700}x/)"#,
        r#"$contains("ab", /.{1500}x/)"#,
        r#"$contains("ab", /.{1700}x/m)"#,
        r#"$contains("ab", /[^a]{1600}x/im)"#,
    ] {
        assert_eq!(eval(text), Some(json!(false)), "{text}");
    }
    // The terminators a class holds still match as themselves.
    assert_eq!(
        eval(r#"$match("a\r\nb\u2028c\u2029d", /[^a]+/m).match"#),
        Some(json!("\r\nb\u{2028}c\u{2029}d"))
    );
    assert_eq!(
        eval(r#"$match("x\u2027\u202Ay\rz", /[^\r\n\u2028\u2029]+/m).match"#),
        Some(json!(["x\u{2027}\u{202A}y", "z"]))
    );
}
