use serde::{Deserialize, Serialize};
use sfn_dsl::Payload;

/// Writes seconds as a string, such as `"90s"`.
mod seconds_text {
    pub fn serialize<S: serde::Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{value}s"))
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        text.trim_end_matches('s').parse().map_err(serde::de::Error::custom)
    }
}

/// The whole JSON form is what `seconds_text` writes.
#[derive(Serialize, Deserialize, Payload)]
struct Delay(#[serde(serialize_with = "seconds_text::serialize")] u64);

fn main() {}
