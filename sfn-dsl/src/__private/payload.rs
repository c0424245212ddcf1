//! Hooks `#[derive(Payload)]` implements, and the compile-time checks built on them.

use serde::Serialize;

use crate::typed::Location;

/// Implemented by `#[derive(Payload)]` for enums: how a variant is recognised in JSON.
pub trait EnumPayload {
    /// Whether the enum's JSON form tells the variants apart (false for untagged enums).
    const MATCHABLE: bool;
    /// A JSONata condition on `subject` that holds for the variant named `variant` (its
    /// Rust name).
    fn variant_test(variant: &str, subject: &str) -> String;
    /// The JSON value of a unit variant, as a JSONata literal.
    fn unit_value(variant: &str) -> String;
}

/// The JSONata condition recognising a variant.
#[must_use]
pub fn variant_test<E: EnumPayload + ?Sized>(variant: &str, subject: &str) -> String {
    E::variant_test(variant, subject)
}

/// The JSONata literal of a unit variant.
#[must_use]
pub fn unit_value<E: EnumPayload + ?Sized>(variant: &str) -> String {
    E::unit_value(variant)
}

/// Implemented by `#[derive(Payload)]` for structs: whether a field is flattened (struct
/// literals in workflows cannot rebuild flattened fields), and which fields serde needs to
/// read the type from an object (a flattened `Option` of it is `Some` only when they are
/// present).
pub trait StructFields {
    /// Whether some field is `#[serde(flatten)]`.
    const HAS_FLATTEN: bool;
    /// Whether [`required_fields`](Self::required_fields) tells when serde reads the type
    /// from an object (not for an enum, whose variants need different fields).
    const PRESENCE_KNOWN: bool;
    /// The JSON names of the fields serde needs to read the type from an object: those
    /// that are neither an `Option` nor defaulted, with those of flattened fields.
    fn required_fields() -> Vec<String>;
}

// Maps take any object, whatever its keys.
macro_rules! any_object {
    ($($ty:ty => [$($param:tt)*]),* $(,)?) => {$(
        impl<$($param)*> StructFields for $ty {
            const HAS_FLATTEN: bool = false;
            const PRESENCE_KNOWN: bool = true;
            fn required_fields() -> Vec<String> {
                Vec::new()
            }
        }
    )*};
}

impl<T: StructFields + ?Sized> StructFields for Box<T> {
    const HAS_FLATTEN: bool = T::HAS_FLATTEN;
    const PRESENCE_KNOWN: bool = T::PRESENCE_KNOWN;
    fn required_fields() -> Vec<String> {
        T::required_fields()
    }
}

any_object! {
    std::collections::BTreeMap<String, V> => [V],
    std::collections::HashMap<String, V, S> => [V, S],
    indexmap::IndexMap<String, V, S> => [V, S],
    serde_json::Map<String, serde_json::Value> => [],
    serde_json::Value => [],
}

/// The location of a flattened `Option<T>`: the object holding it, read as `None` unless
/// the fields serde needs to read a `T` are present. Fails compilation when `T` does not
/// say which fields those are (an enum).
#[must_use]
pub fn flattened_option<T: StructFields + ?Sized>(location: &Location) -> Location {
    const { assert_flattened_option::<T>() };
    location.flattened_option(T::required_fields())
}

/// Fails compilation (in a const context) for a flattened `Option<T>` whose `T` does not
/// say which fields serde needs to read a `Some` (an enum, a newtype, a type parameter).
pub const fn assert_flattened_option<T: StructFields + ?Sized>() {
    assert!(
        T::PRESENCE_KNOWN,
        "a flattened `Option` has typed paths only for a struct (its named fields tell when serde reads `Some`); put the value under a key of its own, or flatten it without `Option`"
    );
}

/// The location of a field that serde reads as `default` when it is missing
/// (`#[serde(default)]`, `#[serde(default = "…")]`): the value is serialized once, when the
/// machine is built. A default that cannot be serialized leaves the field read as it is.
#[must_use]
pub fn defaulted<T: Serialize>(location: &Location, default: &T) -> Location {
    match serde_json::to_value(default) {
        Ok(value) => location.defaulted(&value),
        Err(_) => location.clone(),
    }
}

/// The location of the field `field` (JSON name) of a struct with a container-level
/// `#[serde(default)]`: missing, it is that field of the struct's `default`.
#[must_use]
pub fn container_defaulted<T: Serialize>(
    location: &Location,
    default: &T,
    field: &str,
) -> Location {
    match serde_json::to_value(default) {
        Ok(serde_json::Value::Object(mut object)) => match object.remove(field) {
            Some(value) => location.defaulted(&value),
            None => location.clone(),
        },
        _ => location.clone(),
    }
}

/// Fails compilation (in a const context) for struct literals of types with flattened
/// fields; otherwise does nothing.
pub const fn assert_no_flatten<T: StructFields + ?Sized>() {
    assert!(
        !T::HAS_FLATTEN,
        "a workflow cannot build a struct with `#[serde(flatten)]` fields: build the JSON object field by field"
    );
}

/// Fails compilation (in a const context) when an enum's JSON form cannot tell its
/// variants apart (`#[serde(untagged)]`).
pub const fn assert_matchable<E: EnumPayload + ?Sized>() {
    assert!(
        E::MATCHABLE,
        "a workflow cannot `match` an untagged enum: its JSON form does not say which variant it is"
    );
}
