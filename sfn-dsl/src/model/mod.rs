//! The typed model of Amazon States Language: every state type and field, in the spec's
//! terms.
//!
//! Model types are plain data with public fields: build them with the builder, parse them
//! with [`StateMachine::from_json`](crate::StateMachine::from_json), or write them by hand. Rules
//! that span several fields or states are checked when a machine is built and by the
//! validator, not by the types.
//!
//! ```
//! use sfn_dsl::model::{State, StateMachine};
//!
//! let mut machine = StateMachine::from_json(
//!     r#"{"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 5, "End": true}}}"#,
//! )?;
//! let Some(State::Wait(pause)) = machine.states.get("Pause") else { panic!("a Wait state") };
//! assert_eq!(pause.comment, None);
//! // Plain data: change a field and print the definition again.
//! machine.comment = Some("Waits a little".to_owned());
//! assert_eq!(machine.to_value()["Comment"], "Waits a little");
//! # Ok::<(), sfn_dsl::ParseError>(())
//! ```

mod choice;
mod dynamic;
mod error_name;
mod handler_list;
mod keyword;
mod map;
mod name;
mod parallel;
mod pass;
mod path;
mod payload;
mod payload_fields;
mod resource;
mod retry;
mod state;
mod state_list;
mod state_machine;
mod task;
mod terminal;
mod wait;

pub use choice::{
    ChoiceRule, ChoiceState, Comparison, Condition, DataTest, JsonataCondition, NestedRule,
    Operand, Relation, TypeTest,
};
pub use dynamic::Dynamic;
pub use error_name::ErrorName;
pub(crate) use error_name::is_http_status;
pub use handler_list::HandlerList;
pub use map::{
    CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType, ItemBatcher, ItemProcessor,
    ItemReader, ManifestType, MapState, OutputType, ProcessorConfig, ProcessorKey, ProcessorMode,
    ReaderConfig, ReaderTransformation, ResultWriter, WriterConfig, WriterTransformation,
};
pub use name::StateName;
pub use parallel::{Branch, ParallelState};
pub use pass::PassState;
pub(crate) use path::NearMiss;
pub use path::{
    DynamicValue, IntrinsicCall, JsonPath, Jsonata, Nullable, PathRoot, Placeholder, ReferencePath,
    substitution_names,
};
pub use payload::{DYNAMIC_KEY_SUFFIX, Payload, PayloadField, PayloadObject};
pub(crate) use payload_fields::Key;
pub use resource::{
    Activity, IntegrationFamily, IntegrationPattern, LambdaFunction, Resource, ServiceIntegration,
};
pub(crate) use resource::{arn_parts, malformed_sdk_text, sdk_name_problem};
pub use retry::{Catcher, JitterStrategy, Retrier};
pub use state::{Nested, QueryLanguage, State, Target, Transition, Via};
pub use state_list::States;
pub use state_machine::StateMachine;
pub use task::TaskState;
pub use terminal::{FailState, SucceedState};
pub use wait::{WaitDuration, WaitState};
