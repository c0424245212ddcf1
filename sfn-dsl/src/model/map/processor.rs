//! The state list a Map runs for each item, and whether it runs inline or distributed.

use crate::model::keyword::keyword_enum;
use crate::model::{QueryLanguage, StateName, States};

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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::model::State;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
    ///     "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"#)?;
    /// let Some(State::Map(map)) = machine.states.get("Each") else { panic!("a Map state") };
    /// assert!(!map.item_processor.is_distributed()); // no `ProcessorConfig`: inline
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
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
