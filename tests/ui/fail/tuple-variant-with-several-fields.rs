//! A tuple variant with several fields in a `match` arm: one error, at the pattern; the
//! names it binds are declared, so their uses are not reported too.
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
fn volume(parcel: Parcel) -> i64 {
    match parcel.size {
        Size::Small(side) => side,
        Size::Tube(width, height) => width * height,
    }
}

fn main() {}
