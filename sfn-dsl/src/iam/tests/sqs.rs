//! `sqs:sendMessage`.

use super::{allow, document, expected};

#[test]
fn a_queue_url_in_china_becomes_an_aws_cn_arn() {
    let send = document(
        r#"{"Type": "Task", "Resource": "arn:aws-cn:states:::sqs:sendMessage",
            "Parameters": {"QueueUrl": "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q",
                           "MessageBody.$": "$"}, "End": true}"#,
    );
    assert_eq!(
        send,
        expected(
            &[allow(
                &["sqs:SendMessage"],
                &["arn:aws-cn:sqs:cn-north-1:123456789012:q"]
            )],
            &[]
        )
    );
}
