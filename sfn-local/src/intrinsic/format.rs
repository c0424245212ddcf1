//! `States.Format`.

use serde_json::Value;

use super::{Invocation, counted, was_or_were};
use crate::data::java::to_java_string;
use crate::error::RuntimeError;

/// Replaces each `{}` of the template by the next argument. Strings appear without quotes,
/// objects and arrays as Java prints its maps and lists (`{Arg1=1, Arg2=[]}`), as AWS does.
pub(super) fn format(call: &Invocation<'_>) -> Result<Value, RuntimeError> {
    let pieces = match call.template {
        Some(literal) => literal.template_pieces(),
        None => call.string(0)?.split("{}").map(str::to_owned).collect(),
    };
    let values = call.args.get(1..).unwrap_or_default();
    if pieces.len() != values.len() + 1 {
        return Err(call.fail(format!(
            "the template has {} but {} {} given",
            counted(pieces.len() - 1, "placeholder"),
            counted(values.len(), "value"),
            was_or_were(values.len())
        )));
    }
    let mut text = String::new();
    for (position, piece) in pieces.iter().enumerate() {
        text.push_str(piece);
        if let Some(value) = values.get(position) {
            text.push_str(&to_java_string(value));
        }
    }
    Ok(Value::String(text))
}
