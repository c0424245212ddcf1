//! The Task state: task input, the mocked call with its timeouts and callbacks, and the
//! result's way into the output.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use serde_json::{Map, Value};
use sfn_dsl::model::{Dynamic, Resource, ServiceIntegration, TaskState};

use super::eval::{self, States};
use super::failure::{Expiry, Failure, TIMEOUT};
use super::pipeline::{ResultFields, apply_template, check_size, filter, finish};
use super::resource::{Family, TaskResource};
use super::retry::{RetryCounters, catch, exhausted_in_test, retriable_in_test};
use super::runtime::{Either, Timers, race};
use super::step::{Env, Step};
use crate::history::{EventDetails, JsonText};
use crate::mock::{
    Answer, Callbacks, Fault, Mock, Response, ResponseFuture, TaskCall, TokenEvent, Unmocked,
};

/// Runs a Task state with its retries and catchers.
pub(crate) async fn run<'m>(
    env: &Env<'_, 'm>,
    state: &'m TaskState,
    input: Value,
) -> Result<Step<'m>, Failure> {
    let retriers = state.retry.as_deref().unwrap_or_default();
    let catchers = state.catch.as_deref().unwrap_or_default();
    let resource = TaskResource::classify(&state.resource);
    let mut counters = RetryCounters::for_env(env, retriers);
    loop {
        let attempted = attempt(env, state, &resource, &input, counters.retries).await;
        // The task's outcome is recorded even when the enclosing Parallel or Map failed at
        // the same instant; what the state would do with it is not.
        env.frame.halt_if_aborting().await;
        env.run.halt_if_history_full().await;
        // A failure in handling the task's result (`ResultSelector`, `ResultPath`,
        // `Output`, `Assign`) is the state's error like the task's own, so a retrier runs
        // the task again (the States Language lists `States.ResultPathMatchFailure` and
        // `States.QueryEvaluationError` among the errors a Task may retry).
        let outcome = match attempted {
            Ok((result, context)) => {
                match finish(env, &ResultFields::from(state), &input, result, &context) {
                    Ok(step) => return Ok(step),
                    Err(failure) => env.leave(failure),
                }
            }
            Err(failure) => env.leave(failure),
        };
        let delay = counters.next_delay(retriers, &outcome, &mut env.run.entropy.borrow_mut());
        match delay {
            Some(delay) if retriable_in_test(env, retriers, &outcome, delay) => {
                return Err(outcome);
            }
            Some(delay) => {
                env.run.transitions.set(env.run.transitions.get() + 1);
                env.run.timers.sleep(delay).await;
            }
            None => {
                exhausted_in_test(env, retriers, &outcome);
                return catch(env, catchers, &input, outcome, counters.retries);
            }
        }
    }
}

/// Resolves `TimeoutSeconds`/`HeartbeatSeconds` (literal, `…Path` or JSONata).
fn seconds_setting(
    env: &Env<'_, '_>,
    setting: Option<&Dynamic<u64>>,
    name: &str,
    effective: &Value,
    context: &Value,
    states: &States<'_>,
) -> Result<Option<u64>, Failure> {
    let Some(setting) = setting else {
        return Ok(None);
    };
    match setting {
        Dynamic::Literal(seconds) => Ok(Some(*seconds)),
        Dynamic::Placeholder(_) => Ok(None),
        Dynamic::Path(path) => {
            let value = eval::select(path.as_str(), &env.scope(effective, context))?;
            match value.as_u64() {
                Some(seconds) if seconds > 0 => Ok(Some(seconds)),
                _ => Err(Failure::runtime(not_positive_integer(
                    name,
                    path.as_str(),
                    &value,
                ))),
            }
        }
        Dynamic::Jsonata(expression) => {
            let value = eval::jsonata(expression, states, env.variables, name)?;
            match value.as_u64() {
                Some(seconds) if seconds > 0 => Ok(Some(seconds)),
                _ => Err(Failure::query(
                    Some(name.to_owned()),
                    format!(
                        "The JSONata expression '{}' specified for the field '{name}' returned an unexpected result type. Expected 'positive integer', but was '{}' for value: {value}",
                        expression.trimmed(),
                        super::choice::type_name(&value)
                    ),
                )),
            }
        }
    }
}

/// Why the value a `…SecondsPath` found is refused, in the words AWS uses for the Map
/// state's `…Path` fields (`The MaxItemsPath field refers to value "1.5" which is not a
/// valid integer: $.MaxItems`, recorded), but with the value shown once as JSON, so that a
/// string stays distinguishable from a number, and saying so for a string.
fn not_positive_integer(name: &str, path: &str, value: &Value) -> String {
    let reason = if value.is_string() {
        " (a string, not a number)"
    } else {
        ""
    };
    format!(
        "The {name}Path field refers to value {value} which is not a valid positive integer{reason}: {path}"
    )
}

/// The task input (`Parameters` or `Arguments`) and the effective input (`InputPath`).
fn task_input(
    env: &Env<'_, '_>,
    state: &TaskState,
    input: &Value,
    context: &Value,
    states: &States<'_>,
) -> Result<(Value, Value), Failure> {
    Ok(if env.is_jsonata() {
        let task_input = match &state.arguments {
            Some(arguments) => {
                eval::jsonata_payload(arguments, states, env.variables, "Arguments")?
            }
            None => input.clone(),
        };
        env.stage(|stages| stages.after_arguments = Some(task_input.clone()));
        (task_input, input.clone())
    } else {
        let effective = filter(env, input, state.input_path.as_ref(), context)?;
        env.stage(|stages| stages.after_input_path = Some(effective.clone().into_owned()));
        let task_input =
            apply_template(env, effective.clone(), state.parameters.as_ref(), context)?;
        env.stage(|stages| stages.after_parameters = Some(task_input.clone().into_owned()));
        (task_input.into_owned(), effective.into_owned())
    })
}

/// One attempt: builds the task input, calls the mock, returns the raw result.
/// The failure of a Task no mock answers, pointing at a mock registered under a
/// misspelt name.
fn unmocked(mocks: &crate::Mocks, state_name: &str, resource: &str) -> Failure {
    let advice = match mocks.close_state_name(state_name) {
        Some(close) => {
            format!("a mock is registered for state '{close}': did you mean '{state_name}'?")
        }
        None => "register one, or run with unmocked tasks echoing their input".to_owned(),
    };
    Failure::runtime(format!(
        "No mock answers Task state '{state_name}' (resource {resource}); {advice}"
    ))
}

async fn attempt(
    env: &Env<'_, '_>,
    state: &TaskState,
    resource: &TaskResource,
    input: &Value,
    retries: u32,
) -> Result<(Value, Value), Failure> {
    let run = env.run;
    let token = (resource.uses_token || resource.submits).then(|| run.new_token());
    let context = env.context(Some(retries), token.as_deref());
    let states = States::new(input, &context, env.tools());
    let (task_input, effective) = task_input(env, state, input, &context, &states)?;
    let timeout = seconds_setting(
        env,
        state.timeout_seconds.as_ref(),
        "TimeoutSeconds",
        &effective,
        &context,
        &states,
    )?;
    let heartbeat = seconds_setting(
        env,
        state.heartbeat_seconds.as_ref(),
        "HeartbeatSeconds",
        &effective,
        &context,
        &states,
    )?;
    check_size(env, &task_input, "was given an input")?;
    if let Some(problem) = super::integration::check_parameters(resource, &task_input) {
        return Err(Failure::runtime(problem));
    }

    let state_name = env.name;
    let mock = run.mocks.find(state_name, &resource.arn);
    if mock.is_none() && run.mocks.unmocked_policy() == Unmocked::Fail {
        return Err(unmocked(run.mocks, state_name, &resource.arn));
    }
    let keep = run.keeps_details();
    let invocation = run.next_invocation(state_name);
    let submitted = run.mocks.submitted(state_name, invocation);
    let call = TaskCall {
        state_name: state_name.to_owned(),
        resource: resource.arn.clone(),
        input: task_input.clone(),
        attempt: retries,
        invocation,
        token: token.clone(),
        callbacks: run.callbacks.clone(),
        timers: Rc::clone(&run.timers),
    };
    let waits_for = if resource.uses_token {
        token.as_deref()
    } else {
        None
    };
    let answer = ask(&run.callbacks, mock, call, waits_for, &task_input)?;
    record_start(env, resource, &task_input, submitted, timeout, heartbeat);
    let limit = run_limit(&state.resource, timeout);
    let outcome = call_with_limits(env, answer, waits_for, limit, heartbeat).await;
    if let Some(token) = &token {
        run.callbacks.close(token);
    }
    match outcome {
        Ok(result) => {
            if let Err(failure) = check_size(env, &result, "returned a result") {
                let failure = Failure {
                    cause: failure.cause.map(|cause| {
                        cause.replace(
                            &format!("'{state_name}'"),
                            &format!("'{}'", resource.name_in_causes()),
                        )
                    }),
                    ..failure
                };
                env.record(resource.failed(), || EventDetails {
                    error: failure.error.clone(),
                    cause: failure.cause.clone(),
                    ..resource.details()
                });
                return Err(failure);
            }
            env.record(resource.succeeded(), || EventDetails {
                output: keep.then(|| JsonText::from(&result)),
                ..resource.details()
            });
            env.stage(|stages| stages.result = Some(result.clone()));
            Ok((result, context))
        }
        Err(failure) => {
            let event = if failure.error.as_deref() == Some(TIMEOUT) {
                resource.timed_out()
            } else {
                resource.failed()
            };
            env.record(event, || EventDetails {
                error: failure.error.clone(),
                cause: failure.cause.clone(),
                ..resource.details()
            });
            Err(failure)
        }
    }
}

/// Records the scheduled, started and (for `.sync` and callbacks) submitted events; the
/// submission shows what the service answered (`submitted`, as a replayed history records
/// it), `{}` when that is not known.
fn record_start(
    env: &Env<'_, '_>,
    resource: &TaskResource,
    task_input: &Value,
    submitted: Option<&Value>,
    timeout: Option<u64>,
    heartbeat: Option<u64>,
) {
    let run = env.run;
    let keep = run.keeps_details();
    env.record(resource.scheduled(), || {
        if !keep {
            return EventDetails::default();
        }
        let mut details = resource.details();
        match resource.family {
            Family::Task => {
                details.region = Some(run.settings.region.clone());
                details.parameters = Some(JsonText::from(task_input));
            }
            Family::Lambda | Family::Activity => {
                details.resource = Some(resource.arn.clone());
                details.input = Some(JsonText::from(task_input));
            }
        }
        details.timeout_in_seconds = timeout;
        details.heartbeat_in_seconds = heartbeat;
        details
    });
    env.record(resource.started(), || resource.details());
    if resource.submits {
        env.record(crate::history::EventType::TaskSubmitted, || EventDetails {
            output: Some(JsonText::from(
                submitted
                    .cloned()
                    .unwrap_or_else(|| Value::Object(Map::new())),
            )),
            ..resource.details()
        });
    }
}

/// Asks the service (its mock) for its answer, the callback `token` (if the task waits for
/// one) valid from before the call, so that a mock answering at once (`Mock::from_fn`) can
/// complete it, as a service may before its request returns. An invocation a mock
/// configuration has no answer for fails before the task is scheduled: no service call is
/// made, and the token is closed again.
fn ask(
    callbacks: &Callbacks,
    mock: Option<&Mock>,
    call: TaskCall,
    token: Option<&str>,
    task_input: &Value,
) -> Result<Answer, Failure> {
    if let Some(token) = token {
        callbacks.issue(token);
    }
    match mock {
        Some(mock) => mock.answer(call).map_err(|unanswered| {
            if let Some(token) = token {
                callbacks.close(token);
            }
            Failure::runtime(unanswered.cause)
        }),
        None => Ok(Answer::Ready(Response::Return(task_input.clone()))),
    }
}

/// How long the call may run: the state's `TimeoutSeconds`, within what the integration
/// allows ([`ServiceIntegration::max_run_seconds`]).
fn run_limit(resource: &Resource, timeout: Option<u64>) -> Option<u64> {
    match resource
        .as_integration()
        .and_then(ServiceIntegration::max_run_seconds)
    {
        Some(limit) => Some(timeout.map_or(limit, |seconds| seconds.min(limit))),
        None => timeout,
    }
}

/// Waits for the mock's answer (and, for callback tasks, the token, issued by the caller),
/// bounded by the task's timeout and heartbeat.
async fn call_with_limits(
    env: &Env<'_, '_>,
    answer: Answer,
    token: Option<&str>,
    timeout: Option<u64>,
    heartbeat: Option<u64>,
) -> Result<Value, Failure> {
    let run = env.run;
    let timers = Rc::clone(&run.timers);
    let response = resolve(answer, Rc::clone(&timers));
    let work = async {
        match token {
            None => match response.await {
                Response::Return(value) => Ok(value),
                Response::Throw { error, cause } => Err(Failure::passed(Some(error), cause)),
                Response::Fail { error, cause } => Err(Failure::passed(error, cause)),
                Response::NoResponse | Response::Delayed(..) => std::future::pending().await,
            },
            Some(token) => {
                let callbacks = run.callbacks.clone();
                let owned_token = token.to_owned();
                let service = async move {
                    let outcome = match response.await {
                        Response::Return(value) => Some(Ok(value)),
                        Response::Throw { error, cause } => Some(Err(Fault {
                            error: Some(error),
                            cause,
                        })),
                        Response::Fail { error, cause } => Some(Err(Fault { error, cause })),
                        Response::NoResponse | Response::Delayed(..) => None,
                    };
                    if let Some(outcome) = outcome {
                        callbacks.complete(&owned_token, outcome).ok();
                    }
                    std::future::pending::<()>().await;
                };
                match race(wait_token(env, token, heartbeat), service).await {
                    Either::Left(outcome) => outcome,
                    Either::Right(()) => std::future::pending().await,
                }
            }
        }
    };
    let limit = timeout.map_or(i64::MAX, |seconds| {
        i64::try_from(seconds)
            .unwrap_or(i64::MAX)
            .saturating_mul(1000)
    });
    match race(work, timers.sleep(limit)).await {
        Either::Left(outcome) => outcome,
        Either::Right(()) => Err(Failure::timed_out(Expiry::Run)),
    }
}

/// Waits for a token's completion, failing with `States.Timeout` when heartbeats stop
/// (marked as a missed heartbeat, for `States.HeartbeatTimeout` matchers).
async fn wait_token(
    env: &Env<'_, '_>,
    token: &str,
    heartbeat: Option<u64>,
) -> Result<Value, Failure> {
    let run = env.run;
    loop {
        let heartbeat_deadline = heartbeat.map_or(i64::MAX, |seconds| {
            run.callbacks.last_heartbeat(token).saturating_add(
                i64::try_from(seconds)
                    .unwrap_or(i64::MAX)
                    .saturating_mul(1000),
            )
        });
        match race(
            run.callbacks.wait(token),
            run.timers.sleep_until(heartbeat_deadline),
        )
        .await
        {
            Either::Left(TokenEvent::Done(Ok(value))) => return Ok(value),
            Either::Left(TokenEvent::Done(Err(fault))) => {
                return Err(Failure::passed(fault.error, fault.cause));
            }
            Either::Left(TokenEvent::Heartbeat) => {}
            Either::Right(()) => return Err(Failure::timed_out(Expiry::Heartbeat)),
        }
    }
}

/// The final response: waits out delays and async mocks.
async fn resolve(answer: Answer, timers: Rc<Timers>) -> Response {
    let mut response = match answer {
        Answer::Ready(response) => response,
        Answer::Later(future) => Tracked::new(future, Rc::clone(&timers)).await,
    };
    loop {
        match response {
            Response::Delayed(delay, inner) => {
                let millis = i64::try_from(delay.as_millis()).unwrap_or(i64::MAX);
                timers.sleep(millis).await;
                response = *inner;
            }
            other => return other,
        }
    }
}

/// Wraps a mock's future, telling the runtime when it waits on the outside world (so the
/// virtual clock does not run ahead of it).
struct Tracked {
    future: ResponseFuture,
    timers: Rc<Timers>,
    external: bool,
}

impl Tracked {
    fn new(future: ResponseFuture, timers: Rc<Timers>) -> Self {
        Self {
            future,
            timers,
            external: false,
        }
    }
}

impl Future for Tracked {
    type Output = Response;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        let this = self.get_mut();
        let outer = this.timers.take_virtual_wait();
        let poll = this.future.as_mut().poll(cx);
        let waits_virtually = this.timers.take_virtual_wait();
        if outer {
            this.timers.note_virtual_wait();
        }
        let external_now = poll.is_pending() && !waits_virtually;
        if external_now != this.external {
            if external_now {
                this.timers.external_started();
            } else {
                this.timers.external_finished();
            }
            this.external = external_now;
        }
        poll
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        if self.external {
            self.timers.external_finished();
        }
    }
}
