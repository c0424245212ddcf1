//! The iterations of a Map state: each run with its events (as a child execution in a
//! Distributed Map), as many at once as `MaxConcurrency` allows (at most 40 in an Inline
//! Map), and their failures counted against the tolerance.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use serde_json::Value;
use sfn_dsl::model::{ExecutionType, ItemProcessor, MapState};

use super::children::Children;
use super::settings::MapSettings;
use super::tally::Tally;
use super::{THRESHOLD, ledger, settings};
use crate::executor::failure::{Failure, TIMEOUT};
use crate::executor::join::{AbortSignal, JoinOrdered};
use crate::executor::run::{Active, Frame};
use crate::executor::runtime::{Either, Millis, Timers, race, yield_now};
use crate::executor::state_list::run_list;
use crate::executor::step::Env;
use crate::executor::variables::Variables;
use crate::executor::{EXPRESS_LIMIT_SECONDS, EXPRESS_TIMEOUT_CAUSE};
use crate::history::EventType;

/// One iteration to run.
struct Iteration<'e, 'r, 'm> {
    env: &'e Env<'r, 'm>,
    index: usize,
    input: Value,
    /// The Map Run's child executions, for a Distributed Map.
    children: Option<&'e Children>,
    tolerant: bool,
    settings: &'e MapSettings,
    depth: usize,
    language: sfn_dsl::model::QueryLanguage,
    parent: &'e Rc<Variables>,
    tally: &'e Tally,
    processor: &'e ItemProcessor,
    active: Option<&'e Rc<Active>>,
    signal: &'e Rc<AbortSignal>,
    ledger: Option<&'e ledger::Ledger>,
    /// The last `MapIterationSucceeded` or `MapIterationFailed` event recorded (0 before
    /// any): what the Map's own closing events link to.
    settled: &'e Cell<u64>,
}

/// Runs one iteration with its events; failures count against the tolerance.
///
/// The job is taken apart before the future is made, so that the future holds each part
/// once (an `async fn` would keep the whole job besides its parts): the future is
/// allocated and moved once per item.
fn iteration<'e>(job: Iteration<'e, '_, '_>) -> impl Future<Output = Result<Value, Failure>> + 'e {
    let Iteration {
        env,
        index,
        input,
        children,
        tolerant,
        settings,
        depth,
        language,
        parent,
        tally,
        processor,
        active,
        signal,
        ledger,
        settled,
    } = job;
    async move {
        let run = env.run;
        let name = env.name;
        let distributed = children.is_some();
        // A Distributed Map child is an execution of its own: its context shows its id,
        // name, input and start (its branches and iterations inherit them).
        let execution = match children {
            Some(children) => Some(Rc::new(children.info(
                env.frame.execution.as_deref().unwrap_or(&run.info),
                index,
                &input,
                run.now(),
            ))),
            None => env.frame.execution.clone(),
        };
        let started = if distributed {
            env.frame.previous.get()
        } else {
            run.record_iteration_start(env.frame, name, index)
        };
        let frame = Rc::new(Frame::child(
            started,
            depth,
            language,
            env.frame.child_history(distributed),
            Rc::clone(signal),
            execution,
        ));
        if let Some(active) = active {
            active.start_child(index, Rc::clone(&frame));
        }
        if let Some(ledger) = ledger {
            ledger.started(index, run.now());
        }
        yield_now().await;
        let mut variables = if distributed {
            Rc::new(Variables::default())
        } else {
            Rc::new(Variables::nested(Rc::clone(parent)))
        };
        let body = run_list(
            run,
            &processor.start_at,
            &processor.states,
            input,
            &frame,
            &mut variables,
        );
        let (outcome, ending) = if distributed {
            within_time_limit(&run.timers, child_time_limit_ms(processor), body).await
        } else {
            (body.await, ledger::Ending::Ended)
        };
        // An iteration that ends (unless the Map fails with it) records its end.
        let finished = |event_type| {
            if let Some(active) = active {
                active.finish_child(index);
            }
            if !distributed {
                settled.set(run.record_iteration_end(env.frame, &frame, event_type, name, index));
            }
        };
        if let Some(ledger) = ledger {
            ledger.finished(index, run.now(), outcome.as_ref(), ending);
        }
        match outcome {
            Ok(output) => {
                finished(EventType::MapIterationSucceeded);
                tally.succeeded(index);
                Ok(output)
            }
            // An intolerable failure fails the Map, which records it with the aborts.
            Err(failure) if !tolerant => Err(failure),
            Err(failure) => {
                finished(EventType::MapIterationFailed);
                tally.failed_with(index, &failure, ending, children);
                if settings::exceeds(settings, tally.failed(), tally.total()) {
                    return Err(Failure::passed(
                        Some(THRESHOLD.to_owned()),
                        Some("The specified tolerated failure threshold was exceeded".to_owned()),
                    ));
                }
                Ok(failure.to_output())
            }
        }
    }
}

/// How long a Distributed Map's child execution may run: five minutes for an Express one
/// (`ProcessorConfig.ExecutionType: EXPRESS`), as a top-level Express execution; a
/// Standard child's year is no shorter than what its parent has left, so no limit.
fn child_time_limit_ms(processor: &ItemProcessor) -> Option<Millis> {
    let express = processor
        .processor_config
        .as_ref()
        .and_then(|config| config.execution_type.as_ref())
        == Some(&ExecutionType::Express);
    express.then(|| Millis::try_from(EXPRESS_LIMIT_SECONDS * 1000).unwrap_or(Millis::MAX))
}

/// Runs `body`, a child execution's states, for at most `limit_ms`: past it the child
/// times out with `States.Timeout`. The timer is armed as the child starts and polled
/// first, so it wins a tie, as a top-level execution's does.
async fn within_time_limit(
    timers: &Rc<Timers>,
    limit_ms: Option<Millis>,
    body: impl Future<Output = Result<Value, Failure>>,
) -> (Result<Value, Failure>, ledger::Ending) {
    let Some(limit_ms) = limit_ms else {
        return (body.await, ledger::Ending::Ended);
    };
    match race(timers.sleep(limit_ms), body).await {
        Either::Left(()) => (
            Err(Failure::passed(
                Some(TIMEOUT.to_owned()),
                Some(EXPRESS_TIMEOUT_CAUSE.to_owned()),
            )),
            ledger::Ending::TimedOut,
        ),
        Either::Right(outcome) => (outcome, ledger::Ending::Ended),
    }
}

/// The most iterations an Inline Map runs at once, whatever its `MaxConcurrency` says:
/// "In this mode, the Map state supports up to 40 concurrent iterations" (AWS's Inline
/// Map page). Further iterations wait for a free slot.
const INLINE_MAX_CONCURRENCY: u64 = 40;

/// How many iterations run at once (0 for no limit): `MaxConcurrency` (0 meaning no limit
/// of its own), capped at 40 for an Inline Map.
fn concurrency_limit(max_concurrency: u64, distributed: bool) -> usize {
    let limit =
        if !distributed && (max_concurrency == 0 || max_concurrency > INLINE_MAX_CONCURRENCY) {
            INLINE_MAX_CONCURRENCY
        } else {
            max_concurrency
        };
    usize::try_from(limit).unwrap_or(usize::MAX)
}

/// Runs the iterations, counting in `tally` how their items fared; returns their outputs
/// in item order.
pub(super) async fn iterate(
    env: &Env<'_, '_>,
    state: &MapState,
    settings: &MapSettings,
    inputs: Vec<Value>,
    tally: &Tally,
    children: Option<&Children>,
    ledger: Option<&ledger::Ledger>,
) -> Result<Vec<Value>, Failure> {
    let run = env.run;
    let distributed = children.is_some();
    let processor = &state.item_processor;
    let language = processor
        .query_language
        .unwrap_or_else(|| run.machine.default_query_language());
    let depth = env.frame.depth + 1;
    let tolerant = distributed
        || settings.tolerated_count.is_some()
        || settings.tolerated_percentage.is_some();
    let parent = Rc::clone(env.variables);
    let limit = concurrency_limit(settings.max_concurrency, distributed);
    let active = env.frame.active.borrow().clone();
    let signal = Rc::new(AbortSignal::child_of(env.frame.abort.clone()));
    let mut inputs: Vec<Option<Value>> = inputs.into_iter().map(Some).collect();
    let inputs_ref = &mut inputs;
    let parent_ref = &parent;
    let active_ref = active.as_ref();
    let signal_ref = &signal;
    let settled = Cell::new(0u64);
    let settled_ref = &settled;
    let joined = JoinOrdered::new(inputs_ref.len(), limit, move |index| {
        let item_input = inputs_ref
            .get_mut(index)
            .and_then(Option::take)
            .unwrap_or(Value::Null);
        Box::pin(iteration(Iteration {
            env,
            index,
            input: item_input,
            children,
            tolerant,
            settings,
            depth,
            language,
            parent: parent_ref,
            tally,
            processor,
            active: active_ref,
            signal: signal_ref,
            ledger,
            settled: settled_ref,
        }))
    })
    .settle(Rc::clone(&signal))
    .await;
    match joined {
        Ok(outputs) => {
            // The Map's closing events link to the last iteration to end.
            if settled.get() != 0 {
                env.frame.previous.set(settled.get());
            }
            Ok(outputs)
        }
        Err(failure) => {
            // Recorded (`test_service_lambda_map_timeout`): the failed iteration, then for
            // each iteration still running its abort, each followed by the aborts of the
            // states running in it. (The child executions of a Distributed Map keep
            // histories of their own.)
            if let Some(active) = active.as_ref().filter(|_| !distributed) {
                if let Some(frame) = active.child(failure.failed) {
                    run.record_iteration(
                        env.frame,
                        EventType::MapIterationFailed,
                        env.name,
                        failure.failed,
                    );
                    run.abort(&frame);
                    active.finish_child(failure.failed);
                }
                for index in failure.cancelled {
                    if let Some(frame) = active.child(index) {
                        run.record_iteration(
                            env.frame,
                            EventType::MapIterationAborted,
                            env.name,
                            index,
                        );
                        run.abort(&frame);
                        active.finish_child(index);
                    }
                }
            }
            Err(failure.error)
        }
    }
}
