//! Serialization of the value types: payloads, paths, dynamic settings.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::{
    Dynamic, DynamicValue, ErrorName, HandlerList, IntrinsicCall, JsonPath, Jsonata,
    JsonataCondition, Nullable, Payload, PayloadField, PayloadObject, Placeholder, QueryLanguage,
    ReferencePath, Resource, StateName,
};

pub(super) fn write_opt<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    key: &'static str,
    value: Option<&T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

/// Writes a setting under `key`, or under `path_key` when it is read from a path.
pub(super) fn write_dynamic<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    path_key: &'static str,
    value: Option<&Dynamic<T>>,
) -> Result<(), M::Error> {
    match value {
        None => Ok(()),
        Some(Dynamic::Literal(literal)) => map.serialize_entry(key, literal),
        Some(Dynamic::Path(path)) => map.serialize_entry(path_key, path),
        Some(Dynamic::Jsonata(expression)) => map.serialize_entry(key, expression),
        Some(Dynamic::Placeholder(placeholder)) => map.serialize_entry(key, placeholder),
    }
}

macro_rules! serialize_as_str {
    ($($type:ty),+) => {
        $(impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        })+
    };
}

serialize_as_str!(
    StateName,
    JsonPath,
    ReferencePath,
    IntrinsicCall,
    Placeholder,
    DynamicValue,
    ErrorName
);

impl Serialize for QueryLanguage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Other(text) => serializer.serialize_str(text),
            other => serialize_concat(serializer, &other.pieces()),
        }
    }
}

impl Serialize for Jsonata {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_concat(serializer, &["{%", self.as_str(), "%}"])
    }
}

/// Serializes the concatenation of `pieces` as one string, put together on the stack when
/// it is short (an ARN, an expression) rather than in a new `String`.
fn serialize_concat<S: Serializer>(serializer: S, pieces: &[&str]) -> Result<S::Ok, S::Error> {
    const STACK: usize = 256;
    let mut buffer = [0_u8; STACK];
    let mut length = 0;
    for piece in pieces {
        let Some(slot) = buffer.get_mut(length..length + piece.len()) else {
            return serializer.serialize_str(&pieces.concat());
        };
        slot.copy_from_slice(piece.as_bytes());
        length += piece.len();
    }
    // Whole `str`s put end to end are UTF-8.
    match buffer.get(..length).map(std::str::from_utf8) {
        Some(Ok(text)) => serializer.serialize_str(text),
        _ => serializer.serialize_str(&pieces.concat()),
    }
}

impl Serialize for JsonataCondition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Literal(value) => serializer.serialize_bool(*value),
            Self::Expression(expression) => expression.serialize(serializer),
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => value.serialize(serializer),
            Self::Null => serializer.serialize_unit(),
        }
    }
}

impl Serialize for Payload {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_unit(),
            Self::Bool(value) => serializer.serialize_bool(*value),
            Self::Number(value) => value.serialize(serializer),
            Self::String(value) => serializer.serialize_str(value),
            Self::Jsonata(expression) => expression.serialize(serializer),
            Self::Array(items) => serializer.collect_seq(items),
            Self::Object(object) => object.serialize(serializer),
        }
    }
}

impl Serialize for PayloadObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, field) in self.iter() {
            match field {
                PayloadField::Value(value) => map.serialize_entry(key, value)?,
                PayloadField::Dynamic(dynamic) => map.serialize_entry(key, dynamic)?,
            }
        }
        map.end()
    }
}

impl<T: Serialize> Serialize for HandlerList<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}
