//! The Map state: inline and Distributed, with item readers, batchers and result writers.

use serde_json::Number;

use super::dynamic::Dynamic;
use super::handler_list::HandlerList;
use super::keyword::keyword_enum;
use super::name::StateName;
use super::path::{JsonPath, Nullable, ReferencePath};
use super::payload::{Payload, PayloadObject};
use super::resource::Resource;
use super::retry::{Catcher, Retrier};
use super::state::{QueryLanguage, Transition};
use super::state_list::States;

keyword_enum! {
    /// How the Map runs its iterations. Serialized as `ProcessorConfig.Mode`.
    ProcessorMode {
        /// `INLINE`: iterations run inside the execution (the default).
        Inline = "INLINE",
        /// `DISTRIBUTED`: iterations run as child executions.
        Distributed = "DISTRIBUTED",
    }
}

keyword_enum! {
    /// The workflow type of Distributed Map child executions. Serialized as
    /// `ProcessorConfig.ExecutionType`.
    ExecutionType {
        /// `STANDARD`.
        Standard = "STANDARD",
        /// `EXPRESS`.
        Express = "EXPRESS",
    }
}

keyword_enum! {
    /// The format of the object an `ItemReader` reads. Serialized as
    /// `ReaderConfig.InputType`.
    InputType {
        /// `CSV`.
        Csv = "CSV",
        /// `JSON`.
        Json = "JSON",
        /// `JSONL`.
        Jsonl = "JSONL",
        /// `MANIFEST` (an S3 inventory manifest).
        Manifest = "MANIFEST",
        /// `PARQUET`.
        Parquet = "PARQUET",
    }
}

keyword_enum! {
    /// Where CSV column names come from. Serialized as `ReaderConfig.CSVHeaderLocation`.
    CsvHeaderLocation {
        /// `FIRST_ROW`.
        FirstRow = "FIRST_ROW",
        /// `GIVEN`: from `CSVHeaders`.
        Given = "GIVEN",
    }
}

keyword_enum! {
    /// The CSV field separator. Serialized as `ReaderConfig.CSVDelimiter`.
    CsvDelimiter {
        /// `COMMA` (the default).
        Comma = "COMMA",
        /// `PIPE`.
        Pipe = "PIPE",
        /// `SEMICOLON`.
        Semicolon = "SEMICOLON",
        /// `SPACE`.
        Space = "SPACE",
        /// `TAB`.
        Tab = "TAB",
    }
}

keyword_enum! {
    /// What an S3 listing reader yields. Serialized as `ReaderConfig.Transformation`.
    ReaderTransformation {
        /// `NONE`: the listing metadata (the default).
        None = "NONE",
        /// `LOAD_AND_FLATTEN`: the contents of the listed objects.
        LoadAndFlatten = "LOAD_AND_FLATTEN",
    }
}

keyword_enum! {
    /// The kind of manifest read. Serialized as `ReaderConfig.ManifestType`.
    ManifestType {
        /// `ATHENA_DATA`.
        AthenaData = "ATHENA_DATA",
        /// `S3_INVENTORY`.
        S3Inventory = "S3_INVENTORY",
    }
}

keyword_enum! {
    /// The format of written results. Serialized as `WriterConfig.OutputType`.
    OutputType {
        /// `JSON`.
        Json = "JSON",
        /// `JSONL`.
        Jsonl = "JSONL",
    }
}

keyword_enum! {
    /// What a result writer keeps. Serialized as `WriterConfig.Transformation`.
    WriterTransformation {
        /// `NONE`: outputs with execution metadata.
        None = "NONE",
        /// `COMPACT`: outputs only.
        Compact = "COMPACT",
        /// `FLATTEN`: outputs only, nested arrays flattened.
        Flatten = "FLATTEN",
    }
}

/// `ProcessorConfig` of an `ItemProcessor`.
///
/// Serialization order: `Mode`, `ExecutionType`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{ProcessorMode, State};
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
/// let config = map.item_processor.processor_config.as_ref().expect("a ProcessorConfig");
/// assert_eq!(config.mode, Some(ProcessorMode::Distributed));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ProcessorConfig {
    /// Serialized as `Mode`.
    pub mode: Option<ProcessorMode>,
    /// Serialized as `ExecutionType`.
    pub execution_type: Option<ExecutionType>,
}

/// The state list run for each item: `ItemProcessor` (or the legacy `Iterator`).
///
/// Serialization order: `Comment`, `QueryLanguage`, `ProcessorConfig`, `StartAt`, `States`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{ExecutionType, State};
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
/// let processor = &map.item_processor;
/// assert_eq!(processor.start_at.as_str(), "Work");
/// assert_eq!(processor.processor_config.as_ref().and_then(|config| config.execution_type.clone()), Some(ExecutionType::Express));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ItemProcessor {
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
    /// The processor's query language. Serialized as `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// Inline or Distributed. Serialized as `ProcessorConfig`.
    pub processor_config: Option<ProcessorConfig>,
    /// The first state. Serialized as `StartAt`.
    pub start_at: StateName,
    /// The states. Serialized as `States`.
    pub states: States,
}

impl ItemProcessor {
    /// Whether the processor runs in `DISTRIBUTED` mode.
    #[must_use]
    pub fn is_distributed(&self) -> bool {
        self.processor_config
            .as_ref()
            .and_then(|config| config.mode.as_ref())
            == Some(&ProcessorMode::Distributed)
    }
}

/// Which key holds the processor.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{ProcessorKey, State};
///
/// // The deprecated `Iterator` spelling is kept, so the definition prints back as written.
/// let text = r#"{"StartAt":"Each","States":{"Each":{"Type":"Map","Iterator":{"StartAt":"Work","States":{"Work":{"Type":"Pass","End":true}}},"End":true}}}"#;
/// let machine = StateMachine::from_json(text)?;
/// let Some(State::Map(map)) = machine.states.get("Each") else { panic!("a Map state") };
/// assert_eq!(map.processor_key, ProcessorKey::Iterator);
/// assert_eq!(machine.to_json(), text);
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ProcessorKey {
    /// `ItemProcessor`.
    #[default]
    ItemProcessor,
    /// `Iterator` (deprecated spelling).
    Iterator,
}

/// `ReaderConfig` of an `ItemReader`.
///
/// Serialization order: `InputType`, `CSVHeaderLocation`, `CSVHeaders`, `CSVDelimiter`,
/// `MaxItems`/`MaxItemsPath`, `Transformation`, `ManifestType`, `ItemsPointer`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{CsvHeaderLocation, InputType, State};
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
/// let config = map.item_reader.as_ref().and_then(|reader| reader.reader_config.as_ref()).expect("a ReaderConfig");
/// assert_eq!(config.input_type, Some(InputType::Csv));
/// assert_eq!(config.csv_header_location, Some(CsvHeaderLocation::FirstRow));
/// assert_eq!(config.max_items.as_ref().and_then(|items| items.as_literal()), Some(&500));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ReaderConfig {
    /// Serialized as `InputType`.
    pub input_type: Option<InputType>,
    /// Serialized as `CSVHeaderLocation`.
    pub csv_header_location: Option<CsvHeaderLocation>,
    /// Column names when the location is `GIVEN`. Serialized as `CSVHeaders`.
    pub csv_headers: Option<Dynamic<Vec<String>>>,
    /// Serialized as `CSVDelimiter`.
    pub csv_delimiter: Option<CsvDelimiter>,
    /// How many items to read at most. Serialized as `MaxItems` or `MaxItemsPath`.
    pub max_items: Option<Dynamic<u64>>,
    /// Serialized as `Transformation`.
    pub transformation: Option<ReaderTransformation>,
    /// Serialized as `ManifestType`.
    pub manifest_type: Option<ManifestType>,
    /// A JSON Pointer selecting the array in a JSON file. Serialized as `ItemsPointer`.
    pub items_pointer: Option<String>,
}

/// `ItemReader`: where a Distributed Map reads its items.
///
/// Serialization order: `Resource`, `ReaderConfig`, `Parameters`, `Arguments`.
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
/// let reader = map.item_reader.as_ref().expect("an ItemReader");
/// assert_eq!(reader.resource.to_string(), "arn:aws:states:::s3:getObject");
/// assert!(reader.parameters.is_some());
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ItemReader {
    /// `arn:aws:states:::s3:getObject` or `…:s3:listObjectsV2`. Serialized as `Resource`.
    pub resource: Resource,
    /// Serialized as `ReaderConfig`.
    pub reader_config: Option<ReaderConfig>,
    /// Bucket and key (JSONPath). Serialized as `Parameters`.
    pub parameters: Option<Payload>,
    /// Bucket and key (JSONata). Serialized as `Arguments`.
    pub arguments: Option<Payload>,
}

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

/// `WriterConfig` of a `ResultWriter`.
///
/// Serialization order: `OutputType`, `Transformation`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::{OutputType, State, WriterTransformation};
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
/// let config = map.result_writer.as_ref().and_then(|writer| writer.writer_config.as_ref()).expect("a WriterConfig");
/// assert_eq!(config.output_type, Some(OutputType::Jsonl));
/// assert_eq!(config.transformation, Some(WriterTransformation::Compact));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WriterConfig {
    /// Serialized as `OutputType`.
    pub output_type: Option<OutputType>,
    /// Serialized as `Transformation`.
    pub transformation: Option<WriterTransformation>,
}

/// `ResultWriter`: where a Distributed Map writes its results.
///
/// Serialization order: `Resource`, `WriterConfig`, `Parameters`, `Arguments`.
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
/// let writer = map.result_writer.as_ref().expect("a ResultWriter");
/// assert_eq!(writer.resource.as_ref().map(ToString::to_string).as_deref(), Some("arn:aws:states:::s3:putObject"));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ResultWriter {
    /// `arn:aws:states:::s3:putObject`. Serialized as `Resource`.
    pub resource: Option<Resource>,
    /// Serialized as `WriterConfig`.
    pub writer_config: Option<WriterConfig>,
    /// Bucket and prefix (JSONPath). Serialized as `Parameters`.
    pub parameters: Option<Payload>,
    /// Bucket and prefix (JSONata). Serialized as `Arguments`.
    pub arguments: Option<Payload>,
}

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
    #[must_use]
    pub fn is_distributed(&self) -> bool {
        self.item_processor.is_distributed()
    }
}
