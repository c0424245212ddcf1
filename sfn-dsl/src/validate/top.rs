//! The top-level object and the query-language settings of states and state lists.

use super::MAX_DEFINITION_BYTES;
use super::code::Code;
use super::cx::{At, Cx};
use super::diagnostic::Diagnostic;
use super::options::WorkflowType;
use super::task::EXPRESS_MAX_SECONDS;
use super::values::{MAX_SECONDS, is_substituted, numeric_placeholder};
use crate::model::{Dynamic, QueryLanguage, State};
use crate::source::Pointer;

const DOWNGRADE: &str =
    "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";

pub(super) fn check(cx: &mut Cx<'_>, size: usize) {
    let machine = cx.machine;
    if size > MAX_DEFINITION_BYTES {
        cx.push(
            Diagnostic::new(
                Code::DefinitionTooLarge,
                "",
                format!(
                    "the definition is {size} bytes; AWS accepts at most {MAX_DEFINITION_BYTES}"
                ),
            )
            .with_hint(
                "move large literals to S3 or split the machine with `states:startExecution`",
            ),
        );
    }
    if let Some(version) = &machine.version
        && version != "1.0"
        && !is_substituted(version)
    {
        cx.push(
            Diagnostic::new(
                Code::UnsupportedVersion,
                "/Version",
                format!("`Version` must be \"1.0\", found \"{version}\""),
            )
            .with_hint("remove `Version`, or set it to \"1.0\""),
        );
    }
    match &machine.timeout_seconds {
        Some(Dynamic::Literal(seconds)) => {
            if !(1..=MAX_SECONDS).contains(seconds) {
                cx.push(Diagnostic::new(
                    Code::OutOfRange,
                    "/TimeoutSeconds",
                    format!(
                        "`TimeoutSeconds` of the state machine must be between 1 and {MAX_SECONDS}, found {seconds}"
                    ),
                ));
            }
            if cx.options.workflow_type == Some(WorkflowType::Express)
                && *seconds > EXPRESS_MAX_SECONDS
            {
                cx.push(Diagnostic::new(
                    Code::WorkflowTypeLimit,
                    "/TimeoutSeconds",
                    format!(
                        "`TimeoutSeconds` of the state machine is {seconds} s, but an Express execution ends after {EXPRESS_MAX_SECONDS} s"
                    ),
                ));
            }
        }
        Some(Dynamic::Path(_)) => cx.push(
            Diagnostic::new(
                Code::UnknownField,
                "/TimeoutSecondsPath",
                "`TimeoutSecondsPath` is not a field of the state machine",
            )
            .with_hint("the execution timeout is a fixed number: use `TimeoutSeconds`")
            .at_key(),
        ),
        Some(Dynamic::Jsonata(_)) => cx.push(Diagnostic::new(
            Code::WrongType,
            "/TimeoutSeconds",
            "`TimeoutSeconds` of the state machine must be a whole number, not an expression",
        )),
        Some(Dynamic::Placeholder(placeholder)) => numeric_placeholder(
            cx,
            |code, message| Diagnostic::new(code, "/TimeoutSeconds", message),
            "`TimeoutSeconds` of the state machine",
            placeholder,
        ),
        None => {}
    }
}

/// A state that sets `QueryLanguage: JSONPath` inside a JSONata machine.
pub(super) fn check_state_language(cx: &mut Cx<'_>, at: &At<'_>, state: &State) {
    if state.query_language() == Some(QueryLanguage::JsonPath)
        && cx.machine.default_query_language() == QueryLanguage::Jsonata
    {
        cx.push(downgrade(at, at.pointer));
    }
}

/// A Parallel branch or Map processor that sets `QueryLanguage: JSONPath` inside a JSONata
/// machine.
pub(super) fn check_nested_language(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    language: Option<QueryLanguage>,
) {
    if language == Some(QueryLanguage::JsonPath)
        && cx.machine.default_query_language() == QueryLanguage::Jsonata
    {
        cx.push(downgrade(at, pointer));
    }
}

fn downgrade(at: &At<'_>, pointer: &Pointer<'_>) -> Diagnostic {
    at.diagnostic(
        Code::QueryLanguageDowngrade,
        &pointer.key("QueryLanguage"),
        format!("{DOWNGRADE} (state `{}`)", at.name),
    )
    .with_hint("a JSONata machine may contain only JSONata states; remove `QueryLanguage` here, or set the top level to JSONPath")
}
