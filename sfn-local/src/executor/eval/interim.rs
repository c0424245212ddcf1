//! Stands in for the JSONata evaluator until it is wired in.

use serde_json::Value;
use sfn_dsl::model::Jsonata;

use super::{Failure, States};
use crate::executor::variables::Variables;

pub(super) fn jsonata(
    expression: &Jsonata,
    _states: &States<'_>,
    _variables: &Variables,
    location: &str,
) -> Result<Value, Failure> {
    Err(Failure::query(
        Some(location.to_owned()),
        format!(
            "The JSONata expression '{}' specified for the field '{location}' cannot be evaluated yet",
            expression.trimmed()
        ),
    ))
}
