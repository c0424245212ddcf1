//! Manifests an `ItemReader` follows to the objects that hold the items: an S3 Inventory
//! report (`InputType: MANIFEST` or `ManifestType: S3_INVENTORY`) and an Athena `UNLOAD`
//! manifest (`ManifestType: ATHENA_DATA`).
//!
//! An S3 Inventory `manifest.json` names its `destinationBucket` (an ARN), a `fileFormat`,
//! the comma-separated column names of its `fileSchema`, and its data `files` (`key`);
//! each data file is CSV without a header row, and each row becomes an item whose fields
//! are named after the schema's columns, as strings. An Athena manifest lists one
//! `s3://bucket/key` data file per line, read with the reader's `InputType`.
//!
//! Inventory data files, which S3 gzips (`….csv.gz`), are stored decompressed under the
//! same key. Athena data files are text (CSV, JSONL) or bytes (Parquet).

use serde_json::{Map, Value};
use sfn_dsl::model::{InputType, ReaderConfig};

use super::reader::{self, reader_failure};
use crate::executor::failure::Failure;
use crate::objects::Objects;

/// The items of the S3 Inventory report whose `manifest.json` is `body`; data files are
/// looked up in the manifest's destination bucket, or else in `bucket`.
pub(super) fn inventory(body: &str, bucket: &str, objects: &Objects) -> Result<Value, Failure> {
    let manifest: Value = serde_json::from_str(body).map_err(|error| {
        reader_failure(format!(
            "the S3 Inventory manifest is not valid JSON: {error}"
        ))
    })?;
    let format = manifest
        .get("fileFormat")
        .and_then(Value::as_str)
        .unwrap_or("CSV");
    if format != "CSV" {
        return Err(reader_failure(format!(
            "the S3 Inventory report is in {format}; only CSV inventory reports can be read"
        )));
    }
    let schema: Vec<String> = manifest
        .get("fileSchema")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            reader_failure("the S3 Inventory manifest has no string field 'fileSchema'")
        })?
        .split(',')
        .map(|column| column.trim().to_owned())
        .collect();
    let destination = manifest
        .get("destinationBucket")
        .and_then(Value::as_str)
        .map_or(bucket, |arn| arn.trim_start_matches("arn:aws:s3:::"));
    let files = manifest
        .get("files")
        .and_then(Value::as_array)
        .ok_or_else(|| reader_failure("the S3 Inventory manifest has no array field 'files'"))?;
    let mut items = Vec::new();
    for file in files {
        let key = file
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| reader_failure("an S3 Inventory manifest file has no string 'key'"))?;
        let data = fetch(objects, destination, key)?;
        if data.starts_with(&[0x1f]) {
            return Err(reader_failure(format!(
                "s3://{destination}/{key} is gzip-compressed; the local executor reads inventory files as CSV text, so store the decompressed CSV under that key"
            )));
        }
        let data = reader::text(data, &format!("s3://{destination}/{key}"))?;
        for row in reader::csv_rows(data, ',') {
            let item: Map<String, Value> = schema
                .iter()
                .enumerate()
                .map(|(index, column)| {
                    let cell = row.get(index).cloned().unwrap_or_default();
                    (column.clone(), Value::String(cell))
                })
                .collect();
            items.push(Value::Object(item));
        }
    }
    Ok(Value::Array(items))
}

/// The items of the data files an Athena `UNLOAD` manifest (`body`) lists, each read as
/// `config`'s `InputType` (CSV, JSONL or PARQUET) says, in the manifest's order.
pub(super) fn athena(
    body: &str,
    config: Option<&ReaderConfig>,
    objects: &Objects,
) -> Result<Value, Failure> {
    match config.and_then(|config| config.input_type.as_ref()) {
        Some(InputType::Csv | InputType::Jsonl | InputType::Parquet) => {}
        other => {
            return Err(reader_failure(format!(
                "ManifestType ATHENA_DATA needs InputType CSV, JSONL or PARQUET, not {}",
                other.map_or("none", InputType::as_str)
            )));
        }
    }
    let mut items = Vec::new();
    for line in body.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let (bucket, key) = line
            .strip_prefix("s3://")
            .and_then(|location| location.split_once('/'))
            .ok_or_else(|| {
                reader_failure(format!(
                    "the Athena manifest line `{line}` is not an s3://bucket/key location"
                ))
            })?;
        let data = fetch(objects, bucket, key)?;
        if let Value::Array(read) =
            reader::parse_bytes(data, config, &format!("s3://{bucket}/{key}"))?
        {
            items.extend(read);
        }
    }
    Ok(Value::Array(items))
}

fn fetch<'o>(objects: &'o Objects, bucket: &str, key: &str) -> Result<&'o [u8], Failure> {
    objects.get_bytes(bucket, key).ok_or_else(|| {
        reader_failure(format!(
            "The specified key does not exist. (Service: S3, Status Code: 404): s3://{bucket}/{key}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn inventory_rows_become_items_named_by_the_schema() {
        let mut objects = Objects::new();
        objects.put(
            "inventory",
            "src/files/a.csv.gz",
            "\"src\",\"data/1.json\",\"12\"\n\"src\",\"data/2.json\",\"7\"\n",
        );
        let manifest = json!({
            "sourceBucket": "src",
            "destinationBucket": "arn:aws:s3:::inventory",
            "fileFormat": "CSV",
            "fileSchema": "Bucket, Key, Size",
            "files": [{"key": "src/files/a.csv.gz", "size": 40, "MD5checksum": "x"}]
        });
        let items = inventory(&manifest.to_string(), "ignored", &objects).unwrap();
        assert_eq!(
            items,
            json!([
                {"Bucket": "src", "Key": "data/1.json", "Size": "12"},
                {"Bucket": "src", "Key": "data/2.json", "Size": "7"}
            ])
        );
        let orc = json!({"fileFormat": "ORC", "fileSchema": "Bucket", "files": []});
        assert_eq!(
            inventory(&orc.to_string(), "b", &objects)
                .unwrap_err()
                .cause
                .as_deref(),
            Some("the S3 Inventory report is in ORC; only CSV inventory reports can be read")
        );
    }

    #[test]
    fn athena_manifests_list_data_files_read_with_the_input_type() {
        let mut objects = Objects::new();
        objects.put("out", "q/1.jsonl", "{\"a\":1}\n{\"a\":2}\n");
        objects.put("out", "q/2.jsonl", "{\"a\":3}\n");
        let config = ReaderConfig {
            input_type: Some(InputType::Jsonl),
            ..ReaderConfig::default()
        };
        let items = athena(
            "s3://out/q/1.jsonl\ns3://out/q/2.jsonl\n",
            Some(&config),
            &objects,
        );
        assert_eq!(items.unwrap(), json!([{"a": 1}, {"a": 2}, {"a": 3}]));
        let missing = athena("s3://out/q/3.jsonl", Some(&config), &objects).unwrap_err();
        assert_eq!(
            missing.cause.as_deref(),
            Some(
                "The specified key does not exist. (Service: S3, Status Code: 404): s3://out/q/3.jsonl"
            )
        );
    }
}
