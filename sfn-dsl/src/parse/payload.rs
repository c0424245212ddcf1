//! Reading free-form payloads, recognising `.$` keys and `{% %}` expressions.

use super::Cx;
use crate::model::{
    DYNAMIC_KEY_SUFFIX, DynamicValue, Jsonata, Payload, PayloadField, PayloadObject,
};
use crate::source::{Node, NodeValue, Pointer};

pub(super) fn payload(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Payload {
    match node.value() {
        NodeValue::Null => Payload::Null,
        NodeValue::Bool(value) => Payload::Bool(value),
        NodeValue::Number(number) => Payload::Number(number),
        NodeValue::String(text) => match Jsonata::from_template_string(&text) {
            Some(expression) => Payload::Jsonata(expression),
            None => Payload::String(text.into_owned()),
        },
        NodeValue::Array(items) => Payload::Array(
            items
                .iter()
                .enumerate()
                .map(|(index, item)| payload(cx, item, &pointer.index(index)))
                .collect(),
        ),
        NodeValue::Object(_) => Payload::Object(object_fields(cx, node, pointer)),
    }
}

/// A payload that must be an object (`Assign`).
pub(super) fn payload_object(
    cx: &mut Cx,
    node: Node<'_>,
    pointer: &Pointer<'_>,
) -> Option<PayloadObject> {
    if node.as_object().is_some() {
        Some(object_fields(cx, node, pointer))
    } else {
        cx.wrong_type(pointer, node, "an object");
        None
    }
}

fn object_fields(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> PayloadObject {
    let Some(members) = node.as_object() else {
        return PayloadObject::new();
    };
    let mut object = PayloadObject::with_capacity(members.len());
    for member in members.iter() {
        let field = if member.key.ends_with(DYNAMIC_KEY_SUFFIX)
            && let Some(text) = member.value.as_str()
        {
            PayloadField::Dynamic(DynamicValue::parse(&text))
        } else {
            PayloadField::Value(payload(cx, member.value, &pointer.key(&member.key)))
        };
        object.insert_field(member.key.into_owned(), field);
    }
    object
}
