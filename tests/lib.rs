//! Integration tests of the sfn workspace live in `integration/` and `ui.rs`.
