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
