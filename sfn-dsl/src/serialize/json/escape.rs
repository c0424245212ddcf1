//! String escaping: which bytes JSON escapes, found a word or a block at a time, and how
//! each is written.

/// Whether JSON needs `byte` escaped: quote, backslash and the control characters (`serde_json`
/// leaves DEL and everything non-ASCII as it is).
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

const ONES: u64 = 0x0101_0101_0101_0101;
const LOW_BITS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Whether any of the eight bytes of `word` needs escaping, by bit arithmetic on all eight
/// at once. Exact for every byte: no carry crosses from one byte into the next.
fn word_needs_escape(word: u64) -> bool {
    let equal_to = |byte: u8| {
        let diff = word ^ (ONES * u64::from(byte));
        !(((diff & LOW_BITS) + LOW_BITS) | diff) & HIGH_BITS
    };
    let control = !(((word & LOW_BITS) + ONES * (0x80 - 0x20)) | word) & HIGH_BITS;
    (control | equal_to(b'"') | equal_to(b'\\')) != 0
}

const BLOCK: usize = 16;

/// Whether any byte of a block needs escaping; written without early exit so that the
/// compiler checks the whole block with a few vector instructions.
fn block_needs_escape(block: &[u8; BLOCK]) -> bool {
    block
        .iter()
        .fold(false, |found, &byte| found | needs_escape(byte))
}

/// Whether any byte of `bytes` needs escaping. Reads whole words or blocks, the last one
/// overlapping the one before when the length is not a multiple: every read stays within
/// the text, and none of it is memory just written (reading back fresh output stalls the
/// processor more than the check costs).
pub(super) fn needs_escaping(bytes: &[u8]) -> bool {
    match bytes.len() {
        0..4 => bytes.iter().any(|&byte| needs_escape(byte)),
        4..8 => match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
            (Some(first), Some(last)) => word_needs_escape(
                u64::from(u32::from_le_bytes(*first)) | u64::from(u32::from_le_bytes(*last)) << 32,
            ),
            _ => bytes.iter().any(|&byte| needs_escape(byte)),
        },
        8..=BLOCK => match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            (Some(first), Some(last)) => {
                word_needs_escape(u64::from_le_bytes(*first))
                    | word_needs_escape(u64::from_le_bytes(*last))
            }
            _ => bytes.iter().any(|&byte| needs_escape(byte)),
        },
        _ => {
            let mut blocks = bytes.chunks_exact(BLOCK);
            let found = blocks
                .by_ref()
                .filter_map(<[u8]>::first_chunk::<BLOCK>)
                .any(block_needs_escape);
            found
                || (!blocks.remainder().is_empty()
                    && bytes.last_chunk::<BLOCK>().is_some_and(block_needs_escape))
        }
    }
}

/// Writes the contents of a string (without quotes), escaped as `serde_json` escapes them.
pub(in crate::serialize) fn write_contents(out: &mut Vec<u8>, text: &str) {
    write_utf8_contents(out, text.as_bytes());
}

/// [`write_contents`] for UTF-8 text held as bytes (such as `str`s copied end to end):
/// escaping looks at ASCII bytes only, so the text is written exactly as its `str` would be.
pub(in crate::serialize) fn write_utf8_contents(out: &mut Vec<u8>, bytes: &[u8]) {
    if needs_escaping(bytes) {
        for &byte in bytes {
            write_byte(out, byte);
        }
    } else {
        out.extend_from_slice(bytes);
    }
}

/// Writes one byte of a string, escaped if it has to be.
fn write_byte(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x00..=0x1F => {
            let high = HEX.get(usize::from(byte >> 4)).copied().unwrap_or(b'0');
            let low = HEX.get(usize::from(byte & 0xF)).copied().unwrap_or(b'0');
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
            return;
        }
        other => {
            out.push(other);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}
