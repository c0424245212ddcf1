//! Values that are wrong whatever the state reads: [`Malformed`], found by `build()`
//! before a request is written.

use super::{Arg, field_path};
use crate::error::BuildIssueKind;
use crate::model::{DYNAMIC_KEY_SUFFIX, Payload, PayloadField, QueryLanguage};

/// What is wrong with a request field, borrowed from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Malformed<'a> {
    /// [`Arg::var`] with a name no `Assign` can set (`""`, `"$"`, `"1st"`): in JSONPath
    /// `Arg::var("")` would be `$`, the whole input.
    VariableName { name: &'a str, problem: String },
    /// A field path (of [`Arg::input_field`] and the like) that JSONPath and JSONata
    /// cannot read alike.
    FieldPath {
        path: &'a str,
        problem: &'static str,
    },
    /// A `key.$` whose value is not a path or an intrinsic call as a string, which AWS
    /// refuses in a JSONPath state (ASL payload templates).
    TemplateValue { key: &'a str },
    /// A `key.$` in a JSONata state, which sends the key as written.
    TemplateKey { key: &'a str },
}

impl Malformed<'_> {
    /// The kind of build issue.
    pub(crate) fn kind(&self) -> BuildIssueKind {
        match self {
            Self::TemplateKey { .. } => BuildIssueKind::QueryLanguageMismatch,
            _ => BuildIssueKind::InvalidValue,
        }
    }

    /// What is wrong, after "`field` of state `name` ".
    pub(crate) fn reason(&self) -> String {
        match self {
            Self::VariableName { name: "", .. } => {
                "reads a variable with an empty name (in JSONPath, `$` is the whole input)"
                    .to_owned()
            }
            Self::VariableName { name, problem } => {
                format!("reads the variable `{name}`, which is not a variable name: {problem}")
            }
            Self::FieldPath { path, problem } => {
                format!("reads the field path `{path}`, which {problem}")
            }
            Self::TemplateValue { key } => format!(
                "has the key `{key}`, whose value must be a string holding a path or an intrinsic call"
            ),
            Self::TemplateKey { key } => format!(
                "has the key `{key}`, a JSONPath template key that a JSONata state sends as written"
            ),
        }
    }

    /// What to do instead.
    pub(crate) fn hint(&self) -> &'static str {
        match self {
            Self::VariableName { .. } => {
                "a variable name is a letter or `_` followed by letters, digits, combining marks or `_` (Unicode identifier rules), such as `Arg::var(\"total\")`"
            }
            Self::FieldPath { .. } => {
                "write dotted names and array indices (`items[0].sku`, `[0]` for an array input); for anything else use `Arg::path(\"$.items[*].id\")` in JSONPath or `Arg::jsonata(...)` in JSONata"
            }
            Self::TemplateValue { .. } => {
                "drop the `.$` to send the value as it is, or give the key a path or an intrinsic call as a string"
            }
            Self::TemplateKey { .. } => {
                "drop the `.$`, and write the value with `Arg::input_field(...)` or `Arg::jsonata(...)`"
            }
        }
    }
}

/// What is wrong with the field `key` holding `arg` in a state of `language`, if anything
/// is.
pub(crate) fn entry<'a>(
    key: &'a str,
    arg: &'a Arg,
    language: QueryLanguage,
) -> Option<Malformed<'a>> {
    // A key keeps its `.$` only when its value is not a string (`Request::field` turns
    // `"key.$": "$.path"` into a path under `key`).
    if key.ends_with(DYNAMIC_KEY_SUFFIX) {
        return Some(match language {
            QueryLanguage::JsonPath => Malformed::TemplateValue { key },
            QueryLanguage::Jsonata => Malformed::TemplateKey { key },
        });
    }
    value(arg, language)
}

/// What is wrong with `arg` itself, if anything is.
pub(crate) fn value(arg: &Arg, language: QueryLanguage) -> Option<Malformed<'_>> {
    match arg {
        Arg::Var(path) => {
            let (name, _) = super::var_parts(path);
            if let Some(problem) = crate::validate::variable_name_problem(name) {
                return Some(Malformed::VariableName { name, problem });
            }
            // Anything after the name is judged with the name, as `Arg::input_field`'s
            // path is: the fields alone would hide the empty segment of `x.` and the
            // nameless index of `x.[0]` (which would be written `$x.` and `$x[0]`).
            (path.len() > name.len())
                .then(|| field_path::problem(path))
                .flatten()
                .map(|problem| Malformed::FieldPath { path, problem })
        }
        Arg::InputField(path)
        | Arg::Context(path)
        | Arg::Result(Some(path))
        | Arg::ErrorOutput(Some(path)) => {
            field_path::problem(path).map(|problem| Malformed::FieldPath { path, problem })
        }
        Arg::Object(fields) => fields
            .fields
            .iter()
            .find_map(|field| entry(&field.key, &field.arg, language)),
        Arg::Array(items) => items.iter().find_map(|item| value(item, language)),
        Arg::Value(payload) => payload_template(payload, language),
        _ => None,
    }
}

/// A `key.$` that holds no string in a JSON value: a JSONata state sends every `key.$` as
/// written, and one with a string is reported as JSONPath by [`Arg::mismatch`].
fn payload_template(payload: &Payload, language: QueryLanguage) -> Option<Malformed<'_>> {
    match payload {
        Payload::Object(object) => object.iter().find_map(|(key, field)| match field {
            PayloadField::Value(_) if key.ends_with(DYNAMIC_KEY_SUFFIX) => Some(match language {
                QueryLanguage::JsonPath => Malformed::TemplateValue { key },
                QueryLanguage::Jsonata => Malformed::TemplateKey { key },
            }),
            PayloadField::Value(value) => payload_template(value, language),
            PayloadField::Dynamic(_) => None,
        }),
        Payload::Array(items) => items
            .iter()
            .find_map(|item| payload_template(item, language)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Malformed, entry, value};
    use crate::builder::arg::{Arg, Request};
    use crate::model::QueryLanguage::{JsonPath, Jsonata};

    #[test]
    fn variables_need_a_name() {
        for language in [JsonPath, Jsonata] {
            for empty in [Arg::var(""), Arg::var("$")] {
                assert!(
                    matches!(
                        value(&empty, language),
                        Some(Malformed::VariableName { name: "", .. })
                    ),
                    "{empty:?}"
                );
            }
            assert!(matches!(
                value(&Arg::var("1st.x"), language),
                Some(Malformed::VariableName { name: "1st", .. })
            ));
            assert_eq!(value(&Arg::var("cfg.name"), language), None);
            assert_eq!(value(&Arg::var("rows[0].id"), language), None);
            // The variable's field path is judged as `Arg::input_field`'s.
            for path in ["x.", "x.[0]", "x..y", "x[*]"] {
                assert_eq!(
                    value(&Arg::var(path), language),
                    value(&Arg::input_field(path), language),
                    "{path:?}"
                );
                assert!(
                    matches!(
                        value(&Arg::var(path), language),
                        Some(Malformed::FieldPath { .. })
                    ),
                    "{path:?}"
                );
            }
            assert_eq!(value(&Arg::var("$total"), language), None);
        }
    }

    #[test]
    fn field_paths_with_empty_segments_or_other_brackets_are_malformed() {
        for path in [
            "",
            "$.",
            "a..b",
            "a.",
            ".a",
            "a.[0]",
            "items[*].id",
            "items[-1]",
            "a['b']",
            "a[1:2]",
        ] {
            assert!(
                matches!(
                    value(&Arg::input_field(path), JsonPath),
                    Some(Malformed::FieldPath { .. })
                ),
                "{path:?}"
            );
            assert!(
                matches!(
                    value(&Arg::context(path), Jsonata),
                    Some(Malformed::FieldPath { .. })
                ),
                "{path:?}"
            );
        }
        for path in [
            "a",
            "items[0].sku",
            "[0]",
            "$[0].a",
            "[1][0]",
            "unit price[2]",
        ] {
            assert_eq!(value(&Arg::input_field(path), JsonPath), None, "{path:?}");
        }
    }

    #[test]
    fn a_template_key_without_a_string_is_malformed_at_any_depth() {
        let five = Arg::from(5);
        assert_eq!(
            entry("Payload.$", &five, JsonPath),
            Some(Malformed::TemplateValue { key: "Payload.$" })
        );
        assert_eq!(
            entry("Payload.$", &five, Jsonata),
            Some(Malformed::TemplateKey { key: "Payload.$" })
        );
        let nested = Arg::object(Request::new().field(
            "inner",
            Arg::array([Arg::object(Request::new().field("n.$", json!([1])))]),
        ));
        assert_eq!(
            value(&nested, JsonPath),
            Some(Malformed::TemplateValue { key: "n.$" })
        );
        let literal = Arg::value(json!({"a": {"b.$": true}}));
        assert_eq!(
            value(&literal, JsonPath),
            Some(Malformed::TemplateValue { key: "b.$" })
        );
        // A string is a path (or intrinsic call) under the key without `.$`.
        assert_eq!(value(&Arg::value(json!({"b.$": "$.x"})), JsonPath), None);
    }
}
