//! The settings of runs: clock, seed, quotas, history, names and objects, set through the
//! executor's builder methods.

use super::Limits;
use crate::history::HistoryMode;
use crate::objects::Objects;
use crate::result::WorkflowType;
use crate::time::Timestamp;

/// The settings of runs.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub(crate) start_time: Timestamp,
    pub(crate) seed: u64,
    pub(crate) workflow_type: WorkflowType,
    pub(crate) limits: Limits,
    pub(crate) history: HistoryMode,
    pub(crate) region: String,
    pub(crate) account: String,
    pub(crate) machine_name: String,
    pub(crate) execution_name: Option<String>,
    pub(crate) role_arn: Option<String>,
    pub(crate) objects: Objects,
    pub(crate) map_object_items: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            start_time: Timestamp::DEFAULT_START,
            seed: 0,
            workflow_type: WorkflowType::Standard,
            limits: Limits::default(),
            history: HistoryMode::Full,
            region: "us-east-1".into(),
            account: "123456789012".into(),
            machine_name: "StateMachine".into(),
            execution_name: None,
            role_arn: None,
            objects: Objects::new(),
            map_object_items: true,
        }
    }
}
