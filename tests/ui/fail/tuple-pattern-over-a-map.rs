//! `for (key, value) in map` is Rust, but a map's entries are JSON members in a workflow,
//! not `[key, value]` arrays: the macro refuses a tuple of names over a payload's map or
//! list, in a loop or a `fan_out` closure, where it would fail at run time.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, workflow};

#[derive(Serialize, Deserialize, Payload)]
struct Prices {
    by_sku: BTreeMap<String, i64>,
}

#[workflow]
fn total(prices: Prices) -> i64 {
    let mut sum = 0;
    for (_sku, price) in prices.by_sku {
        sum += price;
    }
    sum
}

#[workflow]
fn doubled(prices: Prices) -> Vec<i64> {
    fan_out(prices.by_sku, 2, |(_sku, price)| price * 2)
}

fn main() {}
