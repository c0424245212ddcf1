//! The entries of the tape: what each value or key is, where it is written, and where the
//! entry after it starts, packed in sixteen bytes.

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
/// [`MAX_TEXT_LEN`](super::super::MAX_TEXT_LEN) (each value or key after the first needs at least
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
