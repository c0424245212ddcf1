//! Fields serde reads otherwise than as the JSON holds them: `#[serde(default)]` (on a
//! field, with a function, on the struct), a flattened `Option`, and the inside of a newtype
//! or `transparent` struct. Each workflow runs in `sfn_local` on the JSON serde writes, and
//! must give what its body gives in Rust on the value serde reads back.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sfn_dsl::prelude::*;
use sfn_dsl::{Payload, StateMachine, workflow};

#[derive(Debug, Clone, Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    urgent: bool,
    #[serde(default, skip_serializing_if = "is_zero")]
    count: i64,
    #[serde(default = "three", skip_serializing_if = "is_three")]
    retries: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    coupon: Option<String>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_zero(value: &i64) -> bool {
    *value == 0
}

fn three() -> i64 {
    3
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_three(value: &i64) -> bool {
    *value == 3
}

#[workflow]
fn summary(order: Order) -> (usize, bool, bool, i64, i64, bool) {
    (
        order.tags.len(),
        order.note.is_empty(),
        !order.urgent,
        order.count + 1,
        order.retries * 10,
        order.coupon.is_none(),
    )
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "the workflow's twin takes its parameter as the workflow does"
)]
fn summary_in_rust(order: Order) -> (usize, bool, bool, i64, i64, bool) {
    (
        order.tags.len(),
        order.note.is_empty(),
        !order.urgent,
        order.count + 1,
        order.retries * 10,
        order.coupon.is_none(),
    )
}

#[workflow]
fn shout_tags(order: Order) -> Vec<String> {
    fan_out(order.tags.clone(), 2, |tag| tag.to_uppercase())
}

#[derive(Debug, Clone, Serialize, Deserialize, Payload)]
#[serde(default)]
struct Settings {
    level: i64,
    name: String,
    channels: Vec<String>,
    fallback: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            level: 5,
            name: "standard".to_owned(),
            channels: vec!["mail".to_owned()],
            fallback: Some("sms".to_owned()),
        }
    }
}

#[workflow]
fn describe(settings: Settings) -> (i64, String, usize, bool) {
    (
        settings.level + 1,
        settings.name,
        settings.channels.len(),
        settings.fallback.is_some(),
    )
}

fn describe_in_rust(settings: Settings) -> (i64, String, usize, bool) {
    (
        settings.level + 1,
        settings.name,
        settings.channels.len(),
        settings.fallback.is_some(),
    )
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Payload)]
struct Gift {
    wrap: String,
    card: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Payload)]
struct GiftOrder {
    id: String,
    #[serde(flatten)]
    gift: Option<Gift>,
}

#[workflow]
fn gift(order: GiftOrder) -> (bool, bool, String) {
    let wrap = match order.gift {
        Some(g) => g.wrap,
        None => "none".to_owned(),
    };
    (order.gift.is_some(), order.gift == None, wrap)
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "the workflow's twin takes its parameter as the workflow does"
)]
fn gift_in_rust(order: GiftOrder) -> (bool, bool, String) {
    let wrap = match order.gift.clone() {
        Some(g) => g.wrap,
        None => "none".to_owned(),
    };
    (order.gift.is_some(), order.gift.is_none(), wrap)
}

#[derive(Debug, Clone, Serialize, Deserialize, Payload)]
struct Sku(String);

#[derive(Debug, Clone, Serialize, Deserialize, Payload)]
#[serde(transparent)]
struct Money {
    cents: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, Payload)]
#[serde(transparent)]
struct Quantity {
    value: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, Payload)]
struct Line {
    sku: Sku,
    price: Money,
    quantity: Quantity,
}

#[workflow]
fn line_total(line: Line) -> (String, i64, bool) {
    (
        format!("sku {}", line.sku.0),
        line.price.cents * line.quantity.value,
        line.sku.0 == "A-1",
    )
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "the workflow's twin takes its parameter as the workflow does"
)]
fn line_total_in_rust(line: Line) -> (String, i64, bool) {
    (
        format!("sku {}", line.sku.0),
        line.price.cents * line.quantity.value,
        line.sku.0 == "A-1",
    )
}

fn run(machine: StateMachine, input: &Value) -> Value {
    let run = sfn_local::Executor::new(machine)
        .run(input.clone())
        .expect("runs");
    run.output
        .unwrap_or_else(|| panic!("{input}: {:?}: {:?}", run.error, run.cause))
}

/// Runs `machine` on `input`, and checks its output against `rust` on the value serde
/// reads from the same JSON.
fn agrees<T, R>(machine: &StateMachine, input: &Value, rust: impl Fn(T) -> R)
where
    T: serde::de::DeserializeOwned,
    R: Serialize,
{
    let value: T = serde_json::from_value(input.clone()).expect("serde reads the input");
    assert_eq!(
        run(machine.clone(), input),
        json!(rust(value)),
        "on {input}"
    );
}

#[test]
fn defaulted_fields_read_as_serde_reads_them() {
    let empty = Order {
        id: "o-1".to_owned(),
        tags: Vec::new(),
        note: String::new(),
        urgent: false,
        count: 0,
        retries: 3,
        coupon: None,
    };
    let written = serde_json::to_value(&empty).expect("serializes");
    assert_eq!(written, json!({"id": "o-1"}), "serde leaves them all out");
    let full = Order {
        id: "o-2".to_owned(),
        tags: vec!["a".to_owned()],
        note: "n".to_owned(),
        urgent: true,
        count: 4,
        retries: 1,
        coupon: Some("X".to_owned()),
    };
    let machine = summary::state_machine();
    for order in [empty, full] {
        let input = serde_json::to_value(&order).expect("serializes");
        agrees(&machine, &input, summary_in_rust);
    }
}

#[test]
fn a_defaulted_list_can_be_mapped_over_when_missing() {
    let machine = shout_tags::state_machine();
    assert_eq!(run(machine.clone(), &json!({"id": "o-1"})), json!([]));
    assert_eq!(
        run(machine, &json!({"id": "o-2", "tags": ["a", "b"]})),
        json!(["A", "B"])
    );
}

#[test]
fn a_struct_default_gives_its_fields() {
    let machine = describe::state_machine();
    for input in [
        json!({}),
        json!({"level": 1}),
        json!({"name": "x", "channels": [], "fallback": null}),
    ] {
        agrees(&machine, &input, describe_in_rust);
    }
}

#[test]
fn a_flattened_option_is_some_only_when_its_fields_are_present() {
    let machine = gift::state_machine();
    let none = GiftOrder {
        id: "o-1".to_owned(),
        gift: None,
    };
    let some = GiftOrder {
        id: "o-2".to_owned(),
        gift: Some(Gift {
            wrap: "red".to_owned(),
            card: None,
        }),
    };
    for order in [none, some] {
        let input = serde_json::to_value(&order).expect("serializes");
        agrees(&machine, &input, gift_in_rust);
    }
    // Only the optional field: serde reads `None`.
    agrees(&machine, &json!({"id": "o-3", "card": "hi"}), gift_in_rust);
}

#[test]
fn a_flattened_option_is_tested_for_its_fields_in_json_path_too() {
    let order = GiftOrder::path();
    let machine = StateMachine::builder()
        .start(
            ChoiceState::builder("HasGift")
                .when(
                    order.gift.is_some().to_json_path(),
                    PassState::builder("Gift").result(json!("gift")),
                )
                .when(
                    order.gift.some().wrap.equals("red").not().to_json_path(),
                    PassState::builder("NoGift").result(json!("none")),
                ),
        )
        .build()
        .expect("the machine builds");
    assert_eq!(run(machine.clone(), &json!({"id": "o-1"})), json!("none"));
    assert_eq!(
        run(machine, &json!({"id": "o-2", "wrap": "red"})),
        json!("gift")
    );
}

#[test]
fn newtypes_are_read_through_their_field() {
    let machine = line_total::state_machine();
    let line = Line {
        sku: Sku("A-1".to_owned()),
        price: Money { cents: 250 },
        quantity: Quantity { value: 3 },
    };
    let input = serde_json::to_value(&line).expect("serializes");
    assert_eq!(input, json!({"sku": "A-1", "price": 250, "quantity": 3}));
    agrees(&machine, &input, line_total_in_rust);
    let path = Line::path();
    #[expect(
        clippy::used_underscore_binding,
        reason = "the path of a newtype's field `0` is `_0`, as for tuple structs"
    )]
    let sku = path.sku._0.to_json_path();
    assert_eq!(sku.as_str(), "$.sku");
    assert_eq!(path.price.cents.to_json_path().as_str(), "$.price");
    assert_eq!(
        path.sku.equals("A-1").jsonata_text(),
        "$states.input.sku = 'A-1'"
    );
}
