//! The executor's single entry point to expression evaluation: JSONPath paths, payload
//! templates, intrinsic functions and JSONata, with failures named as AWS names them.

mod jsonata;

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use indexmap::IndexMap;
use serde_json::{Map, Value};
use sfn_dsl::expr::jsonpath::{self as path_syntax, Path};
use sfn_dsl::model::{DynamicValue, Jsonata, Payload, PayloadField, PayloadObject};

use super::failure::Failure;
use super::fast_hash::FastMap;
use super::variables::Variables;
use crate::data::{self, Entropy, VariableLookup};
use crate::error::RuntimeError;

/// What the evaluators share during a run: the random source of `States.UUID`,
/// `States.MathRandom`, `$uuid()` and `$random()`, and parsed paths by their text.
pub(crate) struct Tools {
    pub(crate) entropy: Rc<dyn Entropy>,
    paths: RefCell<FastMap<(usize, usize), Rc<Path>>>,
    /// Parsed paths by their text: states written alike (`$.last` in a thousand states)
    /// share one parse.
    paths_by_text: RefCell<FastMap<Box<str>, Rc<Path>>>,
    pub(crate) expressions: RefCell<FastMap<String, Rc<jsonata::Parsed>>>,
    pub(crate) timers: Rc<crate::executor::runtime::Timers>,
    /// The JSONata environment shared by the run's evaluations, made on first use.
    pub(crate) jsonata: std::cell::OnceCell<jsonata::JsonataBase>,
}

impl fmt::Debug for Tools {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tools").finish_non_exhaustive()
    }
}

impl Tools {
    pub(crate) fn new(
        entropy: Rc<dyn Entropy>,
        timers: Rc<crate::executor::runtime::Timers>,
    ) -> Self {
        Self {
            entropy,
            paths: RefCell::new(FastMap::default()),
            paths_by_text: RefCell::new(FastMap::default()),
            expressions: RefCell::new(FastMap::default()),
            timers,
            jsonata: std::cell::OnceCell::new(),
        }
    }

    /// Parses `text` once per run; the key is the text's address, stable because the
    /// definition is borrowed for the whole run, then the text itself.
    fn path(&self, text: &str) -> Result<Rc<Path>, String> {
        let key = (text.as_ptr() as usize, text.len());
        if let Some(path) = self.paths.borrow().get(&key) {
            return Ok(Rc::clone(path));
        }
        let known = self.paths_by_text.borrow().get(text).map(Rc::clone);
        let path = if let Some(path) = known {
            path
        } else {
            let path = Rc::new(path_syntax::parse(text).map_err(|error| error.to_string())?);
            self.paths_by_text
                .borrow_mut()
                .insert(text.into(), Rc::clone(&path));
            path
        };
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
    pub(crate) result: Option<&'a Value>,
    pub(crate) error_output: Option<&'a Value>,
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

/// The value the Path `text` finds in `input` when it is a path of names and single
/// indexes from `$` that finds something, for the caller to take.
pub(crate) fn find_mut<'v>(
    tools: &Tools,
    text: &str,
    input: &'v mut Value,
) -> Option<&'v mut Value> {
    let path = tools.path(text).ok()?;
    crate::jsonpath::find_mut(&path, input)
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
pub(crate) fn set_reference(
    tools: &Tools,
    target: &Value,
    path: &str,
    value: Value,
) -> Result<Value, Failure> {
    let failure = || {
        Failure::state(
            RuntimeError::RESULT_PATH_MATCH_FAILURE,
            format!("Unable to apply ReferencePath {path} to input {target}"),
        )
    };
    let parsed = tools.path(path).map_err(|_| failure())?;
    crate::jsonpath::set(target, &parsed, value).map_err(|_| failure())
}

/// Evaluates the value of a `.$` field, `ErrorPath` or `CausePath`: a path or an intrinsic
/// function call. `field` names it in error messages (`value.$`, `ErrorPath`).
pub(crate) fn dynamic(
    value: &DynamicValue,
    scope: &Scope<'_>,
    field: &str,
) -> Result<Value, Failure> {
    if let DynamicValue::Path(text) = value
        && let Ok(path) = scope.tools.path(text.as_str())
    {
        // The common case, with the parsed path cached; the template evaluator gives the
        // same result and message but parses on every call.
        let data = scope.data();
        return crate::jsonpath::select(&path, &data).map_err(|_| {
            Failure::runtime(crate::template::path_not_found(text.as_str(), field, &data))
        });
    }
    crate::template::evaluate_field(value, field, &scope.data(), scope.tools.entropy.as_ref())
        .map_err(failure)
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
    for ((key, field), (name, _)) in object.iter().zip(object.fields()) {
        let value = match field {
            PayloadField::Value(value) => template(value, scope)?,
            PayloadField::Dynamic(dynamic_value) => dynamic(dynamic_value, scope, key)?,
        };
        map.insert(name.to_owned(), value);
    }
    Ok(map)
}

/// Evaluates a JSONPath `Assign` object: every value against the same scope.
pub(crate) fn assign_jsonpath(
    assign: &PayloadObject,
    scope: &Scope<'_>,
) -> Result<IndexMap<String, Value>, Failure> {
    Ok(template_object(assign, scope)?.into_iter().collect())
}

/// Evaluates one JSONata expression for the field `location`; an undefined result is a
/// `States.QueryEvaluationError`.
pub(crate) fn jsonata(
    expression: &Jsonata,
    states: &States<'_>,
    variables: &Variables,
    location: &str,
) -> Result<Value, Failure> {
    jsonata::evaluate(expression, states, variables, location)
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

/// Evaluates a JSONata `Assign` object against the same bindings; `at` starts the names of
/// its fields in error messages (`Choices/0/` for a Choice rule's, empty for a state's).
pub(crate) fn assign_jsonata(
    assign: &PayloadObject,
    states: &States<'_>,
    variables: &Variables,
    at: &str,
) -> Result<IndexMap<String, Value>, Failure> {
    let mut values = IndexMap::with_capacity(assign.len());
    for (key, field) in assign.iter() {
        let value = match field {
            PayloadField::Value(value) => {
                jsonata_payload(value, states, variables, &format!("{at}Assign/{key}"))?
            }
            PayloadField::Dynamic(dynamic_value) => {
                Value::String(dynamic_value.as_str().to_owned())
            }
        };
        values.insert(key.to_owned(), value);
    }
    Ok(values)
}
