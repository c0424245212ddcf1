//! Workflows written as ordinary Rust: the support items of `#[workflow]` and `#[task]`.
//!
//! A task is declared once, with its typed signature and its resource; a workflow is a Rust
//! function whose body calls tasks, branches, loops, sleeps and handles errors. The
//! `#[workflow]` attribute compiles the body to a JSONata state machine and replaces the
//! function with a unit type of the same name, whose `definition()` and `state_machine()`
//! build the machine:
//!
//! ```
//! use std::time::Duration;
//! use serde::{Deserialize, Serialize};
//! use sfn_dsl::workflow::Retry;
//! use sfn_dsl::{Payload, task, workflow};
//!
//! #[derive(Serialize, Deserialize, Payload)]
//! struct Order { id: String, total: f64 }
//!
//! #[derive(Serialize, Deserialize, Payload)]
//! struct Charge { charge_id: String }
//!
//! /// Charges the customer.
//! #[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:charge")]
//! fn charge_card(order: &Order) -> Charge;
//!
//! #[task(resource = "arn:aws:states:::sns:publish")]
//! fn notify(message: String);
//!
//! /// Charges an order, then thanks big spenders a minute later.
//! #[workflow(timeout_secs = 3600)]
//! fn checkout(order: Order) -> Charge {
//!     let charge = charge_card(&order).retry(Retry::default());
//!     if order.total > 100.0 {
//!         sleep(Duration::from_secs(60));
//!         notify(format!("Thank you for order {}", order.id));
//!     }
//!     charge
//! }
//!
//! let machine = checkout::state_machine();
//! assert_eq!(machine.start_at, "ChargeCard");
//! let names: Vec<&str> = machine.states.names().map(|name| name.as_str()).collect();
//! assert_eq!(names, ["ChargeCard", "CheckTotal", "Wait1Minute", "Notify", "Done"]);
//! ```
//!
//! The full guide, with the supported Rust subset and the translation table, is
//! `docs/macros.md`.

mod distributed;
mod error;
mod retry;

use std::time::Duration;

pub use distributed::{Distributed, Reader};
pub use error::{TaskError, TaskErrorPath};
pub use retry::Retry;

use crate::typed::Timestamp;

/// Pauses the workflow (a `Wait` state with `Seconds`).
///
/// Meaningful only inside a `#[workflow]` body; elsewhere it does nothing.
pub fn sleep(duration: Duration) {
    let _ = duration;
}

/// Pauses the workflow until an instant (a `Wait` state with `Timestamp`).
///
/// Meaningful only inside a `#[workflow]` body; elsewhere it does nothing.
pub fn sleep_until(instant: impl Into<Timestamp>) {
    let _ = instant.into();
}

/// Runs `each` for every item, at most `max_concurrency` at once (0: no limit), and returns
/// the results in item order (an inline `Map` state).
///
/// Meaningful only inside a `#[workflow]` body; elsewhere it returns no results.
pub fn fan_out<I: IntoIterator, R>(
    items: I,
    max_concurrency: u32,
    each: impl FnMut(I::Item) -> R,
) -> Vec<R> {
    let _ = (max_concurrency, items, each);
    Vec::new()
}

/// Runs `each` for every item as child executions of a Distributed `Map` state.
///
/// Meaningful only inside a `#[workflow]` body; elsewhere it returns no results.
pub fn fan_out_distributed<I: IntoIterator, R>(
    items: I,
    options: Distributed,
    each: impl FnMut(I::Item) -> R,
) -> Vec<R> {
    let _ = (items, options, each);
    Vec::new()
}

/// Runs `each` for every item read by `reader` (from S3) as child executions of a
/// Distributed `Map` state.
///
/// Meaningful only inside a `#[workflow]` body; elsewhere it returns no results.
pub fn fan_out_reader<T, R>(
    reader: Reader,
    options: Distributed,
    each: impl FnMut(T) -> R,
) -> Vec<R> {
    let _ = (reader, options, each);
    Vec::new()
}

/// The task token of the current task (`$states.context.Task.Token`), to pass to whoever
/// will answer a `.wait_for_callback()` call.
///
/// Meaningful only in the arguments of a task call inside a `#[workflow]` body; elsewhere
/// it returns an empty string.
#[must_use]
pub fn task_token() -> String {
    String::new()
}

/// Registers cleanup that runs when the workflow ends, whether it succeeds or fails (like
/// `finally`).
///
/// Meaningful only at the top level of a `#[workflow]` body; elsewhere it does nothing.
pub fn defer<R>(cleanup: impl FnOnce() -> R) {
    let _ = cleanup;
}

/// Runs the expressions as the branches of a `Parallel` state and gives their values as a
/// tuple. `join!` is the same.
///
/// Meaningful only inside a `#[workflow]` body; elsewhere it evaluates the expressions in
/// order.
#[doc(hidden)]
#[macro_export]
macro_rules! __sfn_parallel {
    ($($branch:expr),+ $(,)?) => {
        ($($branch,)+)
    };
}

/// Fails the workflow with an error name and a cause (a `Fail` state, or the compensation
/// chain of a saga).
///
/// Meaningful only inside a `#[workflow]` body.
#[doc(hidden)]
#[macro_export]
macro_rules! __sfn_fail {
    ($error:expr, $cause:expr $(,)?) => {
        $crate::__private::fail($error, $cause)
    };
    ($error:expr $(,)?) => {
        $crate::__private::fail($error, "")
    };
}

#[doc(inline)]
pub use crate::__sfn_fail as fail;
#[doc(inline)]
pub use crate::__sfn_parallel as join;
#[doc(inline)]
pub use crate::__sfn_parallel as parallel;
