//! Distributed Map readers and writers.

use serde_json::json;

use super::policy;
use crate::StateMachine;

#[test]
fn readers_and_writers_use_their_partition() {
    let machine = StateMachine::from_json(
        r#"{"StartAt": "M", "States": {"M": {"Type": "Map",
            "ItemReader": {"Resource": "arn:aws-cn:states:::s3:getObject", "Parameters": {"Bucket": "in", "Key": "items.json"},
                           "ReaderConfig": {"InputType": "JSON"}},
            "ResultWriter": {"Resource": "arn:aws-us-gov:states:::s3:putObject", "Parameters": {"Bucket": "out"}},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "P",
                "States": {"P": {"Type": "Pass", "End": true}}},
            "End": true}}}"#,
    )
    .expect("valid definition");
    assert_eq!(
        policy(&machine).to_json()["PolicyDocument"]["Statement"],
        json!([
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws-cn:s3:::in/items.json"},
            {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"],
             "Resource": "arn:aws-us-gov:s3:::out/*"}
        ])
    );
}
