//! `ItemReader` over the run's local object store (the stand-in for S3), and
//! `ResultWriter` into it.

use serde_json::{Map, Value};
use sfn_dsl::model::{
    CsvDelimiter, CsvHeaderLocation, InputType, ItemReader, ReaderConfig, Resource,
};

use crate::executor::failure::Failure;
use crate::objects::Objects;

/// `States.ItemReaderFailed`.
pub(crate) const READER_FAILED: &str = "States.ItemReaderFailed";

fn reader_failure(cause: impl Into<String>) -> Failure {
    Failure::passed(Some(READER_FAILED.to_owned()), Some(cause.into()))
}

/// Reads the items an `ItemReader` names. `parameters` is its evaluated
/// `Parameters`/`Arguments` (`{"Bucket": …, "Key": …}` or `{"Bucket": …, "Prefix": …}`).
pub(crate) fn read(
    reader: &ItemReader,
    parameters: &Value,
    max_items: Option<u64>,
    objects: &Objects,
) -> Result<Value, Failure> {
    let bucket = parameters
        .get("Bucket")
        .and_then(Value::as_str)
        .ok_or_else(|| reader_failure("the ItemReader parameters have no string field 'Bucket'"))?;
    let action = match &reader.resource {
        Resource::Integration(integration) => integration.action.as_str(),
        _ => "",
    };
    let mut items = match action {
        "listObjectsV2" => {
            let prefix = parameters
                .get("Prefix")
                .and_then(Value::as_str)
                .unwrap_or_default();
            Value::Array(objects.list(bucket, prefix))
        }
        "getObject" => {
            let key = parameters
                .get("Key")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    reader_failure("the ItemReader parameters have no string field 'Key'")
                })?;
            let body = objects.get(bucket, key).ok_or_else(|| {
                reader_failure(format!(
                    "The specified key does not exist. (Service: S3, Status Code: 404): s3://{bucket}/{key}"
                ))
            })?;
            parse_object(body, reader.reader_config.as_ref())?
        }
        _ => {
            return Err(reader_failure(format!(
                "the ItemReader resource `{}` is not supported locally (use s3:getObject or s3:listObjectsV2)",
                reader.resource
            )));
        }
    };
    if let (Some(limit), Value::Array(list)) = (max_items, &mut items)
        && limit > 0
    {
        list.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    Ok(items)
}

fn parse_object(body: &str, config: Option<&ReaderConfig>) -> Result<Value, Failure> {
    let input_type = config
        .and_then(|config| config.input_type.clone())
        .unwrap_or(InputType::Json);
    match input_type {
        InputType::Json => {
            let value: Value = serde_json::from_str(body).map_err(|error| {
                reader_failure(format!("the object is not valid JSON: {error}"))
            })?;
            let pointer = config.and_then(|config| config.items_pointer.as_deref());
            let value = match pointer {
                Some(pointer) => value.pointer(pointer).cloned().ok_or_else(|| {
                    reader_failure(format!("ItemsPointer `{pointer}` selects nothing"))
                })?,
                None => value,
            };
            if value.is_array() {
                Ok(value)
            } else {
                Err(reader_failure("the JSON object does not hold an array"))
            }
        }
        InputType::Jsonl => body
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                serde_json::from_str(line).map_err(|error| {
                    reader_failure(format!("a JSONL line is not valid JSON: {error}"))
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        InputType::Csv => parse_csv(body, config),
        other => Err(reader_failure(format!(
            "InputType {other} is not supported by the local object store"
        ))),
    }
}

fn parse_csv(body: &str, config: Option<&ReaderConfig>) -> Result<Value, Failure> {
    let delimiter = match config.and_then(|config| config.csv_delimiter.clone()) {
        Some(CsvDelimiter::Pipe) => '|',
        Some(CsvDelimiter::Semicolon) => ';',
        Some(CsvDelimiter::Space) => ' ',
        Some(CsvDelimiter::Tab) => '\t',
        _ => ',',
    };
    let mut rows = csv_rows(body, delimiter).into_iter();
    let given =
        config.and_then(
            |config| match (&config.csv_header_location, &config.csv_headers) {
                (
                    Some(CsvHeaderLocation::Given),
                    Some(sfn_dsl::model::Dynamic::Literal(headers)),
                ) => Some(headers.clone()),
                _ => None,
            },
        );
    let headers = match given {
        Some(headers) => headers,
        None => rows
            .next()
            .ok_or_else(|| reader_failure("the CSV object has no header row"))?,
    };
    let mut items = Vec::new();
    for row in rows {
        let mut item = Map::new();
        for (index, header) in headers.iter().enumerate() {
            let cell = row.get(index).cloned().unwrap_or_default();
            item.insert(header.clone(), Value::String(cell));
        }
        items.push(Value::Object(item));
    }
    Ok(Value::Array(items))
}

/// Splits CSV text into rows of fields, honouring double quotes.
fn csv_rows(body: &str, delimiter: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                other => field.push(other),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c if c == delimiter => row.push(std::mem::take(&mut field)),
            other => field.push(other),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows.retain(|row| !(row.len() == 1 && row[0].is_empty()));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csv_with_a_header_row_becomes_objects() {
        let value = parse_csv("a,b\n1,\"x,y\"\n2,\"say \"\"hi\"\"\"\n", None).unwrap();
        assert_eq!(
            value,
            json!([{"a": "1", "b": "x,y"}, {"a": "2", "b": "say \"hi\""}])
        );
    }

    #[test]
    fn jsonl_lines_become_items() {
        let config = ReaderConfig {
            input_type: Some(InputType::Jsonl),
            ..ReaderConfig::default()
        };
        assert_eq!(
            parse_object("{\"a\":1}\n\n[2]\n", Some(&config)).unwrap(),
            json!([{"a": 1}, [2]])
        );
    }
}
