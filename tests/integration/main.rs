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

/// The `len` bytes of `text` where `diagnostic`'s line and column point.
fn text_at<'t>(text: &'t str, diagnostic: &sfn_dsl::validate::Diagnostic, len: usize) -> &'t str {
    let line = text
        .lines()
        .nth(diagnostic.line.expect("a line") - 1)
        .expect("the line");
    line.get(diagnostic.column.expect("a column") - 1..)
        .and_then(|rest| rest.get(..len))
        .expect("the text at the column")
}
