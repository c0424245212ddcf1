//! Byte scanning for the parser: the end of a string's plain run, eight bytes at a time.

/// Eight copies of `byte`.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

const ONES: u64 = splat(0x01);
const HIGH_BITS: u64 = splat(0x80);

/// The bytes of `word` that are zero, as their high bits. Only the lowest flagged byte is
/// certain (a borrow can flag the bytes above a true zero), which is all the scan needs.
const fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word & HIGH_BITS
}

/// The bytes of `word` below 0x20 (control characters), flagged as in [`zero_bytes`].
const fn control_bytes(word: u64) -> u64 {
    word.wrapping_sub(splat(0x20)) & !word & HIGH_BITS
}

/// The index of the first byte at or after `from` that ends the plain run of a string body:
/// a quote, a backslash or a control character; `bytes.len()` if there is none.
///
/// Strings are scanned a word at a time (the classic "has zero byte" bit trick) rather than
/// byte by byte, which makes long values such as ARNs cheap.
pub(super) fn plain_run_end(bytes: &[u8], from: usize) -> usize {
    let mut index = from;
    while let Some(chunk) = bytes.get(index..index + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        // Little-endian order puts the first byte of the text in the lowest bits, so that
        // the lowest flagged bit is the first special byte.
        let word = u64::from_le_bytes(word);
        let special =
            zero_bytes(word ^ splat(b'"')) | zero_bytes(word ^ splat(b'\\')) | control_bytes(word);
        if special != 0 {
            return index + (special.trailing_zeros() / 8) as usize;
        }
        index += 8;
    }
    while let Some(&byte) = bytes.get(index) {
        if byte == b'"' || byte == b'\\' || byte < 0x20 {
            return index;
        }
        index += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::plain_run_end;

    fn naive(bytes: &[u8], from: usize) -> usize {
        bytes
            .iter()
            .skip(from)
            .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)
            .map_or(bytes.len(), |offset| from + offset)
    }

    #[test]
    fn finds_the_first_special_byte_like_a_byte_by_byte_scan() {
        // Every special byte at every offset of a 20-byte buffer of ordinary, high (UTF-8)
        // and borderline bytes, alone and after other special bytes.
        let fillers = [b'a', 0x20, 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xe9, 0xff];
        let specials = [b'"', b'\\', 0x00, 0x01, 0x0a, 0x1f];
        for filler in fillers {
            for special in specials {
                for at in 0..20 {
                    let mut bytes = vec![filler; 20];
                    bytes[at] = special;
                    for from in 0..=at {
                        assert_eq!(plain_run_end(&bytes, from), at, "{filler} {special} {at}");
                    }
                    if let Some(later) = bytes.get_mut(at + 3) {
                        *later = b'"';
                    }
                    assert_eq!(plain_run_end(&bytes, 0), naive(&bytes, 0));
                }
                let bytes = vec![filler; 19];
                assert_eq!(plain_run_end(&bytes, 2), 19);
            }
        }
    }

    #[test]
    fn agrees_with_a_byte_by_byte_scan_on_mixed_text() {
        // A pseudo-random walk over all byte values, deterministic.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut bytes = Vec::new();
        for _ in 0..4096 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let byte = state.to_le_bytes()[3];
            // Keep specials rare, so that runs are long.
            bytes.push(if byte < 0x20 && !state.is_multiple_of(7) {
                byte + 0x40
            } else {
                byte
            });
        }
        for from in 0..bytes.len() {
            assert_eq!(plain_run_end(&bytes, from), naive(&bytes, from), "{from}");
        }
    }
}
