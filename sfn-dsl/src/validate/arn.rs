//! The shape of a `Resource` ARN: no whitespace, six or more parts, a partition AWS has.

use super::code::Code;
use super::cx::{At, Cx};
use crate::model::Resource;
use crate::source::Pointer;

/// The partitions AWS has (its `partitions.json`, 2026).
const PARTITIONS: [&str; 8] = [
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

/// An ARN has at least `arn:partition:service:region:account:resource`.
const MIN_PARTS: usize = 6;

/// Checks the ARN of a `Resource` that starts with `arn:`.
pub(super) fn check(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, resource: &Resource) {
    match resource {
        Resource::Other(text) => {
            if let Some(arn) = text.strip_prefix("arn:") {
                check_text(cx, at, pointer, text, arn);
            }
        }
        Resource::Integration(call) => {
            let parts = [&*call.partition, &*call.service, &*call.action];
            shape(cx, at, pointer, &call.partition, &parts);
        }
        Resource::LambdaFunction(function) => {
            let qualifier = function.qualifier.as_deref().unwrap_or_default();
            let parts = [
                &*function.partition,
                &*function.region,
                &*function.account,
                &*function.name,
                qualifier,
            ];
            shape(cx, at, pointer, &function.partition, &parts);
        }
        Resource::Activity(activity) => {
            let parts = [
                &*activity.partition,
                &*activity.region,
                &*activity.account,
                &*activity.name,
            ];
            shape(cx, at, pointer, &activity.partition, &parts);
        }
    }
}

/// An ARN the model holds as text: it may also be too short.
fn check_text(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, text: &str, arn: &str) {
    let mut parts = crate::model::arn_parts(arn);
    let partition = parts.next().unwrap_or_default();
    if !shape(cx, at, pointer, partition, &[arn]) {
        return;
    }
    // `arn:` and the partition are two parts.
    let count = 2 + parts.count();
    if count < MIN_PARTS && !super::values::is_substituted(text) {
        cx.push(
            at.diagnostic(
                Code::InvalidResource,
                pointer,
                format!(
                    "the `Resource` of state `{}` is not a complete ARN: `{}` has {} of the {MIN_PARTS} parts `arn:partition:service:region:account:resource`",
                    at.name,
                    super::values::shorten(text),
                    count,
                ),
            )
            .with_hint("for example `arn:aws:states:::lambda:invoke` or `arn:aws:lambda:us-east-1:123456789012:function:name`"),
        );
    }
}

/// Reports whitespace in `parts` (an error) or an unknown `partition` (a warning); returns
/// whether the ARN had no whitespace.
fn shape(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    partition: &str,
    parts: &[&str],
) -> bool {
    if parts.iter().any(|part| has_whitespace(part)) {
        cx.push(
            at.diagnostic(
                Code::InvalidResource,
                pointer,
                format!(
                    "the `Resource` of state `{}` contains whitespace, which no ARN does",
                    at.name
                ),
            )
            .with_hint("remove the spaces (a trailing space is easy to miss)"),
        );
        return false;
    }
    if !PARTITIONS.contains(&partition) && !partition.contains("${") {
        let close = crate::suggest::closest(partition, PARTITIONS);
        cx.push(
            at.diagnostic(
                Code::UnknownPartition,
                pointer,
                format!(
                    "the `Resource` of state `{}` is in the partition `{}`, which AWS does not have",
                    at.name,
                    super::values::shorten(partition),
                ),
            )
            .with_hint(match close {
                Some(close) => format!("did you mean `{close}`?"),
                None => "the partitions are `aws`, `aws-cn` and `aws-us-gov` (and the isolated `aws-iso*`, `aws-eusc`), or a `${Partition}` substitution (`${AWS::Partition}` inside an `Fn::Sub`)".to_owned(),
            }),
        );
    }
    true
}

/// Whether `text` contains whitespace: a byte scan for the ASCII range that holds it,
/// then, only if one is found, the exact Unicode test (validation runs this on every Task).
fn has_whitespace(text: &str) -> bool {
    text.bytes().any(|byte| byte <= b' ' || byte >= 0x80) && text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::has_whitespace;
    use crate::model::arn_parts;

    #[test]
    fn whitespace_is_found_in_any_script() {
        assert!(has_whitespace("invoke "));
        assert!(has_whitespace("a\tb"));
        assert!(has_whitespace("no\u{a0}break"));
        assert!(has_whitespace("ideographic\u{3000}space"));
        assert!(!has_whitespace("función-ß"));
        assert!(!has_whitespace("plain"));
    }

    #[test]
    fn placeholders_keep_their_colons() {
        assert_eq!(
            arn_parts("${AWS::Partition}:states:::lambda:invoke").collect::<Vec<_>>(),
            ["${AWS::Partition}", "states", "", "", "lambda", "invoke"]
        );
        assert_eq!(arn_parts("aws").collect::<Vec<_>>(), ["aws"]);
        assert_eq!(arn_parts("a:").collect::<Vec<_>>(), ["a", ""]);
    }
}
