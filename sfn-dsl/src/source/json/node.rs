//! The parsed tree: values with the spans they occupy in the source.

use std::borrow::Cow;

use serde_json::{Number, Value};

use crate::source::Span;

/// A JSON value with the span it occupies in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the value is written.
    pub span: Span,
    /// The value.
    pub value: NodeValue,
}

/// The value of a [`Node`].
#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as `serde_json` would parse it.
    Number(Number),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object, members in source order.
    Object(Vec<Member>),
}

/// One `"key": value` member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key, unescaped (field names of the States Language are shared, not allocated).
    pub key: Cow<'static, str>,
    /// Where the key (with its quotes) is written.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

impl NodeValue {
    /// A short description of the JSON type, for messages ("a string", "an object").
    #[must_use]
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(true) => "true",
            Self::Bool(false) => "false",
            Self::Number(_) => "a number",
            Self::String(_) => "a string",
            Self::Array(_) => "an array",
            Self::Object(_) => "an object",
        }
    }
}

impl Node {
    /// Converts to a `serde_json` value (spans are dropped).
    #[must_use]
    pub fn to_value(&self) -> Value {
        match &self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(value) => Value::Bool(*value),
            NodeValue::Number(value) => Value::Number(value.clone()),
            NodeValue::String(value) => Value::String(value.clone()),
            NodeValue::Array(items) => Value::Array(items.iter().map(Self::to_value).collect()),
            NodeValue::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|member| (member.key.to_string(), member.value.to_value()))
                    .collect(),
            ),
        }
    }

    /// Converts from a `serde_json` value, with empty spans.
    #[must_use]
    pub fn from_value(value: &Value) -> Self {
        let value = match value {
            Value::Null => NodeValue::Null,
            Value::Bool(value) => NodeValue::Bool(*value),
            Value::Number(value) => NodeValue::Number(value.clone()),
            Value::String(value) => NodeValue::String(value.clone()),
            Value::Array(items) => NodeValue::Array(items.iter().map(Self::from_value).collect()),
            Value::Object(map) => NodeValue::Object(
                map.iter()
                    .map(|(key, value)| Member {
                        key: Cow::Owned(key.clone()),
                        key_span: Span::default(),
                        value: Self::from_value(value),
                    })
                    .collect(),
            ),
        };
        Self {
            span: Span::default(),
            value,
        }
    }

    /// The members, if this is an object.
    #[must_use]
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            NodeValue::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The string, if this is one.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::String(text) => Some(text),
            _ => None,
        }
    }
}
