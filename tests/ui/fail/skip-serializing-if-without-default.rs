use serde::{Deserialize, Serialize};
use sfn_dsl::Payload;

#[derive(Serialize, Deserialize, Payload)]
struct Order {
    id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

fn main() {}
