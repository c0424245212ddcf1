//! The per-state checks of `build()`: fields of the other query language, fields that
//! exclude each other, retry/catch rules the builder cannot enforce by type, the Map
//! state's settings ([`map`]) and payload templates that set a key twice ([`template`]).

mod map;
pub(super) mod template;

use std::borrow::Cow;

use super::lower::{Loc, Lowering};
use crate::error::{BuildIssue, BuildIssueKind};
use crate::limits::MAX_SECONDS;
use crate::model::{
    Catcher, Condition, DYNAMIC_KEY_SUFFIX, Dynamic, ErrorName, IntegrationFamily, PayloadField,
    PayloadObject, QueryLanguage, Resource, Retrier, State,
};
use crate::source::escape_pointer_segment;
use crate::validate::Code;

/// Which fields of one state are set, by query language.
struct Fields<'a> {
    lowering: &'a mut Lowering,
    language: QueryLanguage,
    loc: Loc<'a>,
}

impl Fields<'_> {
    fn push(&mut self, kind: BuildIssueKind, field: &str, message: String, hint: Option<&str>) {
        let mut issue = BuildIssue::new(
            kind,
            self.loc.field(field),
            Some(self.loc.name.clone()),
            message,
        );
        if let Some(hint) = hint {
            issue = issue.with_hint(hint);
        }
        self.lowering.issues.push(issue);
    }

    /// Reports `field` when it is set but belongs to `needs` and the state uses the other
    /// language.
    ///
    /// Called for every field of every state: the check is inlined, the report is not.
    #[inline]
    fn only(&mut self, needs: QueryLanguage, field: &str, set: bool) {
        if set && self.language != needs {
            self.mismatch(needs, field);
        }
    }

    /// As [`only`](Self::only), with the field's pointer computed only when reported.
    #[inline]
    fn only_at(&mut self, needs: QueryLanguage, set: bool, field: impl FnOnce() -> String) {
        if set && self.language != needs {
            self.mismatch(needs, &field());
        }
    }

    /// Reports `field` as a field of `needs` in a state of the other language.
    #[cold]
    fn mismatch(&mut self, needs: QueryLanguage, field: &str) {
        let (key, name) = (field.trim_start_matches('/'), self.loc.name);
        let hint = match needs {
            QueryLanguage::JsonPath => {
                "JSONata states use `Arguments`, `Output` and `{% %}` expressions instead"
            }
            QueryLanguage::Jsonata => {
                "JSONPath states use `Parameters`, `ResultSelector`, `ResultPath` and paths instead"
            }
        };
        self.push(
            BuildIssueKind::QueryLanguageMismatch,
            field,
            format!(
                "`{key}` of state `{name}` is a {needs} field, but the state uses {}",
                self.language
            ),
            Some(hint),
        );
    }

    /// Checks a setting that may be written as a literal, a path or an expression.
    fn dynamic<T>(&mut self, field: &str, path_field: &str, value: Option<&Dynamic<T>>) {
        match value {
            Some(Dynamic::Path(_)) => self.only(QueryLanguage::JsonPath, path_field, true),
            Some(Dynamic::Jsonata(_)) => self.only(QueryLanguage::Jsonata, field, true),
            _ => {}
        }
    }

    fn assign(&mut self, assign: Option<&PayloadObject>, field: impl Fn() -> String) {
        let Some(assign) = assign else {
            return;
        };
        for (key, value) in assign.iter() {
            let name = match value {
                PayloadField::Dynamic(_) => key.strip_suffix(DYNAMIC_KEY_SUFFIX).unwrap_or(key),
                PayloadField::Value(_) => key,
            };
            if let Some(problem) = crate::validate::variable_name_problem(name) {
                let pointer = format!("{}/{}", field(), escape_pointer_segment(key));
                self.push(
                    BuildIssueKind::InvalidValue,
                    &pointer,
                    format!(
                        "`{name}` assigned by state `{}` is not a valid variable name: {problem}",
                        self.loc.name
                    ),
                    Some(crate::validate::VARIABLE_NAME_RULE),
                );
            }
        }
        if self.language == QueryLanguage::Jsonata {
            for (key, value) in assign.iter() {
                if matches!(value, PayloadField::Dynamic(_)) {
                    self.only_at(QueryLanguage::JsonPath, true, || {
                        format!("{}/{key}", field())
                    });
                }
            }
        }
    }

    fn retry(&mut self, retriers: &[Retrier]) {
        for (index, retrier) in retriers.iter().enumerate() {
            self.error_equals(
                "Retry",
                index,
                &retrier.error_equals,
                index + 1 == retriers.len(),
            );
        }
    }

    fn catch(&mut self, catchers: &[Catcher]) {
        for (index, catcher) in catchers.iter().enumerate() {
            self.error_equals(
                "Catch",
                index,
                &catcher.error_equals,
                index + 1 == catchers.len(),
            );
            self.only_at(
                QueryLanguage::JsonPath,
                catcher.result_path.is_some(),
                || format!("/Catch/{index}/ResultPath"),
            );
            self.only_at(QueryLanguage::Jsonata, catcher.output.is_some(), || {
                format!("/Catch/{index}/Output")
            });
            self.assign(catcher.assign.as_ref(), || format!("/Catch/{index}/Assign"));
        }
    }

    #[expect(
        clippy::ptr_arg,
        reason = "whether the list is shared (borrowed) decides which names are looked at"
    )]
    fn error_equals(
        &mut self,
        array: &str,
        index: usize,
        errors: &Cow<'static, [ErrorName]>,
        last: bool,
    ) {
        // A shared static list is one of the library's own (`[States.ALL]`, the transient
        // Lambda errors): only lists made from the caller's names are looked at.
        if let Cow::Owned(names) = errors {
            for (position, name) in names.iter().enumerate() {
                if unmatchable(name) {
                    self.unmatchable_name(array, index, position, name);
                }
            }
        }
        let all_misplaced = errors.contains(&ErrorName::All) && (errors.len() > 1 || !last);
        if !errors.is_empty() && !all_misplaced {
            return;
        }
        let field = format!("/{array}/{index}");
        let pointer = format!("{field}/ErrorEquals");
        if errors.is_empty() {
            self.push(
                BuildIssueKind::InvalidValue,
                &pointer,
                format!(
                    "`ErrorEquals` of `{}` is empty, so it matches no error",
                    field.trim_start_matches('/')
                ),
                Some("list at least one error name, such as `ErrorName::All`"),
            );
        }
        if all_misplaced {
            self.push(
                BuildIssueKind::InvalidValue,
                &pointer,
                format!(
                    "`States.ALL` in `{}` must be the only name of the last retrier or catcher",
                    field.trim_start_matches('/')
                ),
                Some("move the `States.ALL` entry to the end, on its own"),
            );
        }
    }

    /// Reports a name no retrier or catcher can match (see [`unmatchable`]).
    #[cold]
    #[inline(never)]
    fn unmatchable_name(&mut self, array: &str, index: usize, position: usize, name: &ErrorName) {
        let (message, hint) = match name {
            ErrorName::Custom(text) => (
                format!(
                    "`{text}` is not an error the States Language defines, and user errors cannot start with `States.`"
                ),
                crate::suggest::closest(text, ErrorName::predefined_spellings())
                    .map(|known| format!("did you mean `{known}`?")),
            ),
            _ => (
                format!("`{name}` is never retried or caught: AWS fails the execution"),
                None,
            ),
        };
        let pointer = format!("/{array}/{index}/ErrorEquals/{position}");
        self.push(
            BuildIssueKind::InvalidValue,
            &pointer,
            message,
            hint.as_deref(),
        );
    }

    fn condition(&mut self, index: usize, condition: &Condition) {
        let (needs, key) = match condition {
            Condition::Jsonata(_) => (QueryLanguage::Jsonata, "Condition"),
            Condition::Test(_) => (QueryLanguage::JsonPath, "Variable"),
            Condition::And(_) => (QueryLanguage::JsonPath, "And"),
            Condition::Or(_) => (QueryLanguage::JsonPath, "Or"),
            Condition::Not(_) => (QueryLanguage::JsonPath, "Not"),
        };
        self.only_at(needs, true, || format!("/Choices/{index}/{key}"));
    }

    /// Reports a literal number of seconds outside `min..=max`.
    fn seconds(&mut self, field: &str, value: Option<&Dynamic<u64>>, (min, max): (u64, u64)) {
        if let Some(Dynamic::Literal(seconds)) = value
            && !(min..=max).contains(seconds)
        {
            self.push(
                BuildIssueKind::InvalidValue,
                field,
                format!(
                    "`{}` of state `{}` must be between {min} and {max}, found {seconds}",
                    field.trim_start_matches('/'),
                    self.loc.name
                ),
                None,
            );
        }
    }

    /// Reports an AWS SDK integration whose service or action names no API
    /// (`sdk::AwsSdk::new("", "")`, `AwsSdk::new("s3:getObject", "x")`), or a resource
    /// set by hand that starts as one and is not one.
    fn sdk_resource(&mut self, resource: &Resource) {
        let problem = match resource {
            Resource::Integration(call) if call.family == IntegrationFamily::AwsSdk => {
                // A parsed resource holds its pattern apart; a built one holds the action
                // as given, where a suffix (`listObjectsV2.sync`) is part of a bad name.
                crate::model::sdk_name_problem(&call.service, &call.action)
            }
            Resource::Other(text) => crate::model::malformed_sdk_text(text),
            _ => None,
        };
        if let Some(problem) = problem {
            self.push(
                BuildIssueKind::InvalidValue,
                "/Resource",
                format!(
                    "the `Resource` of state `{}` is an AWS SDK integration that {problem}",
                    self.loc.name
                ),
                Some("name the service as the SDK does and the action in camelCase, `sdk::AwsSdk::new(\"s3\", \"getObject\")`; the pattern is a setter, `.wait_for_task_token()`"),
            );
        }
    }

    fn task(&mut self, task: &crate::model::TaskState) {
        use QueryLanguage::{JsonPath, Jsonata};
        self.only(JsonPath, "/InputPath", task.input_path.is_some());
        self.only(JsonPath, "/Parameters", task.parameters.is_some());
        self.only(Jsonata, "/Arguments", task.arguments.is_some());
        self.only(JsonPath, "/ResultSelector", task.result_selector.is_some());
        self.only(JsonPath, "/ResultPath", task.result_path.is_some());
        self.only(JsonPath, "/OutputPath", task.output_path.is_some());
        self.only(Jsonata, "/Output", task.output.is_some());
        self.sdk_resource(&task.resource);
        self.dynamic(
            "/TimeoutSeconds",
            "/TimeoutSecondsPath",
            task.timeout_seconds.as_ref(),
        );
        self.dynamic(
            "/HeartbeatSeconds",
            "/HeartbeatSecondsPath",
            task.heartbeat_seconds.as_ref(),
        );
        self.seconds(
            "/TimeoutSeconds",
            task.timeout_seconds.as_ref(),
            (1, MAX_SECONDS),
        );
        self.seconds(
            "/HeartbeatSeconds",
            task.heartbeat_seconds.as_ref(),
            (1, MAX_SECONDS),
        );
        if let (Some(Dynamic::Literal(heartbeat)), Some(Dynamic::Literal(timeout))) =
            (&task.heartbeat_seconds, &task.timeout_seconds)
            && heartbeat >= timeout
        {
            self.push(
                BuildIssueKind::InvalidValue,
                "/HeartbeatSeconds",
                format!(
                    "`HeartbeatSeconds` ({heartbeat}) of state `{}` must be smaller than `TimeoutSeconds` ({timeout})",
                    self.loc.name
                ),
                None,
            );
        }
    }
}

/// Reports a state that sets `QueryLanguage` to JSONPath in a JSONata machine, which AWS
/// refuses (the validator's `query-language-downgrade` rule).
#[cold]
#[inline(never)]
pub(super) fn downgrade(lowering: &mut Lowering, loc: Loc<'_>) {
    let name = loc.name;
    lowering.issues.push(
        BuildIssue::new(
            BuildIssueKind::Rejected(Code::QueryLanguageDowngrade),
            loc.field("/QueryLanguage"),
            Some(name.clone()),
            format!(
                "state `{name}` sets `QueryLanguage` to JSONPath, but the machine uses JSONata, and AWS accepts no JSONPath state in a JSONata machine"
            ),
        )
        .with_hint("remove `.query_language(QueryLanguage::JsonPath)` from the state, or make the machine JSONPath (a JSONPath machine may hold JSONata states)"),
    );
}

/// Checks one finished state.
pub(super) fn state(lowering: &mut Lowering, state: &State, language: QueryLanguage, loc: Loc<'_>) {
    use QueryLanguage::{JsonPath, Jsonata};
    let mut fields = Fields {
        lowering,
        language,
        loc,
    };
    match state {
        State::Pass(pass) => {
            fields.only(JsonPath, "/InputPath", pass.input_path.is_some());
            fields.only(JsonPath, "/Parameters", pass.parameters.is_some());
            fields.only(JsonPath, "/Result", pass.result.is_some());
            fields.only(JsonPath, "/ResultPath", pass.result_path.is_some());
            fields.only(JsonPath, "/OutputPath", pass.output_path.is_some());
            fields.only(Jsonata, "/Output", pass.output.is_some());
        }
        State::Task(task) => fields.task(task),
        State::Choice(choice) => {
            fields.only(JsonPath, "/InputPath", choice.input_path.is_some());
            fields.only(JsonPath, "/OutputPath", choice.output_path.is_some());
            fields.only(Jsonata, "/Output", choice.output.is_some());
            for (index, rule) in choice.choices.iter().enumerate() {
                fields.condition(index, &rule.condition);
                fields.only_at(Jsonata, rule.output.is_some(), || {
                    format!("/Choices/{index}/Output")
                });
                fields.assign(rule.assign.as_ref(), || format!("/Choices/{index}/Assign"));
            }
        }
        State::Wait(wait) => {
            fields.only(JsonPath, "/InputPath", wait.input_path.is_some());
            fields.only(JsonPath, "/OutputPath", wait.output_path.is_some());
            fields.only(Jsonata, "/Output", wait.output.is_some());
            match &wait.duration {
                crate::model::WaitDuration::Seconds(seconds) => {
                    fields.dynamic("/Seconds", "/SecondsPath", Some(seconds));
                    fields.seconds("/Seconds", Some(seconds), (0, MAX_SECONDS));
                }
                crate::model::WaitDuration::Timestamp(timestamp) => {
                    fields.dynamic("/Timestamp", "/TimestampPath", Some(timestamp));
                }
            }
        }
        State::Succeed(succeed) => {
            fields.only(JsonPath, "/InputPath", succeed.input_path.is_some());
            fields.only(JsonPath, "/OutputPath", succeed.output_path.is_some());
            fields.only(Jsonata, "/Output", succeed.output.is_some());
        }
        State::Fail(fail) => {
            fields.dynamic("/Error", "/ErrorPath", fail.error.as_ref());
            fields.dynamic("/Cause", "/CausePath", fail.cause.as_ref());
        }
        State::Parallel(parallel) => {
            fields.only(JsonPath, "/InputPath", parallel.input_path.is_some());
            fields.only(JsonPath, "/Parameters", parallel.parameters.is_some());
            fields.only(Jsonata, "/Arguments", parallel.arguments.is_some());
            fields.only(
                JsonPath,
                "/ResultSelector",
                parallel.result_selector.is_some(),
            );
            fields.only(JsonPath, "/ResultPath", parallel.result_path.is_some());
            fields.only(JsonPath, "/OutputPath", parallel.output_path.is_some());
            fields.only(Jsonata, "/Output", parallel.output.is_some());
        }
        State::Map(map) => {
            fields.only(JsonPath, "/InputPath", map.input_path.is_some());
            fields.only(JsonPath, "/ResultSelector", map.result_selector.is_some());
            fields.only(JsonPath, "/ResultPath", map.result_path.is_some());
            fields.only(JsonPath, "/OutputPath", map.output_path.is_some());
            fields.only(Jsonata, "/Output", map.output.is_some());
            fields.map(map);
        }
    }
    fields.assign(state.assign(), || "/Assign".to_owned());
    fields.retry(state.retry());
    fields.catch(state.catch());
}

/// Whether no retrier or catcher can match `name`: `States.Runtime`, or a `States.` name
/// the States Language does not define (user errors cannot start with `States.`; an HTTP
/// Task's `States.Http.StatusCode.<nnn>` is defined).
fn unmatchable(name: &ErrorName) -> bool {
    match name {
        ErrorName::Runtime => true,
        ErrorName::Custom(text) => {
            text.starts_with("States.") && !crate::model::is_http_status(text)
        }
        _ => false,
    }
}
