//! Options of a Distributed Map fan-out: item reader, batching, result writer, tolerance.

use serde_json::{Number, json};

use crate::model::{
    CsvHeaderLocation, ExecutionType, InputType, ItemBatcher, ItemReader, MapState, OutputType,
    Payload, ProcessorConfig, ProcessorMode, ReaderConfig, Resource, ResultWriter, WriterConfig,
    WriterTransformation,
};

/// Where a Distributed Map reads its items: an S3 object or an S3 listing.
///
/// # Examples
///
/// ```
/// use sfn_dsl::workflow::Reader;
///
/// let reader = Reader::csv("my-bucket", "input/orders.csv").max_items(1000).into_item_reader();
/// assert_eq!(reader.resource.to_string(), "arn:aws:states:::s3:getObject");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct Reader {
    reader: ItemReader,
}

impl Reader {
    fn object(bucket: &str, key: &str, input_type: InputType) -> Self {
        let csv = input_type == InputType::Csv;
        let mut config = ReaderConfig {
            input_type: Some(input_type),
            ..ReaderConfig::default()
        };
        if csv {
            config.csv_header_location = Some(CsvHeaderLocation::FirstRow);
        }
        Self {
            reader: ItemReader {
                resource: Resource::parse("arn:aws:states:::s3:getObject"),
                reader_config: Some(config),
                parameters: None,
                arguments: Some(Payload::from(json!({"Bucket": bucket, "Key": key}))),
            },
        }
    }

    /// A CSV object whose first row names the columns; each row is an item.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{CsvHeaderLocation, InputType};
    /// use sfn_dsl::workflow::Reader;
    ///
    /// let reader = Reader::csv("b", "orders.csv").into_item_reader();
    /// let config = reader.reader_config.unwrap_or_default();
    /// assert_eq!((config.input_type, config.csv_header_location), (Some(InputType::Csv), Some(CsvHeaderLocation::FirstRow)));
    /// ```
    pub fn csv(bucket: &str, key: &str) -> Self {
        Self::object(bucket, key, InputType::Csv)
    }

    /// A JSON object holding an array; each element is an item.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::model::InputType;
    /// use sfn_dsl::workflow::Reader;
    ///
    /// let reader = Reader::json("b", "orders.json").into_item_reader();
    /// assert_eq!(reader.reader_config.and_then(|config| config.input_type), Some(InputType::Json));
    /// assert_eq!(reader.arguments.map(|arguments| arguments.to_json_value()), Some(json!({"Bucket": "b", "Key": "orders.json"})));
    /// ```
    pub fn json(bucket: &str, key: &str) -> Self {
        Self::object(bucket, key, InputType::Json)
    }

    /// A JSON Lines object; each line is an item.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::InputType;
    /// use sfn_dsl::workflow::Reader;
    ///
    /// let reader = Reader::jsonl("b", "events.jsonl").into_item_reader();
    /// assert_eq!(reader.reader_config.and_then(|config| config.input_type), Some(InputType::Jsonl));
    /// ```
    pub fn jsonl(bucket: &str, key: &str) -> Self {
        Self::object(bucket, key, InputType::Jsonl)
    }

    /// The objects under `prefix`; each object's metadata is an item.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::workflow::Reader;
    ///
    /// let reader = Reader::listing("b", "incoming/").into_item_reader();
    /// assert_eq!(reader.resource.to_string(), "arn:aws:states:::s3:listObjectsV2");
    /// assert_eq!(reader.arguments.map(|arguments| arguments.to_json_value()), Some(json!({"Bucket": "b", "Prefix": "incoming/"})));
    /// ```
    pub fn listing(bucket: &str, prefix: &str) -> Self {
        Self {
            reader: ItemReader {
                resource: Resource::parse("arn:aws:states:::s3:listObjectsV2"),
                reader_config: None,
                parameters: None,
                arguments: Some(Payload::from(json!({"Bucket": bucket, "Prefix": prefix}))),
            },
        }
    }

    /// Reads at most `count` items (`ReaderConfig.MaxItems`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Dynamic;
    /// use sfn_dsl::workflow::Reader;
    ///
    /// let reader = Reader::listing("b", "incoming/").max_items(10).into_item_reader();
    /// assert_eq!(reader.reader_config.and_then(|config| config.max_items), Some(Dynamic::Literal(10)));
    /// ```
    pub fn max_items(mut self, count: u64) -> Self {
        self.reader
            .reader_config
            .get_or_insert_with(ReaderConfig::default)
            .max_items = Some(count.into());
        self
    }

    /// The `ItemReader`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::workflow::Reader;
    ///
    /// let reader = Reader::json("b", "k.json").into_item_reader();
    /// assert_eq!(reader.resource.to_string(), "arn:aws:states:::s3:getObject");
    /// ```
    #[must_use]
    pub fn into_item_reader(self) -> ItemReader {
        self.reader
    }
}

/// Settings of a Distributed Map fan-out (`fan_out_distributed`).
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::MapState;
/// use sfn_dsl::workflow::Distributed;
///
/// let mut map = MapState::default();
/// Distributed::new()
///     .max_concurrency(100)
///     .batch(50)
///     .tolerated_failure_percentage(5.0)
///     .results_to("my-bucket", "results/")
///     .label("orders")
///     .apply(&mut map);
/// assert!(map.is_distributed());
/// assert_eq!(map.label.as_deref(), Some("orders"));
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[must_use]
pub struct Distributed {
    max_concurrency: Option<u64>,
    batch: Option<u64>,
    tolerated_failure_percentage: Option<f64>,
    tolerated_failure_count: Option<u64>,
    writer: Option<(String, String)>,
    label: Option<String>,
    express: bool,
}

impl Distributed {
    /// Default settings: standard child executions, AWS's default concurrency.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{ExecutionType, MapState};
    /// use sfn_dsl::workflow::Distributed;
    ///
    /// let mut map = MapState::default();
    /// Distributed::new().apply(&mut map);
    /// let config = map.item_processor.processor_config.unwrap_or_default();
    /// assert_eq!(config.execution_type, Some(ExecutionType::Standard));
    /// assert_eq!(map.max_concurrency, None);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// At most `count` child executions at once (`MaxConcurrency`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Dynamic, MapState};
    /// use sfn_dsl::workflow::Distributed;
    ///
    /// let mut map = MapState::default();
    /// Distributed::new().max_concurrency(20).apply(&mut map);
    /// assert_eq!(map.max_concurrency, Some(Dynamic::Literal(20)));
    /// ```
    pub fn max_concurrency(mut self, count: u64) -> Self {
        self.max_concurrency = Some(count);
        self
    }

    /// Groups items into batches of at most `items` (`ItemBatcher.MaxItemsPerBatch`); each
    /// child then receives `{"Items": [...]}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Dynamic, MapState};
    /// use sfn_dsl::workflow::Distributed;
    ///
    /// let mut map = MapState::default();
    /// Distributed::new().batch(25).apply(&mut map);
    /// assert_eq!(map.item_batcher.and_then(|batcher| batcher.max_items_per_batch), Some(Dynamic::Literal(25)));
    /// ```
    pub fn batch(mut self, items: u64) -> Self {
        self.batch = Some(items);
        self
    }

    /// Tolerates up to `percent` failed items (`ToleratedFailurePercentage`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::MapState;
    /// use sfn_dsl::workflow::Distributed;
    ///
    /// let mut map = MapState::default();
    /// Distributed::new().tolerated_failure_percentage(2.5).apply(&mut map);
    /// let percent = map.tolerated_failure_percentage.as_ref().and_then(|value| value.as_literal()).and_then(|n| n.as_f64());
    /// assert_eq!(percent, Some(2.5));
    /// ```
    pub fn tolerated_failure_percentage(mut self, percent: f64) -> Self {
        self.tolerated_failure_percentage = Some(percent);
        self
    }

    /// Tolerates up to `count` failed items (`ToleratedFailureCount`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Dynamic, MapState};
    /// use sfn_dsl::workflow::Distributed;
    ///
    /// let mut map = MapState::default();
    /// Distributed::new().tolerated_failure_count(3).apply(&mut map);
    /// assert_eq!(map.tolerated_failure_count, Some(Dynamic::Literal(3)));
    /// ```
    pub fn tolerated_failure_count(mut self, count: u64) -> Self {
        self.tolerated_failure_count = Some(count);
        self
    }

    /// Writes the results to S3 instead of returning them (`ResultWriter`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::MapState;
    /// use sfn_dsl::workflow::Distributed;
    ///
    /// let mut map = MapState::default();
    /// Distributed::new().results_to("out-bucket", "runs/").apply(&mut map);
    /// let writer = map.result_writer.unwrap_or_default();
    /// assert_eq!(writer.resource.map(|resource| resource.to_string()).as_deref(), Some("arn:aws:states:::s3:putObject"));
    /// ```
    pub fn results_to(mut self, bucket: &str, prefix: &str) -> Self {
        self.writer = Some((bucket.to_owned(), prefix.to_owned()));
        self
    }

    /// Names the Map Run (`Label`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::MapState;
    /// use sfn_dsl::workflow::Distributed;
    ///
    /// let mut map = MapState::default();
    /// Distributed::new().label("nightly").apply(&mut map);
    /// assert_eq!(map.label.as_deref(), Some("nightly"));
    /// ```
    pub fn label(mut self, label: &str) -> Self {
        self.label = Some(label.to_owned());
        self
    }

    /// Runs the children as Express executions (`ExecutionType: EXPRESS`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{ExecutionType, MapState};
    /// use sfn_dsl::workflow::Distributed;
    ///
    /// let mut map = MapState::default();
    /// Distributed::new().express().apply(&mut map);
    /// let config = map.item_processor.processor_config.unwrap_or_default();
    /// assert_eq!(config.execution_type, Some(ExecutionType::Express));
    /// ```
    pub fn express(mut self) -> Self {
        self.express = true;
        self
    }

    /// Writes these settings into a Map state and switches it to `DISTRIBUTED` mode.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::MapState;
    /// use sfn_dsl::workflow::Distributed;
    ///
    /// let mut map = MapState::default();
    /// assert!(!map.is_distributed());
    /// Distributed::new().apply(&mut map);
    /// assert!(map.is_distributed());
    /// ```
    pub fn apply(self, map: &mut MapState) {
        map.item_processor.processor_config = Some(ProcessorConfig {
            mode: Some(ProcessorMode::Distributed),
            execution_type: Some(if self.express {
                ExecutionType::Express
            } else {
                ExecutionType::Standard
            }),
        });
        if let Some(count) = self.max_concurrency {
            map.max_concurrency = Some(count.into());
        }
        if let Some(items) = self.batch {
            map.item_batcher = Some(ItemBatcher {
                max_items_per_batch: Some(items.into()),
                ..ItemBatcher::default()
            });
        }
        if let Some(percent) = self.tolerated_failure_percentage.and_then(Number::from_f64) {
            map.tolerated_failure_percentage = Some(percent.into());
        }
        if let Some(count) = self.tolerated_failure_count {
            map.tolerated_failure_count = Some(count.into());
        }
        if let Some((bucket, prefix)) = self.writer {
            map.result_writer = Some(ResultWriter {
                resource: Some(Resource::parse("arn:aws:states:::s3:putObject")),
                writer_config: Some(WriterConfig {
                    output_type: Some(OutputType::Json),
                    transformation: Some(WriterTransformation::Compact),
                }),
                parameters: None,
                arguments: Some(Payload::from(json!({"Bucket": bucket, "Prefix": prefix}))),
            });
        }
        if let Some(label) = self.label {
            map.label = Some(label);
        }
    }
}

/// What each child execution of a batched Distributed Map receives
/// (`Distributed::batch`): `{"Items": [...]}`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Payload, PathNode};
/// use sfn_dsl::workflow::Batch;
///
/// assert_eq!(Batch::<String>::path().items.index(0).json_path().as_str(), "$.Items[0]");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Batch<T> {
    /// The items of the batch. Serialized as `Items`.
    #[serde(rename = "Items")]
    pub items: Vec<T>,
}

/// The typed paths of a [`Batch`].
///
/// # Examples
///
/// ```
/// use sfn_dsl::typed::{Payload, PathNode};
/// use sfn_dsl::workflow::{Batch, BatchPath};
///
/// let batch: BatchPath<u32> = Batch::<u32>::path();
/// assert_eq!(batch.items.all().json_path().as_str(), "$.Items[*]");
/// assert_eq!(batch.items.is_empty().jsonata_text(), "$count($states.input.Items) = 0");
/// assert_eq!(Batch::<u32>::var("batch").items.index(0).gt(10).jsonata_text(), "$batch.Items[0] > 10");
/// ```
pub struct BatchPath<T> {
    /// `Items`.
    pub items: crate::typed::ListPath<T>,
    location: crate::typed::Location,
}

impl<T> std::fmt::Debug for BatchPath<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("BatchPath").field(&self.location).finish()
    }
}

impl<T: crate::typed::Payload> Clone for BatchPath<T> {
    fn clone(&self) -> Self {
        <Self as crate::typed::PathNode>::at(self.location.clone())
    }
}

impl<T: crate::typed::Payload> crate::typed::PathNode for BatchPath<T> {
    fn at(location: crate::typed::Location) -> Self {
        Self {
            items: crate::typed::PathNode::at(location.field("Items")),
            location,
        }
    }

    fn location(&self) -> &crate::typed::Location {
        &self.location
    }
}

impl<T: crate::typed::Payload> crate::typed::Payload for Batch<T> {
    type Path = BatchPath<T>;
}
