//! Writing a resource as text: the pieces that `Display` and serialization write, and the
//! whole ARNs of common integrations.

use std::fmt;

use super::{IntegrationFamily, IntegrationPattern, Resource};

/// The ARNs of the common optimized integrations in the `aws` partition, by service and
/// action (request-response).
const COMMON_ARNS: &[(&str, &str, &str)] = &[
    ("lambda", "invoke", "arn:aws:states:::lambda:invoke"),
    ("sns", "publish", "arn:aws:states:::sns:publish"),
    ("sqs", "sendMessage", "arn:aws:states:::sqs:sendMessage"),
    ("events", "putEvents", "arn:aws:states:::events:putEvents"),
    ("dynamodb", "getItem", "arn:aws:states:::dynamodb:getItem"),
    ("dynamodb", "putItem", "arn:aws:states:::dynamodb:putItem"),
    (
        "dynamodb",
        "updateItem",
        "arn:aws:states:::dynamodb:updateItem",
    ),
    (
        "dynamodb",
        "deleteItem",
        "arn:aws:states:::dynamodb:deleteItem",
    ),
];

impl Resource {
    /// The whole ARN as a static string when it is one of the common optimized
    /// integrations, so that writers copy it instead of putting it together and escaping it.
    pub(crate) fn common_arn(&self) -> Option<&'static str> {
        let Self::Integration(integration) = self else {
            return None;
        };
        if integration.family != IntegrationFamily::Optimized
            || integration.pattern != IntegrationPattern::RequestResponse
            || integration.partition != "aws"
        {
            return None;
        }
        COMMON_ARNS
            .iter()
            .find(|(service, action, _)| {
                integration.service == *service && integration.action == *action
            })
            .map(|(_, _, arn)| *arn)
    }

    /// The pieces the resource's text is made of, in order; unused slots are empty. Both
    /// `Display` and serialization write these.
    pub(crate) fn pieces(&self) -> [&str; 10] {
        match self {
            Self::Integration(integration) => {
                let family = match integration.family {
                    IntegrationFamily::Optimized => "",
                    IntegrationFamily::AwsSdk => "aws-sdk:",
                };
                [
                    "arn:",
                    &integration.partition,
                    ":states:::",
                    family,
                    &integration.service,
                    ":",
                    &integration.action,
                    integration.pattern.suffix(),
                    "",
                    "",
                ]
            }
            Self::LambdaFunction(function) => {
                let (colon, qualifier) = match &function.qualifier {
                    Some(qualifier) => (":", qualifier.as_str()),
                    None => ("", ""),
                };
                [
                    "arn:",
                    &function.partition,
                    ":lambda:",
                    &function.region,
                    ":",
                    &function.account,
                    ":function:",
                    &function.name,
                    colon,
                    qualifier,
                ]
            }
            Self::Activity(activity) => [
                "arn:",
                &activity.partition,
                ":states:",
                &activity.region,
                ":",
                &activity.account,
                ":activity:",
                &activity.name,
                "",
                "",
            ],
            Self::Other(text) => [text, "", "", "", "", "", "", "", "", ""],
        }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.pieces()
            .into_iter()
            .try_for_each(|piece| f.write_str(piece))
    }
}

#[cfg(test)]
mod tests {
    use super::Resource;

    #[test]
    fn common_arns_are_the_text_of_their_resource() {
        for (_, _, arn) in super::COMMON_ARNS {
            let resource = Resource::parse(arn);
            assert_eq!(resource.common_arn(), Some(*arn));
            assert_eq!(resource.pieces().concat(), *arn);
        }
        for other in [
            "arn:aws-cn:states:::lambda:invoke",
            "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "arn:aws:states:::aws-sdk:lambda:invoke",
            "arn:aws:states:::sns:publishBatch",
        ] {
            assert_eq!(Resource::parse(other).common_arn(), None, "{other}");
        }
    }
}
