//! Typed paths offer the comparisons their field types allow.

use serde::{Deserialize, Serialize};
use sfn_dsl::typed::Timestamp;
use sfn_dsl::Payload;

#[derive(Serialize, Deserialize, Payload)]
struct Event {
    name: String,
    count: u32,
    at: Timestamp,
    urgent: bool,
    tags: Vec<String>,
    note: Option<String>,
}

fn main() -> Result<(), sfn_dsl::Error> {
    let event = Event::path();
    let _ = event.name.equals("x").or(event.name.matches("a*")?);
    let _ = event.count.ge(3).and(event.urgent.is_true());
    let _ = event.at.after("2024-01-01T00:00:00Z")?;
    let _ = event.tags.is_empty().not();
    let _ = event.note.is_none();
    Ok(())
}
