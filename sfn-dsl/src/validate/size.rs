//! Payload sizes against the 256 KiB quota (ASL reference §12): payload templates and
//! expressions as written, a Pass state's `Result`, and the variables of one `Assign`.

use serde_json::Value;

use super::code::Code;
use super::cx::{At, Cx};
use super::diagnostic::Diagnostic;
use crate::model::{Payload, PayloadField, PayloadObject, QueryLanguage};
use crate::source::Pointer;

/// The largest payload (state input or output, task result, variable, the variables of one
/// `Assign`) AWS passes, in bytes.
pub(crate) const MAX_PAYLOAD_BYTES: usize = 262_144;

/// Warns when the payload at `pointer`, as written, is over the quota.
pub(super) fn check_payload(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    payload: &Payload,
) {
    let size = payload_size(payload, Sizing::Written);
    if size > MAX_PAYLOAD_BYTES {
        cx.push(too_large(at, pointer, size));
    }
}

/// Warns when the literal value under `key` of the state (a Pass `Result`) is over the
/// quota.
pub(super) fn check_literal(cx: &mut Cx<'_>, at: &At<'_>, key: &str, value: &Value) {
    let size = value_size(value);
    if size > MAX_PAYLOAD_BYTES {
        cx.push(too_large(at, &at.pointer.key(key), size));
    }
}

/// Warns when a variable of the `Assign` at `pointer`, or all of them together, are over
/// the quota: AWS measures the values one `Assign` sets together ("The assigned variables
/// have a size exceeding the maximum number of bytes service limit"), so two values of
/// 140 KB fail as surely as one of 300 KB. Only what is written out counts: what a path or
/// an expression yields is known at run time only, so the sizes are lower bounds.
pub(super) fn check_assign(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    object: &PayloadObject,
) {
    let sizing = Sizing::Literals(at.ql);
    let mut total = 0;
    let mut reported = false;
    for (key, field) in object.iter() {
        let size = match field {
            PayloadField::Value(value) => payload_size(value, sizing),
            PayloadField::Dynamic(value) => dynamic_size(value.as_str(), sizing),
        };
        total += size;
        if size > MAX_PAYLOAD_BYTES {
            cx.push(too_large(at, &pointer.key(key), size));
            reported = true;
        }
    }
    // A variable over the quota already says the `Assign` is.
    if !reported && total > MAX_PAYLOAD_BYTES {
        cx.push(
            at.diagnostic(
                Code::PayloadTooLarge,
                pointer,
                format!(
                    "`{}` of state `{}` sets about {total} bytes of values in all; an `Assign` whose values are over {MAX_PAYLOAD_BYTES} bytes together fails with `States.DataLimitExceeded`",
                    at.field_path(pointer),
                    at.name
                ),
            )
            .with_hint("keep large data in S3 and pass its location"),
        );
    }
}

fn too_large(at: &At<'_>, pointer: &Pointer<'_>, size: usize) -> Diagnostic {
    at.diagnostic(
        Code::PayloadTooLarge,
        pointer,
        format!(
            "`{}` of state `{}` is about {size} bytes; payloads over {MAX_PAYLOAD_BYTES} bytes fail with `States.DataLimitExceeded`",
            at.field_path(pointer),
            at.name
        ),
    )
    .with_hint("keep large data in S3 and pass its location")
}

/// What the size of a payload counts.
#[derive(Clone, Copy)]
enum Sizing {
    /// The payload as written, expressions and paths included.
    Written,
    /// What evaluating the payload in a state of this language yields at least: its literal
    /// parts (an expression or a `"key.$"` value counts nothing; a `{% %}` string in a
    /// JSONPath state and a `"key.$"` field of a JSONata state are literals there).
    Literals(QueryLanguage),
}

/// The size of a `"key.$"` value (the key is counted by the caller).
fn dynamic_size(text: &str, sizing: Sizing) -> usize {
    match sizing {
        Sizing::Written | Sizing::Literals(QueryLanguage::Jsonata) => text.len() + 2,
        Sizing::Literals(QueryLanguage::JsonPath) => 0,
    }
}

/// The size of the payload as compact JSON, without building the text (string escapes are
/// not counted, so this is a lower bound of the text).
fn payload_size(payload: &Payload, sizing: Sizing) -> usize {
    match payload {
        Payload::Null => 4,
        Payload::Bool(value) => {
            if *value {
                4
            } else {
                5
            }
        }
        Payload::Number(number) => number_length(number),
        Payload::String(text) => text.len() + 2,
        Payload::Jsonata(expression) => match sizing {
            Sizing::Written | Sizing::Literals(QueryLanguage::JsonPath) => {
                expression.as_str().len() + 6
            }
            Sizing::Literals(QueryLanguage::Jsonata) => 0,
        },
        Payload::Array(items) => {
            2 + items
                .iter()
                .map(|item| payload_size(item, sizing) + 1)
                .sum::<usize>()
        }
        Payload::Object(object) => {
            2 + object
                .iter()
                .map(|(key, field)| {
                    key.len()
                        + 4
                        + match field {
                            PayloadField::Value(value) => payload_size(value, sizing),
                            PayloadField::Dynamic(value) => dynamic_size(value.as_str(), sizing),
                        }
                })
                .sum::<usize>()
        }
    }
}

/// As [`payload_size`], for a plain JSON value.
fn value_size(value: &Value) -> usize {
    match value {
        Value::Null => 4,
        Value::Bool(value) => {
            if *value {
                4
            } else {
                5
            }
        }
        Value::Number(number) => number_length(number),
        Value::String(text) => text.len() + 2,
        Value::Array(items) => 2 + items.iter().map(|item| value_size(item) + 1).sum::<usize>(),
        Value::Object(map) => {
            2 + map
                .iter()
                .map(|(key, value)| key.len() + 4 + value_size(value))
                .sum::<usize>()
        }
    }
}

fn number_length(number: &serde_json::Number) -> usize {
    // Integers (nearly all numbers of a definition) are counted, not formatted.
    let digits = |value: u64| value.checked_ilog10().map_or(1, |log| log as usize + 1);
    if let Some(value) = number.as_u64() {
        digits(value)
    } else if let Some(value) = number.as_i64() {
        1 + digits(value.unsigned_abs())
    } else {
        number.to_string().len()
    }
}

#[cfg(test)]
mod tests {
    use super::number_length;
    use crate::validate::Code;

    use crate::validate::single_state_triples as problems;

    fn too_large(pointer: &str, message: &str) -> (Code, String, String) {
        (
            Code::PayloadTooLarge,
            pointer.to_owned(),
            message.to_owned(),
        )
    }

    #[test]
    fn a_literal_variable_over_the_quota_is_too_large() {
        let big = "x".repeat(300_000);
        for language in ["JSONPath", "JSONata"] {
            assert_eq!(
                problems(
                    language,
                    &format!(
                        r#"{{"Type": "Pass", "Assign": {{"v": "{big}", "w": 1}}, "End": true}}"#
                    )
                ),
                [too_large(
                    "/States/S/Assign/v",
                    "`Assign.v` of state `S` is about 300002 bytes; payloads over 262144 bytes fail with `States.DataLimitExceeded`"
                )],
                "{language}"
            );
        }
        // Nested values, and the `Assign` of a catcher and of a Choice rule, are sized too.
        assert_eq!(
            problems(
                "JSONPath",
                &format!(
                    r#"{{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {{"FunctionName": "f"}}, "Catch": [{{"ErrorEquals": ["States.ALL"], "Assign": {{"v": {{"w": ["{big}"]}}}}, "Next": "E"}}], "End": true}}, "E": {{"Type": "Succeed"}}"#
                )
            ),
            [too_large(
                "/States/S/Catch/0/Assign/v",
                "`Catch[0].Assign.v` of state `S` is about 300012 bytes; payloads over 262144 bytes fail with `States.DataLimitExceeded`"
            )]
        );
    }

    #[test]
    fn the_variables_of_one_assign_are_sized_together() {
        let half = "x".repeat(140_000);
        assert_eq!(
            problems(
                "JSONata",
                &format!(
                    r#"{{"Type": "Pass", "Assign": {{"a": "{half}", "b": "{half}"}}, "End": true}}"#
                )
            ),
            [too_large(
                "/States/S/Assign",
                "`Assign` of state `S` sets about 280004 bytes of values in all; an `Assign` whose values are over 262144 bytes together fails with `States.DataLimitExceeded`"
            )]
        );
        // Separate `Assign` objects are separate: a Choice rule's replaces the state's.
        assert_eq!(
            problems(
                "JSONPath",
                &format!(
                    r#"{{"Type": "Choice", "Choices": [{{"Variable": "$.x", "IsPresent": true, "Assign": {{"a": "{half}"}}, "Next": "E"}}], "Default": "E", "Assign": {{"a": "{half}"}}}}, "E": {{"Type": "Succeed"}}"#
                )
            ),
            []
        );
    }

    #[test]
    fn what_is_evaluated_is_not_counted_in_an_assign() {
        // What a long expression or path yields may be small; its text is not a value.
        let long = "a".repeat(300_000);
        assert_eq!(
            problems(
                "JSONata",
                &format!(
                    r#"{{"Type": "Pass", "Assign": {{"v": "{{% $count($split('{long}', '')) %}}"}}, "End": true}}"#
                )
            ),
            []
        );
        assert_eq!(
            problems(
                "JSONPath",
                &format!(
                    r#"{{"Type": "Pass", "Assign": {{"v.$": "States.ArrayLength(States.StringSplit('{long}', ''))"}}, "End": true}}"#
                )
            ),
            []
        );
        // A `{% %}` string in a JSONPath state is text, and so is a `"key.$"` value in a
        // JSONata state: both are assigned as written.
        let expression = format!("{{% '{long}' %}}");
        let jsonpath = problems(
            "JSONPath",
            &format!(r#"{{"Type": "Pass", "Assign": {{"v": "{expression}"}}, "End": true}}"#),
        );
        assert!(
            jsonpath
                .iter()
                .any(|(code, pointer, _)| *code == Code::PayloadTooLarge
                    && pointer == "/States/S/Assign/v"),
            "{jsonpath:?}"
        );
        let jsonata = problems(
            "JSONata",
            &format!(
                r#"{{"Type": "Pass", "Assign": {{"v": {{"w.$": "$.{long}"}}}}, "End": true}}"#
            ),
        );
        assert!(
            jsonata
                .iter()
                .any(|(code, pointer, _)| *code == Code::PayloadTooLarge
                    && pointer == "/States/S/Assign/v"),
            "{jsonata:?}"
        );
    }

    #[test]
    fn number_lengths_are_the_lengths_of_the_printed_numbers() {
        for text in [
            "0",
            "7",
            "9",
            "10",
            "99",
            "100",
            "12345",
            "18446744073709551615",
            "-1",
            "-10",
            "-9223372036854775808",
            "2.5",
            "-0.125",
            "1e100",
        ] {
            let number: serde_json::Number = text.parse().expect("a number");
            assert_eq!(number_length(&number), number.to_string().len(), "{text}");
        }
    }
}
