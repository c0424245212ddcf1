//! Reading Map states and the Distributed Map settings.

use std::fmt;

use super::Cx;
use super::fields::{Fields, expression_or_placeholder, read_string};
use super::machine::item_processor;
use super::state::{read_catchers, read_retriers, transition};
use crate::error::ParseIssueKind;
use crate::model::{
    CsvDelimiter, CsvHeaderLocation, Dynamic, InputType, ItemBatcher, ItemReader, ManifestType,
    MapState, OutputType, ProcessorKey, ReaderConfig, ReaderTransformation, Resource, ResultWriter,
    State, WriterConfig, WriterTransformation,
};
use crate::source::{Node, NodeValue, Pointer};

pub(super) fn map(
    cx: &mut Cx,
    fields: &mut Fields<'_, '_>,
    what: &dyn fmt::Display,
) -> Option<State> {
    let mark = cx.mark();
    let comment = fields.string(cx, "Comment");
    let query_language = fields.query_language(cx);
    let input_path = fields.nullable_path(cx, "InputPath");
    let item_reader = fields
        .take("ItemReader")
        .and_then(|node| item_reader(cx, node, &fields.pointer.key("ItemReader")));
    let items_path = fields.reference_path(cx, "ItemsPath");
    let items = fields.payload(cx, "Items");
    let item_selector = fields.payload(cx, "ItemSelector");
    let parameters = fields.payload(cx, "Parameters");
    let item_batcher = fields
        .take("ItemBatcher")
        .and_then(|node| item_batcher(cx, node, &fields.pointer.key("ItemBatcher")));
    let max_concurrency = fields.dynamic_unsigned(cx, "MaxConcurrency", "MaxConcurrencyPath");
    let tolerated_failure_percentage = fields.dynamic_number(
        cx,
        "ToleratedFailurePercentage",
        "ToleratedFailurePercentagePath",
    );
    let tolerated_failure_count =
        fields.dynamic_unsigned(cx, "ToleratedFailureCount", "ToleratedFailureCountPath");
    let processor = match (fields.take("ItemProcessor"), fields.take("Iterator")) {
        (Some(node), None) => item_processor(
            cx,
            node,
            &fields.pointer.key("ItemProcessor"),
            &format_args!("the `ItemProcessor` of {what}"),
        )
        .map(|processor| (processor, ProcessorKey::ItemProcessor)),
        (None, Some(node)) => item_processor(
            cx,
            node,
            &fields.pointer.key("Iterator"),
            &format_args!("the `Iterator` of {what}"),
        )
        .map(|processor| (processor, ProcessorKey::Iterator)),
        (Some(_), Some(node)) => {
            cx.report_with_hint(
                ParseIssueKind::ConflictingFields,
                &fields.pointer.key("Iterator"),
                node.span(),
                format!("the {what} has both `ItemProcessor` and `Iterator`"),
                "`Iterator` is the deprecated name of `ItemProcessor`; keep one".to_owned(),
            );
            None
        }
        (None, None) => {
            fields.missing(cx, "ItemProcessor", &format_args!("the {what}"));
            None
        }
    };
    let result_writer = fields
        .take("ResultWriter")
        .and_then(|node| result_writer(cx, node, &fields.pointer.key("ResultWriter")));
    let label = fields.string(cx, "Label");
    let result_selector = fields.payload(cx, "ResultSelector");
    let result_path = fields.nullable_reference_path(cx, "ResultPath");
    let output_path = fields.nullable_path(cx, "OutputPath");
    let output = fields.payload(cx, "Output");
    let assign = fields.payload_object(cx, "Assign");
    let retry = read_retriers(cx, fields);
    let catch = read_catchers(cx, fields);
    let transition = transition(cx, fields, what);
    fields.finish(cx, &format_args!("a {what}"));
    if cx.failed_since(mark) {
        return None;
    }
    let (item_processor, processor_key) = processor?;
    Some(State::from(MapState {
        comment,
        query_language,
        input_path,
        item_reader,
        items_path,
        items,
        item_selector,
        parameters,
        item_batcher,
        max_concurrency,
        tolerated_failure_percentage,
        tolerated_failure_count,
        item_processor,
        processor_key,
        result_writer,
        label,
        result_selector,
        result_path,
        output_path,
        output,
        assign,
        retry,
        catch,
        transition: transition?,
    }))
}

fn item_reader(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<ItemReader> {
    let what: &dyn fmt::Display = &"`ItemReader`";
    let mark = cx.mark();
    let mut fields = Fields::new(cx, node, pointer, "an object")?;
    let resource = fields.required_str(cx, "Resource", what);
    let reader_config = fields
        .take("ReaderConfig")
        .and_then(|node| reader_config(cx, node, &pointer.key("ReaderConfig")));
    let parameters = fields.payload(cx, "Parameters");
    let arguments = fields.payload(cx, "Arguments");
    fields.finish(cx, what);
    if cx.failed_since(mark) {
        return None;
    }
    Some(ItemReader {
        resource: Resource::parse(&resource?),
        reader_config,
        parameters,
        arguments,
    })
}

fn reader_config(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<ReaderConfig> {
    let mut fields = Fields::new(cx, node, pointer, "an object")?;
    let config = ReaderConfig {
        input_type: fields.keyword(cx, "InputType", InputType::parse),
        csv_header_location: fields.keyword(cx, "CSVHeaderLocation", CsvHeaderLocation::parse),
        csv_headers: fields
            .take("CSVHeaders")
            .and_then(|node| csv_headers(cx, node, &pointer.key("CSVHeaders"))),
        csv_delimiter: fields.keyword(cx, "CSVDelimiter", CsvDelimiter::parse),
        max_items: fields.dynamic_unsigned(cx, "MaxItems", "MaxItemsPath"),
        transformation: fields.keyword(cx, "Transformation", ReaderTransformation::parse),
        manifest_type: fields.keyword(cx, "ManifestType", ManifestType::parse),
        items_pointer: fields.string(cx, "ItemsPointer"),
    };
    fields.finish(cx, &"`ReaderConfig`");
    Some(config)
}

fn csv_headers(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<Dynamic<Vec<String>>> {
    match node.value() {
        NodeValue::Array(items) => {
            let mark = cx.mark();
            let headers: Vec<String> = items
                .iter()
                .enumerate()
                .filter_map(|(index, item)| read_string(cx, item, &pointer.index(index)))
                .collect();
            (!cx.failed_since(mark)).then_some(Dynamic::Literal(headers))
        }
        _ => expression_or_placeholder(cx, node, pointer, "an array of column names"),
    }
}

fn item_batcher(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<ItemBatcher> {
    let mut fields = Fields::new(cx, node, pointer, "an object")?;
    let batcher = ItemBatcher {
        max_items_per_batch: fields.dynamic_unsigned(
            cx,
            "MaxItemsPerBatch",
            "MaxItemsPerBatchPath",
        ),
        max_input_bytes_per_batch: fields.dynamic_unsigned(
            cx,
            "MaxInputBytesPerBatch",
            "MaxInputBytesPerBatchPath",
        ),
        batch_input: fields.payload(cx, "BatchInput"),
    };
    fields.finish(cx, &"`ItemBatcher`");
    Some(batcher)
}

fn result_writer(cx: &mut Cx, node: Node<'_>, pointer: &Pointer<'_>) -> Option<ResultWriter> {
    let mut fields = Fields::new(cx, node, pointer, "an object")?;
    let resource = fields
        .str(cx, "Resource")
        .map(|text| Resource::parse(&text));
    let writer_config = fields.take("WriterConfig").and_then(|node| {
        let config_pointer = pointer.key("WriterConfig");
        let mut config_fields = Fields::new(cx, node, &config_pointer, "an object")?;
        let config = WriterConfig {
            output_type: config_fields.keyword(cx, "OutputType", OutputType::parse),
            transformation: config_fields.keyword(
                cx,
                "Transformation",
                WriterTransformation::parse,
            ),
        };
        config_fields.finish(cx, &"`WriterConfig`");
        Some(config)
    });
    let writer = ResultWriter {
        resource,
        writer_config,
        parameters: fields.payload(cx, "Parameters"),
        arguments: fields.payload(cx, "Arguments"),
    };
    fields.finish(cx, &"`ResultWriter`");
    Some(writer)
}
