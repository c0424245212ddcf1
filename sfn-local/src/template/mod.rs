//! Payload templates of JSONPath states (`Parameters`, `ResultSelector`, `ItemSelector`, …):
//! keys ending in `.$` take the value of a path or an intrinsic call.

use serde_json::{Map, Value};
use sfn_dsl::expr::{intrinsic, jsonpath};
use sfn_dsl::model::{DynamicValue, Payload, PayloadField};

use crate::data::{Entropy, Scope};
use crate::error::RuntimeError;

/// Evaluates a payload template: literal parts are copied (a `{% %}` string stays a plain
/// string in a JSONPath state), and each `"key.$"` becomes `"key"` with the value of its path
/// (`$…` over `scope.input`, `$$…` over the context, `$name…` over a variable) or intrinsic
/// call.
///
/// # Errors
///
/// `States.Runtime`, with AWS's cause for a path that finds nothing:
/// `The JSONPath '$.x' specified for the field 'value.$' could not be found in the input
/// '<input as JSON>'`; intrinsic failures as [`crate::intrinsic::evaluate`] reports them,
/// naming the field (`The evaluation of the intrinsic function States.ArrayGetItem for the
/// field 'value.$' failed: …`).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::model::Payload;
/// use sfn_local::data::{NoVariables, Scope, SeededEntropy};
///
/// let input = json!({"int-literal": 0});
/// let context = json!({});
/// let scope = Scope::new(&input, &context, &NoVariables);
/// let template = Payload::from(json!({"value.$": "$.no_such_jsonpath"}));
/// let error = sfn_local::template::evaluate(&template, &scope, &SeededEntropy::new(0)).unwrap_err();
/// assert_eq!(error.error, "States.Runtime");
/// assert_eq!(
///     error.cause,
///     "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'"
/// );
/// ```
pub fn evaluate(
    payload: &Payload,
    scope: &Scope<'_>,
    entropy: &dyn Entropy,
) -> Result<Value, RuntimeError> {
    match payload {
        Payload::Null => Ok(Value::Null),
        Payload::Bool(flag) => Ok(Value::Bool(*flag)),
        Payload::Number(number) => Ok(Value::Number(number.clone())),
        Payload::String(text) => Ok(Value::String(text.clone())),
        Payload::Jsonata(expression) => Ok(Value::String(expression.to_template_string())),
        Payload::Array(items) => items
            .iter()
            .map(|item| evaluate(item, scope, entropy))
            .collect::<Result<_, _>>()
            .map(Value::Array),
        Payload::Object(object) => {
            let mut map = Map::with_capacity(object.len());
            for ((key, field), (name, _)) in object.iter().zip(object.fields()) {
                let value = match field {
                    PayloadField::Value(value) => evaluate(value, scope, entropy)?,
                    PayloadField::Dynamic(dynamic) => evaluate_field(dynamic, key, scope, entropy)?,
                };
                map.insert(name.to_owned(), value);
            }
            Ok(Value::Object(map))
        }
    }
}

/// Evaluates the value of one `.$` field (or of a field such as `ErrorPath` that takes a path
/// or an intrinsic call); `field` names it in error messages, as written (`value.$`).
///
/// # Errors
///
/// As [`evaluate`].
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::model::DynamicValue;
/// use sfn_local::data::{NoVariables, Scope, SeededEntropy};
///
/// let (input, context) = (json!({"items": [1, 2, 3]}), json!({}));
/// let scope = Scope::new(&input, &context, &NoVariables);
/// let entropy = SeededEntropy::new(0);
/// let length = DynamicValue::parse("States.ArrayLength($.items)");
/// assert_eq!(sfn_local::template::evaluate_field(&length, "n.$", &scope, &entropy)?, json!(3));
/// let second = DynamicValue::parse("$.items[1]");
/// assert_eq!(sfn_local::template::evaluate_field(&second, "x.$", &scope, &entropy)?, json!(2));
/// # Ok::<(), sfn_local::error::RuntimeError>(())
/// ```
pub fn evaluate_field(
    dynamic: &DynamicValue,
    field: &str,
    scope: &Scope<'_>,
    entropy: &dyn Entropy,
) -> Result<Value, RuntimeError> {
    match dynamic {
        DynamicValue::Path(path) => {
            let not_found = || RuntimeError::runtime(path_not_found(path.as_str(), field, scope));
            let parsed = jsonpath::parse(path.as_str()).map_err(|_| not_found())?;
            crate::jsonpath::select(&parsed, scope).map_err(|_| not_found())
        }
        DynamicValue::Intrinsic(call) => {
            let parsed = intrinsic::parse(call.as_str()).map_err(|error| {
                RuntimeError::runtime(format!(
                    "The value for the field '{field}' must be a valid JSONPath or a valid intrinsic function call: {error}"
                ))
            })?;
            crate::intrinsic::evaluate_field(&parsed, call.as_str(), field, scope, entropy)
        }
    }
}

/// Why the path of `field` selected nothing: AWS's "could not be found in the input", or,
/// for a path into a variable never assigned (`$total` before any `Assign` sets it), that.
pub(crate) fn path_not_found(path: &str, field: &str, scope: &Scope<'_>) -> String {
    match unassigned_variable(path, scope) {
        Some(name) => format!(
            "The JSONPath '{path}' specified for the field '{field}' reads the variable '{name}', which has not been assigned"
        ),
        None => format!(
            "The JSONPath '{path}' specified for the field '{field}' could not be found in the input '{}'",
            scope.input
        ),
    }
}

/// The variable `path` starts with (`$name`, `$name.a`, `$name[0]`), when it is not set.
fn unassigned_variable<'p>(path: &'p str, scope: &Scope<'_>) -> Option<&'p str> {
    let rest = path.strip_prefix('$')?;
    let name = rest.get(..rest.find(['.', '[']).unwrap_or(rest.len()))?;
    let is_name = name.starts_with(|c: char| c.is_alphabetic() || c == '_');
    (is_name && scope.variables.get(name).is_none()).then_some(name)
}

#[cfg(test)]
mod tests;
