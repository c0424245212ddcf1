//! Builders of the Distributed Map's item reader, item batcher and result writer.

use super::arg::{Arg, Request};
use crate::model::{
    CsvDelimiter, CsvHeaderLocation, Dynamic, InputType, IntegrationPattern, ItemBatcher,
    ItemReader, ManifestType, OutputType, Payload, ReaderConfig, ReaderTransformation, Resource,
    ResultWriter, WriterConfig, WriterTransformation,
};

/// Builds an `ItemReader`: where a Distributed Map reads its items.
///
/// The bucket, key and prefix are [`Arg`]s, written as `Parameters` in JSONPath states and
/// `Arguments` in JSONata states.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let reader = ItemReader::s3_object("my-bucket", Arg::input_field("key")).csv().max_items(1000);
/// let map = MapState::builder("Rows")
///     .distributed(ExecutionType::Express)
///     .item_reader(reader)
///     .item_processor(TaskState::lambda_invoke("Row", "process-row"));
/// let machine = StateMachine::builder().start(map).build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Rows"]["ItemReader"],
///     json!({
///         "Resource": "arn:aws:states:::s3:getObject",
///         "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 1000},
///         "Parameters": {"Bucket": "my-bucket", "Key.$": "$.key"}
///     })
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct ItemReaderBuilder {
    resource: Resource,
    request: Request,
    config: ReaderConfig,
}

impl ItemReader {
    /// Reads the items of one S3 object (`s3:getObject`): a JSON array by default, or
    /// CSV, JSON Lines, Parquet or a manifest.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Rows")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(ItemReader::s3_object("my-bucket", Arg::input_field("key")))
    ///     .item_processor(PassState::builder("Row"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let reader = &machine.to_value()["States"]["Rows"]["ItemReader"];
    /// assert_eq!(reader["Resource"], "arn:aws:states:::s3:getObject");
    /// assert_eq!(reader["Parameters"]["Key.$"], "$.key");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn s3_object(bucket: impl Into<Arg>, key: impl Into<Arg>) -> ItemReaderBuilder {
        ItemReaderBuilder {
            resource: Resource::integration("s3", "getObject", IntegrationPattern::RequestResponse),
            request: Request::new().field("Bucket", bucket).field("Key", key),
            config: ReaderConfig::default(),
        }
    }

    /// Iterates over the objects under an S3 prefix (`s3:listObjectsV2`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Files")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(ItemReader::s3_listing("my-bucket", "incoming/"))
    ///     .item_processor(PassState::builder("File"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let reader = &machine.to_value()["States"]["Files"]["ItemReader"];
    /// assert_eq!(reader["Resource"], "arn:aws:states:::s3:listObjectsV2");
    /// assert_eq!(reader["Parameters"], json!({"Bucket": "my-bucket", "Prefix": "incoming/"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn s3_listing(bucket: impl Into<Arg>, prefix: impl Into<Arg>) -> ItemReaderBuilder {
        ItemReaderBuilder {
            resource: Resource::integration(
                "s3",
                "listObjectsV2",
                IntegrationPattern::RequestResponse,
            ),
            request: Request::new()
                .field("Bucket", bucket)
                .field("Prefix", prefix),
            config: ReaderConfig::default(),
        }
    }
}

impl ItemReaderBuilder {
    /// Sets the input type, dropping the settings of the previous one (the CSV header
    /// settings, the JSON items pointer), so that the last format chosen wins whole.
    fn input_type(&mut self, input_type: InputType) {
        if input_type != InputType::Csv {
            self.config.csv_header_location = None;
            self.config.csv_headers = None;
            self.config.csv_delimiter = None;
        }
        if input_type != InputType::Json {
            self.config.items_pointer = None;
        }
        self.config.input_type = Some(input_type);
    }

    /// A CSV file whose first row names the columns. Serialized as `"InputType": "CSV"`
    /// and `"CSVHeaderLocation": "FIRST_ROW"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Rows")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(ItemReader::s3_object("my-bucket", "rows.csv").csv())
    ///     .item_processor(PassState::builder("Row"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Rows"]["ItemReader"]["ReaderConfig"];
    /// assert_eq!(config, &json!({"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn csv(mut self) -> Self {
        self.input_type(InputType::Csv);
        self.config.csv_header_location = Some(CsvHeaderLocation::FirstRow);
        self
    }

    /// A CSV file without a header row, with these column names. Serialized as
    /// `"CSVHeaderLocation": "GIVEN"` and `CSVHeaders`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("my-bucket", "rows.csv").csv_headers(["id", "amount"]);
    /// let map = MapState::builder("Rows")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(reader)
    ///     .item_processor(PassState::builder("Row"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Rows"]["ItemReader"]["ReaderConfig"];
    /// assert_eq!(config["CSVHeaderLocation"], "GIVEN");
    /// assert_eq!(config["CSVHeaders"], json!(["id", "amount"]));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn csv_headers<S: Into<String>>(mut self, headers: impl IntoIterator<Item = S>) -> Self {
        self.input_type(InputType::Csv);
        self.config.csv_header_location = Some(CsvHeaderLocation::Given);
        self.config.csv_headers = Some(Dynamic::Literal(
            headers.into_iter().map(Into::into).collect(),
        ));
        self
    }

    /// The CSV field separator. Serialized as `CSVDelimiter`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("my-bucket", "rows.csv")
    ///     .csv()
    ///     .csv_delimiter(CsvDelimiter::Semicolon);
    /// let map = MapState::builder("Rows")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(reader)
    ///     .item_processor(PassState::builder("Row"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Rows"]["ItemReader"]["ReaderConfig"];
    /// assert_eq!(config["CSVDelimiter"], "SEMICOLON");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn csv_delimiter(mut self, delimiter: CsvDelimiter) -> Self {
        self.config.csv_delimiter = Some(delimiter);
        self
    }

    /// A JSON file holding an array. Serialized as `"InputType": "JSON"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// // The last format chosen wins whole: the CSV header setting is dropped.
    /// let reader = ItemReader::s3_object("my-bucket", "items.json").csv().json();
    /// let map = MapState::builder("Items")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(reader)
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Items"]["ItemReader"]["ReaderConfig"];
    /// assert_eq!(config, &json!({"InputType": "JSON"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn json(mut self) -> Self {
        self.input_type(InputType::Json);
        self
    }

    /// A JSON file whose items are the array at this JSON Pointer, such as `/data/items`.
    /// Serialized as `"InputType": "JSON"` and `ItemsPointer`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("my-bucket", "export.json").json_items_at("/data/items");
    /// let map = MapState::builder("Items")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(reader)
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Items"]["ItemReader"]["ReaderConfig"];
    /// assert_eq!(config, &json!({"InputType": "JSON", "ItemsPointer": "/data/items"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn json_items_at(mut self, pointer: impl Into<String>) -> Self {
        self.input_type(InputType::Json);
        self.config.items_pointer = Some(pointer.into());
        self
    }

    /// A JSON Lines file. Serialized as `"InputType": "JSONL"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Lines")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(ItemReader::s3_object("my-bucket", "events.jsonl").jsonl())
    ///     .item_processor(PassState::builder("Line"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Lines"]["ItemReader"]["ReaderConfig"];
    /// assert_eq!(config["InputType"], "JSONL");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn jsonl(mut self) -> Self {
        self.input_type(InputType::Jsonl);
        self
    }

    /// A Parquet file. Serialized as `"InputType": "PARQUET"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Rows")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(ItemReader::s3_object("my-bucket", "rows.parquet").parquet())
    ///     .item_processor(PassState::builder("Row"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Rows"]["ItemReader"]["ReaderConfig"];
    /// assert_eq!(config["InputType"], "PARQUET");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn parquet(mut self) -> Self {
        self.input_type(InputType::Parquet);
        self
    }

    /// An S3 inventory or Athena manifest. Serialized as `ManifestType` (and
    /// `"InputType": "MANIFEST"` for Athena data).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("my-bucket", "manifest.csv").manifest(ManifestType::AthenaData);
    /// let map = MapState::builder("Rows")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(reader)
    ///     .item_processor(PassState::builder("Row"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Rows"]["ItemReader"]["ReaderConfig"];
    /// assert_eq!(config, &json!({"InputType": "MANIFEST", "ManifestType": "ATHENA_DATA"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn manifest(mut self, manifest: ManifestType) -> Self {
        if manifest == ManifestType::AthenaData {
            self.input_type(InputType::Manifest);
        }
        self.config.manifest_type = Some(manifest);
        self
    }

    /// Reads the listed objects' contents instead of their metadata (`s3_listing` only).
    /// Serialized as `"Transformation": "LOAD_AND_FLATTEN"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_listing("my-bucket", "incoming/").load_and_flatten();
    /// let map = MapState::builder("Files")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(reader)
    ///     .item_processor(PassState::builder("File"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Files"]["ItemReader"]["ReaderConfig"];
    /// assert_eq!(config["Transformation"], "LOAD_AND_FLATTEN");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn load_and_flatten(mut self) -> Self {
        self.config.transformation = Some(ReaderTransformation::LoadAndFlatten);
        self
    }

    /// Reads at most this many items, 1 to 100,000,000. Serialized as `MaxItems` (or
    /// `MaxItemsPath`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("my-bucket", "items.json").max_items(500);
    /// let map = MapState::builder("Items")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(reader)
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Items"]["ItemReader"]["ReaderConfig"];
    /// assert_eq!(config["MaxItems"], 500);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn max_items(mut self, items: impl Into<Dynamic<u64>>) -> Self {
        self.config.max_items = Some(items.into());
        self
    }

    /// Adds a field to the request, such as `VersionId`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("my-bucket", "items.json").field("VersionId", "v2");
    /// let map = MapState::builder("Items")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(reader)
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let reader = &machine.to_value()["States"]["Items"]["ItemReader"];
    /// assert_eq!(reader["Parameters"]["VersionId"], "v2");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn field(mut self, key: impl Into<String>, value: impl Into<Arg>) -> Self {
        self.request.set(key, value);
        self
    }

    /// The reader (its request still to be written) and the request.
    pub(crate) fn finish(self) -> (ItemReader, Request) {
        let config = (self.config != ReaderConfig::default()).then_some(self.config);
        (
            ItemReader {
                resource: self.resource,
                reader_config: config,
                parameters: None,
                arguments: None,
            },
            self.request,
        )
    }
}

/// Builds an `ItemBatcher`: groups a Distributed Map's items into batches. At least one
/// size limit is required, `MaxItemsPerBatch` at least 1 and `MaxInputBytesPerBatch` 1 to
/// 262,144 (checked by `build()` when they are numbers).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let batcher = ItemBatcher::builder()
///     .max_items_per_batch(100)
///     .batch_input(json!({"run.$": "$$.Execution.Name"}));
/// let map = MapState::builder("Batches")
///     .distributed(ExecutionType::Standard)
///     .item_batcher(batcher)
///     .item_processor(TaskState::lambda_invoke("Batch", "process-batch"));
/// let machine = StateMachine::builder().start(map).build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Batches"]["ItemBatcher"],
///     json!({"MaxItemsPerBatch": 100, "BatchInput": {"run.$": "$$.Execution.Name"}})
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct ItemBatcherBuilder {
    batcher: ItemBatcher,
}

impl ItemBatcher {
    /// A builder for an item batcher; set at least one size limit.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Batches")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_batcher(ItemBatcher::builder().max_items_per_batch(50))
    ///     .item_processor(PassState::builder("Batch"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// assert_eq!(machine.to_value()["States"]["Batches"]["ItemBatcher"]["MaxItemsPerBatch"], 50);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder() -> ItemBatcherBuilder {
        ItemBatcherBuilder::default()
    }
}

impl ItemBatcherBuilder {
    /// At most this many items per batch. Serialized as `MaxItemsPerBatch` (or
    /// `MaxItemsPerBatchPath`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let batcher = ItemBatcher::builder().max_items_per_batch(Dynamic::path("$.batchSize"));
    /// let map = MapState::builder("Batches")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_batcher(batcher)
    ///     .item_processor(PassState::builder("Batch"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let batcher = &machine.to_value()["States"]["Batches"]["ItemBatcher"];
    /// assert_eq!(batcher["MaxItemsPerBatchPath"], "$.batchSize");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn max_items_per_batch(mut self, items: impl Into<Dynamic<u64>>) -> Self {
        self.batcher.max_items_per_batch = Some(items.into());
        self
    }

    /// At most this many bytes of input per batch (up to 256 KiB). Serialized as
    /// `MaxInputBytesPerBatch` (or `MaxInputBytesPerBatchPath`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let batcher = ItemBatcher::builder().max_input_bytes_per_batch(262_144);
    /// let map = MapState::builder("Batches")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_batcher(batcher)
    ///     .item_processor(PassState::builder("Batch"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let batcher = &machine.to_value()["States"]["Batches"]["ItemBatcher"];
    /// assert_eq!(batcher["MaxInputBytesPerBatch"], 262_144);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn max_input_bytes_per_batch(mut self, bytes: impl Into<Dynamic<u64>>) -> Self {
        self.batcher.max_input_bytes_per_batch = Some(bytes.into());
        self
    }

    /// JSON added to every batch under `BatchInput`. Serialized as `BatchInput`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let batcher = ItemBatcher::builder()
    ///     .max_items_per_batch(10)
    ///     .batch_input(json!({"region": "eu-west-1"}));
    /// let map = MapState::builder("Batches")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_batcher(batcher)
    ///     .item_processor(PassState::builder("Batch"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let batcher = &machine.to_value()["States"]["Batches"]["ItemBatcher"];
    /// assert_eq!(batcher["BatchInput"], json!({"region": "eu-west-1"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn batch_input(mut self, input: impl Into<Payload>) -> Self {
        self.batcher.batch_input = Some(input.into());
        self
    }

    pub(crate) fn finish(self) -> ItemBatcher {
        self.batcher
    }
}

/// Builds a `ResultWriter`: where a Distributed Map writes its results instead of
/// returning them.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let writer = ResultWriter::s3("results-bucket", "runs/")
///     .output_type(OutputType::Jsonl)
///     .transformation(WriterTransformation::Compact);
/// let map = MapState::builder("Files")
///     .distributed(ExecutionType::Standard)
///     .item_reader(ItemReader::s3_listing("input-bucket", "incoming/"))
///     .result_writer(writer)
///     .item_processor(TaskState::lambda_invoke("File", "process-file"));
/// let machine = StateMachine::builder().start(map).build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Files"]["ResultWriter"],
///     json!({
///         "Resource": "arn:aws:states:::s3:putObject",
///         "WriterConfig": {"OutputType": "JSONL", "Transformation": "COMPACT"},
///         "Parameters": {"Bucket": "results-bucket", "Prefix": "runs/"}
///     })
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct ResultWriterBuilder {
    request: Request,
    config: WriterConfig,
}

impl ResultWriter {
    /// Writes the results under `prefix` in `bucket` (`s3:putObject`).
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each")
    ///     .distributed(ExecutionType::Standard)
    ///     .result_writer(ResultWriter::s3("results", Arg::input_field("prefix")))
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let writer = &machine.to_value()["States"]["Each"]["ResultWriter"];
    /// assert_eq!(writer["Parameters"], json!({"Bucket": "results", "Prefix.$": "$.prefix"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn s3(bucket: impl Into<Arg>, prefix: impl Into<Arg>) -> ResultWriterBuilder {
        ResultWriterBuilder {
            request: Request::new()
                .field("Bucket", bucket)
                .field("Prefix", prefix),
            config: WriterConfig::default(),
        }
    }
}

impl ResultWriterBuilder {
    /// The format of the written results. Serialized as `WriterConfig.OutputType`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let writer = ResultWriter::s3("results", "runs/").output_type(OutputType::Json);
    /// let map = MapState::builder("Each")
    ///     .distributed(ExecutionType::Standard)
    ///     .result_writer(writer)
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Each"]["ResultWriter"]["WriterConfig"];
    /// assert_eq!(config["OutputType"], "JSON");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn output_type(mut self, output_type: OutputType) -> Self {
        self.config.output_type = Some(output_type);
        self
    }

    /// What is kept of each result. Serialized as `WriterConfig.Transformation`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let writer = ResultWriter::s3("results", "runs/").transformation(WriterTransformation::Flatten);
    /// let map = MapState::builder("Each")
    ///     .distributed(ExecutionType::Standard)
    ///     .result_writer(writer)
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let config = &machine.to_value()["States"]["Each"]["ResultWriter"]["WriterConfig"];
    /// assert_eq!(config["Transformation"], "FLATTEN");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn transformation(mut self, transformation: WriterTransformation) -> Self {
        self.config.transformation = Some(transformation);
        self
    }

    pub(crate) fn finish(self) -> (ResultWriter, Request) {
        let config = (self.config != WriterConfig::default()).then_some(self.config);
        (
            ResultWriter {
                resource: Some(Resource::integration(
                    "s3",
                    "putObject",
                    IntegrationPattern::RequestResponse,
                )),
                writer_config: config,
                parameters: None,
                arguments: None,
            },
            self.request,
        )
    }
}
