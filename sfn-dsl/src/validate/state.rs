//! Per-state checks: dispatch by type, the data-flow paths every type shares, and the
//! small state types (Pass, Wait, Succeed, Fail, Parallel).

use super::code::Code;
use super::cx::{At, Cx};
use super::fields::{self, PathForm};
use super::payload::{self, Role};
use super::syntax::{self, PathKind};
use super::values::{self, MAX_SECONDS};
use super::{choice, errors, map, size, task, timestamp, variables};
use crate::model::{
    Dynamic, FailState, JsonPath, Nullable, ParallelState, PassState, ReferencePath, State,
    WaitDuration, WaitState,
};

/// Runs every per-state rule.
pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, state: &State) {
    fields::check(cx, at, state);
    super::top::check_state_language(cx, at, state);
    match state {
        State::Pass(pass) => check_pass(cx, at, pass),
        State::Task(task) => task::check(cx, at, task),
        State::Choice(choice) => choice::check(cx, at, choice),
        State::Wait(wait) => check_wait(cx, at, wait),
        State::Succeed(succeed) => {
            io_paths(
                cx,
                at,
                succeed.input_path.as_ref(),
                None,
                succeed.output_path.as_ref(),
            );
            payload::check_opt(cx, at, "Output", succeed.output.as_ref(), Role::Expression);
        }
        State::Fail(fail) => check_fail(cx, at, fail),
        State::Parallel(parallel) => check_parallel(cx, at, parallel),
        State::Map(map) => map::check(cx, at, map),
    }
    errors::check(cx, at, state.retry(), state.catch());
    variables::check_state(cx, at, state);
}

/// `InputPath`, `ResultPath` and `OutputPath` (JSONPath states only; in JSONata states
/// their presence is already reported).
pub(super) fn io_paths(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    input_path: Option<&Nullable<JsonPath>>,
    result_path: Option<&Nullable<ReferencePath>>,
    output_path: Option<&Nullable<JsonPath>>,
) {
    if at.is_jsonata() {
        return;
    }
    if let Some(Nullable::Value(path)) = input_path {
        syntax::path(
            cx,
            at,
            &at.pointer.key("InputPath"),
            path.as_str(),
            PathKind::Path,
        );
    }
    if let Some(Nullable::Value(path)) = result_path {
        syntax::path(
            cx,
            at,
            &at.pointer.key("ResultPath"),
            path.as_str(),
            PathKind::Result,
        );
    }
    if let Some(Nullable::Value(path)) = output_path {
        syntax::path(
            cx,
            at,
            &at.pointer.key("OutputPath"),
            path.as_str(),
            PathKind::Path,
        );
    }
}

fn check_pass(cx: &mut Cx<'_>, at: &At<'_>, pass: &PassState) {
    io_paths(
        cx,
        at,
        pass.input_path.as_ref(),
        pass.result_path.as_ref(),
        pass.output_path.as_ref(),
    );
    payload::check_opt(
        cx,
        at,
        "Parameters",
        pass.parameters.as_ref(),
        Role::Template,
    );
    payload::check_opt(cx, at, "Output", pass.output.as_ref(), Role::Expression);
    if let Some(result) = &pass.result {
        size::check_literal(cx, at, "Result", result);
    }
}

fn check_wait(cx: &mut Cx<'_>, at: &At<'_>, wait: &WaitState) {
    io_paths(
        cx,
        at,
        wait.input_path.as_ref(),
        None,
        wait.output_path.as_ref(),
    );
    payload::check_opt(cx, at, "Output", wait.output.as_ref(), Role::Expression);
    match &wait.duration {
        WaitDuration::Seconds(seconds) => {
            if let Some(&value) = fields::dynamic(
                cx,
                at,
                at.pointer,
                ("Seconds", "SecondsPath"),
                Some(seconds),
                PathForm::Reference,
            ) {
                let pointer = at.pointer.key("Seconds");
                values::unsigned_in_range(cx, at, &pointer, "Seconds", value, (0, MAX_SECONDS));
                task::express_duration(cx, at, &pointer, "Seconds", value);
            }
        }
        WaitDuration::Timestamp(timestamp) => {
            if let Some(text) = fields::dynamic(
                cx,
                at,
                at.pointer,
                ("Timestamp", "TimestampPath"),
                Some(timestamp),
                PathForm::Reference,
            ) {
                timestamp::check(cx, at, &at.pointer.key("Timestamp"), text);
            }
        }
    }
}

fn check_fail(cx: &mut Cx<'_>, at: &At<'_>, fail: &FailState) {
    if let Some(Dynamic::Literal(name)) = &fail.error
        && let Some(mut diagnostic) =
            errors::unknown_states_error(at, &at.pointer.key("Error"), name)
    {
        if diagnostic.hint.is_none() {
            let own = name.trim_start_matches("States.");
            diagnostic = diagnostic.with_hint(format!(
                "name the error without the prefix (`{own}`), in the retriers and catchers that match it too"
            ));
        }
        cx.push(diagnostic);
    }
    for (key, path_key, value) in [
        ("Error", "ErrorPath", fail.error.as_ref()),
        ("Cause", "CausePath", fail.cause.as_ref()),
    ] {
        if let (Some(Dynamic::Jsonata(_)), false) = (value, at.is_jsonata()) {
            cx.push(
                at.field(
                    Code::JsonataSyntaxInJsonPath,
                    key,
                    format!(
                        "`{key}` of state `{}` looks like a JSONata expression, but the state uses JSONPath, so the text is used as is",
                        at.name
                    ),
                )
                .with_hint(format!(
                    "set `\"QueryLanguage\": \"JSONata\"`, or use `{path_key}`"
                )),
            );
            continue;
        }
        if let (Some(Dynamic::Literal(text)), true) = (value, at.is_jsonata())
            && let Some(diagnostic) =
                super::lookalike::jsonata_like_literal(at, &at.pointer.key(key), text)
        {
            cx.push(diagnostic);
        }
        fields::dynamic(
            cx,
            at,
            at.pointer,
            (key, path_key),
            value,
            PathForm::ReferenceOrIntrinsic,
        );
    }
}

fn check_parallel(cx: &mut Cx<'_>, at: &At<'_>, parallel: &ParallelState) {
    io_paths(
        cx,
        at,
        parallel.input_path.as_ref(),
        parallel.result_path.as_ref(),
        parallel.output_path.as_ref(),
    );
    if parallel.branches.is_empty() {
        cx.push(at.field(
            Code::EmptyArray,
            "Branches",
            format!("`Branches` of Parallel state `{}` is empty", at.name),
        ));
    }
    payload::check_opt(
        cx,
        at,
        "Parameters",
        parallel.parameters.as_ref(),
        Role::Template,
    );
    payload::check_opt(
        cx,
        at,
        "Arguments",
        parallel.arguments.as_ref(),
        Role::Expression,
    );
    payload::check_opt(
        cx,
        at,
        "ResultSelector",
        parallel.result_selector.as_ref(),
        Role::ObjectTemplate,
    );
    payload::check_opt(cx, at, "Output", parallel.output.as_ref(), Role::Expression);
}

#[cfg(test)]
mod tests {
    use crate::validate::Code;

    /// The code, pointer and hint of each diagnostic of a JSONata machine whose only state
    /// is `S`, with a Succeed state `E`.
    fn problems(state: &str) -> Vec<(Code, String, Option<String>)> {
        let text = format!(
            r#"{{"QueryLanguage": "JSONata", "StartAt": "S", "States": {{"S": {state}, "E": {{"Type": "Succeed"}}}}}}"#
        );
        crate::validate::diagnostic_hints(&text)
    }

    #[test]
    fn near_miss_expressions_outside_payloads_are_told_how_to_fix() {
        // A Fail state's `Error` and `Cause` are strings: a near miss is passed on as text.
        assert_eq!(
            problems(
                r#"{"Type": "Fail", "Error": " {% $states.input.e %}", "Cause": "Cause: {% $states.input.c %}"}"#
            ),
            [
                (
                    Code::JsonataLikeLiteral,
                    "/States/S/Error".to_owned(),
                    Some("remove the blanks around the expression".to_owned())
                ),
                (
                    Code::JsonataLikeLiteral,
                    "/States/S/Cause".to_owned(),
                    Some(
                        "make the whole string one expression: `{% 'Cause: ' & $states.input.c %}`"
                            .to_owned()
                    )
                ),
                (Code::Unreachable, "/States/E".to_owned(), None),
            ]
        );
        // Fields that cannot hold text refuse a near miss; the hint says why it is not an
        // expression (a Condition was told to wrap the whole string in `{% %}` again).
        let blanks = Some(
            "it has blanks before `{%` or after `%}`: remove the blanks around the expression"
                .to_owned(),
        );
        assert_eq!(
            problems(
                r#"{"Type": "Choice", "Choices": [{"Condition": " {% true %}", "Next": "E"}], "Default": "E"}"#
            ),
            [(
                Code::WrongType,
                "/States/S/Choices/0/Condition".to_owned(),
                blanks.clone()
            )]
        );
        assert_eq!(
            problems(r#"{"Type": "Wait", "Seconds": "{% 5 %} ", "Next": "E"}"#),
            [(
                Code::WrongType,
                "/States/S/Seconds".to_owned(),
                blanks.clone()
            )]
        );
        assert_eq!(
            problems(
                r#"{"Type": "Map", "Items": " {% [1] %}", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "Next": "E"}"#
            ),
            [(Code::WrongType, "/States/S/Items".to_owned(), blanks)]
        );
    }

    /// The pointer and hint of each diagnostic of `definition`.
    fn hints(definition: &str) -> Vec<(String, Option<String>)> {
        crate::validate::validate_str(definition)
            .diagnostics()
            .iter()
            .map(|diagnostic| (diagnostic.pointer.clone(), diagnostic.hint.clone()))
            .collect()
    }

    #[test]
    fn a_near_miss_in_a_jsonpath_state_is_not_told_to_become_an_expression() {
        // Removing the blanks would only make a `query-language-field` error.
        let wait = |machine: &str, state: &str| {
            hints(&format!(
                r#"{{{machine}"StartAt": "W", "States": {{"W": {{"Type": "Wait", {state}"Seconds": " {{% 5 %}}", "End": true}}}}}}"#
            ))
        };
        let seconds =
            |hint: Option<&str>| vec![("/States/W/Seconds".to_owned(), hint.map(str::to_owned))];
        let blanks = Some(
            "it has blanks before `{%` or after `%}`: remove the blanks around the expression",
        );
        assert_eq!(wait("", ""), seconds(None));
        assert_eq!(
            wait(
                r#""QueryLanguage": "JSONata", "#,
                r#""QueryLanguage": "JSONPath", "#
            ),
            seconds(None)
        );
        // A JSONata state, by its own field or its machine's, is told.
        assert_eq!(wait("", r#""QueryLanguage": "JSONata", "#), seconds(blanks));
        assert_eq!(wait(r#""QueryLanguage": "JSONata", "#, ""), seconds(blanks));
        // A nested state has its list's language, or the machine's; not its parent state's.
        let nested = |machine: &str, parent: &str| {
            hints(&format!(
                r#"{{{machine}"StartAt": "P", "States": {{"P": {{"Type": "Parallel", {parent}"Branches": [{{"StartAt": "W", "States": {{"W": {{"Type": "Wait", "Seconds": "{{% 5 %}} ", "End": true}}}}}}], "End": true}}}}}}"#
            ))
        };
        let nested_seconds = |hint: Option<&str>| {
            vec![(
                "/States/P/Branches/0/States/W/Seconds".to_owned(),
                hint.map(str::to_owned),
            )]
        };
        assert_eq!(
            nested(r#""QueryLanguage": "JSONata", "#, ""),
            nested_seconds(blanks)
        );
        assert_eq!(
            nested("", r#""QueryLanguage": "JSONata", "#),
            nested_seconds(None)
        );
        // A JSONPath `Condition` is told that it needs JSONata.
        assert_eq!(
            hints(
                r#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Condition": " {% true %}", "Next": "E"}], "Default": "E"}, "E": {"Type": "Succeed"}}}"#
            ),
            [(
                "/States/C/Choices/0/Condition".to_owned(),
                Some("`Condition` needs `\"QueryLanguage\": \"JSONata\"`; a JSONPath rule tests a `Variable` with an operator such as `StringEquals`".to_owned())
            )]
        );
    }

    #[test]
    fn a_fail_state_raising_an_undefined_states_error_is_warned_about() {
        let fail = |language: &str, error: &str| {
            crate::validate::diagnostic_hints(&format!(
                r#"{{"QueryLanguage": "{language}", "StartAt": "F", "States": {{"F": {{"Type": "Fail", "Error": "{error}"}}}}}}"#
            ))
        };
        for language in ["JSONPath", "JSONata"] {
            assert_eq!(
                fail(language, "States.MyError"),
                [(
                    Code::UnknownStatesError,
                    "/States/F/Error".to_owned(),
                    Some("name the error without the prefix (`MyError`), in the retriers and catchers that match it too".to_owned())
                )],
                "{language}"
            );
        }
        assert_eq!(
            fail("JSONPath", "States.Timeot"),
            [(
                Code::UnknownStatesError,
                "/States/F/Error".to_owned(),
                Some("did you mean `States.Timeout`?".to_owned())
            )]
        );
        // Raising a predefined name is deliberate (a branch failing as if it timed out), and
        // so is an HTTP status; user names and expressions are not checked here.
        for error in [
            "States.Timeout",
            "States.HeartbeatTimeout",
            "States.TaskFailed",
            "States.Http.StatusCode.404",
            "MyError",
            "States",
        ] {
            assert_eq!(fail("JSONPath", error), [], "{error}");
        }
        assert_eq!(fail("JSONata", "{% 'States.' & 'X' %}"), []);
        let message = crate::validate::diagnostic_triples(
            r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "States.QuorumMet"}}}"#,
        );
        assert_eq!(
            message,
            [(
                Code::UnknownStatesError,
                "/States/F/Error".to_owned(),
                "`States.QuorumMet` is not an error the States Language defines, and user errors cannot start with `States.`".to_owned()
            )]
        );
    }
}
