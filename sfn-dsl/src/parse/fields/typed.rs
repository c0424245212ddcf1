//! Typed readers of one member each: strings, numbers, paths, payloads and the fields
//! with a `…Path` twin.

use std::borrow::Cow;
use std::fmt;

use serde_json::{Number, Value};

use super::Fields;
use super::read::{
    expression_or_placeholder, literal_unsigned, read_str, read_string, read_unsigned,
};
use crate::error::ParseIssueKind;
use crate::model::{
    Dynamic, DynamicValue, JsonPath, Jsonata, Nullable, Payload, PayloadObject, QueryLanguage,
    ReferencePath, StateName,
};
use crate::parse::Cx;
use crate::parse::payload::{payload, payload_object};
use crate::shorten::quoted;
use crate::source::{Node, NodeValue, Pointer};
use crate::suggest::closest;

impl<'n> Fields<'n, '_> {
    #[inline]
    pub(in crate::parse) fn string(&mut self, cx: &mut Cx, key: &'static str) -> Option<String> {
        let node = self.take(key)?;
        read_string(cx, node, &self.pointer.key(key))
    }

    /// As [`string`](Self::string), borrowed.
    #[inline]
    pub(in crate::parse) fn str(&mut self, cx: &mut Cx, key: &'static str) -> Option<Cow<'n, str>> {
        let node = self.take(key)?;
        read_str(cx, node, &self.pointer.key(key))
    }

    /// A required string, borrowed (a missing one is reported).
    #[inline]
    pub(in crate::parse) fn required_str(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        what: &dyn fmt::Display,
    ) -> Option<Cow<'n, str>> {
        if self.has(key) {
            self.str(cx, key)
        } else {
            self.take(key);
            self.missing(cx, key, what);
            None
        }
    }

    #[inline]
    pub(in crate::parse) fn state_name(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
    ) -> Option<StateName> {
        let text = self.str(cx, key)?;
        Some(cx.state_name(&text))
    }

    #[inline]
    pub(in crate::parse) fn required_state_name(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        what: &dyn fmt::Display,
    ) -> Option<StateName> {
        let text = self.required_str(cx, key, what)?;
        Some(cx.state_name(&text))
    }

    #[inline]
    pub(in crate::parse) fn unsigned(&mut self, cx: &mut Cx, key: &'static str) -> Option<u64> {
        let node = self.take(key)?;
        read_unsigned(cx, node, &self.pointer.key(key))
    }

    #[inline]
    pub(in crate::parse) fn number(&mut self, cx: &mut Cx, key: &'static str) -> Option<Number> {
        let node = self.take(key)?;
        if let NodeValue::Number(number) = node.value() {
            Some(number)
        } else {
            cx.wrong_type(&self.pointer.key(key), node, "a number");
            None
        }
    }

    /// The `QueryLanguage` field, which from now on is the language of the fields read.
    pub(in crate::parse) fn query_language(&mut self, cx: &mut Cx) -> Option<QueryLanguage> {
        let key = "QueryLanguage";
        let node = self.take(key)?;
        let pointer = self.pointer.key(key);
        let text = read_str(cx, node, &pointer)?;
        let language = QueryLanguage::parse(&text);
        if let Some(language) = language {
            cx.language = language;
        } else {
            let hint = closest(&text, ["JSONPath", "JSONata"])
                .map_or_else(String::new, |known| format!(" (did you mean `{known}`?)"));
            cx.report(
                ParseIssueKind::InvalidValue,
                &pointer,
                node.span(),
                format!(
                    "`QueryLanguage` must be `JSONPath` or `JSONata`, found `{}`{hint}",
                    quoted(&text)
                ),
            );
        }
        language
    }

    /// A keyword such as `"Mode": "DISTRIBUTED"`; unknown spellings are kept (the validator
    /// reports them).
    #[inline]
    pub(in crate::parse) fn keyword<T>(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        parse: fn(&str) -> T,
    ) -> Option<T> {
        self.str(cx, key).map(|text| parse(&text))
    }

    /// Any JSON value, kept verbatim (Pass `Result`).
    #[inline]
    pub(in crate::parse) fn value(&mut self, key: &'static str) -> Option<Value> {
        self.take(key).map(Node::to_value)
    }

    #[inline]
    pub(in crate::parse) fn payload(&mut self, cx: &mut Cx, key: &'static str) -> Option<Payload> {
        let node = self.take(key)?;
        Some(payload(cx, node, &self.pointer.key(key)))
    }

    #[inline]
    pub(in crate::parse) fn payload_object(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
    ) -> Option<PayloadObject> {
        let node = self.take(key)?;
        payload_object(cx, node, &self.pointer.key(key))
    }

    /// `InputPath`/`OutputPath`: a path or `null`.
    #[inline]
    pub(in crate::parse) fn nullable_path(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
    ) -> Option<Nullable<JsonPath>> {
        let node = self.take(key)?;
        match node.value() {
            NodeValue::Null => Some(Nullable::Null),
            NodeValue::String(text) => Some(Nullable::Value(JsonPath::new(text))),
            _ => {
                cx.wrong_type(&self.pointer.key(key), node, "a path string or null");
                None
            }
        }
    }

    /// `ResultPath`: a reference path or `null`.
    #[inline]
    pub(in crate::parse) fn nullable_reference_path(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
    ) -> Option<Nullable<ReferencePath>> {
        let node = self.take(key)?;
        match node.value() {
            NodeValue::Null => Some(Nullable::Null),
            NodeValue::String(text) => Some(Nullable::Value(ReferencePath::new(text))),
            _ => {
                cx.wrong_type(
                    &self.pointer.key(key),
                    node,
                    "a reference path string or null",
                );
                None
            }
        }
    }

    #[inline]
    pub(in crate::parse) fn reference_path(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
    ) -> Option<ReferencePath> {
        let node = self.take(key)?;
        if let NodeValue::String(text) = node.value() {
            Some(ReferencePath::new(text))
        } else {
            cx.wrong_type(&self.pointer.key(key), node, "a reference path string");
            None
        }
    }

    /// A field with a `…Path` twin, such as `TimeoutSeconds`/`TimeoutSecondsPath`, whose
    /// literal form is read by `literal`.
    #[inline]
    pub(in crate::parse) fn dynamic<T>(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        path_key: &'static str,
        literal: fn(&mut Cx, Node<'_>, &Pointer<'_>) -> Option<Dynamic<T>>,
    ) -> Option<Dynamic<T>> {
        let plain = self.take(key);
        let path = self.take(path_key);
        match (plain, path) {
            (Some(_), Some(path_node)) => {
                cx.report(
                    ParseIssueKind::ConflictingFields,
                    &self.pointer.key(path_key),
                    path_node.span(),
                    format!("`{key}` and `{path_key}` exclude each other; keep one"),
                );
                None
            }
            (Some(node), None) => literal(cx, node, &self.pointer.key(key)),
            (None, Some(node)) => {
                let text = read_str(cx, node, &self.pointer.key(path_key))?;
                Some(Dynamic::Path(DynamicValue::parse(&text)))
            }
            (None, None) => None,
        }
    }

    #[inline]
    pub(in crate::parse) fn dynamic_unsigned(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        path_key: &'static str,
    ) -> Option<Dynamic<u64>> {
        self.dynamic(cx, key, path_key, literal_unsigned)
    }

    #[inline]
    pub(in crate::parse) fn dynamic_number(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        path_key: &'static str,
    ) -> Option<Dynamic<Number>> {
        self.dynamic(cx, key, path_key, |cx, node, pointer| match node.value() {
            NodeValue::Number(number) => Some(Dynamic::Literal(number)),
            _ => expression_or_placeholder(cx, node, pointer, "a number"),
        })
    }

    #[inline]
    pub(in crate::parse) fn dynamic_string(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        path_key: &'static str,
    ) -> Option<Dynamic<String>> {
        self.dynamic(cx, key, path_key, |cx, node, pointer| {
            let text = read_str(cx, node, pointer)?;
            Some(match Jsonata::from_template_string(&text) {
                Some(expression) => Dynamic::Jsonata(expression),
                None => Dynamic::Literal(text.into_owned()),
            })
        })
    }
}
