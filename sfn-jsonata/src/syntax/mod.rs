//! Parsing: tokens, the Pratt parser, and the processed tree.

mod ancestry;
pub(crate) mod ast;
mod lexer;
mod process;
mod raw;
pub(crate) mod signature;
mod step;

use std::sync::Arc;

use crate::error::SyntaxError;

/// Parses expression text into the evaluator's tree and its ancestry labels.
pub(crate) fn parse(text: &str) -> Result<(ast::Node, Vec<Arc<str>>), SyntaxError> {
    let raw = raw::Parser::parse(text)?;
    process::Processor::run(raw)
}
