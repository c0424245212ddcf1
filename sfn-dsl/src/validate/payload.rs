//! Free-form payloads: payload templates (`"key.$"`) in JSONPath states, `{% %}`
//! expressions in JSONata states. Their sizes are checked in `size`.

use super::code::Code;
use super::cx::{At, Cx};
use super::lookalike;
use super::size;
use super::syntax::{self, PathKind, Returns};
use super::values::shorten;
use crate::model::{
    DYNAMIC_KEY_SUFFIX, DynamicValue, Jsonata, Payload, PayloadField, PayloadObject, QueryLanguage,
};
use crate::source::Pointer;

/// How a payload field is evaluated.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Role {
    /// A JSONPath payload template (`Parameters`); JSONata states cannot have it.
    Template,
    /// A JSONPath payload template that must be an object (`ResultSelector`).
    ObjectTemplate,
    /// A JSONata field (`Arguments`, `Output`, `Items`); JSONPath states cannot have it.
    Expression,
    /// A field of both languages, evaluated the state's way (`ItemSelector`, `BatchInput`,
    /// `Assign` values).
    Either,
}

/// Checks the payload under `key` of the state, if present.
pub(super) fn check_opt(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    key: &str,
    payload: Option<&Payload>,
    role: Role,
) {
    if let Some(payload) = payload {
        check(cx, at, &at.pointer.key(key), payload, role);
    }
}

/// Checks a payload at `pointer`.
pub(super) fn check(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    payload: &Payload,
    role: Role,
) {
    match (role, at.ql) {
        // The field itself is reported as belonging to the other language.
        (Role::Template | Role::ObjectTemplate, QueryLanguage::Jsonata)
        | (Role::Expression, QueryLanguage::JsonPath) => return,
        (Role::ObjectTemplate, QueryLanguage::JsonPath) if payload.as_object().is_none() => {
            cx.push(at.diagnostic(
                Code::PayloadNotObject,
                pointer,
                format!(
                    "`{}` of state `{}` must be an object, found {}",
                    at.field_path(pointer),
                    at.name,
                    describe(payload)
                ),
            ));
            return;
        }
        (Role::Template, QueryLanguage::JsonPath) => {
            warn_not_object(cx, at, pointer, payload);
            template(cx, at, pointer, payload);
        }
        (_, QueryLanguage::JsonPath) => template(cx, at, pointer, payload),
        (_, QueryLanguage::Jsonata) => expression(cx, at, pointer, payload),
    }
    size::check_payload(cx, at, pointer, payload);
}

/// Warns when a JSONPath payload template (`Parameters`, `ItemSelector`, `BatchInput`) is
/// not an object: the States Language defines templates as objects, but AWS accepts
/// other JSON there (a deployed AWS sample passes an array), so it is not an error.
pub(super) fn warn_not_object(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    payload: &Payload,
) {
    if at.is_jsonata() || payload.as_object().is_some() {
        return;
    }
    let field = at.field_path(pointer);
    cx.push(
        at.diagnostic(
            Code::TemplateNotObject,
            pointer,
            format!(
                "`{field}` of state `{}` is {}, not an object: the States Language defines a payload template as an object (AWS accepts other JSON here, evaluating the objects inside it)",
                at.name,
                describe(payload)
            ),
        )
        .with_hint("write the template as an object, such as `{\"items.$\": \"$.items\"}`"),
    );
}

/// Checks the object of an `Assign` field (its keys are variable names, its values
/// payloads) and its size. A `"y.$"` key of a JSONata state is not warned about here: it is no
/// variable name, which the variable rules report, with the same hint.
pub(super) fn check_assign_object(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    object: &PayloadObject,
) {
    match at.ql {
        QueryLanguage::JsonPath => template_object(cx, at, pointer, object),
        QueryLanguage::Jsonata => {
            for (key, field) in object.iter() {
                if let PayloadField::Value(value) = field {
                    expression(cx, at, &pointer.key(key), value);
                }
            }
        }
    }
    size::check_assign(cx, at, pointer, object);
}

fn template(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, payload: &Payload) {
    match payload {
        Payload::Object(object) => template_object(cx, at, pointer, object),
        Payload::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                template(cx, at, &pointer.index(index), item);
            }
        }
        Payload::Jsonata(expression) => cx.push(jsonata_in_jsonpath(at, pointer, expression)),
        Payload::Null | Payload::Bool(_) | Payload::Number(_) | Payload::String(_) => {}
    }
}

/// The warning for a `{% %}` string in a JSONPath state, which passes it on as text.
pub(super) fn jsonata_in_jsonpath(
    at: &At<'_>,
    pointer: &Pointer<'_>,
    expression: &Jsonata,
) -> super::Diagnostic {
    at.diagnostic(
        Code::JsonataSyntaxInJsonPath,
        pointer,
        format!(
            "`{}` of state `{}` holds `{}`, which looks like a JSONata expression, but the state uses JSONPath, so the text is passed as is",
            at.field_path(pointer),
            at.name,
            shorten(&expression.to_template_string()),
        ),
    )
    .with_hint("set `\"QueryLanguage\": \"JSONata\"` on the state, or use a `\"key.$\"` path")
}

/// Reports the key `key` of the JSONPath template `object` (at `pointer`) when it ends
/// with `.$` and the object also has the key without it: the two set the same field
/// (ASL reference E-PATH-4).
pub(super) fn check_dynamic_twin(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    object: &PayloadObject,
    key: &str,
) {
    let Some(name) = key.strip_suffix(DYNAMIC_KEY_SUFFIX) else {
        return;
    };
    if object.get(name).is_none() {
        return;
    }
    let plain_pointer = pointer.key(name);
    cx.push(
        at.diagnostic(
            Code::InvalidPayloadTemplate,
            &pointer.key(key),
            format!(
                "state `{}` sets `{}` twice: as `{name}` and as `{key}`",
                at.name,
                at.field_path(&plain_pointer)
            ),
        )
        .with_hint("keep one of them")
        .at_key(),
    );
}

fn template_object(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, object: &PayloadObject) {
    for (key, field) in object.iter() {
        let field_pointer = pointer.key(key);
        let dynamic_name = key.strip_suffix(DYNAMIC_KEY_SUFFIX);
        match (field, dynamic_name) {
            (PayloadField::Dynamic(value), _) => {
                match value {
                    DynamicValue::Path(path) => {
                        syntax::path(cx, at, &field_pointer, path.as_str(), PathKind::Path);
                    }
                    DynamicValue::Intrinsic(call) => {
                        syntax::intrinsic(cx, at, &field_pointer, call.as_str(), Returns::Any);
                    }
                }
                check_dynamic_twin(cx, at, pointer, object, key);
            }
            (PayloadField::Value(value), Some(_)) => cx.push(
                at.diagnostic(
                    Code::InvalidPayloadTemplate,
                    &field_pointer,
                    format!(
                        "the value of `{}` in state `{}` must be a string holding a path or an intrinsic function, found {}",
                        at.field_path(&field_pointer),
                        at.name,
                        describe(value)
                    ),
                )
                .with_hint(format!(
                    "to pass the value as is, drop the `.$` suffix: `{}`",
                    key.trim_end_matches(DYNAMIC_KEY_SUFFIX)
                )),
            ),
            (PayloadField::Value(value), None) => template(cx, at, &field_pointer, value),
        }
    }
}

fn expression(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, payload: &Payload) {
    match payload {
        Payload::Jsonata(expression) => syntax::jsonata(cx, at, pointer, expression),
        Payload::Object(object) => expression_object(cx, at, pointer, object),
        Payload::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                expression(cx, at, &pointer.index(index), item);
            }
        }
        Payload::String(text) => {
            if let Some(diagnostic) = lookalike::jsonata_like_literal(at, pointer, text) {
                cx.push(diagnostic);
            }
        }
        Payload::Null | Payload::Bool(_) | Payload::Number(_) => {}
    }
}

fn expression_object(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, object: &PayloadObject) {
    for (key, field) in object.iter() {
        let field_pointer = pointer.key(key);
        match field {
            PayloadField::Value(value) => expression(cx, at, &field_pointer, value),
            PayloadField::Dynamic(value) => cx.push(
                at.diagnostic(
                    Code::JsonPathSyntaxInJsonata,
                    &field_pointer,
                    format!(
                        "state `{}` uses JSONata, so `{}` is an ordinary key and `{}` a literal string",
                        at.name,
                        at.field_path(&field_pointer),
                        value.as_str()
                    ),
                )
                .with_hint(lookalike::jsonata_field_hint(at, &field_pointer, key, value))
                .at_key(),
            ),
        }
    }
}

fn describe(payload: &Payload) -> &'static str {
    match payload {
        Payload::Null => "null",
        Payload::Bool(_) => "a boolean",
        Payload::Number(_) => "a number",
        Payload::String(_) | Payload::Jsonata(_) => "a string",
        Payload::Array(_) => "an array",
        Payload::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::Code;

    use crate::validate::single_state_triples as problems;

    fn problem(code: Code, pointer: &str, message: &str) -> (Code, String, String) {
        (code, pointer.to_owned(), message.to_owned())
    }

    const TASK: &str = r#""Type": "Task", "Resource": "arn:aws:states:::lambda:invoke""#;

    #[test]
    fn jsonata_messages_name_nested_payload_fields_from_the_state_down() {
        assert_eq!(
            problems(
                "JSONata",
                &format!(
                    r#"{{{TASK}, "Arguments": {{"FunctionName": "f", "Payload": {{"x": ["{{% 1 + %}}"]}}}}, "Output": {{"r": "{{% $states.errorOutput %}}"}}, "Assign": {{"v": {{"w": "{{% $states.errorOutput %}}"}}}}, "End": true}}"#
                )
            ),
            [
                problem(
                    Code::InvalidJsonata,
                    "/States/S/Arguments/Payload/x/0",
                    "`Arguments.Payload.x[0]` of state `S` holds an invalid JSONata expression: unexpected end of expression (JSONata S0207)",
                ),
                problem(
                    Code::MisplacedStatesErrorOutput,
                    "/States/S/Output/r",
                    "`Output.r` of state `S` reads `$states.errorOutput`, which exists only in the `Output` and `Assign` of a catcher",
                ),
                problem(
                    Code::MisplacedStatesErrorOutput,
                    "/States/S/Assign/v/w",
                    "`Assign.v.w` of state `S` reads `$states.errorOutput`, which exists only in the `Output` and `Assign` of a catcher",
                ),
            ]
        );
        assert_eq!(
            problems(
                "JSONata",
                &format!(
                    r#"{{{TASK}, "Arguments": {{"FunctionName": "f", "Payload": {{"x.$": "$.x"}}}}, "End": true}}"#
                )
            ),
            [problem(
                Code::JsonPathSyntaxInJsonata,
                "/States/S/Arguments/Payload/x.$",
                "state `S` uses JSONata, so `Arguments.Payload.x.$` is an ordinary key and `$.x` a literal string",
            )]
        );
    }

    #[test]
    fn jsonpath_messages_name_nested_payload_fields_from_the_state_down() {
        assert_eq!(
            problems(
                "JSONPath",
                &format!(
                    r#"{{{TASK}, "Parameters": {{"FunctionName": "f", "Payload": {{"x": {{"y.$": "$.a[", "z.$": 1, "j": "{{% 1 %}}", "k": 1, "k.$": "$.k"}}}}}}, "End": true}}"#
                )
            ),
            [
                problem(
                    Code::InvalidPath,
                    "/States/S/Parameters/Payload/x/y.$",
                    "`Parameters.Payload.x.y.$` of state `S` must be a valid path: `$.a[`: expected a quoted name, an index, a slice, `*` or a filter `?(…)`, found the end of the text",
                ),
                problem(
                    Code::InvalidPayloadTemplate,
                    "/States/S/Parameters/Payload/x/z.$",
                    "the value of `Parameters.Payload.x.z.$` in state `S` must be a string holding a path or an intrinsic function, found a number",
                ),
                problem(
                    Code::JsonataSyntaxInJsonPath,
                    "/States/S/Parameters/Payload/x/j",
                    "`Parameters.Payload.x.j` of state `S` holds `{% 1 %}`, which looks like a JSONata expression, but the state uses JSONPath, so the text is passed as is",
                ),
                problem(
                    Code::InvalidPayloadTemplate,
                    "/States/S/Parameters/Payload/x/k.$",
                    "state `S` sets `Parameters.Payload.x.k` twice: as `k` and as `k.$`",
                ),
            ]
        );
    }
}
