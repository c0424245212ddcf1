//! Integration tests: one module per topic.

mod corpus;
mod expressions;
