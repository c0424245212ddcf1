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
//!
//! ```
//! use sfn_dsl::patterns::Reminders;
//! use sfn_dsl::prelude::*;
//!
//! // A pattern is a chain like any other: here two reminders, then the end.
//! let flow = Chain::from(Reminders::new("Nudge", PassState::builder("Notify")).times(2))
//!     .next(SucceedState::builder("Done"));
//! let machine = StateMachine::builder().start(flow).build()?;
//! assert_eq!(machine.start_at, "Nudge 1: wait");
//! assert_eq!(machine.to_value()["States"]["Nudge 2: Notify"]["Next"], "Done");
//! # Ok::<(), sfn_dsl::Error>(())
//! ```

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

use crate::builder::Problem;
use crate::builder::arg::field_path;
use crate::error::BuildIssueKind;

/// The problem `build()` reports when `field`, the input field a pattern keeps a value in
/// (set with `setting`, whose default is `example`), is not a plain name: the pattern writes it into a path in one state
/// and reads it back through another, and only a plain name is spelt alike in both, in
/// either query language.
fn field_name_problem(setting: &str, example: &str, field: &str, pointer: &str) -> Option<Problem> {
    let mut chars = field.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    (!plain).then(|| {
        Problem::new(
            BuildIssueKind::InvalidValue,
            pointer,
            format!("`{setting}` is `{field}`, which is not a plain field name"),
        )
        .with_hint(format!(
            "use letters, digits and `_`, starting with a letter or `_` (such as `{example}`)"
        ))
    })
}

/// `$states.input.<field>` for a plain field name (backquoted where JSONata reads the name
/// as a value or an operator, such as `true` or `and`).
fn jsonata_input_field(field: &str) -> String {
    field_path::jsonata("$states.input.", field)
        .trim()
        .to_owned()
}
