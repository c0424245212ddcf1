//! Serialization of Map states and the Distributed Map settings.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::state::write_transition;
use super::value::{write_dynamic, write_opt};
use crate::model::{
    CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType, ItemBatcher, ItemProcessor,
    ItemReader, ManifestType, MapState, OutputType, ProcessorConfig, ProcessorKey, ProcessorMode,
    ReaderConfig, ReaderTransformation, ResultWriter, WriterConfig, WriterTransformation,
};

macro_rules! serialize_keyword {
    ($($type:ty),+) => {
        $(impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        })+
    };
}

serialize_keyword!(
    ProcessorMode,
    ExecutionType,
    InputType,
    CsvHeaderLocation,
    CsvDelimiter,
    ReaderTransformation,
    ManifestType,
    OutputType,
    WriterTransformation
);

impl Serialize for MapState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", "Map")?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        write_opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        write_opt(&mut map, "InputPath", self.input_path.as_ref())?;
        write_opt(&mut map, "ItemReader", self.item_reader.as_ref())?;
        write_opt(&mut map, "ItemsPath", self.items_path.as_ref())?;
        write_opt(&mut map, "Items", self.items.as_ref())?;
        write_opt(&mut map, "ItemSelector", self.item_selector.as_ref())?;
        write_opt(&mut map, "Parameters", self.parameters.as_ref())?;
        write_opt(&mut map, "ItemBatcher", self.item_batcher.as_ref())?;
        write_dynamic(
            &mut map,
            "MaxConcurrency",
            "MaxConcurrencyPath",
            self.max_concurrency.as_ref(),
        )?;
        write_dynamic(
            &mut map,
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
            self.tolerated_failure_percentage.as_ref(),
        )?;
        write_dynamic(
            &mut map,
            "ToleratedFailureCount",
            "ToleratedFailureCountPath",
            self.tolerated_failure_count.as_ref(),
        )?;
        let processor_key = match self.processor_key {
            ProcessorKey::ItemProcessor => "ItemProcessor",
            ProcessorKey::Iterator => "Iterator",
        };
        {
            let _nested = super::Nesting::enter::<S::Error>(crate::limits::MAP_LEVELS)?;
            map.serialize_entry(processor_key, &self.item_processor)?;
        }
        write_opt(&mut map, "ResultWriter", self.result_writer.as_ref())?;
        write_opt(&mut map, "Label", self.label.as_ref())?;
        write_opt(&mut map, "ResultSelector", self.result_selector.as_ref())?;
        write_opt(&mut map, "ResultPath", self.result_path.as_ref())?;
        write_opt(&mut map, "OutputPath", self.output_path.as_ref())?;
        write_opt(&mut map, "Output", self.output.as_ref())?;
        write_opt(&mut map, "Assign", self.assign.as_ref())?;
        write_opt(&mut map, "Retry", self.retry.as_ref())?;
        write_opt(&mut map, "Catch", self.catch.as_ref())?;
        write_transition(&mut map, &self.transition)?;
        map.end()
    }
}

impl Serialize for ItemProcessor {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        write_opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        write_opt(&mut map, "ProcessorConfig", self.processor_config.as_ref())?;
        map.serialize_entry("StartAt", &self.start_at)?;
        map.serialize_entry("States", &self.states)?;
        map.end()
    }
}

impl Serialize for ProcessorConfig {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_opt(&mut map, "Mode", self.mode.as_ref())?;
        write_opt(&mut map, "ExecutionType", self.execution_type.as_ref())?;
        map.end()
    }
}

impl Serialize for ItemReader {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Resource", &self.resource)?;
        write_opt(&mut map, "ReaderConfig", self.reader_config.as_ref())?;
        write_opt(&mut map, "Parameters", self.parameters.as_ref())?;
        write_opt(&mut map, "Arguments", self.arguments.as_ref())?;
        map.end()
    }
}

impl Serialize for ReaderConfig {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_opt(&mut map, "InputType", self.input_type.as_ref())?;
        write_opt(
            &mut map,
            "CSVHeaderLocation",
            self.csv_header_location.as_ref(),
        )?;
        write_dynamic(
            &mut map,
            "CSVHeaders",
            "CSVHeadersPath",
            self.csv_headers.as_ref(),
        )?;
        write_opt(&mut map, "CSVDelimiter", self.csv_delimiter.as_ref())?;
        write_dynamic(
            &mut map,
            "MaxItems",
            "MaxItemsPath",
            self.max_items.as_ref(),
        )?;
        write_opt(&mut map, "Transformation", self.transformation.as_ref())?;
        write_opt(&mut map, "ManifestType", self.manifest_type.as_ref())?;
        write_opt(&mut map, "ItemsPointer", self.items_pointer.as_ref())?;
        map.end()
    }
}

impl Serialize for ItemBatcher {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_dynamic(
            &mut map,
            "MaxItemsPerBatch",
            "MaxItemsPerBatchPath",
            self.max_items_per_batch.as_ref(),
        )?;
        write_dynamic(
            &mut map,
            "MaxInputBytesPerBatch",
            "MaxInputBytesPerBatchPath",
            self.max_input_bytes_per_batch.as_ref(),
        )?;
        write_opt(&mut map, "BatchInput", self.batch_input.as_ref())?;
        map.end()
    }
}

impl Serialize for WriterConfig {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_opt(&mut map, "OutputType", self.output_type.as_ref())?;
        write_opt(&mut map, "Transformation", self.transformation.as_ref())?;
        map.end()
    }
}

impl Serialize for ResultWriter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_opt(&mut map, "Resource", self.resource.as_ref())?;
        write_opt(&mut map, "WriterConfig", self.writer_config.as_ref())?;
        write_opt(&mut map, "Parameters", self.parameters.as_ref())?;
        write_opt(&mut map, "Arguments", self.arguments.as_ref())?;
        map.end()
    }
}
