//! Field names shared by every parsed document instead of allocated for each key.

/// Keys shared rather than allocated: every field name of the States Language and the
/// commonest integration parameters (sorted; `known_key` groups them by length).
pub(super) static KNOWN_KEYS: &[&str] = &[
    "Arguments",
    "Assign",
    "BackoffRate",
    "BatchInput",
    "Branches",
    "Bucket",
    "CSVDelimiter",
    "CSVHeaderLocation",
    "CSVHeaders",
    "Catch",
    "Cause",
    "CausePath",
    "Choices",
    "Comment",
    "Condition",
    "Credentials",
    "Default",
    "End",
    "Entries",
    "Error",
    "ErrorEquals",
    "ErrorPath",
    "ExecutionType",
    "FunctionName",
    "HeartbeatSeconds",
    "HeartbeatSecondsPath",
    "Input",
    "InputPath",
    "InputType",
    "IntervalSeconds",
    "IsBoolean",
    "IsNull",
    "IsNumeric",
    "IsPresent",
    "IsString",
    "IsTimestamp",
    "Item",
    "ItemBatcher",
    "ItemProcessor",
    "ItemReader",
    "ItemSelector",
    "Items",
    "ItemsPath",
    "ItemsPointer",
    "Iterator",
    "JitterStrategy",
    "Key",
    "Label",
    "ManifestType",
    "MaxAttempts",
    "MaxConcurrency",
    "MaxConcurrencyPath",
    "MaxDelaySeconds",
    "MaxInputBytesPerBatch",
    "MaxInputBytesPerBatchPath",
    "MaxItems",
    "MaxItemsPath",
    "MaxItemsPerBatch",
    "MaxItemsPerBatchPath",
    "Message",
    "MessageBody",
    "Mode",
    "Next",
    "NumericEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "Output",
    "OutputPath",
    "OutputType",
    "Parameters",
    "Payload",
    "Payload.$",
    "ProcessorConfig",
    "QueryLanguage",
    "QueueUrl",
    "ReaderConfig",
    "Resource",
    "Result",
    "ResultPath",
    "ResultSelector",
    "ResultWriter",
    "Retry",
    "Seconds",
    "SecondsPath",
    "StartAt",
    "StateMachineArn",
    "States",
    "StringEquals",
    "StringMatches",
    "TableName",
    "TimeoutSeconds",
    "TimeoutSecondsPath",
    "Timestamp",
    "TimestampPath",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "TopicArn",
    "Transformation",
    "Type",
    "Variable",
    "Version",
    "WriterConfig",
];

/// The bucket of a key in the lookup table: a cheap mix of its length and three of its
/// bytes (no loop over the key, unlike a real hash). A `const fn`, so that the table is
/// built at compile time.
const fn bucket(bytes: &[u8]) -> usize {
    let length = bytes.len();
    if length == 0 {
        return 0;
    }
    let first = bytes[0] as usize;
    let middle = bytes[length / 2] as usize;
    let last = bytes[length - 1] as usize;
    (length.wrapping_mul(37) ^ first.wrapping_mul(5) ^ middle.wrapping_mul(11) ^ last) % BUCKETS
}

const BUCKETS: usize = 256;

/// How many known keys one bucket holds at most (a test checks that none has more).
const BUCKET_SIZE: usize = 3;

/// For each bucket, the positions in [`KNOWN_KEYS`] of its keys plus one (zero: free).
static TABLE: [[u8; BUCKET_SIZE]; BUCKETS] = {
    let mut table = [[0_u8; BUCKET_SIZE]; BUCKETS];
    let mut index = 0;
    while index < KNOWN_KEYS.len() {
        let slots = &mut table[bucket(KNOWN_KEYS[index].as_bytes())];
        let mut slot = 0;
        while slot < BUCKET_SIZE {
            if slots[slot] == 0 {
                // `KNOWN_KEYS` has fewer than 255 keys (checked below), so this fits.
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "fewer than 255 known keys, checked at compile time"
                )]
                let position = (index + 1) as u8;
                slots[slot] = position;
                break;
            }
            slot += 1;
        }
        index += 1;
    }
    table
};

const _: () = assert!(
    KNOWN_KEYS.len() < 255,
    "the table stores positions as bytes"
);

pub(super) fn known_key(text: &str) -> Option<&'static str> {
    // Few keys share a bucket, so a key is compared with one or two candidates at most.
    let bytes = text.as_bytes();
    TABLE
        .get(bucket(bytes))?
        .iter()
        .take_while(|&&position| position != 0)
        .filter_map(|&position| KNOWN_KEYS.get(usize::from(position) - 1).copied())
        .find(|candidate| same_bytes(candidate.as_bytes(), bytes))
}

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
    use super::{BUCKET_SIZE, BUCKETS, KNOWN_KEYS, bucket, known_key, same_bytes};

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

    #[test]
    fn buckets_are_short() {
        let mut sizes = vec![0; BUCKETS];
        for key in KNOWN_KEYS {
            sizes[bucket(key.as_bytes())] += 1;
        }
        assert!(sizes.iter().all(|&size| size <= BUCKET_SIZE), "{sizes:?}");
    }

    #[test]
    fn every_known_key_is_found_and_shared() {
        for key in KNOWN_KEYS {
            // A copy, so that the lookup cannot succeed by address.
            let copy = String::from(*key);
            let found = known_key(copy.as_str());
            assert!(
                found.is_some_and(|found| std::ptr::eq(found, *key)),
                "{key}"
            );
        }
        assert_eq!(known_key("States2"), None);
        assert_eq!(known_key(""), None);
    }
}
