//! Everything needed to write workflows: `use sfn_dsl::prelude::*;`.
//!
//! The builders, the integrations, and the model types that builders take as arguments.
//!
//! ```
//! use sfn_dsl::prelude::*;
//!
//! let machine = StateMachine::builder()
//!     .comment("Say hello, then stop")
//!     .start(PassState::builder("Hello").result("hi").next(SucceedState::builder("Done")))
//!     .build()?;
//! assert_eq!(machine.to_value()["States"]["Hello"]["Next"], "Done");
//! # Ok::<(), BuildError>(())
//! ```

pub use crate::builder::{
    Arg, CatcherBuilder, Chain, ChoiceStateBuilder, FailStateBuilder, Integration,
    ItemBatcherBuilder, ItemReaderBuilder, MapStateBuilder, Numeric, ParallelStateBuilder,
    PassStateBuilder, Request, ResultWriterBuilder, RetrierBuilder, Rule, StateMachineBuilder,
    SucceedStateBuilder, SupportsCallback, TaskStateBuilder, WaitStateBuilder, agentcore,
    apigateway, athena, batch, bedrock, codebuild, dynamodb, ecs, eks, emr, eventbridge, glue,
    http, lambda, sagemaker, sdk, sns, sqs, step_functions,
};
pub use crate::error::{BuildError, BuildIssue, BuildIssueKind};
pub use crate::graph::GraphIssueKind;
pub use crate::model::{
    Catcher, ChoiceState, CsvDelimiter, Dynamic, ErrorName, ExecutionType, FailState,
    IntegrationPattern, ItemBatcher, ItemReader, JitterStrategy, JsonPath, Jsonata, ManifestType,
    MapState, OutputType, ParallelState, PassState, QueryLanguage, ReferencePath, Resource,
    ResultWriter, Retrier, State, StateMachine, StateName, SucceedState, TaskState, WaitState,
    WriterTransformation,
};

#[cfg(feature = "macros")]
pub use crate::{Payload, task, workflow};
