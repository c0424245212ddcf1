//! Fields serde reads otherwise than as the JSON holds them compile under strict lints:
//! `default` on fields (with a function too) and on a struct, a flattened `Option`, a
//! generic struct with defaults, and reads through newtypes and `transparent` structs.
#![deny(warnings, unused_qualifications, missing_docs, missing_debug_implementations, unreachable_pub, rust_2018_idioms)]

use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, workflow};

/// An order.
#[derive(Debug, Serialize, Deserialize, Payload)]
pub struct Order {
    /// Tags, left out when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Retries, three when missing.
    #[serde(default = "three")]
    pub retries: i64,
    /// A coupon, left out when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coupon: Option<String>,
    /// Gift wrapping, flattened.
    #[serde(flatten)]
    pub gift: Option<Gift>,
    /// The product.
    pub sku: Sku,
    /// The price.
    pub price: Money,
}

fn three() -> i64 {
    3
}

/// Gift wrapping.
#[derive(Debug, Serialize, Deserialize, Payload)]
pub struct Gift {
    /// The paper.
    pub wrap: String,
}

/// A product code.
#[derive(Debug, Serialize, Deserialize, Payload)]
pub struct Sku(pub String);

/// Cents.
#[derive(Debug, Serialize, Deserialize, Payload)]
#[serde(transparent)]
pub struct Money {
    /// The amount.
    pub value: i64,
}

/// Settings with a struct-level default.
#[derive(Debug, Default, Serialize, Deserialize, Payload)]
#[serde(default)]
pub struct Settings {
    /// A level.
    pub level: i64,
}

/// A generic envelope with a defaulted body.
#[derive(Debug, Serialize, Deserialize, Payload)]
pub struct Envelope<T> {
    /// The body.
    #[serde(default)]
    pub body: T,
}

/// Reads them all.
#[workflow]
pub fn summary(order: Order, settings: Settings) -> (usize, i64, bool, String, i64, i64, String) {
    let wrap = match order.gift {
        Some(g) => g.wrap,
        None => "none".to_owned(),
    };
    (
        order.tags.len(),
        order.retries,
        order.coupon.is_some(),
        wrap,
        order.price.value * 2,
        settings.level,
        order.sku.0,
    )
}

fn main() {
    let _ = summary::state_machine();
    let _ = Envelope::<i64>::path().body;
}
