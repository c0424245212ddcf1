//! Reading one JSON value as a string, a whole number, or an expression or placeholder in
//! place of a literal.

use std::borrow::Cow;

use crate::error::ParseIssueKind;
use crate::model::{Dynamic, Jsonata, NearMiss, Placeholder, QueryLanguage};
use crate::parse::Cx;
use crate::shorten::quoted;
use crate::source::{Node, NodeValue, Pointer};

pub(in crate::parse) fn read_string(
    cx: &mut Cx,
    node: Node<'_>,
    pointer: &Pointer<'_>,
) -> Option<String> {
    read_str(cx, node, pointer).map(Cow::into_owned)
}

/// A string value, borrowed: for values that are only looked at or copied into another
/// form, so that they are not copied twice.
pub(in crate::parse) fn read_str<'n>(
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
        // The reader makes `-0` the integer 0 (as AWS does), so it is read here too.
        let value = number.as_u64();
        if value.is_none() {
            let field = pointer
                .last_key()
                .map_or_else(String::new, |key| format!("`{}` ", quoted(key)));
            let written = node
                .written_number()
                .map_or_else(|| Cow::Owned(number.to_string()), Cow::Borrowed);
            let digits_only = written.bytes().all(|byte| byte.is_ascii_digit());
            let written = quoted(&written);
            // Digits only: a whole number, too large to hold (every such field's AWS limit
            // is far below it).
            let message = if digits_only {
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

pub(super) fn literal_unsigned(
    cx: &mut Cx,
    node: Node<'_>,
    pointer: &Pointer<'_>,
) -> Option<Dynamic<u64>> {
    match node.value() {
        NodeValue::Number(_) => read_unsigned(cx, node, pointer).map(Dynamic::Literal),
        _ => expression_or_placeholder(cx, node, pointer, "a whole number"),
    }
}

/// The non-literal forms of a non-string setting: a `{% %}` expression or a deployment
/// placeholder.
pub(in crate::parse) fn expression_or_placeholder<T>(
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
        .map_or_else(String::new, |key| format!("`{}` ", quoted(key)));
    let hint = match (&value, pointer.last_key()) {
        (NodeValue::String(text), Some(key)) if text.starts_with('$') => Some(format!(
            "to read the value from the input, use `{}Path`; in a JSONata state write `{{% … %}}`",
            quoted(key)
        )),
        // Fixing a near miss in a JSONPath state only leads to another error: expressions
        // need JSONata.
        (NodeValue::String(text), _) if cx.language == QueryLanguage::Jsonata => {
            NearMiss::of(text).map(NearMiss::hint)
        }
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
