//! Shared checks of literal values: numeric ranges, keywords and placeholders.

use serde_json::Number;

use super::code::Code;
use super::cx::{At, Cx};
use crate::model::Placeholder;
use crate::source::Pointer;
use crate::suggest::closest;

pub(super) use crate::limits::MAX_SECONDS;

/// Whether `text` holds a deployment substitution (`${Name}`) that SAM, CloudFormation or
/// Terraform replaces before AWS sees the definition.
pub(crate) fn is_substituted(text: &str) -> bool {
    // A byte scan: `str::find` with a string pattern sets up a searcher on every call,
    // which costs more than scanning the short texts checked here.
    text.as_bytes()
        .windows(2)
        .position(|pair| pair == b"${")
        .is_some_and(|start| text.get(start + 2..).is_some_and(|rest| rest.contains('}')))
}

/// `text` as quoted in a message: whole when short, else cut (a generated definition may
/// hold a path or expression of megabytes).
pub(super) fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    crate::shorten::shorten(text, 80)
}

/// Reports an integer outside `min..=max`.
pub(super) fn unsigned_in_range(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    field: &str,
    value: u64,
    (min, max): (u64, u64),
) {
    if value < min || value > max {
        cx.push(at.diagnostic(
            Code::OutOfRange,
            pointer,
            format!(
                "`{field}` of {} must be {}, found {value}",
                what(at),
                bounds(min, max, max == u64::MAX)
            ),
        ));
    }
}

/// "between `min` and `max`", or "at least `min`" when there is no upper bound.
fn bounds(min: impl std::fmt::Display, max: impl std::fmt::Display, unbounded: bool) -> String {
    if unbounded {
        format!("at least {min}")
    } else {
        format!("between {min} and {max}")
    }
}

/// Reports a number outside `min..=max`.
pub(super) fn number_in_range(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    field: &str,
    value: &Number,
    (min, max): (f64, f64),
) {
    let Some(float) = value.as_f64() else {
        return;
    };
    if float < min || float > max {
        cx.push(at.diagnostic(
            Code::OutOfRange,
            pointer,
            format!(
                "`{field}` of {} must be {}, found {value}",
                what(at),
                bounds(min, max, max >= f64::MAX)
            ),
        ));
    }
}

/// Reports an unknown keyword unless it is a deployment placeholder.
pub(super) fn keyword(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    field: &str,
    value: &str,
    known: &[&str],
) {
    if known.contains(&value) || is_substituted(value) {
        return;
    }
    let mut diagnostic = at.diagnostic(
        Code::UnknownKeyword,
        pointer,
        format!(
            "`{field}` of {} must be one of {}, found `{value}`",
            what(at),
            known
                .iter()
                .map(|known| format!("`{known}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    if let Some(suggestion) = closest(value, known.iter().copied()) {
        diagnostic = diagnostic.with_hint(format!("did you mean `{suggestion}`?"));
    }
    cx.push(diagnostic);
}

/// The words "state `Name`", for messages.
pub(super) fn what(at: &At<'_>) -> String {
    format!("state `{}`", at.name)
}

/// Whether a placeholder is only test scaffolding (`__tbd__`), which no deployment tool
/// replaces.
pub(super) fn is_scaffolding(placeholder: &Placeholder) -> bool {
    !is_substituted(placeholder.as_str())
}
