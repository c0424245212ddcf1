//! The Map state: items from the input or an `ItemReader`, `ItemSelector`, batching,
//! concurrent iterations, failure tolerance and `ResultWriter`.

mod reader;
mod settings;
mod writer;

use std::borrow::Cow;
use std::cell::Cell;
use std::rc::Rc;

use serde_json::{Map, Value};
use sfn_dsl::model::{MapState, Payload};

use super::eval::{self, States};
use super::failure::Failure;
use super::limits::json_size;
use super::pipeline::{ResultFields, filter, finish};
use super::retry::{RetryCounters, catch};
use super::run::{Frame, StateView};
use super::runtime::JoinOrdered;
use super::state_list::run_list;
use super::step::{Env, Step};
use super::variables::Variables;
use crate::history::{EventDetails, EventType};
use settings::{MapSettings, Source};

/// `States.ExceedToleratedFailureThreshold`.
const THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";

/// Runs a Map state with its retries and catchers.
pub(crate) async fn run<'m>(
    env: &Env<'_, 'm>,
    state: &'m MapState,
    input: Value,
) -> Result<Step<'m>, Failure> {
    let retriers = state.retry.as_deref().unwrap_or_default();
    let catchers = state.catch.as_deref().unwrap_or_default();
    let fields = ResultFields {
        result_selector: state.result_selector.as_ref(),
        result_path: state.result_path.as_ref(),
        output_path: state.output_path.as_ref(),
        output: state.output.as_ref(),
        assign: state.assign.as_ref(),
        next: state.transition.next(),
    };
    let mut counters = RetryCounters::new(retriers);
    loop {
        let failure = match attempt(env, state, &input, counters.retries).await {
            Ok((result, context)) => {
                return match finish(env, &fields, &input, result, &context) {
                    Ok(step) => Ok(step),
                    Err(failure) => catch(env, catchers, &input, env.leave(failure)),
                };
            }
            Err(failure) => env.leave(failure),
        };
        let delay = counters.next_delay(retriers, &failure, &mut env.run.entropy.borrow_mut());
        let Some(delay) = delay else {
            if failure.is_catchable() {
                record_failed(env, state.is_distributed(), &failure);
            }
            return catch(env, catchers, &input, failure);
        };
        env.run.transitions.set(env.run.transitions.get() + 1);
        env.run.timers.sleep(delay).await;
    }
}

/// The items to iterate, the effective input, and the settings.
struct Prepared<'i> {
    items: Vec<Value>,
    effective: Cow<'i, Value>,
}

fn not_an_array(env: &Env<'_, '_>, value: &Value) -> Failure {
    let message = format!("Map state input must be an array but was: {value}");
    if env.is_jsonata() {
        Failure::query(None, message)
    } else {
        Failure::runtime(message)
    }
}

fn prepare<'i>(
    env: &Env<'_, '_>,
    state: &MapState,
    input: &'i Value,
    context: &Value,
) -> Result<Prepared<'i>, Failure> {
    let run = env.run;
    if env.is_jsonata() {
        let states = States::new(input, context, env.tools());
        let source = Source::Jsonata(states);
        let read = match &state.item_reader {
            Some(reader) => Some(read_items(env, state, reader, &source)?),
            None => None,
        };
        let items = match &state.items {
            Some(items) => {
                let value = eval::jsonata_payload(items, &states, env.variables, "Items")?;
                match value {
                    Value::Array(items) => items,
                    other => {
                        let expression = match items {
                            Payload::Jsonata(expression) => expression.trimmed().to_owned(),
                            other_payload => other_payload.to_json_value().to_string(),
                        };
                        return Err(Failure::query(
                            Some("Items".into()),
                            format!(
                                "The JSONata expression '{expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{}' for value: {other}",
                                super::choice::type_name(&other)
                            ),
                        ));
                    }
                }
            }
            None => match read.unwrap_or_else(|| input.clone()) {
                Value::Array(items) => items,
                other => return Err(not_an_array(env, &other)),
            },
        };
        return Ok(Prepared {
            items,
            effective: Cow::Borrowed(input),
        });
    }
    let effective = filter(env, input, state.input_path.as_ref(), context)?;
    let scope = env.scope(&effective, context);
    let source = Source::JsonPath(scope);
    let read = match &state.item_reader {
        Some(reader) => Some(read_items(env, state, reader, &source)?),
        None => None,
    };
    let source_value: &Value = read.as_ref().unwrap_or(&effective);
    let selected = match &state.items_path {
        Some(path) if path.as_str() != "$" => {
            eval::select(path.as_str(), &env.scope(source_value, context))?
        }
        _ => source_value.clone(),
    };
    let items = match selected {
        Value::Array(items) => items,
        Value::Object(map) if run.settings.map_object_items => map
            .into_iter()
            .map(|(key, value)| {
                let mut item = Map::new();
                item.insert("Key".into(), Value::String(key));
                item.insert("Value".into(), value);
                Value::Object(item)
            })
            .collect(),
        other => return Err(not_an_array(env, &other)),
    };
    Ok(Prepared { items, effective })
}

fn read_items(
    env: &Env<'_, '_>,
    _state: &MapState,
    reader: &sfn_dsl::model::ItemReader,
    source: &Source<'_>,
) -> Result<Value, Failure> {
    let parameters = match (source, &reader.parameters, &reader.arguments) {
        (Source::JsonPath(scope), Some(parameters), _) => eval::template(parameters, scope)?,
        (Source::Jsonata(states), _, Some(arguments)) => {
            eval::jsonata_payload(arguments, states, env.variables, "ItemReader/Arguments")?
        }
        _ => Value::Object(Map::new()),
    };
    let max_items = settings::integer(
        env,
        source,
        reader
            .reader_config
            .as_ref()
            .and_then(|config| config.max_items.as_ref()),
        "MaxItems",
    )?;
    reader::read(reader, &parameters, max_items, &env.run.settings.objects)
}

/// The input of one iteration: `ItemSelector` (or `Parameters`) over the item.
fn select_item(
    env: &Env<'_, '_>,
    state: &MapState,
    effective: &Value,
    raw_input: &Value,
    index: usize,
    item: Value,
) -> Result<Value, Failure> {
    let selector = state.item_selector.as_ref().or(state.parameters.as_ref());
    let Some(selector) = selector else {
        return Ok(item);
    };
    let context = env.run.context(StateView {
        name: env.name,
        entered: env.entered,
        retry_count: None,
        token: None,
        map_item: Some((index as u64, &item)),
    });
    if env.is_jsonata() {
        let states = States::new(raw_input, &context, env.tools());
        eval::jsonata_payload(selector, &states, env.variables, "ItemSelector")
    } else {
        eval::template(selector, &env.scope(effective, &context))
    }
}

/// Groups items into batches when an `ItemBatcher` is set.
fn batch(
    env: &Env<'_, '_>,
    state: &MapState,
    items: Vec<Value>,
    context: &Value,
    raw_input: &Value,
    effective: &Value,
) -> Result<Vec<Value>, Failure> {
    let Some(item_batcher) = &state.item_batcher else {
        return Ok(items);
    };
    let source = if env.is_jsonata() {
        Source::Jsonata(States::new(raw_input, context, env.tools()))
    } else {
        Source::JsonPath(env.scope(effective, context))
    };
    let max_items = settings::integer(
        env,
        &source,
        item_batcher.max_items_per_batch.as_ref(),
        "MaxItemsPerBatch",
    )?
    .filter(|limit| *limit > 0)
    .map_or(usize::MAX, |limit| {
        usize::try_from(limit).unwrap_or(usize::MAX)
    });
    let max_bytes = settings::integer(
        env,
        &source,
        item_batcher.max_input_bytes_per_batch.as_ref(),
        "MaxInputBytesPerBatch",
    )?
    .filter(|limit| *limit > 0)
    .map_or(usize::MAX, |limit| {
        usize::try_from(limit).unwrap_or(usize::MAX)
    });
    let batch_input = match (&item_batcher.batch_input, &source) {
        (None, _) => None,
        (Some(payload), Source::JsonPath(scope)) => Some(eval::template(payload, scope)?),
        (Some(payload), Source::Jsonata(states)) => Some(eval::jsonata_payload(
            payload,
            states,
            env.variables,
            "ItemBatcher/BatchInput",
        )?),
    };
    let mut batches = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut bytes = 0;
    for item in items {
        let size = json_size(&item);
        if !current.is_empty() && (current.len() >= max_items || bytes + size > max_bytes) {
            batches.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += size;
        current.push(item);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    Ok(batches
        .into_iter()
        .map(|items| {
            let mut object = Map::new();
            if let Some(batch_input) = &batch_input {
                object.insert("BatchInput".into(), batch_input.clone());
            }
            object.insert("Items".into(), Value::Array(items));
            Value::Object(object)
        })
        .collect())
}

async fn attempt(
    env: &Env<'_, '_>,
    state: &MapState,
    input: &Value,
    retries: u32,
) -> Result<(Value, Value), Failure> {
    let run = env.run;
    let context = env.context(Some(retries), None);
    let prepared = prepare(env, state, input, &context)?;
    let depth = env.frame.depth + 1;
    if depth > run.settings.limits.max_nesting {
        return Err(Failure::runtime(format!(
            "Parallel and Map states nest more than {} levels deep",
            run.settings.limits.max_nesting
        )));
    }
    let total = prepared.items.len();
    let source = if env.is_jsonata() {
        Source::Jsonata(States::new(input, &context, env.tools()))
    } else {
        Source::JsonPath(env.scope(&prepared.effective, &context))
    };
    // AWS checks MaxConcurrency before the Map starts and the tolerances after.
    let max_concurrency = settings::integer(
        env,
        &source,
        state.max_concurrency.as_ref(),
        "MaxConcurrency",
    )?;
    env.record(EventType::MapStateStarted, || EventDetails {
        length: Some(total as u64),
        ..EventDetails::default()
    });
    let map_settings = MapSettings {
        max_concurrency: max_concurrency.unwrap_or(0),
        ..settings::tolerance(env, state, &source)?
    };
    let Prepared { items, effective } = prepared;
    let mut selected = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        selected.push(select_item(env, state, &effective, input, index, item)?);
    }
    let inputs = batch(env, state, selected, &context, input, &effective)?;
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
    let outcome = iterate(env, state, &map_settings, inputs, distributed).await;
    match outcome {
        Ok(results) => {
            let result = match (&state.result_writer, &map_run_arn) {
                (Some(writer), Some(arn)) => {
                    match writer::write(env, writer, arn, &results, &context, input, &effective) {
                        Ok(value) => value,
                        Err(failure) => return Err(failure),
                    }
                }
                _ => Value::Array(results),
            };
            if distributed {
                env.record(EventType::MapRunSucceeded, EventDetails::default);
            }
            env.record(EventType::MapStateSucceeded, EventDetails::default);
            Ok((result, context))
        }
        Err(failure) => Err(failure),
    }
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
    distributed: bool,
    tolerant: bool,
    settings: &'e MapSettings,
    total: u64,
    depth: usize,
    language: sfn_dsl::model::QueryLanguage,
    parent: &'e Rc<Variables>,
    failures: &'e Cell<u64>,
    processor: &'e sfn_dsl::model::ItemProcessor,
}

/// Runs one iteration with its events; failures count against the tolerance.
async fn iteration(job: Iteration<'_, '_, '_>) -> Result<Value, Failure> {
    let Iteration {
        env,
        index,
        distributed,
        tolerant,
        settings,
        total,
        depth,
        language,
        failures,
        ..
    } = job;
    let run = env.run;
    let keep = run.keeps_details();
    let name = env.name;
    let processor = job.processor;
    let index_u64 = index as u64;
    let started = if distributed {
        env.frame.previous.get()
    } else {
        env.record(EventType::MapIterationStarted, || EventDetails {
            name: keep.then(|| name.to_owned()),
            index: Some(index_u64),
            ..EventDetails::default()
        })
    };
    let mut frame = Frame::new(started, depth, language);
    frame.recorded = env.frame.recorded && !distributed;
    let mut variables = if distributed {
        Rc::new(Variables::default())
    } else {
        Rc::new(Variables::nested(Rc::clone(job.parent)))
    };
    let outcome = run_list(
        run,
        &processor.start_at,
        &processor.states,
        job.input,
        &frame,
        &mut variables,
    )
    .await;
    match outcome {
        Ok(output) => {
            if !distributed {
                run.record(env.frame, EventType::MapIterationSucceeded, || {
                    EventDetails {
                        name: keep.then(|| name.to_owned()),
                        index: Some(index_u64),
                        ..EventDetails::default()
                    }
                });
            }
            Ok(output)
        }
        Err(failure) => {
            if !distributed {
                run.record(env.frame, EventType::MapIterationFailed, || EventDetails {
                    name: keep.then(|| name.to_owned()),
                    index: Some(index_u64),
                    ..EventDetails::default()
                });
            }
            if !tolerant {
                return Err(failure);
            }
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

/// Runs the iterations; returns their outputs in item order.
async fn iterate(
    env: &Env<'_, '_>,
    state: &MapState,
    settings: &MapSettings,
    inputs: Vec<Value>,
    distributed: bool,
) -> Result<Vec<Value>, Failure> {
    let run = env.run;
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
    let keep = run.keeps_details();
    let name = env.name;
    let mut inputs: Vec<Option<Value>> = inputs.into_iter().map(Some).collect();
    let inputs_ref = &mut inputs;
    let failures = &failed;
    let parent_ref = &parent;
    let joined = JoinOrdered::new(inputs_ref.len(), limit, move |index| {
        let item_input = inputs_ref
            .get_mut(index)
            .and_then(Option::take)
            .unwrap_or(Value::Null);
        Box::pin(iteration(Iteration {
            env,
            index,
            input: item_input,
            distributed,
            tolerant,
            settings,
            total,
            depth,
            language,
            parent: parent_ref,
            failures,
            processor,
        }))
    })
    .await;
    match joined {
        Ok(outputs) => Ok(outputs),
        Err(failure) => {
            if !distributed {
                for index in &failure.cancelled {
                    env.record(EventType::MapIterationAborted, || EventDetails {
                        name: keep.then(|| name.to_owned()),
                        index: Some(*index as u64),
                        ..EventDetails::default()
                    });
                }
            }
            Err(failure.error)
        }
    }
}
