//! Example workflows of sfn-dsl, one module per workflow, each exposing `definition()`.
//!
//! Run one with `cargo run --example <name>` from the repository root; it prints the ASL.

pub mod distributed_etl;
pub mod fan_out;
pub mod hello;
pub mod human_approval;
pub mod macros;
pub mod order_saga;
pub mod polling;
pub mod timers;
