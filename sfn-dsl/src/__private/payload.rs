//! Hooks `#[derive(Payload)]` implements, and the compile-time checks built on them.

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
/// literals in workflows cannot rebuild flattened fields).
pub trait StructFields {
    /// Whether some field is `#[serde(flatten)]`.
    const HAS_FLATTEN: bool;
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
