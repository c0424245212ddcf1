//! `Variant(..)` in a `match` arm tests the variant alone, as `Variant { .. }` does, also
//! for a variant with several fields.

use serde::{Deserialize, Serialize};
use sfn_dsl::{Payload, workflow};

#[derive(Serialize, Deserialize, Payload)]
enum Size {
    Small(i64),
    Tube(i64, i64),
}

#[derive(Serialize, Deserialize, Payload)]
struct Parcel {
    size: Size,
}

#[workflow]
fn kind(parcel: Parcel) -> String {
    match parcel.size {
        Size::Small(..) => "small".to_owned(),
        Size::Tube(..) => "tube".to_owned(),
    }
}

fn main() {
    let _ = kind::state_machine();
}
