//! Reusable workflow patterns built on the [`builder`](crate::builder): each produces a
//! [`Chain`](crate::builder::Chain) (and some a state builder) that composes with anything
//! else.
//!
//! - [`Saga`]: steps with compensations, unwound in reverse along one shared chain.
//! - [`FanOut`]: parallel branches with their results merged.
//! - [`timers`]: delays, waiting until a time from the input, [`Reminders`], deadlines.
//! - [`HumanApproval`]: a task-token callback with heartbeat, timeout and escalation.
//! - [`Polling`]: submit, wait, check, loop a bounded number of times.
//! - [`DistributedEtl`]: a Distributed Map over S3 with batching, a result writer and a
//!   failure tolerance.
//!
//! Patterns generate JSONPath states unless told otherwise (`Saga`, `FanOut`,
//! `HumanApproval` and `Polling` also generate JSONata states with `.query_language(...)`;
//! `DistributedEtl`, [`timers::delay`], [`timers::wait_until_input`], [`timers::deadline`]
//! and `Reminders` work in either).

mod approval;
mod etl;
mod fan_out;
mod polling;
mod saga;
pub mod timers;

pub use approval::HumanApproval;
pub use etl::DistributedEtl;
pub use fan_out::{FanOut, Merge};
pub use polling::Polling;
pub use saga::Saga;
pub use timers::Reminders;
