//! `ItemBatcher`: how a Distributed Map groups its items into batches.

use crate::model::{Dynamic, Payload};

/// `ItemBatcher`: groups items into batches.
///
/// Serialization order: `MaxItemsPerBatch`/`…Path`, `MaxInputBytesPerBatch`/`…Path`,
/// `BatchInput`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::State;
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Each",
///   "States": {"Each": {
///     "Type": "Map",
///     "ItemReader": {
///       "Resource": "arn:aws:states:::s3:getObject",
///       "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 500},
///       "Parameters": {"Bucket": "orders", "Key": "today.csv"}
///     },
///     "ItemBatcher": {"MaxItemsPerBatch": 25},
///     "ItemProcessor": {
///       "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
///       "StartAt": "Work",
///       "States": {"Work": {"Type": "Pass", "End": true}}
///     },
///     "ResultWriter": {
///       "Resource": "arn:aws:states:::s3:putObject",
///       "Parameters": {"Bucket": "results", "Prefix": "runs"},
///       "WriterConfig": {"OutputType": "JSONL", "Transformation": "COMPACT"}
///     },
///     "ToleratedFailurePercentage": 5,
///     "Label": "Orders",
///     "End": true
///   }}
/// }"#)?;
/// let Some(State::Map(map)) = machine.states.get("Each") else { panic!("a Map state") };
/// let batcher = map.item_batcher.as_ref().expect("an ItemBatcher");
/// assert_eq!(batcher.max_items_per_batch.as_ref().and_then(|items| items.as_literal()), Some(&25));
/// assert!(batcher.max_input_bytes_per_batch.is_none());
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ItemBatcher {
    /// Serialized as `MaxItemsPerBatch` or `MaxItemsPerBatchPath`.
    pub max_items_per_batch: Option<Dynamic<u64>>,
    /// Serialized as `MaxInputBytesPerBatch` or `MaxInputBytesPerBatchPath`.
    pub max_input_bytes_per_batch: Option<Dynamic<u64>>,
    /// Added to every batch. Serialized as `BatchInput`.
    pub batch_input: Option<Payload>,
}
