//! The Map state: items from the input or an `ItemReader`, `ItemSelector`, batching,
//! concurrent iterations, failure tolerance and `ResultWriter`.

mod batch;
mod children;
mod gzip;
mod items;
mod iteration;
mod ledger;
mod manifest;
mod mock;
#[cfg(feature = "parquet")]
mod parquet_items;
mod reader;
mod report;
mod settings;
mod tally;
mod writer;

use std::borrow::Cow;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

use serde_json::Value;
use sfn_dsl::model::{Dynamic, ItemReader, MapState, Nullable};

use super::eval::{self, States};
use super::failure::Failure;
use super::pipeline::{ResultFields, check_size};
use super::retry::{state_mock, with_retries};
use super::run::{MapItem, StateView};
use super::step::{Env, Step};
use crate::history::{EventDetails, EventType};
use children::Children;
use iteration::iterate;
use mock::mocked_run;
use settings::MapSettings;
use tally::{ItemCounts, Tally};

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
    // Listed as aborted until it ends: a Map Run whose execution stops around it never does.
    let report = map_run_arn
        .as_deref()
        .map(|arn| report::started(run, arn, env.name));
    let outcome = async {
        let (inputs, counts) = iteration_inputs(
            env,
            state,
            [input, &effective, &context],
            known,
            reader,
            &source,
        )?;
        let tally = Tally::new(inputs.len(), counts);
        let iterated = !inputs.is_empty();
        let result = collect(
            env,
            state,
            &map_settings,
            &tally,
            inputs,
            map_run_arn.as_deref(),
            [&context, input, &effective],
        )
        .await;
        if let Some(slot) = report {
            report::counted(run, slot, &tally);
        }
        result.map(|result| (result, iterated))
    }
    .await;
    if let Some(slot) = report {
        report::ended(run, slot, outcome.is_ok());
    }
    let (result, iterated) = outcome?;
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

/// An `ItemReader` ready to read: its `MaxItems`, and the reader with its CSV headers
/// resolved.
type ResolvedReader<'r> = (Option<i64>, Cow<'r, ItemReader>);

/// The iterations' inputs, and how many items each carries: the items `known` before the
/// Map started, or those its `reader` (with its `MaxItems`) reads, each selected, then
/// batched. `scope` is the raw input, the effective input and the context.
fn iteration_inputs(
    env: &Env<'_, '_>,
    state: &MapState,
    scope: [&Value; 3],
    known: Option<items::Items>,
    reader: Option<ResolvedReader<'_>>,
    source: &settings::Source<'_>,
) -> Result<(Vec<Value>, ItemCounts), Failure> {
    let [input, effective, context] = scope;
    let (items, origin) = match (known, reader) {
        (Some(items), _) => (items, None),
        (None, Some((max_items, reader))) => {
            let (read, origin) = items::read(env, &reader, source, max_items)?;
            let items = items::select(env, state, input, effective, context, Some(read))?;
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
            (effective, input),
            (index, item, items.entries),
            origin,
        )?);
    }
    let (inputs, counts) = batch::batch(env, state, selected, context, input, effective)?;
    check_iteration_inputs(env, &inputs, state.is_distributed())?;
    Ok((inputs, counts))
}

/// Fails with `States.DataLimitExceeded` when an iteration's input (its item after
/// `ItemSelector` and batching) is over the payload quota, before any iteration starts:
/// it would be the input of the iteration's first state, or of a Distributed Map's child
/// execution, neither of which may be that large.
fn check_iteration_inputs(
    env: &Env<'_, '_>,
    inputs: &[Value],
    distributed: bool,
) -> Result<(), Failure> {
    let what = if distributed {
        "produced a child execution input"
    } else {
        "produced an iteration input"
    };
    inputs
        .iter()
        .try_for_each(|input| check_size(env, input, what))
}

/// Runs the iterations and returns the Map's result: their outputs, or what its
/// `ResultWriter` makes of them. `scope` is the context, the raw input and the effective
/// input the writer's parameters are evaluated against.
async fn collect(
    env: &Env<'_, '_>,
    state: &MapState,
    settings: &MapSettings,
    tally: &Tally,
    inputs: Vec<Value>,
    map_run_arn: Option<&str>,
    scope: [&Value; 3],
) -> Result<Value, Failure> {
    let [context, raw_input, effective] = scope;
    let children = map_run_arn.map(Children::new);
    let (Some(writer), Some(map_run_arn)) = (&state.result_writer, map_run_arn) else {
        let outputs = iterate(env, state, settings, inputs, tally, children.as_ref(), None).await?;
        let result = Value::Array(outputs);
        // Without a ResultWriter the results are the state's result, which the payload
        // quota bounds before `ResultSelector`, `ResultPath` or `Output` could shrink it,
        // as a Task's result is.
        check_size(env, &result, "returned a result")?;
        return Ok(result);
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
        tally,
        children.as_ref(),
        Some(&ledger),
    )
    .await;
    let written = writer::write(env, &destination, &ledger, context, raw_input, effective);
    // The results of a failed Map Run are written too (its `PENDING` group only has items
    // when a Map Run stops early); a failure to write them gives way to the Map Run's own.
    outcome?;
    let result = written?;
    if !writer::exports(writer) {
        // The formatted results stay in the state: the quota bounds them as it does
        // results without a ResultWriter.
        check_size(env, &result, "returned a result")?;
    }
    Ok(result)
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
