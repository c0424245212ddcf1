//! The response shapes of the services' APIs, for AWS SDK integrations
//! (`arn:aws:states:::aws-sdk:s3:getObject`) and the optimized integrations that return the
//! API's output as it is, read from the trimmed copies of the models in `sfn-local/data/aws-sdk/`
//! (botocore's models, Apache-2.0; see the README there), as AWS's `TestState` checks a
//! mocked result against them: required members, JSON types, enum values, the length of
//! strings and blobs, and the range of numbers. Keys are the model's member names with
//! their first letter upper-cased, as Step Functions returns them; timestamps and blobs
//! are strings. The sizes of lists and maps are not checked (nothing AWS recorded shows
//! that it does).
//!
//! A model is parsed the first time a mock of its service is checked.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

use super::FieldValidation;

/// The vendored models, by the service name of the `aws-sdk:` resource.
const MODELS: &[(&str, &str)] = &[
    ("athena", include_str!("../../../data/aws-sdk/athena.json")),
    (
        "bedrockruntime",
        include_str!("../../../data/aws-sdk/bedrockruntime.json"),
    ),
    (
        "dynamodb",
        include_str!("../../../data/aws-sdk/dynamodb.json"),
    ),
    ("ecs", include_str!("../../../data/aws-sdk/ecs.json")),
    (
        "eventbridge",
        include_str!("../../../data/aws-sdk/eventbridge.json"),
    ),
    ("glue", include_str!("../../../data/aws-sdk/glue.json")),
    ("kms", include_str!("../../../data/aws-sdk/kms.json")),
    ("lambda", include_str!("../../../data/aws-sdk/lambda.json")),
    ("s3", include_str!("../../../data/aws-sdk/s3.json")),
    (
        "secretsmanager",
        include_str!("../../../data/aws-sdk/secretsmanager.json"),
    ),
    ("sfn", include_str!("../../../data/aws-sdk/sfn.json")),
    ("sns", include_str!("../../../data/aws-sdk/sns.json")),
    ("sqs", include_str!("../../../data/aws-sdk/sqs.json")),
    ("ssm", include_str!("../../../data/aws-sdk/ssm.json")),
];

/// How deep into a mocked result the check goes: the API models nest far less, and a
/// recursive shape (a DynamoDB attribute value) is not followed further.
const MAX_DEPTH: usize = 128;

/// One service's output shapes.
#[derive(Debug, Deserialize)]
struct Model {
    /// The output shape of each action.
    operations: HashMap<String, String>,
    shapes: HashMap<String, ShapeDef>,
}

/// A shape of the model, as the trimmed files write it.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum ShapeDef {
    Structure {
        #[serde(default)]
        members: BTreeMap<String, String>,
        #[serde(default)]
        required: Vec<String>,
    },
    List {
        member: String,
    },
    Map {
        value: String,
    },
    String {
        #[serde(default, rename = "enum")]
        values: Vec<String>,
        min: Option<f64>,
        max: Option<f64>,
    },
    Blob {
        min: Option<f64>,
        max: Option<f64>,
    },
    Boolean,
    #[serde(alias = "long", alias = "float", alias = "double")]
    Integer {
        min: Option<f64>,
        max: Option<f64>,
    },
    Timestamp,
    Document,
}

/// The parsed model of `service`, if one is vendored (and reads, which a test checks).
fn model(service: &str) -> Option<&'static Model> {
    static PARSED: OnceLock<Vec<OnceLock<Option<Model>>>> = OnceLock::new();
    let index = MODELS.iter().position(|(name, _)| *name == service)?;
    let slots = PARSED.get_or_init(|| MODELS.iter().map(|_| OnceLock::new()).collect());
    let text = MODELS.get(index)?.1;
    slots
        .get(index)?
        .get_or_init(|| serde_json::from_str(text).ok())
        .as_ref()
}

/// Checks a mocked `result` of the AWS SDK action `service:action`; `None` when no model
/// of it is vendored (the mock is then taken as it is).
pub(super) fn check(
    service: &str,
    action: &str,
    result: &Value,
    mode: FieldValidation,
) -> Option<Result<(), String>> {
    let model = model(service)?;
    let output = model.operations.get(action)?;
    let checker = Checker { model, mode };
    Some(match model.shapes.get(output) {
        Some(ShapeDef::Structure { members, required }) => match result {
            Value::Object(fields) => checker.members(members, required, fields, 0),
            _ => Err("the result must be a JSON object".to_owned()),
        },
        _ => Ok(()),
    })
}

struct Checker {
    model: &'static Model,
    mode: FieldValidation,
}

/// A member's key as Step Functions writes it: the model's name, first letter upper-cased.
fn key(member: &str) -> String {
    let mut chars = member.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

impl Checker {
    fn members(
        &self,
        members: &BTreeMap<String, String>,
        required: &[String],
        fields: &serde_json::Map<String, Value>,
        depth: usize,
    ) -> Result<(), String> {
        if self.mode == FieldValidation::Strict {
            for member in required {
                let name = key(member);
                if !fields.contains_key(&name) {
                    return Err(format!("Required field '{name}' is missing"));
                }
            }
        }
        for (member, shape) in members {
            let name = key(member);
            if let Some(value) = fields.get(&name) {
                self.value(&name, shape, value, depth + 1)?;
            }
        }
        Ok(())
    }

    /// Checks `value`, the field `name`, against the shape named `shape`.
    fn value(&self, name: &str, shape: &str, value: &Value, depth: usize) -> Result<(), String> {
        let Some(definition) = self.model.shapes.get(shape) else {
            return Ok(());
        };
        if depth > MAX_DEPTH {
            return Ok(());
        }
        match (definition, value) {
            (ShapeDef::Structure { members, required }, Value::Object(fields)) => {
                self.members(members, required, fields, depth)
            }
            (ShapeDef::List { member }, Value::Array(items)) => items
                .iter()
                .try_for_each(|item| self.value(name, member, item, depth + 1)),
            (ShapeDef::Map { value: values }, Value::Object(entries)) => entries
                .values()
                .try_for_each(|entry| self.value(name, values, entry, depth + 1)),
            (ShapeDef::String { values, min, max }, Value::String(text)) => {
                if !values.is_empty() && !values.contains(text) {
                    return Err(format!("Field '{name}' is not an expected value"));
                }
                length(name, text, *min, *max)
            }
            (ShapeDef::Blob { min, max }, Value::String(text)) => length(name, text, *min, *max),
            (ShapeDef::Integer { min, max }, Value::Number(number)) => {
                let number = number.as_f64().unwrap_or(0.0);
                if min.is_some_and(|min| number < min) {
                    return Err(format!("Field '{name}' is less than the minimum value"));
                }
                if max.is_some_and(|max| number > max) {
                    return Err(format!("Field '{name}' exceeds the maximum value"));
                }
                Ok(())
            }
            (ShapeDef::Boolean, Value::Bool(_))
            | (ShapeDef::Timestamp, Value::String(_))
            | (ShapeDef::Document, _) => Ok(()),
            (ShapeDef::Structure { .. } | ShapeDef::Map { .. }, _) => {
                Err(format!("Field '{name}' must be an object"))
            }
            (ShapeDef::List { .. }, _) => Err(format!("Field '{name}' must be an array")),
            (ShapeDef::String { .. } | ShapeDef::Blob { .. } | ShapeDef::Timestamp, _) => {
                Err(format!("Field '{name}' must be a string"))
            }
            (ShapeDef::Integer { .. }, _) => Err(format!("Field '{name}' must be a number")),
            (ShapeDef::Boolean, _) => Err(format!("Field '{name}' must be a boolean")),
        }
    }
}

/// Checks the length of a string or blob, in characters.
fn length(name: &str, text: &str, min: Option<f64>, max: Option<f64>) -> Result<(), String> {
    let count = text.chars().count();
    #[expect(
        clippy::cast_precision_loss,
        reason = "a string is far shorter than 2^53 characters"
    )]
    let count = count as f64;
    if min.is_some_and(|min| count < min) {
        return Err(format!("Field '{name}' is smaller than the minimum length"));
    }
    if max.is_some_and(|max| count > max) {
        return Err(format!("Field '{name}' exceeds the maximum length"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{FieldValidation, MODELS, check, model};

    #[test]
    fn every_vendored_model_reads_and_names_its_output_shapes() {
        for (service, _) in MODELS {
            let model = model(service).unwrap_or_else(|| panic!("{service} reads"));
            assert!(!model.operations.is_empty(), "{service}");
            for (action, output) in &model.operations {
                assert!(
                    model.shapes.contains_key(output),
                    "{service}:{action} names a missing shape {output}"
                );
            }
        }
    }

    #[test]
    fn types_enums_lengths_and_ranges_are_checked() {
        let strict = FieldValidation::Strict;
        let refused = |service, action, result: serde_json::Value| {
            check(service, action, &result, strict).and_then(Result::err)
        };
        assert_eq!(
            refused("s3", "getObject", json!({"StorageClass": "Papyrus"})).as_deref(),
            Some("Field 'StorageClass' is not an expected value")
        );
        assert_eq!(
            refused("s3", "getObject", json!({"ContentLength": "9"})).as_deref(),
            Some("Field 'ContentLength' must be a number")
        );
        assert_eq!(
            refused("kms", "encrypt", json!({"CiphertextBlob": ""})).as_deref(),
            Some("Field 'CiphertextBlob' is smaller than the minimum length")
        );
        assert_eq!(
            refused(
                "lambda",
                "getFunction",
                json!({"Configuration": {"MemorySize": 127}})
            )
            .as_deref(),
            Some("Field 'MemorySize' is less than the minimum value")
        );
        assert_eq!(
            refused(
                "s3",
                "getObject",
                json!({"StorageClass": "STANDARD", "Body": "x",
                "LastModified": "2024-01-01T00:00:00Z", "Other": [1]})
            ),
            None
        );
        // Unknown services and actions are taken as they are.
        assert_eq!(check("nosuchservice", "get", &json!(1), strict), None);
        assert_eq!(check("s3", "noSuchAction", &json!(1), strict), None);
    }
}
