//! The Map state: inline and Distributed, with item readers, batchers and result writers.

mod batcher;
mod processor;
mod reader;
mod writer;

use serde_json::Number;

pub use batcher::ItemBatcher;
pub use processor::{ExecutionType, ItemProcessor, ProcessorConfig, ProcessorKey, ProcessorMode};
pub use reader::{
    CsvDelimiter, CsvHeaderLocation, InputType, ItemReader, ManifestType, ReaderConfig,
    ReaderTransformation,
};
pub use writer::{OutputType, ResultWriter, WriterConfig, WriterTransformation};

use super::dynamic::Dynamic;
use super::handler_list::HandlerList;
use super::path::{JsonPath, Nullable, ReferencePath};
use super::payload::{Payload, PayloadObject};
use super::retry::{Catcher, Retrier};
use super::state::{QueryLanguage, Transition};

/// `"Type": "Map"`: runs a state list for each item of an array (inline) or of a dataset
/// (Distributed); the result is the array of outputs, in item order.
///
/// Serialization order: `Type`, `Comment`, `QueryLanguage`, `InputPath`, `ItemReader`,
/// `ItemsPath`, `Items`, `ItemSelector`, `Parameters`, `ItemBatcher`,
/// `MaxConcurrency`/`…Path`, `ToleratedFailurePercentage`/`…Path`,
/// `ToleratedFailureCount`/`…Path`, `ItemProcessor` or `Iterator`, `ResultWriter`, `Label`,
/// `ResultSelector`, `ResultPath`, `OutputPath`, `Output`, `Assign`, `Retry`, `Catch`, then
/// `Next` or `End`.
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
/// assert!(map.item_processor.is_distributed());
/// assert_eq!(map.label.as_deref(), Some("Orders"));
/// assert_eq!(map.tolerated_failure_percentage.as_ref().and_then(|percent| percent.as_literal()).map(ToString::to_string).as_deref(), Some("5"));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MapState {
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
    /// Overrides the machine's query language. Serialized as `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// Selects part of the input (JSONPath). Serialized as `InputPath`.
    pub input_path: Option<Nullable<JsonPath>>,
    /// Reads items from S3 (Distributed). Serialized as `ItemReader`.
    pub item_reader: Option<ItemReader>,
    /// Selects the items array (JSONPath). Serialized as `ItemsPath`.
    pub items_path: Option<ReferencePath>,
    /// The items: an array or an expression (JSONata). Serialized as `Items`.
    pub items: Option<Payload>,
    /// Builds each iteration's input. Serialized as `ItemSelector`.
    pub item_selector: Option<Payload>,
    /// Deprecated twin of `ItemSelector` (JSONPath). Serialized as `Parameters`.
    pub parameters: Option<Payload>,
    /// Batches items (Distributed). Serialized as `ItemBatcher`.
    pub item_batcher: Option<ItemBatcher>,
    /// Iterations at once, 0 for no limit. Serialized as `MaxConcurrency` or
    /// `MaxConcurrencyPath`.
    pub max_concurrency: Option<Dynamic<u64>>,
    /// Failures tolerated, as a percentage (Distributed). Serialized as
    /// `ToleratedFailurePercentage` or `ToleratedFailurePercentagePath`.
    pub tolerated_failure_percentage: Option<Dynamic<Number>>,
    /// Failures tolerated, as a count (Distributed). Serialized as `ToleratedFailureCount`
    /// or `ToleratedFailureCountPath`.
    pub tolerated_failure_count: Option<Dynamic<u64>>,
    /// The state list run per item. Serialized under [`processor_key`](Self::processor_key).
    pub item_processor: ItemProcessor,
    /// Whether the processor is written as `ItemProcessor` or `Iterator`.
    pub processor_key: ProcessorKey,
    /// Writes results to S3 (Distributed). Serialized as `ResultWriter`.
    pub result_writer: Option<ResultWriter>,
    /// The Map Run name prefix (Distributed). Serialized as `Label`.
    pub label: Option<String>,
    /// Reshapes the result array (JSONPath). Serialized as `ResultSelector`.
    pub result_selector: Option<Payload>,
    /// Where the result goes in the input (JSONPath). Serialized as `ResultPath`.
    pub result_path: Option<Nullable<ReferencePath>>,
    /// Selects part of the output (JSONPath). Serialized as `OutputPath`.
    pub output_path: Option<Nullable<JsonPath>>,
    /// The state's output (JSONata). Serialized as `Output`.
    pub output: Option<Payload>,
    /// Variables to set. Serialized as `Assign`.
    pub assign: Option<PayloadObject>,
    /// Retry policy. Serialized as `Retry`.
    pub retry: Option<HandlerList<Retrier>>,
    /// Fallback states. Serialized as `Catch`.
    pub catch: Option<HandlerList<Catcher>>,
    /// `Next` or `End`.
    pub transition: Transition,
}

impl MapState {
    /// Whether the Map runs in `DISTRIBUTED` mode.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::model::State;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
    ///     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
    ///                       "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"#)?;
    /// let Some(State::Map(map)) = machine.states.get("Each") else { panic!("a Map state") };
    /// assert!(map.is_distributed());
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn is_distributed(&self) -> bool {
        self.item_processor.is_distributed()
    }
}
