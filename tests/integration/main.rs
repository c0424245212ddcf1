//! Integration tests: one module per topic.

mod builder;
mod corpus;
mod examples;
mod expressions;
mod patterns;
mod validate;
mod macros;
