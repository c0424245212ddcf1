//! `Retry` and `Catch`: matchers, ordering, ranges and retry budgets (ASL reference §5).

use super::code::Code;
use super::cx::{At, Cx};
use super::fields::report_field_at;
use super::payload::{self, Role};
use super::syntax::{self, PathKind};
use super::task::{EXPRESS_MAX_SECONDS, runs_as_express};
use super::values::{self, MAX_SECONDS};
use crate::model::{Catcher, ErrorName, JitterStrategy, Nullable, Retrier, State};
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
            ErrorName::Custom(text) => {
                if let Some(diagnostic) = unknown_states_error(at, &name_pointer, text) {
                    cx.push(diagnostic);
                }
            }
            _ => {}
        }
    }
}

/// The warning for the error name `name` (at `pointer`) when it starts with `States.` but
/// the States Language does not define it: user errors cannot start with `States.` (ASL
/// reference §5.1). The predefined names and `States.Http.StatusCode.<nnn>` are left alone,
/// also where a Fail state raises one on purpose.
pub(super) fn unknown_states_error(
    at: &At<'_>,
    pointer: &Pointer<'_>,
    name: &str,
) -> Option<super::Diagnostic> {
    if !name.starts_with("States.")
        || ErrorName::parse(name).is_predefined()
        || crate::model::is_http_status(name)
    {
        return None;
    }
    let diagnostic = at.diagnostic(
        Code::UnknownStatesError,
        pointer,
        format!(
            "`{}` is not an error the States Language defines, and user errors cannot start with `States.`",
            values::shorten(name)
        ),
    );
    Some(match closest(name, ErrorName::predefined_spellings()) {
        Some(known) => diagnostic.with_hint(format!("did you mean `{known}`?")),
        None => diagnostic,
    })
}

/// Warns about an entry all of whose errors an earlier entry already handles: by name;
/// through an earlier `States.TaskFailed`, which matches every error but `States.Timeout`
/// (see [`task_failed_matches`]); or, in a Task state, a `States.HeartbeatTimeout` after a
/// `States.Timeout`, since a missed heartbeat fails the task with `States.Timeout` (ASL
/// reference §3.2, recorded). `earlier` walks the error names of the entries before this
/// one (an iterator rather than a collected list, so that the common case allocates
/// nothing).
fn pre_empted<'a>(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    names: &[ErrorName],
    earlier: &(impl Iterator<Item = &'a ErrorName> + Clone),
    what: &str,
) {
    // A misplaced `States.ALL` is an error of its own.
    if names.is_empty() || earlier.clone().any(|name| *name == ErrorName::All) {
        return;
    }
    let by_name = |name: &ErrorName| earlier.clone().any(|earlier| earlier == name);
    let task_failed_earlier = earlier.clone().any(|name| *name == ErrorName::TaskFailed);
    let heartbeat_by_timeout = matches!(at.state, State::Task(_))
        && names.contains(&ErrorName::HeartbeatTimeout)
        && !by_name(&ErrorName::HeartbeatTimeout)
        && by_name(&ErrorName::Timeout);
    let covered = |name: &ErrorName| {
        by_name(name)
            || (task_failed_earlier && task_failed_matches(name))
            || (heartbeat_by_timeout && *name == ErrorName::HeartbeatTimeout)
    };
    if !names.iter().all(covered) {
        return;
    }
    let (message, hint) = if heartbeat_by_timeout {
        (
            format!(
                "this {what} of state `{}` never runs: a missed heartbeat fails the task with `States.Timeout`, which an earlier {what} matches",
                at.name
            ),
            format!("move it before the {what} with `States.Timeout`, or remove it"),
        )
    } else if names.iter().all(by_name) {
        (
            format!(
                "this {what} of state `{}` never runs: earlier entries already match all of its errors",
                at.name
            ),
            format!("remove it, or move it before the {what} that matches first"),
        )
    } else {
        (
            format!(
                "this {what} of state `{}` never runs: an earlier {what} names `States.TaskFailed`, which matches every error except `States.Timeout`, so all of its errors too",
                at.name
            ),
            format!("move it before the {what} with `States.TaskFailed`, or remove it"),
        )
    };
    cx.push(
        at.diagnostic(
            Code::UnreachableHandler,
            &pointer.key("ErrorEquals"),
            message,
        )
        .with_hint(hint),
    );
}

/// Whether `States.TaskFailed` as a matcher also matches `name`: every error except
/// `States.Timeout` (ASL reference §5.4; `Failure::matches` in sfn-local does the same).
/// So not a missed heartbeat either, which AWS raises as `States.Timeout` (the
/// `States.HeartbeatTimeout` matcher catches it); nor `States.ALL`, which also matches
/// `States.Timeout`; and `States.Runtime` is never caught at all, which `matchers` reports.
fn task_failed_matches(name: &ErrorName) -> bool {
    !matches!(
        name,
        ErrorName::Timeout | ErrorName::HeartbeatTimeout | ErrorName::All | ErrorName::Runtime
    )
}

fn retrier_values(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, retrier: &Retrier) {
    let mut in_range = true;
    if let Some(value) = retrier.interval_seconds {
        let field = pointer.key("IntervalSeconds");
        in_range &=
            values::unsigned_in_range(cx, at, &field, "IntervalSeconds", value, (1, MAX_SECONDS));
    }
    if let Some(value) = retrier.max_attempts {
        let field = pointer.key("MaxAttempts");
        in_range &=
            values::unsigned_in_range(cx, at, &field, "MaxAttempts", value, (0, MAX_SECONDS));
    }
    if let Some(value) = &retrier.max_delay_seconds {
        let field = pointer.key("MaxDelaySeconds");
        in_range &= values::unsigned_in_range(
            cx,
            at,
            &field,
            "MaxDelaySeconds",
            *value,
            (1, MAX_DELAY_SECONDS),
        );
    }
    if let Some(rate) = &retrier.backoff_rate {
        // Not counted: the budget takes a rate below 1 as 1, the least it can be, so a
        // retrier that waits too long even so is still worth the warning.
        let field = pointer.key("BackoffRate");
        values::number_in_range(cx, at, &field, "BackoffRate", rate, (1.0, f64::MAX));
    }
    if let Some(JitterStrategy::Other(text)) = &retrier.jitter_strategy {
        let field = pointer.key("JitterStrategy");
        values::keyword(cx, at, &field, "JitterStrategy", text, &["FULL", "NONE"]);
    }
    // An attempt count or a delay out of range is an error already; the budget it gives
    // would only repeat it.
    if in_range {
        budget(cx, at, pointer, retrier);
    }
}

/// Warns when the retries of one retrier can wait longer in total than an execution runs:
/// a year for any execution, five minutes for an Express one.
fn budget(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, retrier: &Retrier) {
    let plan = RetryPlan::of(retrier);
    let total = plan.total_wait(YEAR_SECONDS);
    let RetryPlan {
        attempts,
        interval,
        rate,
        ..
    } = plan;
    #[expect(clippy::cast_precision_loss, reason = "300 is exact in f64")]
    let express_limit = EXPRESS_MAX_SECONDS as f64;
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
    } else if total > express_limit && runs_as_express(cx, at) {
        cx.push(
            at.diagnostic(
                Code::WorkflowTypeLimit,
                pointer,
                format!(
                    "the retries of this retrier of state `{}` can wait {total:.0} s in total ({attempts} attempts from {interval} s, backoff {rate}), but an Express execution ends after {EXPRESS_MAX_SECONDS} s",
                    at.name
                ),
            )
            .with_hint(
                "lower `MaxAttempts` or `IntervalSeconds`, or cap each delay with `MaxDelaySeconds`",
            ),
        );
    }
}

/// The delays of a retrier, with its defaults filled in.
#[derive(Clone, Copy)]
struct RetryPlan {
    attempts: u64,
    interval: f64,
    /// At least 1: a `BackoffRate` below 1 is an error already, and is taken as 1, the
    /// least it can be, so that a retrier that waits too long even so is still reported.
    rate: f64,
    cap: Option<f64>,
}

impl RetryPlan {
    fn of(retrier: &Retrier) -> Self {
        #[expect(
            clippy::cast_precision_loss,
            reason = "seconds below 2^53 are exact in f64, and the total is an estimate"
        )]
        let (interval, cap) = (
            retrier.interval_seconds.unwrap_or(1) as f64,
            retrier.max_delay_seconds.map(|cap| cap as f64),
        );
        Self {
            attempts: retrier.max_attempts.unwrap_or(3),
            interval,
            rate: retrier
                .backoff_rate
                .as_ref()
                .and_then(serde_json::Number::as_f64)
                .unwrap_or(2.0)
                .max(1.0),
            cap,
        }
    }

    /// The longest the retries can wait in total, in seconds (each delay at its full
    /// length, as without jitter), added up until the total passes `limit`.
    fn total_wait(self, limit: f64) -> f64 {
        let mut total = 0.0;
        let mut delay = self.interval;
        for _ in 0..self.attempts {
            total += self.cap.map_or(delay, |cap| delay.min(cap));
            if total > limit {
                break;
            }
            delay *= self.rate;
        }
        total
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

#[cfg(test)]
mod tests {
    use crate::validate::Code;

    /// The code and pointer of each diagnostic of a machine whose only state is the Lambda
    /// Task `S`, with `handlers` (its `Retry` and `Catch` fields) and a Succeed state `E`.
    fn problems(handlers: &str) -> Vec<(Code, String)> {
        let text = format!(
            r#"{{"StartAt": "S", "States": {{"S": {{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {{"FunctionName": "f"}}, {handlers}, "End": true}}, "E": {{"Type": "Succeed"}}}}}}"#
        );
        crate::validate::diagnostic_triples(&text)
            .into_iter()
            .map(|(code, pointer, _)| (code, pointer))
            .collect()
    }

    fn warning(pointer: &str) -> (Code, String) {
        (Code::UnreachableHandler, pointer.to_owned())
    }

    #[test]
    fn an_earlier_task_failed_pre_empts_every_error_but_a_timeout() {
        let catch = |later: &str| {
            problems(&format!(
                r#""Catch": [{{"ErrorEquals": ["States.TaskFailed"], "Next": "E"}}, {{"ErrorEquals": {later}, "Next": "E"}}]"#
            ))
        };
        assert_eq!(
            catch(r#"["Lambda.ServiceException"]"#),
            [warning("/States/S/Catch/1/ErrorEquals")]
        );
        assert_eq!(
            catch(r#"["States.Permissions", "Custom"]"#),
            [warning("/States/S/Catch/1/ErrorEquals")]
        );
        // A task timeout, and a missed heartbeat (raised as `States.Timeout`), still reach
        // the later catcher, as does anything `States.ALL` matches.
        for later in [
            r#"["States.Timeout"]"#,
            r#"["States.HeartbeatTimeout"]"#,
            r#"["Lambda.ServiceException", "States.Timeout"]"#,
            r#"["States.ALL"]"#,
        ] {
            assert_eq!(catch(later), [], "{later}");
        }
        let message = crate::validate::diagnostic_triples(
            r#"{"StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["States.TaskFailed"]}, {"ErrorEquals": ["States.Timeout"]}, {"ErrorEquals": ["States.Timeout", "X"]}], "End": true}}}"#,
        );
        assert_eq!(
            message,
            [(
                Code::UnreachableHandler,
                "/States/S/Retry/2/ErrorEquals".to_owned(),
                "this retrier of state `S` never runs: an earlier retrier names `States.TaskFailed`, which matches every error except `States.Timeout`, so all of its errors too".to_owned()
            )]
        );
    }

    #[test]
    fn a_heartbeat_matcher_after_a_timeout_matcher_never_runs_in_a_task() {
        let catch = |first: &str, later: &str| {
            problems(&format!(
                r#""HeartbeatSeconds": 5, "Catch": [{{"ErrorEquals": {first}, "Next": "E"}}, {{"ErrorEquals": {later}, "Next": "E"}}]"#
            ))
        };
        assert_eq!(
            catch(r#"["States.Timeout"]"#, r#"["States.HeartbeatTimeout"]"#),
            [warning("/States/S/Catch/1/ErrorEquals")]
        );
        assert_eq!(
            catch(
                r#"["States.TaskFailed", "States.Timeout"]"#,
                r#"["States.HeartbeatTimeout", "Custom"]"#
            ),
            [warning("/States/S/Catch/1/ErrorEquals")]
        );
        // The other way round both run: a heartbeat matcher leaves task timeouts alone.
        assert_eq!(
            catch(r#"["States.HeartbeatTimeout"]"#, r#"["States.Timeout"]"#),
            []
        );
        // An error the earlier entry does not match keeps the entry alive.
        assert_eq!(
            catch(
                r#"["States.Timeout"]"#,
                r#"["States.HeartbeatTimeout", "Custom"]"#
            ),
            []
        );
        let message = crate::validate::diagnostic_triples(
            r#"{"StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "HeartbeatSeconds": 5, "Retry": [{"ErrorEquals": ["States.Timeout"]}, {"ErrorEquals": ["States.HeartbeatTimeout"]}], "End": true}}}"#,
        );
        assert_eq!(
            message,
            [(
                Code::UnreachableHandler,
                "/States/S/Retry/1/ErrorEquals".to_owned(),
                "this retrier of state `S` never runs: a missed heartbeat fails the task with `States.Timeout`, which an earlier retrier matches".to_owned()
            )]
        );
    }

    #[test]
    fn a_heartbeat_matcher_after_a_timeout_matcher_is_kept_in_a_parallel_state() {
        // A branch may fail with the name `States.HeartbeatTimeout` itself (a Fail state),
        // which only the later entry matches.
        let text = r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "States.HeartbeatTimeout"}}}], "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "E"}, {"ErrorEquals": ["States.HeartbeatTimeout"], "Next": "E"}], "End": true}, "E": {"Type": "Succeed"}}}"#;
        let codes: Vec<Code> = crate::validate::diagnostic_triples(text)
            .into_iter()
            .map(|(code, _, _)| code)
            .collect();
        assert!(!codes.contains(&Code::UnreachableHandler), "{codes:?}");
    }

    #[test]
    fn a_retry_value_out_of_range_is_not_also_an_unbounded_retry() {
        assert_eq!(
            problems(
                r#""Retry": [{"ErrorEquals": ["X"], "MaxAttempts": 100000000}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "E"}]"#
            ),
            [(Code::OutOfRange, "/States/S/Retry/0/MaxAttempts".to_owned())]
        );
        assert_eq!(
            problems(
                r#""Retry": [{"ErrorEquals": ["X"], "MaxAttempts": 40, "IntervalSeconds": 100000000}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "E"}]"#
            ),
            [(
                Code::OutOfRange,
                "/States/S/Retry/0/IntervalSeconds".to_owned()
            )]
        );
        // A backoff out of range is taken as 1: 99,999,999 attempts of 1 s still wait
        // more than a year.
        assert_eq!(
            problems(
                r#""Retry": [{"ErrorEquals": ["X"], "MaxAttempts": 99999999, "IntervalSeconds": 1, "BackoffRate": 0.5}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "E"}]"#
            ),
            [
                (Code::UnboundedRetry, "/States/S/Retry/0".to_owned()),
                (Code::OutOfRange, "/States/S/Retry/0/BackoffRate".to_owned()),
            ]
        );
        assert_eq!(
            problems(
                r#""Retry": [{"ErrorEquals": ["X"], "MaxAttempts": 3, "BackoffRate": 0.5}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "E"}]"#
            ),
            [(Code::OutOfRange, "/States/S/Retry/0/BackoffRate".to_owned())]
        );
        // In range, the same budget is still reported.
        assert_eq!(
            problems(
                r#""Retry": [{"ErrorEquals": ["X"], "MaxAttempts": 40, "IntervalSeconds": 10}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "E"}]"#
            ),
            [(Code::UnboundedRetry, "/States/S/Retry/0".to_owned())]
        );
    }

    #[test]
    fn retries_that_outlast_an_express_execution_are_a_workflow_type_limit() {
        use crate::validate::{Options, WorkflowType, validate_str_with};
        let express = Options::new().workflow_type(WorkflowType::Express);
        let triples = |retrier: &str, options: &Options| {
            let text = format!(
                r#"{{"StartAt": "S", "States": {{"S": {{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {{"FunctionName": "f"}}, "Retry": [{retrier}], "End": true}}}}}}"#
            );
            validate_str_with(&text, options)
                .diagnostics()
                .iter()
                .map(|diagnostic| {
                    (
                        diagnostic.code,
                        diagnostic.pointer.clone(),
                        diagnostic.message.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let limit = |message: &str| {
            vec![(
                Code::WorkflowTypeLimit,
                "/States/S/Retry/0".to_owned(),
                message.to_owned(),
            )]
        };
        let long = r#"{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 400, "MaxAttempts": 2}"#;
        assert_eq!(
            triples(long, &express),
            limit(
                "the retries of this retrier of state `S` can wait 1200 s in total (2 attempts from 400 s, backoff 2), but an Express execution ends after 300 s"
            )
        );
        assert_eq!(triples(long, &Options::new()), []);
        // The defaults (3 attempts, backoff 2) add up: 200 + 400 + 800 s.
        assert_eq!(
            triples(
                r#"{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 200}"#,
                &express
            ),
            limit(
                "the retries of this retrier of state `S` can wait 1400 s in total (3 attempts from 200 s, backoff 2), but an Express execution ends after 300 s"
            )
        );
        // Seconds are rounded: 10 × (1 + 1.1 + … + 1.1^29) s is 1644.94… s.
        assert_eq!(
            triples(
                r#"{"ErrorEquals": ["X"], "IntervalSeconds": 10, "MaxAttempts": 30, "BackoffRate": 1.1}"#,
                &express
            ),
            limit(
                "the retries of this retrier of state `S` can wait 1645 s in total (30 attempts from 10 s, backoff 1.1), but an Express execution ends after 300 s"
            )
        );
        // `MaxDelaySeconds` caps each delay: 60 + 100 + 100 s fit, 60 + 120 + 240 s do not.
        assert_eq!(
            triples(
                r#"{"ErrorEquals": ["X"], "IntervalSeconds": 60, "MaxDelaySeconds": 100}"#,
                &express
            ),
            []
        );
        assert_eq!(
            triples(r#"{"ErrorEquals": ["X"], "IntervalSeconds": 60}"#, &express).len(),
            1
        );
        // A retrier over a year is reported once, as an unbounded retry.
        let year = triples(
            r#"{"ErrorEquals": ["X"], "IntervalSeconds": 99999999, "MaxAttempts": 1}"#,
            &express,
        );
        assert_eq!(
            year.iter().map(|(code, _, _)| *code).collect::<Vec<_>>(),
            [Code::UnboundedRetry]
        );
        // The Express children of a Distributed Map are Express executions too.
        let child = crate::validate::diagnostic_triples(
            r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 400, "MaxAttempts": 2}], "End": true}}}}}}"#,
        );
        assert_eq!(
            child,
            [(
                Code::WorkflowTypeLimit,
                "/States/M/ItemProcessor/States/S/Retry/0".to_owned(),
                "the retries of this retrier of state `S` can wait 1200 s in total (2 attempts from 400 s, backoff 2), but an Express execution ends after 300 s".to_owned()
            )]
        );
    }
}
