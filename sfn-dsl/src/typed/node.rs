//! The traits that connect Rust types to their typed paths.

use super::location::Location;
use super::predicate::{Predicate, type_test};
use crate::model::{JsonPath, Jsonata, TypeTest};

/// What kind of JSON value a typed path points at, as far as the Rust type tells.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Path, PathNode, ValueKind};
///
/// assert_eq!(<Path<f64> as PathNode>::KIND, ValueKind::Number);
/// assert_eq!(<Path<String> as PathNode>::KIND, ValueKind::String);
/// assert_eq!(<Path<bool> as PathNode>::KIND, ValueKind::Boolean);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueKind {
    /// A JSON string.
    String,
    /// A JSON number.
    Number,
    /// A JSON boolean.
    Boolean,
    /// A JSON array.
    Array,
    /// A JSON object.
    Object,
    /// Anything else, or not known.
    Other,
}

/// A typed path: a value that knows its [`Location`] and can be built at any location.
///
/// Implemented by [`Path`](super::Path), the container paths and every `…Path` struct that
/// `#[derive(Payload)]` generates.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Location, Path, PathNode};
///
/// let id: Path<String> = PathNode::at(Location::input().field("id"));
/// assert_eq!(id.json_path().as_str(), "$.id");
/// assert_eq!(id.is_present().jsonata_text(), "$exists($states.input.id)");
/// ```
pub trait PathNode: Sized {
    /// The kind of value at the path.
    const KIND: ValueKind = ValueKind::Other;

    /// Whether the value may be missing (an `Option`): the workflow macro writes `null`
    /// where JSONata would leave such a value undefined.
    #[doc(hidden)]
    const OPTIONAL: bool = false;

    /// The typed path at `location`.
    fn at(location: Location) -> Self;

    /// Where the path points.
    fn location(&self) -> &Location;

    /// The path as a JSONPath.
    fn json_path(&self) -> JsonPath {
        self.location().to_json_path()
    }

    /// The path as a JSONata expression.
    fn jsonata(&self) -> Jsonata {
        self.location().to_jsonata()
    }

    /// The value is present (`IsPresent`), even if it is `null`.
    fn is_present(&self) -> Predicate {
        type_test(self.location(), TypeTest::IsPresent, true)
    }

    /// The value is absent (`IsPresent: false`).
    fn is_absent(&self) -> Predicate {
        type_test(self.location(), TypeTest::IsPresent, false)
    }

    /// The value is JSON `null` (`IsNull`).
    fn is_null(&self) -> Predicate {
        type_test(self.location(), TypeTest::IsNull, true)
    }
}

/// A Rust type whose JSON form has typed paths: `Order::path().customer.email`.
///
/// Derive it with `#[derive(Payload)]` next to serde's derives; it is implemented here for
/// strings, numbers, booleans, [`Timestamp`](super::Timestamp), `serde_json::Value`, `Option`,
/// `Vec` and other sequences, string-keyed maps, and smart pointers.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Payload, PathNode};
///
/// let items = <Vec<String> as Payload>::path();
/// assert_eq!(items.index(2).json_path().as_str(), "$[2]");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no typed paths",
    label = "not a workflow payload",
    note = "add `#[derive(sfn_dsl::Payload)]` to the type (next to serde's derives)"
)]
pub trait Payload {
    /// The typed path of this type.
    type Path: PathNode;

    /// The typed path of the whole state input.
    #[must_use]
    fn path() -> Self::Path {
        Self::Path::at(Location::input())
    }

    /// The typed path of the workflow variable `name`.
    #[must_use]
    fn var(name: &str) -> Self::Path {
        Self::Path::at(Location::variable(name))
    }
}
