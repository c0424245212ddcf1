use serde::{Deserialize, Serialize};
use sfn_dsl::Payload;

#[derive(Serialize, Deserialize, Payload)]
enum Delivery {
    Post { street: String },
    Pickup { locker: String },
}

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    #[serde(flatten)]
    delivery: Option<Delivery>,
}

fn main() {
    let _ = Order::path().delivery;
}
