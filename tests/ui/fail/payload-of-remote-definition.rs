use serde::{Deserialize, Serialize};
use sfn_dsl::Payload;

mod billing {
    pub struct Amount {
        pub cents: i64,
    }
}

/// serde's definition for a type of another module or crate: workflow values would be
/// `billing::Amount`, which has no `Payload`.
#[derive(Serialize, Deserialize, Payload)]
#[serde(remote = "billing::Amount")]
struct AmountDef {
    cents: i64,
}

fn main() {}
