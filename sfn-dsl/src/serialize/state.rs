//! Serialization of states, transitions, retriers and catchers.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::value::{write_dynamic, write_opt};
use crate::model::{
    Catcher, FailState, JitterStrategy, ParallelState, PassState, Retrier, State, SucceedState,
    TaskState, Transition, WaitDuration, WaitState,
};

pub(super) fn write_transition<M: SerializeMap>(
    map: &mut M,
    transition: &Transition,
) -> Result<(), M::Error> {
    match transition {
        Transition::Next(name) => map.serialize_entry("Next", name),
        Transition::End => map.serialize_entry("End", &true),
    }
}

impl Serialize for State {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Pass(state) => state.serialize(serializer),
            Self::Task(state) => state.serialize(serializer),
            Self::Choice(state) => state.serialize(serializer),
            Self::Wait(state) => state.serialize(serializer),
            Self::Succeed(state) => state.serialize(serializer),
            Self::Fail(state) => state.serialize(serializer),
            Self::Parallel(state) => state.serialize(serializer),
            Self::Map(state) => state.serialize(serializer),
        }
    }
}

impl Serialize for PassState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", "Pass")?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        write_opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        write_opt(&mut map, "InputPath", self.input_path.as_ref())?;
        write_opt(&mut map, "Parameters", self.parameters.as_ref())?;
        write_opt(&mut map, "Result", self.result.as_ref())?;
        write_opt(&mut map, "ResultPath", self.result_path.as_ref())?;
        write_opt(&mut map, "OutputPath", self.output_path.as_ref())?;
        write_opt(&mut map, "Output", self.output.as_ref())?;
        write_opt(&mut map, "Assign", self.assign.as_ref())?;
        write_transition(&mut map, &self.transition)?;
        map.end()
    }
}

impl Serialize for TaskState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", "Task")?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        write_opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        map.serialize_entry("Resource", &self.resource)?;
        write_opt(&mut map, "Credentials", self.credentials.as_ref())?;
        write_opt(&mut map, "InputPath", self.input_path.as_ref())?;
        write_opt(&mut map, "Parameters", self.parameters.as_ref())?;
        write_opt(&mut map, "Arguments", self.arguments.as_ref())?;
        write_opt(&mut map, "ResultSelector", self.result_selector.as_ref())?;
        write_opt(&mut map, "ResultPath", self.result_path.as_ref())?;
        write_opt(&mut map, "OutputPath", self.output_path.as_ref())?;
        write_opt(&mut map, "Output", self.output.as_ref())?;
        write_opt(&mut map, "Assign", self.assign.as_ref())?;
        write_dynamic(
            &mut map,
            "TimeoutSeconds",
            "TimeoutSecondsPath",
            self.timeout_seconds.as_ref(),
        )?;
        write_dynamic(
            &mut map,
            "HeartbeatSeconds",
            "HeartbeatSecondsPath",
            self.heartbeat_seconds.as_ref(),
        )?;
        write_opt(&mut map, "Retry", self.retry.as_ref())?;
        write_opt(&mut map, "Catch", self.catch.as_ref())?;
        write_transition(&mut map, &self.transition)?;
        map.end()
    }
}

impl Serialize for WaitState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", "Wait")?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        write_opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        match &self.duration {
            WaitDuration::Seconds(seconds) => {
                write_dynamic(&mut map, "Seconds", "SecondsPath", Some(seconds))?;
            }
            WaitDuration::Timestamp(timestamp) => {
                write_dynamic(&mut map, "Timestamp", "TimestampPath", Some(timestamp))?;
            }
        }
        write_opt(&mut map, "InputPath", self.input_path.as_ref())?;
        write_opt(&mut map, "OutputPath", self.output_path.as_ref())?;
        write_opt(&mut map, "Output", self.output.as_ref())?;
        write_opt(&mut map, "Assign", self.assign.as_ref())?;
        write_transition(&mut map, &self.transition)?;
        map.end()
    }
}

impl Serialize for SucceedState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", "Succeed")?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        write_opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        write_opt(&mut map, "InputPath", self.input_path.as_ref())?;
        write_opt(&mut map, "OutputPath", self.output_path.as_ref())?;
        write_opt(&mut map, "Output", self.output.as_ref())?;
        map.end()
    }
}

impl Serialize for FailState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", "Fail")?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        write_opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        write_dynamic(&mut map, "Error", "ErrorPath", self.error.as_ref())?;
        write_dynamic(&mut map, "Cause", "CausePath", self.cause.as_ref())?;
        map.end()
    }
}

impl Serialize for ParallelState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", "Parallel")?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        write_opt(&mut map, "QueryLanguage", self.query_language.as_ref())?;
        write_opt(&mut map, "InputPath", self.input_path.as_ref())?;
        write_opt(&mut map, "Parameters", self.parameters.as_ref())?;
        write_opt(&mut map, "Arguments", self.arguments.as_ref())?;
        {
            let _nested = super::Nesting::enter::<S::Error>(crate::limits::PARALLEL_LEVELS)?;
            map.serialize_entry("Branches", &self.branches)?;
        }
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

impl Serialize for Retrier {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("ErrorEquals", &self.error_equals)?;
        write_opt(&mut map, "IntervalSeconds", self.interval_seconds.as_ref())?;
        write_opt(&mut map, "MaxAttempts", self.max_attempts.as_ref())?;
        write_opt(&mut map, "BackoffRate", self.backoff_rate.as_ref())?;
        write_opt(&mut map, "MaxDelaySeconds", self.max_delay_seconds.as_ref())?;
        write_opt(&mut map, "JitterStrategy", self.jitter_strategy.as_ref())?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        map.end()
    }
}

impl Serialize for JitterStrategy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Catcher {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("ErrorEquals", &self.error_equals)?;
        write_opt(&mut map, "ResultPath", self.result_path.as_ref())?;
        write_opt(&mut map, "Output", self.output.as_ref())?;
        write_opt(&mut map, "Assign", self.assign.as_ref())?;
        map.serialize_entry("Next", &self.next)?;
        write_opt(&mut map, "Comment", self.comment.as_ref())?;
        map.end()
    }
}
