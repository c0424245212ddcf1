//! The compact writer behind `to_json`: the parts of a machine that make up nearly all of
//! a typical definition (the machine, its state list, Task states with their payloads,
//! retriers and catchers) are written straight into the buffer, each key with its quotes
//! and colon as one copy of a static string; everything else goes through the `serde`
//! writer of [`super::json`]. The text is the same as `serde_json::to_string` gives (the
//! corpus and property tests compare the two).

use serde::Serialize;
use serde_json::Error;
use serde_json::ser::CompactFormatter;

use super::json;
use super::json::{write_contents, write_utf8_contents};
use crate::model::{
    Catcher, Dynamic, DynamicValue, Nullable, Payload, PayloadField, PayloadObject, Resource,
    Retrier, State, StateMachine, TaskState, Transition,
};

/// A key as it is written after a comma: quoted, followed by a colon.
macro_rules! key {
    ($name:literal) => {
        concat!("\"", $name, "\":")
    };
}

/// Writes `machine` as compact JSON into `out`.
///
/// On error `out` holds a partial document and the caller writes it another way.
pub(super) fn machine(machine: &StateMachine, out: &mut Vec<u8>) -> Result<(), Error> {
    // Names every field, so that a field added to the model fails to compile here
    // instead of being left out of `to_json`.
    let StateMachine {
        comment: _,
        version: _,
        query_language: _,
        timeout_seconds: _,
        start_at: _,
        states: _,
    } = machine;
    let mut object = Object::new(out);
    if let Some(comment) = &machine.comment {
        object.string(key!("Comment"), comment);
    }
    if let Some(version) = &machine.version {
        object.string(key!("Version"), version);
    }
    if let Some(language) = &machine.query_language {
        object.serde(key!("QueryLanguage"), language)?;
    }
    object.dynamic(
        key!("TimeoutSeconds"),
        key!("TimeoutSecondsPath"),
        machine.timeout_seconds.as_ref(),
    )?;
    object.string(key!("StartAt"), machine.start_at.as_str());
    object.key(key!("States"));
    let out = &mut *object.out;
    out.push(b'{');
    for (index, (name, state)) in machine.states.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        string(out, name.as_str());
        out.push(b':');
        match state {
            State::Task(task) => self::task(task, out)?,
            other => json::write(other, out, CompactFormatter)?,
        }
    }
    out.push(b'}');
    object.end();
    Ok(())
}

/// A Task state, in the field order of its `Serialize` implementation.
fn task(task: &TaskState, out: &mut Vec<u8>) -> Result<(), Error> {
    // Every field named: see `machine`.
    let TaskState {
        comment: _,
        query_language: _,
        resource: _,
        credentials: _,
        input_path: _,
        parameters: _,
        arguments: _,
        result_selector: _,
        result_path: _,
        output_path: _,
        output: _,
        assign: _,
        timeout_seconds: _,
        heartbeat_seconds: _,
        retry: _,
        catch: _,
        transition: _,
    } = task;
    let mut object = Object::new(out);
    object.raw(key!("Type"), b"\"Task\"");
    if let Some(comment) = &task.comment {
        object.string(key!("Comment"), comment);
    }
    if let Some(language) = &task.query_language {
        object.serde(key!("QueryLanguage"), language)?;
    }
    object.key(key!("Resource"));
    resource(&task.resource, object.out);
    object.payload_opt(key!("Credentials"), task.credentials.as_ref())?;
    object.path_opt(key!("InputPath"), task.input_path.as_ref());
    object.payload_opt(key!("Parameters"), task.parameters.as_ref())?;
    object.payload_opt(key!("Arguments"), task.arguments.as_ref())?;
    object.payload_opt(key!("ResultSelector"), task.result_selector.as_ref())?;
    object.path_opt(key!("ResultPath"), task.result_path.as_ref());
    object.path_opt(key!("OutputPath"), task.output_path.as_ref());
    object.payload_opt(key!("Output"), task.output.as_ref())?;
    if let Some(assign) = &task.assign {
        object.key(key!("Assign"));
        payload_object(assign, object.out)?;
    }
    object.dynamic(
        key!("TimeoutSeconds"),
        key!("TimeoutSecondsPath"),
        task.timeout_seconds.as_ref(),
    )?;
    object.dynamic(
        key!("HeartbeatSeconds"),
        key!("HeartbeatSecondsPath"),
        task.heartbeat_seconds.as_ref(),
    )?;
    if let Some(retry) = &task.retry {
        object.key(key!("Retry"));
        array(object.out, retry, retrier)?;
    }
    if let Some(catch) = &task.catch {
        object.key(key!("Catch"));
        array(object.out, catch, catcher)?;
    }
    match &task.transition {
        Transition::Next(name) => object.string(key!("Next"), name.as_str()),
        Transition::End => object.raw(key!("End"), b"true"),
    }
    object.end();
    Ok(())
}

fn retrier(retrier: &Retrier, out: &mut Vec<u8>) -> Result<(), Error> {
    // Every field named: see `machine`.
    let Retrier {
        error_equals: _,
        interval_seconds: _,
        max_attempts: _,
        backoff_rate: _,
        max_delay_seconds: _,
        jitter_strategy: _,
        comment: _,
    } = retrier;
    let mut object = Object::new(out);
    object.key(key!("ErrorEquals"));
    error_names(object.out, &retrier.error_equals);
    object.unsigned_opt(key!("IntervalSeconds"), retrier.interval_seconds);
    object.unsigned_opt(key!("MaxAttempts"), retrier.max_attempts);
    if let Some(rate) = &retrier.backoff_rate {
        object.serde(key!("BackoffRate"), rate)?;
    }
    object.unsigned_opt(key!("MaxDelaySeconds"), retrier.max_delay_seconds);
    if let Some(strategy) = &retrier.jitter_strategy {
        object.string(key!("JitterStrategy"), strategy.as_str());
    }
    if let Some(comment) = &retrier.comment {
        object.string(key!("Comment"), comment);
    }
    object.end();
    Ok(())
}

fn catcher(catcher: &Catcher, out: &mut Vec<u8>) -> Result<(), Error> {
    // Every field named: see `machine`.
    let Catcher {
        error_equals: _,
        result_path: _,
        output: _,
        assign: _,
        next: _,
        comment: _,
    } = catcher;
    let mut object = Object::new(out);
    object.key(key!("ErrorEquals"));
    error_names(object.out, &catcher.error_equals);
    object.path_opt(key!("ResultPath"), catcher.result_path.as_ref());
    object.payload_opt(key!("Output"), catcher.output.as_ref())?;
    if let Some(assign) = &catcher.assign {
        object.key(key!("Assign"));
        payload_object(assign, object.out)?;
    }
    object.string(key!("Next"), catcher.next.as_str());
    if let Some(comment) = &catcher.comment {
        object.string(key!("Comment"), comment);
    }
    object.end();
    Ok(())
}

fn error_names(out: &mut Vec<u8>, names: &[crate::model::ErrorName]) {
    if let Some(json) = crate::model::ErrorName::shared_list_json(names) {
        out.extend_from_slice(json.as_bytes());
        return;
    }
    out.push(b'[');
    for (index, name) in names.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        string(out, name.as_str());
    }
    out.push(b']');
}

fn array<T>(
    out: &mut Vec<u8>,
    items: &[T],
    write: fn(&T, &mut Vec<u8>) -> Result<(), Error>,
) -> Result<(), Error> {
    out.push(b'[');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        write(item, out)?;
    }
    out.push(b']');
    Ok(())
}

fn payload(payload: &Payload, out: &mut Vec<u8>) -> Result<(), Error> {
    match payload {
        Payload::String(text) => {
            string(out, text);
            Ok(())
        }
        Payload::Object(object) => payload_object(object, out),
        other => json::write(other, out, CompactFormatter),
    }
}

fn payload_object(object: &PayloadObject, out: &mut Vec<u8>) -> Result<(), Error> {
    out.push(b'{');
    for (index, (key, field)) in object.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        string(out, key);
        out.push(b':');
        match field {
            PayloadField::Value(value) => payload(value, out)?,
            PayloadField::Dynamic(dynamic) => string(out, dynamic_str(dynamic)),
        }
    }
    out.push(b'}');
    Ok(())
}

fn dynamic_str(value: &DynamicValue) -> &str {
    value.as_str()
}

/// A resource: an ARN put together from its pieces on the stack when it is short, then
/// escaped and copied as one string.
fn resource(resource: &Resource, out: &mut Vec<u8>) {
    const STACK: usize = 160;
    if let Some(arn) = resource.common_arn() {
        // Letters and colons: nothing to escape.
        out.push(b'"');
        out.extend_from_slice(arn.as_bytes());
        out.push(b'"');
        return;
    }
    out.push(b'"');
    match resource {
        Resource::Other(text) => write_contents(out, text),
        other => {
            let pieces = other.pieces();
            let mut buffer = [0_u8; STACK];
            let mut length = 0;
            let fits = pieces.iter().all(|piece| {
                let end = length + piece.len();
                match buffer.get_mut(length..end) {
                    Some(slot) => {
                        slot.copy_from_slice(piece.as_bytes());
                        length = end;
                        true
                    }
                    None => false,
                }
            });
            match buffer.get(..length) {
                // Whole `str`s put end to end: UTF-8.
                Some(text) if fits => write_utf8_contents(out, text),
                _ => {
                    for piece in pieces {
                        write_contents(out, piece);
                    }
                }
            }
        }
    }
    out.push(b'"');
}

/// A string, quoted and escaped.
fn string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    write_contents(out, text);
    out.push(b'"');
}

/// An unsigned integer, as `serde_json` writes it.
fn unsigned(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0_u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(digit) = digits.get_mut(start) {
            // `value % 10` is a single digit.
            *digit = b'0' + (value % 10) as u8;
        }
        value /= 10;
        if value == 0 || start == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(start..).unwrap_or_default());
}

/// An object being written: its fields are separated by commas as they come.
struct Object<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Object<'a> {
    fn new(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Self { out, first: true }
    }

    /// Writes `key` (quoted, with its colon) after a comma unless it is the first.
    fn key(&mut self, key: &'static str) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.extend_from_slice(key.as_bytes());
    }

    fn raw(&mut self, key: &'static str, value: &[u8]) {
        self.key(key);
        self.out.extend_from_slice(value);
    }

    fn string(&mut self, key: &'static str, text: &str) {
        self.key(key);
        string(self.out, text);
    }

    fn serde<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.key(key);
        json::write(value, self.out, CompactFormatter)
    }

    /// A path field: its text, or `null`.
    fn path_opt<P: AsRef<str>>(&mut self, key: &'static str, value: Option<&Nullable<P>>) {
        match value {
            Some(Nullable::Value(path)) => self.string(key, path.as_ref()),
            Some(Nullable::Null) => self.raw(key, b"null"),
            None => {}
        }
    }

    fn unsigned_opt(&mut self, key: &'static str, value: Option<u64>) {
        if let Some(value) = value {
            self.key(key);
            unsigned(self.out, value);
        }
    }

    fn payload_opt(&mut self, key: &'static str, value: Option<&Payload>) -> Result<(), Error> {
        match value {
            Some(value) => {
                self.key(key);
                payload(value, self.out)
            }
            None => Ok(()),
        }
    }

    /// A setting under `key`, or under `path_key` when it is read from a path.
    fn dynamic<T: Serialize>(
        &mut self,
        key: &'static str,
        path_key: &'static str,
        value: Option<&Dynamic<T>>,
    ) -> Result<(), Error> {
        match value {
            None => Ok(()),
            Some(Dynamic::Path(path)) => {
                self.string(path_key, path.as_str());
                Ok(())
            }
            Some(Dynamic::Literal(literal)) => self.serde(key, literal),
            Some(Dynamic::Jsonata(expression)) => self.serde(key, expression),
            Some(Dynamic::Placeholder(placeholder)) => self.serde(key, placeholder),
        }
    }

    fn end(self) {
        self.out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::unsigned;
    use crate::StateMachine;

    fn machine_with_resource(resource: &str) -> StateMachine {
        let definition = serde_json::json!({
            "StartAt": "A",
            "States": {"A": {"Type": "Task", "Resource": resource, "End": true}}
        });
        StateMachine::from_json(&definition.to_string()).expect("parses")
    }

    #[test]
    fn resources_are_written_as_serde_json_writes_them() {
        let long = format!(
            "arn:aws:lambda:us-east-1:123456789012:function:{}",
            "f".repeat(200)
        );
        for resource in [
            "arn:aws:states:::lambda:invoke",
            "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "arn:aws-cn:states:::sqs:sendMessage",
            "arn:aws:states:::aws-sdk:s3:getObject",
            "arn:aws:lambda:us-east-1:123456789012:function:Quoted\"Name",
            long.as_str(),
            "${FunctionArn}",
        ] {
            let machine = machine_with_resource(resource);
            assert_eq!(
                machine.to_json(),
                serde_json::to_string(&machine).expect("serializes"),
                "{resource}"
            );
            assert!(
                machine
                    .to_json()
                    .contains(&serde_json::to_string(resource).expect("string"))
            );
        }
    }

    #[test]
    fn unsigned_integers_are_written_in_decimal() {
        for value in [0, 7, 10, 99, 100, 12_345, u64::MAX] {
            let mut out = Vec::new();
            unsigned(&mut out, value);
            assert_eq!(out, value.to_string().into_bytes());
        }
    }
}
