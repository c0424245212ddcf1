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

/// `present` when the value at the typed path is never missing (not an `Option`), `other`
/// otherwise.
#[must_use]
pub fn switch_present<P: PathNode>(_path: &P, present: String, other: String) -> String {
    if P::OPTIONAL { other } else { present }
}

/// `single` when the value at the typed path is a present string, number, boolean or object
/// (a JSONata array constructor keeps it as one element), `other` otherwise.
#[must_use]
pub fn switch_single<P: PathNode>(_path: &P, single: String, other: String) -> String {
    let single_kind = matches!(
        P::KIND,
        ValueKind::String | ValueKind::Number | ValueKind::Boolean | ValueKind::Object
    );
    if single_kind && !P::OPTIONAL {
        single
    } else {
        other
    }
}

/// `list` when the value at the typed path is a present list, `other` otherwise.
#[must_use]
pub fn switch_list<P: PathNode>(_path: &P, list: String, other: String) -> String {
    if P::KIND == ValueKind::Array && !P::OPTIONAL {
        list
    } else {
        other
    }
}

/// A typed path whose values hold elements: a list, or a map (its values).
pub trait Elements {
    /// The typed path of an element.
    type Element: PathNode;
}

impl<T: Payload> Elements for typed::ListPath<T> {
    type Element = T::Path;
}

impl<V: Payload> Elements for typed::MapPath<V> {
    type Element = V::Path;
}

/// The typed path of an element of a list, or of a value of a map, as a root of its own.
#[must_use]
pub fn element<C: Elements>(_container: &C) -> C::Element {
    C::Element::at(Location::input())
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
