//! The child executions of a Distributed Map Run: their state machine, names and ARNs,
//! and the execution a child's context object shows.

use serde_json::Value;

use crate::executor::run::ExecutionInfo;
use crate::time::Timestamp;

/// Names the child executions of one Map Run.
#[derive(Clone, Debug)]
pub(crate) struct Children {
    /// `arn:…:stateMachine:<machine>/<label>`, the child executions' state machine.
    pub(crate) state_machine_arn: String,
    /// The Map Run's id, from which child execution names are derived.
    run_id: String,
}

impl Children {
    /// The children of the Map Run `arn:…:mapRun:<machine>/<label>:<id>`.
    pub(crate) fn new(map_run_arn: &str) -> Self {
        let (without_id, run_id) = map_run_arn.rsplit_once(':').unwrap_or((map_run_arn, ""));
        Self {
            state_machine_arn: without_id.replacen(":mapRun:", ":stateMachine:", 1),
            run_id: run_id.to_owned(),
        }
    }

    /// A deterministic, UUID-shaped name for child `index`, derived from the Map Run's id.
    pub(crate) fn name(&self, index: usize) -> String {
        let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
        for byte in self.run_id.bytes().chain((index as u64).to_le_bytes()) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
        }
        let hex = format!("{hash:032x}");
        format!(
            "{}-{}-{}-{}-{}",
            hex.get(..8).unwrap_or_default(),
            hex.get(8..12).unwrap_or_default(),
            hex.get(12..16).unwrap_or_default(),
            hex.get(16..20).unwrap_or_default(),
            hex.get(20..).unwrap_or_default()
        )
    }

    /// The ARN of the child execution named `name`.
    pub(crate) fn execution_arn(&self, name: &str) -> String {
        format!(
            "{}:{name}",
            self.state_machine_arn
                .replacen(":stateMachine:", ":execution:", 1)
        )
    }

    /// The execution child `index` is, as its context object shows it: its own id, name,
    /// input and start; its state machine is `<machine>/<label>`.
    pub(crate) fn info(
        &self,
        parent: &ExecutionInfo,
        index: usize,
        input: &Value,
        start: Timestamp,
    ) -> ExecutionInfo {
        let name = self.name(index);
        let machine_name = self
            .state_machine_arn
            .rsplit_once(":stateMachine:")
            .map_or_else(|| parent.machine_name.clone(), |(_, name)| name.to_owned());
        ExecutionInfo {
            id: self.execution_arn(&name),
            name,
            input: input.clone(),
            start,
            role_arn: parent.role_arn.clone(),
            machine_id: self.state_machine_arn.clone(),
            machine_name,
        }
    }
}
