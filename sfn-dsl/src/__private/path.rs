//! Typed paths turned into JSONata text, and their kinds.

use crate::typed::{self, Location, PathNode, Payload, ValueKind, jsonata_string};

/// The typed path of a value of type `T`, relative to wherever the value lives.
#[must_use]
pub fn root<T: Payload + ?Sized>() -> T::Path {
    T::Path::at(Location::input())
}

/// The JSONata steps of a typed path (`.customer.email`).
#[must_use]
pub fn suffix<P: PathNode>(path: &P) -> String {
    path.location().jsonata_suffix()
}

/// The JSON name of the field a typed path ends with (used for object keys).
#[must_use]
pub fn field_name<P: PathNode>(path: &P) -> String {
    path.location().last_field().unwrap_or_default().to_owned()
}

/// The JSONata function giving the length of the value at a typed path.
#[must_use]
pub fn len_function<P: PathNode>(_path: &P) -> &'static str {
    match P::KIND {
        ValueKind::String => "$length",
        _ => "$count",
    }
}

/// A JSONata string literal.
#[must_use]
pub fn string_literal(text: &str) -> String {
    jsonata_string(text)
}

/// `string` when the typed path holds a string, `other` otherwise.
#[must_use]
pub fn switch_kind<P: PathNode>(_path: &P, string: String, other: String) -> String {
    if P::KIND == ValueKind::String {
        string
    } else {
        other
    }
}

/// `object` when the typed path holds a JSON object (a map), `other` otherwise.
#[must_use]
pub fn switch_object<P: PathNode>(_path: &P, object: String, other: String) -> String {
    if P::KIND == ValueKind::Object {
        object
    } else {
        other
    }
}

/// The typed path of an element of a list, as a root of its own.
#[must_use]
pub fn element<T: Payload>(list: &typed::ListPath<T>) -> T::Path {
    list.element_root()
}

/// A Rust constant as a JSONata literal (its JSON text).
#[must_use]
pub fn constant<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// The same typed path at a fresh root (for a variable holding the value).
#[must_use]
pub fn rebase<P: PathNode>(_path: &P) -> P {
    P::at(Location::input())
}
