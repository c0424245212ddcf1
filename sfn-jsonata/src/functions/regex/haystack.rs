//! The bytes a compiled pattern searches. In `m` mode every JavaScript line terminator (`\n`,
//! `\r`, U+2028, U+2029) is written as `\n`, a marker byte that never occurs in UTF-8, and
//! `\n` again. The `regex` crate's multi-line `^` and `$` then hold exactly where JavaScript's
//! do: `$` before the first `\n` of the three and `^` after the last. The crate knows only one
//! line terminator byte, and `crlf` mode would not see `^` between `\r` and `\n` as JavaScript
//! does.

use std::borrow::Cow;

/// The line terminators and their marker bytes.
const MARKERS: [(char, u8); 4] = [
    ('\n', 0xF8),
    ('\r', 0xF9),
    ('\u{2028}', 0xFA),
    ('\u{2029}', 0xFB),
];

/// The marker byte of a line terminator: its encoding is `\n`, the marker, `\n`.
pub(super) fn marker(terminator: char) -> Option<u8> {
    MARKERS
        .iter()
        .find(|(ch, _)| *ch == terminator)
        .map(|&(_, marker)| marker)
}

/// The encoding of a line terminator in a marked haystack.
fn marked(terminator: char) -> Option<[u8; 3]> {
    marker(terminator).map(|marker| [b'\n', marker, b'\n'])
}

/// A line terminator in a marked haystack.
#[derive(Debug)]
struct Terminator {
    /// Where it starts in the text.
    original: usize,
    /// Where its encoding starts in the bytes.
    encoded: usize,
    /// Bytes added by the encoding of this and every earlier terminator.
    added: usize,
}

/// The bytes searched for a text, and the mapping of their offsets to the text's.
#[derive(Debug)]
pub(super) struct Haystack<'t> {
    bytes: Cow<'t, [u8]>,
    terminators: Vec<Terminator>,
}

impl<'t> Haystack<'t> {
    /// The text as it is.
    pub(super) fn plain(text: &'t str) -> Self {
        Haystack {
            bytes: Cow::Borrowed(text.as_bytes()),
            terminators: Vec::new(),
        }
    }

    /// The text with its line terminators marked.
    pub(super) fn with_marked_lines(text: &'t str) -> Self {
        let mut bytes = Vec::with_capacity(text.len() + 16);
        let mut terminators = Vec::new();
        let mut added = 0;
        for (original, ch) in text.char_indices() {
            if let Some(encoding) = marked(ch) {
                added += encoding.len() - ch.len_utf8();
                terminators.push(Terminator {
                    original,
                    encoded: bytes.len(),
                    added,
                });
                bytes.extend_from_slice(&encoding);
            } else {
                let mut buffer = [0; 4];
                bytes.extend_from_slice(ch.encode_utf8(&mut buffer).as_bytes());
            }
        }
        Haystack {
            bytes: Cow::Owned(bytes),
            terminators,
        }
    }

    pub(super) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The byte offset in the haystack of the text's char boundary `original`.
    pub(super) fn encoded_offset(&self, original: usize) -> usize {
        let before = self
            .terminators
            .partition_point(|terminator| terminator.original < original);
        original + self.added_by(before)
    }

    /// The text's byte offset for the haystack boundary `encoded`.
    pub(super) fn original_offset(&self, encoded: usize) -> usize {
        let before = self
            .terminators
            .partition_point(|terminator| terminator.encoded < encoded);
        encoded - self.added_by(before)
    }

    fn added_by(&self, count: usize) -> usize {
        count
            .checked_sub(1)
            .and_then(|last| self.terminators.get(last))
            .map_or(0, |terminator| terminator.added)
    }

    /// Whether `encoded` is between two characters of the text. Only an empty match can
    /// start anywhere else: inside a character's UTF-8 (where `\B` holds) or inside a marked
    /// terminator (where `^` or `$` holds).
    pub(super) fn is_boundary(&self, encoded: usize) -> bool {
        let is_marker = |byte: u8| MARKERS.iter().any(|&(_, marker)| marker == byte);
        match self.bytes.get(encoded) {
            None => encoded == self.bytes.len(),
            Some(&byte) if byte & 0xC0 == 0x80 || is_marker(byte) => false,
            Some(&b'\n') => !encoded
                .checked_sub(1)
                .and_then(|previous| self.bytes.get(previous))
                .is_some_and(|&previous| is_marker(previous)),
            Some(_) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_both_ways_around_marked_terminators() {
        let text = "a\r\nb\u{2028}c";
        let haystack = Haystack::with_marked_lines(text);
        assert_eq!(haystack.bytes(), b"a\n\xF9\n\n\xF8\nb\n\xFA\nc".as_slice());
        for (original, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let encoded = haystack.encoded_offset(original);
            assert!(haystack.is_boundary(encoded));
            assert_eq!(haystack.original_offset(encoded), original);
        }
        // Inside the three bytes of `\r`.
        assert!(!haystack.is_boundary(2) && !haystack.is_boundary(3));
    }
}
