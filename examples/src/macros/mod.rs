//! The example workflows written with the macros (`#[workflow]`, `#[task]`,
//! `#[derive(Payload)]`), next to the same workflows written with the builder.

pub mod fan_out;
pub mod human_approval;
pub mod order_saga;
pub mod polling;
pub mod timers;
