//! Support items for the code that `sfn-macros` generates. Not public API: no semver
//! promise, and nothing here is meant to be called by hand.

use std::fmt::Write as _;
use std::time::Duration;

use crate::error::{Error, ParseError, ParseIssue, ParseIssueKind};
use crate::model::{
    IntegrationPattern, MapState, Payload as ModelPayload, PayloadObject, Resource, Retrier, State,
    StateMachine, States,
};
use crate::source::Span;
use crate::typed::{Location, PathNode, Payload, ValueKind, jsonata_string};
use crate::workflow::{Distributed, Reader, Retry, TaskError};

pub use crate::typed;
pub use serde_json;

/// What a `#[task]` declaration calls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskKind {
    /// A resource used as is; the arguments are the payload.
    Resource(&'static str),
    /// A Lambda function called through `lambda:invoke`.
    Lambda(&'static str),
    /// An HTTPS endpoint called through `http:invoke`.
    Http {
        /// `ApiEndpoint`.
        endpoint: &'static str,
        /// `Method`.
        method: &'static str,
        /// `Authentication.ConnectionArn`.
        connection: &'static str,
    },
}

/// A task declaration: what it calls and its default settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskSpec {
    /// What it calls.
    pub kind: TaskKind,
    /// Default `TimeoutSeconds`.
    pub timeout_secs: Option<u64>,
    /// Default `HeartbeatSeconds`.
    pub heartbeat_secs: Option<u64>,
    /// The task's doc comment, used as the state's `Comment`.
    pub comment: Option<&'static str>,
}

impl TaskSpec {
    /// The text appended to `$states.result` to reach the value the task returns.
    #[must_use]
    pub fn result_suffix(&self, callback: bool) -> &'static str {
        match (&self.kind, callback) {
            (TaskKind::Lambda(_), false) => ".Payload",
            (TaskKind::Http { .. }, false) => ".ResponseBody",
            _ => "",
        }
    }
}

/// Implemented by `#[task]` for the marker type named like the task function.
pub trait Task {
    /// What the task returns.
    type Output;
    /// The parameter names, in order.
    const PARAMS: &'static [&'static str];
    /// Whether the resource can wait for a task token (`.waitForTaskToken`).
    const CALLBACK: bool;
    /// The declaration.
    fn spec() -> TaskSpec;
}

/// The typed path of a value of type `T`, relative to wherever the value lives.
#[must_use]
pub fn root<T: Payload + ?Sized>() -> T::Path {
    T::Path::at(Location::input())
}

/// The JSONata steps of a typed path (`.customer.email`).
#[must_use]
pub fn suffix<P: PathNode>(path: &P) -> String {
    path.location().jsonata_suffix()
}

/// The JSON name of the field a typed path ends with (used for object keys).
#[must_use]
pub fn field_name<P: PathNode>(path: &P) -> String {
    path.location().last_field().unwrap_or_default().to_owned()
}

/// The JSONata function giving the length of the value at a typed path.
#[must_use]
pub fn len_function<P: PathNode>(_path: &P) -> &'static str {
    match P::KIND {
        ValueKind::String => "$length",
        _ => "$count",
    }
}

/// A JSONata string literal.
#[must_use]
pub fn string_literal(text: &str) -> String {
    jsonata_string(text)
}

/// Implemented by `#[derive(Payload)]` for enums: how a variant is recognised in JSON.
pub trait EnumPayload {
    /// Whether the enum's JSON form tells the variants apart (false for untagged enums).
    const MATCHABLE: bool;
    /// A JSONata condition on `subject` that holds for the variant named `variant` (its
    /// Rust name).
    fn variant_test(variant: &str, subject: &str) -> String;
    /// The JSON value of a unit variant, as a JSONata literal.
    fn unit_value(variant: &str) -> String;
}

/// The JSONata condition recognising a variant.
#[must_use]
pub fn variant_test<E: EnumPayload + ?Sized>(variant: &str, subject: &str) -> String {
    E::variant_test(variant, subject)
}

/// The JSONata literal of a unit variant.
#[must_use]
pub fn unit_value<E: EnumPayload + ?Sized>(variant: &str) -> String {
    E::unit_value(variant)
}

/// Settings of one generated state that are only known at run time.
#[derive(Debug, Default)]
pub struct Patch {
    state: &'static str,
    task: Option<(TaskSpec, bool)>,
    retry: Vec<Retrier>,
    timeout: Option<Duration>,
    heartbeat: Option<Duration>,
    distributed: Option<Distributed>,
    reader: Option<Reader>,
}

impl Patch {
    /// A patch of the state named `state`.
    #[must_use]
    pub fn new(state: &'static str) -> Self {
        Self {
            state,
            ..Self::default()
        }
    }

    /// The task declaration, and whether this call waits for a callback.
    #[must_use]
    pub fn task(mut self, spec: TaskSpec, callback: bool) -> Self {
        self.task = Some((spec, callback));
        self
    }

    /// Adds a retrier.
    #[must_use]
    pub fn retry(mut self, retry: Retry) -> Self {
        self.retry.push(retry.into_retrier());
        self
    }

    /// Sets `TimeoutSeconds`.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets `HeartbeatSeconds`.
    #[must_use]
    pub fn heartbeat(mut self, heartbeat: Duration) -> Self {
        self.heartbeat = Some(heartbeat);
        self
    }

    /// Distributed Map settings.
    #[must_use]
    pub fn distributed(mut self, options: Distributed) -> Self {
        self.distributed = Some(options);
        self
    }

    /// Distributed Map item reader.
    #[must_use]
    pub fn reader(mut self, reader: Reader) -> Self {
        self.reader = Some(reader);
        self
    }
}

/// The marker around hole numbers in a template.
const HOLE: char = '\u{1}';

fn fill(template: &str, holes: &[String]) -> String {
    let mut text =
        String::with_capacity(template.len() + holes.iter().map(String::len).sum::<usize>());
    let mut parts = template.split(HOLE);
    if let Some(first) = parts.next() {
        text.push_str(first);
    }
    while let (Some(number), Some(rest)) = (parts.next(), parts.next()) {
        if let Some(hole) = number
            .parse::<usize>()
            .ok()
            .and_then(|index| holes.get(index))
        {
            for c in hole.chars() {
                match c {
                    '"' => text.push_str("\\\""),
                    '\\' => text.push_str("\\\\"),
                    c if u32::from(c) < 0x20 => {
                        let _ = write!(text, "\\u{:04x}", u32::from(c));
                    }
                    c => text.push(c),
                }
            }
        }
        text.push_str(rest);
    }
    text
}

fn find_state<'a>(states: &'a mut States, name: &str) -> Option<&'a mut State> {
    if states.contains(name) {
        return states.get_mut(name);
    }
    for (_, state) in states.iter_mut() {
        let found = match state {
            State::Parallel(parallel) => parallel
                .branches
                .iter_mut()
                .find_map(|branch| find_state(&mut branch.states, name)),
            State::Map(map) => find_state(&mut map.item_processor.states, name),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn internal(state: &str, message: &str) -> Error {
    Error::Parse(ParseError::new(vec![ParseIssue::new(
        ParseIssueKind::InvalidValue,
        format!("/States/{state}"),
        Span::default(),
        format!("sfn-macros generated an inconsistent machine ({message}); please report this"),
    )]))
}

fn wrap_arguments(spec: &TaskSpec, payload: Option<ModelPayload>) -> Option<ModelPayload> {
    let mut object = PayloadObject::new();
    match &spec.kind {
        TaskKind::Resource(_) => return payload,
        TaskKind::Lambda(function) => {
            object.insert("FunctionName", *function);
            if let Some(payload) = payload {
                object.insert("Payload", payload);
            }
        }
        TaskKind::Http {
            endpoint,
            method,
            connection,
        } => {
            object.insert("ApiEndpoint", *endpoint);
            object.insert("Method", *method);
            let mut authentication = PayloadObject::new();
            authentication.insert("ConnectionArn", *connection);
            object.insert("Authentication", authentication);
            if let Some(payload) = payload {
                object.insert("RequestBody", payload);
            }
        }
    }
    Some(ModelPayload::Object(object))
}

fn apply(state: &mut State, patch: Patch) -> Result<(), Error> {
    let name = patch.state;
    match state {
        State::Task(task) => {
            if let Some((spec, callback)) = patch.task {
                let pattern = if callback {
                    IntegrationPattern::WaitForTaskToken
                } else {
                    IntegrationPattern::RequestResponse
                };
                task.resource = match spec.kind {
                    TaskKind::Resource(resource) => {
                        let resource = Resource::parse(resource);
                        if callback {
                            resource.with_pattern(pattern)
                        } else {
                            resource
                        }
                    }
                    TaskKind::Lambda(_) => Resource::integration("lambda", "invoke", pattern),
                    TaskKind::Http { .. } => Resource::http_invoke(),
                };
                task.arguments = wrap_arguments(&spec, task.arguments.take());
                task.comment = spec.comment.map(str::to_owned);
                task.timeout_seconds = spec.timeout_secs.map(Into::into);
                task.heartbeat_seconds = spec.heartbeat_secs.map(Into::into);
            }
            if let Some(timeout) = patch.timeout {
                task.timeout_seconds = Some(timeout.as_secs().max(1).into());
            }
            if let Some(heartbeat) = patch.heartbeat {
                task.heartbeat_seconds = Some(heartbeat.as_secs().max(1).into());
            }
            if !patch.retry.is_empty() {
                task.retry = Some(patch.retry);
            }
        }
        State::Parallel(parallel) => {
            if !patch.retry.is_empty() {
                parallel.retry = Some(patch.retry);
            }
        }
        State::Map(map) => {
            if !patch.retry.is_empty() {
                map.retry = Some(patch.retry);
            }
            apply_map(map, patch.distributed, patch.reader);
        }
        _ => return Err(internal(name, "a patch names a state that takes none")),
    }
    Ok(())
}

fn apply_map(map: &mut MapState, options: Option<Distributed>, reader: Option<Reader>) {
    if let Some(options) = options {
        options.apply(map);
    }
    if let Some(reader) = reader {
        map.item_reader = Some(reader.into_item_reader());
    }
}

/// Builds the machine from its JSON template: fills the holes, parses, and applies the
/// run-time settings.
///
/// # Errors
///
/// Only if the generated template is inconsistent, which is a bug of `sfn-macros`.
pub fn assemble(
    template: &str,
    holes: &[String],
    patches: Vec<Patch>,
) -> Result<StateMachine, Error> {
    let text = fill(template, holes);
    let mut machine = StateMachine::from_json(&text)?;
    for patch in patches {
        let name = patch.state;
        let state = find_state(&mut machine.states, name)
            .ok_or_else(|| internal(name, "a patch names a missing state"))?;
        apply(state, patch)?;
    }
    Ok(machine)
}

/// `definition()` of a generated workflow never fails unless `sfn-macros` has a bug.
#[must_use]
#[expect(
    clippy::panic,
    reason = "the template is generated and checked at compile time; failing here is an internal invariant violation"
)]
pub fn expect_machine(machine: Result<StateMachine, Error>) -> StateMachine {
    match machine {
        Ok(machine) => machine,
        Err(error) => panic!("invariant: sfn-macros generated an invalid machine: {error}"),
    }
}

/// The never-run body of a task declared without one.
#[expect(
    clippy::panic,
    reason = "a task has no local behaviour; calling its declaration outside a workflow is a bug in the caller"
)]
pub fn task_stub(name: &str) -> ! {
    panic!("task `{name}` runs in AWS Step Functions; it has no local body")
}

/// `fail!` outside the state machine.
#[expect(
    clippy::panic,
    reason = "only reachable when a workflow body is called as plain Rust, which the macro prevents"
)]
pub fn fail(error: impl AsRef<str>, cause: impl AsRef<str>) -> ! {
    panic!("workflow failed: {}: {}", error.as_ref(), cause.as_ref())
}

/// A value of type `T` for type checking only: the workflow's shadow body reads variables
/// through it so that no value is ever moved.
#[expect(
    clippy::panic,
    reason = "the shadow body exists for type checking and is never called"
)]
pub fn copy<T>(_value: &T) -> T {
    panic!("shadow body of a workflow called")
}

/// The result of a task call as a `Result`, for `match` in the shadow body.
pub fn task_result<T>(value: T) -> Result<T, TaskError> {
    Ok(value)
}

/// Checks a compensation against the step's result type.
pub fn compensate<R, O>(_value: &R, compensation: impl FnOnce(R) -> O) {
    let _ = compensation;
}

/// Checks a catch handler against the step's result type.
pub fn catch<R>(_value: &R, handler: impl FnOnce(TaskError) -> R) {
    let _ = handler;
}

/// Checks a retry policy.
pub fn retry(policy: &Retry) {
    let _ = policy;
}

/// Checks a duration.
pub fn duration(duration: Duration) {
    let _ = duration;
}

/// Checks a state name.
pub fn name(name: &str) {
    let _ = name;
}

/// A parallel branch's value, for type checking.
pub fn branch<T>(value: T) -> T {
    value
}

/// Numbers that `+` adds in a workflow (strings are joined with `format!`).
#[diagnostic::on_unimplemented(
    message = "`+` in a workflow adds numbers, not `{Self}`",
    label = "not a number",
    note = "build strings with `format!(\"{{}}{{}}\", a, b)`"
)]
pub trait Number {
    /// The type of the right operand: the same number type.
    type Same;
}

macro_rules! numbers {
    ($($number:ty),*) => {$(
        impl Number for $number {
            type Same = $number;
        }
    )*};
}
numbers!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

/// `+` in the shadow body.
#[expect(
    clippy::panic,
    reason = "the shadow body exists for type checking and is never called"
)]
pub fn add<T: Number>(_left: T, _right: T::Same) -> T {
    panic!("shadow body of a workflow called")
}

/// `string` when the typed path holds a string, `other` otherwise.
#[must_use]
pub fn switch_kind<P: PathNode>(_path: &P, string: String, other: String) -> String {
    if P::KIND == ValueKind::String {
        string
    } else {
        other
    }
}

/// The typed path of an element of a list, as a root of its own.
#[must_use]
pub fn element<T: Payload>(list: &typed::ListPath<T>) -> T::Path {
    list.element_root()
}

/// A Rust constant as a JSONata literal (its JSON text).
#[must_use]
pub fn constant<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// The same typed path at a fresh root (for a variable holding the value).
#[must_use]
pub fn rebase<P: PathNode>(_path: &P) -> P {
    P::at(Location::input())
}

/// Implemented by `#[derive(Payload)]` for structs: whether a field is flattened (struct
/// literals in workflows cannot rebuild flattened fields).
pub trait StructFields {
    /// Whether some field is `#[serde(flatten)]`.
    const HAS_FLATTEN: bool;
}

/// Fails compilation (in a const context) for struct literals of types with flattened
/// fields; otherwise does nothing.
pub const fn assert_no_flatten<T: StructFields + ?Sized>() {
    assert!(
        !T::HAS_FLATTEN,
        "a workflow cannot build a struct with `#[serde(flatten)]` fields: build the JSON object field by field"
    );
}

/// Fails compilation (in a const context) when an enum's JSON form cannot tell its
/// variants apart (`#[serde(untagged)]`).
pub const fn assert_matchable<E: EnumPayload + ?Sized>() {
    assert!(
        E::MATCHABLE,
        "a workflow cannot `match` an untagged enum: its JSON form does not say which variant it is"
    );
}

/// The name of a task's parameter (the key of its input object).
#[must_use]
pub fn param_name<T: Task + ?Sized>(index: usize) -> String {
    T::PARAMS.get(index).copied().unwrap_or_default().to_owned()
}

/// The text appended to `$states.result` for a task's value.
#[must_use]
pub fn result_suffix<T: Task + ?Sized>(callback: bool) -> String {
    T::spec().result_suffix(callback).to_owned()
}

/// Fails compilation (in a const context) when a task cannot wait for a callback.
pub const fn assert_callback<T: Task + ?Sized>() {
    assert!(
        T::CALLBACK,
        "this task cannot `.wait_for_callback()`: only service integrations (`lambda`, `resource = \"arn:aws:states:::…\"`, `sdk`) can wait for a task token"
    );
}
