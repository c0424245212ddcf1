//! The executor's single entry point to expression evaluation: JSONPath paths, payload
//! templates, intrinsic functions and JSONata, with failures named as AWS names them.

mod interim;

use indexmap::IndexMap;
use serde_json::{Map, Value};
use sfn_dsl::model::{DynamicValue, Jsonata, Payload, PayloadField, PayloadObject};

use super::failure::Failure;
use super::variables::Variables;

/// What a JSONPath expression can see.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scope<'a> {
    pub(crate) input: &'a Value,
    pub(crate) context: &'a Value,
    pub(crate) variables: &'a Variables,
}

/// The `$states` variable of a JSONata expression.
#[derive(Clone, Copy, Debug)]
pub(crate) struct States<'a> {
    pub(crate) input: &'a Value,
    pub(crate) context: &'a Value,
    #[allow(dead_code, reason = "read by the JSONata evaluator")]
    pub(crate) result: Option<&'a Value>,
    pub(crate) error_output: Option<&'a Value>,
}

impl<'a> States<'a> {
    /// `$states` with `input` and `context` only.
    pub(crate) fn new(input: &'a Value, context: &'a Value) -> Self {
        Self {
            input,
            context,
            result: None,
            error_output: None,
        }
    }
}

/// Applies a Path (`InputPath`, `OutputPath`, `ItemsPath`): several matches give an
/// array, no match is `States.Runtime`.
pub(crate) fn select(path: &str, scope: &Scope<'_>) -> Result<Value, Failure> {
    interim::select(path, scope)
}

/// Applies a Path that may match nothing (Choice `Variable` under `IsPresent`).
pub(crate) fn select_optional(path: &str, scope: &Scope<'_>) -> Result<Option<Value>, Failure> {
    interim::select_optional(path, scope)
}

/// Places `value` at the reference path `path` in `target` (`ResultPath`).
pub(crate) fn set_reference(target: Value, path: &str, value: Value) -> Result<Value, Failure> {
    interim::set_reference(target, path, value)
}

/// Evaluates the value of a `.$` field, `ErrorPath` or `CausePath`: a path or an intrinsic
/// function call. `field` names it in error messages (`value.$`, `ErrorPath`).
pub(crate) fn dynamic(
    value: &DynamicValue,
    scope: &Scope<'_>,
    field: &str,
) -> Result<Value, Failure> {
    interim::dynamic(value, scope, field)
}

/// Evaluates a JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`).
pub(crate) fn template(payload: &Payload, scope: &Scope<'_>) -> Result<Value, Failure> {
    Ok(match payload {
        Payload::Null => Value::Null,
        Payload::Bool(value) => Value::Bool(*value),
        Payload::Number(value) => Value::Number(value.clone()),
        Payload::String(text) => Value::String(text.clone()),
        Payload::Jsonata(expression) => Value::String(expression.to_template_string()),
        Payload::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| template(item, scope))
                .collect::<Result<_, _>>()?,
        ),
        Payload::Object(object) => Value::Object(template_object(object, scope)?),
    })
}

fn template_object(
    object: &PayloadObject,
    scope: &Scope<'_>,
) -> Result<Map<String, Value>, Failure> {
    let mut map = Map::with_capacity(object.len());
    for (key, field) in object.iter() {
        match field {
            PayloadField::Value(value) => {
                map.insert(key.to_owned(), template(value, scope)?);
            }
            PayloadField::Dynamic(dynamic_value) => {
                let name = key.strip_suffix(".$").unwrap_or(key);
                map.insert(name.to_owned(), dynamic(dynamic_value, scope, key)?);
            }
        }
    }
    Ok(map)
}

/// Evaluates a JSONPath `Assign` object: every value against the same scope.
pub(crate) fn assign_jsonpath(
    assign: &PayloadObject,
    scope: &Scope<'_>,
) -> Result<IndexMap<String, Value>, Failure> {
    let map = template_object(assign, scope)?;
    Ok(map.into_iter().collect())
}

/// Evaluates one JSONata expression for the field `location`; an undefined result is a
/// `States.QueryEvaluationError`.
pub(crate) fn jsonata(
    expression: &Jsonata,
    states: &States<'_>,
    variables: &Variables,
    location: &str,
) -> Result<Value, Failure> {
    interim::jsonata(expression, states, variables, location)
}

/// Evaluates every `{% %}` string inside a JSONata-mode payload (`Arguments`, `Output`,
/// `Items`, …); `location` names the field for error messages (`Output/result`).
pub(crate) fn jsonata_payload(
    payload: &Payload,
    states: &States<'_>,
    variables: &Variables,
    location: &str,
) -> Result<Value, Failure> {
    Ok(match payload {
        Payload::Null => Value::Null,
        Payload::Bool(value) => Value::Bool(*value),
        Payload::Number(value) => Value::Number(value.clone()),
        Payload::String(text) => Value::String(text.clone()),
        Payload::Jsonata(expression) => jsonata(expression, states, variables, location)?,
        Payload::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    jsonata_payload(item, states, variables, &format!("{location}/{index}"))
                })
                .collect::<Result<_, _>>()?,
        ),
        Payload::Object(object) => {
            let mut map = Map::with_capacity(object.len());
            for (key, field) in object.iter() {
                let value = match field {
                    PayloadField::Value(value) => {
                        jsonata_payload(value, states, variables, &format!("{location}/{key}"))?
                    }
                    PayloadField::Dynamic(dynamic_value) => {
                        Value::String(dynamic_value.as_str().to_owned())
                    }
                };
                map.insert(key.to_owned(), value);
            }
            Value::Object(map)
        }
    })
}

/// Evaluates a JSONata `Assign` object against the same bindings.
pub(crate) fn assign_jsonata(
    assign: &PayloadObject,
    states: &States<'_>,
    variables: &Variables,
) -> Result<IndexMap<String, Value>, Failure> {
    let mut values = IndexMap::with_capacity(assign.len());
    for (key, field) in assign.iter() {
        let value = match field {
            PayloadField::Value(value) => {
                jsonata_payload(value, states, variables, &format!("Assign/{key}"))?
            }
            PayloadField::Dynamic(dynamic_value) => {
                Value::String(dynamic_value.as_str().to_owned())
            }
        };
        values.insert(key.to_owned(), value);
    }
    Ok(values)
}
