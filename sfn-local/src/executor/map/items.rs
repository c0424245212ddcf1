//! The items a Map state iterates: its input (after `InputPath`, through `ItemsPath` or
//! `Items`) or what its `ItemReader` reads.

use std::borrow::Cow;

use serde_json::{Map, Value};
use sfn_dsl::model::{CsvHeaderLocation, Dynamic, ItemReader, MapState, Payload};

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

/// The reader with its `CSVHeaders` evaluated, when they are declared
/// (`CSVHeaderLocation: GIVEN`) by a JSONata expression, which must give an array of
/// strings; evaluated before the Map Run starts, as `MaxItems` is. An unsubstituted
/// placeholder fails as in every other setting (`States.Runtime`).
pub(super) fn resolve_csv_headers<'r>(
    env: &Env<'_, '_>,
    reader: &'r ItemReader,
    source: &Source<'_>,
) -> Result<Cow<'r, ItemReader>, Failure> {
    let Some(config) = reader.reader_config.as_ref() else {
        return Ok(Cow::Borrowed(reader));
    };
    if config.csv_header_location != Some(CsvHeaderLocation::Given) {
        return Ok(Cow::Borrowed(reader));
    }
    let expression = match &config.csv_headers {
        None | Some(Dynamic::Literal(_)) => return Ok(Cow::Borrowed(reader)),
        Some(Dynamic::Jsonata(expression)) => expression,
        Some(Dynamic::Placeholder(placeholder)) => {
            return Err(Failure::runtime(format!(
                "CSVHeaders holds the unsubstituted placeholder {placeholder}"
            )));
        }
        Some(Dynamic::Path(path)) => {
            return Err(Failure::runtime(format!(
                "CSVHeaders must be an array of column names, not the path {}",
                path.as_str()
            )));
        }
    };
    let Source::Jsonata(states) = source else {
        return Err(Failure::runtime(
            "CSVHeaders is a JSONata expression in a JSONPath state",
        ));
    };
    let value = eval::jsonata(expression, states, env.variables, "CSVHeaders")?;
    let headers = headers_of(&value).map_err(|offending| {
        let shape = if value.is_array() {
            "an array of strings, but it holds"
        } else {
            "'array', but was"
        };
        Failure::query(
            Some("CSVHeaders".into()),
            format!(
                "The JSONata expression '{}' specified for the field 'CSVHeaders' returned an unexpected result type. Expected {shape} '{}' for value: {offending}",
                expression.trimmed(),
                crate::executor::choice::type_name(offending)
            ),
        )
    })?;
    let mut resolved = reader.clone();
    if let Some(config) = resolved.reader_config.as_mut() {
        config.csv_headers = Some(Dynamic::Literal(headers));
    }
    Ok(Cow::Owned(resolved))
}

/// The strings of an array of strings; otherwise the value that is not one (the whole
/// value, or its first element that is not a string).
fn headers_of(value: &Value) -> Result<Vec<String>, &Value> {
    let Value::Array(elements) = value else {
        return Err(value);
    };
    elements
        .iter()
        .map(|element| element.as_str().map(str::to_owned).ok_or(element))
        .collect()
}

/// Reads the items once the Map Run has started; returns them with the `Map.Item.Source`
/// their iterations see (`S3://bucket/key` for an object, `S3://bucket` for a listing).
pub(super) fn read(
    env: &Env<'_, '_>,
    item_reader: &ItemReader,
    source: &Source<'_>,
    max_items: Option<i64>,
) -> Result<(Value, String), Failure> {
    let parameters = match (source, &item_reader.parameters, &item_reader.arguments) {
        (Source::JsonPath(scope), Some(parameters), _) => eval::template(parameters, scope)?,
        (Source::Jsonata(states), _, Some(arguments)) => {
            eval::jsonata_payload(arguments, states, env.variables, "ItemReader/Arguments")?
        }
        _ => Value::Object(Map::new()),
    };
    let items = reader::read(
        item_reader,
        &parameters,
        max_items,
        &env.run.settings.objects,
    )?;
    let text = |field: &str| parameters.get(field).and_then(Value::as_str);
    let origin = match (text("Bucket"), text("Key")) {
        (Some(bucket), Some(key)) => format!("S3://{bucket}/{key}"),
        (Some(bucket), None) => format!("S3://{bucket}"),
        _ => String::new(),
    };
    Ok((items, origin))
}

fn not_an_array(env: &Env<'_, '_>, value: &Value) -> Failure {
    let message = format!("Map state input must be an array but was: {value}");
    if env.is_jsonata() {
        Failure::query(None, message)
    } else {
        Failure::runtime(message)
    }
}

/// The items a Map iterates.
pub(super) struct Items {
    pub(super) values: Vec<Value>,
    /// The items are the entries of an object, each `{"Key": …, "Value": …}`.
    pub(super) entries: bool,
}

impl Items {
    /// Items known to be an array's (the `ItemsPath` a Map takes without copying).
    pub(super) fn array(values: Vec<Value>) -> Self {
        Self {
            values,
            entries: false,
        }
    }
}

/// The items of an array, or (unless the run keeps AWS's pre-2025 behaviour) the entries
/// of an object; `refuse` makes the failure for any other value.
fn items_of(
    env: &Env<'_, '_>,
    value: Value,
    refuse: impl FnOnce(&Value) -> Failure,
) -> Result<Items, Failure> {
    match value {
        Value::Array(values) => Ok(Items::array(values)),
        Value::Object(map) if env.run.settings.map_object_items => Ok(Items {
            values: map
                .into_iter()
                .map(|(key, value)| {
                    let mut entry = Map::new();
                    entry.insert("Key".into(), Value::String(key));
                    entry.insert("Value".into(), value);
                    Value::Object(entry)
                })
                .collect(),
            entries: true,
        }),
        other => Err(refuse(&other)),
    }
}

/// The items: what the reader read (`read`), or the input through `ItemsPath` or `Items`.
pub(super) fn select(
    env: &Env<'_, '_>,
    state: &MapState,
    input: &Value,
    effective: &Value,
    context: &Value,
    read: Option<Value>,
) -> Result<Items, Failure> {
    if env.is_jsonata() {
        let states = States::new(input, context, env.tools());
        return match &state.items {
            Some(items) => {
                let value = eval::jsonata_payload(items, &states, env.variables, "Items")?;
                items_of(env, value, |other| {
                    let expression = match items {
                        Payload::Jsonata(expression) => expression.trimmed().to_owned(),
                        other_payload => other_payload.to_json_value().to_string(),
                    };
                    Failure::query(
                        Some("Items".into()),
                        format!(
                            "The JSONata expression '{expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{}' for value: {other}",
                            crate::executor::choice::type_name(other)
                        ),
                    )
                })
            }
            None => items_of(env, read.unwrap_or_else(|| input.clone()), |other| {
                not_an_array(env, other)
            }),
        };
    }
    // With a reader, `ItemsPath` is not applied at all: AWS ran three such machines (an
    // `ItemsPath` into the read items, one into the input, one to nothing) with the read
    // items as they are (`test_map_item_reader_base_json_with_items_path[*]`).
    let selected = match (read, &state.items_path) {
        (Some(read), _) => read,
        (None, Some(path)) if path.as_str() != "$" => {
            eval::select(path.as_str(), &env.scope(effective, context))?
        }
        (None, _) => effective.clone(),
    };
    items_of(env, selected, |other| not_an_array(env, other))
}
