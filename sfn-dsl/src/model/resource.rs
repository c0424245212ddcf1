//! Task `Resource` values: Lambda functions, service integrations, activities and any other
//! URI.

use std::borrow::Cow;
use std::fmt;

/// How a Task waits for a service integration.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{IntegrationPattern, Resource};
///
/// let run = Resource::parse("arn:aws:states:::ecs:runTask.sync");
/// assert_eq!(run.pattern(), IntegrationPattern::Sync);
/// assert_eq!(IntegrationPattern::WaitForTaskToken.suffix(), ".waitForTaskToken");
/// assert_eq!(Resource::parse("arn:aws:states:::sns:publish").pattern(), IntegrationPattern::RequestResponse);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum IntegrationPattern {
    /// Call the service and continue with its response (no suffix).
    #[default]
    RequestResponse,
    /// Run a job and wait for it to finish (`.sync`).
    Sync,
    /// Like [`Sync`](Self::Sync), with JSON output parsed (`.sync:2`).
    Sync2,
    /// Pause until a task token is returned by `SendTaskSuccess`/`SendTaskFailure`
    /// (`.waitForTaskToken`).
    WaitForTaskToken,
}

impl IntegrationPattern {
    /// The suffix appended to the action name.
    #[must_use]
    pub fn suffix(self) -> &'static str {
        match self {
            Self::RequestResponse => "",
            Self::Sync => ".sync",
            Self::Sync2 => ".sync:2",
            Self::WaitForTaskToken => ".waitForTaskToken",
        }
    }

    fn split(action: &str) -> (&str, Self) {
        for pattern in [Self::Sync2, Self::Sync, Self::WaitForTaskToken] {
            if let Some(name) = action.strip_suffix(pattern.suffix()) {
                return (name, pattern);
            }
        }
        (action, Self::RequestResponse)
    }
}

/// Which family of service integration a resource uses.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{IntegrationFamily, Resource};
///
/// let sdk = Resource::parse("arn:aws:states:::aws-sdk:s3:listObjectsV2");
/// assert_eq!(sdk.as_integration().map(|call| call.family), Some(IntegrationFamily::AwsSdk));
/// let optimized = Resource::parse("arn:aws:states:::sqs:sendMessage");
/// assert_eq!(optimized.as_integration().map(|call| call.family), Some(IntegrationFamily::Optimized));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntegrationFamily {
    /// An optimized integration: `arn:aws:states:::sns:publish`.
    Optimized,
    /// An AWS SDK integration: `arn:aws:states:::aws-sdk:s3:listObjectsV2`.
    AwsSdk,
}

/// A service integration resource, `arn:<partition>:states:::[aws-sdk:]<service>:<action>[<pattern>]`.
///
/// The parts are [`Cow`]s so that the names of typed integrations (`lambda`, `invoke`) and
/// the usual partition are held without allocating; owned and borrowed parts compare and
/// hash alike.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{IntegrationPattern, Resource};
///
/// let resource = Resource::parse("arn:aws-cn:states:::aws-sdk:dynamodb:getItem");
/// let call = resource.as_integration().expect("a service integration");
/// assert_eq!((&*call.partition, &*call.service, &*call.action), ("aws-cn", "dynamodb", "getItem"));
/// assert_eq!(call.pattern, IntegrationPattern::RequestResponse);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServiceIntegration {
    /// The ARN partition (`aws`, `aws-cn`, `aws-us-gov`, or a placeholder such as
    /// `${AWS::Partition}`).
    pub partition: Cow<'static, str>,
    /// Optimized or AWS SDK integration.
    pub family: IntegrationFamily,
    /// The service, such as `lambda`, `sns` or (for the SDK) `s3`.
    pub service: Cow<'static, str>,
    /// The action, such as `invoke`, `publish` or `listObjectsV2`.
    pub action: Cow<'static, str>,
    /// How the Task waits for the service.
    pub pattern: IntegrationPattern,
}

impl ServiceIntegration {
    /// The longest a Task calling this integration runs, whatever its `TimeoutSeconds`,
    /// when the integration has such a limit: 900 seconds for Bedrock AgentCore
    /// `invokeHarness` (connect-bedrockagentcore.html: "a maximum execution time of 15
    /// minutes (900 seconds), even if the `TimeoutSeconds` value exceeds this limit").
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::Resource;
    ///
    /// let harness = Resource::parse("arn:aws:states:::bedrockagentcore:invokeHarness");
    /// assert_eq!(harness.as_integration().and_then(|call| call.max_run_seconds()), Some(900));
    /// let publish = Resource::parse("arn:aws:states:::sns:publish");
    /// assert_eq!(publish.as_integration().and_then(|call| call.max_run_seconds()), None);
    /// ```
    #[must_use]
    pub fn max_run_seconds(&self) -> Option<u64> {
        let harness = self.family == IntegrationFamily::Optimized
            && self.service == "bedrockagentcore"
            && self.action == "invokeHarness";
        harness.then_some(900)
    }
}

/// A Lambda function addressed by ARN: `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::Resource;
///
/// let resource = Resource::parse("arn:aws:lambda:eu-west-1:123456789012:function:charge:live");
/// let Resource::LambdaFunction(function) = &resource else { panic!("a Lambda ARN") };
/// assert_eq!((function.region.as_str(), function.name.as_str()), ("eu-west-1", "charge"));
/// assert_eq!(function.qualifier.as_deref(), Some("live"));
/// assert_eq!(resource.to_string(), "arn:aws:lambda:eu-west-1:123456789012:function:charge:live");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LambdaFunction {
    /// The ARN partition.
    pub partition: String,
    /// The region.
    pub region: String,
    /// The account id.
    pub account: String,
    /// The function name.
    pub name: String,
    /// A version or alias.
    pub qualifier: Option<String>,
}

/// An activity: `arn:<partition>:states:<region>:<account>:activity:<name>`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::Resource;
///
/// let resource = Resource::parse("arn:aws:states:us-east-1:123456789012:activity:review");
/// let Resource::Activity(activity) = &resource else { panic!("an activity ARN") };
/// assert_eq!((activity.account.as_str(), activity.name.as_str()), ("123456789012", "review"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Activity {
    /// The ARN partition.
    pub partition: String,
    /// The region.
    pub region: String,
    /// The account id.
    pub account: String,
    /// The activity name.
    pub name: String,
}

/// The `Resource` of a Task state, or of a Map `ItemReader`/`ResultWriter`.
///
/// Parsing classifies the string into the AWS forms and falls back to
/// [`Resource::Other`] for anything else (including placeholders such as
/// `"${ChargeFunctionArn}"`); printing gives back exactly the parsed string.
///
/// # Examples
///
/// ```
/// use sfn_dsl::model::{IntegrationPattern, Resource};
///
/// let publish = Resource::integration("sns", "publish", IntegrationPattern::WaitForTaskToken);
/// assert_eq!(publish.to_string(), "arn:aws:states:::sns:publish.waitForTaskToken");
/// assert_eq!(Resource::parse("arn:aws:states:::sns:publish.waitForTaskToken"), publish);
///
/// let sdk = Resource::aws_sdk("s3", "listObjectsV2");
/// assert_eq!(sdk.to_string(), "arn:aws:states:::aws-sdk:s3:listObjectsV2");
///
/// let placeholder = Resource::parse("${ChargeFunctionArn}");
/// assert_eq!(placeholder, Resource::Other("${ChargeFunctionArn}".to_owned()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Resource {
    /// A service integration (optimized, AWS SDK or HTTP).
    Integration(ServiceIntegration),
    /// A Lambda function invoked by its ARN (the legacy form).
    LambdaFunction(LambdaFunction),
    /// An activity.
    Activity(Activity),
    /// Any other URI, including deployment placeholders.
    Other(String),
}

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

/// The most parts an ARN that [`Resource::classify`] recognises can have (`arn`, then at
/// most eight more: a `.sync:2` integration, or a Lambda function with a qualifier).
const MAX_ARN_PARTS: usize = 9;

/// The parts of an ARN, in a fixed array rather than a vector (no allocation).
struct ArnParts<'a> {
    parts: [&'a str; MAX_ARN_PARTS],
    count: usize,
}

impl<'a> ArnParts<'a> {
    /// Adds a part; `false` when there are more than any recognised form has.
    fn push(&mut self, part: &'a str) -> bool {
        match self.parts.get_mut(self.count) {
            Some(slot) => {
                *slot = part;
                self.count += 1;
                true
            }
            None => false,
        }
    }

    fn as_slice(&self) -> &[&'a str] {
        self.parts.get(..self.count).unwrap_or_default()
    }
}

/// Splits an ARN on `:`, but not inside `${…}` substitutions (`${AWS::Partition}`);
/// `None` when it has more parts than any recognised form.
fn split_arn(text: &str) -> Option<ArnParts<'_>> {
    let mut parts = ArnParts {
        parts: [""; MAX_ARN_PARTS],
        count: 0,
    };
    for part in arn_parts(text) {
        if !parts.push(part) {
            return None;
        }
    }
    Some(parts)
}

/// The parts of an ARN (or of any text) between colons, not splitting inside `${…}`
/// substitutions (`${AWS::Partition}` contains colons). Text without a colon is one part.
pub(crate) fn arn_parts(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut depth = 0usize;
    let mut index = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while let Some(&byte) = bytes.get(index) {
            match byte {
                b'$' if bytes.get(index + 1) == Some(&b'{') => {
                    depth += 1;
                    index += 1;
                }
                b'}' if depth > 0 => depth -= 1,
                b':' if depth == 0 => {
                    let part = text.get(start..index).unwrap_or_default();
                    index += 1;
                    start = index;
                    return Some(part);
                }
                _ => {}
            }
            index += 1;
        }
        done = true;
        Some(text.get(start..).unwrap_or_default())
    })
}

/// Why `aws-sdk:<service>:<action>` names no AWS API, if it does not: a service that is
/// empty or not letters, digits and `-` (`s3`, `emrserverless`), or an action that is
/// empty or not letters and digits (`getObject`). A `${…}` placeholder may stand for
/// anything. The caller strips a pattern suffix from `action` first if it accepts one.
pub(crate) fn sdk_name_problem(service: &str, action: &str) -> Option<String> {
    let placeholder = |part: &str| part.contains("${");
    if !placeholder(service)
        && (service.is_empty()
            || !service
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        return Some(if service.is_empty() {
            "names no service".to_owned()
        } else {
            format!("has `{service}` as its service, which is not a service name")
        });
    }
    if !placeholder(action)
        && (action.is_empty() || !action.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Some(if action.is_empty() {
            "names no action".to_owned()
        } else {
            format!("has `{action}` as its action, which is not an API action name")
        });
    }
    None
}

/// Why `text`, an ARN that [`Resource::parse`] keeps as [`Resource::Other`], is a
/// malformed AWS SDK integration, if it starts as one (`arn:<partition>:states:::aws-sdk:`)
/// but is not `aws-sdk:<service>:<action>[<pattern>]`.
pub(crate) fn malformed_sdk_text(text: &str) -> Option<String> {
    let mut parts = arn_parts(text);
    let prefix = [
        Some("arn"),
        None,
        Some("states"),
        Some(""),
        Some(""),
        Some("aws-sdk"),
    ];
    for expected in prefix {
        let part = parts.next()?;
        if expected.is_some_and(|expected| expected != part) {
            return None;
        }
    }
    let rest: Vec<&str> = parts.collect();
    // A placeholder may stand for the whole `<service>:<action>` (`aws-sdk:${SdkCall}`).
    if rest.iter().any(|part| part.contains("${")) {
        return None;
    }
    Some(format!(
        "has {} part{} after `aws-sdk:` where `<service>:<action>` are two",
        rest.len(),
        if rest.len() == 1 { "" } else { "s" }
    ))
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

    /// An optimized integration in the `aws` partition, such as `lambda:invoke`.
    #[must_use]
    pub fn integration(
        service: impl Into<Cow<'static, str>>,
        action: impl Into<Cow<'static, str>>,
        pattern: IntegrationPattern,
    ) -> Self {
        Self::Integration(ServiceIntegration {
            partition: Cow::Borrowed("aws"),
            family: IntegrationFamily::Optimized,
            service: service.into(),
            action: action.into(),
            pattern,
        })
    }

    /// An AWS SDK integration in the `aws` partition, such as `aws-sdk:s3:getObject`.
    #[must_use]
    pub fn aws_sdk(
        service: impl Into<Cow<'static, str>>,
        action: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::Integration(ServiceIntegration {
            partition: Cow::Borrowed("aws"),
            family: IntegrationFamily::AwsSdk,
            service: service.into(),
            action: action.into(),
            pattern: IntegrationPattern::RequestResponse,
        })
    }

    /// The HTTP Task resource, `arn:aws:states:::http:invoke`.
    #[must_use]
    pub fn http_invoke() -> Self {
        Self::integration("http", "invoke", IntegrationPattern::RequestResponse)
    }

    /// The same resource with another integration pattern. Resources that are not service
    /// integrations are returned unchanged.
    #[must_use]
    pub fn with_pattern(mut self, pattern: IntegrationPattern) -> Self {
        if let Self::Integration(integration) = &mut self {
            integration.pattern = pattern;
        }
        self
    }

    /// The service integration, if this is one.
    #[must_use]
    pub fn as_integration(&self) -> Option<&ServiceIntegration> {
        match self {
            Self::Integration(integration) => Some(integration),
            _ => None,
        }
    }

    /// The integration pattern; resources other than service integrations are
    /// request-response.
    #[must_use]
    pub fn pattern(&self) -> IntegrationPattern {
        self.as_integration()
            .map_or(IntegrationPattern::RequestResponse, |integration| {
                integration.pattern
            })
    }

    /// Whether the Task receives a task token (`.waitForTaskToken` or an activity).
    #[must_use]
    pub fn uses_task_token(&self) -> bool {
        matches!(self, Self::Activity(_)) || self.pattern() == IntegrationPattern::WaitForTaskToken
    }

    /// Whether a Task calling this resource surely has no task token (`$$.Task.Token`): a
    /// request-response integration or a Lambda function ARN. A callback task and an
    /// activity have one, and so has a `.sync` task (AWS was recorded passing the token of
    /// a `states:startExecution.sync` task); any other text may be a placeholder for
    /// either, and so may an action with a misspelt suffix (`invoke.waitForTaskTokn`).
    pub(crate) fn lacks_task_token(&self) -> bool {
        match self {
            Self::Integration(call) => {
                call.pattern == IntegrationPattern::RequestResponse
                    && !call.action.contains(['.', '$'])
                    && !call.service.contains('$')
            }
            Self::LambdaFunction(_) => true,
            Self::Activity(_) | Self::Other(_) => false,
        }
    }

    /// Whether this is the HTTP Task resource.
    #[must_use]
    pub fn is_http(&self) -> bool {
        self.as_integration().is_some_and(|integration| {
            integration.family == IntegrationFamily::Optimized
                && integration.service == "http"
                && integration.action == "invoke"
        })
    }
}

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
    fn malformed_sdk_names_are_told_apart() {
        use super::{malformed_sdk_text, sdk_name_problem};
        assert_eq!(sdk_name_problem("s3", "getObject"), None);
        assert_eq!(sdk_name_problem("${Service}", "${Action}"), None);
        assert_eq!(
            sdk_name_problem("", "").as_deref(),
            Some("names no service")
        );
        assert_eq!(
            sdk_name_problem("s3", "").as_deref(),
            Some("names no action")
        );
        assert!(sdk_name_problem("s3:getObject", "x").is_some());
        assert!(sdk_name_problem("s3", "listObjectsV2.sync").is_some());
        assert_eq!(
            malformed_sdk_text("arn:aws:states:::aws-sdk:s3:getObject:x:y").as_deref(),
            Some("has 4 parts after `aws-sdk:` where `<service>:<action>` are two")
        );
        assert!(malformed_sdk_text("arn:aws:states:::aws-sdk:s3").is_some());
        assert_eq!(
            Resource::parse("arn:aws:states:::aws-sdk:s3"),
            Resource::Other("arn:aws:states:::aws-sdk:s3".to_owned())
        );
        assert_eq!(
            malformed_sdk_text("arn:aws:states:::lambda:invoke:x:y"),
            None
        );
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
