//! The parsed tree as a flat tape: one small entry per value and per key, in document order,
//! with strings left in the source text (unescaped only when asked for). [`Node`] is a view
//! of one entry.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde_json::{Number, Value};

use super::keys::same_bytes;
use crate::source::{Document, Span};

/// What an entry of the tape holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Kind {
    Null,
    True,
    False,
    Number,
    String,
    Array,
    Object,
    /// The key of an object member; its value follows it on the tape.
    Key,
}

/// One value or key: its kind and where it is written. Containers also know how many
/// items or members they have and where the entries of their contents end, so that a
/// reader skips a whole value in one step.
///
/// Sixteen bytes: the kind and the escape flag share a word with the index of the next
/// entry, which fits in [`NEXT_BITS`] bits because the parser accepts no text longer than
/// [`MAX_TEXT_LEN`](super::MAX_TEXT_LEN) (each value or key after the first needs at least
/// two bytes, itself and the `[`, `{`, `,` or `:` before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// The kind (top three bits), whether a string or key has a backslash, so that it must
    /// be unescaped to be read (the bit below), and the index of the entry after this value
    /// and all it contains (the low [`NEXT_BITS`] bits).
    tagged_next: u32,
    /// Arrays: the items; objects: the members; keys: their [`signature`].
    pub(crate) count: u32,
}

/// The bits of [`Entry::next`].
pub(crate) const NEXT_BITS: u32 = 28;
const NEXT_MASK: u32 = (1 << NEXT_BITS) - 1;
const ESCAPED_BIT: u32 = 1 << NEXT_BITS;
const KIND_SHIFT: u32 = NEXT_BITS + 1;

impl Entry {
    /// What a missing entry reads as (never seen for a document that parsed); its next
    /// entry is missing too.
    pub(crate) const MISSING: Self = Self::new(Kind::Null, false, 0, 0, NEXT_MASK, 0);

    /// An entry; `next` must be below `2^NEXT_BITS` (it is cut to that).
    pub(crate) const fn new(
        kind: Kind,
        escaped: bool,
        start: u32,
        end: u32,
        next: u32,
        count: u32,
    ) -> Self {
        let escaped_bit = if escaped { ESCAPED_BIT } else { 0 };
        Self {
            start,
            end,
            tagged_next: ((kind as u32) << KIND_SHIFT) | escaped_bit | (next & NEXT_MASK),
            count,
        }
    }

    /// What the entry holds.
    #[inline]
    pub(crate) fn kind(self) -> Kind {
        match self.tagged_next >> KIND_SHIFT {
            0 => Kind::Null,
            1 => Kind::True,
            2 => Kind::False,
            3 => Kind::Number,
            4 => Kind::String,
            5 => Kind::Array,
            6 => Kind::Object,
            _ => Kind::Key,
        }
    }

    /// Strings and keys: the text has a backslash, so it must be unescaped to be read.
    #[inline]
    pub(crate) fn escaped(self) -> bool {
        self.tagged_next & ESCAPED_BIT != 0
    }

    /// The index of the entry after this value and all it contains.
    #[inline]
    pub(crate) fn next(self) -> u32 {
        self.tagged_next & NEXT_MASK
    }

    /// Sets [`next`](Self::next) (cut to [`NEXT_BITS`] bits).
    #[inline]
    pub(crate) fn set_next(&mut self, next: u32) {
        self.tagged_next = (self.tagged_next & !NEXT_MASK) | (next & NEXT_MASK);
    }
}

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

/// A tape index as stored (the tape has fewer entries than the text has bytes).
#[expect(
    clippy::cast_possible_truncation,
    reason = "the tape has fewer entries than the text has bytes, which fit `u32`"
)]
fn offset_of(index: usize) -> u32 {
    index as u32
}

/// The number of a valid JSON number literal, as `serde_json` reads it.
fn number(literal: &str) -> Number {
    let bytes = literal.as_bytes();
    // A non-negative integer of up to 19 digits fits a `u64`, which is what serde_json
    // makes of it too; anything else goes through serde_json's own reading.
    if !bytes.is_empty() && bytes.len() <= 19 && bytes.iter().all(u8::is_ascii_digit) {
        let value = bytes
            .iter()
            .fold(0_u64, |value, digit| value * 10 + u64::from(digit - b'0'));
        return Number::from(value);
    }
    if let Some(value) = short_decimal(bytes) {
        return value;
    }
    // The parser checked the literal, so this does not fail.
    Number::from_str(literal).unwrap_or_else(|_| Number::from(0_u8))
}

/// A decimal such as `2.0` or `-0.25` (no exponent, at most 15 digits), as `serde_json`
/// reads it, without its parser: the digits make an integer below 2^53 and the power of ten
/// is at most 10^15, both exact as `f64`, so one division gives the correctly rounded value
/// (Clinger's fast path), which is what `serde_json`'s `float_roundtrip` reading gives too.
fn short_decimal(bytes: &[u8]) -> Option<Number> {
    /// The powers of ten up to 10^15, exact as `f64`.
    const SCALES: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, unsigned) = match bytes {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, bytes),
    };
    let mut digits = 0_u64;
    let mut digit_count = 0_usize;
    // The number of digits after the point, once it has been seen.
    let mut fraction: Option<usize> = None;
    for &byte in unsigned {
        match byte {
            b'0'..=b'9' if digit_count < 15 => {
                digits = digits * 10 + u64::from(byte - b'0');
                digit_count += 1;
                if let Some(fraction_digits) = &mut fraction {
                    *fraction_digits += 1;
                }
            }
            b'.' if fraction.is_none() && digit_count > 0 => fraction = Some(0),
            _ => return None,
        }
    }
    let scale = SCALES.get(fraction.filter(|&count| count > 0)?)?;
    #[expect(clippy::cast_precision_loss, reason = "below 10^15, so exact as `f64`")]
    let magnitude = digits as f64 / scale;
    Number::from_f64(if negative { -magnitude } else { magnitude })
}

impl<'a> Items<'a> {
    /// How many items there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The items in order.
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
    #[must_use]
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether there are none.
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
        self.fields()
            .enumerate()
            .find_map(|(index, field)| field.is(key).then_some((index, field.value)))
    }

    /// The value of the member named `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        self.position(key).map(|(_, value)| value)
    }
}

/// How many members a [`FieldIndex`] indexes; bigger objects are searched on the tape.
const INDEXED: usize = 24;

/// The members of an object, indexed for the model readers' lookups by name: a signature
/// of each key (its length, first and last byte) in one small array, so that a lookup
/// compares a few integers and then the bytes of at most a likely match.
#[derive(Clone, Copy)]
pub(crate) struct FieldIndex<'a> {
    members: Members<'a>,
    /// `None` when the object is big or has an escaped key (then the tape is searched).
    signatures: Option<[u32; INDEXED]>,
    /// The tape index of each member's key.
    keys: [u32; INDEXED],
    /// One bit per signature present (a one-word Bloom filter): most fields a reader asks
    /// for are absent, and this answers them without a scan.
    present: u64,
}

/// The bit of a signature in [`FieldIndex::present`].
#[inline]
fn signature_bit(signature: u32) -> u64 {
    1 << ((signature ^ (signature >> 6) ^ (signature >> 16)) & 63)
}

/// The signature of a key: its length and its first and last bytes.
#[inline]
pub(crate) fn signature(key: &[u8]) -> u32 {
    match key {
        [] => 0,
        [first, .., last] | [first @ last] => {
            // Keys longer than 65,535 bytes share signatures, which only costs a comparison.
            #[expect(clippy::cast_possible_truncation, reason = "a signature, not a length")]
            let length = key.len() as u32;
            (length << 16) | (u32::from(*first) << 8) | u32::from(*last)
        }
    }
}

impl<'a> FieldIndex<'a> {
    pub(crate) fn new(members: Members<'a>) -> Self {
        let mut signatures = [0; INDEXED];
        let mut keys = [0; INDEXED];
        let mut indexed = members.len() <= INDEXED;
        let mut present = 0;
        if indexed {
            // The parser stored each key's signature in its entry.
            let tape = members.node.document.tape();
            let mut key_index = members.node.index as usize + 1;
            for (signature_slot, key_slot) in
                signatures.iter_mut().zip(&mut keys).take(members.len())
            {
                let Some(key) = tape.get(key_index) else {
                    indexed = false;
                    break;
                };
                if key.escaped() {
                    indexed = false;
                    break;
                }
                *signature_slot = key.count;
                present |= signature_bit(key.count);
                *key_slot = offset_of(key_index);
                key_index = tape
                    .get(key_index + 1)
                    .map_or(usize::MAX, |value| value.next() as usize);
            }
        }
        Self {
            members,
            signatures: indexed.then_some(signatures),
            present,
            keys,
        }
    }

    /// The members in order, as fields.
    pub(crate) fn fields(&self) -> impl ExactSizeIterator<Item = Field<'a>> + 'a {
        self.members.fields()
    }

    /// The position and value of the first member named `key`.
    #[expect(
        clippy::inline_always,
        reason = "measured: inlined into `Fields::take`, a literal key's signature folds"
    )]
    #[inline(always)]
    pub(crate) fn position(&self, key: &str) -> Option<(usize, Node<'a>)> {
        let Some(signatures) = &self.signatures else {
            return self.members.position(key);
        };
        let wanted = signature(key.as_bytes());
        if self.present & signature_bit(wanted) == 0 {
            return None;
        }
        let document = self.members.node.document;
        let count = self.members.len().min(INDEXED);
        let mut index = 0;
        while index < count {
            if signatures[index] == wanted {
                let key_index = self.keys[index];
                let entry = document.entry(key_index);
                if same_bytes(document.body_bytes(entry), key.as_bytes()) {
                    return Some((index, Node::new(document, key_index + 1)));
                }
            }
            index += 1;
        }
        None
    }
}

/// A member as the model readers look it up: its key as written, and its value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field<'a> {
    key: &'a [u8],
    escaped: bool,
    key_index: u32,
    pub(crate) value: Node<'a>,
}

impl<'a> Field<'a> {
    /// Whether the (unescaped) key is `key`.
    #[inline]
    pub(crate) fn is(&self, key: &str) -> bool {
        if self.escaped {
            let document = self.value.document;
            document.string(document.entry(self.key_index)) == key
        } else {
            // Keys are short: an inline comparison beats a call to `memcmp`.
            same_bytes(self.key, key.as_bytes())
        }
    }

    /// The member, with its unescaped key and the key's span.
    pub(crate) fn member(&self) -> Member<'a> {
        let document = self.value.document;
        let entry = document.entry(self.key_index);
        Member {
            key: document.string(entry),
            key_span: document.span_of(entry),
            value: self.value,
        }
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

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use serde_json::Number;

    use super::{number, short_decimal};

    #[test]
    fn short_decimals_read_as_serde_json_reads_them() {
        let mut literals: Vec<String> = [
            "2.0",
            "0.1",
            "0.3",
            "-0.0",
            "-0.25",
            "1.5",
            "123456789.012345",
            "0.000000000000001",
            "999999999999999.9",
            "9007199254740993.0",
            "1.7976931348623157",
        ]
        .map(String::from)
        .to_vec();
        // Pseudo-random decimals of every length the fast path takes, and a few beyond.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let digits = format!("{:017}", state % 10_u64.pow(17));
            let length = 2 + (state >> 58) as usize % 16;
            let digits = &digits[..length];
            let point = 1 + (state >> 40) as usize % (digits.len() - 1);
            let sign = if state & 1 == 0 { "" } else { "-" };
            let whole = digits[..point].trim_start_matches('0');
            let whole = if whole.is_empty() { "0" } else { whole };
            literals.push(format!("{sign}{whole}.{}", &digits[point..]));
        }
        let mut fast = 0;
        for literal in &literals {
            let expected = Number::from_str(literal).expect("valid JSON number");
            if let Some(read) = short_decimal(literal.as_bytes()) {
                fast += 1;
                assert_eq!(read, expected, "{literal}");
                assert_eq!(read.to_string(), expected.to_string(), "{literal}");
            }
            assert_eq!(number(literal), expected, "{literal}");
        }
        assert!(fast > 10_000, "{fast}");
        for other in ["1e5", "-1", "12", "1.5e3", "1234567890123456.5"] {
            assert_eq!(short_decimal(other.as_bytes()), None, "{other}");
        }
    }
}
