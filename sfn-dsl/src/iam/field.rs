//! Reading literal settings out of a task's `Parameters` or `Arguments`.

use crate::model::{Payload, PayloadField};

/// A setting of a task's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// Written as a string literal.
    Literal(String),
    /// Computed at run time (a path, an intrinsic or JSONata).
    Dynamic,
    /// Not given.
    Absent,
}

/// The setting `name` of `Parameters` (JSONPath) or `Arguments` (JSONata).
pub(crate) fn field(payload: Option<&Payload>, name: &str) -> Field {
    let Some(Payload::Object(object)) = payload else {
        return match payload {
            Some(Payload::Jsonata(_)) => Field::Dynamic,
            _ => Field::Absent,
        };
    };
    for (key, value) in object.fields() {
        if key != name {
            continue;
        }
        return match value {
            PayloadField::Value(Payload::String(text)) => Field::Literal(text.clone()),
            PayloadField::Value(_) | PayloadField::Dynamic(_) => Field::Dynamic,
        };
    }
    Field::Absent
}

/// A nested setting such as `Entries[*].EventBusName`: every literal value found under the
/// key `name` at any depth.
pub(crate) fn all_literals(payload: Option<&Payload>, name: &str, into: &mut Vec<Field>) {
    match payload {
        Some(Payload::Object(object)) => {
            for (key, value) in object.fields() {
                match value {
                    PayloadField::Value(Payload::String(text)) if key == name => {
                        into.push(Field::Literal(text.clone()));
                    }
                    PayloadField::Dynamic(_) if key == name => into.push(Field::Dynamic),
                    PayloadField::Value(nested) => all_literals(Some(nested), name, into),
                    PayloadField::Dynamic(_) => {}
                }
            }
        }
        Some(Payload::Array(items)) => {
            for item in items {
                all_literals(Some(item), name, into);
            }
        }
        _ => {}
    }
}
