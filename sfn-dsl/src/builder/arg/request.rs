//! The ordered field list of a task request: [`Request`].

use std::fmt;

use super::{Arg, Unwritable};
use crate::model::Key;
use crate::model::{DynamicValue, Payload, PayloadField, PayloadObject, QueryLanguage};

/// The fields of a request, in order, with values written per query language when the
/// machine is built.
///
/// A task's request becomes its `Parameters` in a JSONPath state and its `Arguments` in a
/// JSONata state. Typed integrations such as [`lambda::Invoke`](super::super::lambda::Invoke)
/// produce one; implement [`Integration`](super::super::Integration) to add your own.
///
/// # Examples
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let request = Request::new().field("Bucket", "my-bucket").field("Key", Arg::input_field("key"));
/// assert_eq!(request.len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Request {
    pub(super) fields: Vec<Entry>,
}

/// One field of a [`Request`]: its key and value, padded to the size of a field of a
/// [`PayloadObject`], so that writing a request collects its vector into the object's in
/// place (one heap block per request instead of two).
#[derive(Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) key: Key,
    pub(crate) arg: Arg,
    room: [u8; ROOM],
}

/// The bytes a payload object's field takes beyond a request's key and value (a dynamic
/// value does not fit beside a payload's tag, so [`PayloadField`] is larger than [`Arg`]).
const ROOM: usize = size_of::<(Key, PayloadField)>().saturating_sub(size_of::<(Key, Arg)>());

impl Entry {
    fn new(key: Key, arg: Arg) -> Self {
        Self {
            key,
            arg,
            room: [0; ROOM],
        }
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As the `(key, value)` pair it stands for.
        formatter
            .debug_tuple("")
            .field(&self.key)
            .field(&self.arg)
            .finish()
    }
}

impl Request {
    /// No fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let request = Request::new();
    /// assert!(request.is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// No fields, with room for `capacity` of them: a typed integration that knows how many
    /// fields it sets gets a block of exactly that size (which becomes its payload's).
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            fields: Vec::with_capacity(capacity),
        }
    }

    /// Adds the field `key`, replacing an earlier field of the same key in place. A key
    /// ending in `.$` with a string (`"Payload.$", "$.order"`) is the path or intrinsic
    /// call under `Payload`; with any other value it is a build error.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let request = Request::new()
    ///     .field("Bucket", "reports")
    ///     .field("Key", Arg::input_field("key"))
    ///     .field("Bucket", "archive");
    /// let keys: Vec<&str> = request.iter().map(|(key, _)| key).collect();
    /// assert_eq!(keys, ["Bucket", "Key"]);
    /// assert_eq!(request.iter().next().map(|(_, arg)| arg), Some(&Arg::value("archive")));
    /// ```
    #[must_use]
    pub fn field(mut self, key: impl Into<String>, value: impl Into<Arg>) -> Self {
        self.set(key, value);
        self
    }

    /// Sets the field `key`, replacing an earlier field of the same key in place.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let mut request = Request::new();
    /// request.set("Limit", 10);
    /// request.set("Limit", 20);
    /// assert_eq!(request.len(), 1);
    /// assert_eq!(request.iter().next(), Some(("Limit", &Arg::from(20))));
    /// ```
    pub fn set(&mut self, key: impl Into<String>, value: impl Into<Arg>) {
        let (key, value) = path_template(key.into(), value.into());
        self.set_key(Key::Owned(key), value);
    }

    /// [`Request::field`] with a key known at compile time, held without copying it.
    pub(crate) fn field_static(mut self, key: &'static str, value: impl Into<Arg>) -> Self {
        self.set_key(Key::Borrowed(key), value.into());
        self
    }

    /// [`Request::set`] with a key known at compile time, held without copying it.
    pub(crate) fn set_static(&mut self, key: &'static str, value: impl Into<Arg>) {
        self.set_key(Key::Borrowed(key), value.into());
    }

    fn set_key(&mut self, key: Key, value: Arg) {
        match self.fields.iter_mut().find(|entry| entry.key == key) {
            Some(entry) => entry.arg = value,
            None => self.fields.push(Entry::new(key, value)),
        }
    }

    /// The fields in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let request = Request::new().field("A", 1).field("B", Arg::input());
    /// let fields: Vec<(&str, &Arg)> = request.iter().collect();
    /// assert_eq!(fields, [("A", &Arg::from(1)), ("B", &Arg::input())]);
    /// ```
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Arg)> {
        self.fields.iter().map(|entry| (&*entry.key, &entry.arg))
    }

    /// The number of fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let request = Request::new().field("A", 1).field("B", 2).field("A", 3);
    /// assert_eq!(request.len(), 2);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether there are no fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// assert!(Request::new().is_empty());
    /// assert!(!Request::new().field("A", 1).is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The fields as an object in `language`, or why a field cannot be written.
    pub(crate) fn write(self, language: QueryLanguage) -> Result<PayloadObject, Unwritable> {
        // Collected in place: the request's vector becomes the object's.
        self.fields
            .into_iter()
            .map(|entry| entry.arg.into_entry(entry.key, language))
            .collect::<Result<Vec<_>, _>>()
            .map(PayloadObject::from_entries)
    }

    /// The fields, by value.
    pub(crate) fn into_fields(self) -> Vec<Entry> {
        self.fields
    }
}

/// A key ending in `.$` with a string is a JSONPath template (`"Payload.$": "$.order"`), and
/// AWS reads it so: it becomes the path (or intrinsic call) under the key without `.$`, so
/// that the built machine, the validator and the local executor mean what AWS will do (and
/// a JSONata state reports it as JSONPath). A path or call given as an [`Arg`] means the
/// same. Any other value keeps its `.$` key, for `build()` to report: AWS refuses it.
fn path_template(key: String, value: Arg) -> (String, Arg) {
    match (key.strip_suffix(".$"), value) {
        (Some(name), Arg::Value(Payload::String(text))) => {
            let arg = match DynamicValue::parse_owned(text) {
                DynamicValue::Path(path) => Arg::Path(path),
                DynamicValue::Intrinsic(call) => Arg::Intrinsic(call),
            };
            (name.to_owned(), arg)
        }
        (Some(name), value @ (Arg::Path(_) | Arg::Intrinsic(_))) => (name.to_owned(), value),
        (_, value) => (key, value),
    }
}

impl From<Request> for Arg {
    fn from(fields: Request) -> Self {
        Self::Object(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::{Arg, Entry, Request};
    use crate::model::{Key, PayloadField, QueryLanguage};

    #[test]
    fn request_fields_keep_their_first_position() {
        let mut request = Request::new().field("A", 1).field("B", 2);
        request.set("A", 3);
        request.set("C", 4);
        let keys: Vec<_> = request
            .iter()
            .map(|(key, arg)| (key.to_owned(), arg.clone()))
            .collect();
        assert_eq!(
            keys,
            [
                ("A".to_owned(), Arg::from(3)),
                ("B".to_owned(), Arg::from(2)),
                ("C".to_owned(), Arg::from(4))
            ]
        );
    }

    #[test]
    fn a_written_request_keeps_its_heap_block() {
        // Equal sizes and alignments are what lets `write` collect in place.
        assert_eq!(size_of::<Entry>(), size_of::<(Key, PayloadField)>());
        assert_eq!(align_of::<Entry>(), align_of::<(Key, PayloadField)>());
        let request = Request::with_capacity(2)
            .field("FunctionName", "worker")
            .field("Payload", Arg::input());
        let block = request.fields.as_ptr_range();
        let block = block.start.addr()..block.end.addr();
        let object = request.write(QueryLanguage::JsonPath).expect("writes");
        let keys: Vec<&str> = object.iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["FunctionName", "Payload.$"]);
        // The object's fields live in the request's block.
        assert!(
            object
                .iter()
                .all(|(_, field)| block.contains(&std::ptr::from_ref(field).addr()))
        );
    }
}
