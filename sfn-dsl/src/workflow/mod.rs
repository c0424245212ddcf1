//! Workflows written as ordinary Rust: the support items of `#[workflow]` and `#[task]`.
//!
//! A task is declared once, with its typed signature and its resource; a workflow is a Rust
//! function whose body calls tasks, branches, loops, sleeps and handles errors. The
//! `#[workflow]` attribute compiles the body to a JSONata state machine and replaces the
//! function with an empty struct of the same name, whose `definition()` and `state_machine()`
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

pub use distributed::{Batch, BatchPath, Distributed, Reader};
pub use error::{TaskError, TaskErrorPath};
pub use retry::Retry;

use crate::typed::Timestamp;

/// Pauses the workflow (a `Wait` state with `Seconds`).
///
/// Meaningful only inside a `#[workflow]` body; elsewhere it does nothing.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use serde::{Deserialize, Serialize};
/// use sfn_dsl::{Payload, task, workflow};
///
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Ack { ok: bool }
///
/// #[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:ship")]
/// fn ship(order_id: &str) -> Ack;
///
/// #[workflow]
/// fn ship_later(order_id: String) -> Ack {
///     sleep(Duration::from_secs(90));
///     ship(&order_id)
/// }
///
/// let machine = ship_later::definition()?.to_value();
/// assert_eq!(machine["StartAt"], "Wait90Seconds");
/// assert_eq!(machine["States"]["Wait90Seconds"]["Seconds"], 90);
/// // Outside a workflow it returns at once.
/// sfn_dsl::workflow::sleep(Duration::from_secs(3600));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
pub fn sleep(duration: Duration) {
    let _ = duration;
}

/// Pauses the workflow until an instant (a `Wait` state with `Timestamp`).
///
/// Meaningful only inside a `#[workflow]` body; elsewhere it does nothing.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::Timestamp;
/// use serde::{Deserialize, Serialize};
/// use sfn_dsl::{Payload, task, workflow};
///
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Ack { ok: bool }
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Order { id: String, ship_at: Timestamp }
///
/// #[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:ship")]
/// fn ship(order: &Order) -> Ack;
///
/// #[workflow]
/// fn ship_on_time(order: Order) -> Ack {
///     sleep_until(order.ship_at);
///     ship(&order)
/// }
///
/// let machine = ship_on_time::definition()?.to_value();
/// let wait = &machine["States"]["WaitUntilShipAt"];
/// assert_eq!(wait["Type"], "Wait");
/// assert_eq!(wait["Timestamp"], "{% $states.input.ship_at %}");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
pub fn sleep_until(instant: impl Into<Timestamp>) {
    let _ = instant.into();
}

/// Runs `each` for every item, at most `max_concurrency` at once (0: no limit), and returns
/// the results in item order (an inline `Map` state).
///
/// Meaningful only inside a `#[workflow]` body; elsewhere it returns no results.
///
/// # Examples
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use sfn_dsl::{Payload, task, workflow};
///
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Ack { ok: bool }
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Order { lines: Vec<String> }
///
/// #[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:reserve")]
/// fn reserve(line: &str) -> Ack;
///
/// #[workflow]
/// fn reserve_all(order: Order) -> usize {
///     let acks = fan_out(order.lines, 4, |line| reserve(&line));
///     acks.len()
/// }
///
/// let machine = reserve_all::definition()?.to_value();
/// let map = &machine["States"]["FanOutLine"];
/// assert_eq!((map["Type"].as_str(), map["MaxConcurrency"].as_u64()), (Some("Map"), Some(4)));
/// assert_eq!(map["ItemProcessor"]["StartAt"], "Reserve");
/// // Outside a workflow nothing runs.
/// assert!(sfn_dsl::workflow::fan_out(["a", "b"], 0, |line| line.len()).is_empty());
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
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
///
/// # Examples
///
/// ```
/// use sfn_dsl::workflow::Distributed;
/// use serde::{Deserialize, Serialize};
/// use sfn_dsl::{Payload, task, workflow};
///
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Ack { ok: bool }
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Order { lines: Vec<String> }
///
/// #[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:reserve")]
/// fn reserve(line: &str) -> Ack;
///
/// #[workflow]
/// fn reserve_all(order: Order) -> usize {
///     let acks = fan_out_distributed(order.lines, Distributed::new().max_concurrency(50), |line: String| reserve(&line));
///     acks.len()
/// }
///
/// let machine = reserve_all::definition()?.to_value();
/// let map = &machine["States"]["FanOutLine"];
/// assert_eq!(map["ItemProcessor"]["ProcessorConfig"]["Mode"], "DISTRIBUTED");
/// assert_eq!(map["MaxConcurrency"], 50);
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
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
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::workflow::{Distributed, Reader};
/// use serde::{Deserialize, Serialize};
/// use sfn_dsl::{Payload, task, workflow};
///
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Ack { ok: bool }
///
/// #[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:reserve")]
/// fn reserve(line: &str) -> Ack;
///
/// #[workflow]
/// fn reserve_archived() -> usize {
///     let acks = fan_out_reader(Reader::jsonl("orders", "lines.jsonl"), Distributed::new(), |line: String| reserve(&line));
///     acks.len()
/// }
///
/// let machine = reserve_archived::definition()?.to_value();
/// let reader = &machine["States"]["FanOutLine"]["ItemReader"];
/// assert_eq!(reader["Resource"], "arn:aws:states:::s3:getObject");
/// assert_eq!(reader["ReaderConfig"], json!({"InputType": "JSONL"}));
/// assert_eq!(reader["Arguments"], json!({"Bucket": "orders", "Key": "lines.jsonl"}));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
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
///
/// # Examples
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use sfn_dsl::{Payload, task, workflow};
///
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Ack { ok: bool }
///
/// #[task(resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken")]
/// fn ask_approval(order_id: &str, token: String) -> Ack;
///
/// #[workflow]
/// fn approve(order_id: String) -> Ack {
///     ask_approval(&order_id, task_token()).wait_for_callback()
/// }
///
/// let machine = approve::definition()?.to_value();
/// assert_eq!(machine["States"]["AskApproval"]["Arguments"]["token"], "{% $states.context.Task.Token %}");
/// assert_eq!(sfn_dsl::workflow::task_token(), "");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[must_use]
pub fn task_token() -> String {
    String::new()
}

/// Registers cleanup that runs when the workflow ends, whether it succeeds or fails (like
/// `finally`).
///
/// On a successful end the cleanups run last registered first; one that fails there runs
/// the cleanups registered before it (once each) and fails the execution with its own
/// error, without compensating the steps, which all succeeded.
///
/// Meaningful only at the top level of a `#[workflow]` body; elsewhere it does nothing.
///
/// # Examples
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use sfn_dsl::{Payload, task, workflow};
///
/// #[derive(Serialize, Deserialize, Payload)]
/// struct Ack { ok: bool }
///
/// #[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:ship")]
/// fn ship(order_id: &str) -> Ack;
///
/// #[task(lambda = "arn:aws:lambda:us-east-1:123456789012:function:unlock")]
/// fn unlock(order_id: &str);
///
/// #[workflow]
/// fn ship_locked(order_id: String) -> Ack {
///     defer(|| unlock(&order_id));
///     ship(&order_id)
/// }
///
/// let machine = ship_locked::definition()?.to_value();
/// let states = &machine["States"];
/// // On success `Ship` goes on to the cleanup; on failure to a copy of it that then fails.
/// assert_eq!(states["Ship"]["Next"], "Unlock");
/// assert_eq!(states["Ship"]["Catch"][0]["Next"], "Unlock2");
/// assert_eq!(states["Unlock2"]["Next"], "Failed");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
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
