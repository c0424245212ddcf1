//! # sfn-local
//!
//! Run Amazon States Language workflows on your machine, in-process and in virtual time,
//! with mocked tasks: the logic of a Step Functions workflow (paths, retries,
//! compensations, data flow) becomes an ordinary `cargo test`.
//!
//! ```
//! use serde_json::json;
//! use sfn_dsl::StateMachine;
//! use sfn_local::{Executor, Mocks};
//!
//! let machine = StateMachine::from_json(r#"{
//!   "StartAt": "Greet",
//!   "States": {
//!     "Greet": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.greeting", "Next": "Wait"},
//!     "Wait": {"Type": "Wait", "Seconds": 86400, "End": true}
//!   }
//! }"#)?;
//! let mocks = Mocks::new().state("Greet", json!("hello"));
//! let execution = Executor::new(machine).mocks(mocks).run(json!({"name": "Ada"}))?;
//! assert!(execution.succeeded());
//! assert_eq!(execution.output, Some(json!({"name": "Ada", "greeting": "hello"})));
//! assert_eq!(execution.states, ["Greet", "Wait"]);
//! assert_eq!(execution.duration_ms(), 86_400_000); // a day, in microseconds of real time
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! - [`Executor`]: configure and run; [`Execution`]: status, output, error, states
//!   entered, history ([`HistoryEvent`]) and [`Cost`].
//! - [`Mocks`], [`Mock`], [`Response`], [`TaskCall`]: answer tasks with values, errors,
//!   sequences or closures; [`Callbacks`] for `.waitForTaskToken`; [`MockConfig`] reads
//!   AWS Step Functions Local mock files.
//! - [`replay`]: replay a history exported from AWS; [`conformance`]: run suites of
//!   recorded executions; [`cli`]: the logic of `sfn run` and `sfn replay`.
//! - The data layer the executor evaluates with: [`jsonpath`] (AWS's JSONPath semantics),
//!   [`intrinsic`] (the `States.*` functions), [`template`] (payload templates), over a
//!   [`data::Scope`], failing with [`error::RuntimeError`].

pub mod cli;
pub mod conformance;
mod cost;
pub mod data;
pub mod error;
mod executor;
mod history;
pub mod intrinsic;
pub mod jsonpath;
mod map_run;
mod mock;
mod objects;
pub mod replay;
mod result;
pub mod template;
pub mod test_state;
mod time;

pub use cost::{Cost, Pricing};
pub use executor::{Executor, Limits, RunError};
pub use history::{EventDetails, EventType, HistoryEvent, HistoryMode, JsonText};
pub use map_run::{FailedChild, MapRun, MapRunStatus};
pub use mock::{
    CallbackError, Callbacks, Mock, MockConfig, MockConfigError, Mocks, Response, TaskCall,
    TaskError, Unmocked,
};
pub use objects::Objects;
pub use result::{Execution, ExecutionStatus, WorkflowType};
pub use time::Timestamp;

/// The user guide `docs/local.md`, whose examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../docs/local.md")]
struct LocalGuide;
