//! Building the machine: filling the JSON template's holes and applying run-time settings.

use std::fmt::Write as _;
use std::time::Duration;

use super::task::{TaskKind, TaskSpec};
use crate::error::{
    BuildError, BuildIssue, BuildIssueKind, Error, ParseError, ParseIssue, ParseIssueKind,
};
use crate::model::{
    IntegrationPattern, MapState, Payload as ModelPayload, PayloadObject, Resource, Retrier, State,
    StateMachine, StateName, States,
};
use crate::source::Span;
use crate::workflow::{Distributed, Reader, Retry};

/// Settings of one generated state that are only known at run time.
#[derive(Debug, Default)]
pub struct Patch {
    state: &'static str,
    task: Option<(TaskSpec, bool)>,
    retry: Vec<Retry>,
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
        self.retry.push(retry);
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

/// `duration` in whole seconds for `field` of `state`: refused, not rounded, when it has a
/// fraction of a second or is zero (the macro refuses the literal forms at compile time;
/// this catches a `Duration` computed otherwise).
fn whole_seconds(state: &str, field: &str, duration: Duration) -> Result<u64, Error> {
    if duration.subsec_nanos() == 0 && duration.as_secs() > 0 {
        return Ok(duration.as_secs());
    }
    Err(Error::Build(BuildError::new(vec![BuildIssue::new(
        BuildIssueKind::InvalidValue,
        format!("/States/{state}/{field}"),
        Some(StateName::from(state)),
        format!("{duration:?} is not a positive whole number of seconds, which `{field}` takes"),
    )])))
}

/// The retriers of `state`: refused with every value ASL cannot hold (a computed interval
/// of 1.5 s, a backoff rate below 1.0), not rounded.
fn retriers(state: &str, retries: Vec<Retry>) -> Result<Vec<Retrier>, Error> {
    let issues: Vec<BuildIssue> = retries
        .iter()
        .enumerate()
        .flat_map(|(index, retry)| {
            retry.refused().iter().map(move |(field, why)| {
                BuildIssue::new(
                    BuildIssueKind::InvalidValue,
                    format!("/States/{state}/Retry/{index}/{field}"),
                    Some(StateName::from(state)),
                    why.clone(),
                )
            })
        })
        .collect();
    if issues.is_empty() {
        Ok(retries.into_iter().map(Retry::into_retrier).collect())
    } else {
        Err(Error::Build(BuildError::new(issues)))
    }
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
                task.timeout_seconds = Some(whole_seconds(name, "TimeoutSeconds", timeout)?.into());
            }
            if let Some(heartbeat) = patch.heartbeat {
                task.heartbeat_seconds =
                    Some(whole_seconds(name, "HeartbeatSeconds", heartbeat)?.into());
            }
            if !patch.retry.is_empty() {
                task.retry = Some(retriers(name, patch.retry)?.into());
            }
        }
        State::Parallel(parallel) => {
            if !patch.retry.is_empty() {
                parallel.retry = Some(retriers(name, patch.retry)?.into());
            }
        }
        State::Map(map) => {
            if !patch.retry.is_empty() {
                map.retry = Some(retriers(name, patch.retry)?.into());
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
/// A `.timeout(..)`, `.heartbeat(..)` or `Retry` duration computed at run time that is not
/// a positive whole number of seconds, a `Retry` backoff rate below 1.0, or a machine the
/// validator finds errors in (AWS would refuse it): run-time settings such as a
/// `.timeout(..)` below the task's `heartbeat_secs` or Distributed Map options out of range.
/// Otherwise only if the generated template is inconsistent, which is a bug of `sfn-macros`.
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
    refuse_invalid(machine)
}

/// `machine`, unless the validator finds errors in it (AWS would refuse it): the macro
/// checks what it sees at compile time, but values computed when `definition()` runs (a
/// timeout below the task's heartbeat, Distributed Map options, a label) are only known
/// here.
fn refuse_invalid(machine: StateMachine) -> Result<StateMachine, Error> {
    let issues: Vec<BuildIssue> = crate::validate::validate(&machine)
        .errors()
        .map(|diagnostic| {
            let issue = BuildIssue::new(
                BuildIssueKind::Rejected(diagnostic.code),
                diagnostic.pointer.clone(),
                diagnostic.state.as_deref().map(StateName::from),
                diagnostic.message.clone(),
            );
            match &diagnostic.hint {
                Some(hint) => issue.with_hint(hint.clone()),
                None => issue,
            }
        })
        .collect();
    if issues.is_empty() {
        Ok(machine)
    } else {
        Err(Error::Build(BuildError::new(issues)))
    }
}

/// `state_machine()` of a generated workflow: `definition()` fails only for a machine AWS
/// would refuse because of values the macro could not see at compile time (see
/// [`assemble`]), or when `sfn-macros` has a bug.
#[must_use]
#[expect(
    clippy::panic,
    reason = "the template is generated and checked at compile time; what is left is documented on `state_machine()`"
)]
pub fn expect_machine(machine: Result<StateMachine, Error>) -> StateMachine {
    match machine {
        Ok(machine) => machine,
        Err(error) => panic!("the workflow's state machine cannot be built: {error}"),
    }
}
