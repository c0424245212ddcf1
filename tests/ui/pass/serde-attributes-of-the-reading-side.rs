//! serde attributes that change how a value is read, not the JSON serde writes
//! (`deserialize_with`, `from`, `try_from`), keep their typed paths: a workflow reads what
//! serde wrote.

use serde::{Deserialize, Deserializer, Serialize};
use sfn_dsl::{Payload, task, workflow};

fn lenient_count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let count = <Option<u32> as Deserialize>::deserialize(deserializer)?;
    Ok(count.unwrap_or(0))
}

#[derive(Deserialize)]
struct LegacyOrder {
    id: String,
    count: u32,
}

#[derive(Serialize, Deserialize, Payload)]
#[serde(from = "LegacyOrder")]
struct Order {
    id: String,
    #[serde(deserialize_with = "lenient_count")]
    count: u32,
}

impl From<LegacyOrder> for Order {
    fn from(legacy: LegacyOrder) -> Self {
        Self { id: legacy.id, count: legacy.count }
    }
}

#[derive(Serialize, Deserialize, Payload)]
#[serde(try_from = "String")]
struct Sku(String);

impl TryFrom<String> for Sku {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        if text.is_empty() { Err("empty sku".to_owned()) } else { Ok(Self(text)) }
    }
}

#[task(resource = "arn:aws:states:::sns:publish")]
fn notify(message: String);

#[workflow]
fn big_orders(order: Order, sku: Sku) {
    if order.count > 10 {
        notify(order.id);
    }
    let _ = sku;
}

fn main() {
    assert_eq!(Order::path().count.to_json_path().as_str(), "$.count");
    assert_eq!(Sku::path().to_json_path().as_str(), "$");
    let _ = big_orders::state_machine();
}
