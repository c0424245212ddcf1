//! The Map state: items from the input or an `ItemReader`, `ItemSelector`, batching,
//! concurrent iterations, failure tolerance and `ResultWriter`.

mod batch;
mod children;
mod gzip;
mod items;
mod ledger;
mod manifest;
#[cfg(feature = "parquet")]
mod parquet_items;
mod reader;
mod settings;
mod writer;

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use serde_json::Value;
use sfn_dsl::model::{Dynamic, ExecutionType, ItemProcessor, MapState, Nullable};

use super::eval::{self, States};
use super::failure::{Failure, TIMEOUT};
use super::inspect::MapStages;
use super::join::{AbortSignal, JoinOrdered};
use super::pipeline::ResultFields;
use super::retry::{StateMock, mocked_attempt, state_mock, with_retries};
use super::run::{Active, Frame, MapItem, StateView};
use super::runtime::{Either, Millis, Timers, race, yield_now};
use super::state_list::run_list;
use super::step::{Env, Step};
use super::variables::Variables;
use super::{EXPRESS_LIMIT_SECONDS, EXPRESS_TIMEOUT_CAUSE};
use crate::history::{EventDetails, EventType};
use children::Children;
use settings::MapSettings;

/// `States.ExceedToleratedFailureThreshold`.
const THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";

/// The future that runs a Map state: [`run`], or in a state test with a mock, the mock in
/// place of the iterations. Chosen here, out of `run`, so that the stack frame of every
/// nested Map state stays as it was without state tests.
pub(crate) fn start<'a, 'm: 'a>(
    env: &'a Env<'_, 'm>,
    state: &'m MapState,
    input: Value,
) -> Pin<Box<dyn Future<Output = Result<Step<'m>, Failure>> + 'a>> {
    match state_mock(env) {
        Some(mock) => mocked_run(env, state, input, mock),
        None => Box::pin(run(env, state, input)),
    }
}

/// Runs a Map state with its retries and catchers.
pub(crate) async fn run<'m>(
    env: &Env<'_, 'm>,
    state: &'m MapState,
    input: Value,
) -> Result<Step<'m>, Failure> {
    let retriers = state.retry.as_deref().unwrap_or_default();
    let catchers = state.catch.as_deref().unwrap_or_default();
    let fields = ResultFields::from(state);
    if let Some(items_path) = consumed_items_path(env, state) {
        // Nothing reads the input once the items are taken: the items move into the
        // iterations instead of being copied. Without retriers the attempt runs once.
        let mut input = input;
        let taken = eval::find_mut(env.tools(), items_path, &mut input)
            .filter(|items| items.is_array())
            .map(std::mem::take);
        let taken = Cell::new(taken);
        return with_retries(
            env,
            (retriers, catchers),
            &fields,
            &input,
            |retries| attempt(env, state, &input, retries, taken.take()),
            |failure| record_failed(env, state.is_distributed(), failure),
        )
        .await;
    }
    with_retries(
        env,
        (retriers, catchers),
        &fields,
        &input,
        |retries| attempt(env, state, &input, retries, None),
        |failure| record_failed(env, state.is_distributed(), failure),
    )
    .await
}

/// The `ItemsPath` of an inline JSONPath Map whose input is read for nothing but its
/// items: no `InputPath`, item selector, batcher, writer, reader, retrier or catcher, no
/// setting read from the input, and a `ResultPath` that replaces the input.
fn consumed_items_path<'m>(env: &Env<'_, '_>, state: &'m MapState) -> Option<&'m str> {
    let literal =
        |setting: Option<&Dynamic<u64>>| matches!(setting, None | Some(Dynamic::Literal(_)));
    let replaces_input = match &state.result_path {
        None => true,
        Some(Nullable::Value(path)) => path.as_str() == "$",
        Some(Nullable::Null) => false,
    };
    let plain = !env.is_jsonata()
        && !state.is_distributed()
        && state.input_path.is_none()
        && state.item_reader.is_none()
        && state.item_selector.is_none()
        && state.parameters.is_none()
        && state.item_batcher.is_none()
        && state.result_writer.is_none()
        && state.retry.as_deref().unwrap_or_default().is_empty()
        && state.catch.as_deref().unwrap_or_default().is_empty()
        && literal(state.max_concurrency.as_ref())
        && literal(state.tolerated_failure_count.as_ref())
        && matches!(
            state.tolerated_failure_percentage,
            None | Some(Dynamic::Literal(_))
        )
        && replaces_input;
    plain.then(|| state.items_path.as_ref().map_or("$", |path| path.as_str()))
}

/// The `Map.Item.Source` of items taken from the state's data rather than read.
const STATE_DATA: &str = "STATE_DATA";

/// The input of one iteration: `ItemSelector` (or `Parameters`) over the item. `entry`
/// says the item is an object's `{"Key": …, "Value": …}` entry; `source` is what
/// `Map.Item.Source` shows.
fn select_item(
    env: &Env<'_, '_>,
    state: &MapState,
    (effective, raw_input): (&Value, &Value),
    (index, item, entry): (usize, Value, bool),
    source: &str,
) -> Result<Value, Failure> {
    let selector = state.item_selector.as_ref().or(state.parameters.as_ref());
    let Some(selector) = selector else {
        return Ok(item);
    };
    let (key, value) = match (entry, &item) {
        (true, Value::Object(entry)) => (
            entry.get("Key").and_then(Value::as_str),
            entry.get("Value").unwrap_or(&Value::Null),
        ),
        _ => (None, &item),
    };
    let context = env.run.context(StateView {
        name: env.name,
        entered: env.entered,
        retry_count: None,
        token: None,
        map_item: Some(MapItem {
            index: index as u64,
            key,
            value,
            source,
        }),
        execution: env.frame.execution.as_deref(),
    });
    if env.is_jsonata() {
        let states = States::new(raw_input, &context, env.tools());
        eval::jsonata_payload(selector, &states, env.variables, "ItemSelector")
    } else {
        eval::template(selector, &env.scope(effective, &context))
    }
}

/// A state test's Map run: the mock in place of the iterations.
fn mocked_run<'a, 'm: 'a>(
    env: &'a Env<'_, 'm>,
    state: &'m MapState,
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
            |retries| mocked(env, state, &input, &mock, retries),
            |_| {},
        )
        .await
    })
}

/// A state test's Map: its settings resolved and reported, and the test's mock in place
/// of the iterations.
async fn mocked(
    env: &Env<'_, '_>,
    state: &MapState,
    input: &Value,
    mock: &StateMock,
    retries: u32,
) -> Result<(Value, Value), Failure> {
    let context = env.context(Some(retries), None);
    let effective = items::effective_input(env, state, input, &context)?;
    if !env.is_jsonata() && state.item_reader.is_none() {
        env.stage(|stages| stages.after_input_path = Some(effective.clone().into_owned()));
        // A state test selects the items as the Map would, and wants an array (AWS's
        // TestState message names the path from the context object's `$`).
        let path = state.items_path.as_ref().map_or("$", |path| path.as_str());
        let items = if path == "$" {
            effective.clone().into_owned()
        } else {
            eval::select(path, &env.scope(&effective, &context))?
        };
        if !items.is_array() {
            let shown = path.strip_prefix('$').unwrap_or(path);
            let shown = shown.strip_prefix('$').unwrap_or(shown);
            return Err(Failure::runtime(format!(
                "Reference path \"${shown}\" must point to array."
            )));
        }
        env.stage(|stages| stages.after_items_path = Some(items));
    }
    let source = items::source(env, input, &effective, &context);
    let max_concurrency = settings::max_concurrency(env, state, &source)?;
    let tolerance = settings::tolerance(env, state, &source)?;
    env.stage(|stages| {
        stages.map = Some(MapStages {
            max_concurrency: max_concurrency.unwrap_or(0),
            tolerated_count: tolerance.tolerated_count,
            tolerated_percentage: tolerance.tolerated_percentage,
        });
    });
    // The failed iterations a test names count against a tolerance the Map sets (with
    // none set, AWS's TestState lets them pass).
    let failed = env.watch().and_then(|watch| watch.map_failures.get());
    let tolerates = tolerance.tolerated_count.is_some() || tolerance.tolerated_percentage.is_some();
    if let (Some(failed), true, Ok(Value::Array(results))) = (failed, tolerates, mock)
        && settings::exceeds(&tolerance, failed, results.len() as u64)
    {
        return Err(Failure::passed(
            Some(THRESHOLD.to_owned()),
            Some("The specified tolerated failure threshold was exceeded".to_owned()),
        ));
    }
    mocked_attempt(env, mock, retries).await
}

async fn attempt(
    env: &Env<'_, '_>,
    state: &MapState,
    input: &Value,
    retries: u32,
    taken: Option<Value>,
) -> Result<(Value, Value), Failure> {
    let run = env.run;
    let context = env.context(Some(retries), None);
    let effective = items::effective_input(env, state, input, &context)?;
    // Without an ItemReader the items are known before the Map starts; with one, they
    // are read once its Map Run has started (recorded: `MapRunStarted` precedes the
    // `MapRunFailed` of an unreadable object, `test_map_item_reader_csv_headers_decl_duplicate_headers`).
    let known = match (taken, &state.item_reader) {
        (Some(Value::Array(items)), _) => Some(items::Items::array(items)),
        (_, None) => Some(items::select(
            env, state, input, &effective, &context, None,
        )?),
        (_, Some(_)) => None,
    };
    let depth = env.frame.depth + 1;
    if depth > run.settings.limits.max_nesting {
        return Err(Failure::runtime(format!(
            "Parallel and Map states nest more than {} levels deep",
            run.settings.limits.max_nesting
        )));
    }
    let source = items::source(env, input, &effective, &context);
    // AWS checks MaxConcurrency before the Map starts and the tolerances after.
    let max_concurrency = settings::max_concurrency(env, state, &source)?;
    // Items an ItemReader reads are counted by the Map Run, not here (recorded: length 0
    // in every ItemReader test; a Distributed Map over its input shows its length, as
    // in `local_mocking::test_map_state_lambda`).
    let length = known.as_ref().map_or(0, |items| items.values.len() as u64);
    env.record(EventType::MapStateStarted, || EventDetails {
        length: Some(length),
        ..EventDetails::default()
    });
    let reader = match &state.item_reader {
        Some(reader) => Some((
            items::max_items(env, reader, &source)?,
            items::resolve_csv_headers(env, reader, &source)?,
        )),
        None => None,
    };
    let map_settings = MapSettings {
        max_concurrency: max_concurrency.unwrap_or(0),
        ..settings::tolerance(env, state, &source)?
    };
    let distributed = state.is_distributed();
    let map_run_arn = distributed.then(|| {
        let number = run.map_runs.get() + 1;
        run.map_runs.set(number);
        format!(
            "{}/{}:{}",
            run.info.machine_id.replace(":stateMachine:", ":mapRun:"),
            state.label.as_deref().unwrap_or(env.name),
            run.entropy.borrow_mut().uuid()
        )
    });
    if let Some(arn) = &map_run_arn {
        env.record(EventType::MapRunStarted, || EventDetails {
            map_run_arn: Some(arn.clone()),
            ..EventDetails::default()
        });
    }
    let (items, origin) = match (known, reader) {
        (Some(items), _) => (items, None),
        (None, Some((max_items, reader))) => {
            let (read, origin) = items::read(env, &reader, &source, max_items)?;
            let items = items::select(env, state, input, &effective, &context, Some(read))?;
            (items, Some(origin))
        }
        (None, None) => (items::Items::array(Vec::new()), None),
    };
    let origin = origin.as_deref().unwrap_or(STATE_DATA);
    let mut selected = Vec::with_capacity(items.values.len());
    for (index, item) in items.values.into_iter().enumerate() {
        selected.push(select_item(
            env,
            state,
            (&effective, input),
            (index, item, items.entries),
            origin,
        )?);
    }
    let inputs = batch::batch(env, state, selected, &context, input, &effective)?;
    let iterated = !inputs.is_empty();
    let result = collect(
        env,
        state,
        &map_settings,
        inputs,
        map_run_arn.as_deref(),
        [&context, input, &effective],
    )
    .await?;
    if distributed {
        env.record(EventType::MapRunSucceeded, EventDetails::default);
    }
    // `MapStateSucceeded` and `MapStateExited` both link to the last iteration's end
    // (recorded: `test_base_map[ITEMS]`).
    let last_iteration = env.frame.previous.get();
    env.record(EventType::MapStateSucceeded, EventDetails::default);
    if !distributed && iterated {
        env.frame.previous.set(last_iteration);
    }
    Ok((result, context))
}

/// Runs the iterations and returns the Map's result: their outputs, or what its
/// `ResultWriter` makes of them. `scope` is the context, the raw input and the effective
/// input the writer's parameters are evaluated against.
async fn collect(
    env: &Env<'_, '_>,
    state: &MapState,
    settings: &MapSettings,
    inputs: Vec<Value>,
    map_run_arn: Option<&str>,
    scope: [&Value; 3],
) -> Result<Value, Failure> {
    let [context, raw_input, effective] = scope;
    let children = map_run_arn.map(Children::new);
    let (Some(writer), Some(map_run_arn)) = (&state.result_writer, map_run_arn) else {
        let outputs = iterate(env, state, settings, inputs, children.as_ref(), None).await?;
        return Ok(Value::Array(outputs));
    };
    let destination = writer::Destination {
        writer,
        map_run_arn,
    };
    let ledger = ledger::Ledger::new(inputs.clone(), destination.map_run_arn);
    let outcome = iterate(
        env,
        state,
        settings,
        inputs,
        children.as_ref(),
        Some(&ledger),
    )
    .await;
    let written = writer::write(env, &destination, &ledger, context, raw_input, effective);
    // The results of a failed Map Run are written too (its `PENDING` group only has items
    // when a Map Run stops early); a failure to write them gives way to the Map Run's own.
    outcome?;
    written
}

fn record_failed(env: &Env<'_, '_>, distributed: bool, failure: &Failure) {
    if distributed {
        env.record(EventType::MapRunFailed, || EventDetails {
            error: failure.error.clone(),
            cause: failure.cause.clone(),
            ..EventDetails::default()
        });
    }
    env.record(EventType::MapStateFailed, EventDetails::default);
}

/// One iteration to run.
struct Iteration<'e, 'r, 'm> {
    env: &'e Env<'r, 'm>,
    index: usize,
    input: Value,
    /// The Map Run's child executions, for a Distributed Map.
    children: Option<&'e Children>,
    tolerant: bool,
    settings: &'e MapSettings,
    total: u64,
    depth: usize,
    language: sfn_dsl::model::QueryLanguage,
    parent: &'e Rc<Variables>,
    failures: &'e Cell<u64>,
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
        total,
        depth,
        language,
        parent,
        failures,
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
            env.frame.recorded && !distributed,
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
                Ok(output)
            }
            // An intolerable failure fails the Map, which records it with the aborts.
            Err(failure) if !tolerant => Err(failure),
            Err(failure) => {
                finished(EventType::MapIterationFailed);
                failures.set(failures.get() + 1);
                if settings::exceeds(settings, failures.get(), total) {
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

/// Runs the iterations; returns their outputs in item order.
async fn iterate(
    env: &Env<'_, '_>,
    state: &MapState,
    settings: &MapSettings,
    inputs: Vec<Value>,
    children: Option<&Children>,
    ledger: Option<&ledger::Ledger>,
) -> Result<Vec<Value>, Failure> {
    let run = env.run;
    let distributed = children.is_some();
    let total = inputs.len() as u64;
    let processor = &state.item_processor;
    let language = processor
        .query_language
        .unwrap_or_else(|| run.machine.default_query_language());
    let depth = env.frame.depth + 1;
    let failed = Cell::new(0u64);
    let tolerant = distributed
        || settings.tolerated_count.is_some()
        || settings.tolerated_percentage.is_some();
    let parent = Rc::clone(env.variables);
    let limit = usize::try_from(settings.max_concurrency).unwrap_or(usize::MAX);
    let active = env.frame.active.borrow().clone();
    let signal = Rc::new(AbortSignal::child_of(env.frame.abort.clone()));
    let mut inputs: Vec<Option<Value>> = inputs.into_iter().map(Some).collect();
    let inputs_ref = &mut inputs;
    let failures = &failed;
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
            total,
            depth,
            language,
            parent: parent_ref,
            failures,
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
