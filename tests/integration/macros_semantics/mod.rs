//! Semantics of the example workflows: each macro-written example and its builder-written
//! twin run in `sfn_local` with mocked services on several inputs (happy paths, every
//! failure point, every branch, loops of zero, one and several rounds, callbacks and
//! timeouts), asserting exact outputs, errors, causes, the states entered, the services
//! called and the virtual time. Expected values follow from what the Rust workflow says.

mod distributed_etl;
mod early_exits;
mod fan_out;
mod generated_names;
mod human_approval;
mod order_saga;
mod outer_updates;
mod polling;
mod ranges_and_errors;
mod saga_handlers;
mod timers;
mod twins;
mod unit_output;
mod unwind;
mod variables;
mod world;
