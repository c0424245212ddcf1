//! Reading the members of one JSON object, field by field, with unknown fields reported at
//! the end.

use std::fmt;

use serde_json::{Number, Value};

use super::Cx;
use super::payload::{payload, payload_object};
use crate::error::ParseIssueKind;
use crate::model::{
    Dynamic, DynamicValue, JsonPath, Jsonata, Nullable, Payload, PayloadObject, Placeholder,
    QueryLanguage, ReferencePath, StateName,
};
use std::borrow::Cow;

use crate::source::{FieldIndex, Member, Node, NodeValue, Pointer, Span};
use crate::suggest::closest;

/// Every field name the States Language defines somewhere, to tell "not allowed here" from
/// "misspelled".
const ASL_FIELDS: &[&str] = &[
    "Arguments",
    "Assign",
    "BackoffRate",
    "BatchInput",
    "Branches",
    "CSVDelimiter",
    "CSVHeaderLocation",
    "CSVHeaders",
    "Catch",
    "Cause",
    "CausePath",
    "Choices",
    "Comment",
    "Condition",
    "Credentials",
    "Default",
    "End",
    "Error",
    "ErrorEquals",
    "ErrorPath",
    "ExecutionType",
    "HeartbeatSeconds",
    "HeartbeatSecondsPath",
    "InputPath",
    "InputType",
    "IntervalSeconds",
    "ItemBatcher",
    "ItemProcessor",
    "ItemReader",
    "ItemSelector",
    "Items",
    "ItemsPath",
    "ItemsPointer",
    "Iterator",
    "JitterStrategy",
    "Label",
    "ManifestType",
    "MaxAttempts",
    "MaxConcurrency",
    "MaxConcurrencyPath",
    "MaxDelaySeconds",
    "MaxInputBytesPerBatch",
    "MaxInputBytesPerBatchPath",
    "MaxItems",
    "MaxItemsPath",
    "MaxItemsPerBatch",
    "MaxItemsPerBatchPath",
    "Mode",
    "Next",
    "Output",
    "OutputPath",
    "OutputType",
    "Parameters",
    "ProcessorConfig",
    "QueryLanguage",
    "ReaderConfig",
    "Resource",
    "Result",
    "ResultPath",
    "ResultSelector",
    "ResultWriter",
    "Retry",
    "Seconds",
    "SecondsPath",
    "StartAt",
    "States",
    "TimeoutSeconds",
    "TimeoutSecondsPath",
    "Timestamp",
    "TimestampPath",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "Transformation",
    "Type",
    "Variable",
    "Version",
    "WriterConfig",
];

/// Which members of an object have been read: a bit set in one word for the usual small
/// objects, a vector beyond 64 members.
enum Used {
    Small(u64),
    Large(Vec<bool>),
}

impl Used {
    fn new(count: usize) -> Self {
        if count <= 64 {
            Self::Small(0)
        } else {
            Self::Large(vec![false; count])
        }
    }

    fn set(&mut self, index: usize) {
        match self {
            Self::Small(bits) => *bits |= 1 << index,
            Self::Large(flags) => {
                if let Some(flag) = flags.get_mut(index) {
                    *flag = true;
                }
            }
        }
    }

    /// Whether all of the first `count` members have been read.
    fn all(&self, count: usize) -> bool {
        match self {
            Self::Small(bits) => bits.count_ones() as usize == count,
            Self::Large(flags) => flags.iter().all(|flag| *flag),
        }
    }

    fn get(&self, index: usize) -> bool {
        match self {
            Self::Small(bits) => bits & (1 << index) != 0,
            Self::Large(flags) => flags.get(index).copied().unwrap_or(false),
        }
    }
}

/// The field names asked for, kept on the stack for "did you mean" hints.
const MAX_ASKED: usize = 48;

/// The members of one object, consumed by name.
pub(super) struct Fields<'n, 'p> {
    /// The members, indexed once: every field asked for is looked up among them.
    members: FieldIndex<'n>,
    /// How many members there are.
    count: usize,
    used: Used,
    /// `None` (a null pointer) rather than `""` for the free slots, so that a new cursor is
    /// zeroed memory, which is cheaper to set up.
    asked: [Option<&'static str>; MAX_ASKED],
    asked_count: usize,
    /// Names a member may be a misspelling of besides those asked for (a Choice rule's
    /// comparison operators, found by their shape rather than asked for by name).
    also_known: &'static [&'static str],
    pub(super) pointer: &'p Pointer<'p>,
    pub(super) span: Span,
}

impl<'n, 'p> Fields<'n, 'p> {
    /// Starts reading `node`, which must be an object.
    pub(super) fn new(
        cx: &mut Cx,
        node: Node<'n>,
        pointer: &'p Pointer<'p>,
        expected: &str,
    ) -> Option<Self> {
        if let Some(members) = node.as_object() {
            Some(Self {
                members: FieldIndex::new(members),
                used: Used::new(members.len()),
                count: members.len(),
                asked: [None; MAX_ASKED],
                asked_count: 0,
                also_known: &[],
                pointer,
                span: node.span(),
            })
        } else {
            cx.wrong_type(pointer, node, expected);
            None
        }
    }

    /// Takes the member `key`, if present.
    ///
    /// Always inlined: the readers name their fields with literals, so that the key's
    /// signature is worked out at compile time.
    #[expect(
        clippy::inline_always,
        reason = "measured: the key's signature folds at every call site (callgrind)"
    )]
    #[inline(always)]
    pub(super) fn take(&mut self, key: &'static str) -> Option<Node<'n>> {
        if let Some(slot) = self.asked.get_mut(self.asked_count) {
            *slot = Some(key);
            self.asked_count += 1;
        }
        let (index, value) = self.members.position(key)?;
        self.used.set(index);
        Some(value)
    }

    /// Whether the member `key` is present (without taking it).
    #[inline]
    pub(super) fn has(&self, key: &str) -> bool {
        self.members.position(key).is_some()
    }

    /// The members not taken yet.
    pub(super) fn remaining(&self) -> impl Iterator<Item = (usize, Member<'n>)> + '_ {
        self.members
            .fields()
            .enumerate()
            .filter(|(index, _)| !self.used.get(*index))
            .map(|(index, field)| (index, field.member()))
    }

    /// Makes `names` count as known names for the "did you mean" hints of
    /// [`finish`](Self::finish).
    pub(super) fn also_known(&mut self, names: &'static [&'static str]) {
        self.also_known = names;
    }

    /// Whether an unread member looks like a misspelling of one of `names`.
    pub(super) fn misspells(&self, names: &'static [&'static str]) -> bool {
        self.remaining()
            .any(|(_, member)| closest(&member.key, names.iter().copied()).is_some())
    }

    /// Marks the member at `index` as read.
    pub(super) fn mark_used(&mut self, index: usize) {
        self.used.set(index);
    }

    /// Reports a missing required field.
    pub(super) fn missing(&self, cx: &mut Cx, key: &str, what: &dyn fmt::Display) {
        cx.report(
            ParseIssueKind::MissingField,
            self.pointer,
            self.span,
            format!("{what} is missing the required field `{key}`"),
        );
    }

    /// Reports every member that was not taken as an unknown field of `what`.
    pub(super) fn finish(&self, cx: &mut Cx, what: &dyn fmt::Display) {
        // The usual case: every member was read, nothing to report.
        if self.used.all(self.count) {
            return;
        }
        for (index, field) in self.members.fields().enumerate() {
            if self.used.get(index) {
                continue;
            }
            let member = field.member();
            let pointer = self.pointer.key(&member.key);
            let asked = self.asked.get(..self.asked_count).unwrap_or_default();
            let suggestion = closest(
                &member.key,
                asked
                    .iter()
                    .flatten()
                    .copied()
                    .chain(self.also_known.iter().copied()),
            );
            let known_elsewhere = ASL_FIELDS.contains(&&*member.key);
            let message = if known_elsewhere {
                format!("`{}` is not a field of {what}", member.key)
            } else {
                format!("unknown field `{}` in {what}", member.key)
            };
            match suggestion {
                Some(suggestion) => cx.report_with_hint(
                    ParseIssueKind::UnknownField,
                    &pointer,
                    member.key_span,
                    message,
                    format!("did you mean `{suggestion}`?"),
                ),
                None => cx.report(
                    ParseIssueKind::UnknownField,
                    &pointer,
                    member.key_span,
                    message,
                ),
            }
        }
    }

    #[inline]
    pub(super) fn string(&mut self, cx: &mut Cx, key: &'static str) -> Option<String> {
        let node = self.take(key)?;
        read_string(cx, node, &self.pointer.key(key))
    }

    /// As [`string`](Self::string), borrowed.
    #[inline]
    pub(super) fn str(&mut self, cx: &mut Cx, key: &'static str) -> Option<Cow<'n, str>> {
        let node = self.take(key)?;
        read_str(cx, node, &self.pointer.key(key))
    }

    /// A required string, borrowed (a missing one is reported).
    #[inline]
    pub(super) fn required_str(
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
    pub(super) fn state_name(&mut self, cx: &mut Cx, key: &'static str) -> Option<StateName> {
        let text = self.str(cx, key)?;
        Some(cx.state_name(&text))
    }

    #[inline]
    pub(super) fn required_state_name(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        what: &dyn fmt::Display,
    ) -> Option<StateName> {
        let text = self.required_str(cx, key, what)?;
        Some(cx.state_name(&text))
    }

    #[inline]
    pub(super) fn unsigned(&mut self, cx: &mut Cx, key: &'static str) -> Option<u64> {
        let node = self.take(key)?;
        read_unsigned(cx, node, &self.pointer.key(key))
    }

    #[inline]
    pub(super) fn number(&mut self, cx: &mut Cx, key: &'static str) -> Option<Number> {
        let node = self.take(key)?;
        if let NodeValue::Number(number) = node.value() {
            Some(number)
        } else {
            cx.wrong_type(&self.pointer.key(key), node, "a number");
            None
        }
    }

    pub(super) fn query_language(&mut self, cx: &mut Cx) -> Option<QueryLanguage> {
        let key = "QueryLanguage";
        let node = self.take(key)?;
        let pointer = self.pointer.key(key);
        let text = read_str(cx, node, &pointer)?;
        let language = QueryLanguage::parse(&text);
        if language.is_none() {
            let hint = closest(&text, ["JSONPath", "JSONata"])
                .map_or_else(String::new, |known| format!(" (did you mean `{known}`?)"));
            cx.report(
                ParseIssueKind::InvalidValue,
                &pointer,
                node.span(),
                format!("`QueryLanguage` must be `JSONPath` or `JSONata`, found `{text}`{hint}"),
            );
        }
        language
    }

    /// A keyword such as `"Mode": "DISTRIBUTED"`; unknown spellings are kept (the validator
    /// reports them).
    #[inline]
    pub(super) fn keyword<T>(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        parse: fn(&str) -> T,
    ) -> Option<T> {
        self.str(cx, key).map(|text| parse(&text))
    }

    /// Any JSON value, kept verbatim (Pass `Result`).
    #[inline]
    pub(super) fn value(&mut self, key: &'static str) -> Option<Value> {
        self.take(key).map(Node::to_value)
    }

    #[inline]
    pub(super) fn payload(&mut self, cx: &mut Cx, key: &'static str) -> Option<Payload> {
        let node = self.take(key)?;
        Some(payload(cx, node, &self.pointer.key(key)))
    }

    #[inline]
    pub(super) fn payload_object(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
    ) -> Option<PayloadObject> {
        let node = self.take(key)?;
        payload_object(cx, node, &self.pointer.key(key))
    }

    /// `InputPath`/`OutputPath`: a path or `null`.
    #[inline]
    pub(super) fn nullable_path(
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
    pub(super) fn nullable_reference_path(
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
    pub(super) fn reference_path(
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
    pub(super) fn dynamic<T>(
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
    pub(super) fn dynamic_unsigned(
        &mut self,
        cx: &mut Cx,
        key: &'static str,
        path_key: &'static str,
    ) -> Option<Dynamic<u64>> {
        self.dynamic(cx, key, path_key, literal_unsigned)
    }

    #[inline]
    pub(super) fn dynamic_number(
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
    pub(super) fn dynamic_string(
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

pub(super) fn read_string(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<String> {
    read_str(cx, node, pointer).map(Cow::into_owned)
}

/// A string value, borrowed: for values that are only looked at or copied into another
/// form, so that they are not copied twice.
pub(super) fn read_str<'n>(
    cx: &mut Cx,
    node: Node<'n>,
    pointer: &Pointer<'_>,
) -> Option<Cow<'n, str>> {
    if let Some(text) = node.as_str() {
        Some(text)
    } else {
        cx.wrong_type(pointer, node, "a string");
        None
    }
}

pub(super) fn read_unsigned(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<u64> {
    if let NodeValue::Number(number) = node.value() {
        // `-0` is an integer in JSON's grammar (held as the float -0.0): zero.
        let value = number
            .as_u64()
            .or_else(|| (node.written_number() == Some("-0")).then_some(0));
        if value.is_none() {
            let field = pointer
                .last_key()
                .map_or_else(String::new, |key| format!("`{key}` "));
            let written = node
                .written_number()
                .map_or_else(|| number.to_string(), str::to_owned);
            // Digits only: a whole number, too large to hold (every such field's AWS limit
            // is far below it).
            let message = if written.bytes().all(|byte| byte.is_ascii_digit()) {
                format!(
                    "{field}is too large: at most {} is read, found {written}",
                    u64::MAX
                )
            } else if number.as_f64().is_some_and(|value| value < 0.0) {
                // What is wrong with the value given; the field's own range (which may
                // start at 1) is the validator's to tell.
                format!("{field}cannot be negative, found {written}")
            } else {
                format!("{field}must be a whole number, found {written}")
            };
            cx.report(ParseIssueKind::InvalidValue, pointer, node.span(), message);
        }
        value
    } else {
        cx.wrong_type(pointer, node, "a whole number");
        None
    }
}

fn literal_unsigned(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<Dynamic<u64>> {
    match node.value() {
        NodeValue::Number(_) => read_unsigned(cx, node, pointer).map(Dynamic::Literal),
        _ => expression_or_placeholder(cx, node, pointer, "a whole number"),
    }
}

/// The non-literal forms of a non-string setting: a `{% %}` expression or a deployment
/// placeholder.
pub(super) fn expression_or_placeholder<T>(
    cx: &mut Cx,
    node: Node<'_>,
    pointer: &Pointer<'_>,
    expected: &str,
) -> Option<Dynamic<T>> {
    let value = node.value();
    if let NodeValue::String(text) = &value {
        if let Some(expression) = Jsonata::from_template_string(text) {
            return Some(Dynamic::Jsonata(expression));
        }
        if Placeholder::is_placeholder(text) {
            return Some(Dynamic::Placeholder(Placeholder::new(&**text)));
        }
    }
    let field = pointer
        .last_key()
        .map_or_else(String::new, |key| format!("`{key}` "));
    let hint = match (&value, pointer.last_key()) {
        (NodeValue::String(text), Some(key)) if text.starts_with('$') => Some(format!(
            "to read the value from the input, use `{key}Path`; in a JSONata state write `{{% … %}}`"
        )),
        _ => None,
    };
    let message = format!(
        "{field}must be {expected}, a `{{% … %}}` expression or a `${{…}}` placeholder, found {}",
        value.describe()
    );
    match hint {
        Some(hint) => {
            cx.report_with_hint(
                ParseIssueKind::WrongType,
                pointer,
                node.span(),
                message,
                hint,
            );
        }
        None => cx.report(ParseIssueKind::WrongType, pointer, node.span(), message),
    }
    None
}
