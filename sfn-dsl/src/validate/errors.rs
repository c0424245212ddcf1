//! `Retry` and `Catch`: matchers, ordering, ranges and retry budgets (ASL reference §5).

use super::code::Code;
use super::cx::{At, Cx};
use super::fields::report_field_at;
use super::payload::{self, Role};
use super::syntax::{self, PathKind};
use super::values::{self, MAX_SECONDS};
use crate::model::{Catcher, ErrorName, JitterStrategy, Nullable, Retrier};
use crate::source::Pointer;
use crate::suggest::closest;

use crate::limits::MAX_DELAY_SECONDS;

/// The longest a Standard execution may run, in seconds (one year).
const YEAR_SECONDS: f64 = 31_536_000.0;

pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, retry: &[Retrier], catch: &[Catcher]) {
    let retry_pointer = at.pointer.key("Retry");
    for (index, retrier) in retry.iter().enumerate() {
        let pointer = retry_pointer.index(index);
        matchers(
            cx,
            at,
            &pointer,
            &retrier.error_equals,
            index + 1 == retry.len(),
            "retrier",
        );
        let earlier = retry
            .iter()
            .take(index)
            .flat_map(|earlier| earlier.error_equals.iter());
        pre_empted(cx, at, &pointer, &retrier.error_equals, &earlier, "retrier");
        retrier_values(cx, at, &pointer, retrier);
    }
    let catch_pointer = at.pointer.key("Catch");
    for (index, catcher) in catch.iter().enumerate() {
        let pointer = catch_pointer.index(index);
        matchers(
            cx,
            at,
            &pointer,
            &catcher.error_equals,
            index + 1 == catch.len(),
            "catcher",
        );
        let earlier = catch
            .iter()
            .take(index)
            .flat_map(|earlier| earlier.error_equals.iter());
        pre_empted(cx, at, &pointer, &catcher.error_equals, &earlier, "catcher");
        catcher_fields(cx, at, &pointer, catcher);
    }
}

fn matchers(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    names: &[ErrorName],
    is_last: bool,
    what: &str,
) {
    let list = pointer.key("ErrorEquals");
    if names.is_empty() {
        cx.push(
            at.diagnostic(
                Code::EmptyArray,
                &list,
                format!("`ErrorEquals` of a {what} of state `{}` is empty", at.name),
            )
            .with_hint("name at least one error, or `States.ALL` for any"),
        );
    }
    for (index, name) in names.iter().enumerate() {
        let name_pointer = list.index(index);
        match name {
            ErrorName::All if names.len() > 1 => cx.push(
                at.diagnostic(
                    Code::StatesAllMisplaced,
                    &name_pointer,
                    format!(
                        "`States.ALL` must be the only error in its `ErrorEquals` (a {what} of state `{}`)",
                        at.name
                    ),
                )
                .with_hint("put the other errors in an earlier entry"),
            ),
            ErrorName::All if !is_last => cx.push(
                at.diagnostic(
                    Code::StatesAllMisplaced,
                    &name_pointer,
                    format!(
                        "`States.ALL` must be in the last {what} of state `{}`, since it matches every error and the later ones could never run",
                        at.name
                    ),
                )
                .with_hint(format!("move this {what} to the end")),
            ),
            ErrorName::Runtime => cx.push(
                at.diagnostic(
                    Code::UnreachableHandler,
                    &name_pointer,
                    format!(
                        "`States.Runtime` is never retried or caught, so this {what} of state `{}` cannot match it",
                        at.name
                    ),
                )
                .with_hint("fix the path or data problem that raises it instead"),
            ),
            ErrorName::Custom(text)
                if text.starts_with("States.") && !crate::model::is_http_status(text) =>
            {
                let mut diagnostic = at.diagnostic(
                    Code::UnknownStatesError,
                    &name_pointer,
                    format!(
                        "`{text}` is not an error the States Language defines, and user errors cannot start with `States.`"
                    ),
                );
                if let Some(known) = closest(text, ErrorName::predefined_spellings()) {
                    diagnostic = diagnostic.with_hint(format!("did you mean `{known}`?"));
                }
                cx.push(diagnostic);
            }
            _ => {}
        }
    }
}

/// Warns about an entry all of whose errors an earlier entry already handles.
/// `earlier` walks the error names of the entries before this one (an iterator rather
/// than a collected list, so that the common case allocates nothing).
fn pre_empted<'a>(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    names: &[ErrorName],
    earlier: &(impl Iterator<Item = &'a ErrorName> + Clone),
    what: &str,
) {
    if names.is_empty()
        || earlier.clone().any(|name| *name == ErrorName::All)
        || !names
            .iter()
            .all(|name| earlier.clone().any(|earlier| earlier == name))
    {
        return;
    }
    cx.push(
        at.diagnostic(
            Code::UnreachableHandler,
            &pointer.key("ErrorEquals"),
            format!(
                "this {what} of state `{}` never runs: earlier entries already match all of its errors",
                at.name
            ),
        )
        .with_hint(format!("remove it, or move it before the {what} that matches first")),
    );
}

fn retrier_values(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, retrier: &Retrier) {
    if let Some(value) = retrier.interval_seconds {
        let field = pointer.key("IntervalSeconds");
        values::unsigned_in_range(cx, at, &field, "IntervalSeconds", value, (1, MAX_SECONDS));
    }
    if let Some(value) = retrier.max_attempts {
        let field = pointer.key("MaxAttempts");
        values::unsigned_in_range(cx, at, &field, "MaxAttempts", value, (0, MAX_SECONDS));
    }
    if let Some(value) = &retrier.max_delay_seconds {
        let field = pointer.key("MaxDelaySeconds");
        values::unsigned_in_range(
            cx,
            at,
            &field,
            "MaxDelaySeconds",
            *value,
            (1, MAX_DELAY_SECONDS),
        );
    }
    if let Some(rate) = &retrier.backoff_rate {
        let field = pointer.key("BackoffRate");
        values::number_in_range(cx, at, &field, "BackoffRate", rate, (1.0, f64::MAX));
    }
    if let Some(JitterStrategy::Other(text)) = &retrier.jitter_strategy {
        let field = pointer.key("JitterStrategy");
        values::keyword(cx, at, &field, "JitterStrategy", text, &["FULL", "NONE"]);
    }
    budget(cx, at, pointer, retrier);
}

/// Warns when the retries of one retrier can wait longer in total than an execution runs.
fn budget(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, retrier: &Retrier) {
    let attempts = retrier.max_attempts.unwrap_or(3);
    let interval = retrier.interval_seconds.unwrap_or(1);
    let rate = retrier
        .backoff_rate
        .as_ref()
        .and_then(serde_json::Number::as_f64)
        .unwrap_or(2.0)
        .max(1.0);
    #[expect(
        clippy::cast_precision_loss,
        reason = "seconds below 2^53 are exact in f64, and the total is an estimate"
    )]
    let (interval, cap) = (
        interval as f64,
        retrier.max_delay_seconds.map(|cap| cap as f64),
    );
    let mut total = 0.0;
    let mut delay = interval;
    for _ in 0..attempts {
        let effective = cap.map_or(delay, |cap| delay.min(cap));
        total += effective;
        if total > YEAR_SECONDS {
            break;
        }
        delay *= rate;
    }
    if total > YEAR_SECONDS {
        cx.push(
            at.diagnostic(
                Code::UnboundedRetry,
                pointer,
                format!(
                    "the retries of this retrier of state `{}` can wait more than a year in total ({attempts} attempts from {interval} s, backoff {rate}), longer than any execution runs",
                    at.name
                ),
            )
            .with_hint("lower `MaxAttempts`, or cap each delay with `MaxDelaySeconds`"),
        );
    }
}

fn catcher_fields(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, catcher: &Catcher) {
    if let Some(result_path) = &catcher.result_path {
        let field = pointer.key("ResultPath");
        if at.is_jsonata() {
            report_field_at(
                cx,
                at,
                &field,
                "ResultPath",
                "shape the catcher's output with `Output`",
            );
        } else if let Nullable::Value(path) = result_path {
            syntax::path(cx, at, &field, path.as_str(), PathKind::Result);
        }
    }
    if let Some(output) = &catcher.output {
        let field = pointer.key("Output");
        if at.is_jsonata() {
            payload::check(cx, at, &field, output, Role::Expression);
        } else {
            report_field_at(
                cx,
                at,
                &field,
                "Output",
                "place the error output with `ResultPath`",
            );
        }
    }
}
