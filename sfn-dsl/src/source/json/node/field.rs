//! Members as the model readers look them up by name: [`Field`], and the small index of an
//! object's keys, [`FieldIndex`].

use super::super::keys::same_bytes;
use super::{Member, Members, Node, signature};

/// A tape index as stored (the tape has fewer entries than the text has bytes).
#[expect(
    clippy::cast_possible_truncation,
    reason = "the tape has fewer entries than the text has bytes, which fit `u32`"
)]
fn offset_of(index: usize) -> u32 {
    index as u32
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
    pub(super) key: &'a [u8],
    pub(super) escaped: bool,
    pub(super) key_index: u32,
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
