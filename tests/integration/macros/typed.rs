//! `#[derive(Payload)]`: typed paths that follow serde's attributes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sfn_dsl::Payload;
use sfn_dsl::model::{Comparison, Condition, Operand, Relation};
use sfn_dsl::typed::{PathNode, Timestamp};

#[derive(Serialize, Deserialize, Payload)]
#[serde(rename_all = "camelCase")]
struct Order {
    reference_code: String,
    #[serde(rename = "cust")]
    customer: Customer,
    line_items: Vec<Line>,
    coupon: Option<String>,
    #[serde(flatten)]
    audit: Audit,
    #[serde(skip)]
    #[allow(dead_code, reason = "present in Rust, absent from the JSON form")]
    secret: String,
    tags: BTreeMap<String, u32>,
    placed_at: Timestamp,
    total: f64,
    express: bool,
    status: Status,
    payment: Payment,
}

#[derive(Serialize, Deserialize, Payload)]
struct Customer {
    #[serde(rename = "e-mail")]
    email: String,
}

#[derive(Serialize, Deserialize, Payload)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
struct Line {
    unit_price: f64,
}

#[derive(Serialize, Deserialize, Payload)]
struct Audit {
    created_by: String,
}

#[derive(Serialize, Deserialize, Payload, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum Status {
    New,
    InTransit,
}

#[derive(Serialize, Deserialize, Payload)]
#[serde(tag = "kind")]
enum Payment {
    Card { last_four: String },
    Invoice(InvoiceData),
    Cash,
}

#[derive(Serialize, Deserialize, Payload)]
struct InvoiceData {
    due_days: u32,
}

#[derive(Serialize, Deserialize, Payload)]
enum External {
    Unit,
    Data { value: i64 },
}

#[derive(Serialize, Deserialize, Payload)]
#[serde(tag = "t", content = "c")]
enum Adjacent {
    Wrapped(String),
}

#[derive(Serialize, Deserialize, Payload)]
struct Page<T> {
    items: Vec<T>,
}

#[derive(Serialize, Deserialize, Payload)]
struct Id(String);

#[test]
fn paths_follow_renames_flatten_and_skip() {
    let order = Order::path();
    assert_eq!(
        order.reference_code.to_json_path().as_str(),
        "$.referenceCode"
    );
    assert_eq!(
        order.customer.email.to_json_path().as_str(),
        "$.cust['e-mail']"
    );
    assert_eq!(
        order.customer.email.to_jsonata().to_template_string(),
        "{% $states.input.cust.`e-mail` %}"
    );
    assert_eq!(
        order.line_items.index(2).unit_price.to_json_path().as_str(),
        "$.lineItems[2].UNIT_PRICE"
    );
    assert_eq!(
        order.line_items.all().unit_price.to_json_path().as_str(),
        "$.lineItems[*].UNIT_PRICE"
    );
    assert_eq!(
        order.audit.created_by.to_json_path().as_str(),
        "$.created_by"
    );
    assert_eq!(
        order.tags.key("team").to_json_path().as_str(),
        "$.tags.team"
    );
    assert_eq!(order.coupon.some().to_json_path().as_str(), "$.coupon");
    assert_eq!(
        Order::var("order").total.to_json_path().as_str(),
        "$order.total"
    );
    assert_eq!(
        Page::<Line>::path()
            .items
            .all()
            .unit_price
            .to_json_path()
            .as_str(),
        "$.items[*].UNIT_PRICE"
    );
    assert_eq!(Id::path().json_path().as_str(), "$");
}

#[test]
fn comparisons_render_for_both_languages() {
    let order = Order::path();
    let rule = order.total.gt(100.0);
    assert_eq!(rule.jsonata_text(), "$states.input.total > 100");
    assert_eq!(
        rule.to_json_path(),
        Condition::Test(sfn_dsl::model::DataTest {
            variable: "$.total".into(),
            comparison: Comparison::Numeric(Relation::GreaterThan, Operand::Literal(100.into())),
        })
    );
    let before = order
        .placed_at
        .before("2024-01-01T00:00:00Z")
        .expect("a timestamp");
    assert!(
        before
            .jsonata_text()
            .ends_with("$toMillis($states.input.placedAt) < $toMillis('2024-01-01T00:00:00Z')"),
        "{}",
        before.jsonata_text()
    );
    assert_eq!(
        order.express.is_true().jsonata_text(),
        "$states.input.express = true"
    );
    assert_eq!(
        order.coupon.is_some().jsonata_text(),
        "$states.input.coupon != null"
    );
    assert_eq!(
        order.line_items.is_empty().jsonata_text(),
        "$count($states.input.lineItems) = 0"
    );
}

#[test]
fn enums_follow_their_tagging() {
    let order = Order::path();
    assert_eq!(
        order.status.equals(Status::InTransit).jsonata_text(),
        "$states.input.status = 'in-transit'"
    );
    assert_eq!(
        order.payment.is_card().jsonata_text(),
        "$states.input.payment.kind = 'Card'"
    );
    assert_eq!(
        order.payment.card.last_four.to_json_path().as_str(),
        "$.payment.last_four"
    );
    assert_eq!(
        order.payment.invoice.due_days.to_json_path().as_str(),
        "$.payment.due_days"
    );
    let external = External::path();
    assert_eq!(external.is_unit().jsonata_text(), "$states.input = 'Unit'");
    assert_eq!(
        external.is_data().jsonata_text(),
        "$exists($states.input.Data)"
    );
    assert_eq!(external.data.value.to_json_path().as_str(), "$.Data.value");
    let adjacent = Adjacent::path();
    assert_eq!(
        adjacent.is_wrapped().jsonata_text(),
        "$states.input.t = 'Wrapped'"
    );
    assert_eq!(adjacent.wrapped.to_json_path().as_str(), "$.c");
}

#[test]
fn enum_values_render_as_serde_writes_them() {
    use sfn_dsl::__private::{EnumPayload, unit_value, variant_test};
    assert_eq!(unit_value::<Status>("InTransit"), "'in-transit'");
    assert_eq!(unit_value::<Payment>("Cash"), "{'kind': 'Cash'}");
    assert_eq!(
        variant_test::<Payment>("Invoice", "$p"),
        "$p.kind = 'Invoice'"
    );
    assert_eq!(variant_test::<External>("Data", "$x"), "$exists($x.Data)");
    assert!(std::hint::black_box(<Payment as EnumPayload>::MATCHABLE));
}
