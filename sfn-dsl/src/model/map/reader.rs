//! `ItemReader`: where a Distributed Map reads its items, and in which format.

use crate::model::keyword::keyword_enum;
use crate::model::{Dynamic, Payload, Resource};

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
