//! Integration tests of the sfn workspace live in `integration/` and `ui.rs`.

/// The user guide of the validator; its examples run as doctests.
#[doc = include_str!("../docs/validate.md")]
mod validate_guide {}
