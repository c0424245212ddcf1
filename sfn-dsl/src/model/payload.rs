//! Free-form JSON payloads with their dynamic parts recognised: payload templates
//! (`"key.$"` fields) in JSONPath states and `{% %}` expressions in JSONata states.

use serde_json::{Map, Number, Value};

use super::path::{DynamicValue, Jsonata};
use super::payload_fields::{Fields, Key};

/// The suffix that marks a payload-template key whose value is a path or intrinsic call.
pub const DYNAMIC_KEY_SUFFIX: &str = ".$";

/// A JSON value used as `Parameters`, `Arguments`, `Output`, `ResultSelector`,
/// `ItemSelector`, `BatchInput`, `Items` or an `Assign` value, with its dynamic parts typed:
/// strings of the form `{% … %}` are [`Payload::Jsonata`] and object keys ending in `.$` are
/// [`PayloadField::Dynamic`].
///
/// The classification is syntactic and lossless: which parts are evaluated depends on the
/// query language of the state (a `{% %}` string in a JSONPath state is an ordinary string,
/// and `.$` keys are not allowed in JSONata states; the validator reports the latter).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::model::{Payload, PayloadField};
///
/// let payload = Payload::from(json!({
///     "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:charge",
///     "Payload.$": "$.order",
///     "Total": "{% $states.input.total %}"
/// }));
/// let Payload::Object(fields) = &payload else { unreachable!() };
/// assert!(matches!(fields.get("Payload.$"), Some(PayloadField::Dynamic(_))));
/// assert!(matches!(fields.get("Total"), Some(PayloadField::Value(Payload::Jsonata(_)))));
/// assert_eq!(payload.to_json_value()["Payload.$"], "$.order");
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Payload {
    /// JSON `null`.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, kept exactly as parsed (`2` and `2.0` stay distinct).
    Number(Number),
    /// A string that is not a JSONata expression.
    String(String),
    /// A string of the form `{% … %}`.
    Jsonata(Jsonata),
    /// An array.
    Array(Vec<Payload>),
    /// An object.
    Object(PayloadObject),
}

/// The value of one field of a [`PayloadObject`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{DynamicValue, Payload, PayloadField, PayloadObject};
///
/// let mut object = PayloadObject::new();
/// object.insert("kind", Payload::from("order"));
/// object.insert_dynamic("id", DynamicValue::parse("$.orderId"));
/// assert!(matches!(object.get("kind"), Some(PayloadField::Value(Payload::String(_)))));
/// assert!(matches!(object.get("id.$"), Some(PayloadField::Dynamic(DynamicValue::Path(_)))));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum PayloadField {
    /// A field whose value is written as is.
    Value(Payload),
    /// A string value under a key ending in `.$`: a path or intrinsic call that JSONPath
    /// states evaluate (JSONata states treat it as a plain string).
    Dynamic(DynamicValue),
}

/// A JSON object inside a [`Payload`], in authoring order, keyed by the JSON key as
/// written (`"id.$"` for a dynamic field named `id`).
///
/// Keys are kept as written because their meaning depends on the query language: in a
/// JSONata state `"x.$"` is an ordinary key and may sit next to `"x"`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{DynamicValue, Payload, PayloadObject};
///
/// let mut object = PayloadObject::new();
/// object.insert("greeting", Payload::from("hello"));
/// object.insert_dynamic("id", DynamicValue::parse("$$.Execution.Id"));
/// let keys: Vec<&str> = object.iter().map(|(key, _)| key).collect();
/// assert_eq!(keys, ["greeting", "id.$"]);
/// let names: Vec<&str> = object.fields().map(|(name, _)| name).collect();
/// assert_eq!(names, ["greeting", "id"]);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PayloadObject {
    fields: Fields,
}

impl PayloadObject {
    /// An empty object.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::PayloadObject;
    ///
    /// let object = PayloadObject::new();
    /// assert!(object.is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the literal field `key`, replacing any field with the same key.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Payload, PayloadObject};
    ///
    /// let mut object = PayloadObject::new();
    /// object.insert("retries", Payload::from(3_i64));
    /// object.insert("retries", Payload::from(5_i64)); // replaces
    /// assert_eq!(Payload::Object(object).to_json_value(), serde_json::json!({"retries": 5}));
    /// ```
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Payload>) {
        self.fields
            .insert(Key::Owned(key.into()), PayloadField::Value(value.into()));
    }

    /// Sets the field `name` to a path or intrinsic call, written as `"name.$"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Payload, PayloadObject};
    ///
    /// let mut object = PayloadObject::new();
    /// object.insert_dynamic("id", "$.order.id");
    /// assert_eq!(Payload::Object(object).to_json_value(), serde_json::json!({"id.$": "$.order.id"}));
    /// ```
    pub fn insert_dynamic(&mut self, name: impl AsRef<str>, value: impl Into<DynamicValue>) {
        self.fields.insert(
            Key::Owned(format!("{}{DYNAMIC_KEY_SUFFIX}", name.as_ref())),
            PayloadField::Dynamic(value.into()),
        );
    }

    /// Sets a field under `key` exactly as written; returns the replaced field.
    ///
    /// A [`PayloadField::Dynamic`] belongs under a key ending in `.$`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{DynamicValue, Payload, PayloadField, PayloadObject};
    ///
    /// let mut object = PayloadObject::new();
    /// assert!(object.insert_field("now.$", PayloadField::Dynamic(DynamicValue::parse("$$.State.EnteredTime"))).is_none());
    /// let replaced = object.insert_field("now.$", PayloadField::Value(Payload::from("later")));
    /// assert!(matches!(replaced, Some(PayloadField::Dynamic(_))));
    /// ```
    pub fn insert_field(
        &mut self,
        key: impl Into<String>,
        field: PayloadField,
    ) -> Option<PayloadField> {
        self.fields.insert(Key::Owned(key.into()), field)
    }

    /// The field written under `key` (`"id.$"` for a dynamic field).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{PayloadField, PayloadObject};
    ///
    /// let mut object = PayloadObject::new();
    /// object.insert_dynamic("id", "$.id");
    /// assert!(matches!(object.get("id.$"), Some(PayloadField::Dynamic(_))));
    /// assert!(object.get("id").is_none()); // the key as written
    /// ```
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&PayloadField> {
        self.fields.get(key)
    }

    /// Removes and returns the field written under `key`, keeping the order of the others.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Payload, PayloadObject};
    ///
    /// let mut object = PayloadObject::new();
    /// object.insert("a", Payload::from(1_i64));
    /// object.insert("b", Payload::from(2_i64));
    /// assert!(object.remove("a").is_some());
    /// assert_eq!(object.iter().map(|(key, _)| key).collect::<Vec<_>>(), ["b"]);
    /// ```
    pub fn remove(&mut self, key: &str) -> Option<PayloadField> {
        self.fields.remove(key)
    }

    /// The fields with their keys as written, in authoring order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Payload, PayloadObject};
    ///
    /// let mut object = PayloadObject::new();
    /// object.insert("z", Payload::from(1_i64));
    /// object.insert_dynamic("a", "$.a");
    /// assert_eq!(object.iter().map(|(key, _)| key).collect::<Vec<_>>(), ["z", "a.$"]); // authoring order
    /// ```
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &PayloadField)> {
        self.fields.iter()
    }

    /// The fields with the names a JSONPath state gives them (`.$` removed from dynamic
    /// fields), in authoring order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Payload, PayloadObject};
    ///
    /// let mut object = PayloadObject::new();
    /// object.insert("literal", Payload::from(1_i64));
    /// object.insert_dynamic("id", "$.id");
    /// assert_eq!(object.fields().map(|(name, _)| name).collect::<Vec<_>>(), ["literal", "id"]);
    /// ```
    #[must_use]
    pub fn fields(&self) -> impl ExactSizeIterator<Item = (&str, &PayloadField)> {
        self.fields.iter().map(|(key, field)| {
            let name = match field {
                PayloadField::Dynamic(_) => key.strip_suffix(DYNAMIC_KEY_SUFFIX).unwrap_or(key),
                PayloadField::Value(_) => key,
            };
            (name, field)
        })
    }

    /// The number of fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Payload, PayloadObject};
    ///
    /// let mut object = PayloadObject::new();
    /// object.insert("id", Payload::from(1_i64));
    /// object.insert_dynamic("id", "$.id"); // `id.$` is another key
    /// assert_eq!(object.len(), 2);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the object has no fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Payload, PayloadObject};
    ///
    /// let mut object = PayloadObject::new();
    /// assert!(object.is_empty());
    /// object.insert("a", Payload::Null);
    /// assert!(!object.is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fields.len() == 0
    }
}

impl PayloadObject {
    /// An empty object with room for `capacity` fields.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            fields: Fields::with_capacity(capacity),
        }
    }

    /// The object of `entries`, in order (a repeated key keeps its first position and its
    /// last field).
    pub(crate) fn from_entries(entries: Vec<(Key, PayloadField)>) -> Self {
        Self {
            fields: Fields::from_entries(entries),
        }
    }

    /// Sets a field under `key` exactly as written, without copying a key known at compile
    /// time.
    pub(crate) fn insert_key(&mut self, key: Key, field: PayloadField) -> Option<PayloadField> {
        self.fields.insert(key, field)
    }
}

impl<K: Into<String>> FromIterator<(K, PayloadField)> for PayloadObject {
    fn from_iter<I: IntoIterator<Item = (K, PayloadField)>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut fields = Fields::with_capacity(iter.size_hint().0);
        for (key, field) in iter {
            fields.insert(Key::Owned(key.into()), field);
        }
        Self { fields }
    }
}

impl Payload {
    /// The payload as plain JSON, exactly as it is written in a definition.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::model::Payload;
    ///
    /// let payload = Payload::from(json!({"id.$": "$.id", "note": "{% $states.input.note %}", "n": [1, 2]}));
    /// assert_eq!(payload.to_json_value(), json!({"id.$": "$.id", "note": "{% $states.input.note %}", "n": [1, 2]}));
    /// ```
    #[must_use]
    pub fn to_json_value(&self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(value) => Value::Bool(*value),
            Self::Number(value) => Value::Number(value.clone()),
            Self::String(value) => Value::String(value.clone()),
            Self::Jsonata(expression) => Value::String(expression.to_template_string()),
            Self::Array(items) => Value::Array(items.iter().map(Self::to_json_value).collect()),
            Self::Object(object) => {
                let mut map = Map::with_capacity(object.len());
                for (key, field) in object.iter() {
                    let value = match field {
                        PayloadField::Value(value) => value.to_json_value(),
                        PayloadField::Dynamic(dynamic) => {
                            Value::String(dynamic.as_str().to_owned())
                        }
                    };
                    map.insert(key.to_owned(), value);
                }
                Value::Object(map)
            }
        }
    }

    /// The object, if the payload is one.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::model::Payload;
    ///
    /// assert_eq!(Payload::from(json!({"a": 1})).as_object().map(|object| object.len()), Some(1));
    /// assert!(Payload::from(json!([1])).as_object().is_none());
    /// ```
    #[must_use]
    pub fn as_object(&self) -> Option<&PayloadObject> {
        match self {
            Self::Object(object) => Some(object),
            _ => None,
        }
    }

    /// Whether any part of the payload is evaluated at run time (a `.$` field or a
    /// `{% %}` expression).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::model::Payload;
    ///
    /// assert!(Payload::from(json!({"items": [{"id.$": "$.id"}]})).is_dynamic());
    /// assert!(Payload::from(json!("{% $now() %}")).is_dynamic());
    /// assert!(!Payload::from(json!({"id": "$.id"})).is_dynamic()); // no `.$`: a plain string
    /// ```
    #[must_use]
    pub fn is_dynamic(&self) -> bool {
        match self {
            Self::Jsonata(_) => true,
            Self::Array(items) => items.iter().any(Self::is_dynamic),
            Self::Object(object) => object.iter().any(|(_, field)| match field {
                PayloadField::Dynamic(_) => true,
                PayloadField::Value(value) => value.is_dynamic(),
            }),
            _ => false,
        }
    }
}

impl From<Value> for Payload {
    /// Classifies plain JSON: `{% %}` strings become expressions and string values under
    /// keys ending in `.$` become dynamic fields. A non-string value under a `.$` key is
    /// kept as a literal (the validator reports it in JSONPath states).
    fn from(value: Value) -> Self {
        match value {
            Value::Null => Self::Null,
            Value::Bool(value) => Self::Bool(value),
            Value::Number(value) => Self::Number(value),
            Value::String(text) => match Jsonata::from_template_string(&text) {
                Some(expression) => Self::Jsonata(expression),
                None => Self::String(text),
            },
            Value::Array(items) => Self::Array(items.into_iter().map(Self::from).collect()),
            Value::Object(map) => Self::Object(
                map.into_iter()
                    .map(|(key, value)| match value {
                        Value::String(text) if key.ends_with(DYNAMIC_KEY_SUFFIX) => {
                            (key, PayloadField::Dynamic(DynamicValue::parse_owned(text)))
                        }
                        value => (key, PayloadField::Value(Self::from(value))),
                    })
                    .collect(),
            ),
        }
    }
}

impl From<&str> for Payload {
    fn from(value: &str) -> Self {
        Self::from(Value::String(value.to_owned()))
    }
}

impl From<String> for Payload {
    fn from(value: String) -> Self {
        Self::from(Value::String(value))
    }
}

impl From<bool> for Payload {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}

/// So that an integer literal, which Rust types as `i32` when nothing else decides, is a
/// payload as it is an [`Arg`](crate::builder::Arg).
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::Payload;
/// use sfn_dsl::prelude::*;
///
/// assert_eq!(Payload::from(3), Payload::from(3_i64));
/// let machine = StateMachine::builder()
///     .start(TaskState::call("Score", lambda::Invoke::function("score").payload(Arg::value(1))))
///     .build()?;
/// assert_eq!(machine.to_value()["States"]["Score"]["Parameters"]["Payload"], 1);
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
impl From<i32> for Payload {
    fn from(value: i32) -> Self {
        Self::Number(value.into())
    }
}

impl From<i64> for Payload {
    fn from(value: i64) -> Self {
        Self::Number(value.into())
    }
}

impl From<u64> for Payload {
    fn from(value: u64) -> Self {
        Self::Number(value.into())
    }
}

impl From<Jsonata> for Payload {
    fn from(value: Jsonata) -> Self {
        Self::Jsonata(value)
    }
}

impl From<PayloadObject> for Payload {
    fn from(value: PayloadObject) -> Self {
        Self::Object(value)
    }
}

impl From<&Payload> for Value {
    fn from(payload: &Payload) -> Self {
        payload.to_json_value()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Payload, PayloadField};

    #[test]
    fn json_round_trips_through_payload() {
        let value = json!({
            "a.$": "$.x",
            "a": "literal next to a dynamic twin",
            "b": ["{% 1 %}", {"c.$": "States.UUID()"}, 2.0, null, true],
            "d.$": 5
        });
        let payload = Payload::from(value.clone());
        assert_eq!(payload.to_json_value(), value);
        let object = payload.as_object().expect("object");
        assert!(matches!(object.get("d.$"), Some(PayloadField::Value(_))));
        assert!(payload.is_dynamic());
    }

    #[test]
    fn whitespace_around_markers_is_a_literal() {
        assert_eq!(
            Payload::from(" {% 1 %}"),
            Payload::String(" {% 1 %}".to_owned())
        );
        assert!(!Payload::from(json!({"a": "x"})).is_dynamic());
    }
}
