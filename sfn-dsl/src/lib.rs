//! # sfn-dsl
//!
//! AWS Step Functions workflows as typed Rust values, compiled to canonical Amazon States
//! Language (ASL) JSON, and any real ASL definition read back into the same model.
//!
//! ```
//! use sfn_dsl::prelude::*;
//!
//! let machine = StateMachine::builder()
//!     .start(
//!         TaskState::lambda_invoke("Charge", "${ChargeFunctionArn}")
//!             .retry(ErrorName::lambda_transient())
//!             .next(SucceedState::builder("Done")),
//!     )
//!     .build()?;
//! println!("{}", machine.to_json_pretty());
//! # Ok::<(), sfn_dsl::Error>(())
//! ```
//!
//! ```
//! use sfn_dsl::StateMachine;
//!
//! let machine = StateMachine::from_json(r#"{
//!     "Comment": "Say hello",
//!     "StartAt": "Hello",
//!     "States": { "Hello": { "Type": "Pass", "Result": "world", "End": true } }
//! }"#)?;
//! println!("{}", machine.to_json_pretty());
//! # Ok::<(), sfn_dsl::ParseError>(())
//! ```
//!
//! - [`builder`] (with everything in [`prelude`]): typed builders, chains composed by value,
//!   typed task integrations, and a `build()` that reports every problem at once.
//! - [`patterns`]: sagas, fan-out/fan-in, timers, human approval, polling, Distributed Map
//!   ETL.
//! - [`graph`]: the structural checks of a machine's state graph.
//! - [`model`]: every state type and field of ASL, JSONPath and JSONata.
//! - [`StateMachine::from_json`], [`StateMachine::to_json`] and
//!   [`StateMachine::to_json_pretty`]: lossless parsing and canonical printing.
//! - [`source`]: JSON with positions, for diagnostics that point at the source text.
//! - [`build`]: write validated machines from `build.rs` (JSON or YAML).
//! - [`render`]: Mermaid and Graphviz diagrams; [`diff`]: structural differences.
//! - [`validate`]: every rule of the States Language and the AWS service, as located
//!   diagnostics with stable codes.
//!
//! Cargo features: `macros` (default) re-exports `#[derive(Payload)]`, `#[task]` and
//! `#[workflow]`; `yaml` reads YAML definitions (SAM's `.asl.yaml`):
//! `StateMachine::from_yaml`, `validate::validate_yaml_str` and `source::YamlDocument`.

pub mod build;
pub mod builder;
pub mod diff;
pub mod error;
pub mod expr;
pub mod graph;
mod hash;
pub mod iam;
mod limits;
pub mod model;
mod parse;
pub mod patterns;
pub mod prelude;
pub mod render;
mod serialize;
mod shorten;
mod small_list;
pub mod source;
mod suggest;
pub mod template;
pub mod typed;
pub mod validate;
pub mod workflow;

#[doc(hidden)]
pub mod __private;

pub use error::{BuildError, Error, ParseError, ParseIssue, ParseIssueKind, Result};
pub use model::{State, StateMachine, StateName};

#[cfg(feature = "macros")]
pub use sfn_macros::{Payload, task, workflow};
