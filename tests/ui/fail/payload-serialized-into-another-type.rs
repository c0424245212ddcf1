use serde::{Deserialize, Serialize};
use sfn_dsl::Payload;

#[derive(Serialize, Deserialize)]
struct WireOrder {
    id: String,
    cents: i64,
}

/// serde writes a `WireOrder`: paths into `Order`'s own fields would miss.
#[derive(Clone, Serialize, Deserialize, Payload)]
#[serde(into = "WireOrder")]
struct Order {
    id: String,
    total: f64,
}

impl From<Order> for WireOrder {
    fn from(order: Order) -> Self {
        Self { id: order.id, cents: (order.total * 100.0).round() as i64 }
    }
}

fn main() {}
