//! Which fields each state type allows in each query language (ASL reference §2.1), and the
//! settings that are literal, `…Path` or `{% %}` depending on the query language.

use super::code::Code;
use super::cx::{At, Cx};
use super::syntax;
use super::values::{is_scaffolding, numeric_placeholder};
use crate::model::{
    Dynamic, DynamicValue, Jsonata, MapState, ParallelState, QueryLanguage, State, TaskState,
};

/// A field that belongs to one query language only, with what to use in the other one.
struct Field {
    key: &'static str,
    present: bool,
    instead: &'static str,
}

const fn field(key: &'static str, present: bool, instead: &'static str) -> Field {
    Field {
        key,
        present,
        instead,
    }
}

/// An absent field, to pad the fixed-size lists.
const NONE: Field = field("", false, "");

/// The fields of each language that a state type may have: at most six and two.
type Lists = ([Field; 6], [Field; 2]);

const JSONATA_OUTPUT: &str = "shape the output with `Output`";
const JSONATA_INPUT: &str = "read the input as `$states.input` in `Arguments` or `Output`";

/// Reports fields of the other query language.
pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, state: &State) {
    let (jsonpath_only, jsonata_only): Lists = match state {
        State::Pass(pass) => (
            [
                field("InputPath", pass.input_path.is_some(), JSONATA_INPUT),
                field("Parameters", pass.parameters.is_some(), JSONATA_OUTPUT),
                field("Result", pass.result.is_some(), JSONATA_OUTPUT),
                field("ResultPath", pass.result_path.is_some(), JSONATA_OUTPUT),
                field("OutputPath", pass.output_path.is_some(), JSONATA_OUTPUT),
                NONE,
            ],
            [
                field(
                    "Output",
                    pass.output.is_some(),
                    "use `Result`, `Parameters`, `ResultPath` or `OutputPath`",
                ),
                NONE,
            ],
        ),
        State::Task(task) => task_fields(task),
        State::Parallel(parallel) => parallel_fields(parallel),
        State::Map(map) => map_fields(map),
        State::Choice(choice) => io_only(
            choice.input_path.is_some(),
            choice.output_path.is_some(),
            choice.output.is_some(),
        ),
        State::Wait(wait) => io_only(
            wait.input_path.is_some(),
            wait.output_path.is_some(),
            wait.output.is_some(),
        ),
        State::Succeed(succeed) => io_only(
            succeed.input_path.is_some(),
            succeed.output_path.is_some(),
            succeed.output.is_some(),
        ),
        State::Fail(_) => ([NONE; 6], [NONE; 2]),
    };
    let wrong: &[Field] = if at.is_jsonata() {
        &jsonpath_only
    } else {
        &jsonata_only
    };
    for field in wrong.iter().filter(|field| field.present) {
        report_field(cx, at, field.key, field.instead);
    }
}

fn task_fields(task: &TaskState) -> Lists {
    (
        [
            field("InputPath", task.input_path.is_some(), JSONATA_INPUT),
            field("Parameters", task.parameters.is_some(), "use `Arguments`"),
            field(
                "ResultSelector",
                task.result_selector.is_some(),
                JSONATA_OUTPUT,
            ),
            field("ResultPath", task.result_path.is_some(), JSONATA_OUTPUT),
            field("OutputPath", task.output_path.is_some(), JSONATA_OUTPUT),
            NONE,
        ],
        [
            field("Arguments", task.arguments.is_some(), "use `Parameters`"),
            field(
                "Output",
                task.output.is_some(),
                "use `ResultSelector`, `ResultPath` or `OutputPath`",
            ),
        ],
    )
}

fn parallel_fields(parallel: &ParallelState) -> Lists {
    (
        [
            field("InputPath", parallel.input_path.is_some(), JSONATA_INPUT),
            field(
                "Parameters",
                parallel.parameters.is_some(),
                "use `Arguments`",
            ),
            field(
                "ResultSelector",
                parallel.result_selector.is_some(),
                JSONATA_OUTPUT,
            ),
            field("ResultPath", parallel.result_path.is_some(), JSONATA_OUTPUT),
            field("OutputPath", parallel.output_path.is_some(), JSONATA_OUTPUT),
            NONE,
        ],
        [
            field(
                "Arguments",
                parallel.arguments.is_some(),
                "use `Parameters`",
            ),
            field(
                "Output",
                parallel.output.is_some(),
                "use `ResultSelector`, `ResultPath` or `OutputPath`",
            ),
        ],
    )
}

fn map_fields(map: &MapState) -> Lists {
    (
        [
            field("InputPath", map.input_path.is_some(), JSONATA_INPUT),
            field("ItemsPath", map.items_path.is_some(), "use `Items`"),
            field("Parameters", map.parameters.is_some(), "use `ItemSelector`"),
            field(
                "ResultSelector",
                map.result_selector.is_some(),
                JSONATA_OUTPUT,
            ),
            field("ResultPath", map.result_path.is_some(), JSONATA_OUTPUT),
            field("OutputPath", map.output_path.is_some(), JSONATA_OUTPUT),
        ],
        [
            field("Items", map.items.is_some(), "use `ItemsPath`"),
            field(
                "Output",
                map.output.is_some(),
                "use `ResultSelector`, `ResultPath` or `OutputPath`",
            ),
        ],
    )
}

fn io_only(input_path: bool, output_path: bool, output: bool) -> Lists {
    (
        [
            field("InputPath", input_path, JSONATA_INPUT),
            field("OutputPath", output_path, JSONATA_OUTPUT),
            NONE,
            NONE,
            NONE,
            NONE,
        ],
        [
            field("Output", output, "use `InputPath` or `OutputPath`"),
            NONE,
        ],
    )
}

/// Reports `key`, a field of the other query language, with advice on what to use instead.
pub(super) fn report_field(cx: &mut Cx<'_>, at: &At<'_>, key: &str, instead: &str) {
    report_field_at(cx, at, &at.pointer.key(key), key, instead);
}

/// As [`report_field`], for a field of a nested object.
pub(super) fn report_field_at(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &crate::source::Pointer<'_>,
    key: &str,
    instead: &str,
) {
    let (own, other) = languages(at.ql);
    cx.push(
        at.diagnostic(
            Code::QueryLanguageField,
            pointer,
            format!(
                "`{key}` is a {other} field, but state `{}` uses {own}",
                at.name
            ),
        )
        .with_hint(format!("in {own}, {instead}"))
        .at_key(),
    );
}

/// Whether `text`, in a string field of a JSONPath state that is not a payload, is a
/// `{% %}` expression: meant as JSONata, which the state does not evaluate.
pub(super) fn is_jsonata_in_jsonpath(at: &At<'_>, text: &str) -> bool {
    !at.is_jsonata() && Jsonata::from_template_string(text).is_some()
}

/// The error for a `{% %}` expression in `field` (at `pointer`) of a JSONPath state, where
/// AWS reads the string as written, as a number, timestamp or path it is not, and so refuses
/// it; `hint` says what to write instead.
pub(super) fn jsonata_in_jsonpath_field(
    at: &At<'_>,
    pointer: &crate::source::Pointer<'_>,
    field: &str,
    hint: String,
) -> super::Diagnostic {
    at.diagnostic(
        Code::QueryLanguageField,
        pointer,
        format!(
            "`{field}` of state `{}` holds a JSONata expression, but the state uses JSONPath",
            at.name
        ),
    )
    .with_hint(hint)
}

fn languages(ql: QueryLanguage) -> (&'static str, &'static str) {
    match ql {
        QueryLanguage::JsonPath => ("JSONPath", "JSONata"),
        QueryLanguage::Jsonata => ("JSONata", "JSONPath"),
    }
}

/// How a string setting is read when it is not a literal.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum PathForm {
    /// A reference path only.
    Reference,
    /// A reference path or an intrinsic function returning a string (`ErrorPath`,
    /// `CausePath`).
    ReferenceOrIntrinsic,
}

/// Checks a setting with a `…Path` twin and a JSONata form, returning its literal.
pub(super) fn dynamic<'v, T: Setting>(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    parent: &crate::source::Pointer<'_>,
    (key, path_key): (&str, &str),
    value: Option<&'v Dynamic<T>>,
    form: PathForm,
) -> Option<&'v T> {
    match value? {
        Dynamic::Literal(literal) => Some(literal),
        Dynamic::Path(path) => {
            let pointer = parent.key(path_key);
            if is_jsonata_in_jsonpath(at, path.as_str()) {
                cx.push(jsonata_in_jsonpath_field(
                    at,
                    &pointer,
                    path_key,
                    format!(
                        "set `\"QueryLanguage\": \"JSONata\"` on the state and write `\"{key}\": \"{{% … %}}\"`, or write a reference path starting with `$`"
                    ),
                ));
            } else if at.is_jsonata() {
                report_field_at(
                    cx,
                    at,
                    &pointer,
                    path_key,
                    &format!("write `\"{key}\": \"{{% … %}}\"`"),
                );
            } else {
                match (path, form) {
                    (DynamicValue::Path(path), _) => {
                        syntax::path(cx, at, &pointer, path.as_str(), syntax::PathKind::Reference);
                    }
                    (DynamicValue::Intrinsic(call), PathForm::ReferenceOrIntrinsic) => {
                        syntax::intrinsic(cx, at, &pointer, call.as_str(), syntax::Returns::String);
                    }
                    (DynamicValue::Intrinsic(call), PathForm::Reference) => {
                        cx.push(
                            at.diagnostic(
                                Code::InvalidPath,
                                &pointer,
                                format!(
                                    "`{path_key}` of state `{}` must be a reference path starting with `$`, found `{}`",
                                    at.name,
                                    call.as_str()
                                ),
                            ),
                        );
                    }
                }
            }
            None
        }
        Dynamic::Jsonata(expression) => {
            let pointer = parent.key(key);
            if at.is_jsonata() {
                syntax::jsonata(cx, at, &pointer, expression);
            } else {
                cx.push(jsonata_in_jsonpath_field(
                    at,
                    &pointer,
                    key,
                    format!(
                        "set `\"QueryLanguage\": \"JSONata\"` on the state, or use `{path_key}` with a reference path"
                    ),
                ));
            }
            None
        }
        Dynamic::Placeholder(placeholder) => {
            let pointer = parent.key(key);
            let field = format!("`{key}` of state `{}`", at.name);
            if T::NUMERIC {
                numeric_placeholder(
                    cx,
                    |code, message| at.diagnostic(code, &pointer, message),
                    &field,
                    placeholder,
                );
            } else if is_scaffolding(placeholder) {
                // A string field keeps a `${Name}` as it is: only scaffolding is wrong.
                cx.push(at.diagnostic(
                    Code::WrongType,
                    &pointer,
                    format!("{field} holds the unfilled test placeholder `{placeholder}`"),
                ));
            }
            None
        }
    }
}

/// The type of a [`Dynamic`] setting, as far as its placeholders are concerned.
pub(super) trait Setting {
    /// Whether a literal is a number (so a quoted `${Name}` is a string where a number
    /// belongs).
    const NUMERIC: bool;
}

impl Setting for u64 {
    const NUMERIC: bool = true;
}

impl Setting for serde_json::Number {
    const NUMERIC: bool = true;
}

impl Setting for String {
    const NUMERIC: bool = false;
}

#[cfg(test)]
mod tests {
    use crate::validate::{Code, diagnostic_hints, diagnostic_triples};

    /// A JSONPath machine that starts at `S`, whose states are `states` and a Succeed `E`.
    fn machine(states: &str) -> String {
        format!(r#"{{"StartAt": "S", "States": {{{states}, "E": {{"Type": "Succeed"}}}}}}"#)
    }

    #[test]
    fn an_expression_where_a_jsonpath_state_reads_a_value_is_one_error_with_the_fix() {
        let cases = [
            (
                r#""S": {"Type": "Wait", "Timestamp": "{% $now() %}", "Next": "E"}"#,
                "/States/S/Timestamp",
                "`Timestamp` of state `S` holds a JSONata expression, but the state uses JSONPath",
                r#"set `"QueryLanguage": "JSONata"` on the state, or use `TimestampPath` with a reference path"#,
            ),
            (
                r#""S": {"Type": "Wait", "SecondsPath": "{% $states.input.delay %}", "Next": "E"}"#,
                "/States/S/SecondsPath",
                "`SecondsPath` of state `S` holds a JSONata expression, but the state uses JSONPath",
                r#"set `"QueryLanguage": "JSONata"` on the state and write `"Seconds": "{% … %}"`, or write a reference path starting with `$`"#,
            ),
            (
                r#""S": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "E"}], "Default": "F"}, "F": {"Type": "Fail", "CausePath": "{% 'Oops' %}"}"#,
                "/States/F/CausePath",
                "`CausePath` of state `F` holds a JSONata expression, but the state uses JSONPath",
                r#"set `"QueryLanguage": "JSONata"` on the state and write `"Cause": "{% … %}"`, or write a reference path starting with `$`"#,
            ),
            (
                r#""S": {"Type": "Choice", "Choices": [{"Variable": "$.t", "TimestampEquals": "{% $now() %}", "Next": "E"}], "Default": "E"}"#,
                "/States/S/Choices/0/TimestampEquals",
                "`Choices[0].TimestampEquals` of state `S` holds a JSONata expression, but the state uses JSONPath",
                r#"use `TimestampEqualsPath` with a reference path, or set `"QueryLanguage": "JSONata"` on the state and write the rule as a `Condition`"#,
            ),
            (
                r#""S": {"Type": "Pass", "InputPath": "{% $states.input.order %}", "Next": "E"}"#,
                "/States/S/InputPath",
                "`InputPath` of state `S` holds a JSONata expression, but the state uses JSONPath",
                r#"write a path starting with `$`, such as `$.order`; `{% … %}` expressions are evaluated only in a state with `"QueryLanguage": "JSONata"`"#,
            ),
            (
                r#""S": {"Type": "Pass", "Parameters": {"id.$": "{% $uuid() %}"}, "Next": "E"}"#,
                "/States/S/Parameters/id.$",
                "`Parameters.id.$` of state `S` holds a JSONata expression, but the state uses JSONPath",
                r#"write a path starting with `$` or an intrinsic function such as `States.Format(…)`; `{% … %}` expressions are evaluated only in a state with `"QueryLanguage": "JSONata"`"#,
            ),
        ];
        for (states, pointer, message, hint) in cases {
            let text = machine(states);
            assert_eq!(
                diagnostic_triples(&text),
                [(
                    Code::QueryLanguageField,
                    pointer.to_owned(),
                    message.to_owned()
                )],
                "{states}"
            );
            assert_eq!(
                diagnostic_hints(&text),
                [(
                    Code::QueryLanguageField,
                    pointer.to_owned(),
                    Some(hint.to_owned())
                )],
                "{states}"
            );
        }
    }
}
