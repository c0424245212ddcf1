//! The Map state, inline and Distributed (ASL reference §3.8).

use super::code::Code;
use super::cx::{At, Cx};
use super::fields::{self, PathForm, report_field_at};
use super::payload::{self, MAX_PAYLOAD_BYTES, Role};
use super::state::io_paths;
use super::syntax::{self, PathKind};
use super::task::resource;
use super::values::{self, is_substituted};
use crate::model::{
    CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType, ItemBatcher, ItemReader,
    ManifestType, MapState, OutputType, Payload, ProcessorKey, ProcessorMode, ReaderConfig,
    ReaderTransformation, ResultWriter, WriterTransformation,
};
use crate::source::Pointer;

/// The largest `ReaderConfig.MaxItems`.
const MAX_ITEMS: u64 = 100_000_000;

/// The longest Map Run label.
const MAX_LABEL_CHARS: usize = 40;

pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, map: &MapState) {
    io_paths(
        cx,
        at,
        map.input_path.as_ref(),
        map.result_path.as_ref(),
        map.output_path.as_ref(),
    );
    item_selection(cx, at, map);
    payload::check_opt(
        cx,
        at,
        "ResultSelector",
        map.result_selector.as_ref(),
        Role::ObjectTemplate,
    );
    payload::check_opt(cx, at, "Output", map.output.as_ref(), Role::Expression);
    limits(cx, at, map);
    processor_config(cx, at, map);
    distributed_fields(cx, at, map);
    if let Some(reader) = &map.item_reader {
        item_reader(cx, at, &at.pointer.key("ItemReader"), reader);
    }
    if let Some(batcher) = &map.item_batcher {
        item_batcher(cx, at, &at.pointer.key("ItemBatcher"), batcher);
    }
    if let Some(writer) = &map.result_writer {
        result_writer(cx, at, &at.pointer.key("ResultWriter"), writer);
    }
    if let Some(label) = &map.label {
        check_label(cx, at, label);
    }
}

/// `ItemsPath`/`Items`, `ItemSelector`/`Parameters` and the deprecated spellings.
fn item_selection(cx: &mut Cx<'_>, at: &At<'_>, map: &MapState) {
    if let (Some(path), false) = (&map.items_path, at.is_jsonata()) {
        syntax::path(
            cx,
            at,
            &at.pointer.key("ItemsPath"),
            path.as_str(),
            PathKind::Reference,
        );
    }
    if let (Some(items), true) = (&map.items, at.is_jsonata()) {
        match items {
            Payload::Array(_) | Payload::Jsonata(_) => {
                payload::check(cx, at, &at.pointer.key("Items"), items, Role::Expression);
            }
            _ => cx.push(at.field(
                Code::WrongType,
                "Items",
                format!(
                    "`Items` of Map state `{}` must be an array or a `{{% … %}}` expression",
                    at.name
                ),
            )),
        }
    }
    payload::check_opt(
        cx,
        at,
        "ItemSelector",
        map.item_selector.as_ref(),
        Role::Either,
    );
    payload::check_opt(
        cx,
        at,
        "Parameters",
        map.parameters.as_ref(),
        Role::Template,
    );
    if map.parameters.is_some() {
        if map.item_selector.is_some() {
            cx.push(
                at.field(
                    Code::ConflictingFields,
                    "Parameters",
                    format!(
                        "Map state `{}` has both `ItemSelector` and `Parameters`",
                        at.name
                    ),
                )
                .with_hint("`Parameters` is the deprecated name of `ItemSelector`; keep one")
                .at_key(),
            );
        } else if !at.is_jsonata() {
            cx.push(
                at.field(
                    Code::DeprecatedField,
                    "Parameters",
                    format!("`Parameters` of Map state `{}` is deprecated", at.name),
                )
                .with_hint("rename it to `ItemSelector`")
                .at_key(),
            );
        }
    }
    if map.processor_key == ProcessorKey::Iterator {
        cx.push(
            at.field(
                Code::DeprecatedField,
                "Iterator",
                format!("`Iterator` of Map state `{}` is deprecated", at.name),
            )
            .with_hint("rename it to `ItemProcessor`")
            .at_key(),
        );
    }
}

fn limits(cx: &mut Cx<'_>, at: &At<'_>, map: &MapState) {
    fields::dynamic(
        cx,
        at,
        at.pointer,
        ("MaxConcurrency", "MaxConcurrencyPath"),
        map.max_concurrency.as_ref(),
        PathForm::Reference,
    );
    fields::dynamic(
        cx,
        at,
        at.pointer,
        ("ToleratedFailureCount", "ToleratedFailureCountPath"),
        map.tolerated_failure_count.as_ref(),
        PathForm::Reference,
    );
    if let Some(percentage) = fields::dynamic(
        cx,
        at,
        at.pointer,
        (
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
        ),
        map.tolerated_failure_percentage.as_ref(),
        PathForm::Reference,
    ) {
        values::number_in_range(
            cx,
            at,
            &at.pointer.key("ToleratedFailurePercentage"),
            "ToleratedFailurePercentage",
            percentage,
            (0.0, 100.0),
        );
    }
}

fn processor_key(map: &MapState) -> &'static str {
    match map.processor_key {
        ProcessorKey::ItemProcessor => "ItemProcessor",
        ProcessorKey::Iterator => "Iterator",
    }
}

fn processor_config(cx: &mut Cx<'_>, at: &At<'_>, map: &MapState) {
    let Some(config) = &map.item_processor.processor_config else {
        return;
    };
    let processor = at.pointer.key(processor_key(map));
    let pointer = processor.key("ProcessorConfig");
    if let Some(ProcessorMode::Other(mode)) = &config.mode {
        values::keyword(
            cx,
            at,
            &pointer.key("Mode"),
            "Mode",
            mode,
            ProcessorMode::KNOWN,
        );
    }
    if let Some(ExecutionType::Other(kind)) = &config.execution_type {
        values::keyword(
            cx,
            at,
            &pointer.key("ExecutionType"),
            "ExecutionType",
            kind,
            ExecutionType::KNOWN,
        );
    }
    if map.is_distributed() && config.execution_type.is_none() {
        cx.push(
            at.diagnostic(
                Code::MissingField,
                &pointer,
                format!(
                    "the `ProcessorConfig` of Distributed Map state `{}` is missing `ExecutionType`",
                    at.name
                ),
            )
            .with_hint("set `\"ExecutionType\": \"STANDARD\"` or `\"EXPRESS\"`"),
        );
    }
}

fn distributed_fields(cx: &mut Cx<'_>, at: &At<'_>, map: &MapState) {
    if map.is_distributed() {
        let discards = if at.is_jsonata() {
            map.output.is_some()
        } else {
            map.result_path == Some(crate::model::Nullable::Null)
        };
        if map.item_reader.is_some() && map.result_writer.is_none() && !discards {
            cx.push(
                at.field(
                    Code::PayloadTooLarge,
                    "ItemReader",
                    format!(
                        "Distributed Map state `{}` reads a dataset but has no `ResultWriter`; results over {MAX_PAYLOAD_BYTES} bytes fail with `States.DataLimitExceeded`",
                        at.name
                    ),
                )
                .with_hint("write the results to S3 with `ResultWriter`"),
            );
        }
        return;
    }
    for (key, present) in [
        ("ItemReader", map.item_reader.is_some()),
        ("ItemBatcher", map.item_batcher.is_some()),
        ("ResultWriter", map.result_writer.is_some()),
        ("Label", map.label.is_some()),
        (
            if map
                .tolerated_failure_percentage
                .as_ref()
                .is_some_and(crate::model::Dynamic::is_path)
            {
                "ToleratedFailurePercentagePath"
            } else {
                "ToleratedFailurePercentage"
            },
            map.tolerated_failure_percentage.is_some(),
        ),
        (
            if map
                .tolerated_failure_count
                .as_ref()
                .is_some_and(crate::model::Dynamic::is_path)
            {
                "ToleratedFailureCountPath"
            } else {
                "ToleratedFailureCount"
            },
            map.tolerated_failure_count.is_some(),
        ),
    ] {
        if present {
            cx.push(
                at.field(
                    Code::DistributedOnlyField,
                    key,
                    format!(
                        "`{key}` applies only to Distributed Map states, and Map state `{}` is inline",
                        at.name
                    ),
                )
                .with_hint(format!(
                    "set `\"ProcessorConfig\": {{\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}}` in `{}`",
                    processor_key(map)
                ))
                .at_key(),
            );
        }
    }
}

/// Forbidden in a Map Run label (recorded AWS rejections).
fn is_forbidden_in_label(character: char) -> bool {
    matches!(
        character,
        ' ' | '?'
            | '*'
            | '<'
            | '>'
            | '{'
            | '}'
            | '['
            | ']'
            | ':'
            | ';'
            | ','
            | '\\'
            | '|'
            | '^'
            | '~'
            | '$'
            | '#'
            | '%'
            | '&'
            | '"'
            | '`'
    ) || matches!(character, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

fn check_label(cx: &mut Cx<'_>, at: &At<'_>, label: &str) {
    if is_substituted(label) {
        return;
    }
    let message = if label.is_empty() {
        format!("the `Label` of Map state `{}` is empty", at.name)
    } else if label.chars().count() > MAX_LABEL_CHARS {
        format!(
            "the `Label` of Map state `{}` is {} characters long; at most {MAX_LABEL_CHARS} are allowed",
            at.name,
            label.chars().count()
        )
    } else if let Some(bad) = label
        .chars()
        .find(|character| is_forbidden_in_label(*character))
    {
        format!(
            "the `Label` of Map state `{}` contains the character {bad:?}, which Map Run names cannot hold",
            at.name
        )
    } else {
        return;
    };
    cx.push(
        at.field(Code::InvalidLabel, "Label", message)
            .with_hint("use 1 to 40 letters, digits, `-`, `_`, `.` or `/`"),
    );
}

fn item_reader(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, reader: &ItemReader) {
    resource(cx, at, &pointer.key("Resource"), &reader.resource);
    parameters_or_arguments(
        cx,
        at,
        pointer,
        reader.parameters.as_ref(),
        reader.arguments.as_ref(),
    );
    if let Some(config) = &reader.reader_config {
        reader_config(cx, at, &pointer.key("ReaderConfig"), config);
    }
}

/// `Parameters` (JSONPath) or `Arguments` (JSONata) of an `ItemReader` or `ResultWriter`.
fn parameters_or_arguments(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    parameters: Option<&Payload>,
    arguments: Option<&Payload>,
) {
    if let Some(parameters) = parameters {
        let field = pointer.key("Parameters");
        if at.is_jsonata() {
            report_field_at(cx, at, &field, "Parameters", "use `Arguments`");
        } else {
            payload::check(cx, at, &field, parameters, Role::Template);
        }
    }
    if let Some(arguments) = arguments {
        let field = pointer.key("Arguments");
        if at.is_jsonata() {
            payload::check(cx, at, &field, arguments, Role::Expression);
        } else {
            report_field_at(cx, at, &field, "Arguments", "use `Parameters`");
        }
    }
}

fn reader_config(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, config: &ReaderConfig) {
    if let Some(InputType::Other(value)) = &config.input_type {
        values::keyword(
            cx,
            at,
            &pointer.key("InputType"),
            "InputType",
            value,
            InputType::KNOWN,
        );
    }
    if let Some(CsvHeaderLocation::Other(value)) = &config.csv_header_location {
        values::keyword(
            cx,
            at,
            &pointer.key("CSVHeaderLocation"),
            "CSVHeaderLocation",
            value,
            CsvHeaderLocation::KNOWN,
        );
    }
    if let Some(CsvDelimiter::Other(value)) = &config.csv_delimiter {
        values::keyword(
            cx,
            at,
            &pointer.key("CSVDelimiter"),
            "CSVDelimiter",
            value,
            CsvDelimiter::KNOWN,
        );
    }
    if let Some(ReaderTransformation::Other(value)) = &config.transformation {
        values::keyword(
            cx,
            at,
            &pointer.key("Transformation"),
            "Transformation",
            value,
            ReaderTransformation::KNOWN,
        );
    }
    if let Some(ManifestType::Other(value)) = &config.manifest_type {
        values::keyword(
            cx,
            at,
            &pointer.key("ManifestType"),
            "ManifestType",
            value,
            ManifestType::KNOWN,
        );
    }
    if config.csv_header_location == Some(CsvHeaderLocation::Given) && config.csv_headers.is_none()
    {
        cx.push(
            at.diagnostic(
                Code::MissingField,
                pointer,
                format!(
                    "the `ReaderConfig` of Map state `{}` takes its CSV headers as `GIVEN` but has no `CSVHeaders`",
                    at.name
                ),
            )
            .with_hint("list the column names in `CSVHeaders`, or use `FIRST_ROW`"),
        );
    }
    if let Some(max_items) = fields::dynamic(
        cx,
        at,
        pointer,
        ("MaxItems", "MaxItemsPath"),
        config.max_items.as_ref(),
        PathForm::Reference,
    ) {
        values::unsigned_in_range(
            cx,
            at,
            &pointer.key("MaxItems"),
            "MaxItems",
            *max_items,
            (1, MAX_ITEMS),
        );
    }
}

fn item_batcher(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, batcher: &ItemBatcher) {
    if batcher.max_items_per_batch.is_none() && batcher.max_input_bytes_per_batch.is_none() {
        cx.push(
            at.diagnostic(
                Code::MissingField,
                pointer,
                format!(
                    "the `ItemBatcher` of Map state `{}` sets no batch size",
                    at.name
                ),
            )
            .with_hint("set `MaxItemsPerBatch` or `MaxInputBytesPerBatch`"),
        );
    }
    if let Some(value) = fields::dynamic(
        cx,
        at,
        pointer,
        ("MaxItemsPerBatch", "MaxItemsPerBatchPath"),
        batcher.max_items_per_batch.as_ref(),
        PathForm::Reference,
    ) {
        values::unsigned_in_range(
            cx,
            at,
            &pointer.key("MaxItemsPerBatch"),
            "MaxItemsPerBatch",
            *value,
            (1, u64::MAX),
        );
    }
    if let Some(value) = fields::dynamic(
        cx,
        at,
        pointer,
        ("MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"),
        batcher.max_input_bytes_per_batch.as_ref(),
        PathForm::Reference,
    ) {
        values::unsigned_in_range(
            cx,
            at,
            &pointer.key("MaxInputBytesPerBatch"),
            "MaxInputBytesPerBatch",
            *value,
            (1, MAX_PAYLOAD_BYTES as u64),
        );
    }
    if let Some(batch_input) = &batcher.batch_input {
        payload::check(
            cx,
            at,
            &pointer.key("BatchInput"),
            batch_input,
            Role::Either,
        );
    }
}

fn result_writer(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, writer: &ResultWriter) {
    if writer.resource.is_none()
        && writer.writer_config.is_none()
        && writer.parameters.is_none()
        && writer.arguments.is_none()
    {
        cx.push(
            at.diagnostic(
                Code::MissingField,
                pointer,
                format!("the `ResultWriter` of Map state `{}` is empty", at.name),
            )
            .with_hint("set `WriterConfig`, or `Resource` with the bucket and prefix"),
        );
    }
    if let Some(resource_value) = &writer.resource {
        resource(cx, at, &pointer.key("Resource"), resource_value);
    }
    parameters_or_arguments(
        cx,
        at,
        pointer,
        writer.parameters.as_ref(),
        writer.arguments.as_ref(),
    );
    if let Some(config) = &writer.writer_config {
        let config_pointer = pointer.key("WriterConfig");
        if let Some(OutputType::Other(value)) = &config.output_type {
            values::keyword(
                cx,
                at,
                &config_pointer.key("OutputType"),
                "OutputType",
                value,
                OutputType::KNOWN,
            );
        }
        if let Some(WriterTransformation::Other(value)) = &config.transformation {
            values::keyword(
                cx,
                at,
                &config_pointer.key("Transformation"),
                "Transformation",
                value,
                WriterTransformation::KNOWN,
            );
        }
    }
}
