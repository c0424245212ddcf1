//! `States.StringSplit`.

use serde_json::Value;

use super::Invocation;
use crate::error::RuntimeError;

/// Splits on every character of the delimiter string and drops empty pieces, as AWS does
/// (`("This.is+a,test=string", ".+,=")` gives five words; `",,,,"` gives `[]`).
pub(super) fn split(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let text = call.string(0)?;
    let delimiters = call.string(1)?;
    Ok(Value::Array(
        text.split(|c| delimiters.contains(c))
            .filter(|piece| !piece.is_empty())
            .map(|piece| Value::String(piece.to_owned()))
            .collect(),
    ))
}
