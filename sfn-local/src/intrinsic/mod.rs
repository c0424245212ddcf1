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
/// Without the call's text, a path argument is quoted in canonical form (`$['x']`);
/// [`evaluate_text`] quotes it as written.
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
    evaluate_call(call, Source::default(), scope, entropy)
}

/// Parses and evaluates an intrinsic call; a path argument that cannot be applied is quoted
/// as written (`Invalid path '$.x' : …`).
///
/// # Errors
///
/// `States.Runtime` when the text does not parse, or as [`evaluate`].
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::data::{NoVariables, Scope, SeededEntropy};
/// use sfn_local::intrinsic;
///
/// let (input, context) = (json!({"id": 7}), json!({}));
/// let scope = Scope::new(&input, &context, &NoVariables);
/// let entropy = SeededEntropy::new(0);
/// assert_eq!(intrinsic::evaluate_text("States.Format('order-{}', $.id)", &scope, &entropy)?, json!("order-7"));
/// // A path that finds nothing is quoted as written.
/// let error = intrinsic::evaluate_text("States.Format('{}', $.missing)", &scope, &entropy).unwrap_err();
/// assert_eq!(error.error, "States.Runtime");
/// assert!(error.cause.contains("'$.missing'"));
/// let error = intrinsic::evaluate_text("States.Format(", &scope, &entropy).unwrap_err();
/// assert!(error.cause.starts_with("The value 'States.Format(' is not a valid intrinsic function call"));
/// # Ok::<(), sfn_local::error::RuntimeError>(())
/// ```
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
    let source = Source {
        text: Some(text),
        field: None,
    };
    evaluate_call(&call, source, scope, entropy)
}

/// Evaluates `call`, parsed from `text`, the value of `field` (`value.$`, `ErrorPath`):
/// failures name the field, and quote path arguments as written.
pub(crate) fn evaluate_field(
    call: &Call,
    text: &str,
    field: &str,
    scope: &Scope<'_>,
    entropy: &dyn Entropy,
) -> Result<Value, RuntimeError> {
    let source = Source {
        text: Some(text),
        field: Some(field),
    };
    evaluate_call(call, source, scope, entropy)
}

/// Where a call was written, for error messages.
#[derive(Clone, Copy, Debug, Default)]
struct Source<'t> {
    /// The text the call was parsed from, which its argument spans point into.
    text: Option<&'t str>,
    /// The field whose value the call is.
    field: Option<&'t str>,
}

/// [`evaluate`], with what is known of where the call was written.
fn evaluate_call(
    call: &Call,
    source: Source<'_>,
    scope: &Scope<'_>,
    entropy: &dyn Entropy,
) -> Result<Value, RuntimeError> {
    // Path arguments are borrowed: `States.ArrayLength($)` does not copy the array.
    let mut values: Vec<Cow<'_, Value>> = Vec::with_capacity(call.args.len());
    for (index, arg) in call.args.iter().enumerate() {
        values.push(argument(call, index, arg, source, scope, entropy)?);
    }
    let invocation = Invocation {
        name: &call.name,
        field: source.field,
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
            "The intrinsic function '{}'{} is not supported",
            call.name,
            for_field(source.field)
        ))),
    }
}

/// The value of argument `index` of `call`. A path that cannot be applied fails the call,
/// quoted as written where the text is known, as AWS quotes the paths of other fields
/// (`Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']`).
fn argument<'a>(
    call: &Call,
    index: usize,
    arg: &Arg,
    source: Source<'_>,
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
                let written = source
                    .text
                    .zip(call.arg_spans.get(index))
                    .and_then(|(text, span)| text.get(span.clone()))
                    .map_or_else(|| path.to_string(), |written| written.trim().to_owned());
                failed(
                    &call.name,
                    source.field,
                    format_args!("Invalid path '{written}' : {error}"),
                )
            });
        }
        Arg::Call(nested) => evaluate_call(nested, source, scope, entropy)?,
    }))
}

/// A `States.Runtime` error naming the function and, when known, the field.
fn failed(name: &str, field: Option<&str>, reason: impl std::fmt::Display) -> RuntimeError {
    RuntimeError::runtime(format!(
        "The evaluation of the intrinsic function {name}{} failed: {reason}",
        for_field(field)
    ))
}

/// ` for the field 'value.$'`, or nothing when the field is not known.
fn for_field(field: Option<&str>) -> String {
    field.map_or_else(String::new, |field| format!(" for the field '{field}'"))
}

/// One call with its evaluated arguments.
pub(super) struct Invocation<'a> {
    pub(super) name: &'a str,
    /// The field the call is written in, for error messages.
    field: Option<&'a str>,
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
                "it takes {}, but {count} {} given",
                function.arity(),
                was_or_were(count)
            )));
        }
        Ok(())
    }

    /// A `States.Runtime` error naming the function.
    pub(super) fn fail(&self, reason: impl std::fmt::Display) -> RuntimeError {
        failed(self.name, self.field, reason)
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
            Some(number) if number.fract() == 0.0 => self.in_range(index, number),
            _ => Err(self.wrong(index, "an integer")),
        }
    }

    /// Any number, rounded to the closest integer, ties towards positive infinity, as
    /// Java's `Math.round` does (`2.5` gives 3, `-2.5` gives -2).
    pub(super) fn rounded(&self, index: usize) -> Result<i64, RuntimeError> {
        let value = self.arg(index);
        if let Some(integer) = value.as_i64() {
            return Ok(integer);
        }
        match value.as_f64() {
            Some(number) => self.in_range(index, java_round(number)),
            None => Err(self.wrong(index, "a number")),
        }
    }

    /// An integral `number` as an `i64`, or an error saying it is out of range.
    fn in_range(&self, index: usize, number: f64) -> Result<i64, RuntimeError> {
        // 2^63: every double in [-2^63, 2^63) that has no fraction is exactly an i64.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        if (-LIMIT..LIMIT).contains(&number) {
            #[expect(clippy::cast_possible_truncation, reason = "integral and in range")]
            Ok(number as i64)
        } else {
            Err(self.fail(format!(
                "argument {} is out of range: {} is not within the 64-bit integer range",
                index + 1,
                self.arg(index)
            )))
        }
    }
}

/// `count` and `noun`, in the plural unless `count` is one (`1 value`, `2 values`).
pub(super) fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The verb agreeing with `count`.
pub(super) fn was_or_were(count: usize) -> &'static str {
    if count == 1 { "was" } else { "were" }
}

/// Java's `Math.round` without its clamping: `floor(number + 0.5)` computed exactly, since
/// adding 0.5 first would round `0.49999999999999994` up to 1 and `2^52 + 1` to `2^52 + 2`.
fn java_round(number: f64) -> f64 {
    let floor = number.floor();
    // No rounding error changes the comparison: the subtraction is exact (Sterbenz's lemma,
    // or `floor` is 0) except for `-0.5 < number < 0`, where the difference exceeds 0.5.
    if number - floor >= 0.5 {
        floor + 1.0
    } else {
        floor
    }
}

#[cfg(test)]
mod tests;
