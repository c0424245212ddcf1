//! Amazon SQS `sqs:sendMessage`, after the CDK's `SqsSendMessage` (`sqs/send-message.ts`).

use super::on_field;
use crate::iam::Grants;
use crate::model::Payload;

/// `sqs:SendMessage` on the queue named by `QueueUrl`.
pub(super) fn send_message(
    grants: &mut Grants<'_>,
    state: &str,
    payload: Option<&Payload>,
    partition: &str,
) {
    on_field(
        grants,
        state,
        payload,
        "QueueUrl",
        &["sqs:SendMessage"],
        |url| queue_arn(partition, url),
    );
}

/// `https://sqs.<region>.amazonaws.com/<account>/<name>` (or `.amazonaws.com.cn`) to its
/// queue ARN in `partition`.
fn queue_arn(partition: &str, url: &str) -> Option<String> {
    if url.starts_with("arn:") {
        return Some(url.to_owned());
    }
    let rest = url.strip_prefix("https://sqs.")?;
    let (host, path) = rest.split_once('/')?;
    let region = host.split('.').next()?;
    let (account, name) = path.trim_end_matches('/').split_once('/')?;
    if region.is_empty() || account.is_empty() || name.is_empty() || name.contains('/') {
        return None;
    }
    Some(format!("arn:{partition}:sqs:{region}:{account}:{name}"))
}

#[cfg(test)]
mod tests {
    use super::queue_arn;

    #[test]
    fn queue_urls_become_arns_in_the_partition() {
        assert_eq!(
            queue_arn(
                "aws",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/orders"
            )
            .as_deref(),
            Some("arn:aws:sqs:eu-west-1:123456789012:orders")
        );
        assert_eq!(
            queue_arn(
                "aws-cn",
                "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q"
            )
            .as_deref(),
            Some("arn:aws-cn:sqs:cn-north-1:123456789012:q")
        );
        assert_eq!(queue_arn("aws", "${QueueUrl}"), None);
    }
}
