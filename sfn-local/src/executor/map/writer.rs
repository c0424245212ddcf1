//! `ResultWriter`: a Distributed Map's results, shaped by `WriterConfig`, written to the
//! local object store with their manifest, or returned inline.
//!
//! Documented by AWS (the `ResultWriter (Map)` page): `Transformation` `NONE` (each child
//! execution's metadata with its output; the default when exporting without
//! `WriterConfig`), `COMPACT` (outputs only; the default without `ResultWriter`) and
//! `FLATTEN` (outputs, arrays flattened one level), failed children kept as `NONE`
//! whatever the transformation; `OutputType` `JSON` (an array) or `JSONL` (JSON Lines);
//! `WriterConfig` alone returns the formatted results as the state's result; an export
//! writes `<Prefix>/<Map Run id>/manifest.json` with `DestinationBucket`, `MapRunArn` and
//! `ResultFiles` (`FAILED`, `PENDING`, `SUCCEEDED` lists of `{Key, Size}`), one file per
//! status group (`SUCCEEDED_0.json`, `FAILED_0.json`, …), and the state's result is
//! `{MapRunArn, ResultWriterDetails: {Bucket, Key}}` (recorded:
//! `test_map_state_result_writer`).
//!
//! Inferred (not documented): `.jsonl` file names for `JSONL`; a file only for groups that
//! have records; aborted children in `FAILED`; the fields of `PENDING` records; results
//! written when the Map Run fails; `OutputType` ignored when nothing is exported.

use serde_json::{Map, Value, json};
use sfn_dsl::model::{OutputType, ResultWriter, WriterTransformation};

use super::Env;
use super::ledger::{Group, Ledger};
use crate::executor::eval::{self, States};
use crate::executor::failure::Failure;

/// `States.ResultWriterFailed`.
const WRITER_FAILED: &str = "States.ResultWriterFailed";

fn writer_failure(cause: impl Into<String>) -> Failure {
    Failure::passed(Some(WRITER_FAILED.to_owned()), Some(cause.into()))
}

/// Where and how the results go.
pub(super) struct Destination<'a> {
    pub(super) writer: &'a ResultWriter,
    pub(super) map_run_arn: &'a str,
}

/// Whether `writer` exports the results to S3; with `WriterConfig` alone, the formatted
/// results stay the state's result.
pub(super) fn exports(writer: &ResultWriter) -> bool {
    writer.resource.is_some() || writer.parameters.is_some() || writer.arguments.is_some()
}

/// Writes the results the ledger holds and returns what the Map state outputs instead of
/// them.
pub(super) fn write(
    env: &Env<'_, '_>,
    destination: &Destination<'_>,
    ledger: &Ledger,
    context: &Value,
    raw_input: &Value,
    effective: &Value,
) -> Result<Value, Failure> {
    let writer = destination.writer;
    let config = writer.writer_config.as_ref();
    let output_type = config
        .and_then(|config| config.output_type.clone())
        .unwrap_or(OutputType::Json);
    let exported = exports(writer);
    let transformation = config
        .and_then(|config| config.transformation.clone())
        .unwrap_or(if exported {
            WriterTransformation::None
        } else {
            WriterTransformation::Compact
        });
    if let WriterTransformation::Other(other) = &transformation {
        return Err(writer_failure(format!(
            "WriterConfig.Transformation `{other}` is not one of NONE, COMPACT, FLATTEN"
        )));
    }
    if let OutputType::Other(other) = &output_type {
        return Err(writer_failure(format!(
            "WriterConfig.OutputType `{other}` is not one of JSON, JSONL"
        )));
    }
    let records = ledger.records(&transformation, env.run.now());
    if !exported {
        return Ok(Value::Array(
            records.into_iter().map(|record| record.value).collect(),
        ));
    }
    let parameters = parameters(env, writer, context, raw_input, effective)?;
    let bucket = parameters
        .get("Bucket")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            writer_failure("the ResultWriter parameters have no string field 'Bucket'")
        })?;
    let prefix = match parameters.get("Prefix") {
        None | Some(Value::Null) => "",
        Some(Value::String(prefix)) => prefix.as_str(),
        Some(other) => {
            return Err(writer_failure(format!(
                "the ResultWriter field 'Prefix' is not a string: {other}"
            )));
        }
    };
    let map_run_arn = destination.map_run_arn;
    let run_id = map_run_arn.rsplit(':').next().unwrap_or("run");
    let base = if prefix.is_empty() {
        run_id.to_owned()
    } else {
        format!("{}/{run_id}", prefix.trim_end_matches('/'))
    };
    let extension = match output_type {
        OutputType::Jsonl => "jsonl",
        _ => "json",
    };
    let mut files = Map::new();
    let mut written = env.run.written.borrow_mut();
    for group in [Group::Failed, Group::Pending, Group::Succeeded] {
        let values: Vec<&Value> = records
            .iter()
            .filter(|record| record.group == group)
            .map(|record| &record.value)
            .collect();
        let mut listed = Vec::new();
        if !values.is_empty() {
            let body = match output_type {
                OutputType::Jsonl => values.iter().fold(String::new(), |mut body, value| {
                    body.push_str(&value.to_string());
                    body.push('\n');
                    body
                }),
                _ => Value::Array(values.into_iter().cloned().collect()).to_string(),
            };
            let key = format!("{base}/{}_0.{extension}", group.as_str());
            listed.push(json!({"Key": key, "Size": body.len()}));
            written.put(bucket, key, body);
        }
        files.insert(group.as_str().to_owned(), Value::Array(listed));
    }
    let manifest_key = format!("{base}/manifest.json");
    let manifest = json!({
        "DestinationBucket": bucket,
        "MapRunArn": map_run_arn,
        "ResultFiles": files,
    });
    written.put(bucket, manifest_key.clone(), manifest.to_string());
    Ok(json!({
        "MapRunArn": map_run_arn,
        "ResultWriterDetails": {"Bucket": bucket, "Key": manifest_key}
    }))
}

/// The evaluated `Parameters` (JSONPath) or `Arguments` (JSONata).
fn parameters(
    env: &Env<'_, '_>,
    writer: &ResultWriter,
    context: &Value,
    raw_input: &Value,
    effective: &Value,
) -> Result<Value, Failure> {
    let value = if env.is_jsonata() {
        match &writer.arguments {
            Some(arguments) => eval::jsonata_payload(
                arguments,
                &States::new(raw_input, context, env.tools()),
                env.variables,
                "ResultWriter/Arguments",
            )?,
            None => Value::Object(Map::new()),
        }
    } else {
        match &writer.parameters {
            Some(parameters) => eval::template(parameters, &env.scope(effective, context))?,
            None => Value::Object(Map::new()),
        }
    };
    Ok(value)
}
