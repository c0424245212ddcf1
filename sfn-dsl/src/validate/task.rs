//! The Task state: resource, credentials, timeouts and what the workflow type allows.

use super::code::Code;
use super::cx::{At, Cx};
use super::fields::{self, PathForm};
use super::integration::PatternVerdict;
use super::options::WorkflowType;
use super::payload::{self, Role};
use super::state::io_paths;
use super::syntax::{self, Returns};
use super::values::{self, MAX_SECONDS, is_substituted};
use crate::model::{
    DynamicValue, IntegrationPattern, Jsonata, Payload, PayloadField, Resource, TaskState,
};
use crate::source::Pointer;

/// The longest an Express execution may run, in seconds.
pub(super) const EXPRESS_MAX_SECONDS: u64 = 300;

pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, task: &TaskState) {
    io_paths(
        cx,
        at,
        task.input_path.as_ref(),
        task.result_path.as_ref(),
        task.output_path.as_ref(),
    );
    let resource_pointer = at.pointer.key("Resource");
    resource(cx, at, &resource_pointer, &task.resource);
    super::integration::service(cx, at, &resource_pointer, &task.resource);
    let pattern = super::integration::pattern(cx, at, &resource_pointer, &task.resource);
    let request = if at.is_jsonata() {
        task.arguments.as_ref()
    } else {
        task.parameters.as_ref()
    };
    super::integration::required_fields(cx, at, &task.resource, request);
    super::request_values::check(cx, at, &task.resource, request);
    payload::check_opt(
        cx,
        at,
        "Parameters",
        task.parameters.as_ref(),
        Role::Template,
    );
    payload::check_opt(
        cx,
        at,
        "Arguments",
        task.arguments.as_ref(),
        Role::Expression,
    );
    payload::check_opt(
        cx,
        at,
        "ResultSelector",
        task.result_selector.as_ref(),
        Role::ObjectTemplate,
    );
    payload::check_opt(cx, at, "Output", task.output.as_ref(), Role::Expression);
    if let Some(credentials) = &task.credentials {
        check_credentials(cx, at, credentials);
    }
    timeouts(cx, at, task);
    // A timeout for a pattern the service refuses would be advice about a Task that
    // cannot be deployed as written, and the workflow type's own refusal of that pattern
    // a second report of the mistake with the same fix (call it request-response); so is
    // a timeout for a pattern the workflow type refuses.
    if pattern == PatternVerdict::Usable && workflow_type(cx, at, task) == PatternVerdict::Usable {
        timeout_advice(cx, at, task);
    }
    super::callback::check(cx, at, task);
    super::task_token::check(cx, at, task);
}

/// Checks a `Resource` (of a Task, `ItemReader` or `ResultWriter`).
pub(super) fn resource(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, resource: &Resource) {
    super::arn::check(cx, at, pointer, resource);
    let Resource::Other(text) = resource else {
        return;
    };
    if text.starts_with("arn:") || is_substituted(text) {
        return;
    }
    let message = if Jsonata::from_template_string(text).is_some() {
        format!(
            "the `Resource` of state `{}` must be a constant ARN, not a JSONata expression",
            at.name
        )
    } else if crate::model::Placeholder::is_placeholder(text) {
        format!(
            "the `Resource` of state `{}` is the unfilled test placeholder `{}`",
            at.name,
            values::shorten(text)
        )
    } else {
        format!(
            "the `Resource` of state `{}` must be an ARN, found `{}`",
            at.name,
            values::shorten(text)
        )
    };
    cx.push(
        at.diagnostic(Code::InvalidResource, pointer, message)
            .with_hint("for example `arn:aws:states:::lambda:invoke`, or a `${Name}` substitution"),
    );
}

fn check_credentials(cx: &mut Cx<'_>, at: &At<'_>, credentials: &Payload) {
    let pointer = at.pointer.key("Credentials");
    let Payload::Object(object) = credentials else {
        if !matches!(credentials, Payload::Jsonata(_)) || !at.is_jsonata() {
            cx.push(at.diagnostic(
                Code::PayloadNotObject,
                &pointer,
                format!(
                    "`Credentials` of state `{}` must be an object with `RoleArn`",
                    at.name
                ),
            ));
        }
        return;
    };
    let mut has_role = false;
    for (key, field) in object.iter() {
        match (key, field) {
            ("RoleArn", PayloadField::Value(Payload::String(_))) => has_role = true,
            ("RoleArn", PayloadField::Value(Payload::Jsonata(expression))) => {
                has_role = true;
                // In a JSONPath state the text is the role ARN as written.
                if !at.is_jsonata() {
                    cx.push(payload::jsonata_in_jsonpath(
                        at,
                        &pointer.key(key),
                        expression,
                    ));
                }
            }
            ("RoleArn.$", PayloadField::Dynamic(value)) if at.is_jsonata() => {
                // The role meant: not also a missing `RoleArn`.
                has_role = true;
                jsonpath_role_in_jsonata(cx, at, &pointer.key(key), value);
            }
            ("RoleArn.$", PayloadField::Dynamic(value)) => {
                has_role = true;
                let value_pointer = pointer.key(key);
                match value {
                    DynamicValue::Path(path) => syntax::path(
                        cx,
                        at,
                        &value_pointer,
                        path.as_str(),
                        syntax::PathKind::Reference,
                    ),
                    DynamicValue::Intrinsic(call) => {
                        syntax::intrinsic(cx, at, &value_pointer, call.as_str(), Returns::String);
                    }
                }
                payload::check_dynamic_twin(cx, at, &pointer, object, key);
            }
            ("RoleArn", PayloadField::Value(value)) => {
                has_role = true;
                cx.push(at.diagnostic(
                    Code::WrongType,
                    &pointer.key(key),
                    format!(
                        "`Credentials.RoleArn` of state `{}` must be a role ARN string, found {}",
                        at.name,
                        match value {
                            Payload::Object(_) => "an object",
                            Payload::Array(_) => "an array",
                            _ => "a value that is not a string",
                        }
                    ),
                ));
            }
            _ => cx.push(
                at.diagnostic(
                    Code::UnknownField,
                    &pointer.key(key),
                    format!(
                        "`{key}` is not a field of `Credentials` (state `{}`)",
                        at.name
                    ),
                )
                .with_hint(if at.is_jsonata() {
                    "`Credentials` holds only `RoleArn`"
                } else {
                    "`Credentials` holds only `RoleArn` or `RoleArn.$`"
                })
                .at_key(),
            ),
        }
    }
    if !has_role {
        cx.push(at.diagnostic(
            Code::MissingField,
            &pointer,
            format!(
                "`Credentials` of state `{}` is missing the required field `RoleArn`",
                at.name
            ),
        ));
    }
    // A JSONPath `RoleArn.$` was checked above, as a reference path or a string-returning
    // intrinsic; a JSONata `RoleArn` is checked as any expression (the other keys are
    // unknown fields, reported above).
    if at.is_jsonata()
        && let Some(PayloadField::Value(role)) = object.get("RoleArn")
    {
        payload::check(cx, at, &pointer.key("RoleArn"), role, Role::Either);
    }
}

/// Reports a JSONPath `"RoleArn.$"` in a JSONata state: one error, with the JSONata
/// spelling (the payload rule's literal-key warning would repeat it).
fn jsonpath_role_in_jsonata(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    value: &DynamicValue,
) {
    let key = "RoleArn.$";
    cx.push(
        at.diagnostic(
            Code::UnknownField,
            pointer,
            format!(
                "`{key}` is not a field of `Credentials` (state `{}`): in a JSONata state a `.$` suffix has no meaning and `{}` is not evaluated",
                at.name,
                value.as_str()
            ),
        )
        .with_hint(super::lookalike::jsonata_field_hint(at, pointer, key, value))
        .at_key(),
    );
}

fn timeouts(cx: &mut Cx<'_>, at: &At<'_>, task: &TaskState) {
    let timeout = fields::dynamic(
        cx,
        at,
        at.pointer,
        ("TimeoutSeconds", "TimeoutSecondsPath"),
        task.timeout_seconds.as_ref(),
        PathForm::Reference,
    )
    .copied();
    let heartbeat = fields::dynamic(
        cx,
        at,
        at.pointer,
        ("HeartbeatSeconds", "HeartbeatSecondsPath"),
        task.heartbeat_seconds.as_ref(),
        PathForm::Reference,
    )
    .copied();
    if let Some(value) = timeout {
        let pointer = at.pointer.key("TimeoutSeconds");
        values::unsigned_in_range(cx, at, &pointer, "TimeoutSeconds", value, (1, MAX_SECONDS));
        express_duration(cx, at, &pointer, "TimeoutSeconds", value);
        integration_time_limit(cx, at, &task.resource, value);
    }
    if let Some(value) = heartbeat {
        let pointer = at.pointer.key("HeartbeatSeconds");
        values::unsigned_in_range(
            cx,
            at,
            &pointer,
            "HeartbeatSeconds",
            value,
            (1, MAX_SECONDS),
        );
    }
    if let (Some(timeout), Some(heartbeat)) = (timeout, heartbeat)
        && heartbeat >= timeout
    {
        cx.push(
            at.field(
                Code::HeartbeatNotBelowTimeout,
                "HeartbeatSeconds",
                format!(
                    "`HeartbeatSeconds` ({heartbeat}) of state `{}` must be smaller than its `TimeoutSeconds` ({timeout})",
                    at.name
                ),
            )
            .with_hint("a heartbeat is only useful if it can arrive before the task times out"),
        );
    }
}

/// Warns about a Task that waits (a callback, an activity, a `.sync` job) with no timeout.
fn timeout_advice(cx: &mut Cx<'_>, at: &At<'_>, task: &TaskState) {
    let waits = matches!(task.resource, Resource::Activity(_))
        || matches!(
            task.resource.pattern(),
            IntegrationPattern::WaitForTaskToken
                | IntegrationPattern::Sync
                | IntegrationPattern::Sync2
        );
    if waits && task.timeout_seconds.is_none() && task.heartbeat_seconds.is_none() {
        cx.push(
            at.field(
                Code::TaskWithoutTimeout,
                "Resource",
                format!(
                    "Task state `{}` waits for {} but has no `TimeoutSeconds` or `HeartbeatSeconds`, so a lost answer keeps the execution running for up to a year",
                    at.name,
                    waiting_for(&task.resource)
                ),
            )
            .with_hint("set `TimeoutSeconds` (and `HeartbeatSeconds` for long callbacks)"),
        );
    }
}

/// Warns about a literal `TimeoutSeconds` longer than the integration lets its Task run.
fn integration_time_limit(cx: &mut Cx<'_>, at: &At<'_>, resource: &Resource, seconds: u64) {
    let Some((call, limit)) = resource
        .as_integration()
        .and_then(|call| Some((call, call.max_run_seconds()?)))
    else {
        return;
    };
    if seconds > limit {
        cx.push(
            at.field(
                Code::IntegrationTimeLimit,
                "TimeoutSeconds",
                format!(
                    "`TimeoutSeconds` of state `{}` is {seconds} s, but a `{}:{}` Task runs at most {limit} s whatever its `TimeoutSeconds`",
                    at.name, call.service, call.action
                ),
            )
            .with_hint(format!("set `TimeoutSeconds` to {limit} or less; the service keeps running after the Task times out, so keep its own timeout within that too")),
        );
    }
}

fn waiting_for(resource: &Resource) -> &'static str {
    match (resource, resource.pattern()) {
        (Resource::Activity(_), _) => "an activity worker",
        (_, IntegrationPattern::WaitForTaskToken) => "a task token",
        _ => "a job to finish",
    }
}

/// Checks the Task's pattern against the workflow type: refused in an Express machine,
/// warned about in the Express children of a Distributed Map; says whether it reported it
/// (either way, advice for the Task as written would be noise).
fn workflow_type(cx: &mut Cx<'_>, at: &At<'_>, task: &TaskState) -> PatternVerdict {
    let construct = match (&task.resource, task.resource.pattern()) {
        (Resource::Activity(_), _) => "activities",
        (_, IntegrationPattern::WaitForTaskToken) => "the `.waitForTaskToken` pattern",
        (_, IntegrationPattern::Sync | IntegrationPattern::Sync2) => "the `.sync` pattern",
        _ => return PatternVerdict::Usable,
    };
    let pointer = at.pointer.key("Resource");
    if cx.options.workflow_type == Some(WorkflowType::Express) {
        cx.push(
            at.diagnostic(
                Code::UnsupportedByWorkflowType,
                &pointer,
                format!(
                    "Task state `{}` uses {construct}, which Express workflows do not support",
                    at.name
                ),
            )
            .with_hint(
                "deploy the machine as a Standard workflow, or call the service request-response",
            ),
        );
        return PatternVerdict::Refused;
    }
    if at.list.express_child {
        cx.push(
            at.diagnostic(
                Code::WorkflowTypeLimit,
                &pointer,
                format!(
                    "Task state `{}` uses {construct}, which the EXPRESS child workflows of its Distributed Map do not support",
                    at.name
                ),
            )
            .with_hint("set the Map's `ProcessorConfig.ExecutionType` to `STANDARD`"),
        );
        return PatternVerdict::Refused;
    }
    PatternVerdict::Usable
}

/// Whether the state runs in an Express execution: the machine is validated as Express,
/// or the state is in the Express children of a Distributed Map.
pub(super) fn runs_as_express(cx: &Cx<'_>, at: &At<'_>) -> bool {
    cx.options.workflow_type == Some(WorkflowType::Express) || at.list.express_child
}

/// Warns about a duration longer than an Express execution may run.
pub(super) fn express_duration(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    field: &str,
    seconds: u64,
) {
    if runs_as_express(cx, at) && seconds > EXPRESS_MAX_SECONDS {
        cx.push(at.diagnostic(
            Code::WorkflowTypeLimit,
            pointer,
            format!(
                "`{field}` of state `{}` is {seconds} s, but an Express execution ends after {EXPRESS_MAX_SECONDS} s",
                at.name
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::Code;

    /// The code, pointer and message of each diagnostic of a machine whose only state is
    /// the Task `S` with `credentials`, in the query language `language`.
    fn credentials_problems(language: &str, credentials: &str) -> Vec<(Code, String, String)> {
        let text = format!(
            r#"{{"QueryLanguage": "{language}", "StartAt": "S", "States": {{"S": {{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "Credentials": {credentials}, "End": true}}}}}}"#
        );
        crate::validate::diagnostic_triples(&text)
    }

    #[test]
    fn a_role_arn_written_both_ways_is_reported_like_any_payload_key() {
        // ASL reference E-PATH-4: no duplicate keys once `.$` is stripped.
        assert_eq!(
            credentials_problems(
                "JSONPath",
                r#"{"RoleArn": "arn:aws:iam::123456789012:role/a", "RoleArn.$": "$.role"}"#,
            ),
            [(
                Code::InvalidPayloadTemplate,
                "/States/S/Credentials/RoleArn.$".to_owned(),
                "state `S` sets `Credentials.RoleArn` twice: as `RoleArn` and as `RoleArn.$`"
                    .to_owned()
            )]
        );
        // Either one alone is fine.
        assert_eq!(
            credentials_problems("JSONPath", r#"{"RoleArn.$": "$.role"}"#),
            []
        );
        assert_eq!(
            credentials_problems(
                "JSONPath",
                r#"{"RoleArn": "arn:aws:iam::123456789012:role/a"}"#
            ),
            []
        );
    }

    #[test]
    fn a_jsonata_role_arn_in_a_jsonpath_state_is_warned_about() {
        assert_eq!(
            credentials_problems("JSONPath", r#"{"RoleArn": "{% $states.input.role %}"}"#),
            [(
                Code::JsonataSyntaxInJsonPath,
                "/States/S/Credentials/RoleArn".to_owned(),
                "`Credentials.RoleArn` of state `S` holds `{% $states.input.role %}`, which looks like a JSONata expression, but the state uses JSONPath, so the text is passed as is"
                    .to_owned()
            )]
        );
        // In a JSONata state it is an expression.
        assert_eq!(
            credentials_problems("JSONata", r#"{"RoleArn": "{% $states.input.role %}"}"#),
            []
        );
    }

    #[test]
    fn a_refused_pattern_gets_no_timeout_advice() {
        use crate::validate::{Options, WorkflowType, validate_str_with};
        let codes = |resource: &str, options: &Options| {
            let text = format!(
                r#"{{"StartAt": "S", "States": {{"S": {{"Type": "Task", "Resource": "arn:aws:states:::{resource}", "Parameters": {{"FunctionName": "f"}}, "End": true}}}}}}"#
            );
            validate_str_with(&text, options)
                .diagnostics()
                .iter()
                .map(|diagnostic| diagnostic.code)
                .collect::<Vec<_>>()
        };
        let standard = Options::new();
        let express = Options::new().workflow_type(WorkflowType::Express);
        for resource in [
            "lambda:invoke.sync",
            "lambda:invoke.sync:2",
            "lambda:invoke.snyc",
        ] {
            assert_eq!(
                codes(resource, &standard),
                [Code::UnsupportedIntegrationPattern],
                "{resource}"
            );
        }
        // One mistake, one report: Express's refusal of `.sync` has the same fix.
        assert_eq!(
            codes("lambda:invoke.sync", &express),
            [Code::UnsupportedIntegrationPattern]
        );
        assert_eq!(
            codes("ecs:runTask.sync", &express),
            [Code::UnsupportedByWorkflowType, Code::MissingRequestField]
        );
        // A pattern the service supports still gets it.
        assert_eq!(
            codes("lambda:invoke.waitForTaskToken", &standard),
            [Code::TaskWithoutTimeout, Code::CallbackWithoutToken]
        );
        // In an Express child of a Distributed Map, `.sync` is warned about, not advised on.
        let child = validate_str_with(
            r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:c"}, "End": true}}}}}}"#,
            &standard,
        );
        let child_codes: Vec<Code> = child
            .diagnostics()
            .iter()
            .map(|diagnostic| diagnostic.code)
            .collect();
        assert!(
            child_codes.contains(&Code::WorkflowTypeLimit)
                && !child_codes.contains(&Code::TaskWithoutTimeout),
            "{child_codes:?}"
        );
    }

    #[test]
    fn a_jsonpath_role_arn_in_a_jsonata_state_is_one_error_with_the_jsonata_spelling() {
        let report = crate::validate::validate_str(
            r#"{"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"}, "Credentials": {"RoleArn.$": "$.r"}, "End": true}}}"#,
        );
        let [error] = report.diagnostics() else {
            panic!("one diagnostic: {report}")
        };
        assert_eq!(
            (error.code, error.pointer.as_str(), error.message.as_str()),
            (
                Code::UnknownField,
                "/States/S/Credentials/RoleArn.$",
                "`RoleArn.$` is not a field of `Credentials` (state `S`): in a JSONata state a `.$` suffix has no meaning and `$.r` is not evaluated"
            )
        );
        assert_eq!(
            error.hint.as_deref(),
            Some(r#"write `"RoleArn": "{% $states.input.r %}"`"#)
        );
    }
}
