//! [`DistributedEtl`]: a Distributed Map over a dataset in S3, with batching, a result
//! writer and a failure tolerance.

use crate::builder::{
    Chain, ItemBatcherBuilder, ItemReaderBuilder, MapStateBuilder, Numeric, ResultWriterBuilder,
    marker::Present,
};
use crate::model::{ExecutionType, ItemBatcher, MapState, ReferencePath, StateName};

/// Distributed Map ETL: read items from S3, optionally batch them, run `processor` on each
/// item or batch as child executions (Express by default), tolerate some failures, and
/// write the results back to S3.
///
/// Convert it into a [`Chain`], or into the Map state builder with
/// [`into_state`](Self::into_state) to add retriers, catchers or other fields.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::patterns::DistributedEtl;
/// use sfn_dsl::prelude::*;
///
/// let etl = DistributedEtl::new(
///     "Transform rows",
///     ItemReader::s3_object("${InputBucket}", Arg::input_field("key")).csv(),
///     TaskState::lambda_invoke("Transform batch", "${TransformFunctionArn}"),
/// )
/// .batch_size(500)
/// .write_results(ResultWriter::s3("${OutputBucket}", "transformed/"))
/// .tolerated_failure_percentage(5)
/// .max_concurrency(50);
/// let machine = StateMachine::builder().start(etl).build()?;
/// let map = &machine.to_value()["States"]["Transform rows"];
/// assert_eq!(map["ItemBatcher"], json!({"MaxItemsPerBatch": 500}));
/// assert_eq!(map["ToleratedFailurePercentage"], 5);
/// assert_eq!(map["ItemProcessor"]["ProcessorConfig"], json!({"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct DistributedEtl {
    map: MapStateBuilder<Present>,
}

impl DistributedEtl {
    /// A Distributed Map named `name` reading with `reader` and running `processor` per
    /// item (or batch).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::DistributedEtl;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("in", "rows.csv").csv();
    /// let etl = DistributedEtl::new("Rows", reader, PassState::builder("Row"));
    /// let machine = StateMachine::builder().start(etl).build()?;
    /// let map = &machine.to_value()["States"]["Rows"];
    /// assert_eq!(map["ItemReader"]["Resource"], "arn:aws:states:::s3:getObject");
    /// assert_eq!(map["ItemProcessor"]["ProcessorConfig"]["ExecutionType"], "EXPRESS");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn new(
        name: impl Into<StateName>,
        reader: ItemReaderBuilder,
        processor: impl Into<Chain>,
    ) -> Self {
        Self {
            map: MapState::builder(name)
                .distributed(ExecutionType::Express)
                .item_reader(reader)
                .item_processor(processor),
        }
    }

    /// Runs the child executions as this workflow type (Express by default).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::DistributedEtl;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("in", "rows.csv").csv();
    /// let etl = DistributedEtl::new("Rows", reader, PassState::builder("Row")).execution_type(ExecutionType::Standard);
    /// let machine = StateMachine::builder().start(etl).build()?;
    /// let config = &machine.to_value()["States"]["Rows"]["ItemProcessor"]["ProcessorConfig"];
    /// assert_eq!(config["ExecutionType"], "STANDARD");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn execution_type(mut self, execution_type: ExecutionType) -> Self {
        self.map = self.map.distributed(execution_type);
        self
    }

    /// Groups items into batches of at most `items`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::DistributedEtl;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("in", "rows.csv").csv();
    /// let etl = DistributedEtl::new("Rows", reader, PassState::builder("Row")).batch_size(100);
    /// let machine = StateMachine::builder().start(etl).build()?;
    /// assert_eq!(machine.to_value()["States"]["Rows"]["ItemBatcher"]["MaxItemsPerBatch"], 100);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn batch_size(self, items: u64) -> Self {
        self.batch(ItemBatcher::builder().max_items_per_batch(items))
    }

    /// Groups items into batches as configured.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::DistributedEtl;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("in", "rows.csv").csv();
    /// let etl = DistributedEtl::new("Rows", reader, PassState::builder("Row")).batch(ItemBatcher::builder().max_input_bytes_per_batch(65_536));
    /// let machine = StateMachine::builder().start(etl).build()?;
    /// let batcher = &machine.to_value()["States"]["Rows"]["ItemBatcher"];
    /// assert_eq!(batcher["MaxInputBytesPerBatch"], 65_536);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn batch(mut self, batcher: ItemBatcherBuilder) -> Self {
        self.map = self.map.item_batcher(batcher);
        self
    }

    /// Writes the results to S3 instead of returning them.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::DistributedEtl;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("in", "rows.csv").csv();
    /// let etl = DistributedEtl::new("Rows", reader, PassState::builder("Row")).write_results(ResultWriter::s3("out", "rows/"));
    /// let machine = StateMachine::builder().start(etl).build()?;
    /// let writer = &machine.to_value()["States"]["Rows"]["ResultWriter"];
    /// assert_eq!(writer["Parameters"]["Bucket"], "out");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn write_results(mut self, writer: ResultWriterBuilder) -> Self {
        self.map = self.map.result_writer(writer);
        self
    }

    /// The percentage of failed items tolerated.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::DistributedEtl;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("in", "rows.csv").csv();
    /// let etl = DistributedEtl::new("Rows", reader, PassState::builder("Row")).tolerated_failure_percentage(2.5);
    /// let machine = StateMachine::builder().start(etl).build()?;
    /// assert_eq!(machine.to_value()["States"]["Rows"]["ToleratedFailurePercentage"], 2.5);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn tolerated_failure_percentage(mut self, percentage: impl Numeric) -> Self {
        self.map = self.map.tolerated_failure_percentage(percentage);
        self
    }

    /// The number of failed items tolerated.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::DistributedEtl;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("in", "rows.csv").csv();
    /// let etl = DistributedEtl::new("Rows", reader, PassState::builder("Row")).tolerated_failure_count(10);
    /// let machine = StateMachine::builder().start(etl).build()?;
    /// assert_eq!(machine.to_value()["States"]["Rows"]["ToleratedFailureCount"], 10);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn tolerated_failure_count(mut self, count: u64) -> Self {
        self.map = self.map.tolerated_failure_count(count);
        self
    }

    /// Child executions at once.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::DistributedEtl;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("in", "rows.csv").csv();
    /// let etl = DistributedEtl::new("Rows", reader, PassState::builder("Row")).max_concurrency(20);
    /// let machine = StateMachine::builder().start(etl).build()?;
    /// assert_eq!(machine.to_value()["States"]["Rows"]["MaxConcurrency"], 20);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn max_concurrency(mut self, limit: u64) -> Self {
        self.map = self.map.max_concurrency(limit);
        self
    }

    /// The Map Run name prefix.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::DistributedEtl;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("in", "rows.csv").csv();
    /// let etl = DistributedEtl::new("Rows", reader, PassState::builder("Row")).label("rows");
    /// let machine = StateMachine::builder().start(etl).build()?;
    /// assert_eq!(machine.to_value()["States"]["Rows"]["Label"], "rows");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.map = self.map.label(label);
        self
    }

    /// Where the Map's result (the written files' metadata, with a writer) goes (JSONPath).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::DistributedEtl;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("in", "rows.csv").csv();
    /// let etl = DistributedEtl::new("Rows", reader, PassState::builder("Row")).result_path("$.written");
    /// let machine = StateMachine::builder().start(etl).build()?;
    /// assert_eq!(machine.to_value()["States"]["Rows"]["ResultPath"], "$.written");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn result_path(mut self, path: impl Into<ReferencePath>) -> Self {
        self.map = self.map.result_path(path);
        self
    }

    /// The Map state builder.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::patterns::DistributedEtl;
    /// use sfn_dsl::prelude::*;
    ///
    /// let reader = ItemReader::s3_object("in", "rows.csv").csv();
    /// let map = DistributedEtl::new("Rows", reader, PassState::builder("Row"))
    ///     .into_state()
    ///     .retry(Retrier::builder([ErrorName::All]).max_attempts(2));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// assert_eq!(machine.to_value()["States"]["Rows"]["Retry"][0]["MaxAttempts"], 2);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn into_state(self) -> MapStateBuilder<Present> {
        self.map
    }
}

impl From<DistributedEtl> for Chain {
    fn from(etl: DistributedEtl) -> Self {
        etl.map.into()
    }
}
