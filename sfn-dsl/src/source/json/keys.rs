//! Comparing object keys with the field names the readers ask for.

/// Byte equality, a word at a time: keys are short, and an inline comparison beats a call
/// to `memcmp` for them.
pub(crate) fn same_bytes(left: &[u8], right: &[u8]) -> bool {
    if left.len() != right.len() {
        return false;
    }
    let mut left_words = left.chunks_exact(8);
    let mut right_words = right.chunks_exact(8);
    for (left_word, right_word) in left_words.by_ref().zip(right_words.by_ref()) {
        // As arrays, the words compare as integers rather than through `memcmp`.
        let left_word: Result<[u8; 8], _> = left_word.try_into();
        let right_word: Result<[u8; 8], _> = right_word.try_into();
        if left_word.ok() != right_word.ok() {
            return false;
        }
    }
    left_words
        .remainder()
        .iter()
        .zip(right_words.remainder())
        .all(|(left_byte, right_byte)| left_byte == right_byte)
}

#[cfg(test)]
mod tests {
    use super::same_bytes;

    #[test]
    fn byte_equality() {
        for (left, right, same) in [
            ("", "", true),
            ("Type", "Type", true),
            ("Type", "Typo", false),
            ("Type", "Types", false),
            ("ResultSelector", "ResultSelector", true),
            ("ResultSelector", "ResultSelectoR", false),
            ("ResultSelector", "RexultSelector", false),
            ("ItemsPath", "ItemsPatH", false),
        ] {
            assert_eq!(
                same_bytes(left.as_bytes(), right.as_bytes()),
                same,
                "{left} {right}"
            );
        }
    }
}
