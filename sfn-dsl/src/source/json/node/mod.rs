//! The parsed tree as a flat tape: one small entry per value and per key, in document order,
//! with strings left in the source text (unescaped only when asked for). [`Node`] is a view
//! of one entry.

mod entry;
mod field;
mod lookup;
mod number;

use std::borrow::Cow;
use std::fmt;

use serde_json::{Number, Value};

use crate::source::{Document, Span};
use field::Field;
use number::number;

pub(crate) use entry::{Entry, Kind, NEXT_BITS, signature};
pub(crate) use field::FieldIndex;
pub(crate) use lookup::MemberIndexes;

/// A JSON value of a [`Document`], with the span it occupies in the source.
///
/// A node is a small copyable view into the document: its value is read from the source
/// text when asked for, strings without escapes are borrowed, not copied.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::{Document, NodeValue};
///
/// let document = Document::parse(r#"{"Next": "Done", "Retry": [1, 2]}"#)?;
/// let members = document.root().as_object().expect("an object");
/// let next = members.get("Next").expect("present");
/// assert_eq!(next.as_str().as_deref(), Some("Done"));
/// assert_eq!((next.span().start, next.span().end), (9, 15));
/// let NodeValue::Array(items) = members.get("Retry").expect("present").value() else {
///     unreachable!("an array")
/// };
/// assert_eq!(items.len(), 2);
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Node<'a> {
    document: &'a Document,
    index: u32,
}

/// The value of a [`Node`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::{Document, NodeValue};
///
/// let document = Document::parse(r#"{"Seconds": 30, "End": true, "Comment": null}"#)?;
/// let Some(members) = document.root().as_object() else { panic!("an object") };
/// let described: Vec<String> = members
///     .iter()
///     .map(|member| match member.value.value() {
///         NodeValue::Number(number) => format!("{} = {number}", member.key),
///         NodeValue::Bool(flag) => format!("{} = {flag}", member.key),
///         other => format!("{} is {}", member.key, other.describe()),
///     })
///     .collect();
/// assert_eq!(described, ["Seconds = 30", "End = true", "Comment is null"]);
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as `serde_json` would parse it.
    Number(Number),
    /// A string, unescaped (borrowed from the source text when it has no escapes).
    String(Cow<'a, str>),
    /// An array.
    Array(Items<'a>),
    /// An object, members in source order.
    Object(Members<'a>),
}

/// The items of an array [`Node`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::{Document, NodeValue};
///
/// let document = Document::parse(r#"{"ErrorEquals": ["States.Timeout", "States.TaskFailed"]}"#)?;
/// let Some(errors) = document.node_at("/ErrorEquals") else { panic!("present") };
/// let NodeValue::Array(items) = errors.value() else { panic!("an array") };
/// assert_eq!(items.len(), 2);
/// let names: Vec<_> = items.iter().filter_map(|item| item.as_str()).collect();
/// assert_eq!(names, ["States.Timeout", "States.TaskFailed"]);
/// assert_eq!(items.get(1).map(|item| item.span().start), Some(35));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Items<'a> {
    node: Node<'a>,
    count: u32,
}

/// The members of an object [`Node`], in source order.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::Document;
///
/// let document = Document::parse(r#"{"Type": "Wait", "Seconds": 5, "Next": "Poll"}"#)?;
/// let Some(members) = document.root().as_object() else { panic!("an object") };
/// assert_eq!(members.len(), 3);
/// let keys: Vec<_> = members.iter().map(|member| member.key).collect();
/// assert_eq!(keys, ["Type", "Seconds", "Next"]);
/// assert_eq!(members.get("Next").and_then(|node| node.as_str()).as_deref(), Some("Poll"));
/// assert!(members.get("End").is_none());
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Members<'a> {
    node: Node<'a>,
    count: u32,
}

/// One `"key": value` member of an object.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::{Document, Span};
///
/// let text = r#"{"Type": "Pass", "Nxt": "Done"}"#;
/// let document = Document::parse(text)?;
/// let Some(members) = document.root().as_object() else { panic!("an object") };
/// let Some(member) = members.iter().find(|member| member.key == "Nxt") else { panic!("present") };
/// // Point at the misspelt key itself, as an "unknown field" report does.
/// assert_eq!(member.key_span, Span::new(17, 22));
/// assert_eq!(&text[member.key_span.start..member.key_span.end], r#""Nxt""#);
/// assert_eq!(member.value.as_str().as_deref(), Some("Done"));
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'a> {
    /// The key, unescaped (borrowed from the source text when it has no escapes).
    pub key: Cow<'a, str>,
    /// Where the key (with its quotes) is written.
    pub key_span: Span,
    /// The value.
    pub value: Node<'a>,
}

impl NodeValue<'_> {
    /// A short description of the JSON type, for messages ("a string", "an object").
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse(r#"[1, "a", {}]"#)?;
    /// assert_eq!(document.root().value().describe(), "an array");
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(true) => "true",
            Self::Bool(false) => "false",
            Self::Number(_) => "a number",
            Self::String(_) => "a string",
            Self::Array(_) => "an array",
            Self::Object(_) => "an object",
        }
    }
}

impl<'a> Node<'a> {
    pub(crate) fn new(document: &'a Document, index: u32) -> Self {
        Self { document, index }
    }

    #[inline]
    fn entry(self) -> Entry {
        self.document.entry(self.index)
    }

    /// Where the value is written (empty for a document made from a `serde_json` value).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::{Document, Span};
    ///
    /// let text = r#"{"Seconds": 30}"#;
    /// let document = Document::parse(text)?;
    /// let seconds = document.root().as_object().and_then(|members| members.get("Seconds"));
    /// assert_eq!(seconds.map(|node| node.span()), Some(Span::new(12, 14)));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn span(self) -> Span {
        self.document.span_of(self.entry())
    }

    /// A number as it is written (`1e2`, `10.0`), for messages; `None` for other values and
    /// for a document made from a `serde_json` value.
    pub(crate) fn written_number(self) -> Option<&'a str> {
        let entry = self.entry();
        let source = self.document.source(entry);
        (entry.kind() == Kind::Number && !source.is_empty()).then_some(source)
    }

    /// The value.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::{Document, NodeValue};
    ///
    /// let document = Document::parse(r#"{"End": true}"#)?;
    /// let end = document.root().as_object().and_then(|members| members.get("End"));
    /// assert!(matches!(end.map(|node| node.value()), Some(NodeValue::Bool(true))));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn value(self) -> NodeValue<'a> {
        let entry = self.entry();
        match entry.kind() {
            Kind::Null | Kind::Key => NodeValue::Null,
            Kind::True => NodeValue::Bool(true),
            Kind::False => NodeValue::Bool(false),
            Kind::Number => NodeValue::Number(number(self.document.source(entry))),
            Kind::String => NodeValue::String(self.document.string(entry)),
            Kind::Array => NodeValue::Array(Items {
                node: self,
                count: entry.count,
            }),
            Kind::Object => NodeValue::Object(Members {
                node: self,
                count: entry.count,
            }),
        }
    }

    /// A short description of the JSON type, for messages ("a string", "an object").
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse(r#"{"Seconds": "5"}"#)?;
    /// let seconds = document.root().as_object().and_then(|members| members.get("Seconds"));
    /// assert_eq!(seconds.map(|node| node.describe()), Some("a string"));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self.entry().kind() {
            Kind::Null | Kind::Key => "null",
            Kind::True => "true",
            Kind::False => "false",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }

    /// Converts to a `serde_json` value (spans are dropped).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse(r#"{"a": [1, null, "x"]}"#)?;
    /// assert_eq!(document.root().to_value(), json!({"a": [1, null, "x"]}));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn to_value(self) -> Value {
        match self.value() {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(value) => Value::Bool(value),
            NodeValue::Number(value) => Value::Number(value),
            NodeValue::String(value) => Value::String(value.into_owned()),
            NodeValue::Array(items) => Value::Array(items.iter().map(Self::to_value).collect()),
            NodeValue::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|member| (member.key.into_owned(), member.value.to_value()))
                    .collect(),
            ),
        }
    }

    /// The members, if this is an object.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse(r#"{"a": 1}"#)?;
    /// assert_eq!(document.root().as_object().map(|members| members.len()), Some(1));
    /// assert!(Document::parse("[1]")?.root().as_object().is_none());
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn as_object(self) -> Option<Members<'a>> {
        // Straight from the entry: `value` would also decode strings and numbers.
        let entry = self.entry();
        (entry.kind() == Kind::Object).then_some(Members {
            node: self,
            count: entry.count,
        })
    }

    /// The items, if this is an array.
    #[inline]
    pub(crate) fn as_array(self) -> Option<Items<'a>> {
        let entry = self.entry();
        (entry.kind() == Kind::Array).then_some(Items {
            node: self,
            count: entry.count,
        })
    }

    /// The string, if this is one.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse(r#"["caf\u00e9", 1]"#)?;
    /// let sfn_dsl::source::NodeValue::Array(items) = document.root().value() else { panic!("an array") };
    /// assert_eq!(items.get(0).and_then(|node| node.as_str()).as_deref(), Some("café")); // unescaped
    /// assert_eq!(items.get(1).and_then(|node| node.as_str()), None);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn as_str(self) -> Option<Cow<'a, str>> {
        let entry = self.entry();
        (entry.kind() == Kind::String).then(|| self.document.string(entry))
    }

    /// The node after this value and everything it contains.
    fn following(self) -> Self {
        Self::new(self.document, self.entry().next())
    }

    fn first_child(self) -> Self {
        Self::new(self.document, self.index.saturating_add(1))
    }
}

impl fmt::Debug for Node<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Node")
            .field("span", &self.span())
            .field("value", &self.value())
            .finish()
    }
}

/// Nodes are equal when their values are (spans are not compared).
impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.to_value() == other.to_value()
    }
}

impl<'a> Items<'a> {
    /// How many items there are.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::{Document, NodeValue};
    ///
    /// let document = Document::parse("[1, [2, 3]]")?;
    /// let NodeValue::Array(items) = document.root().value() else { panic!("an array") };
    /// assert_eq!(items.len(), 2); // nested items are not counted
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether there are none.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::{Document, NodeValue};
    ///
    /// let document = Document::parse("[]")?;
    /// let NodeValue::Array(items) = document.root().value() else { panic!("an array") };
    /// assert!(items.is_empty());
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The items in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::source::{Document, NodeValue};
    ///
    /// let document = Document::parse(r#"[1, "two", {"three": 3}]"#)?;
    /// let NodeValue::Array(items) = document.root().value() else { panic!("an array") };
    /// let values: Vec<_> = items.iter().map(|node| node.to_value()).collect();
    /// assert_eq!(values, [json!(1), json!("two"), json!({"three": 3})]);
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use = "an iterator does nothing unless consumed"]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Node<'a>> + 'a {
        let mut node = self.node.first_child();
        (0..self.count as usize).map(move |_| {
            let item = node;
            node = item.following();
            item
        })
    }

    /// The item at `index`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::{Document, NodeValue};
    ///
    /// let document = Document::parse(r#"["a", "b"]"#)?;
    /// let NodeValue::Array(items) = document.root().value() else { panic!("an array") };
    /// assert_eq!(items.get(1).and_then(|node| node.as_str()).as_deref(), Some("b"));
    /// assert!(items.get(2).is_none());
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn get(&self, index: usize) -> Option<Node<'a>> {
        self.iter().nth(index)
    }
}

impl fmt::Debug for Items<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Items<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl<'a> Members<'a> {
    /// How many members there are.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse(r#"{"a": {"b": 1, "c": 2}}"#)?;
    /// assert_eq!(document.root().as_object().map(|members| members.len()), Some(1));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether there are none.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse("{}")?;
    /// assert!(document.root().as_object().is_some_and(|members| members.is_empty()));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The members as the model readers look them up, in order.
    pub(crate) fn fields(&self) -> impl ExactSizeIterator<Item = Field<'a>> + 'a {
        let document = self.node.document;
        let mut key = self.node.first_child();
        (0..self.count as usize).map(move |_| {
            let value = key.first_child();
            let entry = key.entry();
            let field = Field {
                key: document.body_bytes(entry),
                escaped: entry.escaped(),
                key_index: key.index,
                value,
            };
            key = value.following();
            field
        })
    }

    /// The key entries of the members in order, with their values.
    fn raw(&self) -> impl ExactSizeIterator<Item = (Entry, Node<'a>)> + 'a {
        let mut key = self.node.first_child();
        (0..self.count as usize).map(move |_| {
            let value = key.first_child();
            let entry = key.entry();
            key = value.following();
            (entry, value)
        })
    }

    /// The members in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse(r#"{"b": 1, "a": 2}"#)?;
    /// let keys: Vec<String> = document.root().as_object().map(|members| members.iter().map(|member| member.key.into_owned()).collect()).unwrap_or_default();
    /// assert_eq!(keys, ["b", "a"]); // source order
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use = "an iterator does nothing unless consumed"]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Member<'a>> + 'a {
        let document = self.node.document;
        self.raw().map(move |(entry, value)| Member {
            key: document.string(entry),
            key_span: document.span_of(entry),
            value,
        })
    }

    /// The position and value of the first member named `key`.
    pub(crate) fn position(&self, key: &str) -> Option<(usize, Node<'a>)> {
        if self.count >= lookup::INDEXED_FROM {
            let document = self.node.document;
            return document
                .member_indexes
                .find(self.node.index, key, || self.index())
                .map(|(place, value)| (place as usize, Node::new(document, value)));
        }
        self.fields()
            .enumerate()
            .find_map(|(index, field)| field.is(key).then_some((index, field.value)))
    }

    /// The first member of each key, by key.
    fn index(&self) -> std::collections::HashMap<Box<str>, lookup::Place> {
        let document = self.node.document;
        let mut index = std::collections::HashMap::with_capacity(self.count as usize);
        for (place, field) in (0u32..).zip(self.fields()) {
            let key = document.string(document.entry(field.key_index));
            index
                .entry(key.into())
                .or_insert((place, field.value.index));
        }
        index
    }

    /// The value of the member named `key`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse(r#"{"Type": "Pass", "End": true}"#)?;
    /// let members = document.root().as_object();
    /// assert_eq!(members.and_then(|members| members.get("Type")).and_then(|node| node.as_str()).as_deref(), Some("Pass"));
    /// assert!(members.and_then(|members| members.get("type")).is_none()); // keys are case-sensitive
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        self.position(key).map(|(_, value)| value)
    }
}

impl fmt::Debug for Members<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Members<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}
