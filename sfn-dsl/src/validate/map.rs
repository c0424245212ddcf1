//! The Map state, inline and Distributed (ASL reference §3.8).

use super::code::Code;
use super::cx::{At, Cx};
use super::distributed::{check_label, item_batcher, item_reader, result_writer};
use super::fields::{self, PathForm};
use super::payload::{self, Role};
use super::size::MAX_PAYLOAD_BYTES;
use super::state::io_paths;
use super::syntax::{self, PathKind};
use super::values;
use crate::model::{ExecutionType, MapState, NearMiss, Payload, ProcessorKey, ProcessorMode};

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
            // An object is iterated by key and value (current AWS; §3.8.1 of the reference).
            Payload::Array(_) | Payload::Object(_) | Payload::Jsonata(_) => {
                payload::check(cx, at, &at.pointer.key("Items"), items, Role::Expression);
            }
            _ => {
                let mut diagnostic = at.field(
                    Code::WrongType,
                    "Items",
                    format!(
                        "`Items` of Map state `{}` must be an array, an object or a `{{% … %}}` expression",
                        at.name
                    ),
                );
                if let Payload::String(text) = items
                    && let Some(near_miss) = NearMiss::of(text)
                {
                    diagnostic = diagnostic.with_hint(near_miss.hint());
                }
                cx.push(diagnostic);
            }
        }
    }
    if let Some(selector) = &map.item_selector {
        let pointer = at.pointer.key("ItemSelector");
        payload::warn_not_object(cx, at, &pointer, selector);
        payload::check(cx, at, &pointer, selector, Role::Either);
    }
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
