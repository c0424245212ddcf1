//! Integration tests: one module per topic.

mod builder;
mod corpus;
mod deep_model;
mod examples;
mod expressions;
mod fuzz_regressions;
mod macros;
mod macros_semantics;
mod patterns;
mod validate;
mod validate_integrations;
mod validate_kinds;
mod validate_reads;

/// The stack Rust gives test threads; deep recursion shows up as an abort of the test
/// binary (a failure), never as a hang.
const TEST_STACK: usize = 2 << 20;

/// Runs `work` on a thread with [`TEST_STACK`] bytes of stack, so that results do not
/// depend on how the test harness was started.
fn on_a_small_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(TEST_STACK)
        .spawn(work)
        .expect("a thread")
        .join()
        .expect("no panic")
}

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

/// Asserts the codes and pointers of the diagnostics of `text`, in order.
#[track_caller]
fn assert_diagnostics(text: &str, expected: &[(sfn_dsl::validate::Code, &str)]) {
    assert_diagnostics_with(text, &sfn_dsl::validate::Options::default(), expected);
}

/// [`assert_diagnostics`] with validation options (such as allowed warnings).
#[track_caller]
fn assert_diagnostics_with(
    text: &str,
    options: &sfn_dsl::validate::Options,
    expected: &[(sfn_dsl::validate::Code, &str)],
) {
    let report = sfn_dsl::validate::validate_str_with(text, options);
    let found: Vec<(sfn_dsl::validate::Code, &str)> = report
        .diagnostics()
        .iter()
        .map(|diagnostic| (diagnostic.code, diagnostic.pointer.as_str()))
        .collect();
    assert_eq!(found, expected, "{report}");
}
