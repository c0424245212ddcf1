//! Amazon Athena, after the CDK's `AthenaStartQueryExecution`, `AthenaGetQueryExecution`,
//! `AthenaGetQueryResults` and `AthenaStopQueryExecution` (`athena/*.ts`).

use super::{account_arn, is_sync, on_setting, s3_location};
use crate::iam::Grants;
use crate::iam::field::{Field, field, nested_field};
use crate::model::{IntegrationPattern, Payload};

const START: &[&str] = &[
    "athena:GetDataCatalog",
    "athena:StartQueryExecution",
    "athena:GetQueryExecution",
];

const STOP: &[&str] = &["athena:StopQueryExecution"];

/// Reading the results location, and creating it if needed: the CDK grants these on `*`.
const RESULTS_BUCKET: &[&str] = &[
    "s3:CreateBucket",
    "s3:ListBucket",
    "s3:GetBucketLocation",
    "s3:GetObject",
];

const WRITE_RESULTS: &[&str] = &[
    "s3:AbortMultipartUpload",
    "s3:ListBucketMultipartUploads",
    "s3:ListMultipartUploadParts",
    "s3:PutObject",
];

/// The Glue Data Catalog actions a query may need, in the CDK's order.
const CATALOG: &[&str] = &[
    "glue:BatchCreatePartition",
    "glue:BatchDeletePartition",
    "glue:BatchDeleteTable",
    "glue:BatchGetPartition",
    "glue:CreateDatabase",
    "glue:CreatePartition",
    "glue:CreateTable",
    "glue:DeleteDatabase",
    "glue:DeletePartition",
    "glue:DeleteTable",
    "glue:GetDatabase",
    "glue:GetDatabases",
    "glue:GetPartition",
    "glue:GetPartitions",
    "glue:GetTable",
    "glue:GetTables",
    "glue:UpdateDatabase",
    "glue:UpdatePartition",
    "glue:UpdateTable",
];

/// `athena:startQueryExecution` and its `.sync`.
pub(super) fn start_query_execution(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
    pattern: IntegrationPattern,
) {
    let athena = |resource: &str| account_arn(partition, "athena", resource);
    let catalog = match nested_field(payload, &["QueryExecutionContext", "Catalog"]) {
        Field::Absent => Field::Literal("AwsDataCatalog".to_owned()),
        catalog => catalog,
    };
    let work_group = match field(payload, "WorkGroup") {
        Field::Absent => Field::Literal("primary".to_owned()),
        work_group => work_group,
    };
    on_setting(
        grants,
        state,
        catalog,
        "QueryExecutionContext.Catalog",
        START,
        |name| Some(athena(&format!("datacatalog/{name}"))),
        None,
    );
    let work_group = on_setting(
        grants,
        state,
        work_group,
        "WorkGroup",
        START,
        |name| Some(athena(&format!("workgroup/{name}"))),
        None,
    );
    // The CDK leaves `StopQueryExecution` out; AWS's `.sync` template has it, and Step
    // Functions calls it to stop the query when the execution is stopped.
    if is_sync(pattern) {
        match work_group {
            Some(work_group) => grants.allow(STOP, vec![work_group]),
            None => grants.unresolved(
                state,
                STOP,
                "the workgroup is not known, see `athena:StartQueryExecution`",
            ),
        }
    }
    grants.allow(RESULTS_BUCKET, vec!["*".to_owned()]);
    match nested_field(payload, &["ResultConfiguration", "OutputLocation"]) {
        // The results go where the workgroup says, which the definition does not name.
        Field::Absent => grants.allow(WRITE_RESULTS, vec!["*".to_owned()]),
        location => {
            on_setting(
                grants,
                state,
                location,
                "ResultConfiguration.OutputLocation",
                WRITE_RESULTS,
                |uri| {
                    let (bucket, key) = s3_location(uri)?;
                    let prefix = key.trim_end_matches('/');
                    Some(if prefix.is_empty() {
                        format!("arn:{partition}:s3:::{bucket}/*")
                    } else {
                        format!("arn:{partition}:s3:::{bucket}/{prefix}/*")
                    })
                },
                None,
            );
        }
    }
    grants.allow(&["lakeformation:GetDataAccess"], vec!["*".to_owned()]);
    let glue = |resource: &str| account_arn(partition, "glue", resource);
    grants.allow(CATALOG, vec![glue("catalog")]);
    let database = match nested_field(payload, &["QueryExecutionContext", "Database"]) {
        Field::Absent => Field::Literal("default".to_owned()),
        database => database,
    };
    match database {
        Field::Literal(database) => grants.allow(
            CATALOG,
            vec![
                glue(&format!("database/{database}")),
                glue(&format!("table/{database}/*")),
                glue(&format!("userDefinedFunction/{database}/*")),
            ],
        ),
        Field::Dynamic | Field::Absent => grants.unresolved(
            state,
            CATALOG,
            "`QueryExecutionContext.Database` is computed at run time (the CDK grants the database, its tables and its functions: `database/NAME`, `table/NAME/*`, `userDefinedFunction/NAME/*`)",
        ),
    }
}

/// `athena:getQueryExecution` names a query execution, not its workgroup: the CDK grants
/// it on `*`.
pub(super) fn get_query_execution(grants: &mut Grants<'_>) {
    grants.allow(&["athena:GetQueryExecution"], vec!["*".to_owned()]);
}

/// `athena:getQueryResults`, on `*` as `getQueryExecution`, and `s3:GetObject` on `*`
/// because the results are streamed from the results location in S3.
pub(super) fn get_query_results(grants: &mut Grants<'_>) {
    grants.allow(&["athena:GetQueryResults"], vec!["*".to_owned()]);
    grants.allow(&["s3:GetObject"], vec!["*".to_owned()]);
}

/// `athena:stopQueryExecution`, on `*` as `getQueryExecution`.
pub(super) fn stop_query_execution(grants: &mut Grants<'_>) {
    grants.allow(STOP, vec!["*".to_owned()]);
}
