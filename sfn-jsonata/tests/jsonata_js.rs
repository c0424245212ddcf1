//! Behaviour the conformance suite does not pin down, checked against jsonata-js 2.0.6 on
//! Node 20 (the version AWS Step Functions runs); each expected value is the reference's.

#![allow(clippy::unwrap_used, reason = "test code")]

use serde_json::{Value, json};
use sfn_jsonata::{Environment, parse};

fn eval_with(text: &str, input: &Value) -> Option<Value> {
    parse(text)
        .unwrap()
        .evaluate(Some(input), &Environment::new())
        .unwrap()
}

fn eval(text: &str) -> Option<Value> {
    eval_with(text, &json!({}))
}

fn error_code(text: &str) -> String {
    parse(text)
        .unwrap()
        .evaluate(None, &Environment::new())
        .unwrap_err()
        .code()
        .to_string()
}

/// `Date.parse` rolls days 29 to 31 past the end of a month over into the next month.
#[test]
fn to_millis_rolls_days_past_the_month_end_over() {
    assert_eq!(
        eval("$toMillis('2024-06-31')"),
        Some(json!(1_719_792_000_000_i64))
    );
    assert_eq!(
        eval("$toMillis('2023-02-30')"),
        Some(json!(1_677_715_200_000_i64))
    );
    assert_eq!(
        eval("$toMillis('2023-02-29T10:00:00Z') + 0"),
        Some(json!(1_677_664_800_000_i64))
    );
    assert_eq!(
        eval("$string($toMillis('2023-02-30'))"),
        Some(json!("1677715200000"))
    );
    // `T24:00:00` is midnight at the end of the day.
    assert_eq!(
        eval("$toMillis('2024-01-01T24:00:00Z')"),
        Some(json!(1_704_153_600_000_i64))
    );
}

/// JSONata's ISO check refuses a minute or second of 60 or more.
#[test]
fn to_millis_refuses_what_the_iso_check_refuses() {
    assert_eq!(error_code("$toMillis('2024-11-14T23:60:00Z')"), "D3110");
    assert_eq!(error_code("$toMillis('2024-11-14T23:00:60Z')"), "D3110");
}

/// Where JavaScript's `Date.parse` gives `NaN` (printed as null, `T2001` in arithmetic,
/// `D3001` in `$string`), the result is error `D3110`: no `NaN` leaves `$toMillis`.
#[test]
fn to_millis_of_an_impossible_date_is_an_error_not_nan() {
    for text in [
        "$toMillis('2024-13-01')",
        "$toMillis('2024-01-32')",
        "$toMillis('2024-01-00')",
        "$toMillis('2024-01-01T24:00:01Z')",
        "$toMillis('2024-01-01T25:00:00Z')",
        "$toMillis('2024-01-01T10:00:00+24:00')",
        "$toMillis('2024-01-01-01')",
        // Not an ISO 8601 form: Node's legacy parser reads it as May 2024 (documented).
        "$toMillis('2024.5')",
        "$toMillis('2024-13-01') + 0",
        "[$toMillis('2024-13-01')]",
    ] {
        assert_eq!(error_code(text), "D3110", "{text}");
    }
}

/// jsonata-js builds the digit patterns of a date picture as its regex does: only a year,
/// month or day with a fixed width takes a fixed count of digits, `[Y]` takes the rest.
#[test]
fn to_millis_with_adjacent_picture_markers_splits_digits_as_jsonata_js() {
    assert_eq!(
        eval("$toMillis('19700101', '[Y][M01][D01]')"),
        Some(json!(0))
    );
    // `[H01]` and `[m01]` take one digit or more, so `[Y]` keeps six digits and the day
    // is 00: the last day of the year 197000.
    assert_eq!(
        eval("$toMillis('197001010000', '[Y][M01][D01][H01][m01]')"),
        Some(json!(6_154_583_817_600_000_i64))
    );
}

#[test]
fn spread_of_an_array_stays_an_array() {
    let input = json!({"items": [{"a": 1}]});
    assert_eq!(eval_with("$spread(items)", &input), Some(json!([{"a": 1}])));
    assert_eq!(eval("$spread([3])"), Some(json!([3])));
    assert_eq!(eval("$spread([{}])"), Some(json!([])));
    // An object, or an empty array, still gives a sequence.
    assert_eq!(eval("$spread({'a': 1})"), Some(json!({"a": 1})));
    assert_eq!(eval("$spread([])"), None);
}

#[test]
fn keys_reach_objects_in_nested_arrays() {
    let input = json!({"m": [[{"x": 1}], [{"y": 2}]]});
    assert_eq!(eval_with("$keys(m)", &input), Some(json!(["x", "y"])));
    assert_eq!(eval("$keys([[{'x': 1}]])"), Some(json!("x")));
    assert_eq!(
        eval("$keys([[[{'x': 1, 'y': 2}]], {'z': 1}, 3, [{'x': 2}]])"),
        Some(json!(["x", "y", "z"]))
    );
}

/// An index array selects an item once per index naming it, in item order.
#[test]
fn repeated_predicate_indexes_repeat_the_item() {
    let input = json!({"a": ["p", "q"]});
    assert_eq!(
        eval_with("a[[0, 0, 1]]", &input),
        Some(json!(["p", "p", "q"]))
    );
    assert_eq!(eval_with("a[[1, 0]]", &input), Some(json!(["p", "q"])));
    assert_eq!(eval_with("$count(a[[0, 0]])", &input), Some(json!(2)));
    assert_eq!(
        eval_with("a[[1, 1]]", &json!({"a": [1, 2, 3]})),
        Some(json!([2, 2]))
    );
}

/// Node's `Buffer.from(text, 'binary')` keeps the low byte of each UTF-16 code unit.
#[test]
fn base64_encode_takes_the_low_byte_of_each_utf16_unit() {
    assert_eq!(eval("$base64encode('😀')"), Some(json!("PQA=")));
    assert_eq!(eval("$base64encode('a😀é')"), Some(json!("YT0A6Q==")));
    assert_eq!(
        eval("$base64decode($base64encode('a😀é'))"),
        Some(json!("a=\u{0}é"))
    );
}

/// Rounding to 15 digits overflows to `Infinity`, which `JSON.stringify` prints as null.
#[test]
fn string_of_the_largest_number_is_null() {
    assert_eq!(eval("$string(1.7976931348623157e308)"), Some(json!("null")));
    assert_eq!(
        eval("$string([-1.7976931348623157e308])"),
        Some(json!("[null]"))
    );
    assert_eq!(eval("1.7976931348623157e308 & ''"), Some(json!("null")));
}

fn error(text: &str, input: Option<&Value>) -> (String, String) {
    let error = parse(text)
        .unwrap()
        .evaluate(input, &Environment::new())
        .unwrap_err();
    (error.code().to_string(), error.message().to_string())
}

/// Signature errors name the function as the innermost call site calls it; a lambda that
/// `$map` calls is in `"map"`, one called in place has no name (jsonata-js 2.0.5 writes
/// `undefined` there).
#[test]
fn signature_errors_name_the_function_called() {
    for (text, code, named) in [
        (
            "$uppercase(1)",
            "T0410",
            "argument 1 of function \"uppercase\" does not match",
        ),
        (
            "$sum(['a'])",
            "T0412",
            "argument 1 of function \"sum\" must be an array of \"numbers\"",
        ),
        (
            "($f := function($x)<n:n>{$x}; $f('a'))",
            "T0410",
            "argument 1 of function \"f\" does",
        ),
        (
            "($f := function($x)<a<n>:n>{$x}; $f(['a']))",
            "T0412",
            "argument 1 of function \"f\" must",
        ),
        (
            "$map(['a'], function($x)<n:n>{$x})",
            "T0410",
            "argument 1 of function \"map\" does",
        ),
        (
            "($g := function($y){$f($y)}; $f := $uppercase; $g(1))",
            "T0410",
            "argument 1 of function \"f\" does",
        ),
        (
            "($o := {'f': $uppercase}; $o.f(1))",
            "T0410",
            "argument 1 of function \"f\" does",
        ),
        (
            "(function($x)<n:n>{$x})('a')",
            "T0410",
            "argument 1 of function does not match",
        ),
    ] {
        let (actual_code, message) = error(text, None);
        assert_eq!(actual_code, code, "{text}");
        assert!(message.starts_with(named), "{text}: {message}");
    }
}

/// The function a transform makes has the signature `<(oa):o>`; an array item it cannot
/// set a property on is JavaScript's `TypeError` in jsonata-js 2.0.5, `T2014` here.
#[test]
fn transform_takes_only_an_object_or_an_array() {
    for text in [
        "'s' ~> |$|{'x': 1}|",
        "1 ~> |$|{'x': 1}|",
        "true ~> |$|{'x': 1}|",
        "null ~> |$|{'x': 1}|",
        "(|$|{'x': 1}|)()",
        "$map(['s'], |$|{'x': 1}|)",
    ] {
        assert_eq!(error(text, None).0, "T0410", "{text}");
    }
    assert_eq!(
        error("(|$|{'x': 1}|)({'a': 1}, 2)", None).1,
        "argument 2 of function does not match function signature (got 2)"
    );
    assert_eq!(eval("nothing ~> |$|{'x': 1}|"), None);
    assert_eq!(
        eval("[{'a': 1}] ~> |$|{'x': 1}|"),
        Some(json!([{"a": 1, "x": 1}]))
    );
    assert_eq!(eval("[1] ~> |$|{}|"), Some(json!([1])));
    assert_eq!(
        error("[{'a': 1}, 1] ~> |$|{'x': 1}|", None),
        (
            "T2014".to_string(),
            "cannot create property 'x' on number '1'".to_string()
        )
    );
    assert_eq!(
        error("{'a': null} ~> |a|{'x': 1}|", None).1,
        "cannot set properties of null (setting 'x')"
    );
}

/// jsonata-js tests a `$sort` comparator's result with JavaScript's `if`: an array, object
/// or function is true, even `[]`, `{}` and `[0]` (`$boolean` of those is false).
#[test]
fn sort_comparators_are_true_as_javascript_sees_them() {
    assert_eq!(
        eval("$sort([2,1], function($a,$b){{}})"),
        Some(json!([1, 2]))
    );
    assert_eq!(
        eval("$sort([2,1], function($a,$b){[0]})"),
        Some(json!([1, 2]))
    );
    assert_eq!(
        eval("$sort([2,1,3], function($a,$b){[]})"),
        Some(json!([3, 1, 2]))
    );
    assert_eq!(
        eval("$sort([2,1,3], function($a,$b){$string})"),
        Some(json!([3, 1, 2]))
    );
    assert_eq!(
        eval("$sort([2,1,3], function($a,$b){'0'})"),
        Some(json!([3, 1, 2]))
    );
    // What JavaScript takes for false keeps the order.
    for falsy in ["''", "0", "null", "0/0", "false", "$a.missing"] {
        let text = format!("$sort([2,1,3], function($a,$b){{{falsy}}})");
        assert_eq!(eval(&text), Some(json!([2, 1, 3])), "{text}");
    }
}

/// An empty grouping separator is refused as jsonata-js refuses it (its check for two
/// adjacent separators finds the empty string everywhere); it was ignored.
#[test]
fn format_number_refuses_an_empty_grouping_separator() {
    let options = r#"{"grouping-separator": "", "decimal-separator": "."}"#;
    for picture in ["#,##0.00", "0", "0.0e0", "00%", "#0;(#0)"] {
        let text = format!("$formatNumber(1234.5, '{picture}', {options})");
        assert_eq!(error_code(&text), "D3089", "{text}");
    }
}
