//! Workflow variables through the macro's optimisations: assignments that ride on other
//! states, updates in loops and branches, shadowing, values from `match`, `if let`,
//! `.catch`, `parallel!` and `fan_out`. Each workflow is run on several inputs and its
//! output compared with what the same Rust would compute.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::{Payload, StateMachine, task, workflow};
use sfn_local::Response;

use super::world::World;

const RECORD: &str = "${RecordArn}";
const LOOKUP: &str = "${LookupArn}";
const SCALE: &str = "${ScaleArn}";

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Numbers {
    start: i64,
    values: Vec<i64>,
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Pair {
    a: i64,
    b: i64,
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Scaled {
    value: i64,
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Discount {
    amount: f64,
}

#[derive(Clone, Copy, Serialize, Deserialize, Payload)]
#[serde(rename_all = "lowercase")]
enum Tier {
    Gold,
    Silver,
    Basic,
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Cart {
    total: f64,
    coupon: Option<String>,
    tier: Tier,
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Reading {
    level: i64,
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Label {
    label: String,
    alerts: i64,
}

#[task(resource = "${RecordArn}")]
fn record(value: i64);

#[task(resource = "${LookupArn}")]
fn lookup(code: &str) -> Discount;

#[task(resource = "${ScaleArn}")]
fn scale(value: i64, factor: i64) -> Scaled;

/// A service that records what it is given.
fn recorder() -> World {
    World::new().returns(RECORD, Value::Null)
}

// Each round reads the value the previous statement just wrote: Step Functions evaluates
// all of one state's `Assign` against the old values, so riding assignments must be
// substituted, not just stacked.
#[workflow]
fn sequential(input: Numbers) -> Pair {
    let mut a = input.start;
    let mut b = 1;
    for value in input.values {
        a = a + b + value;
        b = a * 2;
        record(b);
    }
    Pair { a, b }
}

fn sequential_in_rust(start: i64, values: &[i64]) -> (i64, i64, Vec<i64>) {
    let (mut a, mut b) = (start, 1);
    let mut recorded = Vec::new();
    for value in values {
        a = a + b + value;
        b = a * 2;
        recorded.push(b);
    }
    (a, b, recorded)
}

#[test]
fn updates_in_a_loop_see_the_values_written_before_them() {
    let machine: StateMachine = sequential::state_machine();
    for values in [vec![], vec![1], vec![1, 2, 3]] {
        let run = recorder().run(&machine, &json!({"start": 1, "values": values}));
        let (a, b, recorded) = sequential_in_rust(1, &values);
        run.assert_output(&json!({"a": a, "b": b}));
        let expected: Vec<Value> = recorded.into_iter().map(Value::from).collect();
        assert_eq!(
            run.inputs_of(RECORD),
            expected.iter().collect::<Vec<_>>(),
            "{values:?}"
        );
    }
}

#[workflow]
fn classify(reading: Reading) -> Label {
    let mut label = "low".to_owned();
    let mut alerts = 0;
    if reading.level > 10 {
        label = "high".to_owned();
        alerts += 1;
        record(reading.level);
    } else if reading.level > 5 {
        label = "mid".to_owned();
    }
    if reading.level % 2 == 0 {
        alerts += 10;
    }
    Label { label, alerts }
}

#[test]
fn assignments_in_branches_reach_the_merge() {
    let machine = classify::state_machine();
    for (level, label, alerts, recorded) in [
        (12, "high", 11, true),
        (11, "high", 1, true),
        (7, "mid", 0, false),
        (6, "mid", 10, false),
        (3, "low", 0, false),
        (4, "low", 10, false),
        (-2, "low", 10, false),
    ] {
        let run = recorder().run(&machine, &json!({"level": level}));
        run.assert_output(&json!({"label": label, "alerts": alerts}));
        let expected = if recorded { vec![json!(level)] } else { vec![] };
        assert_eq!(
            run.inputs_of(RECORD),
            expected.iter().collect::<Vec<_>>(),
            "level {level}"
        );
    }
}

#[workflow]
fn early(reading: Reading) -> String {
    if reading.level < 0 {
        return "negative".to_owned();
    }
    record(reading.level);
    if reading.level == 0 {
        return "zero".to_owned();
    }
    let doubled = reading.level * 2;
    record(doubled);
    format!("positive {}", doubled)
}

#[test]
fn early_returns_end_the_workflow_with_their_value() {
    let machine = early::state_machine();
    for (level, output, recorded) in [
        (-1, json!("negative"), vec![]),
        (0, json!("zero"), vec![json!(0)]),
        (21, json!("positive 42"), vec![json!(21), json!(42)]),
    ] {
        let run = recorder().run(&machine, &json!({"level": level}));
        run.assert_output(&output);
        assert_eq!(
            run.inputs_of(RECORD),
            recorded.iter().collect::<Vec<_>>(),
            "level {level}"
        );
    }
}

#[workflow]
fn checkout(cart: Cart) -> f64 {
    let mut total = cart.total;
    if let Some(code) = cart.coupon {
        let discount = lookup(&code).catch(|_| Discount { amount: 0.0 });
        total = total - discount.amount;
    }
    match cart.tier {
        Tier::Gold => total * 0.5,
        Tier::Silver if total > 100.0 => total - 10.0,
        _ => total,
    }
}

#[test]
fn options_guards_and_catch_values() {
    let machine = checkout::state_machine();
    let world = || World::new().returns(LOOKUP, json!({"amount": 20.5}));
    for (cart, output) in [
        (
            json!({"total": 200.5, "coupon": null, "tier": "gold"}),
            100.25,
        ),
        (
            json!({"total": 200.5, "coupon": "SAVE", "tier": "gold"}),
            90.0,
        ),
        (
            json!({"total": 120.5, "coupon": "SAVE", "tier": "silver"}),
            100.0,
        ),
        (
            json!({"total": 130.5, "coupon": null, "tier": "silver"}),
            120.5,
        ),
        (
            json!({"total": 90.5, "coupon": null, "tier": "silver"}),
            90.5,
        ),
        (
            json!({"total": 90.5, "coupon": "SAVE", "tier": "basic"}),
            70.0,
        ),
        // A missing field is `None` too, as serde reads it.
        (json!({"total": 90.5, "tier": "basic"}), 90.5),
        (json!({"total": 200.5, "tier": "gold"}), 100.25),
    ] {
        let run = world().run(&machine, &cart);
        run.assert_output(&json!(output));
        let expected: Vec<Value> = cart
            .get("coupon")
            .and_then(Value::as_str)
            .map(Value::from)
            .into_iter()
            .collect();
        assert_eq!(run.inputs_of(LOOKUP), expected.iter().collect::<Vec<_>>());
    }
    // A failing lookup gives the `.catch` value: no discount.
    let failing = World::new().throws(LOOKUP, "Coupon.Unknown", "SAVE");
    let run = failing.run(
        &machine,
        &json!({"total": 90.5, "coupon": "SAVE", "tier": "basic"}),
    );
    run.assert_output(&json!(90.5));
}

#[workflow]
fn scaled(input: Numbers) -> i64 {
    let factor = input.start * 10;
    let (first, rest) = parallel!(
        {
            let one = scale(1, factor);
            one.value + 1
        },
        fan_out(input.values, 2, |value| {
            let scaled = scale(value, factor);
            scaled.value
        }),
    );
    first + rest.iter().sum::<i64>()
}

#[test]
fn branches_and_iterations_read_outer_variables_and_give_values() {
    let machine = scaled::state_machine();
    let world = World::new().answer(SCALE, |call, _| {
        let value = call.input["value"].as_i64().unwrap_or_default();
        let factor = call.input["factor"].as_i64().unwrap_or_default();
        Response::from(json!({"value": value * factor}))
    });
    for values in [vec![], vec![2], vec![1, 2, 3]] {
        let run = world.run(&machine, &json!({"start": 3, "values": values}));
        let expected = 30 + 1 + values.iter().map(|value| value * 30).sum::<i64>();
        run.assert_output(&json!(expected));
        assert_eq!(run.inputs_of(SCALE).len(), values.len() + 1);
    }
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Counts {
    total: i64,
    count: i64,
    ratio: f64,
    name: String,
    tags: std::collections::BTreeMap<String, String>,
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Stats {
    half: i64,
    quotient: i64,
    truncated: i64,
    floored: i64,
    rounded: f64,
    even: f64,
    share: f64,
    name_length: usize,
    tag_count: usize,
    no_tags: bool,
}

// What Rust and JSONata do differently is either translated to keep Rust's meaning
// (`round`, `trunc`, `div_euclid`, a map's `len`) or rejected at compile time (`/` on
// integers, `as` from a float to an integer, a string's `len`: see tests/ui/fail/).
#[workflow]
fn arithmetic(input: Counts) -> Stats {
    Stats {
        half: input.total.div_euclid(2),
        quotient: input.total.div_euclid(input.count),
        truncated: input.ratio.trunc() as i64,
        floored: input.ratio.floor() as i64,
        rounded: input.ratio.round(),
        even: input.ratio.round_ties_even(),
        share: input.total as f64 / input.count as f64,
        name_length: input.name.chars().count(),
        tag_count: input.tags.len(),
        no_tags: input.tags.is_empty(),
    }
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    reason = "the same casts as the workflow, computed by Rust"
)]
fn arithmetic_in_rust(input: &Counts) -> Value {
    json!({
        "half": input.total.div_euclid(2),
        "quotient": input.total.div_euclid(input.count),
        "truncated": input.ratio.trunc() as i64,
        "floored": input.ratio.floor() as i64,
        "rounded": input.ratio.round(),
        "even": input.ratio.round_ties_even(),
        "share": input.total as f64 / input.count as f64,
        "name_length": input.name.chars().count(),
        "tag_count": input.tags.len(),
        "no_tags": input.tags.is_empty(),
    })
}

#[test]
fn numbers_and_lengths_keep_their_rust_meaning() {
    let machine = arithmetic::state_machine();
    let tags = |count: usize| -> std::collections::BTreeMap<String, String> {
        (0..count)
            .map(|index| (format!("k{index}"), "v".to_owned()))
            .collect()
    };
    for (total, count, ratio, name, tag_count) in [
        (7, 2, 2.75, "Zoë", 0),
        (-7, 2, -2.5, "Ada", 1),
        (7, -2, 2.5, "", 3),
        (9, 3, -0.25, "naïve café", 2),
        (0, 5, 3.5, "x", 1),
    ] {
        let input = Counts {
            total,
            count,
            ratio,
            name: name.to_owned(),
            tags: tags(tag_count),
        };
        let run = World::new().run(&machine, &serde_json::to_value(&input).unwrap());
        run.assert_output(&arithmetic_in_rust(&input));
    }
}

#[derive(Clone, Serialize, Deserialize, Payload)]
struct Profile {
    nickname: Option<String>,
    score: f64,
}

#[workflow]
fn greeting(profile: Profile) -> String {
    let name = profile.nickname.clone().unwrap_or("friend".to_owned());
    let known = profile.nickname == None;
    format!("{} {} {}", name, known, profile.score)
}

#[test]
fn missing_fields_are_none_and_numbers_print_as_in_rust() {
    let machine = greeting::state_machine();
    for input in [
        json!({"nickname": "ada", "score": 0.1}),
        json!({"nickname": null, "score": 2.5}),
        json!({"score": 1.0}),
        json!({"score": -1234.5}),
    ] {
        let profile: Profile = serde_json::from_value(input.clone()).unwrap();
        let rust = format!(
            "{} {} {}",
            profile.nickname.clone().unwrap_or("friend".to_owned()),
            profile.nickname.is_none(),
            profile.score
        );
        let run = World::new().run(&machine, &input);
        run.assert_output(&json!(rust));
    }
    // The documented limit: JSONata prints numbers with at most 15 significant digits,
    // where Rust prints the shortest text that reads back exactly.
    let run = World::new().run(&machine, &json!({"score": 0.1 + 0.2}));
    run.assert_output(&json!("friend true 0.3"));
}
