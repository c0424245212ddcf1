//! Integration tests: one module per topic.

mod builder;
mod corpus;
mod examples;
mod expressions;
mod fuzz_regressions;
mod macros;
mod macros_semantics;
mod patterns;
mod validate;
mod validate_kinds;
mod validate_reads;
