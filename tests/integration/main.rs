//! Integration tests: one module per topic.

mod builder;
mod corpus;
mod examples;
mod expressions;
mod macros;
mod patterns;
mod validate;
