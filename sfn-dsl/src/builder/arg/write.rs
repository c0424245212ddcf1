//! Writing an [`Arg`] as a payload field in the state's query language.

use super::{Arg, Unwritable, field_path, var_parts};
use crate::model::{
    DYNAMIC_KEY_SUFFIX, DynamicValue, JsonPath, Jsonata, Key, Payload, PayloadField, PayloadObject,
    QueryLanguage,
};

impl Arg {
    /// Writes the field `key` into `object` as `language` spells it, or says why it cannot.
    pub(crate) fn write(
        self,
        key: Key,
        language: QueryLanguage,
        object: &mut PayloadObject,
    ) -> Result<(), Unwritable> {
        let (key, field) = self.into_entry(key, language)?;
        object.insert_key(key, field);
        Ok(())
    }

    /// The field `key` as `language` spells it (`key.$` for dynamic JSONPath values), or why
    /// it cannot be written.
    pub(crate) fn into_entry(
        self,
        key: Key,
        language: QueryLanguage,
    ) -> Result<(Key, PayloadField), Unwritable> {
        let dynamic =
            |key: Key, value: DynamicValue| (dynamic_key(key), PayloadField::Dynamic(value));
        let path = |prefix: &str, rest: &str| {
            DynamicValue::Path(JsonPath::new(field_path::json_path(prefix, rest)))
        };
        let expression = |prefix: &str, rest: &str| {
            PayloadField::Value(Payload::Jsonata(Jsonata::new(field_path::jsonata(
                prefix, rest,
            ))))
        };
        let whole = |key: Key, root: &'static str| {
            (
                key,
                PayloadField::Value(Payload::Jsonata(Jsonata::new(format!(" {root} ")))),
            )
        };
        let entry = match (self, language) {
            (Self::Value(value), _) => (key, PayloadField::Value(value)),
            (Self::Object(fields), _) => (
                key,
                PayloadField::Value(Payload::Object(fields.write(language)?)),
            ),
            (Self::Array(items), _) => {
                let items = items
                    .into_iter()
                    .map(|item| item.into_item(language))
                    .collect::<Result<Vec<_>, _>>()?;
                (key, PayloadField::Value(Payload::Array(items)))
            }
            (
                Self::Input | Self::Result(None) | Self::ErrorOutput(None),
                QueryLanguage::JsonPath,
            ) => dynamic(key, DynamicValue::Path(JsonPath::from_static("$"))),
            (Self::Input, QueryLanguage::Jsonata) => (
                key,
                PayloadField::Value(Payload::Jsonata(Jsonata::from_static(" $states.input "))),
            ),
            (
                Self::InputField(field)
                | Self::Result(Some(field))
                | Self::ErrorOutput(Some(field)),
                QueryLanguage::JsonPath,
            ) => dynamic(key, path("$", &field)),
            (Self::InputField(field), QueryLanguage::Jsonata) => {
                (key, expression("$states.input.", &field))
            }
            (Self::Var(var), QueryLanguage::JsonPath) => match var_parts(&var) {
                (_, "") => (
                    dynamic_key(key),
                    PayloadField::Dynamic(DynamicValue::Path(JsonPath::new(concat("$", &var)))),
                ),
                // The fields below the variable, quoted as those of the input are.
                (name, fields) => dynamic(key, path(&concat("$", name), fields)),
            },
            (Self::Var(var), QueryLanguage::Jsonata) => match var_parts(&var) {
                (_, "") => (
                    key,
                    PayloadField::Value(Payload::Jsonata(Jsonata::new(format!(" ${var} ")))),
                ),
                (name, fields) => (key, expression(&format!("${name}."), fields)),
            },
            (Self::Context(field), QueryLanguage::JsonPath) => dynamic(key, path("$$", &field)),
            (Self::Context(field), QueryLanguage::Jsonata) => {
                (key, expression("$states.context.", &field))
            }
            (Self::Result(None), QueryLanguage::Jsonata) => whole(key, "$states.result"),
            (Self::Result(Some(field)), QueryLanguage::Jsonata) => {
                (key, expression("$states.result.", &field))
            }
            (Self::ErrorOutput(None), QueryLanguage::Jsonata) => whole(key, "$states.errorOutput"),
            (Self::ErrorOutput(Some(field)), QueryLanguage::Jsonata) => {
                (key, expression("$states.errorOutput.", &field))
            }
            (Self::Path(value), QueryLanguage::JsonPath) => dynamic(key, DynamicValue::Path(value)),
            (Self::Intrinsic(call), QueryLanguage::JsonPath) => {
                dynamic(key, DynamicValue::Intrinsic(call))
            }
            (Self::Jsonata(value), QueryLanguage::Jsonata) => {
                (key, PayloadField::Value(Payload::Jsonata(value)))
            }
            (Self::Path(_) | Self::Intrinsic(_), QueryLanguage::Jsonata) => {
                return Err(Unwritable::Needs(QueryLanguage::JsonPath));
            }
            (Self::Jsonata(_), QueryLanguage::JsonPath) => {
                return Err(Unwritable::Needs(QueryLanguage::Jsonata));
            }
            (Self::NonFinite(_), _) => return Err(Unwritable::NonFinite),
        };
        Ok(entry)
    }

    /// The value as an array item, where JSONPath cannot evaluate anything but objects.
    fn into_item(self, language: QueryLanguage) -> Result<Payload, Unwritable> {
        match (self, language) {
            (Self::Value(value), _) => Ok(value),
            (Self::NonFinite(_), _) => Err(Unwritable::NonFinite),
            (Self::Object(fields), _) => Ok(Payload::Object(fields.write(language)?)),
            (Self::Array(items), _) => items
                .into_iter()
                .map(|item| item.into_item(language))
                .collect::<Result<Vec<_>, _>>()
                .map(Payload::Array),
            (_, QueryLanguage::JsonPath) => Err(Unwritable::Needs(QueryLanguage::Jsonata)),
            (other, QueryLanguage::Jsonata) => {
                let mut object = PayloadObject::new();
                other.write(Key::Borrowed(""), language, &mut object)?;
                Ok(match object.remove("") {
                    Some(PayloadField::Value(value)) => value,
                    _ => Payload::Null,
                })
            }
        }
    }
}

/// `left` followed by `right`, allocated once.
fn concat(left: &str, right: &str) -> String {
    let mut text = String::with_capacity(left.len() + right.len());
    text.push_str(left);
    text.push_str(right);
    text
}

/// The key of a dynamic field: `key` with `.$` appended. The typed integrations' usual
/// dynamic keys are shared spellings; any other key is copied once, with room for the suffix.
fn dynamic_key(key: Key) -> Key {
    const SHARED: &[(&str, &str)] = &[("Payload", "Payload.$"), ("Input", "Input.$")];
    if let Key::Borrowed(name) = key
        && let Some((_, spelling)) = SHARED.iter().find(|(shared, _)| *shared == name)
    {
        return Key::Borrowed(spelling);
    }
    let mut written = match key {
        Key::Owned(written) => written,
        Key::Borrowed(name) => {
            let mut written = String::with_capacity(name.len() + DYNAMIC_KEY_SUFFIX.len());
            written.push_str(name);
            written
        }
    };
    written.push_str(DYNAMIC_KEY_SUFFIX);
    Key::Owned(written)
}
