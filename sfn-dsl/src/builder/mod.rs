//! Typed builders that produce [`model`](crate::model) values: one builder per state type,
//! chains that compose by value, typed task integrations, and a `build()` that checks the
//! whole machine and reports every problem at once.
//!
//! ```
//! use serde_json::json;
//! use sfn_dsl::prelude::*;
//!
//! let machine = StateMachine::builder()
//!     .comment("Charge, then ship")
//!     .start(
//!         TaskState::lambda_invoke("Charge", "${ChargeFunctionArn}")
//!             .result_path("$.charge")
//!             .retry(Retrier::builder(ErrorName::lambda_transient()).max_attempts(3))
//!             .catch(Catcher::builder([ErrorName::All]).result_path("$.error"),
//!                    FailState::builder("Charge failed").error("Charge.Failed"))
//!             .next(TaskState::call("Ship", sqs::SendMessage::new("${ShipQueueUrl}", Arg::input())))
//!             .next(SucceedState::builder("Done")),
//!     )
//!     .build()?;
//! assert_eq!(machine.start_at, "Charge");
//! assert_eq!(
//!     machine.states.names().map(|name| name.as_str()).collect::<Vec<_>>(),
//!     ["Charge", "Ship", "Done", "Charge failed"]
//! );
//! # Ok::<(), sfn_dsl::Error>(())
//! ```
//!
//! - Every state type has a builder: [`PassStateBuilder`], [`TaskStateBuilder`],
//!   [`ChoiceStateBuilder`], [`WaitStateBuilder`], [`SucceedStateBuilder`],
//!   [`FailStateBuilder`], [`ParallelStateBuilder`], [`MapStateBuilder`], created by
//!   `TaskState::builder(name)` and so on. Required fields are enforced by the type system
//!   (see [`marker`]).
//! - [`Chain`] composes states by value: `a.next(b)`, fragments reused freely, jumps with
//!   [`Chain::goto`].
//! - [`Arg`] values are written in the right query language when the machine is built, so
//!   typed integrations ([`lambda`], [`sns`], [`sqs`], [`dynamodb`], [`ecs`],
//!   [`eventbridge`], [`step_functions`], [`glue`], [`batch`], [`http`], [`apigateway`],
//!   [`athena`], [`codebuild`], [`bedrock`], [`sagemaker`], [`eks`], [`emr`], [`sdk`]) work
//!   in JSONPath and JSONata machines alike.
//! - [`StateMachineBuilder::build`] returns every problem at once as a
//!   [`BuildError`](crate::error::BuildError).

pub(crate) mod arg;
mod chain;
mod check;
mod choice;
mod common;
mod depth;
mod dynamic;
mod fail;
mod integration;
mod lower;
mod machine;
mod map;
mod map_io;
pub mod marker;
mod parallel;
mod pass;
mod retry;
mod rule;
mod succeed;
mod task;
mod wait;

pub use arg::{Arg, Numeric, Request};
pub use chain::Chain;
pub(crate) use chain::{Node, NodeState, Problem, Slot};
pub use choice::ChoiceStateBuilder;
pub use fail::FailStateBuilder;
pub use integration::{
    Integration, SupportsCallback, agentcore, apigateway, athena, batch, bedrock, codebuild,
    dynamodb, ecs, eks, emr, eventbridge, glue, http, lambda, sagemaker, sdk, sns, sqs,
    step_functions,
};
pub use machine::StateMachineBuilder;
pub use map::MapStateBuilder;
pub use map_io::{ItemBatcherBuilder, ItemReaderBuilder, ResultWriterBuilder};
pub use parallel::ParallelStateBuilder;
pub use pass::PassStateBuilder;
pub use retry::{CatcherBuilder, RetrierBuilder};
pub use rule::Rule;
pub use succeed::SucceedStateBuilder;
pub use task::TaskStateBuilder;
pub use wait::WaitStateBuilder;

#[cfg(test)]
mod tests;
