//! Unknown fields: reported once the readers have taken what they know, with a "did you
//! mean" hint and a word on whether the field exists elsewhere in the States Language.

use std::fmt;

use super::Fields;
use crate::error::ParseIssueKind;
use crate::parse::Cx;
use crate::shorten::quoted;
use crate::suggest::closest;

/// Every field name the States Language defines somewhere, to tell "not allowed here" from
/// "misspelled".
const ASL_FIELDS: &[&str] = &[
    "Arguments",
    "Assign",
    "BackoffRate",
    "BatchInput",
    "Branches",
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
    "Error",
    "ErrorEquals",
    "ErrorPath",
    "ExecutionType",
    "HeartbeatSeconds",
    "HeartbeatSecondsPath",
    "InputPath",
    "InputType",
    "IntervalSeconds",
    "ItemBatcher",
    "ItemProcessor",
    "ItemReader",
    "ItemSelector",
    "Items",
    "ItemsPath",
    "ItemsPointer",
    "Iterator",
    "JitterStrategy",
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
    "Mode",
    "Next",
    "Output",
    "OutputPath",
    "OutputType",
    "Parameters",
    "ProcessorConfig",
    "QueryLanguage",
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
    "States",
    "TimeoutSeconds",
    "TimeoutSecondsPath",
    "Timestamp",
    "TimestampPath",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "Transformation",
    "Type",
    "Variable",
    "Version",
    "WriterConfig",
];

impl Fields<'_, '_> {
    /// Reports every member that was not taken as an unknown field of `what`.
    pub(in crate::parse) fn finish(&self, cx: &mut Cx, what: &dyn fmt::Display) {
        // The usual case: every member was read, nothing to report.
        if self.used.all(self.count) {
            return;
        }
        for (index, field) in self.members.fields().enumerate() {
            if self.used.get(index) {
                continue;
            }
            let member = field.member();
            let pointer = self.pointer.key(&member.key);
            let asked = self.asked.get(..self.asked_count).unwrap_or_default();
            let suggestion = closest(
                &member.key,
                asked
                    .iter()
                    .flatten()
                    .copied()
                    .chain(self.also_known.iter().copied()),
            );
            let known_elsewhere = ASL_FIELDS.contains(&&*member.key);
            let message = if known_elsewhere {
                format!("`{}` is not a field of {what}", quoted(&member.key))
            } else {
                format!("unknown field `{}` in {what}", quoted(&member.key))
            };
            match suggestion {
                Some(suggestion) => cx.report_with_hint(
                    ParseIssueKind::UnknownField,
                    &pointer,
                    member.key_span,
                    message,
                    format!("did you mean `{suggestion}`?"),
                ),
                None => cx.report(
                    ParseIssueKind::UnknownField,
                    &pointer,
                    member.key_span,
                    message,
                ),
            }
        }
    }
}
