//! `ItemBatcher`: groups a Map's items into batches of at most `MaxItemsPerBatch` items
//! and `MaxInputBytesPerBatch` bytes, each with the `BatchInput`.

use serde_json::{Map, Value};
use sfn_dsl::model::MapState;

use super::settings::{self, Source};
use super::tally::ItemCounts;
use crate::executor::eval::{self, States};
use crate::executor::failure::Failure;
use crate::executor::limits::json_size;
use crate::executor::step::Env;

/// Groups items into batches when an `ItemBatcher` is set: the iterations' inputs, and
/// how many items each carries.
pub(super) fn batch(
    env: &Env<'_, '_>,
    state: &MapState,
    items: Vec<Value>,
    context: &Value,
    raw_input: &Value,
    effective: &Value,
) -> Result<(Vec<Value>, ItemCounts), Failure> {
    let Some(item_batcher) = &state.item_batcher else {
        return Ok((items, ItemCounts::One));
    };
    // A size read from the input or computed by JSONata is not held to the ranges a
    // literal is (at least 1, at most 256 KiB of input): 0 means no limit, and a byte limit
    // above 256 KiB is accepted, as AWS does for `MaxItemsPath` (recorded:
    // `test_map_item_reader_csv_max_items_paths[0]`, `[100000001]`; no recording shows the
    // batch sizes themselves). A batch over the payload quota fails when the iterations'
    // inputs are checked.
    let source = if env.is_jsonata() {
        Source::Jsonata(States::new(raw_input, context, env.tools()))
    } else {
        Source::JsonPath(env.scope(effective, context))
    };
    let max_items = settings::integer(
        env,
        &source,
        item_batcher.max_items_per_batch.as_ref(),
        "MaxItemsPerBatch",
    )?
    .filter(|limit| *limit > 0)
    .map_or(usize::MAX, |limit| {
        usize::try_from(limit).unwrap_or(usize::MAX)
    });
    let max_bytes = settings::integer(
        env,
        &source,
        item_batcher.max_input_bytes_per_batch.as_ref(),
        "MaxInputBytesPerBatch",
    )?
    .filter(|limit| *limit > 0)
    .map_or(usize::MAX, |limit| {
        usize::try_from(limit).unwrap_or(usize::MAX)
    });
    let batch_input = match (&item_batcher.batch_input, &source) {
        (None, _) => None,
        (Some(payload), Source::JsonPath(scope)) => Some(eval::template(payload, scope)?),
        (Some(payload), Source::Jsonata(states)) => Some(eval::jsonata_payload(
            payload,
            states,
            env.variables,
            "ItemBatcher/BatchInput",
        )?),
    };
    let mut batches = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut bytes = 0;
    for item in items {
        let size = json_size(&item);
        if !current.is_empty() && (current.len() >= max_items || bytes + size > max_bytes) {
            batches.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += size;
        current.push(item);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    let counts = ItemCounts::Batches(batches.iter().map(|batch| batch.len() as u64).collect());
    let inputs = batches
        .into_iter()
        .map(|items| {
            let mut object = Map::new();
            if let Some(batch_input) = &batch_input {
                object.insert("BatchInput".into(), batch_input.clone());
            }
            object.insert("Items".into(), Value::Array(items));
            Value::Object(object)
        })
        .collect();
    Ok((inputs, counts))
}
