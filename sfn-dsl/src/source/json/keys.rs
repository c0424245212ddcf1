//! Field names shared by every parsed document instead of allocated for each key.

use std::sync::LazyLock;

/// Keys shared rather than allocated: every field name of the States Language and the
/// commonest integration parameters (sorted; `known_key` groups them by length).
pub(super) const KNOWN_KEYS: &[&str] = &[
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

pub(super) fn known_key(text: &str) -> Option<&'static str> {
    // Grouped by length, so that a key is compared with a handful of candidates at most.
    static BY_LENGTH: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
        let longest = KNOWN_KEYS.iter().map(|key| key.len()).max().unwrap_or(0);
        let mut groups = vec![Vec::new(); longest + 1];
        for key in KNOWN_KEYS {
            if let Some(group) = groups.get_mut(key.len()) {
                group.push(*key);
            }
        }
        groups
    });
    // Comparing the last byte first rejects most candidates of the right length without a
    // call to `memcmp` (keys of one length often share their first letters).
    let last = *text.as_bytes().last()?;
    BY_LENGTH
        .get(text.len())?
        .iter()
        .copied()
        .find(|candidate| candidate.as_bytes().last() == Some(&last) && *candidate == text)
}
