//! The items a Map state iterates: its input (after `InputPath`, through `ItemsPath` or
//! `Items`) or what its `ItemReader` reads.

use std::borrow::Cow;

use serde_json::{Map, Value};
use sfn_dsl::model::{ItemReader, MapState, Payload};

use super::reader;
use super::settings::{self, Source};
use crate::executor::eval::{self, States};
use crate::executor::failure::Failure;
use crate::executor::pipeline::filter;
use crate::executor::step::Env;

/// The Map's input after `InputPath`; JSONata states see their raw input.
pub(super) fn effective_input<'i>(
    env: &Env<'_, '_>,
    state: &MapState,
    input: &'i Value,
    context: &Value,
) -> Result<Cow<'i, Value>, Failure> {
    if env.is_jsonata() {
        Ok(Cow::Borrowed(input))
    } else {
        filter(env, input, state.input_path.as_ref(), context)
    }
}

/// Where the Map's dynamic settings are evaluated.
pub(super) fn source<'a>(
    env: &'a Env<'_, '_>,
    input: &'a Value,
    effective: &'a Value,
    context: &'a Value,
) -> Source<'a> {
    if env.is_jsonata() {
        Source::Jsonata(States::new(input, context, env.tools()))
    } else {
        Source::JsonPath(env.scope(effective, context))
    }
}

/// The reader's `MaxItems`, evaluated before the Map Run starts (a `MaxItemsPath` that is
/// not an integer fails the state at once, recorded in
/// `test_map_item_reader_csv_max_items_paths[1.5]`; a negative one fails the Map Run).
pub(super) fn max_items(
    env: &Env<'_, '_>,
    reader: &ItemReader,
    source: &Source<'_>,
) -> Result<Option<i64>, Failure> {
    let setting = reader
        .reader_config
        .as_ref()
        .and_then(|config| config.max_items.as_ref());
    Ok(settings::signed_integer(env, source, setting, "MaxItems")?.map(|(number, _)| number))
}

/// Reads the items once the Map Run has started.
pub(super) fn read(
    env: &Env<'_, '_>,
    item_reader: &ItemReader,
    source: &Source<'_>,
    max_items: Option<i64>,
) -> Result<Value, Failure> {
    let parameters = match (source, &item_reader.parameters, &item_reader.arguments) {
        (Source::JsonPath(scope), Some(parameters), _) => eval::template(parameters, scope)?,
        (Source::Jsonata(states), _, Some(arguments)) => {
            eval::jsonata_payload(arguments, states, env.variables, "ItemReader/Arguments")?
        }
        _ => Value::Object(Map::new()),
    };
    reader::read(
        item_reader,
        &parameters,
        max_items,
        &env.run.settings.objects,
    )
}

fn not_an_array(env: &Env<'_, '_>, value: &Value) -> Failure {
    let message = format!("Map state input must be an array but was: {value}");
    if env.is_jsonata() {
        Failure::query(None, message)
    } else {
        Failure::runtime(message)
    }
}

/// The items: from `read` (what the reader read) or the input, through `ItemsPath` or
/// `Items`.
pub(super) fn select(
    env: &Env<'_, '_>,
    state: &MapState,
    input: &Value,
    effective: &Value,
    context: &Value,
    read: Option<Value>,
) -> Result<Vec<Value>, Failure> {
    if env.is_jsonata() {
        let states = States::new(input, context, env.tools());
        return match &state.items {
            Some(items) => {
                let value = eval::jsonata_payload(items, &states, env.variables, "Items")?;
                match value {
                    Value::Array(items) => Ok(items),
                    other => {
                        let expression = match items {
                            Payload::Jsonata(expression) => expression.trimmed().to_owned(),
                            other_payload => other_payload.to_json_value().to_string(),
                        };
                        Err(Failure::query(
                            Some("Items".into()),
                            format!(
                                "The JSONata expression '{expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{}' for value: {other}",
                                crate::executor::choice::type_name(&other)
                            ),
                        ))
                    }
                }
            }
            None => match read.unwrap_or_else(|| input.clone()) {
                Value::Array(items) => Ok(items),
                other => Err(not_an_array(env, &other)),
            },
        };
    }
    let source_value: &Value = read.as_ref().unwrap_or(effective);
    let selected = match &state.items_path {
        Some(path) if path.as_str() != "$" => {
            eval::select(path.as_str(), &env.scope(source_value, context))?
        }
        _ => source_value.clone(),
    };
    match selected {
        Value::Array(items) => Ok(items),
        Value::Object(map) if env.run.settings.map_object_items => Ok(map
            .into_iter()
            .map(|(key, value)| {
                let mut item = Map::new();
                item.insert("Key".into(), Value::String(key));
                item.insert("Value".into(), value);
                Value::Object(item)
            })
            .collect()),
        other => Err(not_an_array(env, &other)),
    }
}
