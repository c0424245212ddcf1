//! What expressions are evaluated against: the state's data, the context object, the
//! workflow variables, and a source of randomness.

mod entropy;
pub(crate) mod java;
mod json;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use indexmap::IndexMap;
use serde_json::{Map, Value};

pub use entropy::{Entropy, SeededEntropy, SystemEntropy};
pub use json::read_json;

/// Looks up workflow variables by name (`$name` in a path).
///
/// # Examples
///
/// ```
/// use serde_json::{Value, json};
/// use sfn_local::data::{Scope, VariableLookup};
/// use sfn_local::jsonpath;
///
/// /// The variables of one state, kept in a vector.
/// struct Assigned(Vec<(String, Value)>);
///
/// impl VariableLookup for Assigned {
///     fn get(&self, name: &str) -> Option<&Value> {
///         self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value)
///     }
/// }
///
/// let variables = Assigned(vec![("order".into(), json!({"total": 42}))]);
/// let (input, context) = (json!({}), json!({}));
/// let scope = Scope::new(&input, &context, &variables);
/// assert_eq!(jsonpath::evaluate("$order.total", &scope)?, json!(42));
/// # Ok::<(), sfn_local::error::RuntimeError>(())
/// ```
pub trait VariableLookup {
    /// The value of the variable `name`, if it is set.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::data::{NoVariables, VariableLookup};
    ///
    /// // A JSON object is a set of variables.
    /// let variables = serde_json::Map::from_iter([("tier".to_owned(), json!("gold"))]);
    /// assert_eq!(VariableLookup::get(&variables, "tier"), Some(&json!("gold")));
    /// assert_eq!(VariableLookup::get(&variables, "total"), None);
    /// assert_eq!(NoVariables.get("tier"), None);
    /// ```
    fn get(&self, name: &str) -> Option<&Value>;
}

/// No variables at all.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::data::{NoVariables, Scope};
/// use sfn_local::jsonpath;
///
/// let (input, context) = (json!({"total": 42}), json!({}));
/// let scope = Scope::new(&input, &context, &NoVariables);
/// assert_eq!(jsonpath::evaluate("$.total", &scope)?, json!(42));
/// let error = jsonpath::evaluate("$total", &scope).unwrap_err();
/// assert_eq!(error.cause, "Invalid path '$total' : The variable '$total' is not defined");
/// # Ok::<(), sfn_local::error::RuntimeError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoVariables;

impl VariableLookup for NoVariables {
    fn get(&self, _name: &str) -> Option<&Value> {
        None
    }
}

impl VariableLookup for Map<String, Value> {
    fn get(&self, name: &str) -> Option<&Value> {
        Map::get(self, name)
    }
}

impl<S: std::hash::BuildHasher> VariableLookup for IndexMap<String, Value, S> {
    fn get(&self, name: &str) -> Option<&Value> {
        IndexMap::get(self, name)
    }
}

impl VariableLookup for BTreeMap<String, Value> {
    fn get(&self, name: &str) -> Option<&Value> {
        BTreeMap::get(self, name)
    }
}

impl<S: std::hash::BuildHasher> VariableLookup for HashMap<String, Value, S> {
    fn get(&self, name: &str) -> Option<&Value> {
        HashMap::get(self, name)
    }
}

/// The documents a path can start from: `$` (the input), `$$` (the context object) and
/// `$name` (a variable).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_local::data::Scope;
///
/// let input = json!({"a": 1});
/// let context = json!({});
/// let variables = serde_json::Map::from_iter([("total".to_owned(), json!(3))]);
/// let scope = Scope::new(&input, &context, &variables);
/// assert_eq!(scope.variables.get("total"), Some(&json!(3)));
/// ```
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    /// The document `$` refers to.
    pub input: &'a Value,
    /// The context object, `$$`.
    pub context: &'a Value,
    /// The workflow variables.
    pub variables: &'a dyn VariableLookup,
}

impl<'a> Scope<'a> {
    /// A scope over the given documents.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::data::Scope;
    /// use sfn_local::jsonpath;
    ///
    /// let (input, context) = (json!({"id": 7}), json!({"Execution": {"Name": "run-1"}}));
    /// let variables = serde_json::Map::from_iter([("tier".to_owned(), json!("gold"))]);
    /// let scope = Scope::new(&input, &context, &variables);
    /// assert_eq!(jsonpath::evaluate("$.id", &scope)?, json!(7));
    /// assert_eq!(jsonpath::evaluate("$$.Execution.Name", &scope)?, json!("run-1"));
    /// assert_eq!(jsonpath::evaluate("$tier", &scope)?, json!("gold"));
    /// # Ok::<(), sfn_local::error::RuntimeError>(())
    /// ```
    #[must_use]
    pub fn new(input: &'a Value, context: &'a Value, variables: &'a dyn VariableLookup) -> Self {
        Self {
            input,
            context,
            variables,
        }
    }

    /// The same context and variables with another `$` document (for example the task
    /// result, for `ResultSelector`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_local::data::{NoVariables, Scope};
    /// use sfn_local::jsonpath;
    ///
    /// let (input, context) = (json!({"id": 7}), json!({"Execution": {"Name": "run-1"}}));
    /// let scope = Scope::new(&input, &context, &NoVariables);
    /// let result = json!({"Payload": {"receipt": "r-1"}});
    /// let on_result = scope.with_input(&result);
    /// assert_eq!(jsonpath::evaluate("$.Payload.receipt", &on_result)?, json!("r-1"));
    /// assert_eq!(jsonpath::evaluate("$$.Execution.Name", &on_result)?, json!("run-1"));
    /// # Ok::<(), sfn_local::error::RuntimeError>(())
    /// ```
    #[must_use]
    pub fn with_input(self, input: &'a Value) -> Self {
        Self { input, ..self }
    }
}

impl fmt::Debug for Scope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scope")
            .field("input", self.input)
            .field("context", self.context)
            .finish_non_exhaustive()
    }
}
