//! What a `ResultWriter` reports about each child execution of a Distributed Map: its
//! input, when it ran, and how it ended, shaped as AWS shapes it per `Transformation`.

use std::cell::RefCell;

use serde_json::{Map, Value};
use sfn_dsl::model::WriterTransformation;

use super::children::Children;
use crate::executor::failure::Failure;
use crate::time::Timestamp;

/// The status groups of the results, in the manifest's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Group {
    /// Failed, timed out or aborted child executions.
    Failed,
    /// Items whose child execution never started.
    Pending,
    /// Child executions that succeeded.
    Succeeded,
}

impl Group {
    /// The manifest key and file name prefix.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Failed => "FAILED",
            Self::Pending => "PENDING",
            Self::Succeeded => "SUCCEEDED",
        }
    }
}

/// How a child execution that finished ended: by itself (succeeding or failing), or by
/// running out of time (an Express child after five minutes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ending {
    /// It succeeded or failed.
    Ended,
    /// It timed out (`TIMED_OUT`).
    TimedOut,
}

#[derive(Debug)]
enum Slot {
    NotStarted,
    Running(Timestamp),
    Done {
        start: Timestamp,
        stop: Timestamp,
        outcome: Result<Value, (Option<String>, Option<String>)>,
        ending: Ending,
    },
}

/// The child executions of one Map Run, by item index.
#[derive(Debug)]
pub(crate) struct Ledger {
    inputs: Vec<Value>,
    slots: RefCell<Vec<Slot>>,
    children: Children,
}

/// Where a child's record goes and what it holds.
pub(super) struct Record {
    pub(super) group: Group,
    pub(super) value: Value,
}

impl Ledger {
    /// A ledger for `inputs`, the child executions' inputs in item order.
    pub(super) fn new(inputs: Vec<Value>, map_run_arn: &str) -> Self {
        let slots = inputs.iter().map(|_| Slot::NotStarted).collect();
        Self {
            inputs,
            slots: RefCell::new(slots),
            children: Children::new(map_run_arn),
        }
    }

    /// Child `index` started at `now`.
    pub(super) fn started(&self, index: usize, now: Timestamp) {
        if let Some(slot) = self.slots.borrow_mut().get_mut(index) {
            *slot = Slot::Running(now);
        }
    }

    /// Child `index` ended at `now` with `outcome`, as `ending` says.
    pub(super) fn finished(
        &self,
        index: usize,
        now: Timestamp,
        outcome: Result<&Value, &Failure>,
        ending: Ending,
    ) {
        if let Some(slot) = self.slots.borrow_mut().get_mut(index) {
            let start = match slot {
                Slot::Running(start) => *start,
                _ => now,
            };
            *slot = Slot::Done {
                start,
                stop: now,
                outcome: outcome
                    .cloned()
                    .map_err(|failure| (failure.error.clone(), failure.cause.clone())),
                ending,
            };
        }
    }

    /// Every child's record, in item order, with `transformation` applied to the results
    /// of the successful ones; `now` stops the children still running (aborted).
    pub(super) fn records(
        &self,
        transformation: &WriterTransformation,
        now: Timestamp,
    ) -> Vec<Record> {
        let slots = self.slots.borrow();
        let mut records = Vec::with_capacity(slots.len());
        for (index, (slot, input)) in slots.iter().zip(&self.inputs).enumerate() {
            let name = self.children.name(index);
            match slot {
                Slot::NotStarted => records.push(Record {
                    group: Group::Pending,
                    value: self.pending(input),
                }),
                Slot::Running(start) => records.push(Record {
                    group: Group::Failed,
                    value: self.metadata(&name, input, *start, now, Status::Aborted),
                }),
                Slot::Done {
                    start,
                    stop,
                    outcome: Err((error, cause)),
                    ending,
                } => {
                    let status = match ending {
                        Ending::Ended => Status::Failed(error, cause),
                        Ending::TimedOut => Status::TimedOut(error, cause),
                    };
                    records.push(Record {
                        group: Group::Failed,
                        value: self.metadata(&name, input, *start, *stop, status),
                    });
                }
                Slot::Done {
                    start,
                    stop,
                    outcome: Ok(output),
                    ..
                } => match transformation {
                    WriterTransformation::Compact => records.push(Record {
                        group: Group::Succeeded,
                        value: output.clone(),
                    }),
                    WriterTransformation::Flatten => match output {
                        Value::Array(elements) => {
                            records.extend(elements.iter().map(|element| Record {
                                group: Group::Succeeded,
                                value: element.clone(),
                            }));
                        }
                        other => records.push(Record {
                            group: Group::Succeeded,
                            value: other.clone(),
                        }),
                    },
                    _ => records.push(Record {
                        group: Group::Succeeded,
                        value: self.metadata(
                            &name,
                            input,
                            *start,
                            *stop,
                            Status::Succeeded(output),
                        ),
                    }),
                },
            }
        }
        records
    }

    fn pending(&self, input: &Value) -> Value {
        let mut map = Map::new();
        map.insert("Input".into(), Value::String(input.to_string()));
        map.insert("InputDetails".into(), included());
        map.insert(
            "StateMachineArn".into(),
            Value::String(self.children.state_machine_arn.clone()),
        );
        map.insert("Status".into(), Value::String("PENDING".into()));
        Value::Object(map)
    }

    /// The child execution as `DescribeExecution` shows it, keys in AWS's order.
    fn metadata(
        &self,
        name: &str,
        input: &Value,
        start: Timestamp,
        stop: Timestamp,
        status: Status<'_>,
    ) -> Value {
        let execution_arn = self.children.execution_arn(name);
        let mut map = Map::new();
        if let Status::Failed(error, cause) | Status::TimedOut(error, cause) = &status {
            map.insert("Cause".into(), text_or_null(cause.as_deref()));
            map.insert("Error".into(), text_or_null(error.as_deref()));
        }
        map.insert("ExecutionArn".into(), Value::String(execution_arn));
        map.insert("Input".into(), Value::String(input.to_string()));
        map.insert("InputDetails".into(), included());
        map.insert("Name".into(), Value::String(name.to_owned()));
        if let Status::Succeeded(output) = &status {
            map.insert("Output".into(), Value::String(output.to_string()));
            map.insert("OutputDetails".into(), included());
        }
        map.insert("RedriveCount".into(), Value::from(0));
        let (redrive, reason) = match &status {
            Status::Succeeded(_) => (
                "NOT_REDRIVABLE",
                Some("Execution is SUCCEEDED and cannot be redriven"),
            ),
            Status::Failed(..) | Status::TimedOut(..) | Status::Aborted => {
                ("REDRIVABLE_BY_MAP_RUN", None)
            }
        };
        map.insert("RedriveStatus".into(), Value::String(redrive.into()));
        if let Some(reason) = reason {
            map.insert("RedriveStatusReason".into(), Value::String(reason.into()));
        }
        map.insert("StartDate".into(), Value::String(start.to_string()));
        map.insert(
            "StateMachineArn".into(),
            Value::String(self.children.state_machine_arn.clone()),
        );
        map.insert("Status".into(), Value::String(status.as_str().into()));
        map.insert("StopDate".into(), Value::String(stop.to_string()));
        Value::Object(map)
    }
}

#[derive(Clone, Copy)]
enum Status<'a> {
    Succeeded(&'a Value),
    Failed(&'a Option<String>, &'a Option<String>),
    TimedOut(&'a Option<String>, &'a Option<String>),
    Aborted,
}

impl Status<'_> {
    fn as_str(&self) -> &'static str {
        match self {
            Self::Succeeded(_) => "SUCCEEDED",
            Self::Failed(..) => "FAILED",
            Self::TimedOut(..) => "TIMED_OUT",
            Self::Aborted => "ABORTED",
        }
    }
}

fn included() -> Value {
    let mut map = Map::new();
    map.insert("Included".into(), Value::Bool(true));
    Value::Object(map)
}

fn text_or_null(text: Option<&str>) -> Value {
    text.map_or(Value::Null, |text| Value::String(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const ARN: &str = "arn:aws:states:us-east-1:123456789012:mapRun:Orders/Ship:0f0e";

    fn ledger() -> Ledger {
        let ledger = Ledger::new(vec![json!(1), json!(2), json!(3), json!(4)], ARN);
        let at = Timestamp::from_millis;
        ledger.started(0, at(0));
        ledger.finished(0, at(5), Ok(&json!([10, [11]])), Ending::Ended);
        ledger.started(1, at(0));
        ledger.finished(
            1,
            at(7),
            Err(&Failure::passed(Some("Boom".into()), Some("bad".into()))),
            Ending::Ended,
        );
        ledger.started(2, at(1));
        ledger
    }

    fn groups(records: &[Record]) -> Vec<&'static str> {
        records.iter().map(|record| record.group.as_str()).collect()
    }

    #[test]
    fn compact_keeps_outputs_and_flatten_splices_arrays_one_level() {
        let ledger = ledger();
        let compact = ledger.records(&WriterTransformation::Compact, Timestamp::from_millis(9));
        assert_eq!(
            groups(&compact),
            ["SUCCEEDED", "FAILED", "FAILED", "PENDING"]
        );
        assert_eq!(compact[0].value, json!([10, [11]]));
        let flatten = ledger.records(&WriterTransformation::Flatten, Timestamp::from_millis(9));
        assert_eq!(
            groups(&flatten),
            ["SUCCEEDED", "SUCCEEDED", "FAILED", "FAILED", "PENDING"]
        );
        assert_eq!(
            (&flatten[0].value, &flatten[1].value),
            (&json!(10), &json!([11]))
        );
    }

    #[test]
    fn none_describes_each_child_execution() {
        let records = ledger().records(&WriterTransformation::None, Timestamp::from_millis(9));
        let name = records[0].value["Name"].as_str().unwrap().to_owned();
        assert_eq!(name.len(), 36);
        assert_eq!(
            records[0].value,
            json!({
                "ExecutionArn": format!("arn:aws:states:us-east-1:123456789012:execution:Orders/Ship:{name}"),
                "Input": "1",
                "InputDetails": {"Included": true},
                "Name": name,
                "Output": "[10,[11]]",
                "OutputDetails": {"Included": true},
                "RedriveCount": 0,
                "RedriveStatus": "NOT_REDRIVABLE",
                "RedriveStatusReason": "Execution is SUCCEEDED and cannot be redriven",
                "StartDate": "1970-01-01T00:00:00.000Z",
                "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Orders/Ship",
                "Status": "SUCCEEDED",
                "StopDate": "1970-01-01T00:00:00.005Z"
            })
        );
        assert_eq!(records[1].value["Error"], "Boom");
        assert_eq!(records[1].value["Cause"], "bad");
        assert_eq!(records[1].value["Status"], "FAILED");
        assert!(records[1].value.get("Output").is_none());
        assert_eq!(records[2].value["Status"], "ABORTED");
        assert_eq!(records[2].value["StopDate"], "1970-01-01T00:00:00.009Z");
        assert_eq!(records[3].value["Status"], "PENDING");
        assert_eq!(records[3].value["Input"], "4");
        // Names are distinct per child and stable across calls.
        let again = ledger().records(&WriterTransformation::None, Timestamp::from_millis(9));
        assert_eq!(again[0].value["Name"], records[0].value["Name"]);
        assert_ne!(records[1].value["Name"], records[0].value["Name"]);
    }

    #[test]
    fn a_child_that_ran_out_of_time_is_timed_out_with_its_error() {
        let ledger = Ledger::new(vec![json!(1)], ARN);
        ledger.started(0, Timestamp::from_millis(0));
        ledger.finished(
            0,
            Timestamp::from_millis(300_000),
            Err(&Failure::passed(
                Some("States.Timeout".into()),
                Some("too long".into()),
            )),
            Ending::TimedOut,
        );
        let records = ledger.records(&WriterTransformation::Compact, Timestamp::from_millis(1));
        assert_eq!(groups(&records), ["FAILED"]);
        let record = &records[0].value;
        assert_eq!(
            (&record["Status"], &record["Error"], &record["Cause"]),
            (
                &json!("TIMED_OUT"),
                &json!("States.Timeout"),
                &json!("too long")
            )
        );
        assert_eq!(record["StopDate"], "1970-01-01T00:05:00.000Z");
        assert_eq!(record["RedriveStatus"], "REDRIVABLE_BY_MAP_RUN");
    }
}
