//! `ResultWriter`: where a Distributed Map writes its results, and in which format.

use crate::model::keyword::keyword_enum;
use crate::model::{Payload, Resource};

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
