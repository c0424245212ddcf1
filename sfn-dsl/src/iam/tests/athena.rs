//! `athena:startQueryExecution`, `getQueryExecution`, `getQueryResults` and
//! `stopQueryExecution`.

use super::{allow, document, expected, policy};
use crate::StateMachine;

const START: &[&str] = &[
    "athena:GetDataCatalog",
    "athena:StartQueryExecution",
    "athena:GetQueryExecution",
];
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

#[test]
fn a_query_run_to_completion_gets_its_workgroup_catalog_database_and_results_prefix() {
    let query = document(
        r#"{"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::athena:startQueryExecution.sync",
            "Arguments": {"QueryString": "SELECT * FROM orders WHERE day = ?",
                          "QueryExecutionContext": {"Database": "sales"},
                          "ResultConfiguration": {"OutputLocation": "s3://query-results/daily/"},
                          "WorkGroup": "analytics",
                          "ExecutionParameters": ["{% $states.input.day %}"]},
            "End": true}"#,
    );
    assert_eq!(
        query,
        expected(
            &[
                allow(
                    START,
                    &[
                        "arn:aws:athena:${AWS::Region}:${AWS::AccountId}:datacatalog/AwsDataCatalog",
                        "arn:aws:athena:${AWS::Region}:${AWS::AccountId}:workgroup/analytics",
                    ]
                ),
                allow(
                    &["athena:StopQueryExecution"],
                    &["arn:aws:athena:${AWS::Region}:${AWS::AccountId}:workgroup/analytics"]
                ),
                allow(RESULTS_BUCKET, &["*"]),
                allow(WRITE_RESULTS, &["arn:aws:s3:::query-results/daily/*"]),
                allow(&["lakeformation:GetDataAccess"], &["*"]),
                allow(
                    CATALOG,
                    &[
                        "arn:aws:glue:${AWS::Region}:${AWS::AccountId}:catalog",
                        "arn:aws:glue:${AWS::Region}:${AWS::AccountId}:database/sales",
                        "arn:aws:glue:${AWS::Region}:${AWS::AccountId}:table/sales/*",
                        "arn:aws:glue:${AWS::Region}:${AWS::AccountId}:userDefinedFunction/sales/*",
                    ]
                ),
            ],
            &[]
        )
    );
}

#[test]
fn a_started_query_defaults_to_the_primary_workgroup_and_default_database() {
    let query = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::athena:startQueryExecution",
            "Parameters": {"QueryString": "SELECT 1", "ResultConfiguration": {"OutputLocation": "s3://query-results"}},
            "End": true}"#,
    );
    assert_eq!(
        query,
        expected(
            &[
                allow(
                    START,
                    &[
                        "arn:aws:athena:${AWS::Region}:${AWS::AccountId}:datacatalog/AwsDataCatalog",
                        "arn:aws:athena:${AWS::Region}:${AWS::AccountId}:workgroup/primary",
                    ]
                ),
                allow(RESULTS_BUCKET, &["*"]),
                allow(WRITE_RESULTS, &["arn:aws:s3:::query-results/*"]),
                allow(&["lakeformation:GetDataAccess"], &["*"]),
                allow(
                    CATALOG,
                    &[
                        "arn:aws:glue:${AWS::Region}:${AWS::AccountId}:catalog",
                        "arn:aws:glue:${AWS::Region}:${AWS::AccountId}:database/default",
                        "arn:aws:glue:${AWS::Region}:${AWS::AccountId}:table/default/*",
                        "arn:aws:glue:${AWS::Region}:${AWS::AccountId}:userDefinedFunction/default/*",
                    ]
                ),
            ],
            &[]
        )
    );
    // Without an output location the results go where the workgroup says: any bucket.
    let workgroup_location = policy(&super::one_task(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::athena:startQueryExecution",
            "Parameters": {"QueryString": "SELECT 1", "WorkGroup": "analytics"}, "End": true}"#,
    ));
    assert_eq!(workgroup_location.statements[2].actions, WRITE_RESULTS);
    assert_eq!(workgroup_location.statements[2].resources, ["*"]);
}

#[test]
fn computed_query_settings_are_listed() {
    let query = document(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::athena:startQueryExecution.sync",
            "Parameters": {"QueryString.$": "$.query", "WorkGroup.$": "$.workGroup",
                           "QueryExecutionContext": {"Catalog": "lake", "Database.$": "$.database"},
                           "ResultConfiguration.$": "$.results"},
            "End": true}"#,
    );
    assert_eq!(
        query,
        expected(
            &[
                allow(
                    START,
                    &["arn:aws:athena:${AWS::Region}:${AWS::AccountId}:datacatalog/lake"]
                ),
                allow(RESULTS_BUCKET, &["*"]),
                allow(&["lakeformation:GetDataAccess"], &["*"]),
                allow(
                    CATALOG,
                    &["arn:aws:glue:${AWS::Region}:${AWS::AccountId}:catalog"]
                ),
            ],
            &[
                ("T", START, "`WorkGroup` is computed at run time"),
                (
                    "T",
                    &["athena:StopQueryExecution"],
                    "the workgroup is not known, see `athena:StartQueryExecution`"
                ),
                (
                    "T",
                    WRITE_RESULTS,
                    "`ResultConfiguration.OutputLocation` is computed at run time"
                ),
                (
                    "T",
                    CATALOG,
                    "`QueryExecutionContext.Database` is computed at run time (the CDK grants the database, its tables and its functions: `database/NAME`, `table/NAME/*`, `userDefinedFunction/NAME/*`)"
                ),
            ]
        )
    );
    let substituted = policy(&super::one_task(
        r#"{"Type": "Task", "Resource": "arn:aws:states:::athena:startQueryExecution",
            "Parameters": {"QueryString": "SELECT 1", "ResultConfiguration": {"OutputLocation": "${ResultsLocation}"}},
            "End": true}"#,
    ));
    assert_eq!(
        substituted.unresolved[0].reason,
        "`ResultConfiguration.OutputLocation` is `${ResultsLocation}`, which cannot be turned into an ARN"
    );
}

#[test]
fn reading_and_stopping_a_query_need_every_workgroup() {
    let machine = StateMachine::from_json(
        r#"{"StartAt": "Status", "States": {
            "Status": {"Type": "Task", "Resource": "arn:aws:states:::athena:getQueryExecution",
                       "Parameters": {"QueryExecutionId.$": "$.id"}, "Next": "Rows"},
            "Rows": {"Type": "Task", "Resource": "arn:aws:states:::athena:getQueryResults",
                     "Parameters": {"QueryExecutionId.$": "$.id", "MaxResults": 100}, "Next": "Stop"},
            "Stop": {"Type": "Task", "Resource": "arn:aws:states:::athena:stopQueryExecution",
                     "Parameters": {"QueryExecutionId.$": "$.id"}, "End": true}}}"#,
    )
    .expect("valid definition");
    assert_eq!(
        policy(&machine).to_json(),
        expected(
            &[
                allow(&["athena:GetQueryExecution"], &["*"]),
                allow(&["athena:GetQueryResults"], &["*"]),
                allow(&["s3:GetObject"], &["*"]),
                allow(&["athena:StopQueryExecution"], &["*"]),
            ],
            &[]
        )
    );
}
