//! `ResultWriter`: writes a Distributed Map's results to the local object store.

use serde_json::{Map, Value, json};
use sfn_dsl::model::ResultWriter;

use super::Env;
use crate::executor::eval::{self, States};
use crate::executor::failure::Failure;

/// Writes `results` and returns what the Map state outputs instead of them.
pub(crate) fn write(
    env: &Env<'_, '_>,
    writer: &ResultWriter,
    map_run_arn: &str,
    results: &[Value],
    context: &Value,
    raw_input: &Value,
    effective: &Value,
) -> Result<Value, Failure> {
    let parameters = if env.is_jsonata() {
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
    let bucket = parameters.get("Bucket").and_then(Value::as_str);
    let prefix = parameters
        .get("Prefix")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(bucket) = bucket else {
        // WriterConfig alone: the results are transformed and returned inline.
        return Ok(Value::Array(results.to_vec()));
    };
    let run_id = map_run_arn.rsplit(':').next().unwrap_or("run");
    let base = if prefix.is_empty() {
        run_id.to_owned()
    } else {
        format!("{}/{run_id}", prefix.trim_end_matches('/'))
    };
    let succeeded_key = format!("{base}/SUCCEEDED_0.json");
    let manifest_key = format!("{base}/manifest.json");
    let body = Value::Array(results.to_vec()).to_string();
    let manifest = json!({
        "DestinationBucket": bucket,
        "MapRunArn": map_run_arn,
        "ResultFiles": {
            "FAILED": [],
            "PENDING": [],
            "SUCCEEDED": [{"Key": succeeded_key, "Size": body.len()}]
        }
    });
    let mut written = env.run.written.borrow_mut();
    written.put(bucket, succeeded_key, body);
    written.put(bucket, manifest_key.clone(), manifest.to_string());
    Ok(json!({
        "MapRunArn": map_run_arn,
        "ResultWriterDetails": {"Bucket": bucket, "Key": manifest_key}
    }))
}
