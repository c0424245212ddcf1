//! The Parallel state: every branch on the same input, results in branch order, the first
//! failure cancelling the rest.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use serde_json::Value;
use sfn_dsl::model::ParallelState;

use super::eval::{self, States};
use super::failure::Failure;
use super::join::{AbortSignal, JoinOrdered};
use super::pipeline::{ResultFields, apply_template, check_size, filter};
use super::retry::{StateMock, mocked_attempt, state_mock, with_retries};
use super::run::Frame;
use super::runtime::yield_now;
use super::state_list::run_list;
use super::step::{Env, Step};
use super::variables::Variables;
use crate::history::{EventDetails, EventType};

/// The future that runs a Parallel state: [`run`], or in a state test with a mock, the
/// mock in place of the branches. Chosen here, out of `run`, so that the stack frame of
/// every nested Parallel state stays as it was without state tests.
pub(crate) fn start<'a, 'm: 'a>(
    env: &'a Env<'_, 'm>,
    state: &'m ParallelState,
    input: Value,
) -> Pin<Box<dyn Future<Output = Result<Step<'m>, Failure>> + 'a>> {
    match state_mock(env) {
        Some(mock) => mocked(env, state, input, mock),
        None => Box::pin(run(env, state, input)),
    }
}

/// Runs a Parallel state with its retries and catchers.
pub(crate) async fn run<'m>(
    env: &Env<'_, 'm>,
    state: &'m ParallelState,
    input: Value,
) -> Result<Step<'m>, Failure> {
    let retriers = state.retry.as_deref().unwrap_or_default();
    let catchers = state.catch.as_deref().unwrap_or_default();
    let fields = ResultFields::from(state);
    with_retries(
        env,
        (retriers, catchers),
        &fields,
        &input,
        |retries| attempt(env, state, &input, retries),
        |_| {
            env.record(EventType::ParallelStateFailed, EventDetails::default);
        },
    )
    .await
}

/// A state test's Parallel: the mock in place of the branches.
fn mocked<'a, 'm: 'a>(
    env: &'a Env<'_, 'm>,
    state: &'m ParallelState,
    input: Value,
    mock: StateMock,
) -> Pin<Box<dyn Future<Output = Result<Step<'m>, Failure>> + 'a>> {
    Box::pin(async move {
        let fields = ResultFields::from(state);
        with_retries(
            env,
            (
                state.retry.as_deref().unwrap_or_default(),
                state.catch.as_deref().unwrap_or_default(),
            ),
            &fields,
            &input,
            |retries| mocked_attempt(env, &mock, retries),
            |_| {},
        )
        .await
    })
}

async fn attempt(
    env: &Env<'_, '_>,
    state: &ParallelState,
    input: &Value,
    retries: u32,
) -> Result<(Value, Value), Failure> {
    let run = env.run;
    let context = env.context(Some(retries), None);
    let branch_input = if env.is_jsonata() {
        match &state.arguments {
            Some(arguments) => eval::jsonata_payload(
                arguments,
                &States::new(input, &context, env.tools()),
                env.variables,
                "Arguments",
            )?,
            None => input.clone(),
        }
    } else {
        let effective = filter(env, input, state.input_path.as_ref(), &context)?;
        apply_template(env, effective, state.parameters.as_ref(), &context)?.into_owned()
    };
    // Every branch starts with this input, which the payload quota bounds as it does a
    // Task's input after `Parameters`.
    check_size(env, &branch_input, "was given an input")?;
    let depth = env.frame.depth + 1;
    if depth > run.settings.limits.max_nesting {
        return Err(Failure::runtime(format!(
            "Parallel and Map states nest more than {} levels deep",
            run.settings.limits.max_nesting
        )));
    }
    let started = env.record(EventType::ParallelStateStarted, EventDetails::default);
    let machine_language = run.machine.default_query_language();
    let branches = &state.branches;
    let parent = Rc::clone(env.variables);
    let active = env.frame.active.borrow().clone();
    let signal = Rc::new(AbortSignal::child_of(env.frame.abort.clone()));
    let joined = JoinOrdered::new(branches.len(), 0, |index| {
        let branch = &branches[index];
        let frame = Rc::new(Frame::child(
            started,
            depth,
            branch.query_language.unwrap_or(machine_language),
            env.frame.child_history(false),
            Rc::clone(&signal),
            env.frame.execution.clone(),
        ));
        if let Some(active) = &active {
            active.start_child(index, Rc::clone(&frame));
        }
        let active = active.clone();
        let mut variables = Rc::new(Variables::nested(Rc::clone(&parent)));
        let input = branch_input.clone();
        Box::pin(async move {
            yield_now().await;
            let output = run_list(
                run,
                &branch.start_at,
                &branch.states,
                input,
                &frame,
                &mut variables,
            )
            .await?;
            if let Some(active) = &active {
                active.finish_child(index);
            }
            Ok(output)
        })
    })
    .settle(Rc::clone(&signal))
    .await;
    match joined {
        Ok(outputs) => {
            let result = Value::Array(outputs);
            // The branches' results are checked before `ResultSelector`, `ResultPath` or
            // `Output` could shrink them, as a Task's result is.
            check_size(env, &result, "returned a result")?;
            env.record(EventType::ParallelStateSucceeded, EventDetails::default);
            Ok((result, context))
        }
        Err(failure) => {
            // What still runs in the branches, the failing one first, is aborted.
            if let Some(active) = &active {
                for index in std::iter::once(failure.failed).chain(failure.cancelled) {
                    if let Some(frame) = active.child(index) {
                        run.abort(&frame);
                        active.finish_child(index);
                    }
                }
            }
            Err(failure.error)
        }
    }
}
