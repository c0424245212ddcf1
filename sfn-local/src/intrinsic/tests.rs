//! Every intrinsic function, with the values quoted in ASL-REFERENCE §9 (recorded AWS
//! behaviour).

use serde_json::{Value, json};

use super::evaluate_text;
use crate::data::{Entropy, NoVariables, Scope, SeededEntropy};

fn run_with(text: &str, input: &Value) -> Result<Value, String> {
    let context =
        json!({"StateMachine": {"Id": "arn:aws:states:us-east-1:1:stateMachine:sm", "Name": "sm"}});
    let scope = Scope::new(input, &context, &NoVariables);
    evaluate_text(text, &scope, &SeededEntropy::new(3)).map_err(|error| error.cause)
}

fn run(text: &str) -> Value {
    run_with(text, &json!({})).unwrap()
}

fn fails(text: &str) -> String {
    run_with(text, &json!({})).unwrap_err()
}

/// Evaluates `States.X($.a)` style calls with the arguments supplied as input.
#[expect(clippy::needless_pass_by_value, reason = "keeps the calls short")]
fn with(text: &str, input: Value) -> Value {
    run_with(text, &input).unwrap()
}

#[test]
fn format() {
    assert_eq!(
        run("States.Format('Hello, {}!', 'World')"),
        json!("Hello, World!")
    );
    let format = |value: Value| {
        with(
            "States.Format('Formatting argument {}.', $.v)",
            json!({"v": value}),
        )
    };
    assert_eq!(format(json!("")), json!("Formatting argument ."));
    assert_eq!(format(json!(null)), json!("Formatting argument null."));
    assert_eq!(format(json!(1)), json!("Formatting argument 1."));
    assert_eq!(format(json!(1.1)), json!("Formatting argument 1.1."));
    assert_eq!(
        format(json!({"Arg1": 1, "Arg2": []})),
        json!("Formatting argument {Arg1=1, Arg2=[]}.")
    );
    assert_eq!(
        run(r"States.Format('\{\} {} \'q\' \\', 1)"),
        json!(r"{} 1 'q' \")
    );
    assert_eq!(
        run("States.Format('{} and {}', $$.StateMachine.Name, $$.StateMachine)"),
        json!("sm and {Id=arn:aws:states:us-east-1:1:stateMachine:sm, Name=sm}")
    );
    // A template from a path has no escapes: every `{}` is a placeholder.
    assert_eq!(
        with("States.Format($.t, 1, 2)", json!({"t": "{}-{}"})),
        json!("1-2")
    );
    assert_eq!(
        fails("States.Format('{} {}', 1)"),
        "The evaluation of the intrinsic function States.Format failed: the template has 2 placeholders but 1 value was given"
    );
    assert_eq!(
        fails("States.Format('{}', 1, 2)"),
        "The evaluation of the intrinsic function States.Format failed: the template has 1 placeholder but 2 values were given"
    );
    assert_eq!(
        fails("States.Format(1)"),
        "The evaluation of the intrinsic function States.Format failed: argument 1 must be a string, but was 1"
    );
}

#[test]
fn string_to_json() {
    let parse = |text: &str| with("States.StringToJson($.s)", json!({"s": text}));
    assert_eq!(parse(""), json!(null));
    assert_eq!(parse(" "), json!(null));
    assert_eq!(parse("null"), json!(null));
    assert_eq!(parse("-0").to_string(), "0");
    assert_eq!(parse("[0.0, -0]").to_string(), "[0.0,0]");
    // Jackson reads a negative zero with a fraction or an exponent as the double -0.0.
    assert_eq!(parse("[-0.0, -0e0]").to_string(), "[-0.0,-0.0]");
    assert_eq!(parse("1.1"), json!(1.1));
    assert_eq!(parse("true"), json!(true));
    assert_eq!(parse("\"HelloWorld\""), json!("HelloWorld"));
    assert_eq!(parse("[1, 2, \"HelloWorld\"]"), json!([1, 2, "HelloWorld"]));
    assert_eq!(
        parse("{\"Arg1\": 1, \"Arg2\": []}"),
        json!({"Arg1": 1, "Arg2": []})
    );
    assert!(fails("States.StringToJson('{')").starts_with("The evaluation of the intrinsic function States.StringToJson failed: the string is not valid JSON"));
}

#[test]
fn json_to_string() {
    let text = |value: Value| with("States.JsonToString($.v)", json!({"v": value}));
    assert_eq!(
        text(json!({"Arg1": 1, "Arg2": []})),
        json!("{\"Arg1\":1,\"Arg2\":[]}")
    );
    assert_eq!(
        text(json!([1, 2, "HelloWorld"])),
        json!("[1,2,\"HelloWorld\"]")
    );
    assert_eq!(text(json!("HelloWorld")), json!("\"HelloWorld\""));
    assert_eq!(text(json!(null)), json!("null"));
    assert_eq!(text(json!(1.1)), json!("1.1"));
}

#[test]
fn json_merge() {
    let input = json!({"a": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}, "b": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}});
    assert_eq!(
        with("States.JsonMerge($.a, $.b, false)", input.clone()),
        json!({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4})
    );
    // AWS supports only the shallow mode: `true`, written or read from a path, is refused.
    let refused = "The evaluation of the intrinsic function States.JsonMerge failed: argument 3 must be false: Step Functions supports only the shallow merging mode";
    assert_eq!(
        run_with("States.JsonMerge($.a, $.b, true)", &input).unwrap_err(),
        refused
    );
    assert_eq!(
        run_with(
            "States.JsonMerge($.a, $.b, $.deep)",
            &json!({"a": {}, "b": {}, "deep": true})
        )
        .unwrap_err(),
        refused
    );
    assert_eq!(
        fails("States.JsonMerge('a', States.StringToJson('{}'), false)"),
        "The evaluation of the intrinsic function States.JsonMerge failed: argument 1 must be an object, but was \"a\""
    );
}

#[test]
fn arrays() {
    assert_eq!(run("States.Array()"), json!([]));
    assert_eq!(
        run("States.Array('a', 1, null, true, States.Array())"),
        json!(["a", 1, null, true, []])
    );
    let partition = |items: Value, size: i64| {
        with(
            "States.ArrayPartition($.a, $.n)",
            json!({"a": items, "n": size}),
        )
    };
    assert_eq!(partition(json!([]), 1), json!([]));
    assert_eq!(partition(json!([0, 1, 2, 3]), 3), json!([[0, 1, 2], [3]]));
    assert_eq!(partition(json!([0, 1, 2]), 5), json!([[0, 1, 2]]));
    assert_eq!(
        fails("States.ArrayPartition(States.Array(1), 0)"),
        "The evaluation of the intrinsic function States.ArrayPartition failed: the chunk size must be positive, but was 0"
    );
    let contains = |items: Value, wanted: Value| {
        with(
            "States.ArrayContains($.a, $.v)",
            json!({"a": items, "v": wanted}),
        )
    };
    assert_eq!(
        contains(json!([[1, 2, 3], 2]), json!([1, 2, 3])),
        json!(true)
    );
    assert_eq!(
        contains(json!([{"1": 2, "2": []}]), json!({"1": 2, "2": []})),
        json!(true)
    );
    assert_eq!(contains(json!([]), json!([])), json!(false));
    assert_eq!(contains(json!([]), json!(null)), json!(false));
    assert_eq!(contains(json!([true, false]), json!(false)), json!(true));
    assert_eq!(run("States.ArrayRange(1, 9, 2)"), json!([1, 3, 5, 7, 9]));
    assert_eq!(run("States.ArrayRange(0, 10, 3)"), json!([0, 3, 6, 9]));
    assert_eq!(run("States.ArrayRange(1, 9, 9)"), json!([1]));
    assert_eq!(run("States.ArrayRange(5, 1, -2)"), json!([5, 3, 1]));
    assert_eq!(run("States.ArrayRange(5, 1, 2)"), json!([]));
    assert_eq!(
        run("States.ArrayRange(1, 1000, 1)")
            .as_array()
            .unwrap()
            .len(),
        1000
    );
    assert_eq!(
        fails("States.ArrayRange(0, 1000, 1)"),
        "The evaluation of the intrinsic function States.ArrayRange failed: the range would have more than 1000 elements"
    );
    assert_eq!(
        fails("States.ArrayRange(0, 5, 0)"),
        "The evaluation of the intrinsic function States.ArrayRange failed: the step cannot be 0"
    );
    assert_eq!(
        with(
            "States.ArrayGetItem($.a, 5)",
            json!({"a": [1, 2, 3, 4, 5, 6, 7, 8, 9]})
        ),
        json!(6)
    );
    assert_eq!(
        fails("States.ArrayGetItem(States.Array(1), 1)"),
        "The evaluation of the intrinsic function States.ArrayGetItem failed: the index 1 is out of bounds for an array of 1 element"
    );
    assert_eq!(
        fails("States.ArrayGetItem(States.Array(1), -1)"),
        "The evaluation of the intrinsic function States.ArrayGetItem failed: the index -1 is out of bounds for an array of 1 element"
    );
    assert_eq!(
        with(
            "States.ArrayLength($.a)",
            json!({"a": [1, 2, 3, 4, 5, 6, 7, 8, 9]})
        ),
        json!(9)
    );
    assert_eq!(
        run("States.ArrayUnique(States.Array(1, 2, 1, 'a', 2, 'a', 3))"),
        json!([1, 2, "a", 3])
    );
    assert_eq!(
        fails("States.ArrayLength('x')"),
        "The evaluation of the intrinsic function States.ArrayLength failed: argument 1 must be an array, but was \"x\""
    );
}

#[test]
fn encoding_and_hashing() {
    assert_eq!(
        run("States.Base64Encode('Data to encode')"),
        json!("RGF0YSB0byBlbmNvZGU=")
    );
    assert_eq!(run("States.Base64Encode('')"), json!(""));
    assert_eq!(
        run("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"),
        json!("Data to encode")
    );
    assert_eq!(
        run("States.Base64Decode('RGF0YSB0byBlbmNvZGU')"),
        json!("Data to encode")
    );
    assert!(fails("States.Base64Decode('***')").starts_with("The evaluation of the intrinsic function States.Base64Decode failed: the input is not valid Base64"));
    let long = "a".repeat(10_001);
    assert_eq!(
        with("States.Base64Encode($.s)", json!({"s": &long[1..]}))
            .as_str()
            .unwrap()
            .len(),
        13_336
    );
    assert_eq!(
        run_with("States.Base64Encode($.s)", &json!({"s": long})).unwrap_err(),
        "The evaluation of the intrinsic function States.Base64Encode failed: the input has 10001 characters, more than the limit of 10000"
    );
    let hash = |algorithm: &str| run(&format!("States.Hash('input data', '{algorithm}')"));
    assert_eq!(hash("MD5"), json!("812f45842bc6d66ee14572ce20db8e86"));
    assert_eq!(
        hash("SHA-1"),
        json!("aaff4a450a104cd177d28d18d74485e8cae074b7")
    );
    assert_eq!(
        hash("SHA-256"),
        json!("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")
    );
    assert_eq!(
        hash("SHA-384"),
        json!(
            "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"
        )
    );
    assert_eq!(
        hash("SHA-512"),
        json!(
            "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"
        )
    );
    assert_eq!(
        fails("States.Hash('x', 'SHA256')"),
        "The evaluation of the intrinsic function States.Hash failed: the algorithm 'SHA256' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
    );
    // Non-strings are hashed as their JSON text.
    assert_eq!(
        run("States.Hash(States.Array(1), 'MD5')"),
        run("States.Hash('[1]', 'MD5')")
    );
}

#[test]
fn math() {
    let add = |a: Value, b: Value| with("States.MathAdd($.a, $.b)", json!({"a": a, "b": b}));
    assert_eq!(add(json!(1.5), json!(1.51)), json!(4));
    assert_eq!(add(json!(-1.5), json!(-1.51)), json!(-3));
    assert_eq!(add(json!(0.5), json!(0)), json!(1));
    assert_eq!(add(json!(-0.5), json!(0)), json!(0));
    assert_eq!(add(json!(-2.5), json!(0)), json!(-2));
    assert_eq!(add(json!(1.49), json!(-1.49)), json!(0));
    // Java's `Math.round` is floor(x + 0.5) computed exactly (values printed by a JVM):
    // adding 0.5 in floating point would round these up.
    assert_eq!(add(json!(0.499_999_999_999_999_94), json!(0)), json!(0));
    assert_eq!(add(json!(-0.499_999_999_999_999_94), json!(0)), json!(0));
    assert_eq!(
        add(json!(4_503_599_627_370_497.0), json!(0)),
        json!(4_503_599_627_370_497_i64)
    );
    assert_eq!(
        add(json!(-4_503_599_627_370_497.0), json!(0)),
        json!(-4_503_599_627_370_497_i64)
    );
    assert_eq!(
        add(json!(2_251_799_813_685_248.5), json!(0)),
        json!(2_251_799_813_685_249_i64)
    );
    assert_eq!(
        add(json!(-2_251_799_813_685_248.5), json!(0)),
        json!(-2_251_799_813_685_248_i64)
    );
    assert_eq!(add(json!(-0.500_000_000_000_000_1), json!(0)), json!(-1));
    assert_eq!(add(json!(-3.499_999_999_999_999_6), json!(0)), json!(-3));
    // Integral doubles beyond 2^53 are whole numbers too.
    assert_eq!(
        add(json!(1e16), json!(1)),
        json!(10_000_000_000_000_001_i64)
    );
    // A number outside the 64-bit range is called a number, out of range.
    assert_eq!(
        run_with("States.MathAdd($.a, 0)", &json!({"a": 1e300})).unwrap_err(),
        "The evaluation of the intrinsic function States.MathAdd failed: argument 1 is out of range: 1e+300 is not within the 64-bit integer range"
    );
    assert_eq!(
        run_with(
            "States.ArrayGetItem($.a, $.i)",
            &json!({"a": [1], "i": -1e19})
        )
        .unwrap_err(),
        "The evaluation of the intrinsic function States.ArrayGetItem failed: argument 2 is out of range: -1e+19 is not within the 64-bit integer range"
    );
    assert_eq!(add(json!(111), json!(-1)), json!(110));
    assert_eq!(
        fails("States.MathAdd('1', 2)"),
        "The evaluation of the intrinsic function States.MathAdd failed: argument 1 must be a number, but was \"1\""
    );
    // Seeded: java.util.Random(3).nextInt(999) is 239.
    assert_eq!(run("States.MathRandom(0, 999, 3)"), json!(239));
    assert_eq!(
        run("States.MathRandom(0, 999, 3)"),
        run("States.MathRandom(0, 999, 3)")
    );
    for (start, end) in [(1, 10), (-99_999, -9_999), (9_999, 99_999)] {
        let value = run(&format!("States.MathRandom({start}, {end})"))
            .as_i64()
            .unwrap();
        assert!((start..end).contains(&value), "{value}");
    }
    // Bounds are rounded exactly as Java does: new Random(0).nextInt(3) is 0, so AWS gives
    // the start itself (adding 0.5 in floating point would make it 2^52 + 2).
    assert_eq!(
        with(
            "States.MathRandom($.s, $.e, 0)",
            json!({"s": 4_503_599_627_370_497.0, "e": 4_503_599_627_370_500.0})
        ),
        json!(4_503_599_627_370_497_i64)
    );
    // Decimal bounds are accepted (recorded) and rounded half-up.
    let value = run("States.MathRandom(12.5, 44.51)").as_i64().unwrap();
    assert!((13..45).contains(&value));
    assert_eq!(
        fails("States.MathRandom(5, 5)"),
        "The evaluation of the intrinsic function States.MathRandom failed: the end (5) must be greater than the start (5), by less than 2^31"
    );
}

#[test]
fn string_split() {
    let split = |text: &str, delimiter: &str| {
        with(
            "States.StringSplit($.s, $.d)",
            json!({"s": text, "d": delimiter}),
        )
    };
    assert_eq!(split("1,2,3,4,5", ","), json!(["1", "2", "3", "4", "5"]));
    assert_eq!(split(" ", ","), json!([" "]));
    assert_eq!(split(", , ,", ","), json!([" ", " "]));
    assert_eq!(split(",,,,", ","), json!([]));
    assert_eq!(
        split("This.is+a,test=string", ".+,="),
        json!(["This", "is", "a", "test", "string"])
    );
    assert_eq!(
        split("split on T and \nnew line", "T\n"),
        json!(["split on ", " and ", "new line"])
    );
    assert_eq!(
        run("States.StringSplit('Hello\nWorld', '\n')"),
        json!(["Hello", "World"])
    );
}

#[test]
fn uuid() {
    let value = run("States.UUID()");
    let text = value.as_str().unwrap();
    assert_eq!(text, SeededEntropy::new(3).uuid_v4());
    assert_eq!(text.len(), 36);
    assert_eq!(text.chars().filter(|c| *c == '-').count(), 4);
    assert_eq!(&text[14..15], "4");
    assert!(matches!(&text[19..20], "8" | "9" | "a" | "b"));
}

#[test]
fn nesting_and_errors() {
    // Recorded (TestGeneric::test_nested_calls_2) with a state machine name without dashes.
    let text = "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))";
    assert_eq!(run(text), json!("sm"));
    assert_eq!(
        fails("States.UUID(1)"),
        "The evaluation of the intrinsic function States.UUID failed: it takes 0 arguments, but 1 was given"
    );
    assert_eq!(
        fails("States.ArrayLength(States.Array(), 1)"),
        "The evaluation of the intrinsic function States.ArrayLength failed: it takes 1 argument, but 2 were given"
    );
    assert_eq!(
        fails("States.Nope()"),
        "The intrinsic function 'States.Nope' is not supported"
    );
    // A path that cannot be applied is quoted as written, as AWS quotes the paths of other
    // fields (recorded: `Invalid path '$.NoSuchInputPath' : No results for path: …`).
    assert_eq!(
        fails("States.Array($.missing)"),
        "The evaluation of the intrinsic function States.Array failed: Invalid path '$.missing' : No results for path: $['missing']"
    );
    assert_eq!(
        fails("States.Format('{}', $.missing.deep)"),
        "The evaluation of the intrinsic function States.Format failed: Invalid path '$.missing.deep' : Missing property in path $['missing']"
    );
    assert_eq!(
        fails("States.Array(1, States.ArrayLength( $['a b'].c ))"),
        "The evaluation of the intrinsic function States.ArrayLength failed: Invalid path '$['a b'].c' : Missing property in path $['a b']"
    );
    assert!(fails("States.Array(").starts_with(
        "The value 'States.Array(' is not a valid intrinsic function call: at byte 13"
    ));
}
