//! Runtime values: JSON data plus functions, with JSONata's sequence flags.

mod convert;
pub(crate) mod json;
pub(crate) mod number;

use std::rc::Rc;

use indexmap::IndexMap;

use crate::eval::function::Function;
use crate::stack::value_level;

pub(crate) use convert::{MAX_VALUE_DEPTH, from_json, to_json};

/// An object: keys in insertion order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Object(pub(crate) IndexMap<Rc<str>, Value>);

impl Object {
    pub(crate) fn new() -> Self {
        Object(IndexMap::new())
    }
}

impl std::ops::Deref for Object {
    type Target = IndexMap<Rc<str>, Value>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Object {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl FromIterator<(Rc<str>, Value)> for Object {
    fn from_iter<I: IntoIterator<Item = (Rc<str>, Value)>>(iter: I) -> Self {
        Object(iter.into_iter().collect())
    }
}

// Values built by expressions can nest arbitrarily deep (`[[[...]]]` in a loop); the
// derived recursive drop would overflow the stack, so containers drop iteratively.
impl Drop for Object {
    fn drop(&mut self) {
        if self.0.values().any(is_container) {
            drop_iteratively(std::mem::take(&mut self.0).into_values().collect());
        }
    }
}

impl Drop for Array {
    fn drop(&mut self) {
        if self.items.iter().any(is_container) {
            drop_iteratively(std::mem::take(&mut self.items));
        }
    }
}

fn is_container(value: &Value) -> bool {
    matches!(value, Value::Array(_) | Value::Object(_))
}

fn drop_iteratively(mut stack: Vec<Value>) {
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(array) => {
                if let Ok(mut array) = Rc::try_unwrap(array) {
                    stack.append(&mut array.items);
                }
            }
            Value::Object(object) => {
                if let Ok(mut object) = Rc::try_unwrap(object) {
                    stack.extend(std::mem::take(&mut object.0).into_values());
                }
            }
            _ => {}
        }
    }
}

/// A JSONata value. `undefined` is `Option::None` wherever it can occur.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(Rc<str>),
    Array(Rc<Array>),
    Object(Rc<Object>),
    Function(Rc<Function>),
    /// An array item jsonata-js holds as `undefined`: a regex group that did not take part
    /// in a match (`$match("abc", /(x)?b/).groups`). It is counted and kept by the functions
    /// that take arrays and is JSON `null`; read on its own it is undefined (`None`), which
    /// [`Evaluator::evaluate`](crate::eval::Evaluator::evaluate) and signature checks see to.
    Undefined,
}

/// An array with the flags JSONata attaches to arrays during evaluation.
#[derive(Clone, Debug, Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent flags JSONata attaches to arrays"
)]
pub(crate) struct Array {
    pub(crate) items: Vec<Value>,
    /// A result sequence (collapses to its item when it holds one).
    pub(crate) sequence: bool,
    /// A sequence that must stay an array even with one item (`[]` in a path).
    pub(crate) keep_singleton: bool,
    /// Built by an array constructor: not flattened by path steps.
    pub(crate) cons: bool,
    /// The top-level input array, wrapped in a sequence.
    pub(crate) outer_wrapper: bool,
    /// A stream of tuples (objects binding `@` and variables).
    pub(crate) tuple_stream: bool,
}

impl Array {
    pub(crate) fn new(items: Vec<Value>) -> Self {
        Array {
            items,
            ..Array::default()
        }
    }

    pub(crate) fn sequence(items: Vec<Value>) -> Self {
        Array {
            items,
            sequence: true,
            ..Array::default()
        }
    }
}

impl Value {
    pub(crate) fn string(text: impl Into<Rc<str>>) -> Value {
        Value::String(text.into())
    }

    pub(crate) fn array(items: Vec<Value>) -> Value {
        Value::Array(Rc::new(Array::new(items)))
    }

    pub(crate) fn sequence(items: Vec<Value>) -> Value {
        Value::Array(Rc::new(Array::sequence(items)))
    }

    pub(crate) fn object(map: Object) -> Value {
        Value::Object(Rc::new(map))
    }

    pub(crate) fn as_array(&self) -> Option<&Array> {
        match self {
            Value::Array(array) => Some(array),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub(crate) fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(number) => Some(*number),
            _ => None,
        }
    }

    /// The value, or `None` for [`Value::Undefined`]: what a value read on its own (an
    /// argument, a context, a group's data) is, as in jsonata-js.
    pub(crate) fn defined(value: Option<Value>) -> Option<Value> {
        value.filter(|value| !matches!(value, Value::Undefined))
    }

    /// Signature symbol of the value's type.
    pub(crate) fn type_symbol(&self) -> char {
        match self {
            Value::Null => 'l',
            Value::Bool(_) => 'b',
            Value::Number(_) => 'n',
            Value::String(_) => 's',
            Value::Array(_) => 'a',
            Value::Object(_) => 'o',
            Value::Function(_) => 'f',
            Value::Undefined => 'm',
        }
    }

    /// The items of an array, or the value itself as a one-item slice.
    pub(crate) fn items(&self) -> &[Value] {
        match self {
            Value::Array(array) => &array.items,
            other => std::slice::from_ref(other),
        }
    }

    /// Mutable access to the array's flags and items (copies a shared array).
    pub(crate) fn array_mut(&mut self) -> Option<&mut Array> {
        match self {
            Value::Array(array) => Some(Rc::make_mut(array)),
            _ => None,
        }
    }
}

/// Deep equality as JSONata defines it (functions are never equal).
pub(crate) fn deep_equal(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Null, Value::Null) | (Value::Undefined, Value::Undefined) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        #[expect(clippy::float_cmp, reason = "JSONata compares numbers exactly")]
        (Value::Number(a), Value::Number(b)) => a == b,
        (Value::String(a), Value::String(b)) => a == b,
        (Value::Array(a), Value::Array(b)) => {
            Rc::ptr_eq(a, b)
                || (a.items.len() == b.items.len()
                    && a.items
                        .iter()
                        .zip(&b.items)
                        .all(|(x, y)| value_level(|| deep_equal(x, y))))
        }
        (Value::Object(a), Value::Object(b)) => {
            Rc::ptr_eq(a, b)
                || (a.len() == b.len()
                    && a.iter().all(|(key, x)| {
                        b.get(key).is_some_and(|y| value_level(|| deep_equal(x, y)))
                    }))
        }
        (Value::Function(a), Value::Function(b)) => Rc::ptr_eq(a, b),
        _ => false,
    }
}

/// Strict equality as JavaScript's `===` (used by `in`): objects by identity.
pub(crate) fn strict_equal(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Array(a), Value::Array(b)) => Rc::ptr_eq(a, b),
        (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
        _ => deep_equal(left, right),
    }
}

/// The value as JSON text, for error messages.
pub(crate) fn describe(value: &Value) -> String {
    json::stringify(value, false).unwrap_or_default()
}
