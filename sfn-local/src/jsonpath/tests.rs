use serde_json::{Value, json};
use sfn_dsl::expr::jsonpath::parse;

use super::{apply_result_path, evaluate, select, set};
use crate::data::{NoVariables, Scope};

fn run(path: &str, input: &Value) -> Result<Value, String> {
    let context = json!({"Execution": {"Name": "exec", "Input": {"a": 1}}, "StateMachine": {"Id": "arn", "Name": "sm"}});
    let variables = serde_json::Map::from_iter([("total".to_owned(), json!({"amount": 5}))]);
    let scope = Scope::new(input, &context, &variables);
    evaluate(path, &scope).map_err(|error| error.cause)
}

fn ok(path: &str, input: &Value) -> Value {
    run(path, input).unwrap()
}

fn store() -> Value {
    json!({
        "store": {
            "book": [
                {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
                {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
                {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553", "price": 8.99},
                {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord", "isbn": "0-395", "price": 22.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
        },
        "expensive": 10
    })
}

#[test]
fn roots() {
    let input = json!({"a": 1});
    assert_eq!(ok("$", &input), input);
    assert_eq!(ok("$$.Execution.Name", &input), json!("exec"));
    assert_eq!(ok("$$.Execution.Input.a", &input), json!(1));
    assert_eq!(ok("$total.amount", &input), json!(5));
    assert_eq!(ok("$total", &input), json!({"amount": 5}));
    assert_eq!(
        run("$nothing", &input).unwrap_err(),
        "Invalid path '$nothing' : The variable '$nothing' is not defined"
    );
    let scope = Scope::new(&input, &input, &NoVariables);
    assert_eq!(
        select(&parse("$x").unwrap(), &scope).unwrap_err().message(),
        "The variable '$x' is not defined"
    );
}

#[test]
fn definite_paths_give_values() {
    let input = store();
    assert_eq!(ok("$.store.bicycle.color", &input), json!("red"));
    assert_eq!(
        ok("$['store']['book'][0]['author']", &input),
        json!("Nigel Rees")
    );
    assert_eq!(ok("$.store.book[-1].title", &input), json!("The Lord"));
    // A member union in the last step builds one object (Jayway).
    assert_eq!(
        ok("$.store.bicycle['color','price','nope']", &input),
        json!({"color": "red", "price": 19.95})
    );
    assert_eq!(ok("$.a", &json!({"a": null})), json!(null));
}

#[test]
fn indefinite_paths_give_arrays() {
    let input = store();
    // The spec's example: `$.a[0,1]` on {"a":[1,2,3]} is [1,2].
    assert_eq!(ok("$.a[0,1]", &json!({"a": [1, 2, 3]})), json!([1, 2]));
    assert_eq!(
        ok("$.store.book[*].author", &input)
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(ok("$..author", &input).as_array().unwrap().len(), 4);
    assert_eq!(ok("$.store.*", &input).as_array().unwrap().len(), 2);
    assert_eq!(
        ok("$..price", &input),
        json!([8.95, 12.99, 8.99, 22.99, 19.95])
    );
    assert_eq!(ok("$.store.book[1:3].price", &input), json!([12.99, 8.99]));
    assert_eq!(ok("$.store.book[-2:].price", &input), json!([8.99, 22.99]));
    assert_eq!(ok("$.store.book[:1].price", &input), json!([8.95]));
    assert_eq!(
        ok("$.store.book[2:100].price", &input),
        json!([8.99, 22.99])
    );
    assert_eq!(ok("$.store.book[3:1]", &input), json!([]));
    assert_eq!(ok("$.store.book[0,9].price", &input), json!([8.95]));
    assert_eq!(ok("$..book[0].title", &input), json!(["Sayings"]));
    assert_eq!(
        ok("$['store']['book','bicycle'].price", &input),
        json!([19.95])
    );
    // Nothing found by an indefinite path is an empty array, not an error.
    assert_eq!(ok("$.store.book[*].nothing", &input), json!([]));
    assert_eq!(ok("$..nothing", &input), json!([]));
    assert_eq!(ok("$[*][*]", &json!([[1, 2], [3]])), json!([1, 2, 3]));
}

/// Recorded: `test_json_path_array_wildcard_or_slice_with_no_input` (eleven paths over
/// `{}`, each giving `[]` on AWS), where Jayway alone reports the missing `items`.
#[test]
fn indefinite_paths_over_missing_members_give_empty_arrays() {
    for path in [
        "$.items[*]",
        "$.items[1:]",
        "$.items[:1]",
        "$.item.items[*]",
        "$.item.items[1:]",
        "$.item.items[:1]",
        "$.item.items[1:5]",
        "$.items[*].itemValue",
        "$.items[1:].itemValue",
        "$.items[:1].itemValue",
        "$.item.items[1:5].itemValue",
    ] {
        assert_eq!(ok(path, &json!({})), json!([]), "{path}");
    }
    // The same holds for wrong shapes in front of the indefinite step (not recorded).
    assert_eq!(ok("$.n[*]", &json!({"n": null})), json!([]));
    assert_eq!(ok("$.a.b[*]", &json!({"a": {"b": 1}})), json!([]));
    assert_eq!(ok("$.a[0].b[*]", &json!({"a": {"b": 1}})), json!([]));
    // Definite paths still fail.
    assert_eq!(
        run("$.items[0]", &json!({})).unwrap_err(),
        "Invalid path '$.items[0]' : Missing property in path $['items']"
    );
}

#[test]
fn filters() {
    let input = store();
    assert_eq!(
        ok("$.store.book[?(@.price < 10)].title", &input),
        json!(["Sayings", "Moby Dick"])
    );
    assert_eq!(
        ok("$.store.book[?(@.isbn)].title", &input),
        json!(["Moby Dick", "The Lord"])
    );
    assert_eq!(
        ok("$.store.book[?(!@.isbn)].title", &input),
        json!(["Sayings", "Sword"])
    );
    assert_eq!(
        ok("$.store.book[?(@.price > $.expensive)].title", &input),
        json!(["Sword", "The Lord"])
    );
    assert_eq!(
        ok(
            "$.store.book[?(@.category == 'reference' || @.price > 20)].title",
            &input
        ),
        json!(["Sayings", "The Lord"])
    );
    assert_eq!(
        ok(
            "$.store.book[?(@.category != 'fiction' && @.price >= 8.95)].title",
            &input
        ),
        json!(["Sayings"])
    );
    assert_eq!(
        ok("$.store.book[?(@.author =~ /.*melville/i)].title", &input),
        json!(["Moby Dick"])
    );
    assert_eq!(
        ok("$.store.book[?(@.author =~ /melville/i)].title", &input),
        json!([])
    );
    assert_eq!(
        ok(
            "$.store.book[?(@.category in ['reference', 'x'])].price",
            &input
        ),
        json!([8.95])
    );
    assert_eq!(
        ok("$.store.book[?(@.category nin ['fiction'])].price", &input),
        json!([8.95])
    );
    assert_eq!(
        ok("$..book[?(@.price <= 8.95)].price", &input),
        json!([8.95])
    );
    assert_eq!(
        ok("$.store.book[?(@.title size 5)].title", &input),
        json!(["Sword"])
    );
    assert_eq!(
        ok("$.store.book[?(@.title contains 'Dick')].title", &input),
        json!(["Moby Dick"])
    );
    // Recorded (TestSnfBase::test_state_pass_regex_json_path_base).
    let users = json!({"users": [{"year": 1997, "status": 0}, {"year": 1998, "status": 1}]});
    assert_eq!(
        ok("$.users[?(@.status == 0)]", &users),
        json!([{"year": 1997, "status": 0}])
    );
    // A filter on an object tests the object itself.
    assert_eq!(
        ok("$.store.bicycle[?(@.color == 'red')].price", &input),
        json!([19.95])
    );
    // Unquoted words compare as strings (used by AWS sample workflows).
    let languages = json!([{"TargetLanguageCode": "es", "TranslatedText": "hola"}, {"TargetLanguageCode": "fr", "TranslatedText": "salut"}]);
    assert_eq!(
        ok("$[?(@.TargetLanguageCode==es)].TranslatedText", &languages),
        json!(["hola"])
    );
    let numbers = json!({"n": [1, 2, 3, "2"], "tags": [["a", "b"], ["c"]]});
    assert_eq!(ok("$.n[?(@ > 1)]", &numbers), json!([2, 3]));
    assert_eq!(ok("$.n[?(@ == 2)]", &numbers), json!([2, "2"]));
    assert_eq!(
        ok("$.tags[?(@ subsetof ['a', 'b', 'c'])]", &numbers),
        json!([["a", "b"], ["c"]])
    );
    assert_eq!(ok("$.tags[?(@ anyof ['c'])]", &numbers), json!([["c"]]));
    assert_eq!(
        ok("$.tags[?(@ noneof ['c'])]", &numbers),
        json!([["a", "b"]])
    );
    assert_eq!(
        ok("$.tags[?(@ empty false)]", &numbers),
        json!([["a", "b"], ["c"]])
    );
    // Missing members: comparisons are false, `!=` is true (Jayway).
    assert_eq!(
        ok("$.store.book[?(@.isbn != '0-553')].title", &input),
        json!(["Sayings", "Sword", "The Lord"])
    );
}

#[test]
fn functions() {
    let input = store();
    assert_eq!(ok("$.store.book.length()", &input), json!(4));
    assert_eq!(ok("$.store.book[*].price.max()", &input), json!(22.99));
    assert_eq!(ok("$.store.book[*].price.min()", &input), json!(8.95));
    assert_eq!(
        ok("$.store.bicycle.keys()", &input),
        json!(["color", "price"])
    );
    assert_eq!(ok("$.a.sum()", &json!({"a": [1, 2, 3.5]})), json!(6.5));
    assert_eq!(ok("$.a.avg()", &json!({"a": [1, 2, 3]})), json!(2.0));
    assert_eq!(ok("$.a.first()", &json!({"a": [1, 2, 3]})), json!(1));
    assert_eq!(ok("$.a.last()", &json!({"a": [1, 2, 3]})), json!(3));
    assert_eq!(
        run("$.a.sum()", &json!({"a": []})).unwrap_err(),
        "Invalid path '$.a.sum()' : Aggregation function attempted to calculate value using empty array"
    );
}

#[test]
fn recorded_missing_path_causes() {
    let input = json!({"int-literal": 0});
    // Recorded: test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_INPUTPATH] and test_catch_states_runtime.
    assert_eq!(
        run("$.NoSuchInputPath", &input).unwrap_err(),
        "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"
    );
    assert_eq!(
        run("$.no.such.result.path", &input).unwrap_err(),
        "Invalid path '$.no.such.result.path' : Missing property in path $['no']"
    );
}

#[test]
fn jayway_causes_for_wrong_shapes() {
    let input = json!({"a": {"b": 1}, "n": null, "list": [1]});
    assert_eq!(
        run("$.a.c", &input).unwrap_err(),
        "Invalid path '$.a.c' : No results for path: $['a']['c']"
    );
    assert_eq!(
        run("$.list[5]", &input).unwrap_err(),
        "Invalid path '$.list[5]' : No results for path: $['list'][5]"
    );
    assert_eq!(
        run("$.n[0]", &input).unwrap_err(),
        "Invalid path '$.n[0]' : The path $['n'] is null"
    );
    assert_eq!(
        run("$.a[0]", &input).unwrap_err(),
        "Invalid path '$.a[0]' : Filter: [0] can only be applied to arrays. Current context is: {b=1}"
    );
    assert_eq!(
        run("$.a.b.c", &input).unwrap_err(),
        "Invalid path '$.a.b.c' : Expected to find an object with property ['c'] in path $['a']['b'] but found 'java.lang.Integer'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'."
    );
    assert_eq!(
        run("$.a.b[?(@.x)]", &input).unwrap_err(),
        "Invalid path '$.a.b[?(@.x)]' : Filter: [?] can not be applied to primitives. Current context is: 1"
    );
    assert_eq!(
        run("$.a b", &input).unwrap_err(),
        "Invalid path '$.a b' : at byte 3: a property name cannot contain whitespace (use bracket notation: ['a b'])"
    );
    // Past an indefinite step, mismatches are skipped.
    assert_eq!(ok("$.*.b", &input), json!([1]));
}

#[test]
fn escaped_names() {
    // Recorded (ESCAPE_SEQUENCES_JSONPATH): the backslash is part of the key.
    let input = json!({"Test\\\"\"Name\"": "Value\"\\"});
    assert_eq!(ok("$['Test\\\"\"Name\"']", &input), json!("Value\"\\"));
    assert_eq!(ok(r"$.foo\@bar", &json!({"foo@bar": 1})), json!(1));
}

#[test]
fn result_path() {
    let input = json!({"a": 1, "list": [1, 2]});
    assert_eq!(apply_result_path(&input, "$", json!(7)).unwrap(), json!(7));
    assert_eq!(
        apply_result_path(&input, "$.a", json!(7)).unwrap(),
        json!({"a": 7, "list": [1, 2]})
    );
    assert_eq!(
        apply_result_path(&input, "$.x.y.z", json!(7)).unwrap(),
        json!({"a": 1, "list": [1, 2], "x": {"y": {"z": 7}}})
    );
    assert_eq!(
        apply_result_path(&input, "$.list[1]", json!(7)).unwrap(),
        json!({"a": 1, "list": [1, 7]})
    );
    assert_eq!(
        apply_result_path(&input, "$.list[-1]", json!(7)).unwrap(),
        json!({"a": 1, "list": [1, 7]})
    );
    assert_eq!(
        apply_result_path(&input, "$['b c']", json!(7)).unwrap()["b c"],
        json!(7)
    );
    for (path, input) in [
        ("$.x", json!("foo")),
        ("$.a.b", json!({"a": 1})),
        ("$.list[5]", json!({"list": []})),
        ("$.list.x", json!({"list": []})),
        ("$.a[0]", json!({"a": {}})),
        ("$.a[*]", json!({"a": []})),
        ("$$.a", json!({})),
        ("$.", json!({})),
    ] {
        let error = apply_result_path(&input, path, json!(1)).unwrap_err();
        assert_eq!(error.error, "States.ResultPathMatchFailure", "{path}");
        assert_eq!(
            error.cause,
            format!("Unable to apply ReferencePath {path} to input {input}")
        );
    }
    assert_eq!(
        set(&json!({}), &parse("$.a[0]").unwrap(), json!(1))
            .unwrap_err()
            .message(),
        "step 2 ([0]) cannot be applied to an object"
    );
}

#[test]
fn explosive_paths_are_bounded() {
    // An array nested 100 deep, with ten numbers at each level.
    let mut deep = json!([]);
    for _ in 0..100 {
        let mut level: Vec<Value> = (0..10).map(Value::from).collect();
        level.push(deep);
        deep = Value::Array(level);
    }
    let limit = "The path visits more than 1000000 nodes";
    assert_eq!(
        run("$..*..*..*", &deep).err(),
        Some(format!("Invalid path '$..*..*..*' : {limit}"))
    );
    let wide = Value::Array((0..2000).map(|n| json!({"a": [n, n, n]})).collect());
    assert_eq!(
        run("$[?($..*[?($..*)])]", &wide).err(),
        Some(format!("Invalid path '$[?($..*[?($..*)])]' : {limit}"))
    );
    assert_eq!(ok("$..a.length()", &wide), json!(2000));
    assert_eq!(ok("$..*..*", &json!([[1]])), json!([1]));
}

#[test]
fn the_direct_lookup_agrees_with_the_walk() {
    let input = store();
    for text in [
        "$",
        "$.expensive",
        "$.store.bicycle.color",
        "$.store.book[0].title",
        "$.store.book[-1].price",
        "$['store']['bicycle']",
    ] {
        let path = parse(text).unwrap();
        let walked = select::select(&input, &path.segments, "$").unwrap();
        let direct = select::direct(&input, &path.segments);
        assert_eq!(direct, walked.values.last().map(AsRef::as_ref), "{text}");
        let mut changed = input.clone();
        let found = super::find_mut(&path, &mut changed).map(|value| value.clone());
        assert_eq!(found.as_ref(), direct, "{text}");
    }
    // Missing steps, steps on the wrong kind of value and other selectors are left to
    // the walk, which words the failure.
    for text in [
        "$.nothing",
        "$.store.book[9]",
        "$.expensive.x",
        "$.store[0]",
        "$.store.book[*].title",
        "$..price",
        "$.store.book.length()",
    ] {
        let path = parse(text).unwrap();
        assert_eq!(select::direct(&input, &path.segments), None, "{text}");
        assert_eq!(super::find_mut(&path, &mut input.clone()), None, "{text}");
    }
    assert_eq!(
        run("$.expensive.x", &input).unwrap_err(),
        "Invalid path '$.expensive.x' : Expected to find an object with property ['x'] in path $['expensive'] but found 'java.lang.Integer'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'."
    );
}
