//! Why an AWS SDK integration (`aws-sdk:<service>:<action>`) names no AWS API, for the
//! builders' checks and validation.

use super::arn::arn_parts;

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
            format!(
                "has `{}` as its service, which is not a service name",
                crate::shorten::quoted(service)
            )
        });
    }
    if !placeholder(action)
        && (action.is_empty() || !action.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Some(if action.is_empty() {
            "names no action".to_owned()
        } else {
            format!(
                "has `{}` as its action, which is not an API action name",
                crate::shorten::quoted(action)
            )
        });
    }
    None
}

/// Why `text`, an ARN that [`Resource::parse`](super::Resource::parse) keeps as
/// [`Resource::Other`](super::Resource::Other), is a malformed AWS SDK integration, if it
/// starts as one (`arn:<partition>:states:::aws-sdk:`) but is not
/// `aws-sdk:<service>:<action>[<pattern>]`.
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

#[cfg(test)]
mod tests {
    use crate::model::Resource;

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
}
