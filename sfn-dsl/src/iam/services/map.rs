//! What Distributed Map states need: starting child executions, and the S3 objects their
//! `ItemReader` reads and `ResultWriter` writes.

use crate::iam::Grants;
use crate::iam::field::{Field, field};
use crate::model::{InputType, MapState, ReaderTransformation, Resource};

/// The partition of a reader's or writer's `Resource` (`arn:aws-cn:states:::s3:getObject`),
/// or the deployment's when it names none.
fn partition(resource: Option<&Resource>) -> &str {
    resource
        .and_then(Resource::as_integration)
        .map_or("${AWS::Partition}", |integration| &*integration.partition)
}

pub(in crate::iam) fn map(grants: &mut Grants<'_>, state: &str, map: &MapState) {
    if !map.is_distributed() {
        return;
    }
    grants.unresolved(
        state,
        &["states:StartExecution", "states:DescribeExecution", "states:StopExecution"],
        "a Distributed Map starts executions of its own state machine, whose ARN is not in the definition",
    );
    if let Some(reader) = &map.item_reader {
        let payload = reader.parameters.as_ref().or(reader.arguments.as_ref());
        let partition = partition(Some(&reader.resource));
        let bucket = field(payload, "Bucket");
        let action = reader
            .resource
            .as_integration()
            .map(|integration| &*integration.action);
        match (action, bucket) {
            (Some("getObject"), Field::Literal(bucket)) => {
                match field(payload, "Key") {
                    Field::Literal(key) => grants.allow(
                        &["s3:GetObject"],
                        vec![format!("arn:{partition}:s3:::{bucket}/{key}")],
                    ),
                    _ => grants.unresolved(
                        state,
                        &["s3:GetObject"],
                        format!(
                            "the `ItemReader` key in bucket `{bucket}` is computed at run time"
                        ),
                    ),
                }
                // A manifest lists the files that hold the items, which are read too.
                let manifest = reader.reader_config.as_ref().is_some_and(|config| {
                    config.input_type == Some(InputType::Manifest) || config.manifest_type.is_some()
                });
                if manifest {
                    grants.unresolved(
                        state,
                        &["s3:GetObject"],
                        "the `ItemReader` reads a manifest: the data files it lists are read too (for S3 Inventory, the `data/` folder beside the manifest)",
                    );
                }
            }
            (Some("listObjectsV2"), Field::Literal(bucket)) => {
                grants.allow(
                    &["s3:ListBucket"],
                    vec![format!("arn:{partition}:s3:::{bucket}")],
                );
                // The items are the listing itself, unless each listed object is read.
                let loads = reader.reader_config.as_ref().is_some_and(|config| {
                    config.transformation == Some(ReaderTransformation::LoadAndFlatten)
                });
                if loads {
                    match field(payload, "Prefix") {
                        Field::Literal(prefix) => grants.allow(
                            &["s3:GetObject"],
                            vec![format!("arn:{partition}:s3:::{bucket}/{prefix}*")],
                        ),
                        Field::Absent => grants.allow(
                            &["s3:GetObject"],
                            vec![format!("arn:{partition}:s3:::{bucket}/*")],
                        ),
                        Field::Dynamic => grants.unresolved(
                            state,
                            &["s3:GetObject"],
                            format!("the `ItemReader` prefix in bucket `{bucket}` is computed at run time"),
                        ),
                    }
                }
            }
            _ => grants.unresolved(
                state,
                &["s3:GetObject", "s3:ListBucket"],
                "the `ItemReader` bucket is computed at run time or the reader is not an S3 one",
            ),
        }
    }
    if let Some(writer) = &map.result_writer {
        let payload = writer.parameters.as_ref().or(writer.arguments.as_ref());
        // `WriterConfig` alone shapes the Map's result and writes no object.
        if writer.resource.is_none() && payload.is_none() {
            return;
        }
        let partition = partition(writer.resource.as_ref());
        let actions = [
            "s3:PutObject",
            "s3:GetObject",
            "s3:ListMultipartUploadParts",
            "s3:AbortMultipartUpload",
        ];
        match field(payload, "Bucket") {
            Field::Literal(bucket) => {
                let prefix = match field(payload, "Prefix") {
                    Field::Literal(prefix) => format!("{}/", prefix.trim_end_matches('/')),
                    Field::Absent => String::new(),
                    Field::Dynamic => {
                        grants.unresolved(
                            state,
                            &actions,
                            format!("the `ResultWriter` prefix in bucket `{bucket}` is computed at run time"),
                        );
                        return;
                    }
                };
                grants.allow(
                    &actions,
                    vec![format!("arn:{partition}:s3:::{bucket}/{prefix}*")],
                );
            }
            _ => grants.unresolved(
                state,
                &actions,
                "the `ResultWriter` bucket is computed at run time",
            ),
        }
    }
}
