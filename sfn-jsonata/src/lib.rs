//! # sfn-jsonata
//!
//! A JSONata 2.0 engine in Rust, with the functions AWS Step Functions adds.
//! It parses with exact error positions (for validators), evaluates with JSONata's
//! sequence semantics, and never panics: recursion, run time and allocation are bounded
//! by [`Limits`] and reported as errors.
//!
//! ```
//! use serde_json::json;
//! use sfn_jsonata::{parse, step_functions, Environment};
//!
//! let mut env = Environment::new().bind("states", json!({"input": {"items": [3, 1, 2]}}));
//! step_functions::install(&mut env, step_functions::Options::default());
//! let expression = parse("$partition($sort($states.input.items), 2)")?;
//! assert_eq!(expression.evaluate(None, &env)?, Some(json!([[1, 2], [3]])));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! - [`parse`] turns text into an [`Expression`] or a [`SyntaxError`] with code and offset.
//! - [`Expression::evaluate`] runs it against JSON input in an [`Environment`] (variables,
//!   native functions, clock, randomness, limits).
//! - [`step_functions::install`] adds `$partition`, `$range`, `$hash`, `$random`, `$uuid`
//!   and `$parse` as AWS defines them; `$eval` is never available.
//! - [`Expression::references`], [`Expression::bindings`], [`Expression::result_kinds`] and
//!   [`Expression::type_mismatches`] serve static checks (the ASL validator uses them):
//!   what an expression reads, binds and can yield, and operators and built-in calls that
//!   always fail.

// Nested `if`s follow the steps of the reference algorithms, which keeps them reviewable
// side by side with the JSONata specification.
#![allow(
    clippy::collapsible_if,
    reason = "nested conditions mirror the reference algorithms step by step"
)]

mod environment;
mod error;
mod eval;
mod expression;
mod functions;
mod kinds;
mod references;
mod stack;
pub mod step_functions;
mod syntax;
mod value;

pub use environment::{Environment, Limits, NativeCall, NativeFn};
pub use error::{EvaluationError, SyntaxError};
pub use expression::{Expression, parse};
pub use kinds::{Kinds, TypeMismatch};
pub use references::{Binding, Focus, Reference, Target};

/// Names of the built-in JSONata functions this engine provides (without the `$`).
///
/// # Examples
///
/// ```
/// let names = sfn_jsonata::builtin_functions();
/// assert!(names.contains(&"sum") && names.contains(&"formatNumber"));
/// // The Step Functions additions come with `step_functions::install`, not here.
/// assert!(!names.contains(&"partition"));
/// ```
#[must_use]
pub fn builtin_functions() -> Vec<&'static str> {
    functions::names().collect()
}
