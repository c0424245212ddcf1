//! The intrinsic functions (`States.Format`, `States.Hash`, …) with AWS's recorded behaviour.
//!
//! ```
//! use serde_json::json;
//! use sfn_local::data::{NoVariables, Scope, SeededEntropy};
//! use sfn_local::intrinsic;
//!
//! let input = json!({"csv": "a,b,,c"});
//! let context = json!({});
//! let scope = Scope::new(&input, &context, &NoVariables);
//! let entropy = SeededEntropy::new(7);
//! let value = intrinsic::evaluate_text("States.StringSplit($.csv, ',')", &scope, &entropy)?;
//! assert_eq!(value, json!(["a", "b", "c"]));
//! # Ok::<(), sfn_local::error::RuntimeError>(())
//! ```

mod array;
mod encoding;
mod format;
mod json;
mod math;
mod string;

use std::borrow::Cow;

use serde_json::Value;
use sfn_dsl::expr::intrinsic::{self, Arg, Call, StringLiteral};

use crate::data::{Entropy, Scope};
use crate::error::RuntimeError;
use crate::jsonpath;

/// Evaluates a parsed call: its arguments first (paths against `scope`, nested calls
/// recursively), then the function.
///
/// # Errors
///
/// `States.Runtime` when an argument path cannot be applied, an argument has the wrong kind
/// or value, the function is unknown or takes a different number of arguments, or the
/// function itself fails (an index out of range, invalid JSON or Base64, a limit exceeded).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::expr::intrinsic::parse;
/// use sfn_local::data::{NoVariables, Scope, SeededEntropy};
/// use sfn_local::intrinsic::evaluate;
///
/// let input = json!({"n": 1.5});
/// let context = json!({});
/// let scope = Scope::new(&input, &context, &NoVariables);
/// let call = parse("States.MathAdd($.n, 1.51)").unwrap();
/// // AWS rounds each argument half-up before adding.
/// assert_eq!(evaluate(&call, &scope, &SeededEntropy::new(0))?, json!(4));
/// # Ok::<(), sfn_local::error::RuntimeError>(())
/// ```
pub fn evaluate(
    call: &Call,
    scope: &Scope<'_>,
    entropy: &dyn Entropy,
) -> Result<Value, RuntimeError> {
    // Path arguments are borrowed: `States.ArrayLength($)` does not copy the array.
    let mut values: Vec<Cow<'_, Value>> = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        values.push(argument(arg, scope, entropy)?);
    }
    let invocation = Invocation {
        name: &call.name,
        args: &values,
        template: match call.args.first() {
            Some(Arg::String(literal)) => Some(literal),
            _ => None,
        },
    };
    invocation.check_arity()?;
    match call.name.as_str() {
        "States.Format" => format::format(&invocation),
        "States.StringToJson" => json::string_to_json(&invocation),
        "States.JsonToString" => Ok(json::json_to_string(&invocation)),
        "States.JsonMerge" => json::json_merge(&invocation),
        "States.Array" => Ok(Value::Array(
            values.iter().map(|value| value.as_ref().clone()).collect(),
        )),
        "States.ArrayPartition" => array::partition(&invocation),
        "States.ArrayContains" => array::contains(&invocation),
        "States.ArrayRange" => array::range(&invocation),
        "States.ArrayGetItem" => array::get_item(&invocation),
        "States.ArrayLength" => array::length(&invocation),
        "States.ArrayUnique" => array::unique(&invocation),
        "States.Base64Encode" => encoding::base64_encode(&invocation),
        "States.Base64Decode" => encoding::base64_decode(&invocation),
        "States.Hash" => encoding::hash(&invocation),
        "States.MathRandom" => math::random(&invocation, entropy),
        "States.MathAdd" => math::add(&invocation),
        "States.StringSplit" => string::split(&invocation),
        "States.UUID" => Ok(Value::String(entropy.uuid_v4())),
        _ => Err(RuntimeError::runtime(format!(
            "The intrinsic function '{}' is not supported",
            call.name
        ))),
    }
}

/// Parses and evaluates an intrinsic call.
///
/// # Errors
///
/// `States.Runtime` when the text does not parse, or as [`evaluate`].
pub fn evaluate_text(
    text: &str,
    scope: &Scope<'_>,
    entropy: &dyn Entropy,
) -> Result<Value, RuntimeError> {
    let call = intrinsic::parse(text).map_err(|error| {
        RuntimeError::runtime(format!(
            "The value '{text}' is not a valid intrinsic function call: {error}"
        ))
    })?;
    evaluate(&call, scope, entropy)
}

fn argument<'a>(
    arg: &Arg,
    scope: &Scope<'a>,
    entropy: &dyn Entropy,
) -> Result<Cow<'a, Value>, RuntimeError> {
    Ok(Cow::Owned(match arg {
        Arg::String(literal) => Value::String(literal.as_str().to_owned()),
        Arg::Number(number) => Value::Number(number.clone()),
        Arg::Bool(flag) => Value::Bool(*flag),
        Arg::Null => Value::Null,
        Arg::Path(path) => {
            return jsonpath::select_borrowed(path, scope).map_err(|error| {
                RuntimeError::runtime(format!("Invalid path '{path}' : {error}"))
            });
        }
        Arg::Call(nested) => evaluate(nested, scope, entropy)?,
    }))
}

/// One call with its evaluated arguments.
pub(super) struct Invocation<'a> {
    pub(super) name: &'a str,
    pub(super) args: &'a [Cow<'a, Value>],
    /// The first argument as written, when it is a string literal (for `States.Format`).
    pub(super) template: Option<&'a StringLiteral>,
}

impl<'a> Invocation<'a> {
    fn check_arity(&self) -> Result<(), RuntimeError> {
        let Some(function) = intrinsic::function(self.name) else {
            return Ok(());
        };
        let count = self.args.len();
        if count < function.min_args || function.max_args.is_some_and(|max| count > max) {
            return Err(self.fail(format!(
                "it takes {}, but {count} were given",
                function.arity()
            )));
        }
        Ok(())
    }

    /// A `States.Runtime` error naming the function.
    pub(super) fn fail(&self, reason: impl std::fmt::Display) -> RuntimeError {
        RuntimeError::runtime(format!(
            "The evaluation of the intrinsic function {} failed: {reason}",
            self.name
        ))
    }

    pub(super) fn arg(&self, index: usize) -> &'a Value {
        self.args.get(index).map_or(&Value::Null, AsRef::as_ref)
    }

    fn wrong(&self, index: usize, expected: &str) -> RuntimeError {
        self.fail(format!(
            "argument {} must be {expected}, but was {}",
            index + 1,
            self.arg(index)
        ))
    }

    pub(super) fn string(&self, index: usize) -> Result<&'a str, RuntimeError> {
        self.arg(index)
            .as_str()
            .ok_or_else(|| self.wrong(index, "a string"))
    }

    pub(super) fn array(&self, index: usize) -> Result<&'a Vec<Value>, RuntimeError> {
        self.arg(index)
            .as_array()
            .ok_or_else(|| self.wrong(index, "an array"))
    }

    pub(super) fn object(
        &self,
        index: usize,
    ) -> Result<&'a serde_json::Map<String, Value>, RuntimeError> {
        self.arg(index)
            .as_object()
            .ok_or_else(|| self.wrong(index, "an object"))
    }

    pub(super) fn boolean(&self, index: usize) -> Result<bool, RuntimeError> {
        self.arg(index)
            .as_bool()
            .ok_or_else(|| self.wrong(index, "a boolean"))
    }

    /// An integral number (`2` or `2.0`).
    pub(super) fn integer(&self, index: usize) -> Result<i64, RuntimeError> {
        let value = self.arg(index);
        if let Some(integer) = value.as_i64() {
            return Ok(integer);
        }
        match value.as_f64() {
            Some(number) if number.fract() == 0.0 && number.abs() < 9.0e15 =>
            {
                #[expect(clippy::cast_possible_truncation, reason = "integral and in range")]
                Ok(number as i64)
            }
            _ => Err(self.wrong(index, "an integer")),
        }
    }

    /// Any number, rounded half-up to an integer as Java's `Math.round` does.
    pub(super) fn rounded(&self, index: usize) -> Result<i64, RuntimeError> {
        let value = self.arg(index);
        if let Some(integer) = value.as_i64() {
            return Ok(integer);
        }
        match value.as_f64() {
            Some(number) if number.abs() < 9.0e15 =>
            {
                #[expect(clippy::cast_possible_truncation, reason = "checked to be in range")]
                Ok((number + 0.5).floor() as i64)
            }
            _ => Err(self.wrong(index, "a number")),
        }
    }
}

#[cfg(test)]
mod tests;
