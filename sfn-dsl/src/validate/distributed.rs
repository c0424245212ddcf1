//! The Distributed Map settings: `ItemReader`, `ItemBatcher`, `ResultWriter` and `Label`
//! (ASL reference §3.8.3–3.8.5, recorded label rules).

use super::code::Code;
use super::cx::{At, Cx};
use super::fields::{self, PathForm, report_field_at};
use super::payload::{self, Role};
use super::size::MAX_PAYLOAD_BYTES;
use super::task::resource;
use super::values::{self, is_substituted};
use crate::model::{
    CsvDelimiter, CsvHeaderLocation, InputType, ItemBatcher, ItemReader, ManifestType, OutputType,
    Payload, ReaderConfig, ReaderTransformation, ResultWriter, WriterTransformation,
};
use crate::source::Pointer;

/// The largest `ReaderConfig.MaxItems`.
pub(crate) const MAX_ITEMS: u64 = 100_000_000;

/// The longest Map Run label.
pub(crate) const MAX_LABEL_CHARS: usize = 40;

/// Forbidden in a Map Run label: the recorded AWS rejections, and `/`, which AWS's name
/// rules (limits-overview) forbid in Map Run names too (it was not recorded).
pub(crate) fn is_forbidden_in_label(character: char) -> bool {
    matches!(
        character,
        ' ' | '/'
            | '?'
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

pub(super) fn check_label(cx: &mut Cx<'_>, at: &At<'_>, label: &str) {
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
        if let Some(first) = cx.first_with_label(label, at.name.as_str()) {
            cx.push(
                at.field(
                    Code::DuplicateLabel,
                    "Label",
                    format!(
                        "Map state `{}` has the `Label` `{label}` of Map state `{first}`; each Map Run label must be unique in the definition",
                        at.name
                    ),
                )
                .with_hint("give each Distributed Map its own label"),
            );
        }
        return;
    };
    cx.push(
        at.field(Code::InvalidLabel, "Label", message)
            .with_hint("use 1 to 40 letters, digits, `-`, `_` or `.`"),
    );
}

pub(super) fn item_reader(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    reader: &ItemReader,
) {
    let resource_pointer = pointer.key("Resource");
    resource(cx, at, &resource_pointer, &reader.resource);
    super::integration::s3_action(cx, at, &resource_pointer, &reader.resource, false);
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

pub(super) fn item_batcher(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    batcher: &ItemBatcher,
) {
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
        let pointer = pointer.key("BatchInput");
        payload::warn_not_object(cx, at, &pointer, batch_input);
        payload::check(cx, at, &pointer, batch_input, Role::Either);
    }
}

pub(super) fn result_writer(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    writer: &ResultWriter,
) {
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
    // AWS takes `WriterConfig` alone, or `Resource` with the bucket and prefix: one of the
    // two without the other writes nowhere.
    let request = if writer.arguments.is_some() {
        Some("Arguments")
    } else {
        writer.parameters.as_ref().map(|_| "Parameters")
    };
    match (&writer.resource, request) {
        (None, Some(field)) => cx.push(
            at.diagnostic(
                Code::MissingField,
                pointer,
                format!(
                    "the `ResultWriter` of Map state `{}` has `{field}` but no `Resource`",
                    at.name
                ),
            )
            .with_hint("add `\"Resource\": \"arn:aws:states:::s3:putObject\"`"),
        ),
        (Some(_), None) => cx.push(
            at.diagnostic(
                Code::MissingField,
                pointer,
                format!(
                    "the `ResultWriter` of Map state `{}` has a `Resource` but no bucket: add `{}` with `Bucket` and `Prefix`",
                    at.name,
                    if at.is_jsonata() { "Arguments" } else { "Parameters" }
                ),
            ),
        ),
        _ => {}
    }
    if let Some(resource_value) = &writer.resource {
        let resource_pointer = pointer.key("Resource");
        resource(cx, at, &resource_pointer, resource_value);
        super::integration::s3_action(cx, at, &resource_pointer, resource_value, true);
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
