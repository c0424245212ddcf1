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
//! Inventory data files are gzipped (`….csv.gz`, as S3 writes them) or plain CSV. Athena
//! data files are text (CSV, JSONL), plain or gzipped (Athena's default compression for
//! text output), or Parquet. Gzip is recognised by its magic bytes, not by the key.

use std::borrow::Cow;

use serde_json::{Map, Value};
use sfn_dsl::model::{InputType, ReaderConfig};

use super::gzip;
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
        let location = format!("s3://{destination}/{key}");
        let data = gzip::decompressed(fetch(objects, destination, key)?, &location)?;
        let data = reader::text(&data, &location)?;
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
        let location = format!("s3://{bucket}/{key}");
        // Parquet compresses inside the file; a gzipped text file is read decompressed.
        let data = match config.and_then(|config| config.input_type.as_ref()) {
            Some(InputType::Parquet) => Cow::Borrowed(fetch(objects, bucket, key)?),
            _ => gzip::decompressed(fetch(objects, bucket, key)?, &location)?,
        };
        if let Value::Array(read) = reader::parse_bytes(&data, config, &location)? {
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

    fn gzip(data: &str) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(data.as_bytes()).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn gzipped_inventory_and_athena_text_files_are_read_decompressed() {
        let mut objects = Objects::new();
        objects.put_bytes(
            "inventory",
            "src/data/a.csv.gz",
            gzip("\"src\",\"k1\"\n\"src\",\"k2\"\n"),
        );
        objects.put("inventory", "src/data/b.csv", "\"src\",\"k3\"\n");
        let manifest = json!({
            "destinationBucket": "arn:aws:s3:::inventory",
            "fileFormat": "CSV",
            "fileSchema": "Bucket, Key",
            "files": [{"key": "src/data/a.csv.gz"}, {"key": "src/data/b.csv"}]
        });
        assert_eq!(
            inventory(&manifest.to_string(), "ignored", &objects).unwrap(),
            json!([
                {"Bucket": "src", "Key": "k1"},
                {"Bucket": "src", "Key": "k2"},
                {"Bucket": "src", "Key": "k3"}
            ])
        );
        objects.put_bytes("out", "q/1.gz", gzip("{\"a\":1}\n{\"a\":2}\n"));
        let config = ReaderConfig {
            input_type: Some(InputType::Jsonl),
            ..ReaderConfig::default()
        };
        assert_eq!(
            athena("s3://out/q/1.gz", Some(&config), &objects).unwrap(),
            json!([{"a": 1}, {"a": 2}])
        );
        objects.put_bytes("out", "q/bad.gz", vec![0x1f, 0x8b, 0, 0]);
        let failure = athena("s3://out/q/bad.gz", Some(&config), &objects).unwrap_err();
        assert!(
            failure
                .cause
                .as_deref()
                .is_some_and(|cause| cause.starts_with("s3://out/q/bad.gz is not valid gzip")),
            "{failure:?}"
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
