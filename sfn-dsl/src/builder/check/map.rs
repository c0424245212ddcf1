//! The Map state's build checks: fields of the other query language, Distributed-only fields
//! on an inline Map, and the Distributed Map settings AWS refuses when the definition is
//! created.

use std::fmt;

use super::Fields;
use crate::error::BuildIssueKind;
use crate::model::{Dynamic, MapState, QueryLanguage};
use crate::validate::{
    MAX_ITEMS, MAX_LABEL_CHARS, MAX_PAYLOAD_BYTES, is_forbidden_in_label, is_substituted,
};

impl Fields<'_> {
    /// Checks a Map state's own fields; out of line, so that the checks of the other
    /// (more common) states stay small enough to be inlined where states are written.
    #[inline(never)]
    pub(super) fn map(&mut self, map: &MapState) {
        use QueryLanguage::{JsonPath, Jsonata};
        self.only(JsonPath, "/ItemsPath", map.items_path.is_some());
        self.only(JsonPath, "/Parameters", map.parameters.is_some());
        self.only(Jsonata, "/Items", map.items.is_some());
        if map.item_selector.is_some() && map.parameters.is_some() {
            self.push(
                BuildIssueKind::ConflictingFields,
                "/Parameters",
                format!(
                    "Map state `{}` sets both `ItemSelector` and its deprecated twin `Parameters`",
                    self.loc.name
                ),
                Some("keep `ItemSelector` only"),
            );
        }
        self.dynamic(
            "/MaxConcurrency",
            "/MaxConcurrencyPath",
            map.max_concurrency.as_ref(),
        );
        self.dynamic(
            "/ToleratedFailurePercentage",
            "/ToleratedFailurePercentagePath",
            map.tolerated_failure_percentage.as_ref(),
        );
        self.dynamic(
            "/ToleratedFailureCount",
            "/ToleratedFailureCountPath",
            map.tolerated_failure_count.as_ref(),
        );
        // A count cannot be negative (`u64`); a percentage can be anything.
        if let Some(Dynamic::Literal(percentage)) = &map.tolerated_failure_percentage
            && percentage
                .as_f64()
                .is_some_and(|value| !(0.0..=100.0).contains(&value))
        {
            self.out_of_range(
                "/ToleratedFailurePercentage",
                "between 0 and 100",
                percentage,
                Some("use a percentage from 0 (no failure tolerated) to 100 (every item may fail)"),
            );
        }
        if let Some(label) = &map.label {
            self.label(label);
        }
        self.map_io(map);
        if !map.is_distributed() {
            self.distributed_only(map);
        }
    }

    fn map_io(&mut self, map: &MapState) {
        use QueryLanguage::{JsonPath, Jsonata};
        if let Some(reader) = &map.item_reader {
            self.only(
                JsonPath,
                "/ItemReader/Parameters",
                reader.parameters.is_some(),
            );
            self.only(Jsonata, "/ItemReader/Arguments", reader.arguments.is_some());
            if let Some(config) = &reader.reader_config {
                self.dynamic(
                    "/ItemReader/ReaderConfig/MaxItems",
                    "/ItemReader/ReaderConfig/MaxItemsPath",
                    config.max_items.as_ref(),
                );
                self.count(
                    "/ItemReader/ReaderConfig/MaxItems",
                    config.max_items.as_ref(),
                    MAX_ITEMS,
                );
            }
        }
        if let Some(batcher) = &map.item_batcher {
            self.dynamic(
                "/ItemBatcher/MaxItemsPerBatch",
                "/ItemBatcher/MaxItemsPerBatchPath",
                batcher.max_items_per_batch.as_ref(),
            );
            self.dynamic(
                "/ItemBatcher/MaxInputBytesPerBatch",
                "/ItemBatcher/MaxInputBytesPerBatchPath",
                batcher.max_input_bytes_per_batch.as_ref(),
            );
            self.count(
                "/ItemBatcher/MaxItemsPerBatch",
                batcher.max_items_per_batch.as_ref(),
                u64::MAX,
            );
            self.count(
                "/ItemBatcher/MaxInputBytesPerBatch",
                batcher.max_input_bytes_per_batch.as_ref(),
                MAX_PAYLOAD_BYTES as u64,
            );
        }
        if let Some(writer) = &map.result_writer {
            self.only(
                JsonPath,
                "/ResultWriter/Parameters",
                writer.parameters.is_some(),
            );
            self.only(
                Jsonata,
                "/ResultWriter/Arguments",
                writer.arguments.is_some(),
            );
        }
    }

    /// Reports a literal count outside `1..=max` (`u64::MAX`: no upper bound). Values
    /// read or computed at run time are checked then.
    fn count(&mut self, field: &str, value: Option<&Dynamic<u64>>, max: u64) {
        if let Some(Dynamic::Literal(count)) = value
            && !(1..=max).contains(count)
        {
            let bounds = if max == u64::MAX {
                "at least 1".to_owned()
            } else {
                format!("between 1 and {max}")
            };
            self.out_of_range(field, &bounds, count, None);
        }
    }

    /// Reports the Distributed Map setting `field` (a pointer below the state) as outside
    /// `bounds` ("between 0 and 100").
    #[cold]
    #[inline(never)]
    fn out_of_range(
        &mut self,
        field: &str,
        bounds: &str,
        found: &dyn fmt::Display,
        hint: Option<&str>,
    ) {
        let key = field.rsplit('/').next().unwrap_or(field);
        let message = format!(
            "`{key}` of Map state `{}` must be {bounds}, found {found}",
            self.loc.name
        );
        self.push(BuildIssueKind::InvalidValue, field, message, hint);
    }

    /// Reports a Map Run label AWS refuses (the validator's `invalid-label` rule): empty,
    /// longer than 40 characters, or with a character Map Run names cannot hold. A label
    /// holding a deployment substitution (`${Label}`) is left to the template.
    fn label(&mut self, label: &str) {
        let length = label.chars().count();
        let forbidden = label
            .chars()
            .find(|character| is_forbidden_in_label(*character));
        if (length == 0 || length > MAX_LABEL_CHARS || forbidden.is_some())
            && !is_substituted(label)
        {
            self.invalid_label(length, forbidden);
        }
    }

    /// Reports the label of `length` characters (the first forbidden one `forbidden`).
    #[cold]
    #[inline(never)]
    fn invalid_label(&mut self, length: usize, forbidden: Option<char>) {
        let name = self.loc.name;
        let message = match forbidden {
            Some(bad) if (1..=MAX_LABEL_CHARS).contains(&length) => format!(
                "the `Label` of Map state `{name}` contains the character {bad:?}, which Map Run names cannot hold"
            ),
            _ if length == 0 => format!("the `Label` of Map state `{name}` is empty"),
            _ => format!(
                "the `Label` of Map state `{name}` is {length} characters long; at most {MAX_LABEL_CHARS} are allowed"
            ),
        };
        self.push(
            BuildIssueKind::InvalidValue,
            "/Label",
            message,
            Some("use 1 to 40 letters, digits, `-`, `_` or `.`"),
        );
    }

    fn distributed_only(&mut self, map: &MapState) {
        let distributed_only = [
            ("/ItemReader", map.item_reader.is_some()),
            ("/ItemBatcher", map.item_batcher.is_some()),
            ("/ResultWriter", map.result_writer.is_some()),
            ("/Label", map.label.is_some()),
            (
                "/ToleratedFailurePercentage",
                map.tolerated_failure_percentage.is_some(),
            ),
            (
                "/ToleratedFailureCount",
                map.tolerated_failure_count.is_some(),
            ),
        ];
        for (field, set) in distributed_only {
            if set {
                self.push(
                    BuildIssueKind::ConflictingFields,
                    field,
                    format!(
                        "`{}` of Map state `{}` only applies to a Distributed Map",
                        field.trim_start_matches('/'),
                        self.loc.name
                    ),
                    Some("make the Map distributed with `.distributed(ExecutionType::Standard)`"),
                );
            }
        }
    }
}
