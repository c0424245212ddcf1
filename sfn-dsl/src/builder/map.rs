//! [`MapStateBuilder`]: the Map state, inline and Distributed.

use std::marker::PhantomData;

use super::arg::Numeric;
use super::chain::{Chain, Deferred, DeferredField, NodeState, Problem};
use super::check::template;
use super::common::{Common, setters};
use super::map_io::{ItemBatcherBuilder, ItemReaderBuilder, ResultWriterBuilder};
use super::marker::{Missing, Present, ProcessorIsSet};
use crate::error::BuildIssueKind;
use crate::hash::FastSet;
use crate::limits::MAP_LEVELS;
use crate::model::{
    Dynamic, ExecutionType, MapState, Payload, ProcessorConfig, ProcessorMode, ReferencePath,
    StateName,
};

/// Builds a Map state: runs a state list for each item of an array (inline), or of a
/// dataset in S3 as child executions ([`distributed`](Self::distributed)).
///
/// The item processor is required. Fields that only a Distributed Map has
/// (`ItemReader`, `ItemBatcher`, `ResultWriter`, `Label`, tolerated failures) are reported
/// by `build()` on an inline Map.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let each_line = MapState::builder("Each line")
///     .items_path("$.lines")
///     .item_selector(json!({"line.$": "$$.Map.Item.Value", "order.$": "$.orderId"}))
///     .max_concurrency(10)
///     .item_processor(TaskState::lambda_invoke("Reserve", "reserve-line"))
///     .result_path("$.reserved");
/// let machine = StateMachine::builder().start(each_line).build()?;
/// let map = &machine.to_value()["States"]["Each line"];
/// assert_eq!(map["ItemsPath"], "$.lines");
/// assert_eq!(map["MaxConcurrency"], 10);
/// assert_eq!(map["ItemProcessor"]["StartAt"], "Reserve");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
///
/// A Map state without an item processor does not compile:
///
/// ```compile_fail
/// use sfn_dsl::prelude::*;
///
/// let chain: Chain = MapState::builder("Nothing").items_path("$.items").into();
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct MapStateBuilder<P = Missing> {
    state: Box<MapState>,
    common: Common,
    processor: Chain,
    marker: PhantomData<P>,
}

impl MapState {
    /// A builder for a Map state named `name`; set its item processor with
    /// [`item_processor`](MapStateBuilder::item_processor).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each").item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// assert_eq!(machine.to_value()["States"]["Each"]["Type"], "Map");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder(name: impl Into<StateName>) -> MapStateBuilder<Missing> {
        MapStateBuilder {
            state: Box::default(),
            common: Common::new(name),
            processor: Chain::new(),
            marker: PhantomData,
        }
    }
}

impl<P> MapStateBuilder<P> {
    setters!(
        example("MapState::builder(\"S\")\n    .item_processor(PassState::builder(\"Item\"))", "");
        comment,
        query_language,
        input_path,
        parameters,
        result_selector,
        result_path,
        output_path,
        output,
        assign,
        retry,
        catch,
        end
    );

    /// The states run for each item. Serialized as `ItemProcessor`.
    ///
    /// A processor that would nest Parallel and Map states deeper than a definition can be
    /// read back is left out, and `build()` reports [`BuildIssueKind::NestingTooDeep`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let steps = PassState::builder("Check").next(PassState::builder("Store"));
    /// let map = MapState::builder("Each").item_processor(steps);
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let processor = &machine.to_value()["States"]["Each"]["ItemProcessor"];
    /// assert_eq!(processor["StartAt"], "Check");
    /// assert_eq!(processor["States"]["Check"]["Next"], "Store");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn item_processor(mut self, processor: impl Into<Chain>) -> MapStateBuilder<Present> {
        let mut processor = processor.into();
        if processor.nests_too_deep(MAP_LEVELS) {
            let what = format!("the item processor of Map state `{}`", self.common.name);
            let problem = Chain::nesting_problem("/ItemProcessor".to_owned(), &what);
            self.common.problems.push(problem);
            processor = Chain::new();
        }
        processor.avoid(&FastSet::from_iter([self.common.name.clone()]));
        MapStateBuilder {
            state: self.state,
            common: self.common,
            processor,
            marker: PhantomData,
        }
    }

    /// Runs the iterations as child executions of this type. Serialized as
    /// `ItemProcessor.ProcessorConfig` with `"Mode": "DISTRIBUTED"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each")
    ///     .distributed(ExecutionType::Express)
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// assert_eq!(
    ///     machine.to_value()["States"]["Each"]["ItemProcessor"]["ProcessorConfig"],
    ///     json!({"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"})
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn distributed(mut self, execution_type: ExecutionType) -> Self {
        self.state.item_processor.processor_config = Some(ProcessorConfig {
            mode: Some(ProcessorMode::Distributed),
            execution_type: Some(execution_type),
        });
        self
    }

    /// Where the items array is in the input (JSONPath). Serialized as `ItemsPath`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each")
    ///     .items_path("$.orders")
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// assert_eq!(machine.to_value()["States"]["Each"]["ItemsPath"], "$.orders");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn items_path(mut self, path: impl Into<ReferencePath>) -> Self {
        self.state.items_path = Some(path.into());
        self
    }

    /// The items: an array, or a `{% %}` expression giving one (JSONata). Serialized as
    /// `Items`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each")
    ///     .items(json!("{% $states.input.orders %}"))
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(map)
    ///     .build()?;
    /// assert_eq!(machine.to_value()["States"]["Each"]["Items"], "{% $states.input.orders %}");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn items(mut self, items: impl Into<Payload>) -> Self {
        self.state.items = Some(items.into());
        self
    }

    /// Builds each iteration's input. Serialized as `ItemSelector`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each")
    ///     .item_selector(json!({"order.$": "$$.Map.Item.Value"}))
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let selector = &machine.to_value()["States"]["Each"]["ItemSelector"];
    /// assert_eq!(selector, &json!({"order.$": "$$.Map.Item.Value"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn item_selector(mut self, selector: impl Into<Payload>) -> Self {
        let selector = selector.into();
        template::set_by_hand(&mut self.common.problems, "/ItemSelector", &selector);
        self.state.item_selector = Some(selector);
        self
    }

    /// Iterations at once; 0 means no limit. Serialized as `MaxConcurrency` (or
    /// `MaxConcurrencyPath`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let fixed = MapState::builder("Fixed")
    ///     .max_concurrency(5)
    ///     .item_processor(PassState::builder("A"));
    /// let read = MapState::builder("Read")
    ///     .max_concurrency(Dynamic::path("$.limit"))
    ///     .item_processor(PassState::builder("B"));
    /// let machine = StateMachine::builder().start(fixed.next(read)).build()?;
    /// let states = &machine.to_value()["States"];
    /// assert_eq!(states["Fixed"]["MaxConcurrency"], 5);
    /// assert_eq!(states["Read"]["MaxConcurrencyPath"], "$.limit");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn max_concurrency(mut self, limit: impl Into<Dynamic<u64>>) -> Self {
        self.state.max_concurrency = Some(limit.into());
        self
    }

    /// Where a Distributed Map reads its items. Serialized as `ItemReader`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Rows")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_reader(ItemReader::s3_object("my-bucket", "rows.json"))
    ///     .item_processor(PassState::builder("Row"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let reader = &machine.to_value()["States"]["Rows"]["ItemReader"];
    /// assert_eq!(reader["Resource"], "arn:aws:states:::s3:getObject");
    /// assert_eq!(reader["Parameters"]["Key"], "rows.json");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn item_reader(mut self, reader: ItemReaderBuilder) -> Self {
        let (reader, request) = reader.finish();
        self.state.item_reader = Some(reader);
        self.common
            .deferred
            .retain(|deferred| deferred.into != DeferredField::ReaderInput);
        self.common.deferred.push(Deferred {
            into: DeferredField::ReaderInput,
            request,
        });
        self
    }

    /// Groups a Distributed Map's items into batches. Serialized as `ItemBatcher`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Batches")
    ///     .distributed(ExecutionType::Standard)
    ///     .item_batcher(ItemBatcher::builder().max_input_bytes_per_batch(4096))
    ///     .item_processor(PassState::builder("Batch"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let batcher = &machine.to_value()["States"]["Batches"]["ItemBatcher"];
    /// assert_eq!(batcher["MaxInputBytesPerBatch"], 4096);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn item_batcher(mut self, batcher: ItemBatcherBuilder) -> Self {
        let batcher = batcher.finish();
        template::set_by_hand(
            &mut self.common.problems,
            "/ItemBatcher/BatchInput",
            batcher.batch_input.as_ref().unwrap_or(&Payload::Null),
        );
        if batcher.max_items_per_batch.is_none() && batcher.max_input_bytes_per_batch.is_none() {
            self.common.problems.push(Problem::new(
                BuildIssueKind::InvalidValue,
                "/ItemBatcher",
                "an `ItemBatcher` needs `MaxItemsPerBatch` or `MaxInputBytesPerBatch`",
            ));
        }
        self.state.item_batcher = Some(batcher);
        self
    }

    /// Where a Distributed Map writes its results. Serialized as `ResultWriter`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each")
    ///     .distributed(ExecutionType::Standard)
    ///     .result_writer(ResultWriter::s3("results", "runs/"))
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let writer = &machine.to_value()["States"]["Each"]["ResultWriter"];
    /// assert_eq!(writer["Resource"], "arn:aws:states:::s3:putObject");
    /// assert_eq!(writer["Parameters"]["Prefix"], "runs/");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn result_writer(mut self, writer: ResultWriterBuilder) -> Self {
        let (writer, request) = writer.finish();
        self.state.result_writer = Some(writer);
        self.common
            .deferred
            .retain(|deferred| deferred.into != DeferredField::WriterInput);
        self.common.deferred.push(Deferred {
            into: DeferredField::WriterInput,
            request,
        });
        self
    }

    /// The percentage of failed items tolerated before the Map fails (0 to 100).
    /// Serialized as `ToleratedFailurePercentage`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each")
    ///     .distributed(ExecutionType::Standard)
    ///     .tolerated_failure_percentage(2.5)
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// assert_eq!(machine.to_value()["States"]["Each"]["ToleratedFailurePercentage"], 2.5);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn tolerated_failure_percentage(mut self, percentage: impl Numeric) -> Self {
        match percentage.to_number() {
            Some(number) => {
                self.state.tolerated_failure_percentage = Some(Dynamic::Literal(number));
            }
            None => self.common.problems.push(Problem::new(
                BuildIssueKind::InvalidValue,
                "/ToleratedFailurePercentage",
                "`ToleratedFailurePercentage` must be a finite number",
            )),
        }
        self
    }

    /// The tolerated percentage of failed items, read from the input (JSONPath) or
    /// computed (JSONata). Serialized as `ToleratedFailurePercentagePath` or
    /// `ToleratedFailurePercentage`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each")
    ///     .distributed(ExecutionType::Standard)
    ///     .tolerated_failure_percentage_dynamic(Dynamic::path("$.tolerance"))
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// let each = &machine.to_value()["States"]["Each"];
    /// assert_eq!(each["ToleratedFailurePercentagePath"], "$.tolerance");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn tolerated_failure_percentage_dynamic(
        mut self,
        percentage: Dynamic<serde_json::Number>,
    ) -> Self {
        self.state.tolerated_failure_percentage = Some(percentage);
        self
    }

    /// The number of failed items tolerated before the Map fails. Serialized as
    /// `ToleratedFailureCount` (or `ToleratedFailureCountPath`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each")
    ///     .distributed(ExecutionType::Standard)
    ///     .tolerated_failure_count(10)
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// assert_eq!(machine.to_value()["States"]["Each"]["ToleratedFailureCount"], 10);
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn tolerated_failure_count(mut self, count: impl Into<Dynamic<u64>>) -> Self {
        self.state.tolerated_failure_count = Some(count.into());
        self
    }

    /// The name prefix of the Map Runs (Distributed): 1 to 40 characters, none of them a
    /// space, a control character or one of ``/?*<>{}[]:;,\|^~$#%&"` `` (checked by
    /// `build()`, unless the label holds a `${…}` substitution). Serialized as `Label`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each")
    ///     .distributed(ExecutionType::Standard)
    ///     .label("orders")
    ///     .item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder().start(map).build()?;
    /// assert_eq!(machine.to_value()["States"]["Each"]["Label"], "orders");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.state.label = Some(label.into());
        self
    }

    /// Continues with `then`: a state builder or a [`Chain`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let map = MapState::builder("Each").item_processor(PassState::builder("Item"));
    /// let machine = StateMachine::builder()
    ///     .start(map.next(SucceedState::builder("Done")))
    ///     .build()?;
    /// assert_eq!(machine.to_value()["States"]["Each"]["Next"], "Done");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn next(self, then: impl Into<Chain>) -> Chain
    where
        P: ProcessorIsSet,
    {
        Chain::from(self).next(then)
    }
}

impl<P: ProcessorIsSet> From<MapStateBuilder<P>> for Chain {
    fn from(builder: MapStateBuilder<P>) -> Self {
        builder
            .common
            .finish(NodeState::Map(builder.state, Box::new(builder.processor)))
    }
}
