//! What the functions' unit tests share: evaluating an expression text as a user would.

use crate::{Environment, EvaluationError, parse};

/// The result of `text`, evaluated with no input in a default environment.
pub(super) fn evaluate(text: &str) -> Result<Option<serde_json::Value>, EvaluationError> {
    parse(text)
        .expect("parses")
        .evaluate(None, &Environment::new())
}

/// The error code `text` fails with.
pub(super) fn error_code(text: &str) -> String {
    evaluate(text).expect_err("refused").code().to_string()
}
