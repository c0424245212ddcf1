//! The executor's single entry point to expression evaluation: JSONPath paths, payload
//! templates, intrinsic functions and JSONata, with failures named as AWS names them.

mod interim;

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use indexmap::IndexMap;
use serde_json::{Map, Value};
use sfn_dsl::expr::jsonpath::{self as path_syntax, Path};
use sfn_dsl::model::{DynamicValue, Jsonata, Payload, PayloadField, PayloadObject};

use super::failure::Failure;
use super::variables::Variables;
use crate::data::{self, Entropy, VariableLookup};
use crate::error::RuntimeError;

/// What the evaluators share during a run: the random source of `States.UUID`,
/// `States.MathRandom`, `$uuid()` and `$random()`, and parsed paths by their text.
pub(crate) struct Tools {
    pub(crate) entropy: Rc<dyn Entropy>,
    paths: RefCell<HashMap<(usize, usize), Rc<Path>>>,
}

impl fmt::Debug for Tools {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tools").finish_non_exhaustive()
    }
}

impl Tools {
    pub(crate) fn new(entropy: Rc<dyn Entropy>) -> Self {
        Self {
            entropy,
            paths: RefCell::new(HashMap::new()),
        }
    }

    /// Parses `text` once per run; the key is the text's address, stable because the
    /// definition is borrowed for the whole run.
    fn path(&self, text: &str) -> Result<Rc<Path>, String> {
        let key = (text.as_ptr() as usize, text.len());
        if let Some(path) = self.paths.borrow().get(&key) {
            return Ok(Rc::clone(path));
        }
        let path = Rc::new(path_syntax::parse(text).map_err(|error| error.to_string())?);
        self.paths.borrow_mut().insert(key, Rc::clone(&path));
        Ok(path)
    }
}

impl VariableLookup for Variables {
    fn get(&self, name: &str) -> Option<&Value> {
        self.lookup(name)
    }
}

/// What a JSONPath expression can see.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scope<'a> {
    pub(crate) input: &'a Value,
    pub(crate) context: &'a Value,
    pub(crate) variables: &'a Variables,
    pub(crate) tools: &'a Tools,
}

impl<'a> Scope<'a> {
    fn data(&self) -> data::Scope<'a> {
        data::Scope::new(self.input, self.context, self.variables)
    }
}

/// The `$states` variable of a JSONata expression.
#[derive(Clone, Copy, Debug)]
pub(crate) struct States<'a> {
    pub(crate) input: &'a Value,
    pub(crate) context: &'a Value,
    #[allow(dead_code, reason = "read by the JSONata evaluator")]
    pub(crate) result: Option<&'a Value>,
    pub(crate) error_output: Option<&'a Value>,
    #[allow(dead_code, reason = "read by the JSONata evaluator")]
    pub(crate) tools: &'a Tools,
}

impl<'a> States<'a> {
    /// `$states` with `input` and `context` only.
    pub(crate) fn new(input: &'a Value, context: &'a Value, tools: &'a Tools) -> Self {
        Self {
            input,
            context,
            result: None,
            error_output: None,
            tools,
        }
    }
}

/// A data-layer error as a state failure: `States.Runtime` cannot be caught, the others
/// (`States.ResultPathMatchFailure`) can.
fn failure(error: RuntimeError) -> Failure {
    Failure::state(&error.error, error.cause)
}

/// Applies a Path (`InputPath`, `OutputPath`, `ItemsPath`): several matches give an
/// array, no match is `States.Runtime`.
pub(crate) fn select(text: &str, scope: &Scope<'_>) -> Result<Value, Failure> {
    let invalid =
        |reason: &dyn fmt::Display| Failure::runtime(format!("Invalid path '{text}' : {reason}"));
    let path = scope.tools.path(text).map_err(|error| invalid(&error))?;
    crate::jsonpath::select(&path, &scope.data()).map_err(|error| invalid(&error))
}

/// Applies a Path that may match nothing (Choice `Variable` under `IsPresent`).
pub(crate) fn select_optional(text: &str, scope: &Scope<'_>) -> Result<Option<Value>, Failure> {
    let path = scope
        .tools
        .path(text)
        .map_err(|error| Failure::runtime(format!("Invalid path '{text}' : {error}")))?;
    Ok(crate::jsonpath::select(&path, &scope.data()).ok())
}

/// Places `value` at the reference path `path` in `target` (`ResultPath`).
pub(crate) fn set_reference(target: &Value, path: &str, value: Value) -> Result<Value, Failure> {
    crate::jsonpath::apply_result_path(target, path, value).map_err(failure)
}

/// Evaluates the value of a `.$` field, `ErrorPath` or `CausePath`: a path or an intrinsic
/// function call. `field` names it in error messages (`value.$`, `ErrorPath`).
pub(crate) fn dynamic(
    value: &DynamicValue,
    scope: &Scope<'_>,
    field: &str,
) -> Result<Value, Failure> {
    crate::template::evaluate_field(value, field, &scope.data(), scope.tools.entropy.as_ref())
        .map_err(failure)
}

/// Evaluates a JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`).
pub(crate) fn template(payload: &Payload, scope: &Scope<'_>) -> Result<Value, Failure> {
    crate::template::evaluate(payload, &scope.data(), scope.tools.entropy.as_ref()).map_err(failure)
}

/// Evaluates a JSONPath `Assign` object: every value against the same scope.
pub(crate) fn assign_jsonpath(
    assign: &PayloadObject,
    scope: &Scope<'_>,
) -> Result<IndexMap<String, Value>, Failure> {
    match template(&Payload::Object(assign.clone()), scope)? {
        Value::Object(map) => Ok(map.into_iter().collect()),
        _ => Ok(IndexMap::new()),
    }
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
