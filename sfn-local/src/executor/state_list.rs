//! Runs a state list (the machine, a Parallel branch or a Map iteration) from `StartAt`
//! to a terminal state.

use std::rc::Rc;

use serde_json::Value;
use sfn_dsl::model::{State, StateName, States};

use super::failure::{DATA_LIMIT, Failure};
use super::limits::json_size;
use super::run::{Active, Frame, Run};
use super::step::{Env, Step};
use super::variables::Variables;
use super::{choice, map, parallel, pass, task, terminal, wait};
use crate::history::{EventDetails, EventType, JsonText, state_events};

/// Runs the list starting at `start_at` with `input`; returns the terminal state's output.
pub(crate) async fn run_list<'m>(
    run: &Run<'m>,
    start_at: &'m StateName,
    states: &'m States,
    input: Value,
    frame: &Frame,
    variables: &mut Rc<Variables>,
) -> Result<Value, Failure> {
    let mut name = start_at;
    let mut input = input;
    let mut transitions: u64 = 0;
    loop {
        frame.halt_if_aborting().await;
        run.halt_if_history_full().await;
        if let Some(limit) = run.settings.limits.max_state_transitions
            && transitions >= limit
        {
            return Err(Failure::runtime(format!(
                "a state list made {limit} state transitions, the most sfn-local allows (`Limits::max_state_transitions`): a loop whose exit is never taken?"
            )));
        }
        transitions += 1;
        let Some(state) = states.get(name.as_str()) else {
            return Err(Failure::runtime(format!(
                "the state `{name}` does not exist in this state list"
            )));
        };
        let step = run_state(run, name.as_str(), state, input, frame, variables)
            .await
            .map_err(|failure| failure.raised_in(name.as_str()))?;
        match step.next {
            Some(next) => {
                name = next;
                input = step.output;
            }
            None => return Ok(step.output),
        }
    }
}

/// Runs one state: entered event, the state's work, exited event, variables.
pub(crate) async fn run_state<'m>(
    run: &Run<'m>,
    name: &'m str,
    state: &'m State,
    input: Value,
    frame: &Frame,
    variables: &mut Rc<Variables>,
) -> Result<Step<'m>, Failure> {
    let (entered_type, exited_type) = state_events(state.type_name());
    run.transitions.set(run.transitions.get() + 1);
    let keep = run.keeps_details();
    let entered_id = run.record(frame, entered_type, || EventDetails {
        name: Some(name.to_owned()),
        input: keep.then(|| JsonText::from(&input)),
        ..EventDetails::default()
    });
    // A state whose entered event found the history full is not listed as entered.
    if frame.recorded && !run.recorder.is_full() {
        run.entered.borrow_mut().push(name.to_owned());
    }
    let aborted = match state {
        State::Task(_) => Some((EventType::TaskStateAborted, None)),
        State::Wait(_) => Some((EventType::WaitStateAborted, None)),
        State::Parallel(_) => Some((EventType::ParallelStateAborted, None)),
        State::Map(_) => Some((EventType::MapStateAborted, Some(name.to_owned()))),
        _ => None,
    };
    if let Some((event_type, map_name)) = aborted {
        frame
            .active
            .replace(Some(Rc::new(Active::new(event_type, map_name))));
    }
    if frame.yield_on_first_entry.replace(false) {
        super::runtime::yield_now().await;
        frame.halt_if_aborting().await;
    }
    let env = Env {
        run,
        frame,
        name,
        entered: run.now(),
        entered_id,
        query_language: state.query_language().unwrap_or(frame.query_language),
        variables,
    };
    let outcome = match state {
        State::Pass(pass) => pass::run(&env, pass, &input),
        State::Task(task) => Box::pin(task::run(&env, task, input)).await,
        State::Choice(choice) => choice::run(&env, choice, &input),
        State::Wait(wait) => Box::pin(wait::run(&env, wait, input)).await,
        State::Succeed(succeed) => terminal::succeed(&env, succeed, &input),
        State::Fail(fail) => Err(terminal::fail(&env, fail, &input)),
        State::Parallel(parallel) => parallel::start(&env, parallel, input).await,
        State::Map(map) => map::start(&env, map, input).await,
    };
    // Once the enclosing Parallel or Map has failed, the outcome is not processed: the
    // state is recorded as aborted instead.
    frame.halt_if_aborting().await;
    // A failed state stays active: its branch or iteration is torn down with it.
    let step = outcome.map_err(|failure| env.leave(failure))?;
    frame.active.replace(None);
    let limit = run.settings.limits.max_payload_bytes;
    if json_size(&step.output) > limit {
        return Err(Failure::passed(
            Some(DATA_LIMIT.to_owned()),
            Some(format!(
                "The state '{name}' produced an output with a size exceeding the maximum number of bytes service limit."
            )),
        ));
    }
    if let Some(exited_type) = exited_type {
        run.record(frame, exited_type, || EventDetails {
            name: Some(name.to_owned()),
            output: keep.then(|| JsonText::from(&step.output)),
            assigned_variables: step
                .assigned
                .as_ref()
                .filter(|_| keep)
                .map(history_variables),
            ..EventDetails::default()
        });
    }
    if let Some(assigned) = step.assigned.clone() {
        check_variables(run, &assigned)?;
        Variables::assign(variables, assigned);
        let total = variables.total_size();
        if total > run.settings.limits.max_variables_bytes {
            return Err(Failure::passed(
                Some(DATA_LIMIT.to_owned()),
                Some(format!(
                    "The variables of the execution exceed the maximum size ({total} bytes)."
                )),
            ));
        }
    }
    Ok(step)
}

/// Assigned variables as the history keeps them.
fn history_variables(
    assigned: &indexmap::IndexMap<String, Value>,
) -> indexmap::IndexMap<String, JsonText> {
    assigned
        .iter()
        .map(|(name, value)| (name.clone(), JsonText::from(value)))
        .collect()
}

fn check_variables(
    run: &Run<'_>,
    assigned: &indexmap::IndexMap<String, Value>,
) -> Result<(), Failure> {
    let limit = run.settings.limits.max_payload_bytes;
    let total: usize = assigned.values().map(json_size).sum();
    if total > limit {
        return Err(Failure::passed(
            Some(DATA_LIMIT.to_owned()),
            Some(format!(
                "The assigned variables have a size exceeding the maximum number of bytes service limit ({total} bytes)."
            )),
        ));
    }
    Ok(())
}
