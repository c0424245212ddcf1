//! Values JSONata once lost or changed: lists inside tuples and arrays (an array
//! constructor splices them), missing `Option`s (undefined in JSONata, `null` for serde),
//! map lookups and named `format!` arguments. Each workflow is run in `sfn_local` and its
//! output compared with the same body run as Rust.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::{Payload, StateMachine, task, workflow};

fn run(machine: StateMachine, input: &Value) -> Value {
    let run = sfn_local::Executor::new(machine)
        .mocks(sfn_local::Mocks::new().unmocked(sfn_local::Unmocked::Echo))
        .run(input.clone())
        .expect("runs");
    run.output
        .unwrap_or_else(|| panic!("{input}: {:?}: {:?}", run.error, run.cause))
}

/// Runs `machine` on each input and compares its output with `rust` run on the same input.
fn same_as_rust<I, O>(machine: &StateMachine, inputs: &[Value], rust: impl Fn(I) -> O)
where
    I: serde::de::DeserializeOwned,
    O: Serialize,
{
    for input in inputs {
        let value: I = serde_json::from_value(input.clone()).expect("input");
        let expected = serde_json::to_value(rust(value)).expect("json");
        assert_eq!(run(machine.clone(), input), expected, "{input}");
    }
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Lists {
    v: Vec<i64>,
    k: i64,
}

fn lists_inputs() -> Vec<Value> {
    vec![
        json!({"v": [], "k": 0}),
        json!({"v": [1], "k": 2}),
        json!({"v": [1, 2], "k": 2}),
    ]
}

/// Echoes its argument back as a list (`Unmocked::Echo` answers with the arguments).
#[task(resource = "arn:aws:lambda:us-east-1:123456789012:function:echo")]
fn echo_list(items: &Vec<i64>) -> Vec<i64>;

#[workflow]
fn list_in_tuple(v: Vec<i64>, k: i64) -> (Vec<i64>, i64) {
    (v, k)
}

#[workflow]
fn lists_in_vec(v: Vec<i64>, k: i64) -> Vec<Vec<i64>> {
    let _ = k;
    vec![v.clone(), v]
}

#[workflow]
fn lists_in_array(v: Vec<i64>, k: i64) -> [Vec<i64>; 2] {
    [v.clone(), vec![k, k]]
}

#[workflow]
fn task_list_in_tuple(lists: Lists) -> (Vec<i64>, i64) {
    let echoed = echo_list(&lists.v);
    (echoed, lists.k)
}

#[workflow]
fn first_in_tuple(v: Vec<i64>, k: i64) -> (i64, Option<i64>, Option<i64>) {
    (k, v.first().copied(), v.last().copied())
}

#[test]
fn a_list_in_a_tuple_or_an_array_stays_one_element() {
    let inputs = lists_inputs();
    same_as_rust(
        &list_in_tuple::state_machine(),
        &inputs,
        |Lists { v, k }| (v, k),
    );
    same_as_rust(
        &lists_in_vec::state_machine(),
        &inputs,
        |Lists { v, .. }| vec![v.clone(), v],
    );
    same_as_rust(
        &lists_in_array::state_machine(),
        &inputs,
        |Lists { v, k }| [v, vec![k, k]],
    );
    same_as_rust(
        &task_list_in_tuple::state_machine(),
        &inputs,
        |Lists { v, k }| (v, k),
    );
    same_as_rust(
        &first_in_tuple::state_machine(),
        &inputs,
        |Lists { v, k }| (k, v.first().copied(), v.last().copied()),
    );
}

#[derive(Serialize, Deserialize)]
struct Nested {
    v: Vec<Vec<i64>>,
    i: usize,
}

#[workflow]
fn nested_lists(v: Vec<Vec<i64>>, i: usize) -> (Vec<Vec<i64>>, Option<Vec<i64>>) {
    (vec![v[i].clone(), v[0].clone()], v.first().cloned())
}

#[test]
fn an_element_that_is_a_list_stays_one_element() {
    same_as_rust(
        &nested_lists::state_machine(),
        &[
            json!({"v": [[1, 2], [3]], "i": 1}),
            json!({"v": [[1, 2]], "i": 0}),
            json!({"v": [[]], "i": 0}),
        ],
        |Nested { v, i }| (vec![v[i].clone(), v[0].clone()], v.first().cloned()),
    );
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Out {
    a: Option<i64>,
    b: i64,
}

#[derive(Serialize, Deserialize)]
struct Maybe {
    #[serde(default)]
    o: Option<i64>,
    b: i64,
}

#[workflow]
fn missing_in_tuple(o: Option<i64>, b: i64) -> (Out, (Option<i64>, i64), i64) {
    let t = (o, b);
    (Out { a: o, b }, t, t.1)
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    coupon: Option<String>,
}

#[workflow]
fn missing_assigned(order: Order) -> (Option<String>, String) {
    let coupon = order.coupon;
    sleep(std::time::Duration::from_secs(1));
    (coupon, order.id)
}

#[test]
fn a_missing_option_is_null_where_it_is_stored() {
    same_as_rust(
        &missing_in_tuple::state_machine(),
        &[
            json!({"b": 3}),
            json!({"o": 1, "b": 3}),
            json!({"o": null, "b": 3}),
        ],
        |Maybe { o, b }| {
            let t = (o, b);
            (Out { a: o, b }, t, t.1)
        },
    );
    same_as_rust(
        &missing_assigned::state_machine(),
        &[json!({"id": "o-1"}), json!({"id": "o-2", "coupon": "C"})],
        |order: Order| (order.coupon, order.id),
    );
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Prices {
    prices: BTreeMap<String, i64>,
    key: String,
}

#[workflow]
fn map_lookup(input: Prices) -> (Option<i64>, bool, i64, Option<i64>) {
    let prices = input.prices;
    (
        prices.get(&input.key).copied(),
        prices.get(&input.key).is_some(),
        prices["a"],
        prices.get("b").copied(),
    )
}

#[test]
fn a_map_is_read_by_key() {
    same_as_rust(
        &map_lookup::state_machine(),
        &[
            json!({"prices": {"a": 1, "b": 2}, "key": "b"}),
            json!({"prices": {"a": 1}, "key": "z"}),
        ],
        |Prices { prices, key }| {
            (
                prices.get(&key).copied(),
                prices.contains_key(&key),
                prices["a"],
                prices.get("b").copied(),
            )
        },
    );
}

#[derive(Serialize, Deserialize)]
struct Pair {
    a: i64,
    b: i64,
}

#[workflow]
fn named_format_argument(a: i64, b: i64) -> String {
    let x = a;
    format!("{x}-{}-{y}", b, x = b * 10, y = x)
}

#[test]
fn a_named_format_argument_wins_over_a_variable() {
    same_as_rust(
        &named_format_argument::state_machine(),
        &[json!({"a": 1, "b": 2})],
        |Pair { a, b }| {
            let x = a;
            format!("{x}-{}-{y}", b, x = b * 10, y = x)
        },
    );
}

#[derive(Serialize, Deserialize)]
struct Text {
    text: String,
    pattern: String,
}

#[workflow]
fn split_and_replace(text: String, pattern: String) -> (usize, String) {
    (text.split(&pattern).count(), text.replace(&pattern, "-"))
}

#[test]
fn a_pattern_empty_at_run_time_splits_and_replaces_as_in_rust() {
    same_as_rust(
        &split_and_replace::state_machine(),
        &[
            json!({"text": "abc", "pattern": ""}),
            json!({"text": "", "pattern": ""}),
            json!({"text": "a,b", "pattern": ","}),
        ],
        |Text { text, pattern }| (text.split(&pattern).count(), text.replace(&pattern, "-")),
    );
}

#[derive(Serialize, Deserialize)]
struct Numbers {
    a: i64,
    b: i64,
    c: i64,
}

#[workflow]
fn arithmetic(a: i64, b: i64, c: i64) -> (bool, bool, i64, bool) {
    (
        0.1 + 0.2 == 0.3,
        0.1 + 0.2 != 0.3,
        a.pow(2),
        a * b > c && a as f64 > 0.5,
    )
}

#[test]
fn folded_and_computed_numbers_are_rust_s() {
    same_as_rust(
        &arithmetic::state_machine(),
        &[
            json!({"a": 3, "b": 2, "c": 5}),
            json!({"a": -1, "b": 2, "c": 5}),
        ],
        |Numbers { a, b, c }| {
            #[expect(
                clippy::float_cmp,
                reason = "the workflow compares exactly, as Rust does"
            )]
            let folded = (0.1 + 0.2 == 0.3, 0.1 + 0.2 != 0.3);
            // `a as f64 > 0.5` for an integer `a`.
            (folded.0, folded.1, a.pow(2), a * b > c && a > 0)
        },
    );
}
