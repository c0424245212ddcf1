//! `ItemReader` over the run's local object store (the stand-in for S3), and
//! `ResultWriter` into it.

use serde_json::{Map, Value};
use sfn_dsl::model::{
    CsvDelimiter, CsvHeaderLocation, Dynamic, InputType, ItemReader, ManifestType, ReaderConfig,
    ReaderTransformation, Resource,
};

use super::manifest;

use crate::data::read_json;
use crate::executor::failure::Failure;
use crate::objects::Objects;

/// `States.ItemReaderFailed`.
pub(crate) const READER_FAILED: &str = "States.ItemReaderFailed";

pub(super) fn reader_failure(cause: impl Into<String>) -> Failure {
    Failure::passed(Some(READER_FAILED.to_owned()), Some(cause.into()))
}

/// Reads the items an `ItemReader` names. `parameters` is its evaluated
/// `Parameters`/`Arguments` (`{"Bucket": …, "Key": …}` or `{"Bucket": …, "Prefix": …}`);
/// `max_items` its `MaxItems` (0 for no limit).
pub(crate) fn read(
    reader: &ItemReader,
    parameters: &Value,
    max_items: Option<i64>,
    objects: &Objects,
) -> Result<Value, Failure> {
    // Recorded: `test_map_item_reader_csv_max_items_paths[-1]` and
    // `test_map_item_reader_csv_headers_decl_duplicate_headers` fail their Map Run
    // whatever the object holds.
    if max_items.is_some_and(|limit| limit < 0) {
        return Err(reader_failure("field MaxItems must be positive"));
    }
    if let Some(headers) = given_headers(reader.reader_config.as_ref())? {
        unique(headers)?;
    }
    if objects.is_opaque() {
        return Err(reader_failure(crate::objects::OPAQUE));
    }
    let bucket = parameters
        .get("Bucket")
        .and_then(Value::as_str)
        .ok_or_else(|| reader_failure("the ItemReader parameters have no string field 'Bucket'"))?;
    let action = match &reader.resource {
        Resource::Integration(integration) => &*integration.action,
        _ => "",
    };
    let config = reader.reader_config.as_ref();
    let mut items = match action {
        "listObjectsV2" => {
            let prefix = parameters
                .get("Prefix")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let listing = objects.list(bucket, prefix);
            let load = config.and_then(|config| config.transformation.as_ref())
                == Some(&ReaderTransformation::LoadAndFlatten);
            if load {
                load_and_flatten(&listing, bucket, config, objects)?
            } else {
                Value::Array(listing)
            }
        }
        "getObject" => {
            let key = parameters
                .get("Key")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    reader_failure("the ItemReader parameters have no string field 'Key'")
                })?;
            if input_type(config) == InputType::Parquet && parameters.get("VersionId").is_some() {
                return Err(reader_failure(
                    "the ItemReader parameters have a 'VersionId', which AWS does not support with InputType PARQUET",
                ));
            }
            let body = objects.get_bytes(bucket, key).ok_or_else(|| {
                reader_failure(format!(
                    "The specified key does not exist. (Service: S3, Status Code: 404): s3://{bucket}/{key}"
                ))
            })?;
            let location = format!("s3://{bucket}/{key}");
            match manifest_kind(config) {
                Some(ManifestType::S3Inventory) => {
                    manifest::inventory(text(body, &location)?, bucket, objects)?
                }
                Some(ManifestType::AthenaData) => {
                    manifest::athena(text(body, &location)?, config, objects)?
                }
                // `MaxItems` stops the decoding early, not only the list.
                _ if input_type(config) == InputType::Parquet => parquet(
                    body,
                    &location,
                    max_items.and_then(|limit| usize::try_from(limit).ok().filter(|n| *n > 0)),
                )?,
                _ => parse_bytes(body, config, &location)?,
            }
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

/// The manifest a `getObject` reader reads: `InputType: MANIFEST` (the original spelling
/// of an S3 Inventory manifest) or `ManifestType`.
fn manifest_kind(config: Option<&ReaderConfig>) -> Option<ManifestType> {
    let config = config?;
    match (&config.manifest_type, &config.input_type) {
        (Some(kind), _) => Some(kind.clone()),
        (None, Some(InputType::Manifest)) => Some(ManifestType::S3Inventory),
        _ => None,
    }
}

/// `Transformation: LOAD_AND_FLATTEN`: the listed objects' contents, each parsed with the
/// reader's `InputType`, one item list after the other.
fn load_and_flatten(
    listing: &[Value],
    bucket: &str,
    config: Option<&ReaderConfig>,
    objects: &Objects,
) -> Result<Value, Failure> {
    let mut items = Vec::new();
    for entry in listing {
        let key = entry.get("Key").and_then(Value::as_str).unwrap_or_default();
        let body = objects.get_bytes(bucket, key).unwrap_or_default();
        if let Value::Array(read) = parse_bytes(body, config, &format!("s3://{bucket}/{key}"))? {
            items.extend(read);
        }
    }
    Ok(Value::Array(items))
}

/// The reader's `InputType` (JSON by default).
fn input_type(config: Option<&ReaderConfig>) -> InputType {
    config
        .and_then(|config| config.input_type.clone())
        .unwrap_or(InputType::Json)
}

/// The text of the object at `location`, for the readers of text formats.
pub(super) fn text<'b>(body: &'b [u8], location: &str) -> Result<&'b str, Failure> {
    std::str::from_utf8(body).map_err(|error| {
        reader_failure(format!(
            "{location} is not UTF-8 text ({error}); only InputType PARQUET reads binary objects"
        ))
    })
}

/// Parses one object's bytes as the reader's `InputType` says; `location`
/// (`s3://bucket/key`) names it in causes.
pub(super) fn parse_bytes(
    body: &[u8],
    config: Option<&ReaderConfig>,
    location: &str,
) -> Result<Value, Failure> {
    if input_type(config) == InputType::Parquet {
        return parquet(body, location, None);
    }
    parse_object(text(body, location)?, config)
}

/// The rows of a Parquet object, as items: the first `limit` of them, or all.
#[cfg(feature = "parquet")]
fn parquet(body: &[u8], location: &str, limit: Option<usize>) -> Result<Value, Failure> {
    super::parquet_items::read(body, location, limit)
        .map(Value::Array)
        .map_err(reader_failure)
}

/// Without the `parquet` feature, Parquet objects cannot be read.
#[cfg(not(feature = "parquet"))]
fn parquet(_body: &[u8], _location: &str, _limit: Option<usize>) -> Result<Value, Failure> {
    Err(reader_failure(
        "InputType PARQUET needs the `parquet` feature of sfn-local (on by default), which this build leaves out",
    ))
}

/// Parses one object's text as the reader's `InputType` says (JSON by default).
pub(super) fn parse_object(body: &str, config: Option<&ReaderConfig>) -> Result<Value, Failure> {
    match input_type(config) {
        InputType::Json => {
            let value = read_json(body).map_err(|error| {
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
                // AWS's words (test_map_item_reader_json_no_json_list_object).
                Err(reader_failure("Attempting to map over non-iterable node."))
            }
        }
        InputType::Jsonl => body
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                read_json(line).map_err(|error| {
                    reader_failure(format!("a JSONL line is not valid JSON: {error}"))
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        InputType::Csv => parse_csv(body, config),
        InputType::Parquet => parquet(body.as_bytes(), "the object", None),
        InputType::Manifest => Err(reader_failure(
            "InputType MANIFEST reads one S3 Inventory manifest with arn:aws:states:::s3:getObject",
        )),
        InputType::Other(other) => Err(reader_failure(format!(
            "InputType {other} is not one of CSV, JSON, JSONL, MANIFEST, PARQUET"
        ))),
    }
}

/// The CSV headers the reader declares (`CSVHeaderLocation: GIVEN`). A JSONata
/// `CSVHeaders` is evaluated before the Map Run starts (`items::resolve_csv_headers`); one
/// that reaches here unevaluated fails rather than letting the first row stand in for it.
fn given_headers(config: Option<&ReaderConfig>) -> Result<Option<&[String]>, Failure> {
    let Some(config) = config else {
        return Ok(None);
    };
    match (&config.csv_header_location, &config.csv_headers) {
        (Some(CsvHeaderLocation::Given), Some(Dynamic::Literal(headers))) => Ok(Some(headers)),
        (Some(CsvHeaderLocation::Given), Some(_)) => Err(reader_failure(
            "CSVHeaders was not evaluated to a list of column names",
        )),
        _ => Ok(None),
    }
}

/// Refuses a header row that names a column twice, with AWS's cause (recorded for
/// declared headers in `test_map_item_reader_csv_headers_decl_duplicate_headers`; a first
/// row is refused the same way, by inference, rather than merging the columns).
fn unique(headers: &[String]) -> Result<(), Failure> {
    let mut seen = std::collections::BTreeSet::new();
    if headers.iter().all(|header| seen.insert(header.as_str())) {
        Ok(())
    } else {
        Err(reader_failure("CSV headers cannot contain duplicates."))
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
    let headers = if let Some(headers) = given_headers(config)? {
        headers.to_vec()
    } else {
        let first_row = rows
            .next()
            .ok_or_else(|| reader_failure("the CSV object has no header row"))?;
        unique(&first_row)?;
        first_row
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
pub(super) fn csv_rows(body: &str, delimiter: char) -> Vec<Vec<String>> {
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
    fn a_header_row_naming_a_column_twice_is_refused() {
        let cause = parse_csv("a,b,a\n1,2,3\n", None).unwrap_err().cause;
        assert_eq!(
            cause.as_deref(),
            Some("CSV headers cannot contain duplicates.")
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

    fn csv_reader(headers: &[&str]) -> ItemReader {
        ItemReader {
            resource: Resource::parse("arn:aws:states:::s3:getObject"),
            reader_config: Some(ReaderConfig {
                input_type: Some(InputType::Csv),
                csv_header_location: Some(CsvHeaderLocation::Given),
                csv_headers: Some(Dynamic::Literal(
                    headers.iter().map(|header| (*header).to_owned()).collect(),
                )),
                ..ReaderConfig::default()
            }),
            parameters: None,
            arguments: None,
        }
    }

    /// Recorded: `test_map_item_reader_csv_max_items_paths[-1]`, `[0]` (no limit) and `[2]`,
    /// and `test_map_item_reader_csv_headers_decl_duplicate_headers`.
    #[test]
    fn reader_settings_are_checked_before_reading() {
        let mut objects = Objects::new();
        objects.put("b", "k.csv", "1,2\n3,4\n5,6\n");
        let parameters = json!({"Bucket": "b", "Key": "k.csv"});
        let reader = csv_reader(&["A", "B"]);
        let cause = |result: Result<Value, Failure>| result.unwrap_err().cause.unwrap();
        assert_eq!(
            cause(read(&reader, &parameters, Some(-1), &objects)),
            "field MaxItems must be positive"
        );
        assert_eq!(
            read(&reader, &parameters, Some(0), &objects)
                .unwrap()
                .as_array()
                .map(Vec::len),
            Some(3)
        );
        assert_eq!(
            read(&reader, &parameters, Some(2), &objects).unwrap(),
            json!([{"A": "1", "B": "2"}, {"A": "3", "B": "4"}])
        );
        assert_eq!(
            cause(read(&csv_reader(&["A", "A"]), &parameters, None, &objects)),
            "CSV headers cannot contain duplicates."
        );
    }
}
