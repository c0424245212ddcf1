//! Reading resource text: classifying it into the AWS forms, a classification kept only
//! when it prints back as the text it was read from.

use std::borrow::Cow;

use super::arn::split_arn;
use super::{
    Activity, IntegrationFamily, IntegrationPattern, LambdaFunction, Resource, ServiceIntegration,
};

/// Partitions, optimized services and actions common enough to be held without allocating
/// when parsed.
const COMMON_PARTS: &[&str] = &[
    "aws",
    "${AWS::Partition}",
    "lambda",
    "invoke",
    "sns",
    "publish",
    "sqs",
    "sendMessage",
    "states",
    "startExecution",
    "dynamodb",
    "getItem",
    "putItem",
    "updateItem",
    "deleteItem",
    "events",
    "putEvents",
    "ecs",
    "runTask",
    "glue",
    "startJobRun",
    "batch",
    "submitJob",
    "http",
];

/// `part` as a shared name if it is a common one, else a copy.
fn shared(part: &str) -> Cow<'static, str> {
    match COMMON_PARTS.iter().find(|common| **common == part) {
        Some(common) => Cow::Borrowed(common),
        None => Cow::Owned(part.to_owned()),
    }
}

/// Whether `resource` prints exactly as `text`, compared as it is written (no allocation).
fn prints_as(resource: &Resource, text: &str) -> bool {
    // The pieces that `Display` writes, compared directly (no formatting machinery).
    let mut rest = text;
    for piece in resource.pieces() {
        match rest.strip_prefix(piece) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.is_empty()
}

impl Resource {
    /// Classifies a resource string. Never fails; see [`Resource::Other`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Resource;
    ///
    /// assert!(matches!(Resource::parse("arn:aws:lambda:us-east-1:123456789012:function:f"), Resource::LambdaFunction(_)));
    /// assert!(matches!(Resource::parse("arn:aws:states:::lambda:invoke"), Resource::Integration(_)));
    /// assert_eq!(Resource::parse("not an arn"), Resource::Other("not an arn".to_owned()));
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Self {
        let classified = Self::classify(text);
        // Only keep a classification that prints back to the very same text. A Lambda
        // function or an activity always does: it keeps every part of the ARN as written,
        // and prints them joined by the colons they were split at.
        match classified {
            Some(resource @ (Self::LambdaFunction(_) | Self::Activity(_))) => resource,
            Some(resource) if prints_as(&resource, text) => resource,
            _ => Self::Other(text.to_owned()),
        }
    }

    fn classify(text: &str) -> Option<Self> {
        if !text.starts_with("arn:") {
            return None;
        }
        let parts = split_arn(text)?;
        let (&"arn", rest) = parts.as_slice().split_first()? else {
            return None;
        };
        match rest {
            [
                partition,
                "states",
                "",
                "",
                "aws-sdk",
                service,
                action,
                rest @ ..,
            ] => {
                // `.sync:2` contains a colon: rejoin it, so that it is read (and refused,
                // as `.sync` is) rather than left as text nothing checks.
                let action = match rest {
                    [] => Cow::Borrowed(*action),
                    [version] => Cow::Owned(format!("{action}:{version}")),
                    _ => return None,
                };
                let (action, pattern) = IntegrationPattern::split(&action);
                Some(Self::Integration(ServiceIntegration {
                    partition: shared(partition),
                    family: IntegrationFamily::AwsSdk,
                    service: Cow::Owned((*service).to_owned()),
                    action: Cow::Owned(action.to_owned()),
                    pattern,
                }))
            }
            // `aws-sdk:<name>` with no action is not an optimized integration named
            // `aws-sdk`: it stays text, reported as a malformed AWS SDK integration.
            [_, "states", "", "", "aws-sdk", ..] => None,
            [partition, "states", "", "", service, action, rest @ ..] => {
                // `.sync:2` contains a colon: rejoin it.
                let action = match rest {
                    [] => (*action).to_owned(),
                    [version] => format!("{action}:{version}"),
                    _ => return None,
                };
                let (action, pattern) = IntegrationPattern::split(&action);
                Some(Self::Integration(ServiceIntegration {
                    partition: shared(partition),
                    family: IntegrationFamily::Optimized,
                    service: shared(service),
                    action: shared(action),
                    pattern,
                }))
            }
            [partition, "states", region, account, "activity", name] => {
                Some(Self::Activity(Activity {
                    partition: (*partition).to_owned(),
                    region: (*region).to_owned(),
                    account: (*account).to_owned(),
                    name: (*name).to_owned(),
                }))
            }
            [
                partition,
                "lambda",
                region,
                account,
                "function",
                name,
                qualifier @ ..,
            ] => {
                let qualifier = match qualifier {
                    [] => None,
                    [qualifier] => Some((*qualifier).to_owned()),
                    _ => return None,
                };
                Some(Self::LambdaFunction(LambdaFunction {
                    partition: (*partition).to_owned(),
                    region: (*region).to_owned(),
                    account: (*account).to_owned(),
                    name: (*name).to_owned(),
                    qualifier,
                }))
            }
            _ => None,
        }
    }
}

impl From<&str> for Resource {
    fn from(text: &str) -> Self {
        Self::parse(text)
    }
}

impl From<String> for Resource {
    fn from(text: String) -> Self {
        Self::parse(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::{IntegrationFamily, IntegrationPattern, Resource};

    #[test]
    fn classifies_the_aws_forms() {
        let sync2 = Resource::parse("arn:aws:states:::states:startExecution.sync:2");
        assert_eq!(sync2.pattern(), IntegrationPattern::Sync2);
        let sdk_sync2 = Resource::parse("arn:aws:states:::aws-sdk:s3:getObject.sync:2");
        let call = sdk_sync2.as_integration().expect("an AWS SDK integration");
        assert_eq!(
            (call.family, &*call.service, &*call.action, call.pattern),
            (
                IntegrationFamily::AwsSdk,
                "s3",
                "getObject",
                IntegrationPattern::Sync2
            )
        );
        let lambda = Resource::parse("arn:aws:lambda:us-east-1:123456789012:function:f:live");
        let Resource::LambdaFunction(function) = &lambda else {
            panic!("not a function: {lambda:?}")
        };
        assert_eq!(function.qualifier.as_deref(), Some("live"));
        let activity = Resource::parse("arn:aws:states:us-east-1:1:activity:approve");
        assert!(activity.uses_task_token());
        let sdk = Resource::parse("arn:${AWS::Partition}:states:::aws-sdk:s3:getObject");
        let integration = sdk.as_integration().expect("integration");
        assert_eq!(integration.family, IntegrationFamily::AwsSdk);
        assert_eq!(integration.partition, "${AWS::Partition}");
        assert!(Resource::parse("arn:aws:states:::http:invoke").is_http());
    }

    #[test]
    fn everything_prints_back_as_parsed() {
        for text in [
            "arn:aws:states:::lambda:invoke",
            "arn:aws:states:::ecs:runTask.sync",
            "arn:aws:states:::aws-sdk:dynamodb:getItem.waitForTaskToken",
            "arn:aws:states:::aws-sdk:s3:getObject.sync:2",
            "arn:aws:states:::aws-sdk:s3:getObject:x:y",
            "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Name}",
            "${FunctionArn}",
            "__tbd__",
            "arn:aws:states:::a:b:c:d",
            "arn:aws:states:::a:b:c:d:e:f:g:h:i:j",
            "arn:aws:lambda:us-east-1:1:function:f:live:extra",
            "",
            "arn:",
        ] {
            assert_eq!(Resource::parse(text).to_string(), text);
        }
    }

    #[test]
    fn functions_and_activities_keep_every_part_as_written() {
        // These are kept without printing them back to compare: every part is the text
        // between two colons (none inside `${…}`), printed with those colons.
        for text in [
            "arn:aws:lambda:us-east-1:1:function:f",
            "arn:aws:lambda:us-east-1:1:function:f:$LATEST",
            "arn:${AWS::Partition}:lambda:${AWS::Region}:${A:B:C}:function:${Name::X}:live",
            "arn:aws:lambda:::function:",
            "arn:aws:states:us-east-1:1:activity:approve",
            "arn:${P}:states:${R::X}::activity:${N:1}",
        ] {
            let resource = Resource::parse(text);
            assert!(
                matches!(
                    resource,
                    Resource::LambdaFunction(_) | Resource::Activity(_)
                ),
                "{text}: {resource:?}"
            );
            assert_eq!(resource.to_string(), text);
        }
    }
}
