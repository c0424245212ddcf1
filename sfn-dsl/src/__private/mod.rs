//! Support items for the code that `sfn-macros` generates, and helpers the workspace's
//! other crates share (`closest`, for sfn-local's "did you mean"). Not public API: no
//! semver promise, and nothing here is meant to be called by hand.
//!
//! Every item is re-exported here, so generated code names it `::sfn_dsl::__private::item`
//! whichever submodule defines it.

mod assemble;
mod path;
mod payload;
mod shadow;
mod task;

pub use crate::suggest::closest;
pub use crate::typed;
pub use serde::Serialize;
pub use serde_json;

pub use assemble::{Patch, assemble, expect_machine};
pub use path::{
    Elements, constant, element, field_name, len_function, rebase, root, string_literal, suffix,
    switch_kind, switch_list, switch_object, switch_present, switch_single,
};
pub use payload::{
    EnumPayload, StructFields, assert_flattened_option, assert_matchable, assert_no_flatten,
    container_defaulted, defaulted, flattened_option, unit_value, variant_test,
};
pub use shadow::{
    Cast, Division, Extremum, Length, Number, Ordered, Owner, Probe, ReadByPath, ReadByValue,
    RoundedCast, Truth, add, branch, cast_source, catch, compensate, copy, divide, duration,
    extremum, fail, length, name, not, ordered, retry, rounded_source, task_result, task_stub,
    untranslated,
};
pub use task::{Task, TaskKind, TaskSpec, assert_callback, param_name};
