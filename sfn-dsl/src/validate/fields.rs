//! Which fields each state type allows in each query language (ASL reference §2.1), and the
//! settings that are literal, `…Path` or `{% %}` depending on the query language.

use super::code::Code;
use super::cx::{At, Cx};
use super::syntax;
use super::values::is_scaffolding;
use crate::model::{
    Dynamic, DynamicValue, MapState, ParallelState, QueryLanguage, State, TaskState,
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

const JSONATA_OUTPUT: &str = "shape the output with `Output`";
const JSONATA_INPUT: &str = "read the input as `$states.input` in `Arguments` or `Output`";

/// Reports fields of the other query language.
pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, state: &State) {
    let (jsonpath_only, jsonata_only): (Vec<Field>, Vec<Field>) = match state {
        State::Pass(pass) => (
            vec![
                field("InputPath", pass.input_path.is_some(), JSONATA_INPUT),
                field("Parameters", pass.parameters.is_some(), JSONATA_OUTPUT),
                field("Result", pass.result.is_some(), JSONATA_OUTPUT),
                field("ResultPath", pass.result_path.is_some(), JSONATA_OUTPUT),
                field("OutputPath", pass.output_path.is_some(), JSONATA_OUTPUT),
            ],
            vec![field(
                "Output",
                pass.output.is_some(),
                "use `Result`, `Parameters`, `ResultPath` or `OutputPath`",
            )],
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
        State::Fail(_) => (Vec::new(), Vec::new()),
    };
    let wrong = if at.is_jsonata() {
        jsonpath_only
    } else {
        jsonata_only
    };
    for field in wrong.iter().filter(|field| field.present) {
        report_field(cx, at, field.key, field.instead);
    }
}

fn task_fields(task: &TaskState) -> (Vec<Field>, Vec<Field>) {
    (
        vec![
            field("InputPath", task.input_path.is_some(), JSONATA_INPUT),
            field("Parameters", task.parameters.is_some(), "use `Arguments`"),
            field(
                "ResultSelector",
                task.result_selector.is_some(),
                JSONATA_OUTPUT,
            ),
            field("ResultPath", task.result_path.is_some(), JSONATA_OUTPUT),
            field("OutputPath", task.output_path.is_some(), JSONATA_OUTPUT),
        ],
        vec![
            field("Arguments", task.arguments.is_some(), "use `Parameters`"),
            field(
                "Output",
                task.output.is_some(),
                "use `ResultSelector`, `ResultPath` or `OutputPath`",
            ),
        ],
    )
}

fn parallel_fields(parallel: &ParallelState) -> (Vec<Field>, Vec<Field>) {
    (
        vec![
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
        ],
        vec![
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

fn map_fields(map: &MapState) -> (Vec<Field>, Vec<Field>) {
    (
        vec![
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
        vec![
            field("Items", map.items.is_some(), "use `ItemsPath`"),
            field(
                "Output",
                map.output.is_some(),
                "use `ResultSelector`, `ResultPath` or `OutputPath`",
            ),
        ],
    )
}

fn io_only(input_path: bool, output_path: bool, output: bool) -> (Vec<Field>, Vec<Field>) {
    (
        vec![
            field("InputPath", input_path, JSONATA_INPUT),
            field("OutputPath", output_path, JSONATA_OUTPUT),
        ],
        vec![field("Output", output, "use `InputPath` or `OutputPath`")],
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
pub(super) fn dynamic<'v, T>(
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
            if at.is_jsonata() {
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
                cx.push(
                    at.diagnostic(
                        Code::QueryLanguageField,
                        &pointer,
                        format!(
                            "`{key}` of state `{}` holds a JSONata expression, but the state uses JSONPath",
                            at.name
                        ),
                    )
                    .with_hint(format!(
                        "set `\"QueryLanguage\": \"JSONata\"` on the state, or use `{path_key}` with a reference path"
                    )),
                );
            }
            None
        }
        Dynamic::Placeholder(placeholder) => {
            if is_scaffolding(placeholder) {
                cx.push(at.diagnostic(
                    Code::WrongType,
                    &parent.key(key),
                    format!(
                        "`{key}` of state `{}` holds the unfilled test placeholder `{placeholder}`",
                        at.name
                    ),
                ));
            }
            None
        }
    }
}
